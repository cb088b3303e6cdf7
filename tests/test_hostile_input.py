"""Hostile input: arbitrary Unicode never breaks the core or the API, and odd text is not slow."""

from __future__ import annotations

import json
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SEED_PATHS
from service.config import Config
from service.extraction.budget import TokenBudget
from service.extraction.engine import DocumentFailure
from service.serialize import extraction_dict

# Text made of what breaks naive code: quote marks, digits, currency, combining and RTL marks, emoji, controls.
TRICKY_ALPHABET = st.sampled_from(
    list("\"'\u201c\u201d\u2018\u2019\u00ab\u00bb$\u20ac\u00a3%.,;:-\u2013\u2014()[] \n\t0123456789")
    + ["\u0301", "\u05e9", "\u202e", "\u200b", "\U0001f600", "\x00", "\x1b", "million", "said", "Putin", " per cent"]
)
TEXTS = st.one_of(
    st.text(max_size=400),
    st.lists(TRICKY_ALPHABET, max_size=120).map("".join),
    st.lists(st.sampled_from(["He said", "\u201cYes,\u201d", "Putin", "more than", "$4m", "rose 40%", "\n\n"]), max_size=40).map(" ".join),
)


def _spans(body: dict):
    for entity in body["entities"]:
        yield from entity["mentions"]
    for quote in body["quotes"]:
        yield quote
        yield from (quote[key] for key in ("cue", "speaker", "addressee") if quote[key])
    yield from body["quantities"]


def _unit_offset(text: str, codepoints: int, encoding: str) -> int:
    prefix = text[:codepoints]
    return len(prefix.encode("utf-16-le")) // 2 if encoding == "utf16" else len(prefix.encode("utf-8"))


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=TEXTS)
def test_every_span_matches_its_offsets_in_every_encoding(extractor, text):
    text = text.encode("utf-8", "replace").decode("utf-8")  # the API rejects unpaired surrogates before this
    extraction = extractor.extract(text)
    body = extraction_dict(extraction, text=text, offset_encoding="codepoint", doc_id=None)
    json.dumps(body, allow_nan=False)
    spans = list(_spans(body))
    for span in spans:
        assert text[span["start"] : span["end"]] == span["text"]
    for encoding in ("utf16", "utf8"):
        encoded = extraction_dict(extraction, text=text, offset_encoding=encoding, doc_id=None)
        for plain, converted in zip(spans, _spans(encoded), strict=True):
            assert converted["start"] == _unit_offset(text, plain["start"], encoding)
            assert converted["end"] == _unit_offset(text, plain["end"], encoding)


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    payload=st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
        lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=12), children, max_size=5),
        max_leaves=25,
    )
)
def test_any_json_value_gets_a_4xx_or_a_valid_answer(client, payload):
    for path in ("/v1/extract", "/v1/extract/batch"):
        response = client.post(path, data=json.dumps(payload), content_type="application/json")
        assert response.status_code in (200, 400, 422)
        assert response.mimetype == ("application/json" if response.status_code == 200 else "application/problem+json")


@pytest.mark.parametrize(
    "payload",
    [
        '{"text": "a", "text": "Putin said hello."}',
        '{"text": null, "id": null, "include": null, "offset_encoding": null}',
        '{"documents": [null]}',
        '{"documents": [{"text": "ok", "id": null}], "include": null}',
    ],
    ids=["duplicate-keys", "null-everywhere", "null-document", "null-include"],
)
def test_duplicated_keys_and_nulls_never_fail(client, payload):
    for path in ("/v1/extract", "/v1/extract/batch"):
        response = client.post(path, data=payload, content_type="application/json")
        assert response.status_code in (200, 422)


LENGTH = 10_000
PATHOLOGICAL = {
    "quote-marks": "\u201c" * LENGTH,
    "straight-quotes": '"' * LENGTH,
    "digits": "7" * LENGTH,
    "one-token": "x" * LENGTH,
    "spaced-quotes": "\u201c " * (LENGTH // 2),
    "spaced-digits": "7 " * (LENGTH // 2),
    "quoted-words": "\u201ca\u201d " * (LENGTH // 4),
    "emoji": "\U0001f600" * LENGTH,
    "rtl-combining": "\u05e9\u0301 " * (LENGTH // 3),
    "controls": "\x00\x01\x1b " * (LENGTH // 4),
    "numbers-with-units": "5 MW, $3m and 40% " * (LENGTH // 18),
}


@pytest.fixture(scope="module")
def ordinary_seconds(extractor) -> float:
    """Time for an ordinary article of the same length (the seeds, repeated)."""
    article = "\n\n".join(path.read_text(encoding="utf-8") for path in SEED_PATHS)
    article = (article * (LENGTH // len(article) + 1))[:LENGTH]
    extractor.extract(article)
    return min(_seconds(lambda: extractor.extract(article)) for _ in range(2))


def _seconds(call) -> float:
    started = time.perf_counter()
    call()
    return time.perf_counter() - started


@pytest.mark.slow
@pytest.mark.parametrize("text", PATHOLOGICAL.values(), ids=PATHOLOGICAL.keys())
def test_pathological_text_the_service_accepts_takes_at_most_five_times_an_ordinary_article(
    extractor, ordinary_seconds, text
):
    config = Config()
    budget = TokenBudget(
        per_doc=config.max_tokens_per_doc,
        per_char=config.max_tokens_per_char,
        per_request=config.max_tokens_per_request,
    )
    (outcome,) = extractor.extract_each([text], budget=budget)
    if isinstance(outcome, DocumentFailure):
        assert outcome.over, outcome.detail  # refused for a limit, not failed
        return
    elapsed = min(_seconds(lambda: extractor.extract_each([text], budget=budget)) for _ in range(2))
    assert elapsed <= 5 * ordinary_seconds, f"{elapsed:.2f}s vs ordinary {ordinary_seconds:.2f}s"
