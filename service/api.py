"""HTTP views: translate requests to ``service.extract`` calls and results back to JSON."""

from __future__ import annotations

import codecs
import json
import re
from typing import Any, NoReturn

from flask import Blueprint, Response, current_app, jsonify, request, url_for
from marshmallow import ValidationError

from schemas import AnalysisSchema, ExtractRequestSchema

from . import metrics
from .config import Settings
from .extract import SECTIONS, Analysis, count_tokens, extract
from .problems import Problem

blueprint = Blueprint("api", __name__)

JSON_TYPES = ("application/json",)
TEXT_TYPES = ("text/plain",)
_request_schema = ExtractRequestSchema()
_SURROGATE = re.compile("[\ud800-\udfff]")
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
            "docs": url_for("docs.docs_page"),
            "metrics": url_for("metrics.metrics"),
            "render": url_for("render.render_form"),
            "extract": url_for("api.extract_one"),
            "batch": url_for("batch.extract_batch"),
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
    return jsonify(
        {"status": "ready", "model": settings().model, "model_version": nlp.meta.get("version", "")}
    )


@blueprint.get("/openapi.yaml")
def openapi_yaml() -> Response:
    from .openapi import spec_yaml  # here: openapi documents the batch view, which imports this module

    return Response(spec_yaml(settings()), mimetype="application/yaml")


@blueprint.post("/v1/extract")
def extract_one() -> Response:
    """Read one article: a JSON body, or the raw text as text/plain with ?published=."""
    fields = _request_fields()
    loaded: dict[str, Any] = _request_schema.load(fields)
    return jsonify(_analysis_schema.dump(run_extraction(loaded)))


def run_extraction(loaded: dict[str, Any]) -> Analysis:
    """Extract from validated request fields (text, published, include), counting it in the metrics."""
    check_length(loaded["text"], settings().max_chars)
    check_tokens(loaded["text"], settings())
    timings: dict[str, float] = {}
    result = extract(
        loaded["text"],
        loaded.get("published"),
        model=settings().model,
        include=loaded.get("include") or SECTIONS,
        timings=timings,
        quotes=loaded.get("quotes", "all"),
    )
    metrics.record_extraction(len(loaded["text"]), timings)
    return result


def check_length(text: str, limit: int) -> None:
    """422 (a field error on ``text``) for a text over the ``limit`` in characters."""
    if len(text) > limit:
        raise ValidationError({"text": [f"Longer than the limit of {limit} characters ({len(text)})."]})


def check_tokens(text: str, config: Settings) -> None:
    """422 (a field error on ``text``) for a text of more than ``config.max_tokens`` tokens.

    Only a text longer than that many characters can have so many (a token has at least one
    character), so ordinary requests skip the count."""
    if len(text) <= config.max_tokens:
        return
    n = count_tokens(text, config.model)
    if n > config.max_tokens:
        raise ValidationError(
            {
                "text": [
                    f"More than the limit of {config.max_tokens} tokens ({n}): news has about one token "
                    "per five characters; text this dense would not be read within the time limit."
                ]
            }
        )


def _request_fields() -> Any:
    """The request's fields: the JSON body, or ``text`` from a text/plain body; then the query's
    ``published`` and ``include``, which take precedence over the JSON body's (a query parameter
    given twice is a 400, and so is ``text`` in the query)."""
    mimetype = request.mimetype
    fields: Any
    if mimetype in JSON_TYPES or mimetype.endswith("+json"):
        fields = _parse_json(_body_text())
    elif mimetype in TEXT_TYPES:
        fields = {"text": _body_text()}
    else:
        given = f"'{mimetype}'" if mimetype else "no Content-Type"
        raise Problem(
            415,
            f'Send application/json ({{"text": ...}}) or text/plain (the article itself); got {given}.',
        )
    if isinstance(fields, dict):  # anything else is refused by the schema
        if request.args and mimetype not in TEXT_TYPES:
            # The body must be valid on its own, even where the query overrides it.
            _request_schema.load(fields)
        seen: set[str] = set()
        for key, value in request.args.items(multi=True):
            if key in seen or key == "text":
                _bad(
                    400,
                    f"Query parameter {key!r} given more than once."
                    if key in seen
                    else "The text goes in the body, not in the query.",
                )
            seen.add(key)
            fields[key] = [v for v in value.split(",") if v] if key == "include" else value
    return fields


def _body_text() -> str:
    raw = _read_body()
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    else:
        encoding = request.mimetype_params.get("charset", "utf-8").lower()
        if encoding in ("utf-8", "utf8"):
            encoding = "utf-8-sig"  # a UTF-8 byte order mark is dropped, not read as text
    try:
        codec = codecs.lookup(encoding)
    except (LookupError, ValueError):  # ValueError: a NUL in the name
        raise Problem(415, f"Unknown charset {encoding!r}; send UTF-8.") from None
    if not getattr(codec, "_is_text_encoding", True):  # base64, hex, zlib, rot13: bytes-to-bytes codecs
        raise Problem(415, f"{encoding!r} is not a text charset; send UTF-8.")
    name = encoding.removesuffix("-sig").upper()
    try:
        text = raw.decode(encoding)
    except UnicodeError as exc:  # UnicodeDecodeError, or UnicodeError from codecs such as idna
        where = f": byte {exc.start} cannot be decoded" if isinstance(exc, UnicodeDecodeError) else ""
        _bad(400, f"The body is not valid {name}{where}.")
    if _SURROGATE.search(text):  # utf-7 can decode to a lone surrogate, which is not text
        _bad(400, f"The body is not valid {name}: it decodes to an unpaired surrogate.")
    return text


def _read_body() -> bytes:
    """The whole body. Reading to the end makes a streamed (chunked) body over the
    size limit raise 413 instead of being silently cut at the limit."""
    chunks = []
    while chunk := request.stream.read(64 * 1024):
        chunks.append(chunk)
    return b"".join(chunks)


def _parse_json(text: str) -> Any:
    try:
        value = json.loads(text, object_pairs_hook=_no_duplicate_keys)
    except RecursionError:
        _bad(400, "The JSON body is nested too deeply.")
    except ValueError as exc:
        _bad(400, f"The body is not valid JSON: {exc}.")
    _reject_lone_surrogates(value)
    return value


def _reject_lone_surrogates(value: Any) -> None:
    """400 when a JSON string holds an unpaired surrogate escape (``"\\ud800"``): not Unicode text,
    it cannot be parsed or written back as UTF-8. (A valid pair is already one code point.)"""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if _SURROGATE.search(item):
                _bad(400, "The JSON body is not valid Unicode: a string holds an unpaired surrogate escape.")
        elif isinstance(item, dict):
            stack.extend(item)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj: dict[str, Any] = {}
    for key, value in pairs:
        if key in obj:
            raise ValueError(f"duplicate key {key!r}")
        obj[key] = value
    return obj


def _bad(status: int, detail: str) -> NoReturn:
    raise Problem(status, detail)
