"""The HTTP contract of /v1/extract and /v1/extract/batch, and every error it documents."""

from __future__ import annotations

import io
import json
import logging
import time

import pytest

from service.app import create_app
from service.config import Config

from conftest import SEED_PATHS

PROBLEM = "application/problem+json"


def spans_of(body: dict):
    """Every span-like object in one extraction result."""
    for entity in body.get("entities", []):
        yield from entity["mentions"]
    for quote in body.get("quotes", []):
        yield quote
        for key in ("cue", "speaker", "addressee"):
            if quote[key]:
                yield quote[key]
    yield from body.get("quantities", [])


def assert_problem(response, status: int) -> dict:
    assert response.status_code == status
    assert response.mimetype == PROBLEM
    body = response.get_json(force=True)
    assert body["status"] == status
    assert {"type", "title", "detail", "request_id"} <= body.keys()
    assert body["request_id"] == response.headers["X-Request-ID"]
    return body


@pytest.mark.parametrize("seed", SEED_PATHS, ids=lambda p: p.name[:3])
def test_every_seed_span_matches_its_offsets_by_json(client, seed):
    text = seed.read_text(encoding="utf-8")
    response = client.post("/v1/extract", json={"text": text, "id": seed.name})
    assert response.status_code == 200
    body = response.get_json()
    assert body["id"] == seed.name
    assert body["offset_encoding"] == "codepoint"
    assert set(body["model"]) == {"service", "spacy", "pipeline"}
    assert body["entities"], "every seed names people and places"
    for span in spans_of(body):
        assert text[span["start"] : span["end"]] == span["text"]


@pytest.mark.parametrize("seed", SEED_PATHS, ids=lambda p: p.name[:3])
def test_plain_text_body_gives_the_same_answer_as_json(client, seed):
    raw = seed.read_bytes()
    by_text = client.post("/v1/extract", data=raw, content_type="text/plain; charset=utf-8")
    by_json = client.post("/v1/extract", json={"text": raw.decode("utf-8")})
    assert by_text.status_code == 200
    assert by_text.get_json() == by_json.get_json()


def test_include_limits_the_lists_returned(client):
    body = client.post("/v1/extract", json={"text": "Putin met Modi.", "include": ["quotes"]}).get_json()
    assert "quotes" in body and "entities" not in body and "quantities" not in body


def test_query_parameters_set_options_for_plain_text(client):
    response = client.post(
        "/v1/extract?id=doc-7&include=entities&offset_encoding=utf16",
        data="Putin met Modi.".encode(),
        content_type="text/plain",
    )
    body = response.get_json()
    assert body["id"] == "doc-7" and body["offset_encoding"] == "utf16" and list(body).count("quotes") == 0


@pytest.mark.parametrize(
    ("encoding", "expected_start"),
    [("codepoint", 4), ("utf16", 5), ("utf8", 8)],
)
def test_offsets_follow_the_requested_encoding_after_an_emoji(client, encoding, expected_start):
    text = "\U0001f600 \u00e9 Vladimir Putin arrived in Moscow."
    body = client.post("/v1/extract", json={"text": text, "offset_encoding": encoding}).get_json()
    putin = next(e for e in body["entities"] if e["label"] == "PERSON")
    assert putin["mentions"][0]["start"] == expected_start


def test_request_id_is_echoed_when_sane_and_replaced_when_not(client):
    assert client.get("/healthz", headers={"X-Request-ID": "abc-123"}).headers["X-Request-ID"] == "abc-123"
    replaced = client.get("/healthz", headers={"X-Request-ID": "bad id\u00e9" * 30}).headers["X-Request-ID"]
    assert replaced != "bad id" and len(replaced) == 32


@pytest.mark.parametrize(
    ("body", "content_type", "status"),
    [
        (b"{not json", "application/json", 400),
        (b'{"text": "\xff\xfe"}', "application/json", 400),
        (b"\xff\xfe", "text/plain; charset=utf-8", 400),
        (b"[" * 50_000, "application/json", 400),
        (b"<text/>", "application/xml", 415),
        (b"hello", "text/plain; charset=latin-1", 415),
        (b"", "", 415),
        (b'{"text": "hi", "unknown": 1}', "application/json", 422),
        (b'{"text": "   "}', "application/json", 422),
        (b'{"text": "a\\ud800b"}', "application/json", 422),
        (b'{"text": 5}', "application/json", 422),
        (b'{"text": null}', "application/json", 422),
        (b'{"id": "x"}', "application/json", 422),
        (b'["text"]', "application/json", 422),
        (b'"text"', "application/json", 422),
        (b'{"text": "hi", "include": ["nope"]}', "application/json", 422),
        (b'{"text": "hi", "include": []}', "application/json", 422),
        (b'{"text": "hi", "include": ' + json.dumps(["quotes"] * 10_000).encode() + b"}", "application/json", 422),
        (b'{"text": "hi", "offset_encoding": "latin1"}', "application/json", 422),
    ],
)
def test_bad_requests_get_problem_details(client, body, content_type, status):
    problem = assert_problem(client.post("/v1/extract", data=body, content_type=content_type), status)
    if status == 422:
        assert problem["errors"]


def test_unknown_path_is_404_problem(client):
    assert_problem(client.get("/v2/extract"), 404)


def test_wrong_method_is_405_with_allow_header(client):
    response = client.get("/v1/extract")
    assert_problem(response, 405)
    assert "POST" in response.headers["Allow"]


def test_text_over_the_limit_is_rejected_with_its_length(extractor):
    client = create_app(Config(max_text_chars=50), extractor=extractor).test_client()
    problem = assert_problem(client.post("/v1/extract", json={"text": "word " * 20}), 422)
    assert "100 code points" in problem["detail"] and "50" in problem["detail"]


def test_body_over_the_limit_is_413(extractor):
    client = create_app(Config(max_body_bytes=1000), extractor=extractor).test_client()
    problem = assert_problem(client.post("/v1/extract", data=b"x" * 1001, content_type="text/plain"), 413)
    assert "1000 bytes" in problem["detail"]


@pytest.mark.parametrize(("size", "status"), [(1000, 200), (1001, 413), (5000, 413)])
def test_chunked_body_over_the_limit_is_413_not_truncated(extractor, size, status):
    client = create_app(Config(max_body_bytes=1000), extractor=extractor).test_client()
    response = client.post(
        "/v1/extract",
        input_stream=io.BytesIO(b"x " * (size // 2) + b"x" * (size % 2)),
        headers={"Content-Type": "text/plain", "Transfer-Encoding": "chunked"},
        environ_overrides={"wsgi.input_terminated": True},
    )
    assert response.status_code == status


def test_unexpected_failure_is_500_without_internals_or_text_in_the_log(extractor, monkeypatch, caplog):
    app = create_app(Config(), extractor=extractor)

    def explode(texts, **kwargs):
        raise RuntimeError(f"secret internal detail about {texts[0]}")

    monkeypatch.setattr(extractor, "extract_each", explode)
    service_logger = logging.getLogger("newsfacts")  # does not propagate to the root logger caplog watches
    service_logger.addHandler(caplog.handler)
    try:
        problem = assert_problem(app.test_client().post("/v1/extract", json={"text": "Zyxwvut article"}), 500)
    finally:
        service_logger.removeHandler(caplog.handler)
    assert "secret" not in json.dumps(problem)
    logged = [record for record in caplog.records if record.name == "newsfacts.errors"]
    assert logged and logged[0].error_type == "RuntimeError" and "explode" in logged[0].stack
    assert "Zyxwvut" not in caplog.text


@pytest.mark.parametrize(
    "text",
    [
        "\u201c" * 100_000,
        '"' * 100_000,
        "7" * 100_000,
        "\x00\x01\x02 control \x1b[31m characters \x7f",
        "\u202eRTL override \u05e9\u05dc\u05d5\u05dd and combining e\u0301\u0301\u0301",
        "\U0001f4a5" * 2000,
        "a" * 100_000,
    ],
    ids=["curly-quotes", "straight-quotes", "digits", "control", "rtl-combining", "emoji", "one-token"],
)
def test_odd_inputs_never_fail(client, text):
    response = client.post("/v1/extract", json={"text": text, "offset_encoding": "utf16"})
    assert response.status_code == 200


def test_not_ready_answers_503_problem_and_readyz_503(extractor, monkeypatch):
    app = create_app(Config(), load=False)
    client = app.test_client()
    response = client.post("/v1/extract", json={"text": "hello"})
    assert_problem(response, 503)
    assert response.headers["Retry-After"]
    assert_problem(client.get("/readyz"), 503)
    assert client.get("/healthz").status_code == 200


def test_readyz_reports_the_model_when_ready(client):
    body = client.get("/readyz").get_json()
    assert body["status"] == "ready"
    assert body["model"]["pipeline"].startswith("en_core_web_sm")


class TestBatch:
    def test_bad_documents_are_reported_and_good_ones_answered(self, client):
        documents = [
            {"id": "a", "text": "Vladimir Putin visited Myanmar."},
            {"id": "blank", "text": "  \n"},
            {"text": "Min Aung Hlaing met Putin in Moscow."},
        ]
        body = client.post("/v1/extract/batch", json={"documents": documents}).get_json()
        assert [r["index"] for r in body["results"]] == [0, 2]
        assert body["results"][0]["id"] == "a"
        assert body["errors"] == [
            {"index": 1, "id": "blank", "status": 422, "title": "Unprocessable Entity", "detail": "text must not be blank"}
        ]

    def test_batch_results_equal_single_requests(self, client):
        texts = [path.read_text(encoding="utf-8") for path in SEED_PATHS]
        batch = client.post("/v1/extract/batch", json={"documents": [{"text": t} for t in texts]}).get_json()
        for text, result in zip(texts, batch["results"], strict=True):
            single = client.post("/v1/extract", json={"text": text}).get_json()
            for feature in ("entities", "quotes", "quantities"):
                assert result[feature] == single[feature]

    def test_too_many_documents_is_422(self, extractor):
        client = create_app(Config(max_batch_docs=2), extractor=extractor).test_client()
        documents = [{"text": "one"}, {"text": "two"}, {"text": "three"}]
        problem = assert_problem(client.post("/v1/extract/batch", json={"documents": documents}), 422)
        assert "at most 2" in problem["detail"]

    @pytest.mark.parametrize(
        "payload",
        [{"text": "not a batch"}, {"documents": []}, {"documents": "x"}, {"documents": [{"body": "x"}]}, []],
    )
    def test_a_request_that_is_not_a_batch_is_422(self, client, payload):
        assert_problem(client.post("/v1/extract/batch", json=payload), 422)


def test_processing_past_the_deadline_is_a_503_problem_not_a_hang(extractor, monkeypatch):
    app = create_app(Config(request_timeout_s=0.2), extractor=extractor)
    monkeypatch.setattr(extractor, "extract_each", lambda texts, **kwargs: time.sleep(5))
    started = time.perf_counter()
    problem = assert_problem(app.test_client().post("/v1/extract", json={"text": "slow"}), 503)
    assert time.perf_counter() - started < 2
    assert "timeout" in problem["detail"]
