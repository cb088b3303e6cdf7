"""The spaCy tokens at, before and after a character offset, through the document's index."""

from __future__ import annotations

from spacy.tokens import Token

from service.extraction.doc_index import DocIndex


def token_at(index: DocIndex, offset: int) -> Token:
    doc = index.doc
    return doc[index.token_at(offset)]


def last_token(index: DocIndex, end: int) -> Token:
    return token_at(index, max(0, end - 1))


def token_before(index: DocIndex, offset: int) -> Token | None:
    doc = index.doc
    first = token_at(index, offset)
    if first.idx < offset and first.idx + len(first) <= offset:
        return first
    return doc[first.i - 1] if first.i > 0 else None


def token_after(index: DocIndex, end: int) -> Token | None:
    doc = index.doc
    last = last_token(index, end)
    return doc[last.i + 1] if last.i + 1 < len(doc) else None
