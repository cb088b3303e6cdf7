"""The pipeline guard: linear tokenization of any input, text kept exactly."""

from __future__ import annotations

import time

import pytest

from service.extraction.pipeline import MAX_RUN_CHARS

ODD_TEXTS = {
    "run-then-word": "a " + "b" * 300 + " c",
    "run-then-two-spaces": "b" * 300 + "  c\n",
    "leading-space": " " + "b" * 300,
    "runs-across-lines": "b" * 201 + " " + "c" * 201 + "\n" + "d" * 500,
    "quote-marks-in-prose": ('"Hi," he said. ' + "\u2019" * 450 + " end.  \n\n ") * 20,
    "exactly-the-limit": "x" * MAX_RUN_CHARS + " y",
}


@pytest.mark.parametrize("text", ODD_TEXTS.values(), ids=ODD_TEXTS.keys())
def test_tokenizer_keeps_the_text_exactly(nlp, text):
    assert nlp(text).text == text


def test_ordinary_text_is_tokenized_as_spacy_does(nlp):
    text = "Putin said: \u201cOur relations are developing positively.\u201d"
    assert [t.text for t in nlp(text)] == [t.text for t in nlp.tokenizer.tokenizer(text)]


@pytest.mark.parametrize("mark", ["\u201c", '"', "7", "\u2019"])
def test_a_long_run_of_one_character_is_fast(nlp, mark):
    started = time.perf_counter()
    doc = nlp(mark * 100_000)
    assert time.perf_counter() - started < 5
    assert len(doc) == 100_000 // MAX_RUN_CHARS


def test_doc_index_is_built_once_and_maps_characters_to_tokens_and_sentences(nlp):
    from service.extraction.doc_index import doc_index

    doc = nlp("Putin spoke. The general thanked him in Moscow.")
    index = doc_index(doc)
    assert doc_index(doc) is index
    moscow = index.token_at(doc.text.index("Moscow") + 2)
    assert doc[moscow].text == "Moscow"
    assert (index.sent_start(moscow), index.sent_end(moscow)) == (3, len(doc))
    assert index.token_at(doc.text.index(" The")) == 2  # a space belongs to the token before it
