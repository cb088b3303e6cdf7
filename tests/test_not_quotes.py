"""Quote marks that are not quotes: titles, scare quotes, markup; and words someone did say, which stay."""

from __future__ import annotations

from service.extraction.quotes.not_quotes import is_title


def _quotes(extractor, text: str):
    return extractor.extract(text, include=["quotes"]).quotes


def test_titles_of_programmes_and_speeches_are_not_quotes(extractor):
    text = "He appeared on “Morning Joe” before the “State of the Union” address."
    assert _quotes(extractor, text) == []


def test_a_title_named_after_a_possessive_is_not_a_quote_even_with_a_speaker(extractor):
    text = "Speaking on KBC’s “Morning Edition With Ruth Oyo,” the senator said the tax would go."
    assert all("Morning Edition" not in q.text for q in _quotes(extractor, text))


def test_a_single_word_scare_quote_with_no_speaker_is_not_a_quote(extractor):
    text = "The “adamant” minister refused to leave his office on Monday."
    assert _quotes(extractor, text) == []


def test_a_word_someone_called_something_stays_a_partial_quote(extractor):
    (quote,) = [q for q in _quotes(extractor, "Mayor Rosa Diaz hailed the “substantive and constructive” talks.")]
    assert quote.kind == "partial" and quote.text == "substantive and constructive"
    assert quote.speaker.name == "Rosa Diaz"


def test_attribute_values_of_embedded_markup_are_not_quotes(extractor):
    text = '<tweet id="123456" author="@rosadiaz">The bridge reopens today.</tweet>'
    assert _quotes(extractor, text) == []


def test_a_title_has_every_word_but_the_small_ones_capitalised():
    assert is_title("Face the Nation")
    assert not is_title("the people have spoken")
    assert not is_title("Stop it now.")
