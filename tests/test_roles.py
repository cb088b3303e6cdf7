"""Role and descriptor mentions resolved to the entity the article gave that role or kind."""

from __future__ import annotations

from service.extraction.entities import extract_entities
from service.extraction.model import Entity, Span
from service.extraction.roles import entity_for_role, parse_role, role_candidates


def entity(name: str, label: str, *spans: tuple[int, int], titles: tuple[str, ...] = ()) -> Entity:
    return Entity(
        id=name, name=name, label=label, salience=0.0,
        mentions=[Span(name, start, end) for start, end in spans], titles=list(titles),
    )


MEHTA = entity("Arjun Mehta", "PERSON", (15, 26), titles=("Prime Minister",))
OKAFOR = entity("Ada Okafor", "PERSON", (60, 70), titles=("President",))
VICE = entity("Lena Brandt", "PERSON", (100, 111), titles=("Vice President",))
FALK = entity("Tom Falk", "PERSON", (130, 138), titles=("Chancellor of the Exchequer",))
RAO = entity("Mira Rao", "PERSON", (150, 158), titles=("Minister of State for Home Affairs",))


def test_premier_finds_the_prime_minister():
    assert entity_for_role("the Premier", [OKAFOR, MEHTA], position=200) is MEHTA


def test_head_of_state_finds_the_president_not_the_vice_president():
    assert role_candidates("the head of state", [MEHTA, OKAFOR, VICE], position=200) == [OKAFOR]


def test_the_president_is_not_the_vice_president():
    assert role_candidates("the president", [VICE, OKAFOR], position=200) == [OKAFOR]


def test_the_chancellor_finds_the_chancellor_of_the_exchequer():
    assert entity_for_role("The Chancellor", [MEHTA, FALK], position=200) is FALK


def test_the_finance_minister_finds_the_chancellor_of_the_exchequer_by_office():
    assert entity_for_role("the finance minister", [MEHTA, FALK], position=200) is FALK


def test_the_minister_finds_a_minister_of_state():
    assert entity_for_role("the minister", [OKAFOR, RAO], position=200) is RAO


def test_the_nearest_holder_before_the_mention_comes_first():
    first = entity("Ken Ito", "PERSON", (0, 7), titles=("Minister",))
    later = entity("Sue Park", "PERSON", (80, 88), titles=("Minister",))
    assert role_candidates("the minister", [first, later], position=100) == [later, first]
    assert role_candidates("the minister", [first, later], position=50) == [first, later]


def test_a_person_without_the_role_is_no_candidate():
    assert entity_for_role("the coach", [MEHTA, OKAFOR], position=200) is None


def test_apposition_gives_a_role():
    text = "Bola Ade, governor of Ondo state, said taxes would fall. The governor added more."
    ade = entity("Bola Ade", "PERSON", (0, 8))
    assert entity_for_role("The governor", [ade], position=text.index("The governor"), text=text) is ade


def test_the_carmaker_prefers_a_company_over_a_ministry():
    ministry = entity("Ministry of Finance", "ORG", (90, 109))
    carmaker = entity("Velo Motors", "ORG", (10, 21))
    assert role_candidates("the carmaker", [ministry, carmaker], position=120) == [carmaker, ministry]


def test_the_company_prefers_a_legal_name():
    agency = entity("Reuters", "ORG", (90, 97))
    company = entity("Nordlys Ltd", "ORG", (10, 21))
    assert entity_for_role("the company", [agency, company], position=120) is company


def test_the_club_finds_the_nearest_organisation():
    home = entity("Riverside Rovers", "ORG", (0, 16))
    away = entity("Hill Town", "ORG", (30, 39))
    place = entity("Lakeside", "GPE", (50, 58))
    assert entity_for_role("the club", [home, away, place], position=70) is away


def test_the_country_finds_a_place():
    country = entity("Norway", "GPE", (0, 6))
    person = entity("Ola Berg", "PERSON", (10, 18), titles=("Prime Minister",))
    assert entity_for_role("the country", [person, country], position=30) is country


def test_possessor_is_read_past():
    assert entity_for_role("the country's prime minister", [OKAFOR, MEHTA], position=200) is MEHTA


def test_a_name_is_not_a_role():
    assert parse_role("Arjun Mehta") is None
    assert role_candidates("Arjun Mehta", [MEHTA], position=200) == []


def test_role_resolved_on_an_extracted_article(nlp):
    text = (
        "Prime Minister Arjun Mehta met President Ada Okafor in Lagos on Monday. "
        "The talks went well, the Premier said."
    )
    entities = extract_entities(nlp(text))
    found = entity_for_role("the Premier", entities, position=text.index("the Premier"), text=text)
    assert found is not None and found.name == "Arjun Mehta"


def test_a_kind_of_maker_is_an_organisation_descriptor():
    role = parse_role("the Oslo-based drugmaker")
    assert role is not None and role.kind == "organisation"
