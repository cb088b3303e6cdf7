"""gunicorn-side guards for a worker: no threads, a memory ceiling, a broken pipeline, and a count of abnormal exits.

Called from gunicorn.conf.py's server hooks; nothing here is imported by the app itself.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import logging
import os
from pathlib import Path

from prometheus_client import multiprocess

from service import metrics

log = logging.getLogger("newsfacts.worker")
_PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
_LIBC = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)


class ThreadsRefused(SystemExit):
    """The configuration would run extractions on several threads of one process."""


def refuse_threads(cfg) -> None:
    """Stop start-up when gunicorn would run requests on several threads of one worker.

    spaCy's pipeline is not thread-safe (concurrent calls corrupt its StringStore and NER state for
    good), so concurrency comes from processes (WEB_CONCURRENCY) and gevent's cooperative reading.
    """
    if cfg.threads > 1 or cfg.worker_class_str == "gthread":
        raise ThreadsRefused(
            f"refusing to start: gunicorn settings threads={cfg.threads}, worker_class={cfg.worker_class_str} would "
            "run requests on several threads of one process, and the spaCy pipeline is not thread-safe. "
            "Remove --threads / -k gthread (from GUNICORN_CMD_ARGS too) and scale with WEB_CONCURRENCY instead."
        )


def rss_mib() -> float:
    return int(Path("/proc/self/statm").read_text().split()[1]) * _PAGE_SIZE / 2**20


def after_request(worker, *, max_rss_mb: int) -> None:
    """Retire the worker (it finishes what it has, then gunicorn starts a fresh one) when it is unwell."""
    state = worker.wsgi.extensions.get("pipeline") if hasattr(worker.wsgi, "extensions") else None
    if state is not None and state.broken:
        _retire(worker, "pipeline_broken", detail=state.broken_reason)
        return
    if rss_mib() <= max_rss_mb:
        return
    # Memory a large document left in malloc's free lists goes back to the system first.
    _LIBC.malloc_trim(0)
    rss = rss_mib()
    if rss > max_rss_mb:
        _retire(worker, "memory_ceiling", detail=f"resident memory {rss:.0f} MiB is over {max_rss_mb} MiB")


def _retire(worker, reason: str, *, detail: str | None) -> None:
    if not worker.alive:
        return
    log.warning("retiring worker", extra={"pid": worker.pid, "reason": reason, "detail": detail})
    count_exit(reason)
    worker.alive = False


def count_exit(reason: str) -> None:
    metrics.WORKER_EXITS.labels(reason).inc()


def _marker(pid: int) -> Path | None:
    folder = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    return Path(folder) / f"clean-exit-{pid}" if folder else None


def mark_clean_exit(pid: int) -> None:
    """In the worker, as it leaves on its own (stop, recycle, timeout): it was not killed."""
    marker = _marker(pid)
    if marker is not None:
        with contextlib.suppress(OSError):
            marker.touch()


def reap(pid: int) -> None:
    """In the master, when a worker has gone: count it when it did not leave on its own (SIGKILL, OOM, crash)."""
    marker = _marker(pid)
    if marker is not None:
        if marker.exists():
            marker.unlink(missing_ok=True)
        else:
            count_exit("killed")
        multiprocess.mark_process_dead(pid)
