"""What runs on a Dask worker: the pipeline, loaded once per worker process, and one partition's task."""

from __future__ import annotations

import re
import threading
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from distributed import WorkerPlugin, get_worker

from service.batch.inputs import Partition, parquet_schema, read_partition
from service.batch.rows import ERROR_FIELD, RowOptions, output_rows
from service.batch.shards import shard_path, write_shard
from service.extraction import Extractor

PLUGIN_NAME = "newsfacts-extractor"
_NUMBER = re.compile(r"\d+")


class ExtractorPlugin(WorkerPlugin):
    """Loads and warms the spaCy pipeline when a worker starts, including a worker restarted after a crash."""

    name = PLUGIN_NAME

    def __init__(self, model_name: str) -> None:
        self.model_name = model_name
        self.extractor: Extractor | None = None
        # spaCy's pipeline and memory zones are not meant for concurrent use: with several
        # threads per worker, one partition is processed at a time.
        self.lock = threading.Lock()

    def setup(self, worker) -> None:
        extractor = Extractor.load(self.model_name)
        extractor.warm_up()
        self.extractor = extractor

    def __getstate__(self) -> dict:
        return {"model_name": self.model_name}

    def __setstate__(self, state: dict) -> None:
        self.__init__(state["model_name"])


@dataclass(frozen=True, slots=True)
class JobOptions:
    output: str
    output_format: str
    rows: RowOptions


@dataclass(frozen=True, slots=True)
class PartitionResult:
    shard: str
    rows: int
    errors: dict[str, int]  # problem detail (digits masked) -> rows
    worker: str
    seconds: float
    cpu_seconds: float  # the worker process's, while it ran this task


def error_kind(problem: dict) -> str:
    """A problem's kind for the summary: its detail with the numbers masked (lengths, line numbers)."""
    return _NUMBER.sub("#", problem["detail"])


def run_partition(partition: Partition, options: JobOptions) -> PartitionResult:
    """Extract one partition and write its shard; the Dask task, retried on another worker if this one dies."""
    started, cpu = time.perf_counter(), time.process_time()
    worker = get_worker()
    plugin: ExtractorPlugin = worker.plugins[PLUGIN_NAME]
    rows = read_partition(partition)
    with plugin.lock:
        output = output_rows(rows, plugin.extractor, options.rows)
    input_schema = parquet_schema(partition.path) if partition.kind == "parquet" else None
    path = shard_path(Path(options.output), partition.shard, options.output_format)
    write_shard(path, output, input_schema=input_schema, output_format=options.output_format)
    errors = Counter(error_kind(row[ERROR_FIELD]) for row in output if row.get(ERROR_FIELD))
    return PartitionResult(
        partition.shard,
        len(output),
        dict(errors),
        worker.address,
        time.perf_counter() - started,
        time.process_time() - cpu,
    )
