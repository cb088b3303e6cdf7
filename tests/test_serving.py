"""The service under a real gunicorn on loopback: load, a killed worker, the deadline, SIGTERM, logs, metrics.

Three gunicorn masters are spawned at once when the module starts (they load the pipeline in
parallel): the main one (2 workers), one with NEWSFACTS_REQUEST_TIMEOUT=1, and one that the
drain test stops with SIGTERM.  Every wait has a deadline; every master is stopped in teardown.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import http.client
import json
import os
import re
import signal
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from bench.live import Gunicorn, article_text, cpu_seconds, request, seed_paragraphs
from conftest import ROOT, SEED_PATHS

jsonschema_rs = pytest.importorskip("jsonschema_rs")

pytestmark = pytest.mark.slow

SEEDS = [path.read_text(encoding="utf-8") for path in SEED_PATHS]
READY_DEADLINE_S = 90.0
CLIENT_TIMEOUT_S = 60.0
# The load test: requests in total and at once.
LOAD_REQUESTS = 200
LOAD_CONCURRENCY = 4
ACCESS_FIELDS = ("request_id", "client", "method", "path", "status", "duration_ms", "text_chars")


# --- texts ---------------------------------------------------------------------------------------


PARAGRAPHS = seed_paragraphs(SEEDS, longer_than=40)


def prose(chars: int) -> str:
    """Ordinary article text of about ``chars`` code points (at most ``chars``), built from the seeds."""
    return article_text(PARAGRAPHS, chars, at_most=True)


def short_passages() -> list[str]:
    """Seed paragraphs cut after their second sentence: cheap requests that still have facts in them."""
    passages = []
    for paragraph in PARAGRAPHS:
        first = paragraph.find(". ")
        second = paragraph.find(". ", first + 2) if first >= 0 else -1
        passages.append(paragraph if second < 0 else paragraph[: second + 1])
    return passages


# --- gunicorn ------------------------------------------------------------------------------------


class Server(Gunicorn):
    """A gunicorn master for these tests: its settings and its access log."""

    def __init__(self, name: str, workers: int, env: dict[str, str] | None = None) -> None:
        # The settings under test come from here, not from whatever the caller's shell exports.
        base_env = {
            k: v
            for k, v in os.environ.items()
            if k == "NEWSFACTS_SPACY_MODEL"
            or not k.startswith(("NEWSFACTS_", "GUNICORN_", "WEB_CONCURRENCY", "PROMETHEUS_MULTIPROC_DIR"))
        }
        super().__init__(name, workers, {"NEWSFACTS_LOG_LEVEL": "INFO", **(env or {})}, base_env=base_env)
        self.sent_request_ids: list[str] = []

    def access_lines(self) -> list[dict]:
        """The JSON access-log records, one per request."""
        records = []
        for row in self.log_text().splitlines():
            if row.startswith("{") and '"newsfacts.access"' in row:
                records.append(json.loads(row))
        return records


# --- HTTP client ---------------------------------------------------------------------------------


def get(port: int, path: str, timeout: float = CLIENT_TIMEOUT_S) -> tuple[int, str, bytes]:
    status, ctype, data, _ = request(port, "GET", path, timeout=timeout)
    return status, ctype, data


def post_json(port: int, path: str, payload: object) -> tuple[int, str, bytes]:
    body = json.dumps(payload).encode()
    status, ctype, data, _ = request(port, "POST", path, body, "application/json", timeout=CLIENT_TIMEOUT_S)
    return status, ctype, data


def mimetype(content_type: str) -> str:
    return content_type.split(";")[0].strip().lower()


# --- the OpenAPI document as JSON Schema -----------------------------------------------------------


OPENAPI = yaml.safe_load((ROOT / "openapi.yaml").read_text(encoding="utf-8"))


def _json_schema(node: object, seen: tuple[str, ...] = ()) -> object:
    """Inline local ``$ref``s and turn OpenAPI 3.0's ``nullable`` into JSON Schema."""
    if isinstance(node, list):
        return [_json_schema(item, seen) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        ref = node["$ref"]
        assert ref.startswith("#/") and ref not in seen, f"unsupported or recursive $ref {ref}"
        target: object = OPENAPI
        for part in ref[2:].split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        return _json_schema(target, (*seen, ref))
    out = {key: _json_schema(value, seen) for key, value in node.items()}
    if out.pop("nullable", False):
        return {"anyOf": [out, {"type": "null"}]}
    return out


_VALIDATORS: dict[tuple[str, str, int, str], object] = {}


def validate_response(method: str, path: str, status: int, content_type: str, body: bytes) -> None:
    """The body is what openapi.yaml promises for this operation, status and media type."""
    kind = mimetype(content_type)
    expected = "application/json" if status < 400 else "application/problem+json"
    assert kind == expected, f"{method} {path} -> {status} with Content-Type {content_type!r}"
    key = (method, path, status, kind)
    if key not in _VALIDATORS:
        responses = OPENAPI["paths"][path][method.lower()]["responses"]
        response = _json_schema(responses.get(str(status)) or responses["default"])
        assert kind in response["content"], f"{method} {path} {status}: {kind} is not documented"
        _VALIDATORS[key] = jsonschema_rs.validator_for(response["content"][kind]["schema"])
    instance = json.loads(body)
    errors = [f"{e.instance_path}: {e.message}" for e in _VALIDATORS[key].iter_errors(instance)]
    assert not errors, f"{method} {path} -> {status} does not match openapi.yaml: {errors[:5]}"


# --- /proc: which worker holds a connection ----------------------------------------------------------


def _server_socket_inode(server_port: int, client_port: int) -> int | None:
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with contextlib.suppress(FileNotFoundError):
            for row in Path(table).read_text().splitlines()[1:]:
                fields = row.split()
                local_port = int(fields[1].rsplit(":", 1)[1], 16)
                remote_port = int(fields[2].rsplit(":", 1)[1], 16)
                if local_port == server_port and remote_port == client_port and int(fields[9]):
                    return int(fields[9])
    return None


def worker_holding(server: Server, client_port: int, deadline_s: float = 15.0) -> int:
    """The worker that accepted the connection from ``client_port``."""
    give_up = time.monotonic() + deadline_s
    while time.monotonic() < give_up:
        inode = _server_socket_inode(server.port, client_port)
        if inode:
            wanted = f"socket:[{inode}]"
            for pid in server.worker_pids():
                with contextlib.suppress(FileNotFoundError, ProcessLookupError, PermissionError):
                    for fd in os.listdir(f"/proc/{pid}/fd"):
                        with contextlib.suppress(FileNotFoundError):
                            if os.readlink(f"/proc/{pid}/fd/{fd}") == wanted:
                                return pid
        time.sleep(0.02)
    pytest.fail(f"no worker accepted the connection from port {client_port} within {deadline_s} s")


class InFlight:
    """One POST sent from a thread on a connection whose client port is known before it is sent."""

    def __init__(self, port: int, path: str, payload: object, timeout: float = CLIENT_TIMEOUT_S) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        self.conn.connect()
        self.client_port = self.conn.sock.getsockname()[1]
        self.body = json.dumps(payload).encode()
        self.path = path
        self.status: int | None = None
        self.content_type = ""
        self.data = b""
        self.error: BaseException | None = None
        self.started = time.monotonic()
        self.elapsed: float | None = None
        self.thread = threading.Thread(target=self._send, daemon=True)
        self.thread.start()

    def _send(self) -> None:
        try:
            self.conn.request("POST", self.path, body=self.body, headers={"Content-Type": "application/json"})
            response = self.conn.getresponse()
            self.data = response.read()
            self.status, self.content_type = response.status, response.getheader("Content-Type", "")
        except (OSError, http.client.HTTPException) as error:
            self.error = error
        finally:
            self.elapsed = time.monotonic() - self.started
            self.conn.close()

    def join(self, timeout: float) -> None:
        self.thread.join(timeout)
        assert not self.thread.is_alive(), f"request still hanging after {timeout} s"


# --- fixtures ------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def _servers() -> Iterator[dict[str, Server]]:
    """Spawn every master at once so that their pipelines load in parallel."""
    servers = {
        "main": Server("main", workers=2),
        "timeout": Server("timeout", workers=1, env={"NEWSFACTS_REQUEST_TIMEOUT": "1"}),
        "drain": Server("drain", workers=1),
    }
    try:
        yield servers
    finally:
        for server in servers.values():
            server.cleanup()


@pytest.fixture(scope="module")
def server(_servers) -> Server:
    _servers["main"].wait_ready(READY_DEADLINE_S)
    return _servers["main"]


@pytest.fixture(scope="module")
def timeout_server(_servers) -> Server:
    _servers["timeout"].wait_ready(READY_DEADLINE_S)
    return _servers["timeout"]


@pytest.fixture(scope="module")
def drain_server(_servers) -> Server:
    _servers["drain"].wait_ready(READY_DEADLINE_S)
    return _servers["drain"]


# --- tests -----------------------------------------------------------------------------------------------


def _load_plan() -> list[tuple[str, str, bytes, str, int]]:
    """(path, query, body, content type, expected status) for every request of the load test."""
    plan: list[tuple[str, str, bytes, str, int]] = []
    passages = short_passages()
    errors = [
        ("/v1/extract", "", json.dumps({"text": "   "}).encode(), "application/json", 422),
        ("/v1/extract", "", b'{"text": ', "application/json", 400),
        ("/v1/extract", "", b"<text/>", "application/xml", 415),
        ("/v1/extract/batch", "", json.dumps({"documents": []}).encode(), "application/json", 422),
    ]
    batches = 6
    i = 0
    while len(plan) < LOAD_REQUESTS - batches - len(errors):
        # Every seed whole (JSON and text/plain), then short passages for the rest of the count.
        text = SEEDS[i % len(SEEDS)] if i < 8 * len(SEEDS) else passages[i % len(passages)]
        encoding = ("codepoint", "utf16", "utf8")[i % 3]
        if i % 2:
            query = f"?offset_encoding={encoding}"
            plan.append(("/v1/extract", query, text.encode(), "text/plain; charset=utf-8", 200))
        else:
            body = json.dumps({"text": text, "id": f"doc-{i}", "offset_encoding": encoding}).encode()
            plan.append(("/v1/extract", "", body, "application/json", 200))
        i += 1
    for b in range(batches):
        documents = [{"id": f"b{b}-{k}", "text": t} for k, t in enumerate(SEEDS[: 2 + b % 4])]
        documents.append({"id": "blank", "text": " "})  # reported in the batch's errors, never fails it
        plan.append(("/v1/extract/batch", "", json.dumps({"documents": documents}).encode(), "application/json", 200))
    plan += errors
    return plan


def test_load_every_response_matches_openapi(server):
    plan = _load_plan()
    assert len(plan) == LOAD_REQUESTS

    def one(item):
        path, query, body, content_type, expected = item
        request_id = uuid.uuid4().hex
        status, ctype, data, headers = request(
            server.port,
            "POST",
            path + query,
            body,
            content_type,
            headers={"X-Request-ID": request_id},
            timeout=CLIENT_TIMEOUT_S,
        )
        return item, request_id, status, ctype, data, headers.get("X-Request-ID")

    started = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=LOAD_CONCURRENCY) as pool:
        outcomes = list(pool.map(one, plan))
    elapsed = time.monotonic() - started

    failures = []
    for (path, query, body, _, expected), request_id, status, ctype, data, echoed in outcomes:
        server.sent_request_ids.append(request_id)
        if status != expected:
            failures.append(f"{path}{query}: {status} (expected {expected}): {data[:300]!r}")
            continue
        validate_response("POST", path, status, ctype, data)
        assert echoed == request_id
        if path.endswith("/batch") and status == 200:
            result, documents = json.loads(data), json.loads(body)["documents"]
            assert [e["id"] for e in result["errors"]] == ["blank"]
            assert [r["id"] for r in result["results"]] == [d["id"] for d in documents if d["id"] != "blank"]
    assert not failures, f"{len(failures)} of {len(plan)} requests failed: {failures[:5]}"
    print(f"\n{len(plan)} requests, {LOAD_CONCURRENCY} at a time: {elapsed:.1f} s ({len(plan) / elapsed:.1f} req/s)")
    for path in ("/healthz", "/readyz"):
        status, ctype, data = get(server.port, path)
        validate_response("GET", path, status, ctype, data)


def test_a_killed_worker_is_replaced_and_others_keep_serving(server):
    before = server.wait_workers(2)
    slow = InFlight(server.port, "/v1/extract", {"text": prose(95_000)}, timeout=CLIENT_TIMEOUT_S)
    victim = worker_holding(server, slow.client_port)
    assert victim in before
    time.sleep(0.5)  # the body is read and the pipeline is running
    assert slow.thread.is_alive(), "the slow request finished before the worker could be killed"

    # While the victim is busy, the other worker answers.
    status, ctype, data = post_json(server.port, "/v1/extract", {"text": SEEDS[4]})
    assert status == 200, data[:300]

    ready_statuses: list[int | str] = []
    stop_polling = threading.Event()

    def poll_ready() -> None:
        while not stop_polling.is_set():
            try:
                ready_statuses.append(get(server.port, "/readyz", timeout=10)[0])
            except (OSError, http.client.HTTPException) as error:
                ready_statuses.append(type(error).__name__)
            time.sleep(0.1)

    poller = threading.Thread(target=poll_ready, daemon=True)
    poller.start()
    try:
        os.kill(victim, signal.SIGKILL)
        slow.join(timeout=20)
        assert slow.error is not None or (slow.status or 0) >= 500, (
            f"the killed worker's client got {slow.status} {slow.data[:200]!r}"
        )
        print(f"\nkilled worker {victim} mid-request; its client got {slow.error!r} / status {slow.status}")

        # Other requests succeed right after the kill, on the survivor or the replacement.
        with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
            results = list(pool.map(lambda seed: post_json(server.port, "/v1/extract", {"text": seed}), SEEDS[:4]))
        assert [status for status, _, _ in results] == [200] * 4, [data[:200] for _, _, data in results]

        after = server.wait_workers(2, without=victim, deadline_s=20)
        assert victim not in after and len(set(after) & set(before)) == 1, (before, after)
        time.sleep(0.3)
    finally:
        stop_polling.set()
        poller.join(timeout=15)
    assert ready_statuses and all(status == 200 for status in ready_statuses), ready_statuses
    status, _, _ = post_json(server.port, "/v1/extract", {"text": SEEDS[0]})
    assert status == 200
    assert server.proc.poll() is None


def test_a_request_over_the_deadline_gets_503_problem(timeout_server):
    text = prose(99_000)
    started = time.monotonic()
    status, ctype, data, headers = request(
        timeout_server.port,
        "POST",
        "/v1/extract",
        json.dumps({"text": text}).encode(),
        "application/json",
        timeout=30,
    )
    elapsed = time.monotonic() - started
    assert status == 503, data[:300]
    validate_response("POST", "/v1/extract", status, ctype, data)
    assert headers.get("Retry-After")
    print(f"\n503 after {elapsed:.2f} s for {len(text)} chars with NEWSFACTS_REQUEST_TIMEOUT=1")
    assert elapsed < 10, f"the 1 s deadline answered only after {elapsed:.1f} s"
    # The worker that hit its deadline is still healthy.
    status, _, data = post_json(timeout_server.port, "/v1/extract", {"text": short_passages()[0]})
    assert status == 200, data[:300]


def test_sigterm_drains_the_request_in_flight(drain_server):
    text = "\n\n".join(SEEDS) * 2  # ~30k chars: about a second or more of work
    in_flight = InFlight(drain_server.port, "/v1/extract", {"text": text}, timeout=CLIENT_TIMEOUT_S)
    worker_holding(drain_server, in_flight.client_port)
    assert in_flight.thread.is_alive(), "the request finished before SIGTERM could be sent"
    drain_server.proc.send_signal(signal.SIGTERM)
    signalled = time.monotonic()
    in_flight.join(timeout=40)
    assert in_flight.error is None, f"the in-flight request failed: {in_flight.error!r}"
    assert in_flight.status == 200, in_flight.data[:300]
    validate_response("POST", "/v1/extract", in_flight.status, in_flight.content_type, in_flight.data)
    code = drain_server.proc.wait(timeout=35)  # graceful_timeout is 30 s
    assert code == 0, drain_server.log_tail()
    print(f"\ndrained: response and exit {time.monotonic() - signalled:.2f} s after SIGTERM")


def test_one_json_log_line_per_request_and_never_the_text(server):
    marker = "Quorblax" + uuid.uuid4().hex[:12]
    text = f"{marker} Industries said on Monday that 40 people were hurt. \u201cIt was {marker},\u201d she said."
    sent = []
    for content_type, body in (
        ("application/json", json.dumps({"text": text}).encode()),
        ("text/plain; charset=utf-8", text.encode()),
        ("application/json", json.dumps({"text": " ", "id": "blank"}).encode()),  # 422
    ):
        request_id = uuid.uuid4().hex
        status, _, _, _ = request(
            server.port,
            "POST",
            "/v1/extract",
            body,
            content_type,
            headers={"X-Request-ID": request_id},
            timeout=CLIENT_TIMEOUT_S,
        )
        sent.append((request_id, status, len(text) if status == 200 else 1))
    batch_id = uuid.uuid4().hex
    batch = {"documents": [{"id": "a", "text": text}, {"id": "b", "text": text}]}
    status, _, _, _ = request(
        server.port,
        "POST",
        "/v1/extract/batch",
        json.dumps(batch).encode(),
        "application/json",
        headers={"X-Request-ID": batch_id},
        timeout=CLIENT_TIMEOUT_S,
    )
    assert [s for _, s, _ in sent] == [200, 200, 422] and status == 200

    give_up = time.monotonic() + 5
    while True:
        by_id: dict[str, list[dict]] = {}
        for record in server.access_lines():
            by_id.setdefault(record.get("request_id"), []).append(record)
        wanted = [rid for rid, _, _ in sent] + [batch_id] + server.sent_request_ids
        if all(rid in by_id for rid in wanted) or time.monotonic() > give_up:
            break
        time.sleep(0.1)

    for request_id, status, chars in sent:
        records = by_id.get(request_id, [])
        assert len(records) == 1, f"expected one access line for {request_id}, got {records}"
        record = records[0]
        assert all(name in record for name in ACCESS_FIELDS), record
        assert record["method"] == "POST" and record["path"] == "/v1/extract" and record["status"] == status
        assert record["client"] == "127.0.0.1"
        assert isinstance(record["duration_ms"], (int, float)) and record["duration_ms"] >= 0
        assert record["text_chars"] == chars
    (batch_record,) = by_id[batch_id]
    assert batch_record["text_chars"] == 2 * len(text) and batch_record["path"] == "/v1/extract/batch"
    # Every request of the load test, if it ran, logged exactly once too.
    missing_or_repeated = [rid for rid in server.sent_request_ids if len(by_id.get(rid, [])) != 1]
    assert not missing_or_repeated, f"{len(missing_or_repeated)} load-test requests without exactly one line"
    for record in server.access_lines():
        assert all(name in record for name in ACCESS_FIELDS), record

    log = server.log_text()
    assert marker not in log, "article text leaked into the logs"
    assert "Industries said on Monday" not in log


def _requests_total(exposition: str, *, method: str, route: str, status: str) -> float:
    """The value of newsfacts_requests_total for one label set in a Prometheus text exposition."""
    for row in exposition.splitlines():
        if not row.startswith("newsfacts_requests_total{"):
            continue
        labels = dict(re.findall(r'(\w+)="((?:[^"\\]|\\.)*)"', row[: row.rindex("}")]))
        if labels == {"method": method, "route": route, "status": status}:
            return float(row.rsplit(" ", 1)[1])
    return 0.0


def test_metrics_count_requests_across_workers(server):
    if get(server.port, "/metrics")[0] == 404:
        pytest.skip("no /metrics endpoint yet")
    labels = {"method": "POST", "route": "/v1/extract", "status": "200"}

    def scrape() -> float:
        status, ctype, data = get(server.port, "/metrics")
        assert status == 200 and mimetype(ctype) == "text/plain", (status, ctype)
        return _requests_total(data.decode(), **labels)

    before = scrape()
    workers = server.worker_pids()
    cpu_before = {pid: cpu_seconds([pid]) for pid in workers}
    sent = 24
    passages = short_passages()

    def send(i: int) -> int:
        return post_json(server.port, "/v1/extract", {"text": passages[i % len(passages)]})[0]

    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        statuses = list(pool.map(send, range(sent)))
    assert statuses == [200] * sent
    assert all(cpu_seconds([pid]) > cpu_before[pid] for pid in workers), "the requests did not reach both workers"
    # Each scrape is answered by whichever worker is free: every one must count all workers' requests.
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        scraped = list(pool.map(lambda _: scrape(), range(8)))
    assert scraped == [before + sent] * len(scraped), f"before {before}, sent {sent}, scraped {scraped}"
