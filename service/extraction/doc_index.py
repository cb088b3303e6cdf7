"""Lookups every extractor needs, computed once per document and shared.

spaCy's ``Doc.text``, ``Token.sent`` and ``Token.is_sent_start`` walk the whole document
on every access; asking them per quote or per number makes extraction quadratic.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc, Span

_CACHE_KEY = "newsfacts.doc_index"


@dataclass(slots=True)
class DocIndex:
    doc: Doc
    text: str
    token_starts: list[int]
    sent_starts: list[int]  # token index of each sentence's first token
    sents: list[Span]

    def token_at(self, char: int) -> int:
        """The token containing (or first starting after) a character offset."""
        return max(0, bisect_right(self.token_starts, char) - 1)

    def sent_of(self, token: int) -> int:
        return bisect_right(self.sent_starts, token) - 1

    def sent_start(self, token: int) -> int:
        """Index of the first token of the sentence holding ``token``."""
        return self.sent_starts[self.sent_of(token)]

    def sent_end(self, token: int) -> int:
        """Index just past the last token of the sentence holding ``token``."""
        return self.sents[self.sent_of(token)].end


def doc_index(doc: Doc) -> DocIndex:
    """The document's index, built on first use and kept with the Doc."""
    index = doc.user_data.get(_CACHE_KEY)
    if index is None:
        sents = list(doc.sents)
        index = DocIndex(
            doc=doc,
            text=doc.text,
            token_starts=[token.idx for token in doc],
            sent_starts=[sent.start for sent in sents],
            sents=sents,
        )
        doc.user_data[_CACHE_KEY] = index
    return index
