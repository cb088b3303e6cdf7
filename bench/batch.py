"""The batch figure: ``newsfacts batch`` on a local Dask cluster against spaCy's ``nlp.pipe`` alone
with as many processes, on the same invented articles, in the same run.

The batch rate counts from the first task to the last shard written (reading the JSONL.gz input,
extracting, writing Parquet); the cluster's cold start (processes up, pipeline loaded and warmed on
every worker) is its own figure.  spaCy's rate includes starting its processes, which fork an
already loaded pipeline.
"""

from __future__ import annotations

import logging
import math
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
    spacy_rates, batch_rates, cold_starts = [], [], []
    with tempfile.TemporaryDirectory(prefix="newsfacts-bench-batch-") as folder:
        corpus = write_jsonl_gz(Path(folder) / "corpus.jsonl.gz", rows)
        for rep in range(reps):
            started = time.perf_counter()
            parsed = sum(1 for _ in nlp.pipe(texts, n_process=workers, batch_size=SPACY_BATCH_SIZE))
            spacy_rates.append(parsed / (time.perf_counter() - started))
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
            cold_starts.append(summary.cluster_start_s)
    spacy_rate, batch_rate = statistics.median(spacy_rates), statistics.median(batch_rates)
    runs = ", ".join(f"{rate:.1f}" for rate in spacy_rates)
    report.add(f"spaCy nlp.pipe alone, {workers} processes", spacy_rate, "rows/s", note=f"runs: {runs}")
    runs = ", ".join(f"{rate:.1f}" for rate in batch_rates)
    report.add(f"newsfacts batch, {workers} workers", batch_rate, "rows/s", note=f"runs: {runs}")
    report.add("newsfacts batch / spaCy alone (rows/s)", batch_rate / spacy_rate, "", target=BATCH_VS_SPACY)
    report.add(
        "local cluster cold start (up, pipeline loaded)",
        statistics.median(cold_starts),
        "s",
        note="runs: " + ", ".join(f"{seconds:.1f}" for seconds in cold_starts),
    )
