"""The batch figure: ``newsfacts batch`` on a local Dask cluster against spaCy's ``nlp.pipe`` alone
with as many processes, on the same invented articles, in the same run.

The batch rate counts from the first task to the last shard written (reading the JSONL.gz input,
extracting, writing Parquet); the cluster's cold start (processes up, pipeline loaded and warmed on
every worker) is its own figure.  spaCy's rate includes starting its processes, which fork an
already loaded pipeline.  On a shared machine wall rates swing with other load, so both are also
given per CPU-second: spaCy's over this process and its workers, the batch's over its tasks.
"""

from __future__ import annotations

import logging
import math
import multiprocessing
import resource
import statistics
import tempfile
import time
from pathlib import Path

from bench.corpus import corpus_rows, write_jsonl_gz
from bench.figures import Report, Target
from service.batch.job import BatchJob, run_batch
from service.batch.rows import RowOptions
from service.config import Config
from service.extraction import FEATURES

BATCH_VS_SPACY = Target(">=", 0.9)
SPACY_BATCH_SIZE = 32


def bench_batch(report: Report, *, articles: int, workers: int, model: str, reps: int) -> None:
    import spacy

    # quantulum3 installs a root log handler when it first parses, which would print Dask's INFO lines.
    logging.getLogger("distributed").setLevel(logging.WARNING)
    rows = corpus_rows(articles)
    texts = [row["text"] for row in rows]
    nlp = spacy.load(model)
    list(nlp.pipe(texts[:10]))  # warm-up
    report.heading(f"batch: newsfacts batch, {workers} workers, vs spaCy nlp.pipe, {workers} processes")
    report.info("corpus", f"{len(texts)} articles (5 seeds + invented), {sum(map(len, texts))} chars, JSONL.gz in")
    spacy_rates, spacy_cpu_rates, batch_rates, batch_cpu_rates, cold_starts = [], [], [], [], []
    with tempfile.TemporaryDirectory(prefix="newsfacts-bench-batch-") as folder:
        corpus = write_jsonl_gz(Path(folder) / "corpus.jsonl.gz", rows)
        for rep in range(reps):
            started, cpu = time.perf_counter(), _cpu_with_children()
            parsed = sum(1 for _ in nlp.pipe(texts, n_process=workers, batch_size=SPACY_BATCH_SIZE))
            spacy_rates.append(parsed / (time.perf_counter() - started))
            multiprocessing.active_children()  # reaps spaCy's processes, so their CPU time is counted
            spacy_cpu_rates.append(parsed / (_cpu_with_children() - cpu))
            job = BatchJob(
                inputs=[str(corpus)],
                output=Path(folder) / f"out-{rep}",
                model_name=model,
                rows=RowOptions(include=FEATURES, offset_encoding="codepoint", max_text_chars=Config().max_text_chars),
                output_format="parquet",
                workers=workers,
                partition_rows=math.ceil(len(texts) / (4 * workers)),
                progress=False,
            )
            summary = run_batch(job)
            if summary.failed or summary.rows != len(texts):
                raise RuntimeError(f"batch run incomplete: {summary.lines()}")
            batch_rates.append(summary.rows_per_s)
            batch_cpu_rates.append(summary.rows / summary.cpu_seconds)
            cold_starts.append(summary.cluster_start_s)
    spacy_rate, batch_rate = statistics.median(spacy_rates), statistics.median(batch_rates)
    spacy_cpu, batch_cpu = statistics.median(spacy_cpu_rates), statistics.median(batch_cpu_rates)
    report.add(f"spaCy nlp.pipe alone, {workers} processes", spacy_rate, "rows/s", note=_runs(spacy_rates))
    report.add(f"newsfacts batch, {workers} workers", batch_rate, "rows/s", note=_runs(batch_rates))
    report.add("newsfacts batch / spaCy alone (rows/s)", batch_rate / spacy_rate, "", target=BATCH_VS_SPACY)
    report.add("spaCy alone, rows per CPU-second (all processes)", spacy_cpu, "rows/CPU-s", note=_runs(spacy_cpu_rates))
    report.add("newsfacts batch, rows per worker-CPU-second", batch_cpu, "rows/CPU-s", note=_runs(batch_cpu_rates))
    report.add("newsfacts batch / spaCy alone (rows per CPU-s)", batch_cpu / spacy_cpu, "", target=BATCH_VS_SPACY)
    report.add(
        "local cluster cold start (up, pipeline loaded)", statistics.median(cold_starts), "s", note=_runs(cold_starts)
    )


def _runs(values: list[float]) -> str:
    return "runs: " + ", ".join(f"{value:.1f}" for value in values)


def _cpu_with_children() -> float:
    """CPU seconds of this process and of its children that have ended."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime
