"""The Flask application factory."""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Mapping
from typing import Any

from flask import Flask, Response, g, request
from flask_cors import CORS

from . import auth, logging_setup, metrics, openapi, problems
from .config import Settings
from .extract import warm_up
from .extract.pipeline import load_pipeline

log = logging.getLogger("service")
_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app. Settings: defaults < NEWSFACTS_* environment < ``config``.

    The spaCy pipeline is loaded here, once per process (under gunicorn with
    ``preload_app`` that is once in the master, shared by the forked workers).
    """
    settings = Settings.from_env().with_overrides(config or {})
    app = Flask(__name__)
    app.config.update({k: v for k, v in (config or {}).items() if k.isupper()})
    app.config["SETTINGS"] = settings
    # Werkzeug refuses a larger body with 413 from its Content-Length, without reading it,
    # and stops a chunked body at this size.
    app.config["MAX_CONTENT_LENGTH"] = settings.max_body_bytes
    app.json.sort_keys = False  # type: ignore[attr-defined]
    app.json.ensure_ascii = False  # type: ignore[attr-defined]

    nlp = load_pipeline(settings.model)
    warm_up(settings.model)  # rule data loaded before gunicorn forks: shared by the workers
    app.extensions["newsfacts.nlp"] = nlp
    # spaCy refuses texts over nlp.max_length (1,000,000) with an error: a larger max_chars would be 500s.
    nlp.max_length = max(nlp.max_length, settings.max_chars + 1)
    log.info("model %s %s loaded", settings.model, nlp.meta.get("version"))

    problems.register(app)
    _register_request_ids(app)
    metrics.init_app(app)  # before auth: refused requests are timed and counted too
    logging_setup.init_app(app)
    _register_cors(app, settings)  # before auth: its after_request adds the headers to a 401 too
    auth.register(app, settings)
    openapi.register_views(app)
    return app


def _register_cors(app: Flask, settings: Settings) -> None:
    """CORS headers for the configured origins only (none by default: no headers at all)."""
    origins = settings.cors_origin_list
    if not origins:
        return
    CORS(
        app,
        origins=origins,
        allow_headers=["Authorization", "Content-Type", "X-Request-ID"],
        expose_headers=["X-Request-ID", "WWW-Authenticate"],
        methods=["GET", "POST", "OPTIONS"],
        max_age=600,
    )
    log.info("CORS: pages of %s may call the service", ", ".join(origins))


def _register_request_ids(app: Flask) -> None:
    @app.before_request
    def _assign() -> None:
        given = request.headers.get("X-Request-ID", "")
        g.request_id = given if _REQUEST_ID.fullmatch(given) else uuid.uuid4().hex

    @app.after_request
    def _headers(response: Response) -> Response:
        response.headers["X-Request-ID"] = g.get("request_id") or uuid.uuid4().hex
        response.headers["X-Content-Type-Options"] = "nosniff"
        return response
