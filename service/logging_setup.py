"""Structured logs: one JSON object per line, and one line per request with its request id.

The request line says what was asked and how it went (method, route, status, duration, sizes,
per-step timings), never what the article says: no body, no query string, no text.

:func:`init_app` (called by the app factory) emits the request lines on the ``service.request``
logger; :func:`configure` (called by ``gunicorn.conf.py``, and by anyone embedding the app) makes
the ``service`` loggers write JSON lines to stderr.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import sys
import time
from typing import IO, Any

from flask import Flask, Response, g, request

from .metrics import route_of_request

REQUEST_LOGGER = "service.request"
_HANDLER_NAME = "newsfacts-json"
# LogRecord attributes that are not extra fields given by the caller.
_STANDARD = set(logging.LogRecord("", 0, "", 0, "", None, None).__dict__) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    """A record as one line of JSON: time (UTC, RFC 3339), level, logger, message, then its extra fields."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in record.__dict__.items():
            if key not in _STANDARD and not key.startswith("_"):
                line[key] = value
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)


class _StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever ``sys.stderr`` is when a record comes (follows a replaced stderr)."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    @property  # type: ignore[override]
    def stream(self) -> IO[str]:
        return sys.stderr

    @stream.setter
    def stream(self, value: IO[str]) -> None:
        pass


def configure(level: str = "info", stream: IO[str] | None = None) -> logging.Handler:
    """Send the ``service`` loggers' records to ``stream`` (default: stderr) as JSON lines, at ``level``.

    Idempotent: calling it again replaces the handler it installed before. Records still
    propagate to the root logger (which has no handler under gunicorn).
    """
    logger = logging.getLogger("service")
    for old in [h for h in logger.handlers if h.get_name() == _HANDLER_NAME]:
        logger.removeHandler(old)
    handler: logging.Handler = logging.StreamHandler(stream) if stream is not None else _StderrHandler()
    handler.set_name(_HANDLER_NAME)
    handler.setFormatter(JsonFormatter())
    logger.addHandler(handler)
    logger.setLevel(level.upper())
    return handler


def init_app(app: Flask) -> None:
    """Log one line per request on ``service.request`` (after the response is built)."""
    log = logging.getLogger(REQUEST_LOGGER)

    @app.before_request
    def _start() -> None:
        g.log_started = time.perf_counter()

    @app.after_request
    def _log(response: Response) -> Response:
        started = g.pop("log_started", None)
        fields: dict[str, Any] = {
            "request_id": g.get("request_id"),
            "method": request.method,
            "path": request.path,
            "route": route_of_request(),
            "status": response.status_code,
            "duration_ms": round((time.perf_counter() - started) * 1000, 2) if started is not None else None,
            "bytes_in": request.content_length,
            "remote_addr": request.remote_addr,
        }
        extractions = g.get("extractions")
        if extractions:
            fields["documents"] = len(extractions)
            fields["chars"] = sum(e["chars"] for e in extractions)
            if len(extractions) == 1:
                fields["timings_ms"] = extractions[0]["timings_ms"]
        log.info("%s %s %s", request.method, request.path, response.status_code, extra=fields)
        return response
