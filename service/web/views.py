"""``GET /``, its static files and the favicon, under a Content-Security-Policy of ``default-src 'self'``."""

from __future__ import annotations

from flask import Blueprint, Response, current_app

from service.web.render import PAGE_CSP, page_html, static_text

bp = Blueprint("web", __name__, static_folder="static", static_url_path="/static")


def html_response(html: str, *, csp: str) -> Response:
    response = current_app.response_class(html, mimetype="text/html")
    response.headers["Content-Security-Policy"] = csp
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


@bp.get("/")
def index():
    return html_response(page_html(), csp=PAGE_CSP)


@bp.get("/favicon.ico")
def favicon():
    response = current_app.response_class(static_text("favicon.svg"), mimetype="image/svg+xml")
    response.cache_control.max_age = 86400
    return response


@bp.after_request
def _static_headers(response: Response) -> Response:
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    return response
