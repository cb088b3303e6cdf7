"""Optional bearer tokens (NEWSFACTS_API_TOKENS): every request but the probes must carry one."""

from __future__ import annotations

import hmac

from flask import Flask, Response, current_app, request

from service.errors import problem_response

_PROBES = frozenset({"/healthz", "/readyz"})
_DOCS = ("/docs", "/openapi.json", "/openapi.yaml")
CHALLENGE = 'Bearer realm="newsfacts"'


def _exempt(path: str) -> bool:
    config = current_app.config["NEWSFACTS"]
    if path in _PROBES:
        return True
    if path == "/metrics":
        return config.public_metrics
    if path == _DOCS[0] or path.startswith(_DOCS[0] + "/") or path in _DOCS[1:]:
        return config.public_docs
    return False


def _token_matches(presented: str, tokens: tuple[str, ...]) -> bool:
    # Every token is compared, each in constant time, so timing reveals neither which nor how much matched.
    matched = False
    for token in tokens:
        matched |= hmac.compare_digest(presented.encode(), token.encode())
    return matched


def init_auth(app: Flask) -> None:
    tokens = app.config["NEWSFACTS"].api_tokens
    if not tokens:
        return

    @app.before_request
    def _require_token() -> Response | None:
        if _exempt(request.path):
            return None
        scheme, _, presented = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() == "bearer" and presented and _token_matches(presented.strip(), tokens):
            return None
        detail = "this request needs an Authorization: Bearer token" if not presented else "the token is not valid"
        response = problem_response(401, detail=detail)
        response.headers["WWW-Authenticate"] = CHALLENGE if not presented else CHALLENGE + ', error="invalid_token"'
        return response
