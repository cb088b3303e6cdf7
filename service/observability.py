"""Request ids, one JSON log line per request, and the per-request deadline."""

from __future__ import annotations

import contextlib
import json
import logging
import re
import signal
import sys
import threading
import time
import uuid
from collections.abc import Iterator

from flask import Flask, Response, g, request

from service import metrics

REQUEST_ID_HEADER = "X-Request-ID"
_SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")
# LogRecord attributes that are not caller-supplied extras.
_RECORD_FIELDS = frozenset(vars(logging.makeLogRecord({}))) | {"message", "asctime"}

access_log = logging.getLogger("newsfacts.access")


class JsonLogFormatter(logging.Formatter):
    """Log records as single JSON lines, extras included (never article text: callers pass lengths)."""

    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        line.update({key: value for key, value in vars(record).items() if key not in _RECORD_FIELDS})
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, default=str)


def configure_logging(level: str) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonLogFormatter())
    logger = logging.getLogger("newsfacts")
    logger.handlers[:] = [handler]
    logger.setLevel(level)
    logger.propagate = False


class DeadlineExceeded(Exception):
    """Raised inside a request whose processing ran past its deadline."""


@contextlib.contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Interrupt the block after ``seconds`` with :class:`DeadlineExceeded`.

    Uses SIGALRM, so it only acts on the main thread (gunicorn's sync workers);
    elsewhere (the Flask dev server's threads) gunicorn's own timeout is the backstop.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def _expired(signum, frame):  # noqa: ARG001 - signal handler signature
        raise DeadlineExceeded

    previous = signal.signal(signal.SIGALRM, _expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def init_request_tracking(app: Flask) -> None:
    @app.before_request
    def _start() -> None:
        supplied = request.headers.get(REQUEST_ID_HEADER, "")
        g.request_id = supplied if _SANE_REQUEST_ID.fullmatch(supplied) else uuid.uuid4().hex
        g.started = time.perf_counter()

    @app.after_request
    def _finish(response: Response) -> Response:
        request_id = g.get("request_id") or uuid.uuid4().hex
        response.headers[REQUEST_ID_HEADER] = request_id
        started = g.get("started")
        seconds = time.perf_counter() - started if started else 0.0
        metrics.record(seconds=seconds, status=response.status_code)
        access_log.info(
            "request",
            extra={
                "request_id": request_id,
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": round(seconds * 1000, 2),
                "text_chars": g.get("text_chars"),
                "documents": g.get("documents"),
            },
        )
        return response
