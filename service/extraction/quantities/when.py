"""The time a quantity's clause names: "killed in the 2023 earthquake", "last year", "in May".

spaCy's DATE and TIME entities are the candidates; one belongs to a quantity when it hangs
from the same verb (it lies in the subtree of the verb that governs the number), so that a
toll "last year" is told from today's, and a date in another clause is not borrowed.
"""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from service.extraction.doc_index import DocIndex
from service.extraction.model import Span
from service.extraction.quantities.amount import Reading
from service.extraction.quantities.tokens import last_token, token_at

_TIME_LABELS = ("DATE", "TIME")


def times_of(index: DocIndex, readings: list[Reading]) -> list[Span | None]:
    """For each reading, the nearest time its clause names, or None."""
    times = [ent for ent in index.doc.ents if ent.label_ in _TIME_LABELS]
    if not times:
        return [None] * len(readings)
    return [_when(index, reading, times) for reading in readings]


def _governing_verb(token: Token) -> Token | None:
    head = token
    while head.head.i != head.i:
        head = head.head
        if head.pos_ in ("VERB", "AUX"):
            return head
    return head if head.pos_ in ("VERB", "AUX") else None


def _when(index: DocIndex, reading: Reading, times: list[SpacySpan]) -> Span | None:
    first, last = token_at(index, reading.start), last_token(index, reading.end)
    verb = _governing_verb(first)
    if verb is None:
        return None
    clause = (verb.left_edge.i, verb.right_edge.i)
    candidates = [
        ent
        for ent in times
        if clause[0] <= ent.start
        and ent.end - 1 <= clause[1]
        and (ent.end <= first.i or ent.start > last.i)  # not the quantity itself ("three days")
        and _governed_by(ent.root, verb)
    ]
    if not candidates:
        return None
    nearest = min(candidates, key=lambda ent: min(abs(ent.start - first.i), abs(ent.end - 1 - last.i)))
    return Span(text=nearest.text, start=nearest.start_char, end=nearest.end_char)


def _governed_by(token: Token, verb: Token) -> bool:
    """Whether the verb is the first verb above the token (a date of this clause, not of a clause inside it)."""
    governing = _governing_verb(token)
    return governing is not None and governing.i == verb.i
