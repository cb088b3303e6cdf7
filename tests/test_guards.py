"""What keeps one client from hurting the others, in-process: token budgets, one failing document,
a broken pipeline, whole bodies, bearer tokens, bounded error bodies, the docs assets."""

from __future__ import annotations

import io
import json

import pytest

from service.app import create_app
from service.config import Config
from service.extraction import engine
from service.extraction.budget import TokenBudget
from service.extraction.engine import BATCH_TOKENS, _token_groups
from service.pipeline_state import BROKEN_AFTER_ERRORS

TOKEN = "a-token-of-sixteen-chars"
ARTICLE = "Putin met Xi in Moscow on Tuesday. Trade rose 40 percent to $260 million, officials said."


def problem(response, status: int) -> dict:
    assert response.status_code == status, response.get_data(as_text=True)[:300]
    assert response.mimetype == "application/problem+json"
    return response.get_json()


@pytest.fixture()
def budget_client(extractor):
    return create_app(Config(max_tokens_per_doc=50, max_tokens_per_request=80), extractor=extractor).test_client()


# --- token budgets -------------------------------------------------------------------------------


def test_a_text_over_the_token_budget_is_422_naming_the_limit(budget_client):
    body = problem(budget_client.post("/v1/extract", data="1-2-3-4-5 " * 10, content_type="text/plain"), 422)
    assert "limit is 50 tokens per document" in body["detail"]
    assert "NEWSFACTS_MAX_TOKENS_PER_DOC" in body["detail"]


def test_a_request_over_the_token_budget_is_413_naming_the_limit(budget_client):
    documents = [{"text": ARTICLE}] * 5  # about 20 tokens each
    body = problem(budget_client.post("/v1/extract/batch", json={"documents": documents}), 413)
    assert "limit is 80 tokens per request" in body["detail"]
    assert "NEWSFACTS_MAX_TOKENS_PER_REQUEST" in body["detail"]


def test_a_batch_document_over_the_token_budget_fails_alone(budget_client):
    documents = [{"id": "dense", "text": "7 " * 60}, {"id": "ok", "text": ARTICLE}]
    body = budget_client.post("/v1/extract/batch", json={"documents": documents}).get_json()
    assert [result["id"] for result in body["results"]] == ["ok"]
    (error,) = body["errors"]
    assert (error["id"], error["status"]) == ("dense", 422)
    assert "tokens" in error["detail"]


def test_batches_are_parsed_in_groups_bounded_by_tokens_not_documents(extractor):
    docs = [extractor.nlp.make_doc("7 " * 3000) for _ in range(6)]  # 3,000 tokens each
    groups = list(_token_groups(docs, batch_size=16))
    assert [index for group in groups for index in group] == list(range(6))
    assert all(sum(len(docs[i]) for i in group) <= BATCH_TOKENS for group in groups)
    alone = [extractor.nlp.make_doc("7 " * (BATCH_TOKENS + 10)), extractor.nlp.make_doc("Hello.")]
    assert list(_token_groups(alone, batch_size=16)) == [[0], [1]]


def test_token_budget_counts_what_the_pipeline_will_parse(extractor):
    outcomes = extractor.extract_each(["one two three", "1-2-3-4"], budget=TokenBudget(per_doc=5))
    assert outcomes[0].entities is not None
    assert isinstance(outcomes[1], engine.DocumentFailure) and "7 tokens" in outcomes[1].detail


# --- one failing document ------------------------------------------------------------------------


@pytest.fixture()
def failing_extractor(extractor, monkeypatch):
    """The quantities extractor raises on any document that mentions "Zyxwvut"."""
    real = engine.extract_quantities

    def explode(doc):
        if "Zyxwvut" in doc.text:
            raise RuntimeError(f"secret internal detail about {doc.text}")
        return real(doc)

    monkeypatch.setattr(engine, "extract_quantities", explode)
    return extractor


def test_an_unexpected_error_in_one_document_fails_only_that_document(failing_extractor):
    client = create_app(Config(), extractor=failing_extractor).test_client()
    documents = [
        {"id": "a", "text": ARTICLE},
        {"id": "bad", "text": "Zyxwvut rose 5 percent."},
        {"id": "c", "text": ARTICLE},
    ]
    response = client.post("/v1/extract/batch", json={"documents": documents})
    assert response.status_code == 200
    body = response.get_json()
    assert [(result["index"], result["id"]) for result in body["results"]] == [(0, "a"), (2, "c")]
    assert body["results"][0]["quantities"]
    (error,) = body["errors"]
    assert (error["index"], error["id"], error["status"]) == (1, "bad", 500)
    assert "secret" not in error["detail"] and "Zyxwvut" not in error["detail"]


def test_an_unexpected_error_in_a_single_document_is_a_500_problem(failing_extractor):
    client = create_app(Config(), extractor=failing_extractor).test_client()
    body = problem(client.post("/v1/extract", data="Zyxwvut rose 5 percent.", content_type="text/plain"), 500)
    assert "secret" not in json.dumps(body)


def test_internal_errors_on_odd_documents_keep_a_working_pipeline_ready(failing_extractor):
    client = create_app(Config(), extractor=failing_extractor).test_client()
    for _ in range(2 * BROKEN_AFTER_ERRORS):
        problem(client.post("/v1/extract", data="Zyxwvut rose 5 percent.", content_type="text/plain"), 500)
    assert client.get("/readyz").status_code == 200  # the warm-up article still works
    assert client.post("/v1/extract", data=ARTICLE, content_type="text/plain").status_code == 200


def test_a_pipeline_that_fails_on_everything_makes_readyz_503(extractor, monkeypatch):
    def explode(doc):
        raise RuntimeError("corrupt state")

    monkeypatch.setattr(engine, "extract_quantities", explode)
    client = create_app(Config(), extractor=extractor).test_client()
    assert client.get("/readyz").status_code == 200
    for _ in range(BROKEN_AFTER_ERRORS):
        problem(client.post("/v1/extract", data=ARTICLE, content_type="text/plain"), 500)
    assert "broken" in problem(client.get("/readyz"), 503)["detail"]
    assert "broken" in problem(client.post("/v1/extract", data=ARTICLE, content_type="text/plain"), 503)["detail"]


# --- bodies are whole or refused -----------------------------------------------------------------


def test_a_body_shorter_than_its_content_length_is_400(client):
    body = b"Putin met Xi."
    response = client.post(
        "/v1/extract",
        input_stream=io.BytesIO(body),
        headers={"Content-Type": "text/plain"},
        environ_overrides={"wsgi.input_terminated": True, "CONTENT_LENGTH": str(len(body) + 20)},
    )
    assert "Content-Length" in problem(response, 400)["detail"]


@pytest.mark.parametrize("encoding", ["gzip", "br", "deflate"])
def test_a_compressed_body_is_415_with_accept_encoding(client, encoding):
    response = client.post(
        "/v1/extract", data=b"\x1f\x8b\x08\x00", headers={"Content-Encoding": encoding}, content_type="text/plain"
    )
    assert encoding in problem(response, 415)["detail"]
    assert response.headers["Accept-Encoding"] == "identity"


def test_identity_encoding_is_accepted(client):
    response = client.post(
        "/v1/extract", data=ARTICLE, headers={"Content-Encoding": "identity"}, content_type="text/plain"
    )
    assert response.status_code == 200


def test_a_byte_order_mark_is_not_part_of_the_text(client):
    with_bom = client.post("/v1/extract", data="\ufeff" + ARTICLE, content_type="text/plain; charset=utf-8")
    without = client.post("/v1/extract", data=ARTICLE, content_type="text/plain; charset=utf-8")
    assert with_bom.get_json()["entities"] == without.get_json()["entities"]
    assert with_bom.get_json()["entities"][0]["mentions"][0]["start"] == 0


def test_unknown_fields_are_named_up_to_a_bound_with_a_count_of_the_rest(client):
    payload = {"text": ARTICLE} | {f"field{i}": i for i in range(5000)}
    body = problem(client.post("/v1/extract", json=payload), 422)
    assert len(body["errors"]) == 21
    assert body["errors"]["_more"] == ["4980 more fields have errors and are not listed"]
    assert len(json.dumps(body)) < 4000


# --- bearer tokens -------------------------------------------------------------------------------


@pytest.fixture()
def token_client(extractor):
    return create_app(Config(api_tokens=("another-token-of-16", TOKEN)), extractor=extractor).test_client()


def test_without_a_token_a_request_is_401_with_a_challenge(token_client):
    response = token_client.post("/v1/extract", data=ARTICLE, content_type="text/plain")
    assert "Bearer" in problem(response, 401)["detail"]
    assert response.headers["WWW-Authenticate"] == 'Bearer realm="newsfacts"'


def test_a_wrong_token_is_401_invalid_token(token_client):
    response = token_client.post(
        "/v1/extract", data=ARTICLE, content_type="text/plain", headers={"Authorization": f"Bearer {TOKEN}x"}
    )
    problem(response, 401)
    assert 'error="invalid_token"' in response.headers["WWW-Authenticate"]


def test_any_configured_token_is_accepted(token_client):
    for token in ("another-token-of-16", TOKEN):
        response = token_client.post(
            "/v1/extract", data=ARTICLE, content_type="text/plain", headers={"Authorization": f"Bearer {token}"}
        )
        assert response.status_code == 200


def test_probes_and_docs_need_no_token_and_metrics_does(token_client):
    assert token_client.get("/healthz").status_code == 200
    assert token_client.get("/readyz").status_code == 200
    assert token_client.get("/openapi.json").status_code == 200
    assert token_client.get("/docs").status_code == 200
    problem(token_client.get("/metrics"), 401)
    assert token_client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200


def test_metrics_and_docs_exemptions_are_configurable(extractor):
    config = Config(api_tokens=(TOKEN,), public_metrics=True, public_docs=False)
    client = create_app(config, extractor=extractor).test_client()
    assert client.get("/metrics").status_code == 200
    problem(client.get("/docs"), 401)
    problem(client.get("/openapi.yaml"), 401)


# --- docs ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("asset", ["index.html", "swagger-ui-bundle.js.map", "swagger-ui.css.map", "../setup.py"])
def test_only_the_assets_the_docs_page_loads_are_served(client, asset):
    assert client.get(f"/docs/{asset}").status_code == 404


def test_the_docs_page_assets_are_served(client):
    assert client.get("/docs/swagger-ui.css").status_code == 200
    assert client.get("/docs/swagger-ui-bundle.js").status_code == 200


def test_a_text_denser_than_the_token_density_limit_is_422_naming_it(client):
    dense = "1-2-3-4-5-6-7-8-9 " * 100  # 1,700 tokens in 1,800 characters
    body = problem(client.post("/v1/extract", data=dense, content_type="text/plain"), 422)
    assert "NEWSFACTS_MAX_TOKENS_PER_CHAR" in body["detail"]
    assert "1800 characters" in body["detail"]


def test_short_dense_texts_and_number_heavy_prose_pass_the_density_limit(client):
    assert client.post("/v1/extract", data="$5 $6 $7 1-2 3-4", content_type="text/plain").status_code == 200
    table = "Wins 12, losses 3, draws 4; goals 41-17 (24), points 40. " * 40
    assert client.post("/v1/extract", data=table, content_type="text/plain").status_code == 200


def test_a_number_that_overflows_fails_at_most_its_own_document(client):
    documents = [{"id": "huge", "text": "Sales rose 5e400 percent."}, {"id": "ok", "text": ARTICLE}]
    body = client.post("/v1/extract/batch", json={"documents": documents}).get_json()
    assert "ok" in [result["id"] for result in body["results"]]
    assert all(error["status"] == 500 for error in body["errors"])


def test_requests_beyond_the_waiting_bound_are_refused_at_once(extractor):
    import threading
    import time

    from service.pipeline_state import MAX_WAITING, PipelineState

    state = PipelineState.ready_with(extractor)
    release = threading.Event()

    def hold() -> None:
        with state.turn(timeout_s=10):
            release.wait(10)

    def wait_for_turn() -> None:
        with state.turn(timeout_s=10):
            pass

    holder = threading.Thread(target=hold)
    holder.start()
    time.sleep(0.1)
    waiters = [threading.Thread(target=wait_for_turn) for _ in range(MAX_WAITING)]
    for waiter in waiters:
        waiter.start()
    time.sleep(0.2)
    started = time.perf_counter()
    with state.turn(timeout_s=10) as granted:
        assert not granted
    assert time.perf_counter() - started < 1
    release.set()
    for thread in [holder, *waiters]:
        thread.join(timeout=10)
    with state.turn(timeout_s=1) as granted:
        assert granted


def test_an_answer_that_would_echo_the_text_many_times_over_is_refused(client):
    # One long sentence of "he said" fragments: every indirect quote nests the ones before it.
    fragments = "he said, " * 2000
    body = problem(client.post("/v1/extract", data=fragments, content_type="text/plain"), 422)
    assert "overlap" in body["detail"]
    batch = client.post("/v1/extract/batch", json={"documents": [{"text": fragments}, {"text": ARTICLE}]}).get_json()
    assert len(batch["results"]) == 1 and batch["errors"][0]["status"] == 422


def test_an_unexpected_error_in_one_batch_row_fails_only_that_row(failing_extractor):
    from service.batch.inputs import InputRow
    from service.batch.rows import RowOptions, output_rows

    rows = [InputRow({"id": "a", "text": ARTICLE}), InputRow({"id": "bad", "text": "Zyxwvut rose 5 percent."})]
    options = RowOptions(include=("entities", "quotes", "quantities"), offset_encoding="codepoint", max_text_chars=100_000)
    good, bad = output_rows(rows, failing_extractor, options)
    assert good["id"] == "a" and "quantities" in good
    assert bad["id"] == "bad" and bad["error"]["status"] == 500
    assert "Zyxwvut" not in json.dumps(bad)  # no internals, no article text
