"""``/v1/extract`` and ``/v1/extract/batch``: article text in, facts out."""

from __future__ import annotations

import http
import json
import time

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from flask import Response, current_app, g, request
from flask.views import MethodView
from flask_smorest import Blueprint, abort
from marshmallow import Schema, ValidationError, fields
from werkzeug.exceptions import InternalServerError, RequestEntityTooLarge

from service.errors import SCHEMA_MISMATCH
from service.extraction import Extraction, Extractor
from service.extraction.budget import OverTokenBudget, TokenBudget
from service.extraction.engine import DocumentFailure
from service.observability import BodyTimeout, DeadlineExceeded, deadline, read_deadline
from service.schemas import (
    EXAMPLE_TEXT,
    BatchRequestSchema,
    BatchResponseSchema,
    ExtractQuerySchema,
    ExtractRequestSchema,
    ExtractResponseSchema,
)
from service.serialize import extract_response, extraction_dict, model_info
from service.text_checks import text_problem
from service.web.render import report_csp, report_html
from service.web.views import html_response

blp = Blueprint("extract", __name__, url_prefix="/v1", description="Extract entities, quotes and quantities.")

# Problem responses every extraction endpoint can give, by flask-smorest's response component names.
_DOCUMENTED_ERRORS = {
    400: "BAD_REQUEST",
    401: "UNAUTHORIZED",
    408: "REQUEST_TIMEOUT",
    413: "REQUEST_ENTITY_TOO_LARGE",
    415: "UNSUPPORTED_MEDIA_TYPE",
    422: "UNPROCESSABLE_ENTITY",
    503: "SERVICE_UNAVAILABLE",
}
_JSON_MIMETYPES = frozenset({"application/json"})
# Built once: marshmallow schemas hold no per-request state.
_QUERY_SCHEMA = ExtractQuerySchema()
_EXTRACT_SCHEMA = ExtractRequestSchema()
_BATCH_SCHEMA = BatchRequestSchema()
# Swagger UI's "Try it out" starts from these: the text only, no made-up id sent with every try.
_EXTRACT_EXAMPLE = {"text": EXAMPLE_TEXT}
_BATCH_EXAMPLE = {"documents": [{"id": "a1", "text": EXAMPLE_TEXT}]}


def _field_json_schema(field: fields.Field) -> dict:
    """The OpenAPI schema of one marshmallow field, as it appears inside its object's schema."""
    plugin = MarshmallowPlugin()
    APISpec("field", "1", "3.0.3", plugins=[plugin])
    return plugin.converter.field2property(field)


# A text/plain body is the JSON body's `text` field alone: one definition, the same constraints.
_PLAIN_TEXT_BODY = _field_json_schema(_EXTRACT_SCHEMA.fields["text"])


# A 422 names at most this many fields; a body of thousands of unknown keys must not echo them all.
MAX_REPORTED_FIELDS = 20


def _bounded(messages: object, limit: int = MAX_REPORTED_FIELDS) -> object:
    """marshmallow's messages with at most ``limit`` fields per level, and how many more there were."""
    if not isinstance(messages, dict):
        return messages[:limit] if isinstance(messages, list) else messages
    shown = {str(key): _bounded(value, limit) for key, value in list(messages.items())[:limit]}
    if len(messages) > limit:
        shown["_more"] = [f"{len(messages) - limit} more fields have errors and are not listed"]
    return shown


def _load(schema: Schema, data: object) -> dict:
    try:
        return schema.load(data)
    except ValidationError as error:
        abort(422, message=SCHEMA_MISMATCH, errors=_bounded(error.messages))


def _read_body() -> bytes:
    """The whole body, or 413: never a body silently cut at the limit.

    werkzeug rejects a declared Content-Length over the limit, but for chunked bodies
    it stops reading at the limit without an error, so those are read here, one byte past it.
    """
    if request.content_length is not None or not request.environ.get("wsgi.input_terminated"):
        return request.get_data(cache=False)
    limit = current_app.config["MAX_CONTENT_LENGTH"]
    stream = request.environ["wsgi.input"]
    chunks, size = [], 0
    while size <= limit:
        chunk = stream.read(min(64 * 1024, limit + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    if size > limit:
        raise RequestEntityTooLarge()
    return b"".join(chunks)


def _request_body() -> bytes:
    """The whole body, read within NEWSFACTS_BODY_TIMEOUT; an encoded, late or short body is refused."""
    encoding = request.headers.get("Content-Encoding", "").strip().lower()
    if encoding not in ("", "identity"):
        abort(
            415,
            message=f"Content-Encoding {encoding!r} is not supported: send the body uncompressed",
            headers={"Accept-Encoding": "identity"},
        )
    seconds = current_app.config["NEWSFACTS"].body_timeout_s
    try:
        with read_deadline(seconds):
            body = _read_body()
    except BodyTimeout:
        abort(408, message=f"the request body did not arrive within {seconds:g} s")
    declared = request.content_length
    if declared is not None and len(body) < declared:
        abort(400, message=f"the body ended after {len(body)} of the {declared} bytes its Content-Length announced")
    return body


def _json_body(*, accepted: str = "application/json") -> object:
    if request.mimetype not in _JSON_MIMETYPES:
        abort(415, message=f"send {accepted}, not {request.mimetype or 'no content type'}")
    raw = _request_body()
    try:
        return json.loads(raw)
    except RecursionError:
        abort(400, message="JSON is nested too deeply")
    except UnicodeDecodeError:
        abort(400, message="body is not valid UTF-8")
    except ValueError as error:
        abort(400, message=f"malformed JSON: {error}")


def _plain_text() -> str:
    charset = request.mimetype_params.get("charset", "utf-8").lower()
    if charset not in {"utf-8", "utf8"}:
        abort(415, message=f"text/plain bodies must be UTF-8, not {charset}")
    raw = _request_body()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        abort(400, message=f"body is not valid UTF-8 (byte {error.start})")
    # A byte order mark is not part of the article: offsets count from after it.
    return text.removeprefix("\ufeff")


def _query_options() -> dict:
    """Options given as query parameters, in the JSON body's shape; the body's own fields win."""
    options = _load(_QUERY_SCHEMA, request.args.to_dict(flat=True))
    return {name: value for name, value in options.items() if value is not None}


def _wants_html() -> bool:
    """JSON unless the client prefers HTML (a browser, or curl -H 'Accept: text/html'); */* gets JSON."""
    return request.accept_mimetypes.best_match(("application/json", "text/html")) == "text/html"


def _extractor() -> Extractor:
    state = current_app.extensions["pipeline"]
    if not state.ready:
        detail = "this worker's pipeline is broken" if state.broken else "pipeline is still loading"
        abort(503, message=detail, headers={"Retry-After": "5"})
    return state.extractor


# The setting behind each TokenBudget limit, named in the problem that reports it.
_BUDGET_SETTINGS = {
    "per_doc": "NEWSFACTS_MAX_TOKENS_PER_DOC",
    "per_char": "NEWSFACTS_MAX_TOKENS_PER_CHAR",
    "per_request": "NEWSFACTS_MAX_TOKENS_PER_REQUEST",
}


def _budget() -> TokenBudget:
    config = current_app.config["NEWSFACTS"]
    return TokenBudget(
        per_doc=config.max_tokens_per_doc,
        per_request=config.max_tokens_per_request,
        per_char=config.max_tokens_per_char,
    )


def _failure_detail(failure: DocumentFailure) -> str:
    return f"{failure.detail} ({_BUDGET_SETTINGS[failure.over]})" if failure.over else failure.detail


def _json_response(body: dict) -> Response:
    return current_app.response_class(
        json.dumps(body, ensure_ascii=False, allow_nan=False), mimetype="application/json"
    )


def _run(texts: list[str], include: tuple[str, ...]) -> tuple[Extractor, list[Extraction | DocumentFailure]]:
    """Extract from ``texts`` on this process's one pipeline, in turn with other requests, under the deadline."""
    extractor = _extractor()
    state = current_app.extensions["pipeline"]
    seconds = current_app.config["NEWSFACTS"].request_timeout_s
    with state.turn(seconds) as granted:
        if not granted:
            abort(503, message="this worker is busy with other requests; try again", headers={"Retry-After": "5"})
        try:
            with deadline(seconds):
                outcomes = extractor.extract_each(texts, include=include, budget=_budget())
        except DeadlineExceeded:
            abort(503, message="processing took longer than the request timeout", headers={"Retry-After": "1"})
        except OverTokenBudget as error:
            abort(413, message=f"{error} ({_BUDGET_SETTINGS['per_request']})")
        except Exception:
            state.record_outcome(failed=True)
            raise
        for outcome in outcomes:
            state.record_outcome(failed=isinstance(outcome, DocumentFailure) and outcome.internal)
    outcomes = [
        _echo_problem(outcome, text) or outcome if isinstance(outcome, Extraction) else outcome
        for outcome, text in zip(outcomes, texts, strict=True)
    ]
    return extractor, outcomes


# Quotes may overlap (a run of "he said, he said, ..." in one sentence nests every one in the next), so
# their texts could add up to the square of the article's length: a 70 KB text answered with 300 MB.
# An answer that would echo the text more than this many times over is refused instead.
MAX_QUOTE_ECHO = 2
QUOTE_ECHO_ALLOWANCE = 10_000


def _echo_problem(extraction: Extraction, text: str) -> DocumentFailure | None:
    echoed = sum(len(quote.text) for quote in extraction.quotes or ())
    limit = MAX_QUOTE_ECHO * len(text) + QUOTE_ECHO_ALLOWANCE
    if echoed <= limit:
        return None
    return DocumentFailure(
        f"the quotes found overlap so much that their texts total {echoed} characters, more than {MAX_QUOTE_ECHO} "
        f"times the text's length; refusing rather than answering with that much"
    )


def _document_error(index: int, doc_id: str | None, status: http.HTTPStatus, detail: str) -> dict:
    return {"index": index, "id": doc_id, "status": status, "title": status.phrase, "detail": detail}


def _features(include: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(include))


def _documented_errors(view):
    for status, component in _DOCUMENTED_ERRORS.items():
        view = blp.alt_response(status, response=component)(view)
    return view


@blp.route("/extract")
class Extract(MethodView):
    @blp.doc(
        requestBody={
            "required": True,
            "content": {
                "application/json": {"schema": ExtractRequestSchema, "example": _EXTRACT_EXAMPLE},
                "text/plain": {"schema": _PLAIN_TEXT_BODY},
            },
        },
        parameters=[{"in": "query", "schema": ExtractQuerySchema}],
        responses={
            "200": {
                "description": "The facts as JSON; with `Accept: text/html`, a self-contained HTML page (CSS and "
                "JS inline, no network) showing the article with its entities, quotes and quantities highlighted.",
                "content": {
                    "application/json": {"schema": ExtractResponseSchema},
                    "text/html": {"schema": {"type": "string"}},
                },
            }
        },
    )
    @blp.response(200, ExtractResponseSchema)
    @_documented_errors
    def post(self):
        """Extract entities, quotes and quantities from one article.

        Send JSON, or the article itself as `text/plain; charset=utf-8`. Options may also be given as
        query parameters; a field in the JSON body takes precedence over the query parameter.

        JSON unless `Accept` prefers `text/html`: then a self-contained HTML report (errors stay problem JSON).
        """
        config = current_app.config["NEWSFACTS"]
        options = _query_options()
        if request.mimetype == "text/plain":
            payload = {"text": _plain_text()}
        else:
            payload = _json_body(accepted="application/json or text/plain; charset=utf-8")
        if isinstance(payload, dict):
            payload = options | payload
        args = _load(_EXTRACT_SCHEMA, payload)
        text = args["text"]
        g.text_chars = len(text)
        problem = text_problem(text, max_chars=config.max_text_chars)
        if problem:
            abort(422, message=problem, errors={"text": [problem]})
        started = time.perf_counter()
        extractor, (extraction,) = _run([text], _features(args["include"]))
        elapsed_ms = (time.perf_counter() - started) * 1000
        if isinstance(extraction, DocumentFailure):
            if extraction.internal:
                raise InternalServerError()
            detail = _failure_detail(extraction)
            abort(422, message=detail, errors={"text": [detail]})
        body = extract_response(
            extraction,
            text=text,
            offset_encoding=args["offset_encoding"],
            doc_id=args["id"],
            model=model_info(extractor),
        )
        if _wants_html():
            response = html_response(report_html(text=text, result=body, elapsed_ms=elapsed_ms), csp=report_csp())
        else:
            response = _json_response(body)
        response.vary.add("Accept")
        return response


@blp.route("/extract/batch")
class ExtractBatch(MethodView):
    @blp.doc(
        requestBody={
            "required": True,
            "content": {"application/json": {"schema": BatchRequestSchema, "example": _BATCH_EXAMPLE}},
        }
    )
    @blp.response(200, BatchResponseSchema)
    @_documented_errors
    def post(self):
        """Extract from up to NEWSFACTS_MAX_BATCH_DOCS articles in one call.

        A bad document (blank, too long, over the token budget) is reported in `errors` with status 422, one
        that fails inside the service with status 500; neither fails the others.
        """
        config = current_app.config["NEWSFACTS"]
        payload = _json_body()
        # Counted before schema validation, which would otherwise walk a huge list first.
        documents = payload.get("documents") if isinstance(payload, dict) else None
        if isinstance(documents, list) and len(documents) > config.max_batch_docs:
            message = f"at most {config.max_batch_docs} documents per batch, got {len(documents)}"
            abort(422, message=message, errors={"documents": [message]})
        args = _load(_BATCH_SCHEMA, payload)
        good, errors = [], []
        for index, document in enumerate(args["documents"]):
            problem = text_problem(document["text"], max_chars=config.max_text_chars)
            if problem:
                errors.append(_document_error(index, document["id"], http.HTTPStatus.UNPROCESSABLE_ENTITY, problem))
            else:
                good.append((index, document))
        g.documents = len(good)
        g.text_chars = sum(len(document["text"]) for _, document in good)
        extractor, extractions = _run([doc["text"] for _, doc in good], _features(args["include"]))
        results = []
        for (index, document), extraction in zip(good, extractions, strict=True):
            if isinstance(extraction, DocumentFailure):
                status = http.HTTPStatus(500 if extraction.internal else 422)
                errors.append(_document_error(index, document["id"], status, _failure_detail(extraction)))
                continue
            result = extraction_dict(
                extraction, text=document["text"], offset_encoding=args["offset_encoding"], doc_id=document["id"]
            )
            result["index"] = index
            results.append(result)
        return _json_response(
            {
                "model": model_info(extractor),
                "offset_encoding": args["offset_encoding"],
                "results": results,
                "errors": sorted(errors, key=lambda error: error["index"]),
            }
        )
