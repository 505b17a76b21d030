"""OpenAPI operations, declared next to their views.

A view is documented with ``@operation(operation_id=..., summary=..., responses=...)`` under its
route decorator; :mod:`service.openapi` finds the documented views among the app's routes and writes
each operation at its route's path and method. A field's value may be a function of the
:class:`Settings` (the limits the document states). Field names are written in snake case
(``operation_id``, ``request_body``) and become OpenAPI's camel case.

Also here: the pieces several operations share (problem responses, the article request body).
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Callable
from html import escape
from importlib import resources
from typing import Any, TypeVar

from .config import Settings
from .extract.offsets import DEFAULT_UNIT, OFFSET_UNITS

PROBLEM = "application/problem+json"
View = TypeVar("View", bound=Callable[..., Any])
_OPERATIONS: dict[Callable[..., Any], dict[str, Any]] = {}


def operation(**fields: Any) -> Callable[[View], View]:
    """Document the view below: its OpenAPI operation, field by field (a value or a function of the
    settings)."""

    def mark(view: View) -> View:
        _OPERATIONS[view] = fields
        return view

    return mark


def operation_of(view: Callable[..., Any], settings: Settings) -> dict[str, Any] | None:
    """The OpenAPI operation of ``view`` for ``settings``; None for an undocumented view."""
    fields = _OPERATIONS.get(view)
    if fields is None:
        return None
    # Copies: apispec resolves schema names in place.
    return {_camel(k): (v(settings) if callable(v) else copy.deepcopy(v)) for k, v in fields.items()}


def _camel(name: str) -> str:
    first, *rest = name.split("_")
    return first + "".join(word.title() for word in rest)


def problem(description: str, schema: str = "Problem") -> dict[str, Any]:
    """A response whose body is a problem document."""
    return {"description": description, "content": {PROBLEM: {"schema": schema}}}


def content(description: str, media_type: str, schema: str | dict[str, Any]) -> dict[str, Any]:
    """A response with one body (``schema``: a component's name, or a schema)."""
    return {"description": description, "content": {media_type: {"schema": schema}}}


def html(description: str) -> dict[str, Any]:
    return content(description, "text/html", {"type": "string"})


def errors(settings: Settings) -> dict[str, Any]:
    """The error responses of a request that carries an article (each call makes new dicts)."""
    return {
        "400": problem(
            "Malformed body: not valid JSON, not valid in its charset, or not readable (a malformed "
            "chunked transfer encoding)."
        ),
        "413": problem(f"Body larger than {settings.max_body_bytes} bytes; refused before it is read."),
        "415": problem(
            "Content-Type is not application/json, text/plain or text/html, or its charset is not accepted "
            "(UTF-8, UTF-16, UTF-32 and the WHATWG encodings are)."
        ),
        "422": problem(
            f"Invalid fields: empty text, text over {settings.max_chars} characters or "
            f"{settings.max_tokens} tokens, a malformed "
            "`published`, an unknown section in `include` or value of `offsets`, an unknown field, "
            "or a text in a language newsfacts does not read (`language` names it).",
            "ValidationProblem",
        ),
        "500": problem("Unexpected failure (a bug: please report it with the X-Request-ID)."),
    }


OFFSETS_PARAMETER: dict[str, Any] = {
    "name": "offsets",
    "in": "query",
    "required": False,
    "description": "The unit of every `start`/`end` in the response (over the JSON body's field): "
    "`codepoint` (default; Python), `utf16` (JavaScript, Java, C#) or `utf8` (bytes: Go, Rust).",
    "schema": {"type": "string", "enum": list(OFFSET_UNITS), "default": DEFAULT_UNIT},
}


@functools.cache
def sample_article() -> str:
    """The sample article (packaged data): the request example of the interactive docs."""
    return resources.files(__package__).joinpath("data", "sample_article.txt").read_text(encoding="utf-8")


def _as_page(text: str) -> str:
    """``text`` as a web page: its paragraphs (blank-line separated) as ``<p>`` elements."""
    paragraphs = "\n".join(f"<p>{escape(p.strip())}</p>" for p in text.split("\n\n") if p.strip())
    return f"<!doctype html>\n<html><head><title>Article</title></head><body>\n{paragraphs}\n</body></html>"


def article_body(settings: Settings) -> dict[str, Any]:
    """The request body of ``POST /v1/extract`` (and ``/v1/render``): JSON or the text itself, with the
    sample article as the example of each."""
    text = sample_article()
    return {
        "required": True,
        "content": {
            "application/json": {
                "schema": "ExtractRequest",
                "examples": {
                    "sample": {
                        "summary": "The sample article (its dateline gives the publication date)",
                        "value": {"text": text},
                    }
                },
            },
            "text/plain": {
                "schema": {
                    "type": "string",
                    "minLength": 1,
                    "maxLength": settings.max_chars,
                    "pattern": r"\S",
                },
                "examples": {"sample": {"summary": "The sample article", "value": text}},
            },
            "text/html": {
                "schema": {"type": "string", "minLength": 1, "maxLength": settings.max_chars},
                "examples": {"sample": {"summary": "A web page", "value": _as_page(text)}},
            },
        },
    }
