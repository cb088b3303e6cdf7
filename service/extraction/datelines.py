"""Datelines: where (and when, and by which agency) a story was filed.

News agencies open an article, and sometimes a paragraph, with a dateline:
``KARACHI:``, ``LONDON (Reuters) -``, ``NEW DELHI, Oct 18 (ANI):``,
``New Delhi [India], Oct 18 (ANI):``, ``TOKYO (Reuters) –``, ``WASHINGTON —``,
``Sept. 28 (UPI) —``, ``MELBOURNE, Australia (AP):``, ``NAIROBI 2024-05-01``.
This module finds them in the plain text, before and apart from any parse, so that
the entity and quote extractors can treat the place as a place (never a speaker or
a person) and the agency as an organisation.

A dateline is accepted only where the form itself says it is one: a place in
capitals, or a place with a date or an agency, or (at the very start of the
article) a single place name in title case that the gazetteer knows, before a
colon or dash.  Labels that
editors put at the start of a paragraph ("Update:", "EXCLUSIVE -") are not places,
and a line in capitals after the dash is a headline ("SOCCER - JAPAN WIN"), not a
dateline.
"""

from __future__ import annotations

import re

from service.extraction.gazetteer import gazetteer
from service.extraction.lexicon.datelines import DATELINE_MONTHS, NOT_DATELINE_PLACES
from service.extraction.model import Dateline, Span

# Bounds that keep every pattern linear: a dateline is short.
_MAX_PLACE_WORDS = 4
_MAX_AGENCY_CHARS = 40
_MAX_REGION_CHARS = 30


def _letters(predicate) -> str:
    """A regex character class body of the Latin, Greek and Cyrillic letters that satisfy ``predicate``."""
    return "".join(re.escape(chr(code)) for code in range(0x0530) if predicate(chr(code)))


# "ÅLESUND", "SÃO PAULO", "Zürich": places are not all ASCII.
_UPPER = _letters(str.isupper)
_LOWER = _letters(str.islower)
_CAPS_WORD = rf"[{_UPPER}][{_UPPER}.'’\-]*[{_UPPER}.]"
_TITLE_WORD = rf"[{_UPPER}][{_LOWER}'’\-]*[{_LOWER}]"
_MONTH = "|".join(sorted(DATELINE_MONTHS, key=len, reverse=True))
_DATE = (
    rf"(?:(?:{_MONTH})\.?[ ]+\d{{1,2}}(?:,?[ ]+\d{{4}})?"  # Oct 18, Sept. 28, May 1, 2024
    rf"|\d{{1,2}}[ ]+(?:{_MONTH})\.?(?:[ ]+\d{{4}})?"  # 18 October 2024
    r"|\d{4}-\d{2}-\d{2})"  # 2024-05-01
)
_AGENCY = rf"\((?P<agency>[A-Z][\w&.'’/ \-]{{0,{_MAX_AGENCY_CHARS}}}?)\)"
# After a place: ", Australia", ", Lagos state", " [India]".
_REGION = (
    rf"(?:[ ]?,[ ]+(?P<region>[{_UPPER}][\w.'’\-]*(?:[ ][A-Za-z][\w.'’\-]*){{0,2}})"
    rf"|[ ]*\[(?P<bracket_region>[{_UPPER}][^\]\n]{{0,{_MAX_REGION_CHARS}}})\])"
)
# The dash or colon that ends a dateline, followed by the story; or the end of the line
# after a date ("NAIROBI 2024-05-01").
_END = r"(?:[ ]*(?P<mark>:|--|-|–|—)(?=[ \t]|\n|$)|(?<=\d)[ \t]*(?=\n|$))"

_PLACE_FIRST = re.compile(
    rf"(?P<place>(?P<caps>{_CAPS_WORD}(?:[ ]{_CAPS_WORD}){{0,{_MAX_PLACE_WORDS - 1}}})"
    rf"|{_TITLE_WORD}(?:[ ]{_TITLE_WORD}){{0,{_MAX_PLACE_WORDS - 2}}})"
    rf"(?:{_REGION})?"
    rf"(?:[ ]?,?[ ]+(?P<date>{_DATE}))?"
    rf"(?:[ ]?,?[ ]+{_AGENCY})?"
    rf"{_END}"
)
_DATE_FIRST = re.compile(rf"(?P<date>{_DATE})[ ]+{_AGENCY}{_END}")
# Where a dateline may start: the article's start or a line's, after indentation.
_LINE_START = re.compile(rf"(?:^|\n)[ \t]*(?=[{_UPPER}0-9])")


def find_datelines(text: str) -> list[Dateline]:
    """Every dateline at the start of the text or of a line, in text order."""
    found: list[Dateline] = []
    for line in _LINE_START.finditer(text):
        dateline = _dateline_at(text, line.end(), article_start=not text[: line.start()].strip())
        if dateline is not None:
            found.append(dateline)
    return found


def find_dateline(text: str) -> Dateline | None:
    """The article's dateline: one at the start of its first line with text, else None."""
    first = _LINE_START.search(text)
    if first is None or text[: first.start()].strip():
        return None
    return _dateline_at(text, first.end(), article_start=True)


def _dateline_at(text: str, start: int, *, article_start: bool) -> Dateline | None:
    match = _PLACE_FIRST.match(text, start) or _DATE_FIRST.match(text, start)
    if match is None or not _reads_as_dateline(text, match, article_start=article_start):
        return None
    groups = match.groupdict()
    body_end = match.start("mark") if groups.get("mark") else match.end()
    body_end = len(text[:body_end].rstrip())
    return Dateline(
        text=text[start:body_end],
        start=start,
        end=body_end,
        place=_group_span(match, "place"),
        region=_group_span(match, "region") or _group_span(match, "bracket_region"),
        date=_group_span(match, "date"),
        agency=_group_span(match, "agency"),
    )


def _reads_as_dateline(text: str, match: re.Match[str], *, article_start: bool) -> bool:
    """The form says dateline: not an editor's label, not a headline, not a name before a colon."""
    groups = match.groupdict()
    place = groups.get("place")
    if place is not None:
        if place.lower() in NOT_DATELINE_PLACES or place.split()[0].lower() in NOT_DATELINE_PLACES:
            return False
        single_title_place = not groups.get("caps") and not any(
            groups.get(name) for name in ("region", "bracket_region", "date", "agency")
        )
        if single_title_place and not (article_start and gazetteer().kind(place) is not None):
            # "Smith: I think ..." in a transcript, "Jeans Mate Corp - results": a name in
            # title case alone is a dateline only at the article's start, and only a known place.
            return False
    if groups.get("mark") is None:
        # A place and a date alone on their line ("NAIROBI 2024-05-01") need the date.
        return groups.get("date") is not None
    line_end = text.find("\n", match.end())
    rest = text[match.end() : line_end if line_end >= 0 else len(text)]
    letters = [character for character in rest if character.isalpha()]
    # After the dash comes the story in sentence case; a line in capitals is a headline.
    return not letters or any(character.islower() for character in letters)


def _group_span(match: re.Match[str], name: str) -> Span | None:
    value = match.groupdict().get(name)
    if not value:
        return None
    start, end = match.span(name)
    return Span(value, start, end)
