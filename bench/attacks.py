"""What one hostile client can do to the service, measured against a real gunicorn on loopback.

Run with ``.venv/bin/python bench/attacks.py [--only NAME ...]``.  It prints, for the shipped
gunicorn.conf.py:

* ``probes``: /healthz and ordinary-request latency while 8 slow clients (4 sending the headers
  one byte a second, 4 sending a body at 100 B/s, reconnecting whenever they are cut off) are
  connected to 2 workers;
* ``ratio``: the time of each token-dense text (bench/live.py ``hostile_texts``) against an
  ordinary article of the same length; a text the service refuses for its token budget is cut to
  the largest size it accepts, so the figure is for the slowest *in-limit* input;
* ``batch``: the peak RSS of either of 2 workers while two of the worst batches (32 token-dense
  documents, cut down to the request's limits) run at once.  Every process is capped at
  ``--cap-gib`` of address space, and the run is stopped when a worker passes ``--stop-gib`` RSS;
* ``seeds``: the latency of each seed article posted alone, one request at a time.
"""

from __future__ import annotations

import argparse
import json
import re
import socket
import statistics
import sys
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.live import ROOT, Gunicorn, article_text, hostile_texts, request, rss_bytes, seed_paragraphs

GIB = 1024**3
SEEDS = [path.read_text(encoding="utf-8") for path in sorted((ROOT / "seeds").glob("*.txt"))]
PARAGRAPHS = seed_paragraphs(SEEDS, longer_than=40)
# A refusal for a token budget names the count and the limit: "... 104000 tokens ... limit is 30000 ...".
_TOKENS_OVER_LIMIT = re.compile(r"(\d+) tokens\D+?(\d+)")


class PeakRss:
    """The highest resident memory any worker of ``server`` reaches while the block runs."""

    def __init__(self, server: Gunicorn) -> None:
        self.server = server
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.wait(0.05):
            for pid in self.server.worker_pids():
                self.peak = max(self.peak, rss_bytes(pid))

    def __enter__(self) -> PeakRss:
        self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._stop.set()
        self._thread.join(timeout=5)


# --- slow clients --------------------------------------------------------------------------------


def _trickle(port: int, stop: threading.Event, head: bytes, body: bytes, byte_gap_s: float, chunk: int) -> None:
    """Send ``head`` then ``body`` ``chunk`` bytes at a time, ``byte_gap_s`` apart; reconnect when cut off."""
    data = head + body
    while not stop.is_set():
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
                sent = 0
                while sent < len(data) and not stop.is_set():
                    sock.sendall(data[sent : sent + chunk])
                    sent += chunk
                    stop.wait(byte_gap_s)
                # The request is complete: read whatever comes back, then start again.
                sock.settimeout(1)
                while not stop.is_set():
                    try:
                        if not sock.recv(65536):
                            break
                    except TimeoutError:
                        continue
        except OSError:
            stop.wait(0.2)


def slow_header_client(port: int, stop: threading.Event) -> None:
    head = b"POST /v1/extract HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\nContent-Length: 20\r\n\r\n"
    _trickle(port, stop, head, b"Putin met Xi today. ", byte_gap_s=1.0, chunk=1)


def slow_body_client(port: int, stop: threading.Event) -> None:
    body = (" ".join(PARAGRAPHS) * 20)[:100_000].encode()
    head = (
        "POST /v1/extract HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain; charset=utf-8\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    ).encode()
    # 100 bytes a second once the headers are in.
    _trickle_body(port, stop, head, body)


def _trickle_body(port: int, stop: threading.Event, head: bytes, body: bytes) -> None:
    while not stop.is_set():
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
                sock.sendall(head)
                for start in range(0, len(body), 10):
                    if stop.is_set():
                        break
                    sock.sendall(body[start : start + 10])
                    stop.wait(0.1)
        except OSError:
            stop.wait(0.2)


def _timed(call: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    try:
        outcome = call()
    except OSError as error:
        outcome = type(error).__name__
    return time.perf_counter() - started, outcome


def measure_probes(port: int, *, clients: int = 8, seconds: float = 20.0, probe_timeout: float = 30.0) -> dict:
    """/healthz and ordinary-request latencies while ``clients`` slow clients hold connections."""
    stop = threading.Event()
    kinds = [slow_header_client, slow_body_client]
    threads = [
        threading.Thread(target=kinds[i % 2], args=(port, stop), daemon=True, name=f"slow-{i}") for i in range(clients)
    ]
    for thread in threads:
        thread.start()
    time.sleep(2)  # let them connect and start trickling
    probes: list[float] = []
    ordinary: list[float] = []
    failures: list[str] = []
    passage = PARAGRAPHS[0].encode()
    finish = time.perf_counter() + seconds
    while time.perf_counter() < finish:
        latency, outcome = _timed(lambda: request(port, "GET", "/healthz", timeout=probe_timeout).status)
        probes.append(latency)
        if outcome != 200:
            failures.append(f"/healthz: {outcome}")
        latency, outcome = _timed(
            lambda: request(port, "POST", "/v1/extract", passage, "text/plain", timeout=probe_timeout).status
        )
        ordinary.append(latency)
        if outcome != 200:
            failures.append(f"/v1/extract: {outcome}")
        time.sleep(0.25)
    stop.set()
    for thread in threads:
        thread.join(timeout=10)
    return {
        "probe_ms": _summary(probes),
        "ordinary_request_ms": _summary(ordinary),
        "failures": failures[:10],
        "failure_count": len(failures),
    }


def _summary(seconds: Sequence[float]) -> dict:
    ordered = sorted(seconds)
    return {
        "n": len(ordered),
        "median": round(statistics.median(ordered) * 1000, 1),
        "p95": round(ordered[int(0.95 * (len(ordered) - 1))] * 1000, 1),
        "max": round(ordered[-1] * 1000, 1),
    }


# --- token-dense texts ---------------------------------------------------------------------------


def _post_text(port: int, text: str, timeout: float = 300.0):
    return request(port, "POST", "/v1/extract", text.encode(), "text/plain; charset=utf-8", timeout=timeout)


def _in_limit(port: int, text: str) -> tuple[str, float] | None:
    """The text (cut to what the service accepts) and its answer time; None when refused at any length
    (a text denser than NEWSFACTS_MAX_TOKENS_PER_CHAR is refused however it is cut)."""
    for _ in range(6):
        started = time.perf_counter()
        reply = _post_text(port, text)
        elapsed = time.perf_counter() - started
        if reply.status == 200:
            return text, elapsed
        detail = json.loads(reply.body).get("detail", "")
        if reply.status not in (413, 422):
            raise RuntimeError(f"HTTP {reply.status}: {reply.body[:300]!r}")
        match = _TOKENS_OVER_LIMIT.search(detail)
        if not match:  # refused for what the text holds, not its size
            return None
        tokens, limit = int(match.group(1)), int(match.group(2))
        text = text[: int(len(text) * limit / tokens * 0.98)]
    return None


def measure_ratio(server: Gunicorn, chars: int) -> dict:
    port = server.port
    rows = {}
    for name, text in hostile_texts(chars).items():
        with PeakRss(server) as peak:
            found = _in_limit(port, text)
        if found is None:
            rows[name] = {"refused": "at every length tried (token density, or an answer that would echo it)"}
            print(f"  {name}: {rows[name]}", flush=True)
            continue
        accepted, seconds = found
        ordinary = article_text(PARAGRAPHS, len(accepted))[: len(accepted)]
        _post_text(port, ordinary)
        # Alternated, best of two each: a shared machine's load then weighs on both sides alike.
        ordinary_s = _timed(lambda: _post_text(port, ordinary))[0]
        seconds = min(seconds, _timed(lambda: _post_text(port, accepted))[0])
        ordinary_s = min(ordinary_s, _timed(lambda: _post_text(port, ordinary))[0])
        rows[name] = {
            "chars": len(accepted),
            "seconds": round(seconds, 2),
            "ordinary_seconds": round(ordinary_s, 2),
            "ratio": round(seconds / ordinary_s, 2),
            "peak_worker_rss_mib": peak.peak >> 20,
        }
        print(f"  {name}: {rows[name]}", flush=True)
    return rows


# --- the worst batch -----------------------------------------------------------------------------


# The densest hostile text the default limits accept (0.375 tokens a character, two in three a number).
BATCH_TEXT = "digits-and-words"


def _batch_body(docs: int, chars: int) -> bytes:
    text = hostile_texts(chars)[BATCH_TEXT]
    return json.dumps({"documents": [{"id": str(i), "text": text} for i in range(docs)]}).encode()


def measure_batch(server: Gunicorn, *, docs: int, chars: int, stop_bytes: int) -> dict:
    """Peak worker RSS while two of the worst accepted batches run at once."""
    port = server.port
    peak = {pid: rss_bytes(pid) for pid in server.worker_pids()}
    outcomes: list[str] = []
    stopped = threading.Event()

    def post() -> None:
        nonlocal chars
        for _ in range(4):
            try:
                reply = request(port, "POST", "/v1/extract/batch", _batch_body(docs, chars), "application/json",
                                timeout=600)
            except OSError as error:
                outcomes.append(f"{type(error).__name__}")
                return
            answer = json.loads(reply.body)
            if reply.status == 200:
                # Documents refused for the per-document budget: cut them to fit and go again.
                detail = next((e["detail"] for e in answer["errors"] if "tokens" in e["detail"]), None)
                if detail is None or stopped.is_set():
                    outcomes.append(f"200 ({len(answer['results'])} results, {len(answer['errors'])} errors)")
                    return
            else:
                detail = answer.get("detail", "")
            match = _TOKENS_OVER_LIMIT.search(detail)
            if not match:
                outcomes.append(f"{reply.status}: {detail[:120]}")
                return
            chars = int(chars * int(match.group(2)) / int(match.group(1)) * 0.98)
        outcomes.append("no in-limit size found")

    started = time.perf_counter()
    clients = [threading.Thread(target=post, daemon=True) for _ in range(2)]
    for client in clients:
        client.start()
    while any(client.is_alive() for client in clients):
        for pid in server.worker_pids():
            peak[pid] = max(peak.get(pid, 0), rss_bytes(pid))
        if max(peak.values(), default=0) > stop_bytes:
            stopped.set()
            server.stop()
            break
        time.sleep(0.05)
    for client in clients:
        client.join(timeout=30)
    return {
        "docs": docs,
        "chars_per_doc": chars,
        "seconds": round(time.perf_counter() - started, 1),
        "peak_worker_rss_mib": round(max(peak.values(), default=0) / 2**20),
        "stopped_at_ceiling": stopped.is_set(),
        "outcomes": outcomes,
    }


# --- seeds ---------------------------------------------------------------------------------------


def measure_seeds(port: int, rounds: int = 15) -> dict:
    for seed in SEEDS:
        _post_text(port, seed)
    latencies = [_timed(lambda: _post_text(port, seed))[0] for _ in range(rounds) for seed in SEEDS]
    return _summary(latencies)


def compare_seeds(baseline: Path, rounds: int = 20) -> dict:
    """Seed latency of this tree and of ``baseline`` (another checkout), requests alternating between
    the two so that both see the same load on a shared machine."""
    env = {"GUNICORN_MAX_REQUESTS": "1000000000"}
    servers = {"this tree": Gunicorn("seeds-new", 1, env), "baseline": Gunicorn("seeds-old", 1, env, cwd=baseline)}
    try:
        for server in servers.values():
            server.wait_ready()
            for seed in SEEDS:
                _post_text(server.port, seed)
        latencies: dict[str, list[float]] = {name: [] for name in servers}
        for _ in range(rounds):
            for seed in SEEDS:
                for name, server in servers.items():
                    latencies[name].append(_timed(lambda: _post_text(server.port, seed))[0])
        return {name: _summary(values) for name, values in latencies.items()}
    finally:
        for server in servers.values():
            server.cleanup()


# --- main ----------------------------------------------------------------------------------------


MEASURES: dict[str, Callable[[Gunicorn, argparse.Namespace], dict]] = {
    "seeds": lambda server, args: measure_seeds(server.port),
    "probes": lambda server, args: measure_probes(server.port, seconds=args.seconds),
    "ratio": lambda server, args: measure_ratio(server, args.chars),
    "batch": lambda server, args: measure_batch(
        server, docs=args.batch_docs, chars=args.batch_chars, stop_bytes=int(args.stop_gib * GIB)
    ),
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", default=["seeds", "probes", "ratio", "batch"], choices=list(MEASURES))
    parser.add_argument("--chars", type=int, default=100_000, help="length of the token-dense texts")
    parser.add_argument("--batch-docs", type=int, default=32)
    parser.add_argument("--batch-chars", type=int, default=60_000)
    parser.add_argument("--cap-gib", type=float, default=6.0, help="address-space cap of every gunicorn process")
    parser.add_argument("--stop-gib", type=float, default=3.0, help="stop the batch attack at this worker RSS")
    parser.add_argument("--seconds", type=float, default=20.0, help="how long the slow clients stay")
    parser.add_argument("--baseline", type=Path, help="another checkout: compare seed latency with it, interleaved")
    args = parser.parse_args(argv)
    if args.baseline:
        print(json.dumps({"seeds, interleaved": compare_seeds(args.baseline)}, indent=1))
        return 0
    cap = int(args.cap_gib * GIB)
    results: dict[str, object] = {}
    env = {"GUNICORN_MAX_REQUESTS": "1000000000"}
    for name in args.only:
        print(f"== {name}", flush=True)
        server = Gunicorn(f"attack-{name}", 2 if name in ("probes", "batch") else 1, env, address_space_cap=cap)
        try:
            server.wait_ready()
            with PeakRss(server) as peak:
                results[name] = MEASURES[name](server, args)
            results[name]["peak_worker_rss_mib"] = max(results[name].get("peak_worker_rss_mib", 0), peak.peak >> 20)
        finally:
            server.cleanup()
        print(json.dumps({name: results[name]}, indent=1), flush=True)
    print(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
