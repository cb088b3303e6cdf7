"""Labels that agree with the world: places by a gazetteer, teams by the sports report around them.

spaCy's small model reads an unfamiliar place as a person or an organisation
("Mardan", "New South Wales"), a team named after its city as a place ("Milwaukee",
"Manchester City"), and a county side as a person ("Worcestershire").  A group's
label is set again from what its name is in the world (``gazetteer``) and how the
document uses it:

- a country is a GPE wherever spaCy put it, a continent a LOC;
- a place or a name ending in a club word ("City", "Rovers") that opens a row of a
  results table, or that a sports report never uses as a location ("in Boston", "the
  Boston marathon"), is a team: ORG (a person named after a city stays a person);
- elsewhere, a region, a NORP that is no demonym, and a city used as a location or
  big enough to be unmistakable is a GPE;
- a law's, a place's or a facility's word makes a LAW ("Kelso Agreement"), a GPE
  ("Dunmore Shire") or a FAC ("the Tessel wind farm"); the subject of a price move
  ("Kelvane slipped 11 sen") is an ORG;
- a name followed by its office ("Bola Ade, governor of Ondo state") is a person;
- a legal suffix ("Ltd", "AG") or a line of business ("Telecoms", "Cement") makes an
  ORG, a kind of event ("Olympics", "Marathon") an EVENT, "X-based" a place.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from service.extraction.entities.mentions import Mention
from service.extraction.entities.missed import office_follows
from service.extraction.entities.source import Group, Source
from service.extraction.gazetteer import gazetteer
from service.extraction.lexicon.entities import (
    CLUB_WORDS,
    BUSINESS_WORDS,
    COMPANY_SUFFIXES,
    DEMONYMS,
    EVENT_WORDS,
    FACILITY_NOUNS,
    LAW_WORDS,
    PLACE_WORDS,
    PRICE_MOVE_VERBS,
    PRICE_UNITS,
    LOCATIVE_PREPOSITIONS,
    SPORTS_WORDS,
    TEAM_NOUNS,
)
from service.extraction.lexicon.quotes import SPEECH_VERBS
from service.extraction.lexicon.roles import TITLE_WORDS

# A city this big is a place whatever spaCy said ("TOKYO", "Melbourne").
UNMISTAKABLE_CITY_POPULATION = 1_000_000
# A document is a sports report with this many sports words and scores per 100 tokens ...
_SPORTS_DENSITY = 1.0
# ... and at least this many in all.
_SPORTS_MINIMUM = 3
# Sports words with their usual endings ("goals", "beaten", "wickets"), and scores ("2-1").
_SPORTS_FORMS = frozenset(word + ending for word in SPORTS_WORDS for ending in ("", "s", "es", "ed", "en", "ing"))
_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")
_SCORE = re.compile(r"(?<![\w-])\d{1,3}-\d{1,3}(?![\w-])")
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# A price move's figure follows its verb within this many tokens ("rose 0.79% to R159").
_FIGURE_WINDOW = 5
_RELABELLED = frozenset({"PERSON", "ORG", "NORP", "GPE", "LOC", "FAC"})


def is_sports_report(source: Source) -> bool:
    """Enough sports words and scores for a place's name to be read as its team's.

    Words are read from the text with a regex: reading every token's lemma costs more
    than all the other entity steps together.
    """
    text = source.text
    cues = sum(1 for word in _WORD.findall(text.lower()) if word in _SPORTS_FORMS) + len(_SCORE.findall(text))
    return cues >= _SPORTS_MINIMUM and 100 * cues >= _SPORTS_DENSITY * len(source.doc)


def world_label(source: Source, group: Group, *, sports: bool, surnames: frozenset[str]) -> str:
    """The group's label once the gazetteer and the document's use of the name are heard.

    ``surnames`` are the last words of the document's full personal names: "Valle" of
    "Emilio Valle" is a person whatever the map says.
    """
    label = group.label
    words = group.words
    name = " ".join(words)
    doc = source.doc
    if label not in _RELABELLED or name in DEMONYMS or name in surnames:
        return label
    if label != "PERSON" and any(office_follows(source.text, source.end_char(m)) for m in group.mentions):
        # "Bola Ade, governor of Ondo state,": whoever holds an office is a person.
        return "PERSON"
    for mention in group.mentions:
        if mention.in_dateline:
            # The dateline said what its parts are: the place a GPE, the agency an ORG.
            return mention.label
    if len(words) > 1 and words[-1] in EVENT_WORDS and label != "PERSON":
        return "EVENT"
    if len(words) > 1 and words[-1] in LAW_WORDS and label in {"ORG", "PERSON", "WORK_OF_ART", "PRODUCT"}:
        return "LAW"
    if len(words) > 1 and words[-1] in PLACE_WORDS and label in {"ORG", "PERSON", "NORP"}:
        return "GPE"
    if label in {"ORG", "PERSON"} and any(_names_a_facility(doc, mention) for mention in group.mentions):
        return "FAC"
    if len(words) > 1 and (
        words[-1].rstrip(".") in COMPANY_SUFFIXES or (label == "PERSON" and words[-1] in BUSINESS_WORDS)
    ):
        return "ORG"
    kind = gazetteer().kind(name)
    if kind == "continent":
        return "LOC"
    if kind == "country":
        return "GPE"
    if label in {"PERSON", "GPE", "NORP"} and any(_moves_like_a_price(doc, mention) for mention in group.mentions):
        # "Kelvane slipped 11 sen", "Ostrava rose RM3.40": people and places do not trade.
        return "ORG"
    if any(_is_speaker(doc, mention) for mention in group.mentions) and label != "ORG":
        # "said Washington": someone who speaks is no team and no place to relabel.
        return label
    located = any(_used_as_location(doc, mention) for mention in group.mentions)
    team_named = kind is not None or (len(words) > 1 and words[-1] in CLUB_WORDS)
    if team_named and not located and label != "ORG":
        if any(_in_results_row(doc, mention) for mention in group.mentions) or (
            sports and (label != "PERSON" or kind == "region")
        ):
            return "ORG"
    if any(_before_based(doc, mention) for mention in group.mentions):
        return "GPE"
    if kind is None or label == "GPE" or (sports and label == "ORG"):
        return label
    if label == "NORP":
        return "GPE"
    if label == "LOC" and kind == "region" and len(words) == 1:
        # A region's one-word name is often a feature's too ("the Gulf").
        return label
    if kind == "region" or located or gazetteer().population(name) >= UNMISTAKABLE_CITY_POPULATION:
        return "GPE"
    return label


def _names_a_facility(doc: Doc, mention: Mention) -> bool:
    """The name of a plant or a ground: "the Outer Tessel wind farm", "the Marrowdale facility"."""
    following = doc[mention.end : mention.end + 3]
    for token in following:
        if not token.is_lower:
            return False
        if token.lemma_ in FACILITY_NOUNS:
            return True
    return False


def _moves_like_a_price(doc: Doc, mention: Mention) -> bool:
    """The subject of "rose", "slipped", "gained" with a figure after it: a share or an index."""
    root = doc[mention.start : mention.end].root
    verb = root.head
    if root.dep_ not in _SUBJECT_DEPS and not (root.dep_ == "conj" and verb.dep_ in _SUBJECT_DEPS):
        if not (root.dep_ == "conj" and any(child.lemma_ in PRICE_MOVE_VERBS for child in root.children)):
            return False
        verb = next(child for child in root.children if child.lemma_ in PRICE_MOVE_VERBS)
    elif root.dep_ == "conj":
        verb = verb.head
    if verb.lemma_ not in PRICE_MOVE_VERBS:
        return False
    return any(_is_price_figure(token) for token in doc[verb.i + 1 : verb.i + _FIGURE_WINDOW])


def _is_price_figure(token: Token) -> bool:
    """A percentage, an amount of money or a unit of price: "0.79%", "RM2.10", "11 sen", "37 points"."""
    text = token.text
    return "%" in text or token.lower_ in PRICE_UNITS or (
        any(character.isdigit() for character in text) and not text[0].isdigit() and not text.startswith("-")
    )


def _is_speaker(doc: Doc, mention: Mention) -> bool:
    root = doc[mention.start : mention.end].root
    return root.dep_ in _SUBJECT_DEPS and root.head.lemma_ in SPEECH_VERBS


def _in_results_row(doc: Doc, mention: Mention) -> bool:
    """A line of a results table or standings: "BOSTON 69 66 .511", "Leeds 2 York 1".

    The name opens its line, or follows a figure on it, and a figure follows it.
    """
    before = doc[mention.start - 1] if mention.start > 0 else None
    opens_row = before is None or "\n" in before.text or before.like_num
    following = doc[mention.end] if mention.end < len(doc) else None
    return opens_row and following is not None and following.like_num


def _used_as_location(doc: Doc, mention: Mention) -> bool:
    """After "in", "at", "from" ..., or naming where a thing is ("the Boston marathon").

    A team's name also modifies nouns, but those of the game: "a Karlsruhe goal",
    "Surrey captain Chris Lewis".
    """
    if mention.start > 0 and doc[mention.start - 1].lower_ in LOCATIVE_PREPOSITIONS:
        return True
    following = doc[mention.end] if mention.end < len(doc) else None
    return (
        following is not None
        and following.is_lower
        and following.pos_ == "NOUN"
        and following.lemma_ not in TEAM_NOUNS
        and following.lower_ not in TITLE_WORDS
    )


def _before_based(doc: Doc, mention: Mention) -> bool:
    """ "The Bern-based drugmaker": the name before "-based" is a place."""
    return mention.end + 1 < len(doc) and doc[mention.end].text == "-" and doc[mention.end + 1].lower_ == "based"
