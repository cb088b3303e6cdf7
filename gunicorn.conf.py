"""gunicorn settings; every value can be overridden from the environment as documented in the README.

Workers are gevent workers (gunicorn's own advice for serving clients directly, without a buffering
proxy): a connection waits for its headers and body in a greenlet of its own, so clients that send
slowly hold a few kilobytes, never the worker, and probes keep answering.  Extraction is CPU-bound
and the spaCy pipeline is not thread-safe, so each worker runs one extraction at a time (the app
takes a per-process turn); several threads in one process are refused at start-up.
"""

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

from service import worker_health  # noqa: E402
from service.config import Config, server_setting  # noqa: E402

_config = Config.from_env()

wsgi_app = "service.wsgi:app"
bind = f"{server_setting('HOST')}:{server_setting('PORT')}"
workers = server_setting("WEB_CONCURRENCY")
worker_class = "gevent"
worker_connections = server_setting("GUNICORN_WORKER_CONNECTIONS")
# Load the pipeline once in the master; workers share it copy-on-write.
preload_app = True
# The app's own deadline answers with a problem body first; this is the backstop for a stuck worker.
timeout = _config.worker_timeout_s
# Longer than the longest request, so that a graceful stop finishes the requests in flight.
graceful_timeout = _config.worker_timeout_s
# The gevent worker reads a request's headers under a timer of `keepalive` seconds (and closes
# an idle keep-alive connection after as long), so this bounds how long headers may take.
keepalive = _config.header_timeout_s
max_requests = server_setting("GUNICORN_MAX_REQUESTS")
max_requests_jitter = max_requests // 10
control_socket_disable = True
accesslog = None
errorlog = "-"
loglevel = "info"


def on_starting(server):
    # Threads would run extractions concurrently on one pipeline, which corrupts it.
    worker_health.refuse_threads(server.cfg)


def post_request(worker, req, environ, resp):
    worker_health.after_request(worker, max_rss_mb=_config.worker_max_rss_mb)


def worker_abort(worker):
    worker_health.count_exit("timeout")


def worker_exit(server, worker):
    worker_health.mark_clean_exit(worker.pid)


def child_exit(server, worker):
    # A replaced worker's live gauges would otherwise linger in the totals.
    worker_health.reap(worker.pid)


def pre_fork(server, worker):
    # Move the preloaded pipeline's objects out of the collector's reach: a collection in a
    # worker then no longer writes to, and so copies, pages it shares with the master
    # (bench/run.py: total PSS with 2 workers 283 -> 225 MiB).
    gc.freeze()


def on_exit(server):
    if _OWN_METRICS_DIR:
        shutil.rmtree(os.environ["PROMETHEUS_MULTIPROC_DIR"], ignore_errors=True)
