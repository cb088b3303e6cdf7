"""Entity labels that agree with the world: datelines, titles, places, teams, numbers.

Each test is one invented sentence for one rule.
"""

from __future__ import annotations

from service.extraction.entities import extract_entities
from service.extraction.model import Entity


def entities_of(nlp, text: str) -> list[Entity]:
    return extract_entities(nlp(text))


def named(entities: list[Entity], mention: str) -> Entity:
    matches = [e for e in entities if any(m.text == mention for m in e.mentions)]
    assert len(matches) == 1, f"{mention!r}: {[(e.name, e.label) for e in entities]}"
    return matches[0]


def test_dateline_place_is_a_place_and_agency_an_organisation(nlp):
    entities = entities_of(nlp, "KANDAHAR (Reuters) - Farmers in the province said the harvest had failed.")
    assert named(entities, "KANDAHAR").label == "GPE"
    assert named(entities, "Reuters").label == "ORG"


def test_two_agencies_in_one_dateline_are_two_organisations(nlp):
    entities = entities_of(nlp, "QUITO (Xinhua/EFE) -- The ferry left late on Monday.")
    assert named(entities, "Xinhua").label == "ORG"
    assert named(entities, "EFE").label == "ORG"


def test_dateline_place_weighs_less_than_the_subject(nlp):
    entities = entities_of(
        nlp, "FRANKFURT (Reuters) - Lufthansa cut its forecast on Tuesday. Lufthansa said fuel costs rose."
    )
    assert entities[0].name == "Lufthansa"
