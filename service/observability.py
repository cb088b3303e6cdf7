"""Request ids, one JSON log line per request, and the per-request deadline."""

from __future__ import annotations

import contextlib
import json
import logging
import re
import signal
import sys
import time
import uuid
from collections.abc import Iterator

import gevent
from flask import Flask, Response, g, request
from gevent import monkey

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


class DeadlineExceeded(BaseException):
    """Raised inside a request whose processing ran past its deadline.

    A BaseException, like gevent's Timeout, so that the per-document ``except Exception`` that
    keeps one failing document from failing a batch does not swallow it.
    """


class BodyTimeout(Exception):
    """The client did not send the whole request body in time."""


@contextlib.contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Interrupt the block after ``seconds`` with :class:`DeadlineExceeded`.

    Uses SIGALRM, so it only acts on the process's main thread, where gunicorn's gevent and sync
    workers run requests (a CPU-bound extraction never yields to another greenlet, so the signal
    lands in the request that set it); on other threads (the Flask dev server) gunicorn's own
    timeout is the backstop.
    """

    def _expired(signum, frame):  # noqa: ARG001 - signal handler signature
        raise DeadlineExceeded

    try:
        previous = signal.signal(signal.SIGALRM, _expired)
    except ValueError:  # not the main thread
        yield
        return
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextlib.contextmanager
def read_deadline(seconds: float) -> Iterator[None]:
    """Raise :class:`BodyTimeout` when reading the request takes longer than ``seconds`` in all.

    Under gunicorn's gevent worker the read waits in this request's greenlet, so a gevent timer
    interrupts it there.  Elsewhere the body is already in memory (test client) or the worker is
    sync, and gunicorn's worker timeout bounds it.
    """
    if not monkey.is_module_patched("socket"):
        yield
        return
    with gevent.Timeout(seconds, BodyTimeout):
        yield


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
                "client": request.remote_addr,
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": round(seconds * 1000, 2),
                "text_chars": g.get("text_chars"),
                "documents": g.get("documents"),
            },
        )
        return response
