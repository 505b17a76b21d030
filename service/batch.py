"""`POST /v1/extract/batch`: many articles in one request, read together with ``nlp.pipe``.

Each document is answered in its place: a document that is invalid (empty text, a bad
``published``, too long) or whose extraction fails gets a problem object (RFC 9457) while the
others are read; the request itself fails only when its envelope is wrong (not JSON, no
``documents``, more than ``max_batch`` of them, more than ``max_batch_chars`` characters or
``max_batch_tokens`` tokens in all).
"""

from __future__ import annotations

import logging
from typing import Any

from flask import Blueprint, Response, g, jsonify, request
from marshmallow import ValidationError

from schemas.batch import BatchDocumentSchema, BatchEnvelopeSchema, BatchResponseSchema

from . import metrics, problems
from .apidoc import OFFSETS_PARAMETER, content, errors, operation, problem
from .config import Settings
from .extract import SECTIONS, extract_each
from .extract.markup import anchor_of, as_asked
from .extract.offsets import convert_offsets
from .intake import check_batch_tokens, check_language, check_length, check_tokens, for_extraction, readable
from .request_input import json_body, settings

blueprint = Blueprint("batch", __name__)
log = logging.getLogger(__name__)

_envelope_schema = BatchEnvelopeSchema()
_document_schema = BatchDocumentSchema()
_response_schema = BatchResponseSchema()


def _description(s: Settings) -> str:
    return (
        f"Up to {s.max_batch} documents and {s.max_batch_chars} characters in all; "
        f"each text up to {s.max_chars} characters and {s.max_tokens} tokens, and at most "
        f"{s.max_batch_tokens} tokens in all. The documents are parsed together "
        "(faster than one request each) and every one is answered in its place, in order: "
        "an invalid document (e.g. an empty text) gets a `problem` with its status while the "
        "others get their `analysis`. `id` and `published` are echoed back. `include` applies "
        "to every document and skips the work the other sections need. The whole batch must "
        f"finish within the server's worker timeout ({s.timeout} s) or the worker is "
        "restarted and the request fails: size batches to finish well within it."
    )


def _responses(s: Settings) -> dict[str, Any]:
    return {
        "200": content(
            "One result per document (each with its own status).", "application/json", "BatchResponse"
        ),
        **errors(s),
        "415": problem("Content-Type is not application/json."),
        "422": problem(
            f"Invalid envelope: no `documents`, more than {s.max_batch} of them, more than "
            f"{s.max_batch_chars} characters or {s.max_batch_tokens} tokens in all, an unknown section "
            "in `include`, or an unknown field. (An invalid document is answered in its place, not "
            "with 422.)",
            "ValidationProblem",
        ),
    }


@blueprint.post("/v1/extract/batch")
@operation(
    operation_id="extractBatch",
    summary="Extract from many articles in one request",
    description=_description,
    parameters=[OFFSETS_PARAMETER],
    request_body={"required": True, "content": {"application/json": {"schema": "BatchRequest"}}},
    responses=_responses,
)
def extract_batch() -> Response:
    """Read every document of the batch; one result per document, in order."""
    envelope: dict[str, Any] = _envelope_schema.load(_with_query(json_body('{"documents": [{"text": ...}]}')))
    config = settings()
    raw_documents: list[Any] = envelope["documents"]
    _check_envelope(raw_documents, config)
    include = tuple(envelope.get("include") or SECTIONS)

    results: list[dict[str, Any]] = [_echo(i, raw) for i, raw in enumerate(raw_documents)]
    valid: list[tuple[int, dict[str, Any]]] = []
    for i, raw in enumerate(raw_documents):
        try:
            valid.append((i, _load_document(raw, config)))
        except ValidationError as exc:
            results[i].update(_failure(i, 422, "The document's fields are not valid: see `errors`.", exc))
        except problems.Problem as exc:  # a language the pipeline does not read
            results[i].update(_failure(i, exc.status, exc.detail, errors=exc.errors, extra=exc.extra))
    check_batch_tokens([doc["readable"] for _, doc in valid], config)

    outcomes = extract_each(
        ((for_extraction(d["readable"]), anchor_of(d["markup"], d.get("published"))) for _, d in valid),
        model=config.model,
        include=include,
        quotes=envelope.get("quotes", "all"),
    )
    for (i, doc), outcome in zip(valid, outcomes, strict=True):
        if isinstance(outcome, Exception):
            problems.log_exception(log, outcome, "batch %s: document %d failed", g.get("request_id"), i)
            results[i].update(
                _failure(
                    i,
                    500,
                    "Unexpected failure reading this document (a bug: please "
                    "report it with the X-Request-ID and the index).",
                )
            )
        else:
            emptied = [w.section for w in outcome.warnings if w.code == "stage_failed" and w.section]
            metrics.record_extraction(len(outcome.text), outcome.timings, emptied)
            outcome = as_asked(doc["markup"], outcome, doc.get("published"))
            results[i].update(status=200, analysis=convert_offsets(outcome, envelope["offsets"]))
    failed = sum(1 for r in results if r["status"] != 200)
    body = {"results": results, "succeeded": len(results) - failed, "failed": failed}
    return jsonify(_response_schema.dump(body))


def _with_query(body: Any) -> Any:
    """The JSON body, its ``offsets`` replaced by the query's (as for a single extract request)."""
    if isinstance(body, dict) and "offsets" in request.args:
        offsets = request.args.getlist("offsets")
        if len(offsets) > 1:
            raise problems.Problem(400, "Query parameter 'offsets' given more than once.")
        body = {**body, "offsets": offsets[0]}
    return body


def _check_envelope(documents: list[Any], settings: Settings) -> None:
    """422 for the whole request when it is over the batch's size limits."""
    if len(documents) > settings.max_batch:
        raise ValidationError(
            {"documents": [f"More than the limit of {settings.max_batch} documents ({len(documents)})."]}
        )
    total = sum(len(d["text"]) for d in documents if isinstance(d, dict) and isinstance(d.get("text"), str))
    if total > settings.max_batch_chars:
        raise ValidationError(
            {"documents": [f"More than the limit of {settings.max_batch_chars} characters in all ({total})."]}
        )


def _load_document(raw: Any, settings: Settings) -> dict[str, Any]:
    """One document's fields, validated like a single extract request's."""
    if not isinstance(raw, dict):
        raise ValidationError({"_schema": ['A document must be an object: {"text": ...}.']})
    loaded: dict[str, Any] = _document_schema.load(raw)
    check_length(loaded["text"], settings.max_chars)
    text, markup = readable(loaded)
    check_tokens(text, settings)
    check_language(text, settings)
    return {**loaded, "readable": text, "markup": markup}


def _echo(index: int, raw: Any) -> dict[str, Any]:
    """The result's start: its position, and the ``id`` and ``published`` the caller sent (when strings)."""
    item: dict[str, Any] = {"index": index}
    if isinstance(raw, dict):
        for key in ("id", "published"):
            if isinstance(raw.get(key), str):
                item[key] = raw[key]
    return item


def _failure(
    index: int,
    status: int,
    detail: str,
    exc: ValidationError | None = None,
    *,
    errors: Any = None,
    extra: dict[str, Any] | None = None,
) -> dict[str, Any]:
    messages = exc.normalized_messages() if exc is not None else errors
    instance = f"{request.path}#/documents/{index}"
    body = problems.problem_body(status, detail, instance=instance, errors=messages, extra=extra)
    return {"status": status, "problem": body}
