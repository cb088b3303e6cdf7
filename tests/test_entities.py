"""Entity extraction: clean spans, one entity per thing, consistent types, salience."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from eval.entities import read_conll
from service.extraction.entities import extract_entities
from service.extraction.entities.missed import legal_names, titled_names
from service.extraction.lexicon.entities import ENTITY_LABELS
from service.extraction.model import Entity
from tests.conftest import SEED_PATHS, seed_text

NUMERIC_LABELS = {"CARDINAL", "MONEY", "QUANTITY", "PERCENT", "ORDINAL"}


@pytest.fixture(scope="module")
def seed_entities(nlp) -> dict[str, tuple[str, list[Entity]]]:
    """Text and entities of every seed, keyed by the seed's number ("000")."""
    result = {}
    for path in SEED_PATHS:
        text = path.read_text(encoding="utf-8")
        result[path.name[:3]] = (text, extract_entities(nlp(text)))
    return result


def entities_of(nlp, text: str) -> list[Entity]:
    return extract_entities(nlp(text))


def find(entities: list[Entity], name: str) -> Entity:
    matches = [entity for entity in entities if entity.name == name]
    assert len(matches) == 1, f"{name!r}: {[(e.name, e.label) for e in entities]}"
    return matches[0]


def mention_texts(entities: list[Entity]) -> set[str]:
    return {mention.text for entity in entities for mention in entity.mentions}


# --- what a reader would list in each seed -------------------------------------------

READER_ENTITIES = [
    ("000", "Min Aung Hlaing", "PERSON"),
    ("000", "Vladimir Putin", "PERSON"),
    ("000", "Yury Ushakov", "PERSON"),
    ("000", "Nikol Pashinyan", "PERSON"),
    ("000", "Li Zhanshu", "PERSON"),
    ("000", "Kremlin", "ORG"),
    ("000", "Eastern Economic Forum", "ORG"),
    ("000", "Naypyitaw", "GPE"),
    ("000", "Vladivostok", "GPE"),
    ("000", "Russia", "GPE"),
    ("000", "Myanmar", "GPE"),
    ("001", "Min Aung Hlaing", "PERSON"),
    ("001", "Vladimir Putin", "PERSON"),
    ("001", "Sergey Lavrov", "PERSON"),
    ("001", "Alexander Fomin", "PERSON"),
    ("001", "Anton Kobyakov", "PERSON"),
    ("001", "Tom Andrews", "PERSON"),
    ("001", "Aung San Suu Kyi", "PERSON"),
    ("001", "Naypyidaw", "GPE"),
    ("001", "Moscow", "GPE"),
    ("001", "Eastern Economic Forum", "ORG"),
    ("001", "National League for Democracy", "ORG"),
    ("002", "Vladimir Putin", "PERSON"),
    ("002", "Min Aung Hlaing", "PERSON"),
    ("002", "Mikhail Mishustin", "PERSON"),
    ("002", "National Unity Government", "ORG"),
    ("002", "Kremlin", "ORG"),
    ("002", "Reuters", "ORG"),
    ("002", "Moscow", "GPE"),
    ("002", "Naypyidaw", "GPE"),
    ("002", "Dawei", "GPE"),
    ("003", "Min Aung Hlaing", "PERSON"),
    ("003", "Sergey Lavrov", "PERSON"),
    ("003", "Antony Blinken", "PERSON"),
    ("003", "Soe Win", "PERSON"),
    ("003", "Aung San Suu Kyi", "PERSON"),
    ("003", "Association of Southeast Asian Nations", "ORG"),
    ("003", "Phnom Penh", "GPE"),
    ("003", "Cambodia", "GPE"),
    ("004", "Min Aung Hlaing", "PERSON"),
    ("004", "Vladimir Putin", "PERSON"),
    ("004", "Sergei Shoigu", "PERSON"),
    ("004", "Aung San Suu Kyi", "PERSON"),
    ("004", "United Nations", "ORG"),
    ("004", "Washington Post", "ORG"),
    ("004", "Kremlin", "ORG"),
    ("004", "Strait of Malacca", "LOC"),
    ("004", "Dawei", "GPE"),
]


@pytest.mark.parametrize(("seed", "name", "label"), READER_ENTITIES)
def test_seed_lists_entity_under_canonical_name_and_label(seed_entities, seed, name, label):
    _, entities = seed_entities[seed]
    assert find(entities, name).label == label


# --- spaCy's false entities and dirty spans are gone -----------------------------------

FALSE_MENTIONS = [
    ("002", "Describing Putin"),  # capitalised verb at sentence start
    ("004", "Revival"),  # common noun at sentence start
    ("004", "− 16"),  # page furniture
    ("003", "sham"),  # single lower-case word
    ("003", "State"),  # part of the title "Secretary of State"
    ("002", "Min Aung Hlaing’s"),  # possessive
    ("004", "the Washington Post"),  # leading article
    ("001", "AP Photo]\n\n"),  # bracket, line break and page furniture
    ("001", "AP Photo"),
    ("000", "Yury"),  # fragment of "Yury Ushakov"
    ("000", "Min Aung"),  # fragment of "Min Aung Hlaing"
    ("001", "Aung Hlaing"),
    ("001", "Myanmar’s Armed Forces Day"),  # a possessor is not part of the name
    ("001", "United Nations Special Rapporteur"),  # a role is not part of an organisation
    ("001", "Al Jazeera"),  # credited on a furniture line ("Source: Al Jazeera"), not in the story
]


@pytest.mark.parametrize(("seed", "text"), FALSE_MENTIONS)
def test_seed_has_no_false_or_dirty_mention(seed_entities, seed, text):
    _, entities = seed_entities[seed]
    assert text not in mention_texts(entities)
    assert text not in {entity.name for entity in entities}


@pytest.mark.parametrize(("seed", "name"), [("000", "Naypyitaw"), ("001", "Naypyidaw"), ("003", "Naypyidaw")])
def test_seed_capital_is_a_place_not_a_person_or_product(seed_entities, seed, name):
    _, entities = seed_entities[seed]
    assert find(entities, name).label == "GPE"


# --- one entity per real-world thing ----------------------------------------------------

SAME_THING = [
    ("000", "Vladimir Putin", {"Vladimir Putin", "Putin"}),
    ("000", "Yury Ushakov", {"Yury Ushakov", "Ushakov"}),
    ("000", "Eastern Economic Forum", {"Eastern Economic Forum", "EEF"}),
    ("001", "Alexander Fomin", {"Alexander Fomin", "Fomin"}),
    ("002", "Mikhail Mishustin", {"Mikhail Mishustin", "Mishustin"}),
    ("002", "National Unity Government", {"National Unity Government", "NUG"}),
    ("003", "Association of Southeast Asian Nations", {"Association of Southeast Asian Nations", "ASEAN"}),
    ("004", "United Nations", {"United Nations", "UN"}),
]


@pytest.mark.parametrize(("seed", "name", "surfaces"), SAME_THING)
def test_seed_names_acronyms_and_surnames_are_mentions_of_one_entity(seed_entities, seed, name, surfaces):
    _, entities = seed_entities[seed]
    assert {mention.text for mention in find(entities, name).mentions} == surfaces


@pytest.mark.parametrize(("seed", "count"), [("000", 6), ("001", 7), ("002", 5), ("003", 5), ("004", 3)])
def test_seed_every_mention_of_min_aung_hlaing_is_found_and_complete(seed_entities, seed, count):
    text, entities = seed_entities[seed]
    person = find(entities, "Min Aung Hlaing")
    assert text.count("Min Aung Hlaing") == count
    assert [mention.text for mention in person.mentions] == ["Min Aung Hlaing"] * count


def test_seed_headline_mention_missed_by_spacy_is_found(seed_entities):
    text, entities = seed_entities["001"]
    starts = {mention.start for mention in find(entities, "Min Aung Hlaing").mentions}
    assert text.index("Min Aung Hlaing") in starts


# --- titles -------------------------------------------------------------------------------

TITLES = [
    ("001", "Min Aung Hlaing", "Senior General"),
    ("002", "Min Aung Hlaing", "Senior General"),
    ("002", "Vladimir Putin", "President"),
    ("002", "Mikhail Mishustin", "Prime Minister"),
    ("001", "Sergey Lavrov", "Foreign Minister"),
    ("003", "Antony Blinken", "Secretary of State"),
]


@pytest.mark.parametrize(("seed", "name", "title"), TITLES)
def test_seed_titles_are_exposed_and_not_part_of_the_name(seed_entities, seed, name, title):
    _, entities = seed_entities[seed]
    entity = find(entities, name)
    assert title in entity.titles
    assert all(title not in mention.text for mention in entity.mentions)


# --- invariants of the output, on every seed ---------------------------------------------

SEEDS = [path.name[:3] for path in SEED_PATHS]


@pytest.mark.parametrize("seed", SEEDS)
def test_seed_mentions_are_exact_clean_spans(seed_entities, seed):
    text, entities = seed_entities[seed]
    for entity in entities:
        for mention in entity.mentions:
            assert text[mention.start : mention.end] == mention.text
            assert mention.text == mention.text.strip()
            assert "\n" not in mention.text
            assert not mention.text.lower().startswith("the ")
            assert not mention.text.endswith(("’s", "'s", ".", ",", "]", ")", "”", "’"))
            assert not mention.text.startswith(("[", "(", "“", "‘"))


@pytest.mark.parametrize("seed", SEEDS)
def test_seed_mentions_of_different_entities_do_not_overlap(seed_entities, seed):
    _, entities = seed_entities[seed]
    spans = sorted((m.start, m.end) for entity in entities for m in entity.mentions)
    assert all(end <= next_start for (_, end), (next_start, _) in zip(spans, spans[1:]))


@pytest.mark.parametrize("seed", SEEDS)
def test_seed_entities_have_ids_labels_and_ranked_salience(seed_entities, seed):
    _, entities = seed_entities[seed]
    assert [entity.id for entity in entities] == [f"E{i}" for i in range(1, len(entities) + 1)]
    assert all(entity.label in ENTITY_LABELS and entity.label not in NUMERIC_LABELS for entity in entities)
    saliences = [entity.salience for entity in entities]
    assert all(0.0 <= salience <= 1.0 for salience in saliences)
    assert sum(saliences) <= 1.0
    assert saliences == sorted(saliences, reverse=True)


@pytest.mark.parametrize(("seed", "name"), [("000", "Min Aung Hlaing"), ("002", "Vladimir Putin")])
def test_seed_main_person_is_among_the_three_most_salient_entities(seed_entities, seed, name):
    _, entities = seed_entities[seed]
    assert name in [entity.name for entity in entities[:3]]


@pytest.mark.parametrize("seed", SEEDS)
def test_seed_names_are_unique_per_label(seed_entities, seed):
    _, entities = seed_entities[seed]
    names = [(entity.name, entity.label) for entity in entities if entity.label not in ("DATE", "TIME")]
    assert len(names) == len(set(names))


# --- hand-written sentences ---------------------------------------------------------------


def test_article_stays_when_part_of_the_name(nlp):
    entities = entities_of(nlp, "Judges at the International Court of Justice in The Hague ruled on Monday.")
    assert find(entities, "The Hague").label == "GPE"
    assert find(entities, "International Court of Justice").label == "ORG"


def test_parenthesised_acronym_and_its_later_use_join_the_long_name(nlp):
    entities = entities_of(
        nlp, "The World Health Organization (WHO) warned on Friday. WHO officials said the outbreak was spreading."
    )
    organisation = find(entities, "World Health Organization")
    assert [m.text for m in organisation.mentions] == ["World Health Organization", "WHO", "WHO"]


def test_title_marks_a_person_and_surname_inherits_the_full_name(nlp):
    entities = entities_of(
        nlp, "German Chancellor Olaf Scholz met French President Emmanuel Macron in Berlin. Scholz said it went well."
    )
    scholz = find(entities, "Olaf Scholz")
    assert scholz.label == "PERSON"
    assert scholz.titles == ["Chancellor"]
    assert {m.text for m in scholz.mentions} == {"Olaf Scholz", "Scholz"}
    assert find(entities, "German").label == "NORP"


def test_dateline_place_in_capitals_is_a_mention_of_the_place(nlp):
    entities = entities_of(nlp, "NAIROBI, Kenya 2024-05-01\nKenyan President William Ruto spoke in Nairobi.")
    nairobi = find(entities, "Nairobi")
    assert nairobi.label == "GPE"
    assert [m.text for m in nairobi.mentions] == ["NAIROBI", "Nairobi"]
    assert find(entities, "2024-05-01").label == "DATE"


def test_place_named_once_as_gpe_keeps_that_type_elsewhere(nlp):
    entities = entities_of(nlp, "Dawei was quiet on Monday. Workers in Dawei said the Dawei project had stalled.")
    dawei = find(entities, "Dawei")
    assert dawei.label == "GPE"
    assert len(dawei.mentions) == 3


def test_occurrences_spacy_missed_are_found_from_the_names_it_saw(nlp):
    entities = entities_of(nlp, "Tavush welcomed the decision. Officials in Tavush said the roads to Tavush were open.")
    assert len(find(entities, "Tavush").mentions) == 3


def test_headline_in_capitals_yields_the_names_the_body_uses_and_no_topic_word(nlp):
    entities = entities_of(
        nlp,
        "CRICKET - CANADA BEAT JAPAN IN FRIENDLY\nTORONTO 2024-06-01\n"
        "Canada beat Japan by nine wickets on Saturday, and cricket fans celebrated in Toronto.",
    )
    assert [m.text for m in find(entities, "Canada").mentions] == ["CANADA", "Canada"]
    assert [m.text for m in find(entities, "Japan").mentions] == ["JAPAN", "Japan"]
    assert [m.text for m in find(entities, "Toronto").mentions] == ["TORONTO", "Toronto"]
    assert find(entities, "Canada").label == "GPE"
    assert "CRICKET" not in mention_texts(entities)


def test_company_short_name_joins_its_legal_name_and_title_is_kept(nlp):
    entities = entities_of(
        nlp, "Apple Inc. said on Tuesday that Chief Executive Tim Cook would visit China. Apple shares rose 2%."
    )
    assert [m.text for m in find(entities, "Apple Inc.").mentions] == ["Apple Inc.", "Apple"]
    assert find(entities, "Tim Cook").titles == ["Chief Executive"]


def test_span_across_a_line_break_is_split_and_furniture_dropped(nlp):
    entities = entities_of(nlp, "Photo: Reuters Photo\nGerman Chancellor Olaf Scholz visited Paris on Monday.")
    assert all("\n" not in text and "Photo" not in text for text in mention_texts(entities))


def test_capitalised_verb_at_sentence_start_is_not_part_of_a_name(nlp):
    entities = entities_of(nlp, "Describing Biden as a friend, the minister thanked Biden.")
    assert mention_texts(entities) == {"Biden"}


def test_possessive_is_not_part_of_the_name(nlp):
    entities = entities_of(nlp, "Angela Merkel's government fell. Merkel's party lost the vote.")
    merkel = find(entities, "Angela Merkel")
    assert [m.text for m in merkel.mentions] == ["Angela Merkel", "Merkel"]


def test_empty_document_has_no_entities(nlp):
    assert extract_entities(nlp("")) == []


def test_extractor_api_returns_entities_with_the_main_actor_first(extractor):
    result = extractor.extract(seed_text("002"), include=["entities"])
    assert result.entities is not None
    assert result.entities[0].name in {"Russia", "Vladimir Putin"}


# --- the evaluation script's CoNLL reader ---------------------------------------------------


def test_conll_reader_maps_iob_tags_to_character_spans(tmp_path):
    path = tmp_path / "sample.txt"
    path.write_text(
        "-DOCSTART- -X- -X- O\n\n"
        "Dutch JJ B-NP B-MISC\nSea NNP I-NP I-MISC\nskipper NN I-NP O\nAnna NNP I-NP B-PER\n"
        "Jansen NNP I-NP I-PER\n. . O O\n\n"
        "UTRECHT NNP B-NP B-LOC\n2024-01-02 CD I-NP O\n\n"
        "-DOCSTART- -X- -X- O\n\nGhent NNP B-NP B-LOC\n",
        encoding="utf-8",
    )
    first, second = read_conll(path)
    assert first.text == "Dutch Sea skipper Anna Jansen .\nUTRECHT 2024-01-02"
    assert {(first.text[s:e], label) for s, e, label in first.gold} == {
        ("Dutch Sea", "MISC"),
        ("Anna Jansen", "PER"),
        ("UTRECHT", "LOC"),
    }
    assert second.text == "Ghent" and second.gold == {(0, 5, "LOC")}


def test_conll_reader_rebuilds_every_dev_document_and_gold_span(shared_eval):
    documents = read_conll(shared_eval / "conll2003" / "dev.txt")
    assert len(documents) == 216
    assert sum(len(document.gold) for document in documents) == 5942
    for document in documents:
        assert all(document.text[start:end].strip() == document.text[start:end] for start, end, _ in document.gold)


def test_the_same_date_words_are_one_date_entity(extractor):
    text = "Putin will meet Min Aung Hlaing on Wednesday. The forum opens on Wednesday and closes on Friday."
    dates = [e for e in extractor.extract(text, include=["entities"]).entities if e.label == "DATE"]
    assert sorted((e.name, len(e.mentions)) for e in dates) == [("Friday", 1), ("Wednesday", 2)]


def test_a_name_introduced_as_an_alias_is_one_entity_under_the_first_name(nlp):
    entities = entities_of(
        nlp,
        "The charity Harbour Rescue Network, better known as the Blue Lanterns, sent boats to Corfu. "
        "The Blue Lanterns said on Monday that 40 people were saved.",
    )
    network = find(entities, "Harbour Rescue Network")
    assert [m.text for m in network.mentions].count("Blue Lanterns") == 2
    assert all(e.name != "Blue Lanterns" for e in entities)


def test_a_surname_of_several_words_joins_the_full_name_written_before_it(nlp):
    entities = entities_of(
        nlp,
        "“We saw a sharp fall,” said lead author Pierre De La Fontaine of the University of Leeds. "
        "“This matters,” De La Fontaine said.",
    )
    person = find(entities, "Pierre De La Fontaine")
    assert "De La Fontaine" in [m.text for m in person.mentions]
    assert all(e.name != "De La Fontaine" for e in entities)


def test_a_company_named_with_an_honorific_keeps_it_in_its_name(nlp):
    entities = entities_of(nlp, "Mr Cooper rose 3% to R12.50, and Mr Cooper said profit rose.")
    company = find(entities, "Mr Cooper")
    assert company.label == "ORG"
    assert company.titles == []
    assert [m.text for m in company.mentions] == ["Mr Cooper", "Mr Cooper"]


def test_a_legal_name_written_without_its_suffix_is_the_same_company(nlp):
    entities = entities_of(
        nlp, "Shares of Keller & Brandt AG rose 4 percent. Keller & Brandt said sales grew 6 percent."
    )
    company = find(entities, "Keller & Brandt AG")
    assert [m.text for m in company.mentions] == ["Keller & Brandt AG", "Keller & Brandt"]


def test_a_common_noun_opening_the_sentence_is_a_title_not_part_of_the_name(nlp):
    entities = entities_of(
        nlp,
        "Volunteer Lena Marsh drove food to the shelter on Sunday. Other volunteers joined her, Marsh said.",
    )
    person = find(entities, "Lena Marsh")
    assert "Volunteer" in person.titles


def test_a_hyphenated_name_before_its_office_is_a_person_spacy_missed(nlp):
    words = ["Kemi", "Ade", "-", "Ola", ",", "governor", "of", "Ondo", "state", ",", "spoke", "."]
    spaces = [True, False, False, False, True, True, True, True, False, True, False, False]
    pos = ["PROPN", "PROPN", "PUNCT", "PROPN", "PUNCT", "NOUN", "ADP", "PROPN", "NOUN", "PUNCT", "VERB", "PUNCT"]
    doc = Doc(nlp.vocab, words=words, spaces=spaces, pos=pos)
    found = titled_names(doc, doc.text, taken=set())
    assert [(doc[m.start : m.end].text, m.label) for m in found] == [("Kemi Ade-Ola", "PERSON")]


def test_capitalised_words_with_a_legal_suffix_are_a_company_spacy_missed(nlp):
    words = ["Brenner", "Werke", "AG", "(", "BRW", ")", ":", "The", "company", "said", "sales", "rose", "."]
    spaces = [True, True, True, False, False, True, True, True, True, True, True, False, False]
    doc = Doc(nlp.vocab, words=words, spaces=spaces)
    found = legal_names(doc, doc.text, taken=set())
    assert [(doc[m.start : m.end].text, m.label) for m in found] == [("Brenner Werke AG", "ORG")]


def test_a_legal_name_already_found_is_not_found_twice(nlp):
    doc = Doc(nlp.vocab, words=["The", "Acme", "Group", "Ltd", "said", "."])
    assert legal_names(doc, doc.text, taken={1, 2, 3}) == []
