"""Prometheus metrics, correct across gunicorn workers (multiprocess mode when configured).

gunicorn.conf.py points ``PROMETHEUS_MULTIPROC_DIR`` at a fresh folder before the app is
imported; without it (tests, the dev server) the process's own registry is used.
"""

from __future__ import annotations

import os

from flask import Blueprint, Response, current_app, g, request
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)

REQUESTS = Counter("newsfacts_requests_total", "HTTP requests answered", ["method", "route", "status"])
LATENCY = Histogram(
    "newsfacts_request_duration_seconds",
    "Time to answer a request",
    ["route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60),
)
DOCUMENTS = Counter("newsfacts_documents_total", "Documents in requests answered with 200")
CHARACTERS = Counter("newsfacts_characters_total", "Code points of text in requests answered with 200")
WORKER_EXITS = Counter(
    "newsfacts_worker_aborts_total",
    "Workers that were killed (killed: SIGKILL, out of memory, crash), timed out (timeout), or retired "
    "after a request (memory_ceiling, pipeline_broken)",
    ["reason"],
)
WORKER_EXIT_REASONS = ("killed", "timeout", "memory_ceiling", "pipeline_broken")
for _reason in WORKER_EXIT_REASONS:  # present at 0 from the start, so an alert on them can be written
    WORKER_EXITS.labels(_reason)

bp = Blueprint("metrics", __name__)


def _registry() -> CollectorRegistry:
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return registry
    return REGISTRY


@bp.get("/metrics")
def metrics() -> Response:
    return current_app.response_class(generate_latest(_registry()), mimetype=CONTENT_TYPE_LATEST)


def record(*, seconds: float, status: int) -> None:
    """Count one answered request; called from the request logger so both agree."""
    route = request.url_rule.rule if request.url_rule else "unmatched"
    REQUESTS.labels(request.method, route, str(status)).inc()
    LATENCY.labels(route).observe(seconds)
    if status == 200 and g.get("text_chars"):
        DOCUMENTS.inc(g.get("documents") or 1)
        CHARACTERS.inc(g.text_chars)
