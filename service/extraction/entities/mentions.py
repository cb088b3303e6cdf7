"""Clean entity mentions from spaCy's raw ``doc.ents``.

spaCy's spans carry articles, possessives, titles, punctuation and line breaks,
run across table cells and headlines, and include capitalised common words.
This module turns each raw span into zero or more clean mentions, each a token
range with a label and the personal titles that precede it.  It reads only the
entities and a few tokens around them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from service.extraction.lexicon.entities import (
    DEMONYMS,
    ENTITY_LABELS,
    JUNK_NAMES,
    LEADING_JUNK,
    NAME_PUNCTUATION,
    NAME_SEPARATORS,
    THE_NAMES,
    TIME_LABELS,
    TRAILING_JUNK,
)
from service.extraction.quantities.currencies import currency_tables
from service.extraction.lexicon.quantities import MULTIPLIER_ABBREVIATIONS, TIME_OF_DAY_WORDS
from service.extraction.lexicon.roles import (
    AMBIGUOUS_TITLES,
    ORG_NAME_WORDS,
    ROLE_DETERMINERS,
    ROLE_NARROWERS,
    ROLE_WORDS,
    TITLE_EXPANSIONS,
    TITLE_HEADS,
    TITLE_JOINERS,
    TITLE_WORDS,
)
from service.extraction.model import Dateline
from service.extraction.roles import is_bare_role, is_descriptor

# Parts of speech that never start a name: a capitalised verb at sentence start
# ("Describing Putin"), adverbs, pronouns, conjunctions.
_NON_NAME_START_POS = frozenset({"VERB", "AUX", "ADV", "PRON", "CCONJ", "SCONJ", "PART", "INTJ", "ADP", "DET"})
# Unit symbols written in capitals, which spaCy runs into the name after them: SI-prefixed
# watts and watt-hours, bytes, kilometres and kilograms, and a few rates.
_UNIT_SYMBOL = re.compile(r"[kKMGT]?W[hH]?|[kKMGTP]B|[kK][mgM]|MPH|BPD|PPM")
# Parts of speech of a lower-case word that makes the capitalised word after it a common
# noun ("a three-judge Bench", "the new Ministry").
_MODIFIER_POS = frozenset({"ADJ", "NOUN", "NUM"})
# Initials written together in capitals ("KT Ramesh") are at most this long.
_INITIALS_CHARS = 3
# A title ("deputy minister for defence") fits in this many tokens.
_TITLE_TOKENS = 6
# Amounts spaCy reads as names: a currency written before digits ("R3.10", "RM6.75",
# "R1.2bn"); reporting periods ("Q3", "H1", "FY24"); ages it reads as dates.
@lru_cache(maxsize=1)
def _amount_re() -> re.Pattern[str]:
    """Built on first use from the quantities' currency tables (CLDR), so both read the same symbols."""
    prefixes = currency_tables().prefixes
    return re.compile(
        "(?:"
        + "|".join(re.escape(prefix) for prefix in sorted(prefixes, key=len, reverse=True))
        + r")[ ]?\d[\d,.]*(?:"
        + "|".join(re.escape(multiplier) for multiplier in sorted(MULTIPLIER_ABBREVIATIONS, key=len, reverse=True))
        + ")?"
    )


_PERIOD_CODE = re.compile(r"[QH][1-4]|FY ?\d{2,4}")
_AGE = re.compile(r"(?:aged )?\d{1,3}(?:[- ]years?[- ]old)?", re.IGNORECASE)
# A point in a game, not a time of day: "95th-minute", "the 23rd over".
_GAME_TIME = re.compile(r"\d{1,3}(?:st|nd|rd|th)?[- ](?:minute|over|inning|lap|round|hole)s?", re.IGNORECASE)
# Possessive endings, also when the tagger misses them ("the Workers' Party").
_POSSESSIVES = frozenset({"'s", "’s", "'", "’"})


@dataclass(slots=True)
class Mention:
    """A clean mention: tokens ``start:end`` of the Doc, its label and preceding titles.

    ``sure`` is false when the label was inherited from a span spaCy drew across several
    names ("Jane Doe ( Canada"), so that other mentions of the name decide its type.
    ``in_dateline`` marks the place and agency of a dateline, which name no subject.
    """

    start: int
    end: int
    label: str
    titles: tuple[str, ...] = ()
    sure: bool = True
    in_dateline: bool = False


@dataclass(frozen=True, slots=True)
class _DocNames:
    """What spaCy's entities tell about the document's names before any is cleaned."""

    places: frozenset[str]  # texts of GPE entities, for possessors ("Myanmar’s")
    words: frozenset[str]  # capitalised words of multi-word entities, lower-cased
    common_nouns: frozenset[str]  # lemmas of the nouns the text writes in lower case ("volunteers" -> volunteer)


def _is_separator(token: Token, *, time_expression: bool) -> bool:
    """A token that cannot be inside a name: line breaks, spaced punctuation, bare numbers, "at"."""
    if token.is_space or "\n" in token.text:
        return True
    if token.is_bracket or token.is_quote:
        return True
    if time_expression:
        return False
    if token.lower_ in NAME_SEPARATORS and (token.is_lower or len(token) > 1):
        # "AT" in a headline separates too; a lone "V" is a numeral ("Henry V").
        return True
    if token.is_punct and token.text not in NAME_PUNCTUATION:
        # "Oyun-Erdene" keeps its unspaced hyphen; "Canada - Jane Doe" is two names.
        doc = token.doc
        before = doc[token.i - 1].whitespace_ if token.i > 0 else " "
        return bool(before or token.whitespace_)
    # A score or a figure splits "Leeds 2 York 1" into two names.
    return not any(character.isalpha() for character in token.text)


def _is_name_number(doc: Doc, index: int, end: int) -> bool:
    """A number that ends a name: "FTSE 100", "Article 50", "Nikkei 225".

    It closes spaCy's span right after a word, and a verb follows ("the FTSE 100 added",
    "Article 50 is"): in a score or a table a name, a figure or punctuation does
    ("Leeds 2 York 1", "Somerset 83 and 174").
    """
    token = doc[index]
    if index != end - 1 or index == 0 or not token.is_digit or not doc[index - 1].is_alpha:
        return False
    following = doc[index + 1] if index + 1 < len(doc) else None
    return following is not None and following.is_lower and following.pos_ in {"VERB", "AUX"}


def _pieces(doc: Doc, start: int, end: int, *, time_expression: bool) -> list[tuple[int, int]]:
    """The token ranges between separators."""
    pieces: list[tuple[int, int]] = []
    piece_start = start
    for index in range(start, end):
        if _is_separator(doc[index], time_expression=time_expression) and not _is_name_number(doc, index, end):
            if index > piece_start:
                pieces.append((piece_start, index))
            piece_start = index + 1
    if end > piece_start:
        pieces.append((piece_start, end))
    return pieces


def _is_possessive(token: Token) -> bool:
    return token.tag_ == "POS" or token.text in _POSSESSIVES


def _is_non_name_start(token: Token) -> bool:
    """A verb, adverb or pronoun, unless capitalised mid-sentence ("singer Will Young")."""
    return token.pos_ in _NON_NAME_START_POS and (token.is_lower or _is_sentence_start(token))


def _is_unit_after_figure(token: Token) -> bool:
    """A unit symbol right after a figure: "MW" in "the 480 MW Brackwater Array"."""
    return token.i > 0 and bool(_UNIT_SYMBOL.fullmatch(token.text)) and token.doc[token.i - 1].like_num


def _trim(doc: Doc, start: int, end: int, *, time_expression: bool) -> tuple[int, int]:
    """Drop leading articles, verbs and symbols, and trailing possessives, punctuation and furniture."""
    while start < end:
        token = doc[start]
        if token.is_punct or token.is_space or token.pos_ == "SYM":
            start += 1
        elif token.lower_ in LEADING_JUNK or (not time_expression and _is_non_name_start(token)):
            if token.text == "The" and doc[start:end].text.lower() in THE_NAMES:
                break
            start += 1
        elif not time_expression and _is_unit_after_figure(token) and start + 1 < end:
            # "the 480 MW Brackwater Array": the unit of the figure before it is not part of the name.
            start += 1
        elif not time_expression and token.is_lower and start + 1 < end and doc[start + 1].text == "-":
            # A prefix such as the "ex-" of "ex-Yugoslavia" is not part of the name.
            start += 2
        else:
            break
    while end > start:
        token = doc[end - 1]
        if token.is_punct or token.is_space or token.pos_ == "SYM" or _is_possessive(token):
            end -= 1
        elif not time_expression and (token.lower_ in TRAILING_JUNK or token.is_lower):
            # A name ends in a capitalised word: "Tass [news agency]", "Sagaing [region]".
            end -= 1
        else:
            break
    return start, end


def _title_key(token: Token) -> str:
    """The lexicon's form of a title word: lower case, no full stop ("Gen." -> "gen")."""
    return token.lower_.rstrip(".")


def _title_start(doc: Doc, start: int, *, floor: int) -> int:
    """Start of the run of title words that ends at ``start`` (``start`` itself when none).

    Joining words count when a title word stands before them: "Chancellor of the Exchequer".
    """
    first = start
    index = start - 1
    while index >= floor:
        if _title_key(doc[index]) in TITLE_WORDS:
            first = index
            index -= 1
            continue
        before = index
        while before >= floor and _title_key(doc[before]) in TITLE_JOINERS:
            before -= 1
        if before == index or before < floor or _title_key(doc[before]) not in TITLE_WORDS:
            break
        index = before
    titled = first < start or _title_key(doc[start]) in TITLE_WORDS
    if titled and first > floor and _title_key(doc[first - 1]) in ROLE_NARROWERS:
        # "former premier Jane Doe": the narrowing word is part of the title, so she is no premier now.
        first -= 1
    return first


def _title_end(doc: Doc, start: int, end: int) -> int:
    """End of the run of title words that opens ``start:end``, leaving at least one word of name."""
    inner = index = start
    while index < end - 1:
        key = _title_key(doc[index])
        if key in TITLE_WORDS:
            index += 1
            inner = index
        elif key in TITLE_JOINERS and index > start:
            index += 1
        else:
            break
    return inner


def _title_text(doc: Doc, start: int, end: int) -> str:
    words = [TITLE_EXPANSIONS.get(_title_key(token), token.text) for token in doc[start:end]]
    return " ".join(words)


def _is_initial(token: Token) -> bool:
    """The initial of a first name, "R." ("U.S." is an abbreviation, not an initial)."""
    return len(token) == 2 and token.text[0].isupper() and token.text[1] == "."


def _is_described(token: Token, *, names: _DocNames) -> bool:
    """A common noun capitalised only by the sentence start before a full name: "Volunteer Ana Ruiz helped".

    The text writes the word in lower case elsewhere ("the volunteers"), so it describes the person.
    """
    return _is_sentence_start(token) and token.lower_ in names.common_nouns


def _is_sentence_start(token: Token) -> bool:
    """First word of a sentence, line, quotation or parenthesis: capitalised whatever it is."""
    if token.is_sent_start or token.i == 0:
        return True
    previous = token.doc[token.i - 1]
    return previous.is_space or previous.is_quote or previous.text in {":", "-", "—", "–", "("}


def _is_figure(text: str) -> bool:
    """An amount, a reporting period or a clock zone that spaCy read as a name: "R3.10", "RM6.75", "Q3", "GMT"."""
    return bool(_amount_re().fullmatch(text) or _PERIOD_CODE.fullmatch(text)) or text.lower() in TIME_OF_DAY_WORDS


def _is_junk(doc: Doc, start: int, end: int, label: str, *, name_words: frozenset[str]) -> bool:
    """Not a name: no letters, no capital, page furniture, a figure, or a common word at sentence start."""
    tokens = doc[start:end]
    text = tokens.text
    if label in TIME_LABELS:
        # An age ("Ali, 54," or "the 30-year-old") is a quantity, not a date.
        return not any(character.isalnum() for character in text) or bool(
            _AGE.fullmatch(text) or _GAME_TIME.fullmatch(text)
        )
    if not any(character.isalpha() for character in text) or _is_figure(text):
        return True
    if len(tokens) == 1 and _is_unit_after_figure(tokens[0]):
        # "a capacity of 500 MW": a unit, not an organisation.
        return True
    if not any(character.isupper() for character in text):
        return True
    if text.lower() in JUNK_NAMES:
        return True
    if len(tokens) == 1 and _is_initial(tokens[0]):
        # A lone initial ("J." of "J. Smith") names no one by itself.
        return True
    first = tokens[0]
    if len(tokens) > 1 or label == "NORP" or first.is_upper or not _is_sentence_start(first):
        return False
    # A lone capitalised word at sentence start that the tagger reads as a common word
    # ("Storm damage ..."), unless it is part of a longer name in the text ("Apple" of
    # "Apple Inc."), or that heads a phrase like a common noun ("Revival of a ...").
    following = doc[end : end + 2]
    return (first.tag_ not in {"NNP", "NNPS"} and first.lower_ not in name_words) or (
        len(following) == 2 and following[0].lower_ == "of" and following[1].pos_ == "DET"
    )


def _possessor_end(doc: Doc, start: int, end: int, *, places: frozenset[str]) -> int:
    """End of a place that owns the rest of the span ("Myanmar’s Armed Forces Day"), else ``start``."""
    for index in range(start + 1, end - 1):
        if _is_possessive(doc[index]) and doc[start:index].text in places:
            return index
    return start


def person_name(doc: Doc, start: int, end: int) -> tuple[int, tuple[str, ...]]:
    """Where a person's name starts once titles are moved out of it, and those titles.

    The title is the run of title words before the name, inside spaCy's span or before it:
    "Senior General Min Aung Hlaing", "Russian [President Vladimir Putin]".
    """
    inner = _title_end(doc, start, end)
    title_start = _title_start(doc, start, floor=max(0, start - _TITLE_TOKENS))
    titles = (_title_text(doc, title_start, inner),) if title_start < inner else ()
    return inner, titles


def _clean(doc: Doc, start: int, end: int, label: str, *, names: _DocNames) -> list[Mention]:
    """The clean mentions inside one spaCy entity: none, one, or several when it ran names together."""
    time_expression = label in TIME_LABELS
    mentions: list[Mention] = []
    pieces = _pieces(doc, start, end, time_expression=time_expression)
    for piece_start, piece_end in pieces:
        piece_start, piece_end = _trim(doc, piece_start, piece_end, time_expression=time_expression)
        if piece_start >= piece_end:
            continue
        possessor_end = _possessor_end(doc, piece_start, piece_end, places=names.places)
        if possessor_end > piece_start:
            mentions.append(Mention(piece_start, possessor_end, "GPE"))
            piece_start = possessor_end + 1
        if piece_start == start and not time_expression:
            # spaCy leaves out the initials of "J. Smith" (or reads one as a name by
            # itself, which is junk); an initial ending another name stays there.
            while piece_start > 0 and _is_initial(doc[piece_start - 1]) and doc[piece_start - 1].ent_iob_ != "I":
                piece_start -= 1
        piece_label = _piece_label(doc, piece_start, piece_end, label)
        titles: tuple[str, ...] = ()
        if piece_label == "ORG":
            while piece_end - piece_start > 1 and doc[piece_end - 1].lower_ in ROLE_WORDS:
                piece_end -= 1
        elif piece_label == "PERSON":
            if piece_end - piece_start > 1 and doc[piece_start].lower_ in DEMONYMS:
                mentions.append(Mention(piece_start, piece_start + 1, "NORP"))
                piece_start += 1
            piece_start, titles = person_name(doc, piece_start, piece_end)
            if piece_end - piece_start > 2 and _is_described(doc[piece_start], names=names):
                titles, piece_start = (*titles, doc[piece_start].text), piece_start + 1
        if _is_office(doc, piece_start, piece_end):
            continue
        if not _is_junk(doc, piece_start, piece_end, piece_label, name_words=names.words):
            # A label spaCy gave to several names at once is only a guess for each.
            sure = len(pieces) == 1 or piece_label != label
            mentions.append(Mention(piece_start, piece_end, piece_label, titles, sure=sure))
    return mentions


def _is_office(doc: Doc, start: int, end: int) -> bool:
    """An office or a kind of body, not a name: "Solicitor General", "the Premier", "the Bench".

    One word is such only after a determiner or a modifier ("our Union", "a three-judge
    Bench"), or as the title of the name after it ("Justice KT Ramesh"): "King said"
    names Billie Jean King.
    """
    text = doc[start:end].text
    if end - start > 1:
        return is_bare_role(text)
    if not (is_bare_role(text) or is_descriptor(text)):
        return False
    before = doc[start - 1] if start > 0 else None
    after = doc[end] if end < len(doc) else None
    modified = before is not None and (
        before.lower_ in ROLE_DETERMINERS or (before.is_lower and before.pos_ in _MODIFIER_POS)
    )
    return modified or (after is not None and after.text[:1].isupper() and after.pos_ == "PROPN")


def _piece_label(doc: Doc, start: int, end: int, label: str) -> str:
    """A lone demonym is NORP whatever spaCy said; a name after a capitalised title is a person."""
    if label in TIME_LABELS:
        return label
    if end - start == 1 and doc[start].lower_ in DEMONYMS:
        return "NORP"
    previous = doc[start - 1] if start > 0 else None
    if previous is not None and previous.is_title and _title_key(previous) in TITLE_HEADS - AMBIGUOUS_TITLES:
        return "PERSON"
    if label != "PERSON" and _is_titled_name(doc, start, end):
        return "PERSON"
    return label


def _is_titled_name(doc: Doc, start: int, end: int) -> bool:
    """A person's title and then a name, whatever spaCy said: "Justice P Venkatesh", "PM Farhan".

    Titles that are also ordinary words ("General Mills", "Major League") do not count,
    nor does a name with a word that makes it an organisation ("Justice Department").
    """
    inner = _title_end(doc, start, end)
    if inner == start or not doc[start].text[0].isupper():
        return False
    head = _title_key(doc[inner - 1])
    if head not in TITLE_HEADS or head in AMBIGUOUS_TITLES:
        return False
    name = doc[inner:end]
    return all(
        (token.is_title or (token.is_upper and len(token) <= _INITIALS_CHARS)) and token.lower_ not in ORG_NAME_WORDS
        for token in name
    )


def _title_ranges(doc: Doc, mentions: list[Mention]) -> list[tuple[int, int]]:
    """Token ranges taken by the titles of person mentions ("Secretary of State")."""
    return [
        (_title_start(doc, mention.start, floor=max(0, mention.start - _TITLE_TOKENS)), mention.start)
        for mention in mentions
        if mention.titles
    ]


def _dateline_mentions(doc: Doc, dateline: Dateline) -> list[Mention]:
    """The dateline's place and region as places, its agencies as organisations.

    spaCy, reading capitals, often takes "KANDAHAR:" for a person and "TOKYO" for an
    organisation; the dateline's form says what each part is.  "WXNTDallas/WXNT News"
    names two agencies.
    """
    parts: list[tuple[int, int, str]] = []
    for span, label in ((dateline.place, "GPE"), (dateline.region, "GPE")):
        if span is not None:
            parts.append((span.start, span.end, label))
    if dateline.agency is not None:
        offset = dateline.agency.start
        for name in dateline.agency.text.split("/"):
            stripped = name.strip()
            if stripped:
                start = offset + name.index(stripped)
                parts.append((start, start + len(stripped), "ORG"))
            offset += len(name) + 1
    mentions: list[Mention] = []
    for start, end, label in parts:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        first, last = _trim(doc, span.start, span.end, time_expression=False)
        if first < last:
            mentions.append(Mention(first, last, label, in_dateline=True))
    return mentions


def _outside(mentions: list[Mention], start: int, end: int) -> list[Mention]:
    return [m for m in mentions if m.end <= start or m.start >= end]


def clean_mentions(doc: Doc, datelines: Sequence[Dateline] = ()) -> list[Mention]:
    """spaCy's entities and the datelines' parts as clean mentions in text order.

    Parts of a person's title are dropped.
    """
    mentions: list[Mention] = []
    ents = doc.ents
    names = _DocNames(
        places=frozenset(ent.text for ent in ents if ent.label_ == "GPE"),
        words=frozenset(token.lower_ for ent in ents if len(ent) > 1 for token in ent if token.is_title),
        common_nouns=frozenset(token.lemma_.lower() for token in doc if token.pos_ == "NOUN" and token.is_lower),
    )
    for ent in ents:
        if ent.label_ in ENTITY_LABELS:
            mentions.extend(_clean(doc, ent.start, ent.end, ent.label_, names=names))
    for dateline in datelines:
        span = doc.char_span(dateline.start, dateline.end, alignment_mode="expand")
        if span is None:
            continue
        # The dateline's own reading replaces spaCy's, except for its date.
        date = dateline.date
        kept_dates = [m for m in mentions if m.label in TIME_LABELS and date is not None
                      and doc[m.start].idx >= date.start and doc[m.end - 1].idx < date.end]
        mentions = [*_outside(mentions, span.start, span.end), *kept_dates, *_dateline_mentions(doc, dateline)]
    mentions.sort(key=lambda m: (m.start, m.end))
    in_titles = {index for start, end in _title_ranges(doc, mentions) for index in range(start, end)}
    return [m for m in mentions if m.start not in in_titles or m.end - 1 not in in_titles]
