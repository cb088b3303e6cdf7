"""Output shards: one file per input partition, written under a temporary name and then renamed,
so a shard that exists is complete.

Parquet columns are typed from the API's marshmallow schemas (the same source as ``openapi.yaml``),
so every shard of a job has the same schema whatever its rows happen to contain.
"""

from __future__ import annotations

import datetime
import json
import os
import uuid
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from marshmallow import Schema, fields

from service.batch.rows import ERROR_FIELD, RESPONSE_FIELDS
from service.schemas import ExtractResponseSchema, ProblemSchema

FORMATS = {"parquet": ".parquet", "jsonl": ".jsonl"}
TEMPORARY_MARK = ".tmp-"


def arrow_type(field: fields.Field) -> pa.DataType:
    """The Arrow type of a marshmallow field of the API's schemas."""
    if isinstance(field, fields.Nested):
        return struct_type(field.schema)
    if isinstance(field, fields.List):
        return pa.list_(arrow_type(field.inner))
    if isinstance(field, fields.Dict):
        # Problem ``errors``: field name to its messages.
        return pa.map_(pa.string(), pa.list_(pa.string()))
    for kind, arrow in ((fields.String, pa.string()), (fields.Integer, pa.int64()), (fields.Float, pa.float64())):
        if isinstance(field, kind):
            return arrow
    if isinstance(field, fields.Boolean):
        return pa.bool_()
    raise TypeError(f"no Arrow type for {type(field).__name__}")


def struct_type(schema: Schema) -> pa.StructType:
    return pa.struct([pa.field(name, arrow_type(field)) for name, field in schema.fields.items()])


_RESPONSE = ExtractResponseSchema()
_RESPONSE_TYPES = {name: arrow_type(_RESPONSE.fields[name]) for name in RESPONSE_FIELDS}
_ERROR_TYPE = struct_type(ProblemSchema())


def output_schema(passthrough: pa.Schema) -> pa.Schema:
    """Response columns, then the input's other columns, then ``error``."""
    columns = [pa.field(name, arrow) for name, arrow in _RESPONSE_TYPES.items()]
    columns += [field for field in passthrough if field.name not in _RESPONSE_TYPES and field.name != ERROR_FIELD]
    columns.append(pa.field(ERROR_FIELD, _ERROR_TYPE))
    return pa.schema(columns)


def passthrough_schema(rows: list[dict], input_schema: pa.Schema | None) -> tuple[pa.Schema, frozenset[str]]:
    """The input's other columns, typed as in a Parquet input or inferred from a JSONL one's values; and
    the JSONL columns whose values have no one Arrow type (a number here, a string there), kept as JSON text."""
    names = list(dict.fromkeys(name for row in rows for name in row if name not in _RESPONSE_TYPES))
    names = [name for name in names if name != ERROR_FIELD]
    if input_schema is not None:
        return pa.schema([input_schema.field(name) for name in names if name in input_schema.names]), frozenset()
    columns, as_json = [], set()
    for name in names:
        try:
            columns.append(pa.field(name, pa.array([row.get(name) for row in rows]).type))
        except (pa.ArrowException, TypeError, ValueError, OverflowError):
            columns.append(pa.field(name, pa.string()))
            as_json.add(name)
    return pa.schema(columns), frozenset(as_json)


def _as_json_text(row: dict, names: frozenset[str]) -> dict:
    if not names:
        return row
    return {
        name: json.dumps(value, ensure_ascii=False, default=_json_default)
        if name in names and value is not None
        else value
        for name, value in row.items()
    }


def shard_path(output: Path, shard: str, output_format: str) -> Path:
    return output / f"{shard}{FORMATS[output_format]}"


def _json_default(value: object) -> object:
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return str(value)


def write_shard(path: Path, rows: list[dict], *, input_schema: pa.Schema | None, output_format: str) -> None:
    """Write ``rows`` to ``path`` atomically: readers see the whole shard or none of it."""
    temporary = path.with_name(f".{path.name}{TEMPORARY_MARK}{uuid.uuid4().hex}")
    try:
        if output_format == "parquet":
            passthrough, as_json = passthrough_schema(rows, input_schema)
            schema = output_schema(passthrough)
            for row in rows:
                unknown = row.keys() - set(schema.names)
                if unknown:  # a response field missing from the schemas: never drop it silently
                    raise ValueError(f"output fields not in the Parquet schema: {sorted(unknown)}")
            table = pa.Table.from_pylist([_as_json_text(row, as_json) for row in rows], schema=schema)
            pq.write_table(table, temporary)
        else:
            with open(temporary, "w", encoding="utf-8") as stream:
                for row in rows:
                    stream.write(json.dumps(row, ensure_ascii=False, allow_nan=False, default=_json_default) + "\n")
        with open(temporary, "rb") as written:
            os.fsync(written.fileno())
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def remove_temporary_files(output: Path) -> int:
    """Delete what attempts killed mid-write left behind; returns how many."""
    stale = [path for path in output.glob(f".*{TEMPORARY_MARK}*") if path.is_file()]
    for path in stale:
        path.unlink(missing_ok=True)
    return len(stale)
