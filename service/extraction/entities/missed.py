"""Names spaCy missed that the grammar around them gives away.

- A run of proper nouns after a person's title ("PM Imran", "Justice AS Bopanna",
  "Minister of State for Home Affairs Nityanand Rai") or before an apposition that
  names an office ("Babajide Sanwo-Olu, governor of Lagos state") is a person.
- Capitals in brackets right after a name abbreviate it ("National Accountability
  Bureau (NAB)", "Galenica AG (GALN)"): the abbreviation is a mention with the name's label.

Both read the text with one regex pass and check the tokens they land on.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from service.extraction.entities.mentions import Mention, person_name
from service.extraction.lexicon.roles import ROLES, TITLE_HEADS

# A word of a personal name: "Imran", "Sanwo-Olu", "O'Brien", or initials "AS", "R".
_NAME_WORD = r"(?:[A-Z][a-z]+(?:['’-][A-Z]?[a-z]+)*|[A-Z]{1,3}\.?)"
_NAME = rf"{_NAME_WORD}(?:[ ]{_NAME_WORD}){{0,3}}"
_TITLE_HEAD = "|".join(sorted((re.escape(head) for head in TITLE_HEADS), key=len, reverse=True))
# "Justice AS Bopanna", "PM Imran": a title's last word, then the name.
_AFTER_TITLE = re.compile(rf"(?<![\w-])(?i:{_TITLE_HEAD})\.?[ ]+(?P<name>{_NAME})(?![\w-])")
_ROLE_PHRASES = "|".join(
    sorted((re.escape(phrase) for phrases in ROLES.values() for phrase in phrases), key=len, reverse=True)
)
# ", governor of Lagos state": an apposition that names an office, in lower case.
_OFFICE_APPOSITION = rf",[ ]+(?:the[ ]+|a[ ]+)?(?:[a-z-]+[ ]+)?(?:{_ROLE_PHRASES})\b"
_BEFORE_OFFICE = re.compile(rf"(?<![\w-])(?P<name>{_NAME}){_OFFICE_APPOSITION}")
_OFFICE_AFTER = re.compile(_OFFICE_APPOSITION)
# An abbreviation in brackets: "(NAB)", "(GALN)".
_ABBREVIATION_CHARS = (2, 6)


def titled_names(doc: Doc, text: str, *, taken: set[int]) -> list[Mention]:
    """People named after a title or before their office whom spaCy did not see."""
    found: list[Mention] = []
    for pattern in (_AFTER_TITLE, _BEFORE_OFFICE):
        for match in pattern.finditer(text):
            span = doc.char_span(match.start("name"), match.end("name"))
            if span is None or not _is_unseen_name(span, taken):
                continue
            start, titles = person_name(doc, span.start, span.end)
            found.append(Mention(start, span.end, "PERSON", titles))
            taken.update(range(span.start, span.end))
    return found


def office_follows(text: str, end: int) -> bool:
    """An apposition naming a person's office follows the character offset ``end``."""
    return _OFFICE_AFTER.match(text, end) is not None


def _is_unseen_name(span: Span, taken: set[int]) -> bool:
    """Proper nouns that no mention covers, not a title themselves ("Prime Minister")."""
    return all(token.i not in taken and token.pos_ == "PROPN" for token in span) and not any(
        token.lower_.rstrip(".") in TITLE_HEADS for token in span
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
