"""Input corpora: find the files, cut them into partitions of rows, and read a partition back.

A partition is a range of rows of one file, so its output shard has a name that depends only on
the file and the range: rerunning the same command finds the same shards.
"""

from __future__ import annotations

import glob
import gzip
import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import pyarrow as pa
import pyarrow.parquet as pq

from service.errors import problem_body

JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
PARQUET_SUFFIXES = (".parquet", ".pq")


class BatchInputError(ValueError):
    """An input path that names no corpus file, or a file that cannot be read as one."""


@dataclass(frozen=True, slots=True)
class Partition:
    """Rows ``start`` to ``stop`` (0-based, non-blank lines or Parquet rows) of one input file."""

    path: str
    kind: str  # "jsonl" or "parquet"
    start: int
    stop: int
    shard: str  # output file name without its extension
    offset: int = 0  # JSONL: where row ``start`` begins in the (uncompressed) file
    line: int = 1  # JSONL: its line number

    @property
    def rows(self) -> int:
        return self.stop - self.start


@dataclass(frozen=True, slots=True)
class InputRow:
    """One input row: its record (any JSON value), or the problem that kept it from being read."""

    record: object
    problem: dict | None = None


def _kind(path: Path) -> str | None:
    name = path.name.lower()
    if name.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if name.endswith(PARQUET_SUFFIXES):
        return "parquet"
    return None


def input_files(patterns: Iterable[str]) -> list[Path]:
    """Every corpus file named by ``patterns`` (files, directories searched recursively, globs), once each."""
    found: dict[Path, None] = {}
    for pattern in patterns:
        matches = sorted(glob.glob(pattern, recursive=True)) if glob.has_magic(pattern) else [pattern]
        if not matches:
            raise BatchInputError(f"{pattern}: no file matches")
        for match in map(Path, matches):
            if match.is_dir():
                files = sorted(p for p in match.rglob("*") if p.is_file() and _kind(p))
                if not files:
                    raise BatchInputError(f"{match}: no {', '.join(JSONL_SUFFIXES + PARQUET_SUFFIXES)} file inside")
                found.update(dict.fromkeys(p.resolve() for p in files))
            elif not match.is_file():
                raise BatchInputError(f"{match}: no such file or directory")
            elif _kind(match) is None:
                raise BatchInputError(f"{match}: not a corpus file ({', '.join(JSONL_SUFFIXES + PARQUET_SUFFIXES)})")
            else:
                found[match.resolve()] = None
    return list(found)


def _open_jsonl(path: str) -> IO[bytes]:
    return gzip.open(path, "rb") if path.lower().endswith(".gz") else open(path, "rb")


def _jsonl_starts(path: Path, partition_rows: int) -> tuple[int, list[tuple[int, int]]]:
    """The file's rows (non-blank lines), and where every ``partition_rows``-th row starts:
    (offset in the uncompressed stream, 1-based line number)."""
    rows, offset, starts = 0, 0, []
    with _open_jsonl(str(path)) as stream:
        for number, line in enumerate(stream, start=1):
            if line.strip():
                if rows % partition_rows == 0:
                    starts.append((offset, number))
                rows += 1
            offset += len(line)
    return rows, starts


def _row_count_and_starts(path: Path, partition_rows: int) -> tuple[int, list[tuple[int, int]]]:
    try:
        if _kind(path) == "parquet":
            rows = pq.ParquetFile(path).metadata.num_rows
            return rows, [(0, 1)] * len(range(0, rows, partition_rows))
        return _jsonl_starts(path, partition_rows)
    except (OSError, EOFError, pa.ArrowException) as error:
        raise BatchInputError(f"{path}: cannot be read: {error}") from error


def _shard_stem(path: Path) -> str:
    name = path.name
    for suffix in JSONL_SUFFIXES + PARQUET_SUFFIXES:
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
            break
    # Two inputs with the same name in different folders must not share shards.
    digest = hashlib.sha256(str(path).encode()).hexdigest()[:8]
    return f"{name}-{digest}"


def plan_partitions(files: Iterable[Path], *, partition_rows: int) -> list[Partition]:
    """Every file cut into partitions of at most ``partition_rows`` rows, in input order.

    A JSONL file is read once here, to count its rows and note where each partition starts; a
    partition of a plain file then seeks there (one of a ``.gz`` file decompresses up to there).
    """
    partitions = []
    for path in files:
        kind, stem = _kind(path), _shard_stem(path)
        total, starts = _row_count_and_starts(path, partition_rows)
        for (offset, line), start in zip(starts, range(0, total, partition_rows), strict=True):
            stop = min(start + partition_rows, total)
            shard = f"{stem}-{start:010d}-{stop:010d}"
            partitions.append(Partition(str(path), kind, start, stop, shard, offset=offset, line=line))
    return partitions


def _jsonl_row(number: int, line: bytes) -> InputRow:
    """A parsed line, or the 400 problem the API answers for the same body."""
    try:
        record = json.loads(line)
    except RecursionError:
        detail = "JSON is nested too deeply"
    except UnicodeDecodeError:
        detail = "body is not valid UTF-8"
    except ValueError as error:
        detail = f"malformed JSON: {error}"
    else:
        return InputRow(record)  # not necessarily an object: the document schema judges that, as in the API
    return InputRow(None, problem_body(400, detail=f"line {number}: {detail}"))


def read_partition(partition: Partition) -> list[InputRow]:
    if partition.kind == "parquet":
        return [InputRow(record) for record in _parquet_records(partition)]
    rows: list[InputRow] = []
    with _open_jsonl(partition.path) as stream:
        stream.seek(partition.offset)
        for number, line in enumerate(stream, start=partition.line):
            if len(rows) == partition.rows:
                break
            if line.strip():
                rows.append(_jsonl_row(number, line))
    return rows


def _parquet_records(partition: Partition) -> list[dict]:
    parquet = pq.ParquetFile(partition.path)
    tables, first = [], 0
    for group in range(parquet.metadata.num_row_groups):
        size = parquet.metadata.row_group(group).num_rows
        if first < partition.stop and first + size > partition.start:
            table = parquet.read_row_group(group)
            low, high = max(partition.start - first, 0), min(partition.stop - first, size)
            tables.append(table.slice(low, high - low))
        first += size
    return pa.concat_tables(tables).to_pylist() if tables else []


def parquet_schema(path: str) -> pa.Schema:
    return pq.read_schema(path)
