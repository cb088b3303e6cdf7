"""The OpenAPI document as YAML, and Swagger UI served from a PyPI package (works offline)."""

from __future__ import annotations

import yaml
from flask import Blueprint, current_app, send_from_directory
from swagger_ui_bundle import swagger_ui_path

bp = Blueprint("docs", __name__)

_SWAGGER_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>newsfacts API</title>
  <link rel="icon" href="/favicon.ico" type="image/svg+xml">
  <link rel="stylesheet" href="/docs/swagger-ui.css">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/docs/swagger-ui-bundle.js"></script>
  <script>
    window.onload = () => { window.ui = SwaggerUIBundle({url: "/openapi.json", dom_id: "#swagger-ui"}); };
  </script>
</body>
</html>
"""


def openapi_yaml(spec: dict) -> str:
    """The committed ``openapi.yaml`` is exactly this text, so the drift test can compare strings."""
    return yaml.safe_dump(spec, sort_keys=False, allow_unicode=True, width=100)


@bp.get("/openapi.yaml")
def openapi_document():
    text = openapi_yaml(current_app.extensions["problem_api"].spec.to_dict())
    return current_app.response_class(text, mimetype="application/yaml")


@bp.get("/docs")
@bp.get("/docs/")
def swagger_ui():
    return current_app.response_class(_SWAGGER_PAGE, mimetype="text/html")


@bp.get("/docs/<path:asset>")
def swagger_asset(asset: str):
    return send_from_directory(swagger_ui_path, asset)
