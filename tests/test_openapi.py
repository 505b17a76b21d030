"""openapi.yaml is the contract: valid, up to date with the schemas, and what the service really does."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from openapi_spec_validator import validate

from service.openapi import build_spec, dump_yaml
from tests.spec_check import check_response

ROOT = Path(__file__).resolve().parent.parent
COMMITTED = ROOT / "openapi.yaml"


@pytest.fixture(scope="module")
def spec() -> dict:
    return yaml.safe_load(COMMITTED.read_text(encoding="utf-8"))


def test_committed_spec_is_valid_openapi_3_1(spec):
    assert spec["openapi"].startswith("3.1")
    validate(spec)


def test_committed_spec_matches_the_schemas():
    """Regenerate with `python -m service openapi > openapi.yaml` after changing a schema."""
    assert COMMITTED.read_text(encoding="utf-8") == dump_yaml(build_spec()), (
        "openapi.yaml is stale: run `.venv/bin/python -m service openapi > openapi.yaml`"
    )


def test_served_spec_is_the_generated_one(client):
    response = client.get("/openapi.yaml")
    assert response.status_code == 200
    assert yaml.safe_load(response.get_data(as_text=True)) == build_spec(
        client.application.config["SETTINGS"]
    )


# (method, path, request kwargs): every endpoint, its success and its documented failures.
LIVE_CASES = [
    ("GET", "/", {}),
    ("GET", "/healthz", {}),
    ("GET", "/readyz", {}),
    ("GET", "/openapi.yaml", {}),
    ("POST", "/v1/extract", {"json": {"text": "Denmark said it was donating 1.7 billion kroner."}}),
    ("POST", "/v1/extract", {"json": {"text": "Shoigu spoke on Tuesday.", "published": "2023-05-02"}}),
    ("POST", "/v1/extract", {"json": {"text": "Shoigu spoke.", "include": ["entities"]}}),
    (
        "POST",
        "/v1/extract?published=2023-05-02",
        {"data": "Reznikov said Monday.", "content_type": "text/plain"},
    ),
    ("POST", "/v1/extract", {"data": "{not json", "content_type": "application/json"}),
    ("POST", "/v1/extract", {"data": b"caf\xc3", "content_type": "text/plain"}),
    ("POST", "/v1/extract", {"data": "<p>hi</p>", "content_type": "text/html"}),
    ("POST", "/v1/extract", {"json": {"text": ""}}),
    ("POST", "/v1/extract", {"json": {"text": "x", "published": "May 2"}}),
]


@pytest.mark.parametrize(("method", "path", "kwargs"), LIVE_CASES, ids=lambda v: str(v)[:40])
def test_live_responses_conform_to_the_spec(client, spec, method, path, kwargs):
    response = client.open(path, method=method, **kwargs)
    check_response(spec, path.split("?")[0], method, response)


def test_the_spec_states_the_configured_limits(spec):
    request = spec["components"]["schemas"]["ExtractRequest"]["properties"]["text"]
    assert request["maxLength"] == 200_000


def test_the_paths_are_the_apps_routes(app):
    """Every route is in the document (built from the registered views), except Swagger UI's own files
    and Flask's static route (no static folder: always 404)."""
    spec = build_spec(app.config["SETTINGS"])
    routes = {
        (rule.rule, method.lower())
        for rule in app.url_map.iter_rules()
        for method in (rule.methods or set()) - {"HEAD", "OPTIONS"}
    }
    documented = {(path, method) for path, operations in spec["paths"].items() for method in operations}
    undocumented = {("/docs/init.js", "get"), ("/docs/<name>", "get"), ("/static/<path:filename>", "get")}
    assert routes - documented == undocumented
    assert documented <= routes
