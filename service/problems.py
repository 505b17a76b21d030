"""Errors as RFC 9457 problem details (``application/problem+json``), for every failure."""

from __future__ import annotations

import logging
import traceback
from typing import Any

from flask import Flask, Response, current_app, has_app_context, json, request
from marshmallow import ValidationError
from werkzeug.exceptions import HTTPException, InternalServerError

from schemas import ProblemSchema, ValidationProblemSchema

PROBLEM_JSON = "application/problem+json"
log = logging.getLogger(__name__)


class Problem(Exception):
    """An error with its status and a message for the caller."""

    def __init__(
        self,
        status: int,
        detail: str,
        *,
        title: str | None = None,
        errors: Any = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.title = title
        self.errors = errors  # field errors (a ValidationProblem)
        self.extra = extra or {}  # extension members (RFC 9457 section 3.2)


def problem_body(
    status: int,
    detail: str,
    *,
    instance: str,
    title: str | None = None,
    errors: Any = None,
    extra: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The RFC 9457 document: for an error response, and for a batch document answered in its place."""
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": title or _title(status),
        "status": status,
        "detail": detail,
        "instance": instance,
    }
    if errors is not None:
        body["errors"] = errors
    body.update(extra or {})
    return body


def problem_response(
    status: int,
    title: str,
    detail: str,
    *,
    errors: Any = None,
    headers: dict[str, str] | None = None,
    extra: dict[str, Any] | None = None,
) -> Response:
    body = problem_body(status, detail, instance=request.path, title=title, errors=errors, extra=extra)
    body = (ValidationProblemSchema() if errors is not None else ProblemSchema()).dump(body)
    response = Response(json.dumps(body), status=status, mimetype=PROBLEM_JSON)
    for key, value in (headers or {}).items():
        response.headers[key] = value
    return response


def _title(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


def register(app: Flask) -> None:
    """Every error the app can raise becomes problem+json."""

    @app.errorhandler(Problem)
    def _problem(exc: Problem) -> Response:
        title = exc.title or _title(exc.status)
        return problem_response(exc.status, title, exc.detail, errors=exc.errors, extra=exc.extra)

    @app.errorhandler(ValidationError)
    def _invalid(exc: ValidationError) -> Response:
        return problem_response(
            422,
            _title(422),
            "The request's fields are not valid: see `errors`.",
            errors=exc.normalized_messages(),
        )

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException) -> Response:
        status = exc.code or 500
        headers = {}
        valid_methods = getattr(exc, "valid_methods", None)  # set on 405 (MethodNotAllowed)
        if status == 405 and valid_methods:
            headers["Allow"] = ", ".join(valid_methods)
        return problem_response(status, _title(status), exc.description or _title(status), headers=headers)

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception) -> Response:
        if isinstance(exc, HTTPException):  # pragma: no cover - routed above
            return _http(exc)
        log_exception(log, exc, "unhandled error on %s %s", request.method, request.path)
        return problem_response(500, _title(500), InternalServerError.description)


def log_exception(logger: logging.Logger, exc: BaseException, message: str, *args: Any) -> None:
    """Log ``exc`` at ERROR with its traceback. Unless the ``log_text`` setting is on, the
    exception's message (which may quote the article) is left out: only its type and where
    it was raised are logged."""
    settings = current_app.config.get("SETTINGS") if has_app_context() else None
    if settings is not None and settings.log_text:
        logger.error(message, *args, exc_info=exc)
        return
    trace = "".join(traceback.format_tb(exc.__traceback__))
    logger.error(message + ": %s (message withheld: log_text is off)\n%s", *args, type(exc).__name__, trace)
