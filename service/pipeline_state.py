"""The process's one extractor, and whether it is ready to serve."""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import time
from collections.abc import Iterator

from service.extraction import Extractor
from service.extraction.engine import WARM_UP_TEXT

log = logging.getLogger("newsfacts.pipeline")

# Internal errors in a row after which the pipeline is taken for broken: /readyz says 503 and
# gunicorn replaces the worker.  One odd document can fail; several in a row mean corrupt state.
BROKEN_AFTER_ERRORS = 3
# Requests that may wait for this process's extraction turn, each holding its parsed body; more are
# answered 503 at once, so that many fast clients cannot pile their bodies up in one worker's memory.
MAX_WAITING = 8


class PipelineState:
    """Loads the pipeline and warms every extractor, now or in the background."""

    def __init__(self, model_name: str) -> None:
        self.model_name = model_name
        self.extractor: Extractor | None = None
        self.failure: str | None = None
        self.load_seconds: float | None = None
        self.broken_reason: str | None = None
        self._errors_in_a_row = 0
        self._loading = threading.Lock()
        self._turn: threading.Lock | None = None
        self._turn_pid: int | None = None
        self._waiting = 0

    @classmethod
    def ready_with(cls, extractor: Extractor) -> PipelineState:
        state = cls(extractor.info.pipeline)
        state.extractor = extractor
        return state

    @property
    def ready(self) -> bool:
        return self.extractor is not None and not self.broken

    @property
    def broken(self) -> bool:
        return self.broken_reason is not None

    def record_outcome(self, *, failed: bool) -> None:
        """Count an extraction that raised (or not), with the turn held.

        After :data:`BROKEN_AFTER_ERRORS` in a row the pipeline runs its warm-up article again: when
        that fails too, the pipeline is broken; when it works, the documents were at fault and the
        count starts over (so a client cannot get workers replaced by sending odd texts).
        """
        self._errors_in_a_row = self._errors_in_a_row + 1 if failed else 0
        if self._errors_in_a_row < BROKEN_AFTER_ERRORS or self.broken:
            return
        try:
            self.extractor.extract(WARM_UP_TEXT)
        except Exception as error:  # noqa: BLE001 - the pipeline itself fails: report, never raise
            self.broken_reason = (
                f"{self._errors_in_a_row} internal errors in a row, then {type(error).__name__} on the warm-up text"
            )
            log.error("pipeline is broken", extra={"reason": self.broken_reason})
        else:
            self._errors_in_a_row = 0

    @contextlib.contextmanager
    def turn(self, timeout_s: float) -> Iterator[bool]:
        """One extraction at a time in this process; yields whether the turn came within ``timeout_s``
        (never, at once, when :data:`MAX_WAITING` requests are already waiting).

        The lock is made in the process that uses it, after gunicorn has forked and gevent has
        patched ``threading``: waiting greenlets then yield instead of blocking the worker.
        """
        if self._turn_pid != os.getpid():
            self._turn, self._turn_pid = threading.Lock(), os.getpid()
        turn = self._turn
        if self._waiting >= MAX_WAITING:
            yield False
            return
        self._waiting += 1
        try:
            granted = turn.acquire(timeout=timeout_s)
        finally:
            self._waiting -= 1
        try:
            yield granted
        finally:
            if granted:
                turn.release()

    def load(self) -> None:
        with self._loading:
            if self.extractor is not None:
                return
            started = time.perf_counter()
            extractor = Extractor.load(self.model_name)
            extractor.warm_up()
            self.load_seconds = time.perf_counter() - started
            self.extractor = extractor
            log.info("pipeline ready", extra={"model": self.model_name, "seconds": round(self.load_seconds, 3)})

    def load_in_background(self) -> None:
        threading.Thread(target=self._load_reporting_failure, name="pipeline-loader", daemon=True).start()

    def _load_reporting_failure(self) -> None:
        try:
            self.load()
        except Exception as error:  # a failed load must show in /readyz, not kill a thread silently
            self.failure = f"{type(error).__name__}: {error}"
            log.exception("pipeline failed to load", extra={"model": self.model_name})
