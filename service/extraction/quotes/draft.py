"""A quote as the passes build it, before it is numbered, and how a cue's attribution is attached to it."""

from __future__ import annotations

from dataclasses import dataclass

from service.extraction.model import Entity, QuoteKind, Span, Speaker
from service.extraction.quotes.channels import channel_of
from service.extraction.quotes.cues import Attribution, phrase_extent, text_span
from service.extraction.quotes.marks import QuotedSpan
from service.extraction.quotes.mentions import MentionIndex
from service.extraction.quotes.speakers import resolve_speaker


@dataclass(slots=True)
class DraftQuote:
    """A quote's extent, kind and attribution while the passes still adjust them; numbered into a ``Quote`` last."""

    start: int
    end: int
    kind: QuoteKind
    cue: Span | None = None
    speaker: Speaker | None = None
    addressee: Span | None = None
    via: Span | None = None
    opening_mark: int | None = None  # where the quote mark opening it stands, for quotes read from marks


def attach(
    draft: DraftQuote,
    attribution: Attribution | None,
    marked: QuotedSpan | None,
    *,
    index: MentionIndex,
    earlier: dict[int, Entity | None],
) -> None:
    """Give ``draft`` the cue, speaker and listener of ``attribution``, recording the speaker's entity in ``earlier``.

    A speaker inside the quote itself (a parse that took a quoted word for the subject) or in a dateline is not taken.
    """
    if attribution is None:
        return
    draft.cue = attribution.cue
    speaker = attribution.speaker
    if speaker is not None and index.datelines.overlaps(speaker.idx, speaker.idx + len(speaker.text)):
        # "KANDAHAR: …": a dateline's place filed the story, it said nothing; the parser may have joined
        # the real subject to it ("Ilemora, Oduya state - Adewale Ige-Bamidele, governor …, said").
        joined = (c for c in speaker.children if c.dep_ in ("conj", "appos"))
        speaker = next((c for c in joined if not index.datelines.overlaps(c.idx, c.idx + len(c.text))), None)
    if speaker is not None and (marked is None or not marked.open <= speaker.idx < marked.close):
        draft.speaker, earlier[draft.speaker.start] = resolve_speaker(
            speaker, index=index, addressee=attribution.addressee, earlier=earlier
        )
    draft.via = channel_of(attribution, index=index)
    addressee = attribution.addressee
    if addressee is not None:
        start, end = phrase_extent(addressee)
        draft.addressee = text_span(index.text, start, end)
