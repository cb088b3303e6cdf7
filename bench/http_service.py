"""HTTP figures: the service under gunicorn on loopback — throughput, latency, cold start, memory
and its growth over a soak of varied requests — against the same work in-process."""

from __future__ import annotations

import concurrent.futures
import contextlib
import json
import math
import os
import random
import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.corpus import soak_paragraphs, varied_text
from bench.figures import Rate, Report, Target, measure_rates
from bench.live import Gunicorn, cpu_seconds, request

CLIENT_TIMEOUT_S = 120.0
HTTP_VS_INPROCESS = Target(">=", 0.90)
COLD_START = Target("<", 15.0)
RSS_GROWTH = Target("<", 10.0)
SMAPS_FIELDS = ("Rss", "Pss", "Shared_Clean", "Shared_Dirty", "Private_Clean", "Private_Dirty", "Swap")


@dataclass(frozen=True)
class HttpSettings:
    reps: int
    single_requests: int  # per repetition
    batch_requests: int  # per repetition (each carries the five seeds)
    soak_requests: int
    workers: int
    config: str


def smaps_rollup(pid: int) -> dict[str, int]:
    """kB values from /proc/<pid>/smaps_rollup."""
    values: dict[str, int] = {}
    for row in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        name, _, rest = row.partition(":")
        if name in SMAPS_FIELDS:
            values[name] = int(rest.split()[0])
    values["Shared"] = values.get("Shared_Clean", 0) + values.get("Shared_Dirty", 0)
    values["Private"] = values.get("Private_Clean", 0) + values.get("Private_Dirty", 0)
    return values


def extract_json(text: str) -> bytes:
    return json.dumps({"text": text}).encode()


def batch_json(texts: Sequence[str]) -> bytes:
    return json.dumps({"documents": [{"id": f"doc-{i}", "text": t} for i, t in enumerate(texts)]}).encode()


@dataclass
class LoadResult:
    elapsed_s: float
    latencies_s: list[float]
    errors: list[str]


def run_load(port: int, bodies: Sequence[tuple[str, bytes]], concurrency: int) -> LoadResult:
    """POST every (path, body) with ``concurrency`` clients; a 200 is success, anything else an error."""

    def one(item: tuple[str, bytes]) -> tuple[float, str | None]:
        path, body = item
        started = time.perf_counter()
        try:
            status, _, data, _ = request(port, "POST", path, body, "application/json", timeout=CLIENT_TIMEOUT_S)
        except OSError as error:
            return time.perf_counter() - started, f"{type(error).__name__}: {error}"
        latency = time.perf_counter() - started
        return latency, None if status == 200 else f"HTTP {status}: {data[:200]!r}"

    started = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(max_workers=concurrency) as pool:
        outcomes = list(pool.map(one, bodies))
    elapsed = time.perf_counter() - started
    return LoadResult(elapsed, [lat for lat, _ in outcomes], [err for _, err in outcomes if err])


def memory_snapshot(server: Gunicorn) -> dict[str, dict[str, int]]:
    snapshot = {"master": smaps_rollup(server.proc.pid)}
    for pid in server.worker_pids():
        with contextlib.suppress(FileNotFoundError, ProcessLookupError):
            snapshot[f"worker {pid}"] = smaps_rollup(pid)
    return snapshot


def print_memory(title: str, snapshot: dict[str, dict[str, int]]) -> None:
    print(f"  {title}", flush=True)
    print(f"    {'process':<16}{'RSS MiB':>10}{'PSS MiB':>10}{'shared MiB':>12}{'private MiB':>13}", flush=True)
    for name, values in snapshot.items():
        print(
            f"    {name:<16}{values['Rss'] / 1024:>10.1f}{values['Pss'] / 1024:>10.1f}"
            f"{values['Shared'] / 1024:>12.1f}{values['Private'] / 1024:>13.1f}",
            flush=True,
        )
    total_pss = sum(values["Pss"] for values in snapshot.values())
    print(f"    {'total PSS (real footprint)':<36}{total_pss / 1024:>10.1f} MiB", flush=True)


def _worker_rss(snapshot: dict[str, dict[str, int]]) -> dict[str, int]:
    return {name: values["Rss"] for name, values in snapshot.items() if name.startswith("worker")}


def _percentile(values: Sequence[float], pct: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(1, math.ceil(pct / 100 * len(ordered))) - 1]


def _growth_pct(before: dict[str, int], after: dict[str, int]) -> float:
    growth = [100 * (after[name] - before[name]) / before[name] for name in after if name in before]
    return max(growth) if growth else float("nan")


def bench_http(report: Report, seeds: list[str], texts: list[str], settings: HttpSettings, in_process: Rate) -> None:
    """Records the HTTP figures; ``in_process`` is extract(seed) one by one in this process."""
    workers = settings.workers
    report.heading(f"HTTP: gunicorn, {workers} gevent workers, {workers} concurrent clients")
    report.info("GUNICORN_MAX_REQUESTS", "1000000000 (set high: no worker is recycled during the run)")
    report.info("gunicorn config", settings.config)
    environment = {"GUNICORN_MAX_REQUESTS": "1000000000", "NEWSFACTS_PRELOAD": "true"}
    server = Gunicorn("bench", workers, environment, config=settings.config)
    requests_sent, errors, memory = 0, [], {}
    try:
        report.add("cold start: spawn master -> /readyz 200", server.wait_ready(), "s", target=COLD_START)
        pids = server.worker_pids()
        report.info("worker pids", " ".join(map(str, pids)))
        memory["ready"] = memory_snapshot(server)

        # Warm-up: every seed a few times on every worker, one batch, one long article per worker.
        warm = [("/v1/extract", extract_json(seed)) for seed in seeds] * (2 * workers)
        warm += [("/v1/extract/batch", batch_json(seeds))] * workers
        warm += [("/v1/extract", extract_json(texts[-1]))] * workers
        warmed = run_load(server.port, warm, workers)
        if warmed.errors:
            raise RuntimeError(f"warm-up failed: {warmed.errors[:3]}\n{server.log_tail()}")

        latencies: list[float] = []

        def load(bodies: list[tuple[str, bytes]], concurrency: int, *, keep_latency: bool = False):
            def call() -> None:
                nonlocal requests_sent
                result = run_load(server.port, bodies, concurrency)
                requests_sent += len(bodies)
                errors.extend(result.errors)
                if keep_latency:
                    latencies.extend(result.latencies_s)

            return call

        # One client: one busy worker, comparable with the one in-process loop on a shared machine.
        one_client = [("/v1/extract", extract_json(seed)) for seed in seeds] * max(1, settings.single_requests // 10)
        single = [("/v1/extract", extract_json(seeds[i % len(seeds)])) for i in range(settings.single_requests)]
        batches = [("/v1/extract/batch", batch_json(seeds))] * settings.batch_requests
        rates = measure_rates(
            {
                "one client": (load(one_client, 1), len(one_client)),
                "single": (load(single, workers, keep_latency=True), len(single)),
                "batch": (load(batches, workers), len(batches) * len(seeds)),
            },
            reps=settings.reps,
            cpu_clock=lambda: cpu_seconds(pids),
        )
        report.add("single /v1/extract (seeds), median of reps", rates["single"].per_s, "docs/s", note=rates["single"].runs())
        report.add("single docs per worker-CPU-second", rates["single"].per_cpu_s, "docs/CPU-s")
        report.add("single /v1/extract, 1 client", rates["one client"].per_s, "docs/s")
        report.add("  same, docs per worker-CPU-second", rates["one client"].per_cpu_s, "docs/CPU-s")
        for pct in (50, 95, 99):
            report.add(f"latency p{pct} ({len(latencies)} seed requests)", 1000 * _percentile(latencies, pct), "ms")
        report.add(f"batch /v1/extract/batch ({len(seeds)} seeds per call)", rates["batch"].per_s, "docs/s")
        report.add("batch docs per worker-CPU-second", rates["batch"].per_cpu_s, "docs/CPU-s")
        report.add(
            "batch / single (HTTP docs/s, wall)", rates["batch"].per_s / rates["single"].per_s, "", target=Target(">=", 1)
        )
        report.add(
            "batch / single (docs per worker-CPU-s)",
            rates["batch"].per_cpu_s / rates["single"].per_cpu_s,
            "",
            target=Target(">=", 1),
        )
        memory["warm"] = memory_snapshot(server)

        rng = random.Random(20260101)
        paragraphs = soak_paragraphs(seeds)
        soak = [("/v1/extract", extract_json(varied_text(rng, paragraphs))) for _ in range(settings.soak_requests)]
        mean_chars = statistics.mean(len(json.loads(body)["text"]) for _, body in soak)
        report.info(
            "soak: varied requests (seed passage + invented tokens)",
            f"{len(soak)}, mean {mean_chars:.0f} chars, {2 * workers} clients",
        )
        soaked = run_load(server.port, soak, 2 * workers)
        requests_sent += len(soak)
        errors.extend(soaked.errors)
        report.add("soak throughput", len(soak) / soaked.elapsed_s, "req/s", note=f"{soaked.elapsed_s:.1f} s")
        memory["after soak"] = memory_snapshot(server)
        recycled = sorted(server.worker_pids()) != sorted(pids)
        report.info("workers recycled during the run", "YES (growth figures unreliable)" if recycled else "no")
        for title, snapshot in memory.items():
            print_memory(f"memory: {title}", snapshot)
        warm_rss, ready_rss, soak_rss = (_worker_rss(memory[key]) for key in ("warm", "ready", "after soak"))
        growth = float("nan") if recycled else _growth_pct(warm_rss, soak_rss)
        report.add(f"worker RSS growth, {len(soak)} varied requests (max)", growth, "%", target=RSS_GROWTH)
        report.add("worker RSS growth since ready (max)", _growth_pct(ready_rss, soak_rss), "%")
        report.add("total PSS after soak", sum(v["Pss"] for v in memory["after soak"].values()) / 1024, "MiB")

        report.heading("HTTP vs in-process")
        per_worker = rates["single"].per_s / workers
        report.add("HTTP per worker / in-process (wall)", per_worker / in_process.per_s, "", target=HTTP_VS_INPROCESS)
        report.add(
            "HTTP 1 client / in-process (wall)", rates["one client"].per_s / in_process.per_s, "", target=HTTP_VS_INPROCESS
        )
        report.add(
            "HTTP 1 client per worker-CPU-s / in-process",
            rates["one client"].per_cpu_s / in_process.per_cpu_s,
            "",
            target=HTTP_VS_INPROCESS,
            note="the service's own overhead",
        )
        report.add(
            f"HTTP {workers} clients per worker-CPU-s / in-process",
            rates["single"].per_cpu_s / in_process.per_cpu_s,
            "",
            target=HTTP_VS_INPROCESS,
            note=f"also pays for {workers} busy workers sharing caches and memory bandwidth",
        )
        if workers > (os.cpu_count() or 1):
            report.info("note", f"{workers} workers > {os.cpu_count()} cpus: per-worker figure is capped by cores")
        for error in errors[:3]:
            report.info("error", error)
        report.add("HTTP errors", len(errors), f"of {requests_sent} requests", target=Target("==", 0))
    finally:
        code = server.stop()
        log = server.log_text()
        access_lines = sum(1 for row in log.splitlines() if '"newsfacts.access"' in row)
        report.info("gunicorn exit code after SIGTERM", str(code))
        report.info("access log lines (JSON)", f"{access_lines} (requests sent incl. warm-up and probes: >= {requests_sent})")
        server.cleanup()
