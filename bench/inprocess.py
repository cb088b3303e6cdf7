"""In-process figures: the extraction core against spaCy's pipeline alone and quantulum3 alone, and
where the core's time goes."""

from __future__ import annotations

import cProfile
import io
import pstats
import statistics
import time
from collections.abc import Sequence

from bench.figures import Rate, Report, Target, measure_rates

CORE_VS_FLOOR = Target(">=", 0.75)


def bench_in_process(report: Report, extractor, texts: list[str], seeds: list[str], *, reps: int) -> Rate:
    """Records the in-process figures; returns the rate of extract(seed) one by one (the HTTP baseline)."""
    import quantulum3.parser

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

    # Warm-up, untimed: the whole pipeline once on every text, then the extractors and
    # quantulum3 (which builds its tables and caches on first use) on the seeds.
    floor()
    seeds_single()
    for text in seeds:
        quantulum3.parser.parse(text)
    rates = measure_rates(
        {
            "floor": (floor, len(texts)),
            "core": (core, len(texts)),
            "seeds_single": (seeds_single, len(seeds)),
            "quantulum": (quantulum, len(texts)),
        },
        reps=reps,
    )
    floor_rate, core_rate, single, quant = (rates[n] for n in ("floor", "core", "seeds_single", "quantulum"))
    report.heading(f"in-process, one process, all {len(texts)} texts per run")
    report.add("floor: list(nlp.pipe(texts))", floor_rate.per_s, "docs/s", note=floor_rate.runs())
    report.add("core: Extractor.extract_many(texts)", core_rate.per_s, "docs/s", note=core_rate.runs())
    report.add("core / floor (docs/s, wall)", core_rate.per_s / floor_rate.per_s, "", target=CORE_VS_FLOOR)
    report.add("floor, docs per CPU-second", floor_rate.per_cpu_s, "docs/CPU-s")
    report.add("core, docs per CPU-second", core_rate.per_cpu_s, "docs/CPU-s")
    report.add("core / floor (docs per CPU-s)", core_rate.per_cpu_s / floor_rate.per_cpu_s, "", target=CORE_VS_FLOOR)
    report.add("quantulum3.parser.parse alone", quant.per_s, "docs/s", note=quant.runs())
    report.add("core / quantulum3 alone (docs/s)", core_rate.per_s / quant.per_s, "", target=Target(">", 1.0))
    report.add("core: extract(seed) one by one, seeds only", single.per_s, "docs/s", note=single.runs())
    report.add("  same, docs per CPU-second", single.per_cpu_s, "docs/CPU-s")
    return single


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


def print_profile(report: Report, extractor, texts: list[str], seeds: list[str], *, passes: int, out=None) -> None:
    report.heading(f"where the core's time goes: CPU per stage, all {len(texts)} texts, no profiler (median of 3)")
    stages = stage_breakdown(extractor, texts)
    total = sum(stages.values())
    for name, spent in stages.items():
        report.info(name, f"{spent:.3f} s  {100 * spent / total:5.1f}%")
    report.heading(f"cProfile: Extractor.extract over the seeds, {passes} pass(es)")
    print(
        "  note: spaCy's Cython (Token.cinit, Doc.__iter__) is visible to cProfile, whose per-call\n"
        "  overhead inflates token-by-token Python code several times; trust the CPU split above.",
        flush=True,
    )
    print(profile_core(extractor, seeds, passes), flush=True)
    if out is not None:
        profiler = cProfile.Profile()
        profiler.runcall(lambda: [extractor.extract(text) for text in seeds])
        profiler.dump_stats(str(out))
