"""RFC 9457 problem details for every error the service answers with."""

from __future__ import annotations

import http
import logging
import traceback

from flask import Flask, Response, current_app, g, json
from flask_smorest import Api
from flask_smorest.spec import prepare_response
from werkzeug.exceptions import HTTPException, InternalServerError, MethodNotAllowed, RequestEntityTooLarge

from service.schemas import ProblemSchema

PROBLEM_CONTENT_TYPE = "application/problem+json"
PROBLEM_TYPE_BASE = "https://newsfacts.dev/problems/"

log = logging.getLogger("newsfacts.errors")


def problem_type(status: int) -> str:
    return PROBLEM_TYPE_BASE + http.HTTPStatus(status).phrase.lower().replace(" ", "-").replace("'", "")


def problem_response(status: int, *, detail: str, title: str | None = None, errors: dict | None = None) -> Response:
    body = {
        "type": problem_type(status),
        "title": title or http.HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        "request_id": g.get("request_id"),
    }
    if errors:
        body["errors"] = errors
    return current_app.response_class(json.dumps(body), status=status, mimetype=PROBLEM_CONTENT_TYPE)


class ProblemApi(Api):
    """flask-smorest's Api, answering and documenting errors as ``application/problem+json``."""

    ERROR_SCHEMA = ProblemSchema

    def handle_http_exception(self, error: HTTPException) -> Response:
        data = getattr(error, "data", None) or {}
        errors = data.get("errors") or data.get("messages")
        detail = data.get("message") or error.description or ""
        if isinstance(error, RequestEntityTooLarge):
            detail = f"the request body is larger than the limit of {current_app.config['MAX_CONTENT_LENGTH']} bytes"
        response = problem_response(error.code or 500, detail=detail, errors=errors)
        if isinstance(error, MethodNotAllowed) and error.valid_methods:
            response.headers["Allow"] = ", ".join(sorted(error.valid_methods))
        for name, value in data.get("headers", {}).items():
            response.headers[name] = value
        return response

    def _register_pagination_header(self) -> None:
        """Nothing here paginates: no PaginationMetadata schema in the document."""

    def _register_responses(self) -> None:
        # Same components as flask-smorest's, with the problem media type.
        for status in http.HTTPStatus:
            response = {"description": status.phrase}
            if status >= 400:
                response["schema"] = self.ERROR_SCHEMA
            prepare_response(response, self.spec, PROBLEM_CONTENT_TYPE)
            self.spec.components.response(status.name, response, lazy=True)
        default = {"description": "Any other error", "schema": self.ERROR_SCHEMA}
        prepare_response(default, self.spec, PROBLEM_CONTENT_TYPE)
        self.spec.components.response(self.DEFAULT_ERROR_RESPONSE_NAME, default, lazy=True)


def register_fallback_handler(app: Flask) -> None:
    """Anything that is not an HTTP error becomes a 500 with no internals in the body."""

    @app.errorhandler(Exception)
    def _unexpected(error: Exception) -> Response:
        if isinstance(error, HTTPException):
            return app.extensions["problem_api"].handle_http_exception(error)
        # Type and stack only: an exception's message may quote the article, which never goes to logs.
        log.error(
            "unhandled error",
            extra={
                "request_id": g.get("request_id"),
                "error_type": type(error).__name__,
                "stack": "".join(traceback.format_tb(error.__traceback__)),
            },
        )
        return problem_response(500, detail=InternalServerError.description)
