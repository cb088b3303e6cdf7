"""Quotations and their speakers.

Passes over one parsed ``Doc``:

1. ``marks``: a linear scan of the raw text pairs quote marks into quoted spans, one per paragraph
   of a multi-paragraph quotation (pure text, no spaCy);
2. ``quoted``: each quoted span is a whole utterance (``direct``) or a fragment of the writer's
   sentence (``partial``); a frame around it (``frames``: "…,” X said", "X said: “…”", "— X", the
   sentence before) gives the cue and speaker;
3. ``reported``: reporting verbs with a reported clause, and "according to X", give ``indirect``
   quotes; a clause holding quoted fragments becomes one ``partial`` quote so that the fragment is
   not reported twice;
4. ``not_quotes`` drops titles, scare quotes and markup; ``channels`` names the ``via``.

``cues`` reads what a cue word gives (speaker, listener, relaying outlet); ``speakers`` resolves a
speaker mention to an entity from ``extract_entities`` (names, pronouns, roles through ``roles``),
with the only state, the entities earlier mentions resolved to, passed in explicitly.  When
nothing supports a speaker the quote has none.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from spacy.tokens import Doc

from service.extraction.intervals import Intervals
from service.extraction.lexicon import quotes as lex
from service.extraction.model import Entity, Quote
from service.extraction.quotes.draft import DraftQuote
from service.extraction.quotes.marks import QuotedSpan, find_quoted_spans
from service.extraction.quotes.mentions import MentionIndex
from service.extraction.quotes.not_quotes import is_not_quote
from service.extraction.quotes.quoted import direct_and_partial, tagged_turns
from service.extraction.quotes.reported import indirect

__all__ = ["QuotedSpan", "extract_quotes", "find_quoted_spans"]


def _continue_speakers(index: MentionIndex, found: list[DraftQuote]) -> None:
    """A quote with no cue right after an attributed one in the same paragraph is still that speaker's."""
    text = index.text
    for previous, item in zip(found, found[1:]):
        if item.speaker is not None or item.cue is not None or item.kind == "indirect":
            continue
        # A statement's voice carries on; a word one critic is quoted as using does not make the next one theirs.
        bare_fragment = previous.kind == "partial" and previous.opening_mark is not None
        if bare_fragment or previous.speaker is None or "\n" in text[previous.end : item.start]:
            continue
        gap = index.sent_of(index.token_at(item.start)) - index.sent_of(index.token_at(max(previous.end - 1, 0)))
        if gap <= 1:
            item.speaker = previous.speaker


def extract_quotes(doc: Doc, *, entities: Sequence[Entity]) -> list[Quote]:
    """Every quotation in ``doc``, in text order, with its cue and speaker where the text supports one."""
    index = MentionIndex.build(doc, entities)
    earlier: dict[int, Entity | None] = {}  # speaker mention start → entity, shared by the passes
    spans = find_quoted_spans(index.text)
    direct, fragments = direct_and_partial(index, spans, earlier=earlier)
    taken = Intervals((f.start, f.end) for f in direct)
    kept: list[DraftQuote] = direct + [t for t in tagged_turns(index) if not taken.overlaps(t.start, t.end)]
    taken = Intervals((f.start, f.end) for f in kept)
    # Scanner spans never overlap, so fragment starts and ends both ascend.
    fragment_starts = [m.start for m, _ in fragments]
    fragment_ends = [m.end for m, _ in fragments]
    for clause in indirect(index, earlier=earlier):
        if taken.overlaps(clause.start, clause.end):
            continue
        inner = fragments[bisect_right(fragment_ends, clause.start) : bisect_left(fragment_starts, clause.end)]
        if inner:  # a reported clause quoting some words: one mixed quote, not a clause plus fragments
            clause.kind = "partial"
            clause.start = min(clause.start, inner[0][0].start)
            clause.end = max(clause.end, inner[-1][0].end)
        kept.append(clause)
    taken = Intervals((f.start, f.end) for f in kept)
    kept.extend(fragment for marked, fragment in fragments if not taken.overlaps(marked.start, marked.end))
    kept.sort(key=lambda f: (f.start, f.end))
    _continue_speakers(index, kept)
    kept = [draft for draft in kept if not is_not_quote(draft, index.text, open_mark=draft.opening_mark)]
    for draft in kept:
        _drop_frame_marks(index.text, draft)
    text = index.text
    return [
        Quote(
            id=f"Q{n}",
            text=text[f.start : f.end],
            start=f.start,
            end=f.end,
            kind=f.kind,
            cue=f.cue,
            speaker=f.speaker,
            addressee=f.addressee,
            via=f.via,
        )
        for n, f in enumerate(_dedupe(kept), start=1)
    ]


def _drop_frame_marks(text: str, draft: DraftQuote) -> None:
    """Trim a quote mark left unpaired at either end: it frames the quotation and is no part of what was said.

    A reported clause that runs into a quoted passage ("said on Tuesday “growth will return.”") would
    otherwise start at the opening mark.
    """
    start, end = draft.start, draft.end
    quoted = text[start:end]
    if not any(ch in lex.DOUBLE_CLOSERS for ch in quoted[1:]):
        while start < end and (text[start] in lex.DOUBLE_OPENERS or text[start].isspace()):
            start += 1
    if not any(ch in lex.DOUBLE_OPENERS for ch in quoted[:-1]):
        while end > start and (text[end - 1] in lex.DOUBLE_CLOSERS or text[end - 1].isspace()):
            end -= 1
    if end > start:
        draft.start, draft.end = start, end


def _dedupe(found: list[DraftQuote]) -> list[DraftQuote]:
    seen: set[tuple[int, int]] = set()
    unique = []
    for item in found:
        if (item.start, item.end) not in seen:
            seen.add((item.start, item.end))
            unique.append(item)
    return unique
