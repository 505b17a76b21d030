"""HTTP views: translate requests to ``service.extract`` calls and results back to JSON."""

from __future__ import annotations

import codecs
import json
from typing import Any, NoReturn

from flask import Blueprint, Response, current_app, jsonify, request, url_for

from schemas import AnalysisSchema, ExtractRequestSchema

from .config import Settings
from .extract import SECTIONS, extract
from .openapi import build_spec, dump_yaml
from .problems import Problem

blueprint = Blueprint("api", __name__)

JSON_TYPES = ("application/json",)
TEXT_TYPES = ("text/plain",)
_request_schema = ExtractRequestSchema()
_analysis_schema = AnalysisSchema()


def settings() -> Settings:
    return current_app.config["SETTINGS"]  # type: ignore[no-any-return]


@blueprint.get("/")
def index() -> Response:
    return jsonify(
        {
            "service": "newsfacts",
            "description": "Entities, quotes, money and dates from news articles.",
            "openapi": url_for("api.openapi_yaml"),
            "extract": url_for("api.extract_one"),
        }
    )


@blueprint.get("/healthz")
def healthz() -> Response:
    """Alive: the process answers."""
    return jsonify({"status": "ok"})


@blueprint.get("/readyz")
def readyz() -> Response:
    """Ready: the model is loaded and can parse."""
    nlp = current_app.extensions.get("newsfacts.nlp")
    if nlp is None:
        raise Problem(503, "The model is not loaded yet.")
    return jsonify({"status": "ready", "model": settings().model, "model_version": nlp.meta.get("version", "")})


@blueprint.get("/openapi.yaml")
def openapi_yaml() -> Response:
    text = dump_yaml(build_spec(settings()))
    return Response(text, mimetype="application/yaml")


@blueprint.post("/v1/extract")
def extract_one() -> Response:
    """Read one article: a JSON body, or the raw text as text/plain with ?published=."""
    fields = _request_fields()
    loaded: dict[str, Any] = _request_schema.load(fields)
    _check_length(loaded["text"])
    result = extract(
        loaded["text"],
        loaded.get("published"),
        model=settings().model,
        include=loaded.get("include") or SECTIONS,
    )
    return jsonify(_analysis_schema.dump(result))


def _check_length(text: str) -> None:
    limit = settings().max_chars
    if len(text) > limit:
        from marshmallow import ValidationError

        raise ValidationError({"text": [f"Longer than the limit of {limit} characters ({len(text)})."]})


def _request_fields() -> Any:
    mimetype = request.mimetype
    if mimetype in JSON_TYPES or mimetype.endswith("+json"):
        return _parse_json(_body_text())
    if mimetype in TEXT_TYPES:
        fields: dict[str, Any] = {"text": _body_text()}
        for key, value in request.args.items(multi=True):
            if key in fields:
                _bad(400, f"Query parameter {key!r} given more than once.")
            fields[key] = [v for v in value.split(",") if v] if key == "include" else value
        return fields
    given = f"'{mimetype}'" if mimetype else "no Content-Type"
    raise Problem(
        415,
        f"Send application/json ({{\"text\": ...}}) or text/plain (the article itself); got {given}.",
    )


def _body_text() -> str:
    raw = _read_body()
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    else:
        encoding = request.mimetype_params.get("charset", "utf-8").lower()
        if encoding in ("utf-8", "utf8"):
            encoding = "utf-8-sig"  # a UTF-8 byte order mark is dropped, not read as text
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise Problem(415, f"Unknown charset {encoding!r}; send UTF-8.") from None
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:
        _bad(400, f"The body is not valid {encoding.removesuffix('-sig').upper()}: byte {exc.start} cannot be decoded.")


def _read_body() -> bytes:
    """The whole body. Reading to the end makes a streamed (chunked) body over the
    size limit raise 413 instead of being silently cut at the limit."""
    chunks = []
    while chunk := request.stream.read(64 * 1024):
        chunks.append(chunk)
    return b"".join(chunks)


def _parse_json(text: str) -> Any:
    try:
        return json.loads(text, object_pairs_hook=_no_duplicate_keys)
    except RecursionError:
        _bad(400, "The JSON body is nested too deeply.")
    except ValueError as exc:
        _bad(400, f"The body is not valid JSON: {exc}.")


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj: dict[str, Any] = {}
    for key, value in pairs:
        if key in obj:
            raise ValueError(f"duplicate key {key!r}")
        obj[key] = value
    return obj


def _bad(status: int, detail: str) -> NoReturn:
    raise Problem(status, detail)
