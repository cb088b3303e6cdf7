"""Match scores ("beat Leeds 3-1"): two numbers that are no range."""

from __future__ import annotations

from service.extraction.doc_index import DocIndex
from service.extraction.quantities.amount import Amount
from service.extraction.quantities.tokens import last_token, token_after, token_at


def without_scores(index: DocIndex, amounts: list[Amount]) -> list[Amount]:
    pairs = range(len(amounts) - 1)
    scores = {i + k for i in pairs if _is_score(index, amounts[i], amounts[i + 1]) for k in (0, 1)}
    return [a for i, a in enumerate(amounts) if i not in scores]


def _is_score(index: DocIndex, first: Amount, second: Amount) -> bool:
    """ "beat Leeds 3-1", "ended 2-2": a score, not a range ("5-10 people" is one)."""
    bare = not (first.unit or first.currency or second.unit or second.currency)
    small = all(a.value == int(a.value) and abs(a.value) <= 30 for a in (first, second))
    joined = second.signed and first.end == second.start and index.text[second.start] == "-"
    if not (bare and small and joined):
        return False
    nxt = token_after(index, second.end)
    ends = (token_at(index, first.start), last_token(index, second.end))
    counts = nxt is not None and nxt.tag_ == "NNS" and any(t.head.i == nxt.i for t in ends)
    return not counts
