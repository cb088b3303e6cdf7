"""gunicorn settings; every value can be overridden from the environment as documented in the README."""

import gc
import os
import shutil
import tempfile

# Workers write their metrics here so /metrics adds up all of them.  prometheus_client
# chooses its storage when first imported, so this comes before anything imports it.
# An empty value would make it write into the working directory.
_OWN_METRICS_DIR = not os.environ.get("PROMETHEUS_MULTIPROC_DIR")
if _OWN_METRICS_DIR:
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="newsfacts-metrics-")

from prometheus_client import multiprocess  # noqa: E402

from service.config import Config  # noqa: E402

_config = Config.from_env()

wsgi_app = "service.wsgi:app"
bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "sync"
# Load the pipeline once in the master; workers share it copy-on-write.
preload_app = True
# The app's own deadline answers with a problem body first; this is the backstop for a stuck worker.
timeout = int(_config.request_timeout_s) + 30
graceful_timeout = 30
keepalive = 5
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = max_requests // 10
control_socket_disable = True
accesslog = None
errorlog = "-"
loglevel = "info"


def child_exit(server, worker):
    # A replaced worker's live gauges would otherwise linger in the totals.
    multiprocess.mark_process_dead(worker.pid)


def pre_fork(server, worker):
    # Move the preloaded pipeline's objects out of the collector's reach: a collection in a
    # worker then no longer writes to, and so copies, pages it shares with the master
    # (bench/run.py: total PSS with 2 workers 283 -> 225 MiB).
    gc.freeze()


def on_exit(server):
    if _OWN_METRICS_DIR:
        shutil.rmtree(os.environ["PROMETHEUS_MULTIPROC_DIR"], ignore_errors=True)
