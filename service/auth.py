"""Optional API keys for the ``/v1/*`` endpoints: ``Authorization: Bearer <key>``.

The service stores only SHA-256 digests of the keys it accepts (hex, 64 characters),
from the ``api_keys`` setting (comma-separated) and/or the file named by ``api_key_file``
(one digest per line, ``#`` comments allowed). A digest is made with
``printf %s "$KEY" | sha256sum``.

With no digest configured every request is let through, and start-up logs a warning.
With digests, a ``/v1/*`` request without a valid key gets 401 problem+json with a
``WWW-Authenticate: Bearer`` challenge before its body is read. Health, readiness,
``/`` and ``/openapi.yaml`` stay open, and so does the render form (``GET /v1/render``, a static page).
An HTML form (``POST /v1/render`` from that form) may carry the key in its ``api_key`` field instead of
the header (a browser cannot set one): its body is read first, and a missing or wrong key gets the
page again, as HTML, with status 401. The presented key is hashed and compared
with every stored digest by ``hmac.compare_digest``, so the time taken says nothing
about how much of a key matched or which one.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
from pathlib import Path
from typing import Any

from flask import Flask, Response, request
from markupsafe import escape

from .config import Settings
from .problems import problem_response

log = logging.getLogger("service.auth")

PROTECTED_PREFIX = "/v1/"
SCHEME = "bearerAuth"
REALM = "newsfacts"
_DIGEST = re.compile(r"[0-9a-f]{64}")
_BEARER = re.compile(r"Bearer[ \t]+([!-~]+)[ \t]*", re.I)
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
FORM_KEY_FIELD = "api_key"
OPEN_PAGES = ("/v1/render",)  # GET: a static form, no data
_REFUSED_FORM = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>newsfacts: API key needed</title></head>
<body><h1>API key needed</h1><p>{detail}</p><p><a href="{form}">Back to the form</a></p></body></html>
"""


def hash_key(key: str) -> str:
    """The SHA-256 hex digest of an API key (what the settings store)."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def load_digests(settings: Settings) -> tuple[bytes, ...]:
    """The accepted key digests from ``settings.api_keys`` and ``settings.api_key_file``.

    Raises ValueError for an entry that is not a SHA-256 hex digest, or OSError for an
    unreadable key file: a mistyped key list must stop the service, not open it.
    """
    entries = [(f"NEWSFACTS_API_KEYS item {i + 1}", e) for i, e in enumerate(settings.api_keys.split(","))]
    if settings.api_key_file:
        lines = Path(settings.api_key_file).read_text(encoding="utf-8").splitlines()
        entries += [
            (f"{settings.api_key_file} line {n}", line.split("#", 1)[0]) for n, line in enumerate(lines, 1)
        ]
    digests = []
    for where, entry in entries:
        entry = entry.strip().lower()
        if not entry:
            continue
        if not _DIGEST.fullmatch(entry):
            raise ValueError(f"{where} is not a SHA-256 hex digest (64 hex characters)")
        digests.append(entry.encode("ascii"))
    return tuple(dict.fromkeys(digests))


def is_valid(authorization: str | None, digests: tuple[bytes, ...]) -> bool:
    """Whether an ``Authorization`` header value carries a key whose digest is in ``digests``.

    Every digest is compared (no early exit), each in constant time.
    """
    match = _BEARER.fullmatch(authorization or "")
    if not match:
        return False
    presented = hash_key(match.group(1)).encode("ascii")
    found = False
    for digest in digests:
        found |= hmac.compare_digest(presented, digest)
    return found


def register(app: Flask, settings: Settings) -> None:
    """Check API keys on ``/v1/*`` requests of ``app`` when ``settings`` configure any."""
    digests = load_digests(settings)
    app.extensions["newsfacts.api_key_count"] = len(digests)
    if not digests:
        log.warning(
            "no API keys configured (NEWSFACTS_API_KEYS / NEWSFACTS_API_KEY_FILE): "
            "%s* is open to anyone who can reach the service",
            PROTECTED_PREFIX,
        )
        return
    log.info("API keys required on %s* (%d configured)", PROTECTED_PREFIX, len(digests))

    @app.before_request
    def _require_key() -> Response | None:
        if not request.path.startswith(PROTECTED_PREFIX) or request.method == "OPTIONS":
            return None  # a CORS preflight carries no key and gets no data
        if request.method == "GET" and request.path in OPEN_PAGES:
            return None
        header = request.headers.get("Authorization")
        form = header is None and request.method == "POST" and request.mimetype in FORM_TYPES
        if form:
            header = _form_key()
        if is_valid(header, digests):
            return None
        challenge = f'Bearer realm="{REALM}"'
        if header:
            challenge += ', error="invalid_token"'
        if form:
            return _refused_form(bool(header), challenge)
        if header:
            detail = "The API key is not valid: send `Authorization: Bearer <key>` with a key you were given."
        else:
            detail = "An API key is required: send `Authorization: Bearer <key>`."
        return problem_response(401, "Unauthorized", detail, headers={"WWW-Authenticate": challenge})


def _form_key() -> str | None:
    """The form's ``api_key`` as an Authorization header value; None when the form has none."""
    try:
        key = request.form.get(FORM_KEY_FIELD, "").strip()
    except Exception:  # noqa: BLE001 - an unreadable body: no key; the view would answer 400 anyway
        return None
    return f"Bearer {key}" if key else None


def _refused_form(given: bool, challenge: str) -> Response:
    """A form posted without a valid key: a page saying so, for the person at the browser."""
    detail = (
        "The API key is not valid: enter a key you were given."
        if given
        else "This service needs an API key: enter yours in the form's API key field."
    )
    page = _REFUSED_FORM.format(detail=escape(detail), form=escape(request.path))
    return Response(page, status=401, mimetype="text/html", headers={"WWW-Authenticate": challenge})


def document(spec: dict[str, Any]) -> None:
    """Add the ``bearerAuth`` scheme to an OpenAPI document, required by every ``/v1/*`` operation,
    each with its 401 response."""
    schemes = spec.setdefault("components", {}).setdefault("securitySchemes", {})
    schemes[SCHEME] = {
        "type": "http",
        "scheme": "bearer",
        "description": "An API key, as `Authorization: Bearer <key>`. Required when the service is "
        "configured with keys (NEWSFACTS_API_KEYS or NEWSFACTS_API_KEY_FILE); a service without "
        "keys lets every request through. Health, readiness, `/` and this document are always open.",
    }
    unauthorized = {
        "description": "No API key, or not a valid one (the service is configured with keys).",
        "headers": {
            "WWW-Authenticate": {
                "description": 'The challenge: `Bearer realm="newsfacts"`.',
                "schema": {"type": "string"},
            }
        },
        "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}},
    }
    for path, operations in spec.get("paths", {}).items():
        if not path.startswith(PROTECTED_PREFIX):
            continue
        for method, operation in operations.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            if method == "get" and path in OPEN_PAGES:
                continue
            operation["security"] = [{SCHEME: []}]
            responses = operation["responses"]
            ordered = {k: v for k, v in responses.items() if k < "401"}
            ordered["401"] = unauthorized
            ordered.update({k: v for k, v in responses.items() if k > "401"})
            operation["responses"] = ordered
