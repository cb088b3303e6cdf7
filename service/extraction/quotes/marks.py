"""Quote-mark pairing on plain text: which stretches of an article are inside quote marks.

A linear scan pairs curly or straight marks, nested and multi-paragraph, and ignores
apostrophes and stray marks.  Pure text: no spaCy, so it is cheap and testable alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from service.extraction.lexicon import quotes as lex

# A paragraph break is matched with the blank space after it, so the scan never rereads a run of blank lines.
_MARK_OR_BREAK = re.compile(f"{lex.QUOTE_MARK_PATTERN}|\n\\s*")


@dataclass(frozen=True, slots=True)
class QuotedSpan:
    """A quoted stretch of text: marks at ``open``/``close`` (``close`` is exclusive), content inside.

    A quotation running over several paragraphs gives one span per paragraph; all carry the offset of
    the quotation's first mark as ``quotation``, and a paragraph that ends with no closing mark has
    ``closed`` false (its ``close`` is then the paragraph's end).
    """

    open: int
    close: int
    start: int
    end: int
    quotation: int = -1
    closed: bool = True


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def _mark_role(text: str, i: int, mark: str, *, double_open: bool, single_open: bool) -> str | None:
    """ "open", "close" or None (an apostrophe or a mark that cannot be paired) for ``mark`` at ``i``."""
    before = text[i - 1] if i else " "
    after = text[i + len(mark)] if i + len(mark) < len(text) else " "
    left_free = before.isspace() or not (_is_word(before) or before in lex.LEFT_BINDING)
    right_free = after.isspace() or not _is_word(after)
    if mark in lex.CURLY_DOUBLE_OPENERS:
        return "open"
    if mark in lex.CURLY_DOUBLE_CLOSERS:
        return "close"
    if mark in lex.STRAIGHT_DOUBLES:
        if left_free and not right_free:
            return "open"
        if right_free and not left_free:
            return "close"
        return "close" if double_open else "open"
    if _is_word(before) and _is_word(after):
        return None  # Myanmar’s, don't
    if mark == "‘":
        return "open" if not after.isspace() else None
    # "’" and "'": an opener only for "'word", never for "’90s"; a closer only when a single quote is open.
    if mark == "'" and left_free and _is_word(after) and not after.isdigit():
        return "open"
    if not left_free and right_free and single_open:
        return "close"
    return None


def find_quoted_spans(text: str) -> list[QuotedSpan]:
    """Pair quote marks in one pass; an unclosed quote ends at its paragraph unless the next one reopens it."""
    found: list[QuotedSpan] = []
    double_at: int | None = None
    opener_len = 1
    single_at: int | None = None
    paragraphs = 0
    skip_opener = -1
    for match in _MARK_OR_BREAK.finditer(text):
        i, mark = match.start(), match.group()
        if mark[0] == "\n":
            single_at = None
            if double_at is None:
                continue
            nxt = match.end()
            if text.startswith(lex.PARAGRAPH_REOPENERS, nxt) and paragraphs < lex.MAX_QUOTE_PARAGRAPHS:
                paragraphs += 1  # the multi-paragraph convention: no closing mark, next paragraph opens again
                skip_opener = nxt
            else:
                double_at = None
            continue
        if i == skip_opener:
            continue
        role = _mark_role(text, i, mark, double_open=double_at is not None, single_open=single_at is not None)
        if role is None:
            continue
        is_double = mark in lex.DOUBLE_OPENERS or mark in lex.DOUBLE_CLOSERS
        if is_double and role == "open":
            if double_at is not None and mark in lex.STRAIGHT_DOUBLES:
                role = "close"
            else:
                double_at, opener_len, single_at, paragraphs = i, len(mark), None, 0
                continue
        if is_double:
            if double_at is not None:
                _add_span(found, text, (double_at, double_at + opener_len), (i, i + len(mark)))
            double_at, single_at = None, None
            continue
        if role == "open":
            if single_at is None:
                single_at = i
        elif single_at is not None:
            if double_at is None:  # a single-quoted span nested in a double one belongs to it
                _add_span(found, text, (single_at, single_at + 1), (i, i + 1))
            single_at = None
    return found


def _add_span(found: list[QuotedSpan], text: str, opener: tuple[int, int], closer: tuple[int, int]) -> None:
    """Record the text between two marks, each given as its (start, end) offsets."""
    (open_at, start), (end, close_end) = opener, closer
    if close_end - open_at > lex.MAX_QUOTE_CHARS:
        return
    while start < end and text[start].isspace():
        start += 1
    # American style puts the sentence's comma inside the marks; it is not part of what was said.
    while end > start and (text[end - 1].isspace() or text[end - 1] in lex.NOT_QUOTED_TRAIL):
        end -= 1
    if end - start > 1 and text[end - 1] == "." and text[end - 2].islower():
        end -= 1  # a “king.” ends the writer's sentence, not the quote; "U.S." keeps its point
    if not any(ch.isalnum() for ch in text[start:end]):
        return
    piece_open = open_at
    while (newline := text.find("\n", start, end)) >= 0:
        # The multi-paragraph convention: each paragraph is a quote of its own, same quotation.
        piece_end = newline
        while piece_end > start and text[piece_end - 1].isspace():
            piece_end -= 1
        if piece_end > start:
            found.append(QuotedSpan(piece_open, piece_end, start, piece_end, quotation=open_at, closed=False))
        piece_open = newline
        while piece_open < end and text[piece_open].isspace():
            piece_open += 1
        start = piece_open
        while start < end and (text[start] in lex.DOUBLE_OPENERS or text[start].isspace()):
            start += 1
    if end > start:
        found.append(QuotedSpan(piece_open, close_end, start, end, quotation=open_at))

