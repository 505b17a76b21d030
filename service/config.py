"""Settings: defaults, overridden by NEWSFACTS_* environment variables, overridden by create_app(config)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Any

from .extract.pipeline import DEFAULT_MODEL

PREFIX = "NEWSFACTS_"


@dataclass(frozen=True, slots=True)
class Settings:
    """Every setting, with its default. Environment: NEWSFACTS_<NAME in upper case>."""

    model: str = DEFAULT_MODEL  # spaCy pipeline package: en_core_web_sm / _md / _lg / _trf
    max_chars: int = 200_000  # longest text accepted, in characters
    max_body_bytes: int = 4 * 1024 * 1024  # larger bodies get 413 before they are read
    max_batch: int = 64  # most documents in one batch request
    max_batch_chars: int = 400_000  # most characters, all documents together, in one batch request
    # Most spaCy tokens, all documents together, in one batch request: the parse time of one text at
    # max_tokens. 400,000 characters of news are ~80,000 tokens; of emoji, 400,000 (77 s to parse).
    max_batch_tokens: int = 100_000
    bind: str = "0.0.0.0:8080"  # gunicorn listen address
    workers: int = 0  # gunicorn workers; 0 = one per CPU core
    timeout: int = 120  # seconds a worker may spend on one request before it is restarted
    read_timeout: int = 30  # seconds a client has to send a whole request (then 408); see service/serving.py
    log_level: str = "info"
    log_text: bool = False  # put article text in logs (off: logs never carry it)
    api_keys: str = ""  # comma-separated SHA-256 hex digests of accepted API keys (none: /v1/* is open)
    api_key_file: str = ""  # file of SHA-256 hex digests of API keys, one a line (adds to api_keys)
    # comma-separated origins (https://app.example.com) whose browser pages may call the service (CORS);
    # none: no CORS headers, browsers keep other origins' pages out
    cors_origins: str = ""
    # read a text in a language the pipeline does not read (with a warning) instead of refusing it (422)
    allow_any_language: bool = False

    @property
    def cors_origin_list(self) -> list[str]:
        """The origins of ``cors_origins``, each without spaces or a trailing slash."""
        return [o.strip().rstrip("/") for o in self.cors_origins.split(",") if o.strip()]

    @property
    def max_tokens(self) -> int:
        """Most spaCy tokens in one text: half ``max_chars``. News runs at about one token per five
        characters; a text of one token per character (quote-mark soup, emoji) at the character limit
        takes the parser about 100 s on one core, near the worker timeout, so it is refused (422)."""
        return self.max_chars // 2

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        environ = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = environ.get(PREFIX + f.name.upper())
            if raw is not None:
                values[f.name] = _convert(f.name, raw, type(getattr(cls(), f.name)))
        return cls(**values)

    def with_overrides(self, overrides: Mapping[str, Any]) -> Settings:
        known = {f.name for f in fields(self)}
        return replace(self, **{k.lower(): v for k, v in overrides.items() if k.lower() in known})


def _convert(name: str, raw: str, kind: type) -> Any:
    if kind is bool:
        if raw.strip().lower() in {"1", "true", "yes", "on"}:
            return True
        if raw.strip().lower() in {"0", "false", "no", "off", ""}:
            return False
        raise ValueError(f"{PREFIX}{name.upper()}={raw!r} is not a boolean")
    if kind is int:
        try:
            return int(raw)
        except ValueError:
            raise ValueError(f"{PREFIX}{name.upper()}={raw!r} is not an integer") from None
    return raw
