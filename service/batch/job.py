"""A corpus job on Dask: plan partitions, skip finished shards, run the rest, report.

The job is resumable because a shard is written atomically and named after its partition: a
rerun of the same command submits only the partitions whose shard is missing.  It survives a
killed worker process because Dask reruns that worker's task elsewhere, and a task writes nothing
visible until its whole shard is renamed into place, so every row lands exactly once.
"""

from __future__ import annotations

import json
import logging
import time
import warnings
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

import dask
from distributed import Client, LocalCluster, as_completed
from tqdm import tqdm

from service.batch.inputs import BatchInputError, Partition, input_files, plan_partitions
from service.batch.rows import RowOptions
from service.batch.shards import remove_temporary_files, shard_path
from service.batch.worker import ExtractorPlugin, JobOptions, PartitionResult, run_partition

MANIFEST = "_job.json"
SUMMARY = "_summary.json"


@dataclass(frozen=True)
class BatchJob:
    inputs: Sequence[str]
    output: Path
    model_name: str
    rows: RowOptions
    output_format: str = "parquet"
    workers: int = 2
    scheduler: str | None = None
    partition_rows: int = 1000
    progress: bool | None = None  # None: a progress bar only on a terminal


@dataclass
class BatchSummary:
    partitions: int
    skipped: int  # shards already complete before this run
    rows: int = 0
    errors: dict[str, int] = field(default_factory=dict)
    failed: dict[str, str] = field(default_factory=dict)  # shard -> why
    cluster_start_s: float = 0.0
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # summed over the tasks, in the worker processes
    per_worker: dict[str, int] = field(default_factory=dict)
    stale_files_removed: int = 0

    @property
    def rows_per_s(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0

    def lines(self) -> list[str]:
        done = self.partitions - self.skipped - len(self.failed)
        lines = [
            f"partitions: {self.partitions} ({self.skipped} already done, {done} run now, {len(self.failed)} failed)",
            f"rows: {self.rows} in {self.seconds:.1f} s, {self.rows_per_s:.1f} rows/s "
            f"(cluster ready in {self.cluster_start_s:.1f} s, not counted); "
            f"{self.cpu_seconds:.1f} CPU s in the workers' tasks",
            f"error rows: {sum(self.errors.values())}",
        ]
        lines += [f"  {count:>8}  {kind}" for kind, count in sorted(self.errors.items(), key=lambda item: -item[1])]
        lines.append("rows per worker:")
        lines += [f"  {count:>8}  {worker}" for worker, count in sorted(self.per_worker.items())]
        lines += [f"failed: {shard}: {why}" for shard, why in self.failed.items()]
        if self.failed:
            lines.append("rerun the same command to retry the failed partitions; finished shards are kept")
        return lines


def _manifest(job: BatchJob, files: Sequence[Path]) -> dict:
    return {
        "inputs": [str(path) for path in files],
        "partition_rows": job.partition_rows,
        "format": job.output_format,
        "model": job.model_name,
        "include": list(job.rows.include),
        "offset_encoding": job.rows.offset_encoding,
        "max_text_chars": job.rows.max_text_chars,
    }


def _claim_output(job: BatchJob, files: Sequence[Path]) -> None:
    """Record the job's settings in the output folder; refuse a folder that holds another job's shards."""
    job.output.mkdir(parents=True, exist_ok=True)
    manifest, path = _manifest(job, files), job.output / MANIFEST
    if path.exists():
        previous = json.loads(path.read_text(encoding="utf-8"))
        if previous != manifest:
            changed = sorted(name for name in manifest.keys() | previous.keys() if manifest.get(name) != previous.get(name))
            raise BatchInputError(
                f"{job.output} holds the output of a job with other settings ({', '.join(changed)}): "
                "use another --output folder, or empty this one"
            )
        return
    path.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")


@contextmanager
def dask_client(*, workers: int, scheduler: str | None) -> Iterator[Client]:
    """A client of the cluster at ``scheduler``, or of a new local cluster of ``workers`` processes."""
    if scheduler:
        with Client(scheduler) as client:
            yield client
        return
    # No dashboard here, so the workers' statistical profiler (a thread sampling every task's stack
    # 100 times a second) is pure overhead: about 5% of a worker's CPU on this workload.
    with dask.config.set({"distributed.worker.profile.enabled": False}), warnings.catch_warnings():
        # Without a dashboard the scheduler still serves /health, on port 8787 or, when taken, any port.
        warnings.filterwarnings("ignore", message="Port 8787 is already in use", category=UserWarning)
        cluster = LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        )
    with cluster, Client(cluster) as client:
        yield client


def _progress_bar(job: BatchJob, total: int) -> tqdm:
    disable = None if job.progress is None else not job.progress  # tqdm's None: only on a terminal
    return tqdm(total=total, unit="row", desc="newsfacts batch", disable=disable, dynamic_ncols=True)


def run_batch(job: BatchJob) -> BatchSummary:
    files = input_files(job.inputs)
    partitions = plan_partitions(files, partition_rows=job.partition_rows)
    _claim_output(job, files)
    todo: list[Partition] = [
        partition
        for partition in partitions
        if not shard_path(job.output, partition.shard, job.output_format).exists()
    ]
    summary = BatchSummary(partitions=len(partitions), skipped=len(partitions) - len(todo))
    summary.stale_files_removed = remove_temporary_files(job.output)
    if todo:
        _run(job, todo, summary)
    (job.output / SUMMARY).write_text(json.dumps(asdict(summary), indent=2) + "\n", encoding="utf-8")
    return summary


def _run(job: BatchJob, todo: list[Partition], summary: BatchSummary) -> None:
    options = JobOptions(output=str(job.output.resolve()), output_format=job.output_format, rows=job.rows)
    started = time.perf_counter()
    with dask_client(workers=job.workers, scheduler=job.scheduler) as client:
        client.register_plugin(ExtractorPlugin(job.model_name))
        summary.cluster_start_s = time.perf_counter() - started
        started = time.perf_counter()
        futures = client.map(
            run_partition, todo, options=options, key=[f"newsfacts-{partition.shard}" for partition in todo]
        )
        shard_of = {future.key: partition.shard for future, partition in zip(futures, todo, strict=True)}
        errors: Counter[str] = Counter()
        per_worker: Counter[str] = Counter()
        with _progress_bar(job, sum(partition.rows for partition in todo)) as bar:
            for future in as_completed(futures):
                try:
                    result: PartitionResult = future.result()
                except Exception as error:  # one bad partition must not stop the others
                    summary.failed[shard_of[future.key]] = f"{type(error).__name__}: {error}"
                    continue
                finally:
                    future.release()
                summary.rows += result.rows
                summary.cpu_seconds += result.cpu_seconds
                errors.update(result.errors)
                per_worker[result.worker] += result.rows
                bar.update(result.rows)
        summary.seconds = time.perf_counter() - started
        summary.errors, summary.per_worker = dict(errors), dict(per_worker)
    # Attempts killed mid-write leave temporary files; every task has finished now.
    summary.stale_files_removed += remove_temporary_files(job.output)

