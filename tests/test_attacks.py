"""One hostile client against a real gunicorn on loopback: slow headers and bodies, truncated bodies,
token-dense texts and batches with worker memory watched, threads, a worker over its memory ceiling.

Three masters start in parallel when the module starts: ``main`` (2 workers, short read timeouts,
small token budgets), ``ceiling`` (1 worker, a memory ceiling every request passes) and ``threads``
(``--threads 2``, which must refuse to start).  Every process is capped at 3 GiB of address space;
a watchdog stops the main server when a worker passes 1.5 GiB of resident memory.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import threading
import time

import pytest

from bench.attacks import PARAGRAPHS, measure_probes
from bench.live import Gunicorn, hostile_texts, request, rss_bytes

pytestmark = pytest.mark.slow

GIB = 1024**3
ADDRESS_SPACE_CAP = 3 * GIB
WATCHDOG_RSS = int(1.5 * GIB)
HEADER_TIMEOUT_S = 2
BODY_TIMEOUT_S = 2
TOKENS_PER_DOC = 4_000
TOKENS_PER_REQUEST = 40_000


class Server(Gunicorn):
    def __init__(self, name: str, workers: int, env: dict[str, str], extra_args: tuple[str, ...] = ()) -> None:
        base_env = {
            k: v
            for k, v in os.environ.items()
            if k == "NEWSFACTS_SPACY_MODEL"
            or not k.startswith(("NEWSFACTS_", "GUNICORN_", "WEB_CONCURRENCY", "PROMETHEUS_MULTIPROC_DIR"))
        }
        super().__init__(
            name, workers, env, base_env=base_env, address_space_cap=ADDRESS_SPACE_CAP, extra_args=extra_args
        )


@pytest.fixture(scope="module")
def servers():
    started = {
        "main": Server(
            "main",
            2,
            {
                "NEWSFACTS_HEADER_TIMEOUT": str(HEADER_TIMEOUT_S),
                "NEWSFACTS_BODY_TIMEOUT": str(BODY_TIMEOUT_S),
                "NEWSFACTS_MAX_TOKENS_PER_DOC": str(TOKENS_PER_DOC),
                "NEWSFACTS_MAX_TOKENS_PER_REQUEST": str(TOKENS_PER_REQUEST),
            },
        ),
        "ceiling": Server("ceiling", 1, {"NEWSFACTS_WORKER_MAX_RSS_MB": "64"}),
        "threads": Server("threads", 1, {}, extra_args=("--threads", "2")),
    }
    try:
        yield started
    finally:
        for server in started.values():
            server.cleanup()


def ready_within(server: Gunicorn, seconds: float) -> None:
    """Wait up to ``seconds`` from now (``wait_ready`` counts from the master's start) for /readyz 200."""
    server.wait_ready(deadline_s=time.perf_counter() - server.started + seconds)


@pytest.fixture(scope="module")
def main(servers):
    server = servers["main"]
    ready_within(server, 120)
    return server


class Watchdog:
    """Samples the workers' RSS; stops the server before any worker takes the machine's memory."""

    def __init__(self, server: Gunicorn) -> None:
        self.server = server
        self.peak = 0
        self.tripped = False
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def _watch(self) -> None:
        while not self._stop.is_set():
            for pid in self.server.worker_pids():
                self.peak = max(self.peak, rss_bytes(pid))
            if self.peak > WATCHDOG_RSS:
                self.tripped = True
                self.server.stop()
                return
            self._stop.wait(0.05)

    def __enter__(self) -> Watchdog:
        self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._stop.set()
        self._thread.join(timeout=5)


def _connect(port: int) -> socket.socket:
    return socket.create_connection(("127.0.0.1", port), timeout=15)


def _status(reply: bytes) -> int:
    match = re.match(rb"HTTP/1\.[01] (\d{3})", reply)
    assert match, reply[:200]
    return int(match.group(1))


def _read_all(sock: socket.socket) -> bytes:
    chunks = []
    while chunk := sock.recv(65536):
        chunks.append(chunk)
    return b"".join(chunks)


# --- slow clients --------------------------------------------------------------------------------


def test_slow_clients_never_delay_probes_or_other_requests(main):
    result = measure_probes(main.port, clients=8, seconds=6.0, probe_timeout=10.0)
    assert result["failure_count"] == 0, result["failures"]
    assert result["probe_ms"]["max"] < 1000, result
    assert result["ordinary_request_ms"]["max"] < 5000, result


def test_headers_sent_too_slowly_are_cut_off_at_the_header_timeout(main):
    started = time.perf_counter()
    with _connect(main.port) as sock:
        for byte in b"POST /v1/extract HTTP/1.1\r\nHost: x\r\n":
            try:
                sock.send(bytes([byte]))
            except OSError:
                break
            if not _poll_open(sock, 0.5):
                break
        else:
            pytest.fail("the connection was still open after every header byte")
    elapsed = time.perf_counter() - started
    assert HEADER_TIMEOUT_S - 0.5 <= elapsed <= HEADER_TIMEOUT_S + 3


def _poll_open(sock: socket.socket, seconds: float) -> bool:
    """Wait ``seconds``; False when the server has closed the connection meanwhile."""
    sock.settimeout(seconds)
    try:
        return sock.recv(1) != b""
    except TimeoutError:
        return True
    except OSError:
        return False


def test_a_body_sent_too_slowly_is_408_at_the_body_timeout(main):
    head = b"POST /v1/extract HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\n"
    started = time.perf_counter()
    with _connect(main.port) as sock:
        sock.sendall(head + b"Putin met ")
        reply = _read_all(sock)
    elapsed = time.perf_counter() - started
    assert _status(reply) == 408
    assert BODY_TIMEOUT_S - 0.5 <= elapsed <= BODY_TIMEOUT_S + 3


def test_a_body_cut_short_by_the_client_is_400_not_processed(main):
    head = b"POST /v1/extract HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 100\r\n\r\n"
    with _connect(main.port) as sock:
        sock.sendall(head + b"Putin met Xi in Moscow.")
        sock.shutdown(socket.SHUT_WR)
        reply = _read_all(sock)
    assert _status(reply) == 400
    assert b"Content-Length" in reply


# --- token-dense texts ---------------------------------------------------------------------------


def test_hostile_texts_of_100k_characters_are_refused_quickly_naming_the_limit(main):
    for name, text in hostile_texts(100_000).items():
        started = time.perf_counter()
        reply = request(main.port, "POST", "/v1/extract", text.encode(), "text/plain; charset=utf-8", timeout=60)
        assert reply.status == 422, (name, reply.body[:200])
        assert b"NEWSFACTS_MAX_TOKENS_PER_" in reply.body
        assert time.perf_counter() - started < 10, name


def test_a_full_batch_of_hostile_texts_fails_document_by_document(main):
    texts = list(hostile_texts(100_000).values())
    documents = [{"id": str(i), "text": text} for i, text in enumerate(texts)] + [{"id": "ok", "text": PARAGRAPHS[0]}]
    reply = request(main.port, "POST", "/v1/extract/batch", json.dumps({"documents": documents}).encode(),
                    "application/json", timeout=60)
    assert reply.status == 200
    body = json.loads(reply.body)
    assert [result["id"] for result in body["results"]] == ["ok"]
    assert {error["status"] for error in body["errors"]} == {422}
    assert len(body["errors"]) == len(texts)


def test_a_batch_at_the_token_budget_keeps_worker_memory_flat(main):
    """24 token-dense documents under the budgets: memory stays that of about one batch group."""
    text = hostile_texts(TOKENS_PER_DOC)["digits-and-words"]  # 1,500 tokens, two in three a number
    documents = [{"id": str(i), "text": text} for i in range(24)]
    before = max(rss_bytes(pid) for pid in main.worker_pids())
    with Watchdog(main) as watchdog:
        reply = request(main.port, "POST", "/v1/extract/batch", json.dumps({"documents": documents}).encode(),
                        "application/json", timeout=120)
    assert not watchdog.tripped, f"a worker passed {WATCHDOG_RSS >> 20} MiB"
    assert reply.status == 200
    assert len(json.loads(reply.body)["results"]) == 24
    # All 24 parsed at once would need about 24 x 1,500 tokens x 14 KB = 500 MB more.
    assert watchdog.peak - before < 250 * 2**20, f"grew {(watchdog.peak - before) >> 20} MiB"


def test_one_request_over_the_token_budget_is_413(main):
    text = hostile_texts(TOKENS_PER_DOC)["digits-and-words"]  # 1,500 tokens
    documents = [{"text": text}] * 30
    reply = request(main.port, "POST", "/v1/extract/batch", json.dumps({"documents": documents}).encode(),
                    "application/json", timeout=60)
    assert reply.status == 413
    assert b"NEWSFACTS_MAX_TOKENS_PER_REQUEST" in reply.body


# --- configuration that would hurt ---------------------------------------------------------------


def test_threads_are_refused_at_start_up_naming_the_setting(servers):
    server = servers["threads"]
    assert server.proc.wait(timeout=120) != 0
    assert "threads=2" in server.log_text()


def test_a_worker_over_its_memory_ceiling_is_replaced_and_counted(servers):
    server = servers["ceiling"]
    ready_within(server, 120)
    (first,) = server.worker_pids()
    assert request(server.port, "POST", "/v1/extract", PARAGRAPHS[0].encode(), "text/plain").status == 200
    (second,) = server.wait_workers(1, without=first)
    assert second != first
    ready_within(server, 60)
    metrics = request(server.port, "GET", "/metrics").body.decode()
    assert re.search(r'newsfacts_worker_aborts_total\{reason="memory_ceiling"\} [1-9]', metrics), metrics[-2000:]


def test_a_killed_worker_is_counted_in_metrics(main):
    victim = main.wait_workers()[0]
    os.kill(victim, signal.SIGKILL)
    main.wait_workers(without=victim)
    ready_within(main, 60)
    metrics = request(main.port, "GET", "/metrics").body.decode()
    assert re.search(r'newsfacts_worker_aborts_total\{reason="killed"\} [1-9]', metrics), metrics[-2000:]
