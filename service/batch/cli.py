"""``newsfacts batch``: the command line of corpus jobs (Dask is imported only when one runs)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from service.config import Config
from service.extraction import FEATURES
from service.schemas import OFFSET_ENCODINGS

OUTPUT_FORMATS = ("parquet", "jsonl")


def _positive(raw: str) -> int:
    value = int(raw)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def default_workers() -> int:
    """The cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def add_batch_command(commands: argparse._SubParsersAction) -> None:
    batch = commands.add_parser(
        "batch",
        help="extract facts from a corpus (JSONL, JSONL.gz, Parquet) on Dask, one output shard per partition",
        description="Each input row needs `text` (and may have `id`); other columns pass through. Each output "
        "row is what POST /v1/extract answers for the text, or an `error` problem object. Rerunning the same "
        "command resumes: finished shards are kept.",
    )
    batch.add_argument("inputs", nargs="+", metavar="INPUT", help="files, folders of shards, or globs")
    batch.add_argument("--output", required=True, type=Path, help="folder for the output shards")
    batch.add_argument("--format", choices=OUTPUT_FORMATS, default="parquet", help="output format (default: parquet)")
    batch.add_argument(
        "--workers", type=_positive, default=default_workers(), help="local worker processes (default: %(default)s)"
    )
    batch.add_argument("--scheduler", metavar="ADDRESS", help="run on an existing Dask cluster (tcp://HOST:8786)")
    batch.add_argument(
        "--partition-rows", type=_positive, default=1000, help="rows per partition and shard (default: %(default)s)"
    )
    batch.add_argument("--include", default=",".join(FEATURES), help="comma-separated subset (default: all)")
    batch.add_argument("--offset-encoding", choices=OFFSET_ENCODINGS, default="codepoint")
    progress = batch.add_mutually_exclusive_group()
    progress.add_argument("--progress", action="store_true", default=None, help="always show the progress bar")
    progress.add_argument("--no-progress", dest="progress", action="store_false", help="never show it")
    batch.set_defaults(run=run_batch_command)


def run_batch_command(args: argparse.Namespace) -> int:
    from service.batch.inputs import BatchInputError
    from service.batch.job import BatchJob, run_batch
    from service.batch.rows import RowOptions

    include = tuple(dict.fromkeys(part.strip() for part in args.include.split(",") if part.strip()))
    if not include or set(include) - set(FEATURES):
        print(f"--include takes a comma-separated subset of {','.join(FEATURES)}", file=sys.stderr)
        return 2
    config = Config.from_env()
    job = BatchJob(
        inputs=args.inputs,
        output=args.output,
        model_name=config.spacy_model,
        rows=RowOptions(include=include, offset_encoding=args.offset_encoding, max_text_chars=config.max_text_chars),
        output_format=args.format,
        workers=args.workers,
        scheduler=args.scheduler,
        partition_rows=args.partition_rows,
        progress=args.progress,
    )
    try:
        summary = run_batch(job)
    except BatchInputError as error:
        print(f"newsfacts batch: {error}", file=sys.stderr)
        return 2
    for line in summary.lines():
        print(line, file=sys.stderr)
    return 1 if summary.failed else 0
