"""Liveness and readiness probes."""

from __future__ import annotations

from flask import current_app
from flask.views import MethodView
from flask_smorest import Blueprint, abort

from service.schemas import HealthSchema, ReadySchema
from service.serialize import model_info

blp = Blueprint("health", __name__, description="Liveness and readiness probes.")


@blp.route("/healthz")
class Health(MethodView):
    @blp.response(200, HealthSchema)
    def get(self):
        """The process is up (it may still be loading the pipeline)."""
        return {"status": "ok"}


@blp.route("/readyz")
class Ready(MethodView):
    @blp.response(200, ReadySchema)
    @blp.alt_response(503, response="SERVICE_UNAVAILABLE")
    def get(self):
        """The pipeline is loaded, every extractor has processed a warm-up document, and it is not failing."""
        state = current_app.extensions["pipeline"]
        if not state.ready:
            if state.broken:
                detail = f"pipeline is broken ({state.broken_reason}); this worker is being replaced"
            elif state.failure:
                detail = f"pipeline failed to load: {state.failure}"
            else:
                detail = "pipeline is still loading"
            abort(503, message=detail, headers={"Retry-After": "5"})
        return {"status": "ready", "model": model_info(state.extractor)}
