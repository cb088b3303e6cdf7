"""Names spaCy missed that the grammar around them gives away.

- A run of proper nouns after a person's title ("PM Farhan", "Justice KT Ramesh",
  "Minister of State for Rural Roads Devesh Pal") or before an apposition that
  names an office ("Tunde Bakare-Ise, governor of Kogiwa state") is a person.
- Capitalised words ending in a legal suffix ("Morvelle AG") are a company.
- Capitals in brackets right after a name abbreviate it ("National Audit
  Bureau (NAB)", "Morvelle AG (MRVL)"): the abbreviation is a mention with the name's label.

Both read the text with one regex pass and check the tokens they land on.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from service.extraction.entities.mentions import Mention, person_name
from service.extraction.lexicon.entities import COMPANY_SUFFIXES, LEADING_JUNK
from service.extraction.lexicon.roles import (
    ROLE_DETERMINERS,
    ROLE_MODIFIERS,
    ROLE_NARROWERS,
    ROLE_PHRASE_WORDS,
    TITLE_HEADS,
)

# A word of a personal name: "Farhan", "Bakare-Ise", "O'Brien", or initials "AS", "R".
_NAME_WORD = r"(?:[A-Z][a-z]+(?:['’-][A-Z]?[a-z]+)*|[A-Z]{1,3}\.?)"
_NAME = rf"{_NAME_WORD}(?:[ ]{_NAME_WORD}){{0,3}}"
# A word, then a name: the word is checked against the lexicon's title heads ("PM Farhan",
# "Justice KT Ramesh").  The name is read ahead, so that "said PM Farhan" still finds "PM".
_WORD_BEFORE_NAME = re.compile(rf"(?<![\w-])(?P<title>[A-Za-z]+)\.?[ ]+(?=(?P<name>{_NAME})(?![\w-]))")
# A name, a comma and lower-case words that may name an office ("Tunde Bakare-Ise, governor of ...").
_NAME_BEFORE_COMMA = re.compile(rf"(?<![\w-])(?P<name>{_NAME}),[ ]+(?=[a-z])")
_LOWER_WORDS = re.compile(r"[a-z][a-z-]*(?:[ ][a-z][a-z-]*){0,5}")
_LONGEST_ROLE = max(len(words) for words in ROLE_PHRASE_WORDS)
# Words that may come between the comma and the office ("the", "a", "former", "deputy"),
# at most this many: ", said the minister" is no apposition.
_OFFICE_LEAD = ROLE_DETERMINERS | ROLE_NARROWERS | ROLE_MODIFIERS
_OFFICE_LEAD_WORDS = 2
# Punctuation the tokenizer splits out of a name's word: "Bakare-Ise", "O'Brien".
_NAME_JOINERS = frozenset({"-", "'", "’"})
# A company's legal name: capitalised words, then a legal suffix ("Morvelle AG", "Acme & Sons Ltd.").
_LEGAL_NAME = re.compile(
    r"(?<![\w&-])(?P<name>[A-Z][\w'’-]*(?:[ ](?:&[ ])?[A-Z][\w'’-]*){0,3}[ ](?i:"
    + "|".join(sorted(COMPANY_SUFFIXES, key=len, reverse=True))
    + r"))\.?(?![\w-])"
)
# An abbreviation in brackets: "(NAB)", "(MRVL)".
_ABBREVIATION_CHARS = (2, 6)


def titled_names(doc: Doc, text: str, *, taken: set[int]) -> list[Mention]:
    """People named after a title or before their office whom spaCy did not see."""
    found: list[Mention] = []
    candidates = [
        (match.start("name"), match.end("name"))
        for match in _WORD_BEFORE_NAME.finditer(text)
        if match.group("title").lower() in TITLE_HEADS
    ]
    candidates.extend(
        (match.start("name"), match.end("name"))
        for match in _NAME_BEFORE_COMMA.finditer(text)
        if office_follows(text, match.end("name"))
    )
    for start_char, end_char in candidates:
        span = doc.char_span(start_char, end_char)
        if span is None or not _is_unseen_name(span, taken):
            continue
        start, titles = person_name(doc, span.start, span.end)
        found.append(Mention(start, span.end, "PERSON", titles))
        taken.update(range(span.start, span.end))
    return found


def legal_names(doc: Doc, text: str, *, taken: set[int]) -> list[Mention]:
    """Companies written with their legal suffix ("Morvelle AG") whom spaCy did not see."""
    found: list[Mention] = []
    for match in _LEGAL_NAME.finditer(text):
        span = doc.char_span(match.start("name"), match.end("name"))
        if span is None or not span[-1].text[:1].isupper():
            continue
        start = span.start
        while start < span.end - 2 and doc[start].lower_ in LEADING_JUNK:
            start += 1  # "The Acme Group AG": the article is no part of the name
        if any(index in taken for index in range(start, span.end)):
            continue
        found.append(Mention(start, span.end, "ORG"))
        taken.update(range(start, span.end))
    return found


def office_follows(text: str, end: int) -> bool:
    """An apposition naming a person's office follows the character offset ``end``: ", governor of ..."."""
    if not text.startswith(", ", end):
        return False
    lower = _LOWER_WORDS.match(text, end + 2)
    if lower is None:
        return False
    words = tuple(lower.group().split())
    first = 0
    while first < min(_OFFICE_LEAD_WORDS, len(words) - 1) and words[first] in _OFFICE_LEAD:
        first += 1
    return any(words[first : first + size] in ROLE_PHRASE_WORDS for size in range(1, _LONGEST_ROLE + 1))


def _is_unseen_name(span: Span, taken: set[int]) -> bool:
    """Proper nouns that no mention covers, not a title themselves ("Prime Minister")."""
    return all(token.i not in taken and (token.pos_ == "PROPN" or _joins_name(token)) for token in span) and not any(
        token.lower_.rstrip(".") in TITLE_HEADS for token in span
    )


def _joins_name(token: Token) -> bool:
    """A hyphen or apostrophe inside a name, touching the words on both sides ("Bakare-Ise", "O'Brien")."""
    doc = token.doc
    return (
        token.text in _NAME_JOINERS
        and not token.whitespace_
        and token.i > 0
        and not doc[token.i - 1].whitespace_
    )


def bracketed_abbreviations(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """The capitals in brackets right after a name, as mentions with the name's label."""
    found: list[Mention] = []
    taken = {index for mention in mentions for index in range(mention.start, mention.end)}
    low, high = _ABBREVIATION_CHARS
    for mention in mentions:
        inside = mention.end + 1
        if inside + 1 >= len(doc) or doc[mention.end].text != "(" or doc[inside + 1].text != ")":
            continue
        token = doc[inside]
        if inside not in taken and token.is_upper and token.is_alpha and low <= len(token) <= high:
            found.append(Mention(inside, inside + 1, mention.label))
    return found
