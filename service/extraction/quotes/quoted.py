"""The pass over quote marks: each quoted span is a whole utterance (``direct``) or a fragment (``partial``)."""

from __future__ import annotations

import re
from dataclasses import replace

from service.extraction.lexicon import quotes as lex
from service.extraction.model import Entity, Speaker
from service.extraction.quotes.cues import attribution_of, is_cue, text_span
from service.extraction.quotes.frames import (
    colon_speaker,
    context_speaker,
    cue_after,
    cue_before,
    dash_signature,
    framed_speaker,
    governing_cue,
    intro_cue,
    sentence_cue,
)
from service.extraction.quotes.draft import DraftQuote, attach
from service.extraction.quotes.marks import QuotedSpan
from service.extraction.quotes.mentions import MentionIndex
from service.extraction.quotes.speakers import resolve_speaker

_TAG_LINE = re.compile(r"^[ \t]*[\"“]?([A-Z][A-Z.'\- ]{1,40}):[ \t]+(?=\S)", re.MULTILINE)


def _ends_like_utterance(text: str, marked: QuotedSpan) -> bool:
    inside = marked.close - 2 if marked.closed else marked.end - 1  # the last character before the closing mark
    while inside > marked.start and text[inside].isspace():
        inside -= 1
    return text[inside] in lex.UTTERANCE_END


def _is_utterance(text: str, marked: QuotedSpan, index: MentionIndex) -> bool:
    """Whether a quoted span is the speaker's own utterance rather than words woven into the writer's sentence.

    It is when a cue frames it ("…,” X said), or when it opens a sentence or follows a cue ("X said, “…")
    and ends like a sentence.  A paragraph continuing a multi-paragraph quotation is one.
    """
    if marked.open != marked.quotation:
        return True
    before = marked.open - 1
    while before >= 0 and text[before] in " \t":
        before -= 1
    opens = before < 0 or text[before] in lex.UTTERANCE_START
    if (opens or not text[before].isalnum()) and cue_after(index, marked) is not None:
        return True  # "The program, known as X, “can continue …,” Clinton wrote."
    if not opens:
        previous = index.doc[index.token_at(before)]
        if previous.is_punct and previous.i > 0:
            # "he told CNN on Monday, “…" introduces a quote; "said that along with X, “…" weaves one in.
            lead = index.doc[max(0, previous.i - lex.FRAME_WINDOW) : previous.i]
            cues = [t for t in lead if is_cue(t)]
            opens = (
                previous.text in lex.INTRO_PUNCT
                and bool(cues)
                and not any(t.lower_ in lex.COMPLEMENTIZERS for t in lead[cues[-1].i - lead.start :])
            )
        else:
            opens = is_cue(previous)
    if not opens:
        return False
    if _ends_like_utterance(text, marked):
        return True
    after = marked.close
    while after < len(text) and text[after] in " \t":
        after += 1
    return after >= len(text) or text[after] in lex.SENTENCE_BREAK


def direct_and_partial(
    index: MentionIndex, spans: list[QuotedSpan], *, earlier: dict[int, Entity | None]
) -> tuple[list[DraftQuote], list[tuple[QuotedSpan, DraftQuote]]]:
    text = index.text
    direct: list[DraftQuote] = []
    fragments: list[tuple[QuotedSpan, DraftQuote]] = []
    previous: DraftQuote | None = None
    previous_paragraph_end = -1
    for marked in spans:
        if not _is_utterance(text, marked, index):
            found = DraftQuote(marked.start, marked.end, "partial", opening_mark=marked.open)
            verb = governing_cue(index, marked) or sentence_cue(index, marked)
            if verb is not None:
                attach(found, attribution_of(verb), marked, index=index, earlier=earlier)
            fragments.append((marked, found))
            continue
        found = DraftQuote(marked.start, marked.end, "direct", opening_mark=marked.open)
        # A quote closing its own sentence ('… himself."') belongs with a cue before it sooner than one after.
        verb = cue_before(index, marked) if text[marked.end] == "." else None
        after = verb is None
        if verb is None:
            verb = cue_after(index, marked)
        if verb is None:
            verb, after = cue_before(index, marked) or intro_cue(index, marked), False
        if verb is not None:
            attribution = attribution_of(verb)
            if attribution is not None:
                speaker = framed_speaker(verb, marked, after=after)
                attach(found, replace(attribution, speaker=speaker), marked, index=index, earlier=earlier)
        elif (signed := dash_signature(index, marked)) is not None:
            dash, signer = signed  # "“…” — Commissioner Ana Starks"
            found.cue = dash
            found.speaker, earlier[dash.start] = resolve_speaker(signer, index=index, addressee=None, earlier=earlier)
        elif (introducer := colon_speaker(index, marked)) is not None:
            found.speaker, _ = resolve_speaker(introducer, index=index, addressee=None, earlier=earlier)
        elif (context := context_speaker(index, marked)) is not None:
            # "The runner-up said she would return. ¶ “It has been an amazing two weeks.”"
            found.speaker, _ = resolve_speaker(context, index=index, addressee=None, earlier=earlier)
        elif previous is not None and previous.speaker is not None and previous_paragraph_end >= marked.open:
            found.speaker = previous.speaker  # a quote with no cue continues the last speaker's
        previous = found
        direct.append(found)
        previous_paragraph_end = _paragraph_end(text, marked.close)
    _share_within_quotations(spans, direct, fragments)
    return direct, fragments


def _share_within_quotations(
    spans: list[QuotedSpan], direct: list[DraftQuote], fragments: list[tuple[QuotedSpan, DraftQuote]]
) -> None:
    """The paragraphs of one multi-paragraph quotation share the speaker its cue gave, wherever the cue stands."""
    drafts = {draft.opening_mark: draft for draft in direct}
    drafts.update((marked.open, draft) for marked, draft in fragments)
    groups: dict[int, list[DraftQuote]] = {}
    for marked in spans:
        if marked.open in drafts:
            groups.setdefault(marked.quotation, []).append(drafts[marked.open])
    for members in groups.values():
        if len(members) < 2:
            continue
        source = next((d for d in members if d.cue is not None and d.speaker is not None), None)
        source = source or next((d for d in members if d.speaker is not None), None)
        if source is None:
            continue
        for draft in members:
            if draft.cue is None or draft.speaker is None:
                draft.speaker = source.speaker


def _paragraph_end(text: str, at: int) -> int:
    """End of the paragraph holding ``at``, counting the blank lines after it as part of it."""
    end = text.find("\n", at)
    if end < 0:
        return len(text)
    while end < len(text) and text[end].isspace():
        end += 1
    return end


def tagged_turns(index: MentionIndex) -> list[DraftQuote]:
    """Transcript turns ("PENCE: Well, look ...") and headline tags ("Pence: ...")."""
    text = index.text
    found: list[DraftQuote] = []
    for match in _TAG_LINE.finditer(text):
        tag = match.group(1).strip()
        if len(tag.split()) > lex.MAX_TAG_WORDS:
            continue
        start = match.end()
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        while end > start and (text[end - 1].isspace() or text[end - 1] in lex.DOUBLE_CLOSERS):
            end -= 1
        tag_start = match.start(1)
        if index.datelines.overlaps(tag_start, tag_start + len(tag)):
            continue  # "NAIROBI: …" files the story; it is no speaker's turn
        entity = index.entity_at(tag_start, tag_start + len(tag))
        speaker = Speaker(
            tag, tag_start, tag_start + len(tag), entity.id if entity else None, entity.name if entity else tag
        )
        colon = match.end(1)
        found.append(DraftQuote(start, end, "direct", text_span(text, colon, colon + 1), speaker))
    return found

