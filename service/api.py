"""HTTP views: translate requests to ``service.extract`` calls and results back to JSON."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, current_app, jsonify

from schemas import AnalysisSchema, ExtractRequestSchema

from . import metrics
from .apidoc import OFFSETS_PARAMETER, article_body, content, errors, operation, problem
from .config import Settings
from .extract import SECTIONS, Analysis, extract
from .extract.markup import anchor_of, as_asked
from .extract.offsets import convert_offsets
from .intake import check_language, check_length, check_tokens, for_extraction, readable
from .problems import Problem
from .request_input import request_fields, settings

blueprint = Blueprint("api", __name__)

_request_schema = ExtractRequestSchema()
_analysis_schema = AnalysisSchema()
_SECTION = "|".join(SECTIONS)


def _extract_description(s: Settings) -> str:
    return (
        "Send JSON, or the article itself as `text/plain` "
        "(`curl --data-binary @article.txt -H 'Content-Type: text/plain'`) or `text/html` (a web page: "
        "its text is read, and offsets index the HTML as sent; as `format: html` in JSON) with "
        f"`?published=` and `?include=`. Text is limited to {s.max_chars} characters "
        f"and {s.max_tokens} spaCy tokens (news has about one token per five characters). "
        f"A request must finish within the server's worker timeout ({s.timeout} s), "
        "or the worker is restarted and the request fails."
    )


_QUERY = [
    {
        "name": "published",
        "in": "query",
        "required": False,
        "description": "The publication date (YYYY-MM-DD or RFC 3339), for a text/plain body "
        "(or over the JSON body's field).",
        "schema": {
            "anyOf": [{"type": "string", "format": "date"}, {"type": "string", "format": "date-time"}]
        },
    },
    {
        "name": "include",
        "in": "query",
        "required": False,
        "description": "Comma-separated sections to compute, for a text/plain body "
        "(or over the JSON body's field).",
        "schema": {
            "type": "string",
            "pattern": f"^,*(?:{_SECTION})(?:,+(?:{_SECTION}))*,*$",
            "example": ",".join(SECTIONS),
        },
    },
    OFFSETS_PARAMETER,
]


@blueprint.post("/v1/extract")
@operation(
    operation_id="extract",
    summary="Extract entities, quotes, money and dates from one article",
    description=_extract_description,
    parameters=_QUERY,
    request_body=article_body,
    responses=lambda s: {
        "200": content("What the article says.", "application/json", "Analysis"),
        **errors(s),
    },
)
def extract_one() -> Response:
    """Read one article: a JSON body, or the raw text as text/plain with ?published=."""
    loaded: dict[str, Any] = _request_schema.load(request_fields(_request_schema))
    result = convert_offsets(run_extraction(loaded), loaded["offsets"])
    return jsonify(_analysis_schema.dump(result))


def run_extraction(loaded: dict[str, Any], in_source: bool = True) -> Analysis:
    """Extract from validated request fields (text, published, include), counting it in the metrics.
    For HTML the offsets are the source's (``in_source``) or those of its plain text."""
    config = settings()
    check_length(loaded["text"], config.max_chars)
    text, markup = readable(loaded)
    check_tokens(text, config)
    language = check_language(text, config)
    timings: dict[str, float] = {}
    asked = loaded.get("published")
    result = extract(
        for_extraction(text),
        anchor_of(markup, asked),
        model=config.model,
        include=loaded.get("include") or SECTIONS,
        timings=timings,
        language=language,
        quotes=loaded.get("quotes", "all"),
    )
    failed = [w.section for w in result.warnings if w.code == "stage_failed" and w.section]
    metrics.record_extraction(len(loaded["text"]), timings, failed)
    return as_asked(markup, result, asked, in_source)


@blueprint.get("/healthz")
@operation(
    operation_id="health",
    summary="Liveness: the process answers",
    responses={"200": content("Alive.", "application/json", "Health")},
)
def healthz() -> Response:
    """Alive: the process answers."""
    return jsonify({"status": "ok"})


@blueprint.get("/readyz")
@operation(
    operation_id="readiness",
    summary="Readiness: the model is loaded",
    responses={
        "200": content("Ready to extract.", "application/json", "Readiness"),
        "503": problem("The model is not loaded."),
    },
)
def readyz() -> Response:
    """Ready: the model is loaded and can parse."""
    nlp = current_app.extensions.get("newsfacts.nlp")
    if nlp is None:
        raise Problem(503, "The model is not loaded yet.")
    return jsonify(
        {"status": "ready", "model": settings().model, "model_version": nlp.meta.get("version", "")}
    )
