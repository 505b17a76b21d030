"""Interactive docs at /docs (Swagger UI from the packaged bundle, no CDN), with the sample article as the
request example; an OpenAPI document whose names read well in generated code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from service.docs import TAGS
from service.openapi import build_spec
from tests.conftest import SAMPLE
from tests.live import headless, serve

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "artifacts"


@pytest.fixture(scope="module")
def spec() -> dict:
    return yaml.safe_load((ROOT / "openapi.yaml").read_text(encoding="utf-8"))


def test_the_docs_page_loads_only_files_the_service_serves(client):
    page = client.get("/docs")
    assert page.status_code == 200 and page.mimetype == "text/html"
    html = page.get_data(as_text=True)
    urls = re.findall(r'(?:src|href|data-spec)="([^"]+)"', html)
    assert urls and all(url.startswith("/") and not url.startswith("//") for url in urls), urls
    for url in urls:
        with client.get(url) as asset:
            assert asset.status_code == 200, url
            assert asset.get_data(), url


@pytest.mark.parametrize(
    ("path", "mimetype"),
    [
        ("/docs/swagger-ui-bundle.js", "text/javascript"),
        ("/docs/swagger-ui.css", "text/css"),
        ("/docs/init.js", "text/javascript"),
    ],
)
def test_the_bundle_is_served_with_its_media_type(client, path, mimetype):
    with client.get(path) as response:
        assert response.status_code == 200
        assert response.mimetype == mimetype


@pytest.mark.parametrize(
    "name", ["index.template.html", "LICENSE", "..%2Fflask_swagger_ui.py", "swagger-ui.js"]
)
def test_nothing_else_from_the_package_folder_is_served(client, name):
    assert client.get(f"/docs/{name}").status_code == 404


def _json_example(document: dict) -> dict:
    content = document["paths"]["/v1/extract"]["post"]["requestBody"]["content"]
    return content["application/json"]["examples"]["sample"]["value"]


def test_the_request_examples_are_the_sample_article_file(spec):
    article = SAMPLE.read_text(encoding="utf-8")
    assert _json_example(spec) == {"text": article}
    content = spec["paths"]["/v1/extract"]["post"]["requestBody"]["content"]
    assert content["text/plain"]["examples"]["sample"]["value"] == article
    assert _json_example(build_spec()) == {"text": article}


def test_the_example_is_a_valid_request_that_the_service_answers(client, spec):
    example = _json_example(spec)
    schema = {"components": spec["components"], "$ref": "#/components/schemas/ExtractRequest"}
    assert not list(Draft202012Validator(schema).iter_errors(example))
    response = client.post("/v1/extract", json=example)
    assert response.status_code == 200
    assert response.get_json()["published_source"] == "dateline"


def test_the_index_points_to_the_docs_and_the_spec(client):
    links = client.get("/").get_json()
    assert links["docs"] == "/docs" and links["openapi"] == "/openapi.yaml"
    for name in ("docs", "openapi", "metrics", "render"):
        assert client.get(links[name]).status_code == 200, name


def test_docs_try_it_out_calls_the_instance_serving_them(spec):
    assert spec["servers"][0]["url"] == "/"


# --- names that read well in generated clients ------------------------------------------------------


def _operations(spec: dict):
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            yield f"{method.upper()} {path}", operation


def test_every_operation_has_a_short_camel_case_id_and_a_group(spec):
    tagged = {op_id for _, (_, op_ids) in TAGS.items() for op_id in op_ids}
    for name, operation in _operations(spec):
        assert re.fullmatch(r"[a-z][a-zA-Z]{2,24}", operation.get("operationId", "")), name
        assert operation["operationId"] in tagged, f"{name}: add its operationId to service.docs.TAGS"
        assert len(operation["tags"]) == 1 and operation["tags"][0] in TAGS, name


def test_json_bodies_are_named_schemas_not_inline_objects(spec):
    """An inline object becomes a class named after its place (`HealthResponse200`); a named one is clear."""
    for name, operation in _operations(spec):
        bodies = [r.get("content", {}) for r in operation["responses"].values()]
        bodies.append(operation.get("requestBody", {}).get("content", {}))
        for content in bodies:
            for media, entry in content.items():
                schema = entry.get("schema", {})
                if "json" in media:
                    assert "$ref" in schema, f"{name} {media}: name this schema in components"
    for schema_name in spec["components"]["schemas"]:
        assert re.fullmatch(r"[A-Z][A-Za-z]+", schema_name), schema_name


# --- in a real browser --------------------------------------------------------------------------------


def test_swagger_ui_draws_every_operation_and_the_sample_in_a_browser(app, spec, tmp_path):
    ARTIFACTS.mkdir(exist_ok=True)
    screenshot = ARTIFACTS / "docs.png"
    screenshot.unlink(missing_ok=True)
    page = "/docs#/extraction/extract"
    with serve(app) as base_url:
        # Swagger UI is a big script: give it time on a busy machine.
        dom = headless(base_url + page, tmp_dir=str(tmp_path / "dom"), dump_dom=True, budget_ms=30_000)
        headless(
            base_url + page, tmp_dir=str(tmp_path / "shot"), screenshot=str(screenshot), budget_ms=30_000
        )
    drawn = set(re.findall(r'data-path="([^"]+)"', dom))
    assert drawn >= set(spec["paths"]), (set(spec["paths"]) - drawn, dom[-3000:])
    assert "Kremlin orders more munitions production" in dom  # the example, in the expanded operation
    assert "errors-wrapper" not in dom
    fetched = re.findall(r'\bsrc="([^"]+)"', dom)
    assert all(
        not url.startswith(("http:", "https:", "//")) or url.startswith(base_url) for url in fetched
    ), fetched
    assert screenshot.stat().st_size > 20_000
