"""The OpenAPI 3.1 document, built from the registered views and the marshmallow schemas.

Every view of the service is in :data:`BLUEPRINTS` (the app registers exactly these); a view
documented with :func:`service.apidoc.operation` is written at its route's path and method, in the
order the routes are registered. The components are the table :data:`COMPONENTS`.

``openapi.yaml`` at the project root is this document for the default settings (``python -m
service openapi > openapi.yaml``); a test fails when the committed file differs. The running
service serves the document for its own settings at ``GET /openapi.yaml``.
"""

from __future__ import annotations

import functools
import re
from http import HTTPStatus
from typing import Any

import yaml
from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from flask import Blueprint, Flask, Response, jsonify, url_for
from marshmallow import Schema

from schemas import AnalysisSchema, ExtractRequestSchema, ProblemSchema, ValidationProblemSchema
from schemas import common as closed
from schemas.batch import BatchItemSchema, BatchRequestSchema, BatchResponseSchema

from . import __version__, api, auth, batch, docs, metrics, render
from .apidoc import PROBLEM as PROBLEM_JSON
from .apidoc import content, operation, operation_of
from .config import Settings
from .extract.model import SECTIONS
from .extract.offsets import OFFSET_UNITS
from .request_input import settings

blueprint = Blueprint("openapi", __name__)

_DESCRIPTION = """\
Reads a news article and returns its entities, quotes (who said what), monetary
figures (exact amount, ISO 4217 currency) and event dates (TIMEX3 values, relative
dates resolved against the publication date).

All offsets (`start`, `end`) are code-point offsets into the submitted text
(`text[start:end]` is the span in Python), or on request UTF-16 code units
(`offsets=utf16`: JavaScript's `text.slice(start, end)`) or UTF-8 bytes (`offsets=utf8`).
A byte order mark (U+FEFF) at the start of the text is its first character: counted
in the offsets, read as a space. Every
error is an RFC 9457 problem document (`application/problem+json`).
"""

_STATUS: dict[str, Any] = {
    "type": "object",
    "required": ["status"],
    "properties": {"status": {"type": "string"}},
}
# Every component, in the document's order: a marshmallow schema, or a JSON schema. Named (not
# inline) so that generated clients get readable class names (Health, not HealthResponse200).
COMPONENTS: tuple[tuple[str, type[Schema] | dict[str, Any]], ...] = (
    ("ExtractRequest", ExtractRequestSchema),
    ("Analysis", AnalysisSchema),
    ("Problem", ProblemSchema),
    ("ValidationProblem", ValidationProblemSchema),
    ("Health", _STATUS),
    (
        "Readiness",
        {
            **_STATUS,
            "properties": {
                "status": {"type": "string"},
                "model": {"type": "string"},
                "model_version": {"type": "string"},
            },
        },
    ),
    ("Links", {"type": "object", "additionalProperties": {"type": "string"}}),
    ("BatchRequest", BatchRequestSchema),
    ("BatchItem", BatchItemSchema),
    ("BatchResponse", BatchResponseSchema),
)


# Closed sets of values, each a named enum in the document: wherever a schema lists exactly these
# values, it refers to the name instead, so a generated client has one type for each (not one per use).
NAMED_ENUMS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("Section", SECTIONS, "A section of the analysis."),
    ("OffsetUnit", OFFSET_UNITS, "The unit of `start` and `end` offsets."),
    ("EntityType", closed.ENTITY_TYPES, "OntoNotes entity type."),
    ("QuoteKind", closed.QUOTE_KINDS, "direct, partial, or scare quotes (never attributed)."),
    ("SpeakerResolution", closed.SPEAKER_RESOLUTIONS, "How a quote's speaker was found."),
    ("DateType", closed.TIMEX3_TYPES, "TIMEX3 type."),
    ("DateMod", closed.TIMEX3_MODS, "TIMEX3 mod."),
    ("DateRole", closed.DATE_ROLES, "What a date expression is: an event's date, or the dateline's."),
    ("PublishedSource", closed.PUBLISHED_SOURCES, "Where the publication date came from."),
    ("WarningCode", closed.WARNING_CODES, "What a warning is about."),
)


@blueprint.get("/openapi.yaml")
@operation(
    operation_id="openapi",
    summary="This document",
    responses={"200": content("The OpenAPI document.", "application/yaml", {"type": "object"})},
)
def openapi_yaml() -> Response:
    return Response(spec_yaml(settings()), mimetype="application/yaml")


@blueprint.get("/")
@operation(
    operation_id="index",
    summary="Where the spec and the endpoints are",
    responses={"200": content("Links.", "application/json", "Links")},
)
def index() -> Response:
    return jsonify(
        {
            "service": "newsfacts",
            "description": "Entities, quotes, money and dates from news articles.",
            "openapi": url_for("openapi.openapi_yaml"),
            "docs": url_for("docs.docs_page"),
            "metrics": url_for("metrics.metrics"),
            "render": url_for("render.render_form"),
            "extract": url_for("api.extract_one"),
            "batch": url_for("batch.extract_batch"),
        }
    )


# Every view of the service, in the order of the document's paths.
BLUEPRINTS = (api.blueprint, blueprint, batch.blueprint, render.blueprint, docs.blueprint, metrics.blueprint)


def register_views(app: Flask) -> None:
    for view_blueprint in BLUEPRINTS:
        app.register_blueprint(view_blueprint)


def build_spec(settings: Settings | None = None) -> dict[str, Any]:
    """The OpenAPI document as a dict, stating the limits of ``settings``."""
    settings = settings or Settings()
    spec = APISpec(
        title="newsfacts",
        version=__version__,
        openapi_version="3.1.0",
        plugins=[MarshmallowPlugin()],
        info={
            "description": _DESCRIPTION,
            "license": {"name": "Proprietary", "identifier": "LicenseRef-newsfacts"},
        },
        servers=[{"url": "http://localhost:8080", "description": "A local instance"}],
    )
    for name, component in COMPONENTS:
        if isinstance(component, dict):
            spec.components.schema(name, component=component)
        else:
            spec.components.schema(name, schema=component)
    for path, method, op in documented_operations(settings):
        spec.path(path=path, operations={method: op})
    document = spec.to_dict()
    _name_enums(document)
    _state_limits(document["components"]["schemas"], settings)
    docs.document(document)
    auth.document(document)
    _problem_examples(document)
    return document


def documented_operations(settings: Settings) -> list[tuple[str, str, dict[str, Any]]]:
    """(path, method, operation) of every documented view, in the order the routes are registered."""
    app = Flask(__name__)  # only to lay out the routes: no model, no settings
    register_views(app)
    found = []
    for rule in app.url_map.iter_rules():
        op = operation_of(app.view_functions[rule.endpoint], settings)
        if op is not None:
            path = re.sub(r"<(?:[^<>:]+:)?([^<>]+)>", r"{\1}", rule.rule)
            for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
                found.append((path, method.lower(), op))
    return found


def _name_enums(document: dict[str, Any]) -> None:
    """Each inline enum of :data:`NAMED_ENUMS` becomes a reference to its named schema (nullable
    where it was), in the components and the parameters."""
    schemas = document["components"]["schemas"]
    by_values = {frozenset(values): name for name, values, _ in NAMED_ENUMS}

    def named(schema: dict[str, Any]) -> dict[str, Any]:
        values = [v for v in schema.get("enum", ()) if v is not None]
        name = by_values.get(frozenset(values)) if values else None
        if name is None:
            return {k: (walk(v) if isinstance(v, (dict, list)) else v) for k, v in schema.items()}
        ref: dict[str, Any] = {"$ref": f"#/components/schemas/{name}"}
        nullable = None in schema["enum"] or "null" in (schema.get("type") or ())
        rest = {k: v for k, v in schema.items() if k in ("description", "default", "example")}
        return {"anyOf": [ref, {"type": "null"}], **rest} if nullable else {**ref, **rest}

    def walk(value: Any) -> Any:
        if isinstance(value, list):
            return [walk(v) for v in value]
        return named(value) if isinstance(value, dict) else value

    for key in list(schemas):
        schemas[key] = walk(schemas[key])
    for operations in document.get("paths", {}).values():
        for op in operations.values():
            for parameter in op.get("parameters", ()):
                parameter["schema"] = walk(parameter["schema"])
    for name, values, description in NAMED_ENUMS:
        schemas[name] = {"type": "string", "enum": list(values), "description": description}


def _problem_examples(document: dict[str, Any]) -> None:
    """Each problem response's example carries its own status and title (not the schema's 422)."""
    for path, operations in document.get("paths", {}).items():
        for op in operations.values():
            for status, response in op.get("responses", {}).items():
                media = response.get("content", {}).get(PROBLEM_JSON)
                if media is None or not status.isdigit():
                    continue
                phrase = HTTPStatus(int(status)).phrase
                example: dict[str, Any] = {
                    "type": "about:blank",
                    "title": phrase,
                    "status": int(status),
                    "detail": response["description"],
                    "instance": path,
                }
                if media["schema"].get("$ref", "").endswith("/ValidationProblem"):
                    example["errors"] = {"text": ["Must contain some non-whitespace text."]}
                content = {**response["content"], PROBLEM_JSON: {**media, "example": example}}
                op["responses"][status] = {**response, "content": content}  # shared dicts stay as they are


def _state_limits(schemas: dict[str, Any], settings: Settings) -> None:
    """The limits of ``settings`` in the request schemas (the marshmallow schemas do not know them)."""
    text = schemas["ExtractRequest"]["properties"]["text"]
    text.update(maxLength=settings.max_chars, minLength=1, pattern=r"\S")  # not only whitespace
    schemas["BatchRequest"]["properties"]["documents"]["maxItems"] = settings.max_batch


class _Dumper(yaml.SafeDumper):
    """YAML with multi-line strings as literal blocks, so the spec reads well."""

    def ignore_aliases(self, data: Any) -> bool:
        return True  # a schema shared by two fields is written out twice, not as &id001 anchors


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


@functools.lru_cache(maxsize=4)
def spec_yaml(settings: Settings) -> str:
    """The document for ``settings`` as YAML, built once per settings (it is served on every GET)."""
    return dump_yaml(build_spec(settings))


def dump_yaml(document: dict[str, Any]) -> str:
    return yaml.dump(document, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
