"""The OpenAPI 3.1 document, generated from the marshmallow schemas.

``openapi.yaml`` at the project root is this document for the default
settings (``python -m service openapi > openapi.yaml``); a test fails when
the committed file differs. The running service serves the document for its
own settings at ``GET /openapi.yaml``.
"""

from __future__ import annotations

import functools
from typing import Any

import yaml
from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin

from schemas import AnalysisSchema, ExtractRequestSchema, ProblemSchema, ValidationProblemSchema

from . import __version__, auth, batch, docs
from .config import Settings
from .extract.model import SECTIONS

PROBLEM = "application/problem+json"

_DESCRIPTION = """\
Reads a news article and returns its entities, quotes (who said what), monetary
figures (exact amount, ISO 4217 currency) and event dates (TIMEX3 values, relative
dates resolved against the publication date).

All offsets (`start`, `end`) are code-point offsets into the submitted text:
`text[start:end]` is the span. Every error is an RFC 9457 problem document
(`application/problem+json`).
"""


def _problem(description: str, schema: str = "Problem") -> dict[str, Any]:
    return {"description": description, "content": {PROBLEM: {"schema": schema}}}


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
    spec.components.schema("ExtractRequest", schema=ExtractRequestSchema)
    spec.components.schema("Analysis", schema=AnalysisSchema)
    spec.components.schema("Problem", schema=ProblemSchema)
    spec.components.schema("ValidationProblem", schema=ValidationProblemSchema)
    request_props = spec.to_dict()["components"]["schemas"]["ExtractRequest"]["properties"]
    request_props["text"]["maxLength"] = settings.max_chars
    request_props["text"]["minLength"] = 1
    request_props["text"]["pattern"] = r"\S"  # not only whitespace

    errors = {
        "400": _problem("Malformed body: not valid JSON, or not valid UTF-8."),
        "413": _problem(f"Body larger than {settings.max_body_bytes} bytes; refused before it is read."),
        "415": _problem("Content-Type is neither application/json nor text/plain."),
        "422": _problem(
            f"Invalid fields: empty text, text over {settings.max_chars} characters or "
            f"{settings.max_tokens} tokens, a malformed "
            "`published`, an unknown section in `include`, or an unknown field.",
            "ValidationProblem",
        ),
        "500": _problem("Unexpected failure (a bug: please report it with the X-Request-ID)."),
    }
    spec.path(
        path="/v1/extract",
        operations={
            "post": {
                "operationId": "extract",
                "summary": "Extract entities, quotes, money and dates from one article",
                "description": "Send JSON, or the article itself as `text/plain` "
                "(`curl --data-binary @article.txt -H 'Content-Type: text/plain'`) with "
                f"`?published=` and `?include=`. Text is limited to {settings.max_chars} characters "
                f"and {settings.max_tokens} spaCy tokens (news has about one token per five characters). "
                f"A request must finish within the server's worker timeout ({settings.timeout} s), "
                "or the worker is restarted and the request fails.",
                "parameters": [
                    {
                        "name": "published",
                        "in": "query",
                        "required": False,
                        "description": "The publication date (YYYY-MM-DD or RFC 3339), for a text/plain body "
                        "(or over the JSON body's field).",
                        "schema": {"type": "string", "anyOf": [{"format": "date"}, {"format": "date-time"}]},
                    },
                    {
                        "name": "include",
                        "in": "query",
                        "required": False,
                        "description": "Comma-separated sections to compute, for a text/plain body "
                        "(or over the JSON body's field).",
                        "schema": {
                            "type": "string",
                            "pattern": f"^,*(?:{'|'.join(SECTIONS)})(?:,+(?:{'|'.join(SECTIONS)}))*,*$",
                            "example": ",".join(SECTIONS),
                        },
                    },
                ],
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {"schema": "ExtractRequest"},
                        "text/plain": {
                            "schema": {
                                "type": "string",
                                "minLength": 1,
                                "maxLength": settings.max_chars,
                                "pattern": r"\S",
                            }
                        },
                    },
                },
                "responses": {
                    "200": {
                        "description": "What the article says.",
                        "content": {"application/json": {"schema": "Analysis"}},
                    },
                    **errors,
                },
            }
        },
    )
    status_schema = {
        "type": "object",
        "required": ["status"],
        "properties": {"status": {"type": "string"}},
    }
    # Named (not inline) so that generated clients get readable class names (Health, not HealthResponse200).
    spec.components.schema("Health", component=status_schema)
    spec.components.schema(
        "Readiness",
        component={
            **status_schema,
            "properties": {
                "status": {"type": "string"},
                "model": {"type": "string"},
                "model_version": {"type": "string"},
            },
        },
    )
    spec.components.schema("Links", component={"type": "object", "additionalProperties": {"type": "string"}})
    spec.path(
        path="/healthz",
        operations={
            "get": {
                "operationId": "health",
                "summary": "Liveness: the process answers",
                "responses": {
                    "200": {"description": "Alive.", "content": {"application/json": {"schema": "Health"}}}
                },
            }
        },
    )
    spec.path(
        path="/readyz",
        operations={
            "get": {
                "operationId": "readiness",
                "summary": "Readiness: the model is loaded",
                "responses": {
                    "200": {
                        "description": "Ready to extract.",
                        "content": {"application/json": {"schema": "Readiness"}},
                    },
                    "503": _problem("The model is not loaded."),
                },
            }
        },
    )
    spec.path(
        path="/openapi.yaml",
        operations={
            "get": {
                "operationId": "openapi",
                "summary": "This document",
                "responses": {
                    "200": {
                        "description": "The OpenAPI document.",
                        "content": {"application/yaml": {"schema": {"type": "object"}}},
                    }
                },
            }
        },
    )
    spec.path(
        path="/",
        operations={
            "get": {
                "operationId": "index",
                "summary": "Where the spec and the endpoints are",
                "responses": {
                    "200": {
                        "description": "Links.",
                        "content": {"application/json": {"schema": "Links"}},
                    }
                },
            }
        },
    )
    batch.document(spec, settings, errors)
    document = spec.to_dict()
    document["components"]["schemas"]["ExtractRequest"]["properties"] = request_props
    docs.document(document)
    auth.document(document)
    return document


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
