"""Quote extraction: seeds read as a careful reader would, speaker rules, and robustness."""

from __future__ import annotations

import time

import pytest

from service.extraction.model import Entity, Quote, Span
from service.extraction.quotes import extract_quotes, find_quoted_spans
from tests.conftest import SEED_PATHS, seed_text


def _quotes(extractor, text: str) -> list[Quote]:
    return extractor.extract(text, include=["quotes"]).quotes


def _named_entities(doc) -> list[Entity]:
    """A minimal stand-in for extract_entities, so speaker rules are tested on their own."""
    groups: dict[tuple[str, str], list[Span]] = {}
    for ent in doc.ents:
        groups.setdefault((ent.label_, ent.text), []).append(Span(ent.text, ent.start_char, ent.end_char))
    return [
        Entity(id=f"E{n}", name=name, label=label, salience=0.0, mentions=mentions)
        for n, ((label, name), mentions) in enumerate(groups.items(), start=1)
    ]


def _quotes_of(nlp, text: str) -> tuple[list[Quote], list[Entity]]:
    doc = nlp(text)
    entities = _named_entities(doc)
    return extract_quotes(doc, entities=entities), entities


def _quote_with(quotes: list[Quote], snippet: str) -> Quote:
    matching = [q for q in quotes if snippet in q.text]
    assert matching, f"no quote contains {snippet!r}: {[q.text for q in quotes]}"
    return matching[0]


def _entity_named(entities: list[Entity], name: str) -> Entity:
    return next(e for e in entities if e.name == name)


# Every quotation in the seeds, with the speaker a careful reader would name (matched against the
# resolved name or, for an unnamed source, the mention) and the kind.
SEED_QUOTES = [
    ("000", "the chairman of the State Administration Council", "Kremlin", "partial"),
    ("000", "The two leaders [Putin and Min Aung Hlaing] will attend", "Kremlin", "direct"),
    ("000", "Putin will hold bilateral meetings", "Kremlin", "indirect"),
    ("000", "negotiations to open direct flights", "Tass", "indirect"),
    ("000", "positions on key international and regional issues are either close or identical", "Ushakov", "indirect"),
    ("000", "the special military operation in Ukraine", "Ushakov", "partial"),
    ("000", "it is well-grounded and rejects the West’s anti-Russian sanctions", "Ushakov", "partial"),
    ("000", "will meet with Russian President Vladimir Putin on Wednesday", "Kremlin", "indirect"),
    ("001", "Our relations are developing positively", "Putin", "direct"),
    ("001", "building good relations as good friends", "Global New Light", "partial"),
    ("001", "2022 marked 75 years of diplomatic relations", "Global New Light", "indirect"),
    ("001", "the chairman of the self-styled State Administration Council met Putin", "Global New Light", "indirect"),
    ("001", "Myanmar was ready to pay for the imports in Russian roubles", "Min Aung Hlaing", "indirect"),
    ("001", "Russia was one of three states to have supplied weapons", "Tom Andrews", "indirect"),
    ("002", "I believe that victory must be yours", "Min Aung Hlaing", "direct"),
    ("002", "king", "Min Aung", "partial"),
    ("002", "substantive and constructive", "Putin", "partial"),
    ("002", "bound by truly strong bonds of friendship", "Putin", "partial"),
    ("002", "great potential", "Putin", "partial"),
    ("002", "I cannot but thank you for your very warm gift", "Putin", "direct"),
    ("002", "Despite the illegitimate sanctions against Russia and Myanmar", "Mishustin", "direct"),
    ("002", "There is a potential for boosting cooperation", "Mishustin", "direct"),
    ("002", "the proposed facility would have a capacity of 100 megawatts", "Rosatom", "indirect"),
    ("002", "not merely a diplomatic engagement", "National Unity Government", "partial"),
    ("002", "further demonstrates Russia’s willingness", "National Unity Government", "partial"),
    ("003", "further cement the cooperation", "Global New Light", "partial"),
    ("003", "Senior General Min Aung Hlaing will attend the Eastern Economic Forum", "Global New Light", "indirect"),
    ("003", "sham elections", "Antony Blinken", "partial"),
    ("004", "The two will discuss strengthening economic", "State Administration Council", "indirect"),
    ("004", "the main suppliers of advanced weapons systems", "United Nations", "indirect"),
    ("004", "using Russian fighter jets for airstrikes", "Washington Post", "indirect"),
    ("004", "the junta has killed at least 6,366 civilians", "Assistance Association", "indirect"),
]


@pytest.mark.parametrize(("seed", "snippet", "speaker", "kind"), SEED_QUOTES)
def test_seed_quote_found_with_its_speaker(extractor, seed, snippet, speaker, kind):
    quote = _quote_with(_quotes(extractor, seed_text(seed)), snippet)
    assert quote.kind == kind
    assert quote.speaker is not None
    assert speaker in (quote.speaker.name or "") or speaker in quote.speaker.text


def test_a_headline_opening_with_quoted_words_is_a_quote_without_a_speaker(extractor):
    quote = _quote_with(_quotes(extractor, seed_text("003")), "Friendly ties")
    assert quote.text == "Friendly ties"
    assert quote.speaker is None


def test_pronoun_speaker_resolves_to_previous_person_not_the_addressee(nlp):
    text = (
        "Boris Johnson thanked Russia for its backing and praised Vladimir Putin's leadership. "
        "“Victory must be yours,” he told Putin."
    )
    quotes, entities = _quotes_of(nlp, text)
    (quote,) = quotes
    assert quote.kind == "direct" and quote.text == "Victory must be yours"
    assert quote.speaker.text == "he"
    assert quote.speaker.entity == _entity_named(entities, "Boris Johnson").id
    assert quote.addressee is not None and quote.addressee.text == "Putin"
    assert quote.cue.text == "told"


def test_pronoun_respects_gender_from_honorific(nlp):
    text = "Mrs. Clinton spoke after Mr. Sanders left the stage. “We will win this,” she said."
    quotes, _ = _quotes_of(nlp, text)
    quote = _quote_with(quotes, "We will win this")
    assert quote.speaker.text == "she"
    assert quote.speaker.name == "Clinton"


def test_description_speaker_resolves_to_the_titled_person(nlp):
    text = "Senior Gen. Min Aung Hlaing met Vladimir Putin. The general described Putin as a “king.”"
    doc = nlp(text)
    entities = _named_entities(doc)
    next(e for e in entities if "Min Aung" in e.name).titles.append("Senior General")  # as extract_entities records it
    quotes = extract_quotes(doc, entities=entities)
    quote = _quote_with(quotes, "king")
    assert quote.kind == "partial" and quote.text == "king"
    assert quote.speaker.text == "The general"
    assert "Min Aung" in quote.speaker.name


def test_quoted_as_saying_names_the_quoted_person(nlp):
    text = "“Our relations are developing positively,” the RIA news agency quoted Vladimir Putin as saying."
    quotes, _ = _quotes_of(nlp, text)
    (quote,) = quotes
    assert quote.speaker.text == "Vladimir Putin"
    assert quote.cue.text == "quoted"


def test_according_to_gives_the_speaker(nlp):
    text = (
        "The army has killed more than 2,000 people, according to the "
        "Assistance Association for Political Prisoners."
    )
    quotes, _ = _quotes_of(nlp, text)
    (quote,) = quotes
    assert quote.kind == "indirect"
    assert quote.text == "The army has killed more than 2,000 people"
    assert quote.cue.text == "according to"
    assert "Assistance Association" in quote.speaker.text


def test_speaker_after_the_verb_in_inverted_frame(nlp):
    text = "“The seat is ours to lose now,” added another Ohio county official."
    quotes, _ = _quotes_of(nlp, text)
    (quote,) = quotes
    assert quote.speaker is not None and "official" in quote.speaker.text


def test_quote_without_any_cue_has_no_speaker(nlp):
    quotes, _ = _quotes_of(nlp, "The weather was mild.\n\n“We will win.”")
    (quote,) = quotes
    assert quote.kind == "direct" and quote.speaker is None and quote.cue is None


def test_quote_paragraph_without_cue_continues_previous_speaker(nlp):
    text = "“Trade is growing,” Mikhail Mishustin said on Monday.\n\n“There is potential in energy.”"
    quotes, _ = _quotes_of(nlp, text)
    first, second = quotes
    assert second.cue is None
    assert second.speaker == first.speaker and "Mishustin" in second.speaker.text


def test_quote_running_over_paragraphs_is_one_span_per_paragraph_of_one_quotation():
    text = "“The first part goes on.\n\n“And the second part ends it,” he said."
    first, second = find_quoted_spans(text)
    assert text[first.start : first.end] == "The first part goes on."
    assert text[second.start : second.end] == "And the second part ends it"
    assert first.quotation == second.quotation == 0 and not first.closed and second.closed


@pytest.mark.parametrize(
    "text",
    [
        "Myanmar’s generals and the ’90s crackdown don't matter to the junta’s backers.",
        "The generals’ plan was 'rock solid' to them.",
        "It was a 6' 2\" man.",
        "A stray ” mark and another “ mark without partners.",
    ],
)
def test_apostrophes_and_stray_marks_are_not_quotes(text):
    assert [text[s.start : s.end] for s in find_quoted_spans(text)] in ([], ["rock solid"])


def test_unclosed_quote_stops_at_its_paragraph():
    text = "“This quote never closes.\n\nThe next paragraph is the writer’s own, and so is this “one”."
    spans = find_quoted_spans(text)
    assert [text[s.start : s.end] for s in spans] == ["one"]


def test_nested_quotes_stay_inside_the_outer_quote():
    text = "“I doubt you will hear her saying, ‘I love paying taxes,’” he said."
    (span,) = find_quoted_spans(text)
    assert text[span.start : span.end] == "I doubt you will hear her saying, ‘I love paying taxes,’"


def test_straight_and_doubled_apostrophe_marks_pair_up():
    text = "\"Plain marks,\" she said. ''Newspaper marks,'' he said."
    assert [text[s.start : s.end] for s in find_quoted_spans(text)] == ["Plain marks", "Newspaper marks"]


# The mixed runs are shorter only because spaCy itself is slow on them; the scan is linear either way.
@pytest.mark.parametrize("marks", ['"' * 100_000, "“" * 100_000, "“a” " * 10_000, "“\n" * 20_000])
def test_long_runs_of_quote_marks_finish_quickly(nlp, marks):
    doc = nlp(marks)
    began = time.perf_counter()
    quotes = extract_quotes(doc, entities=[])
    assert time.perf_counter() - began < 5.0
    assert all(len(q.text) < 10_000 for q in quotes)


@pytest.mark.parametrize("path", SEED_PATHS, ids=lambda p: p.name[:3])
def test_every_span_matches_its_offsets_and_ids_follow_text_order(extractor, path):
    text = path.read_text(encoding="utf-8")
    quotes = _quotes(extractor, text)
    assert [q.id for q in quotes] == [f"Q{n}" for n in range(1, len(quotes) + 1)]
    assert [q.start for q in quotes] == sorted(q.start for q in quotes)
    for quote in quotes:
        assert text[quote.start : quote.end] == quote.text
        for span in (quote.cue, quote.speaker, quote.addressee):
            if span is not None:
                assert text[span.start : span.end] == span.text
