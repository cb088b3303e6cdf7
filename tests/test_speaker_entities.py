"""A named speaker is always an entity; without the entity list, speakers carry no entity id."""

from __future__ import annotations

from service.extraction.entities.speakers import link_named_speakers
from service.extraction.model import Entity, Quote, Span, Speaker

TEXT = "\u201cThe plant is safe,\u201d Nordatom said in a statement. Nordatom builds reactors."


def quote_by(name: str, text: str = TEXT) -> Quote:
    start = text.index(name)
    return Quote(
        id="Q1", text="The plant is safe,", start=1, end=19, kind="direct", cue=None,
        speaker=Speaker(text=name, start=start, end=start + len(name), entity=None, name=name),
    )


def test_a_speaker_spacy_missed_becomes_an_entity_with_every_mention():
    entities: list[Entity] = []
    quote = quote_by("Nordatom")
    link_named_speakers(entities, [quote], text=TEXT)
    assert [(e.name, e.label) for e in entities] == [("Nordatom", "ORG")]
    assert [m.start for m in entities[0].mentions] == [TEXT.index("Nordatom"), TEXT.rindex("Nordatom")]
    assert quote.speaker is not None and quote.speaker.entity == entities[0].id


def test_a_speaker_with_a_known_name_joins_that_entity():
    known = Entity(id="E1", name="Nordatom", label="ORG", salience=1.0, mentions=[Span("Nordatom", 40, 48)])
    quote = quote_by("Nordatom")
    entities = [known]
    link_named_speakers(entities, [quote], text=TEXT)
    assert entities == [known]
    assert quote.speaker is not None and quote.speaker.entity == "E1"


def test_a_full_name_speaker_is_a_person():
    text = "\u201cWe will win,\u201d Ama Boateng said."
    entities: list[Entity] = []
    link_named_speakers(entities, [quote_by("Ama Boateng", text)], text=text)
    assert [(e.name, e.label) for e in entities] == [("Ama Boateng", "PERSON")]


def test_a_pronoun_speaker_gets_no_entity():
    text = "\u201cWe will win,\u201d he said."
    entities: list[Entity] = []
    quote = quote_by("he", text)
    link_named_speakers(entities, [quote], text=text)
    assert entities == [] and quote.speaker is not None and quote.speaker.entity is None


def test_speaker_entity_ids_resolve_in_every_response(extractor):
    text = (
        "Velo Motors Chief Executive Ama Boateng spoke on Monday. "
        "\u201cWe will build the plant,\u201d Boateng said."
    )
    full = extractor.extract(text)
    ids = {entity.id for entity in full.entities}
    assert all(q.speaker.entity in ids for q in full.quotes if q.speaker and q.speaker.entity)
    assert any(q.speaker and q.speaker.entity for q in full.quotes)
    quotes_only = extractor.extract(text, include=["quotes"])
    assert quotes_only.entities is None
    assert all(q.speaker is None or q.speaker.entity is None for q in quotes_only.quotes)
    assert any(q.speaker and q.speaker.name for q in quotes_only.quotes)
