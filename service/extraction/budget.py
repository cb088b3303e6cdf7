"""Budgets in spaCy tokens: what a text costs the pipeline, which its length in characters does not say."""

from __future__ import annotations

from dataclasses import dataclass


# Tokens any text may have beyond its density limit, so short texts ("$5 $6 $7") always pass.
DENSITY_ALLOWANCE = 100


@dataclass(frozen=True, slots=True)
class TokenBudget:
    """Most spaCy tokens per document, per character of a document, and per call; ``None`` is no limit.

    The pipeline's time and memory grow with tokens, not characters, so a text that is mostly
    tokens (``1-2-3-4``: one a character, five times ordinary prose) costs more than its length says.
    ``per_char`` bounds that density, allowing ``DENSITY_ALLOWANCE`` tokens on top for short texts.
    """

    per_doc: int | None = None
    per_request: int | None = None
    per_char: float | None = None

    def doc_limit(self, chars: int) -> tuple[int, str] | None:
        """The token limit for a text of ``chars`` code points, and which limit it is."""
        limits = []
        if self.per_doc is not None:
            limits.append((self.per_doc, "per_doc"))
        if self.per_char is not None:
            limits.append((DENSITY_ALLOWANCE + int(self.per_char * chars), "per_char"))
        return min(limits) if limits else None


class OverTokenBudget(Exception):
    """The texts of one call have more tokens than the budget allows."""

    def __init__(self, tokens: int, limit: int) -> None:
        super().__init__(f"the texts have {tokens} tokens in all; the limit is {limit} tokens per request")
        self.tokens = tokens
        self.limit = limit
