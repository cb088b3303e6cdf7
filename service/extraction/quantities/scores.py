"""Match scores: "beat Leeds 3-1", sets "7-5, 6-4", cricket totals "152 for three".

A score is one quantity of kind ``score``: its value is the first number as written and
``score`` holds both sides, so "3-1" is never read as a range from 1 to 3.
"""

from __future__ import annotations

from dataclasses import replace

from service.extraction.doc_index import DocIndex
from service.extraction.quantities.amount import Amount
from service.extraction.quantities.tokens import last_token, token_after, token_at

# The largest side of a match score; more is a range ("10-20").
MAX_GOALS = 30
# The most wickets in a cricket total ("152 for three").
MAX_WICKETS = 10


def with_scores(index: DocIndex, amounts: list[Amount]) -> list[Amount]:
    """The amounts with each score's two numbers joined into one."""
    out: list[Amount] = []
    i = 0
    while i < len(amounts):
        if i + 1 < len(amounts):
            first, second = amounts[i], amounts[i + 1]
            if _is_score(index, first, second) or _is_cricket_total(index, first, second):
                out.append(replace(first, end=second.end, signed=False, score=(first.value, abs(second.value))))
                i += 2
                continue
        out.append(amounts[i])
        i += 1
    return out


def _bare_integers(*amounts: Amount, most: float) -> bool:
    return all(
        not (a.unit or a.currency or a.fraction or a.change) and a.value == int(a.value) and abs(a.value) <= most
        for a in amounts
    )


def _is_score(index: DocIndex, first: Amount, second: Amount) -> bool:
    """ "beat Leeds 3-1", "ended 2-2": a score, not a range ("5-10 people" is one)."""
    joined = second.signed and first.end == second.start and index.text[second.start] == "-"
    if not (joined and _bare_integers(first, second, most=MAX_GOALS)):
        return False
    nxt = token_after(index, second.end)
    ends = (token_at(index, first.start), last_token(index, second.end))
    counts = nxt is not None and nxt.tag_ == "NNS" and any(t.head.i == nxt.i for t in ends)
    return not counts


def _is_cricket_total(index: DocIndex, first: Amount, second: Amount) -> bool:
    """ "152 for three", "67 for 1": runs for wickets, but not "sold 152 for three dollars"."""
    if index.text[first.end : second.start] != " for " or not _bare_integers(second, most=MAX_WICKETS):
        return False
    if not _bare_integers(first, most=float("inf")) or first.words:
        return False
    nxt = token_after(index, second.end)
    return nxt is None or nxt.pos_ not in ("NOUN", "PROPN", "ADJ", "NUM")
