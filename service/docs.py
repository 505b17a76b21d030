"""Interactive documentation: Swagger UI at ``GET /docs``, from a packaged bundle (no CDN).

The static files (JavaScript, CSS) come from the ``flask-swagger-ui`` package, which ships the
Swagger UI distribution (5.x, which reads OpenAPI 3.1); this module serves them under
``/docs/`` and writes its own page and start-up script. The page reads the service's own
``/openapi.yaml``.

The operations' groups (tags) are here too: :func:`document` adds them to the OpenAPI document.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import flask_swagger_ui
from flask import Blueprint, Response, abort, send_from_directory, url_for
from markupsafe import escape

from .apidoc import html, operation

blueprint = Blueprint("docs", __name__)

SWAGGER_DIST = Path(flask_swagger_ui.__file__).resolve().parent / "dist"
# The files the page loads, and nothing else from the package's folder.
_ASSETS = frozenset({"swagger-ui.css", "swagger-ui-bundle.js", "favicon-32x32.png", "favicon-16x16.png"})

_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>newsfacts API</title>
<link rel="icon" type="image/png" href="{favicon}">
<link rel="stylesheet" href="{css}">
</head>
<body>
<div id="swagger-ui" data-spec="{spec}"></div>
<script src="{bundle}"></script>
<script src="{init}"></script>
</body>
</html>
"""

# Separate from the page (no inline script), so a Content-Security-Policy of script-src 'self' works.
# No validator: Swagger UI would otherwise send the spec's URL to an online validator for its badge.
_INIT = """window.addEventListener("load", function () {
  var root = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({
    url: root.dataset.spec,
    dom_id: "#swagger-ui",
    deepLinking: true,
    validatorUrl: null,
    tryItOutEnabled: true,
    displayRequestDuration: true,
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout"
  });
});
"""


@blueprint.get("/docs")
@operation(
    operation_id="docs",
    summary="This document, interactive (Swagger UI)",
    responses={"200": html("The Swagger UI page.")},
)
def docs_page() -> Response:
    """The Swagger UI page, reading this service's ``/openapi.yaml``."""
    page = _PAGE.format(
        favicon=escape(url_for("docs.asset", name="favicon-32x32.png")),
        css=escape(url_for("docs.asset", name="swagger-ui.css")),
        bundle=escape(url_for("docs.asset", name="swagger-ui-bundle.js")),
        init=escape(url_for("docs.init_script")),
        spec=escape(url_for("openapi.openapi_yaml")),
    )
    return Response(page, mimetype="text/html")


@blueprint.get("/docs/init.js")
def init_script() -> Response:
    return Response(_INIT, mimetype="text/javascript", headers={"Cache-Control": "public, max-age=3600"})


@blueprint.get("/docs/<name>")
def asset(name: str) -> Response:
    """One of Swagger UI's packaged files."""
    if name not in _ASSETS:
        abort(404)
    return send_from_directory(SWAGGER_DIST, name, max_age=86400)


# Each operation's group: the sections of /docs, and the modules of a generated client
# (``newsfacts_client.api.extraction.extract``, not ``api.default.extract``).
TAGS = {
    "extraction": (
        "Read articles: JSON for programs, a web page for people.",
        ("extract", "extractBatch", "render", "renderForm"),
    ),
    "operations": ("Health, readiness and metrics, for the platform.", ("health", "readiness", "metrics")),
    "documentation": ("This document and where things are.", ("index", "openapi", "docs")),
}


def document(spec: dict[str, Any]) -> None:
    """Add to an OpenAPI document (as built by ``service.openapi``) the instance serving it as its
    first server, and a tag (group) on every operation named in :data:`TAGS`."""
    paths = spec["paths"]
    # First, the instance serving the document: "Try it out" in /docs calls the service it is on.
    servers = spec.setdefault("servers", [])
    if not any(server.get("url") == "/" for server in servers):
        servers.insert(0, {"url": "/", "description": "The instance serving this document"})
    tag_of = {op_id: tag for tag, (_, op_ids) in TAGS.items() for op_id in op_ids}
    for operations in paths.values():
        for op in operations.values():
            tag = tag_of.get(op.get("operationId", ""))
            if tag:
                op["tags"] = [tag]
    spec["tags"] = [{"name": tag, "description": text} for tag, (text, _) in TAGS.items()]
