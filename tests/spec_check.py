"""Check a live response against the OpenAPI document: documented status, media type and body schema."""

from __future__ import annotations

from typing import Any

import yaml
from jsonschema import Draft202012Validator


def check_response(spec: dict[str, Any], path: str, method: str, response: Any) -> None:
    """Raise AssertionError unless ``response`` (a Flask test response) is what the spec documents."""
    operation = spec["paths"][path][method.lower()]
    status = str(response.status_code)
    assert status in operation["responses"], f"{method} {path}: status {status} is not documented"
    documented = operation["responses"][status]
    media = response.mimetype
    content = documented.get("content", {})
    assert media in content, f"{method} {path} {status}: media type {media} not in {sorted(content)}"
    schema = content[media]["schema"]
    if media in ("application/yaml",):
        body: Any = yaml.safe_load(response.get_data(as_text=True))
        assert isinstance(body, dict)
        return
    body = response.get_json()
    root = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "components": spec.get("components", {}),
    }
    validator = Draft202012Validator({**root, **schema})
    errors = sorted(validator.iter_errors(body), key=lambda e: list(e.path))
    assert not errors, f"{method} {path} {status}: " + "; ".join(
        f"{'/'.join(map(str, e.path))}: {e.message}" for e in errors[:5]
    )
