"""Output rows: for each input row, what ``POST /v1/extract`` answers for its text, or the problem it
answers with, plus the row's other columns.

The checks are the API's own (its document schema and ``text_problem``), and a good row is built by
the API's serialisation, so a row here and a response there cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from marshmallow import ValidationError

from service.batch.inputs import InputRow
from service.errors import SCHEMA_MISMATCH, problem_body
from service.extraction import Extractor
from service.extraction.engine import DocumentFailure
from service.schemas import BatchDocumentSchema, ExtractResponseSchema
from service.serialize import extract_response, model_info
from service.text_checks import text_problem

ERROR_FIELD = "error"
RESPONSE_FIELDS: tuple[str, ...] = tuple(ExtractResponseSchema().fields)
# An input column with one of these names would be overwritten, so such a row is an error instead.
OUTPUT_FIELDS = frozenset((*RESPONSE_FIELDS, ERROR_FIELD))
_INPUT_FIELDS = ("id", "text")
# Texts parsed per memory zone: spaCy's string store is freed between chunks, so a worker's memory
# does not grow with the partition.
CHUNK_ROWS = 64
_DOCUMENT = BatchDocumentSchema()


@dataclass(frozen=True, slots=True)
class RowOptions:
    include: tuple[str, ...]
    offset_encoding: str
    max_text_chars: int


@dataclass(frozen=True, slots=True)
class CheckedRow:
    """An input row with its other columns apart, and either its text or its problem."""

    doc_id: str | None
    passthrough: dict
    text: str | None
    problem: dict | None


def _doc_id(value: object) -> object:
    # Integer ids (common in Parquet archives) are written as decimal strings, the API's id type.
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


def _schema_problem(error: ValidationError) -> dict:
    return problem_body(422, detail=SCHEMA_MISMATCH, errors=error.messages)


def check_row(row: InputRow, *, max_text_chars: int) -> CheckedRow:
    if row.problem is not None:
        return CheckedRow(None, {}, None, row.problem)
    record = row.record
    if not isinstance(record, dict):
        try:
            _DOCUMENT.load(record)  # raises: only an object is a document
        except ValidationError as error:
            return CheckedRow(None, {}, None, _schema_problem(error))
    doc_id = _doc_id(record.get("id"))
    passthrough = {name: value for name, value in record.items() if name not in _INPUT_FIELDS}
    shown_id = doc_id if doc_id is None or isinstance(doc_id, str) else str(doc_id)
    clashes = sorted(OUTPUT_FIELDS.intersection(passthrough))
    if clashes:
        message = "an input column may not have the name of an output field"
        problem = problem_body(422, detail=SCHEMA_MISMATCH, errors={name: [message] for name in clashes})
        return CheckedRow(shown_id, {k: v for k, v in passthrough.items() if k not in OUTPUT_FIELDS}, None, problem)
    try:
        document = _DOCUMENT.load({name: record[name] for name in _INPUT_FIELDS if name in record} | {"id": doc_id})
    except ValidationError as error:
        return CheckedRow(shown_id, passthrough, None, _schema_problem(error))
    problem = text_problem(document["text"], max_chars=max_text_chars)
    if problem:
        return CheckedRow(shown_id, passthrough, None, problem_body(422, detail=problem, errors={"text": [problem]}))
    return CheckedRow(document["id"], passthrough, document["text"], None)


def output_rows(rows: Sequence[InputRow], extractor: Extractor, options: RowOptions) -> list[dict]:
    """One output row per input row, in order."""
    checked = [check_row(row, max_text_chars=options.max_text_chars) for row in rows]
    output: list[dict] = [
        {"id": row.doc_id, **row.passthrough, ERROR_FIELD: row.problem} for row in checked
    ]
    model = model_info(extractor)
    good = [index for index, row in enumerate(checked) if row.problem is None]
    for first in range(0, len(good), CHUNK_ROWS):
        chunk = good[first : first + CHUNK_ROWS]
        outcomes = extractor.extract_each([checked[index].text for index in chunk], include=options.include)
        for index, extraction in zip(chunk, outcomes, strict=True):
            row = checked[index]
            if isinstance(extraction, DocumentFailure):  # one document's bug never fails its partition
                problem = problem_body(500 if extraction.internal else 422, detail=extraction.detail)
                output[index] = {"id": row.doc_id, **row.passthrough, ERROR_FIELD: problem}
                continue
            response = extract_response(
                extraction, text=row.text, offset_encoding=options.offset_encoding, doc_id=row.doc_id, model=model
            )
            output[index] = {**response, **row.passthrough}
    return output
