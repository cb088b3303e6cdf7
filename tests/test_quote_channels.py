"""The `via` field: the channel a quote came through, when the text names it."""

from __future__ import annotations


def _quote(extractor, text: str):
    (quote,) = extractor.extract(text, include=["quotes"]).quotes
    return quote


def test_told_a_news_agency_is_the_channel(extractor):
    quote = _quote(extractor, "Lena Park told Reuters that talks would resume.")
    assert quote.via.text == "Reuters"
    assert quote.speaker.name == "Lena Park"


def test_an_agency_that_quoted_the_speaker_is_the_channel(extractor):
    quote = _quote(extractor, "“Talks will resume,” the RIA news agency quoted Lena Park as saying.")
    assert quote.speaker.name == "Lena Park"
    assert quote.via.text == "the RIA news agency"


def test_according_to_an_agency_after_a_speaker_is_the_channel(extractor):
    quote = _quote(extractor, "“Talks will resume,” Lena Park said, according to AFP.")
    assert quote.speaker.name == "Lena Park"
    assert quote.via.text == "according to AFP"


def test_in_a_statement_is_the_channel_of_a_colon_quote(extractor):
    quote = _quote(extractor, "In a statement, the ministry said: “Sales rose sharply.”")
    assert quote.via.text == "In a statement"


def test_a_quote_with_no_channel_has_none(extractor):
    quote = _quote(extractor, "“Talks will resume,” Lena Park said.")
    assert quote.via is None
