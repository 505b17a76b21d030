"""newsfacts: entities, quotes, money and dates from news articles, over HTTP."""

from __future__ import annotations

__version__ = "0.1.0"

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from flask import Flask


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """The Flask app. ``config`` overrides settings read from NEWSFACTS_* variables."""
    from .app import create_app as _create

    return _create(config)
