"""Frames: where the cue or speaker of a quoted span stands around it.

"…,” X said", "X said: “…”", "“…” — X", "X leaned in: “…”", a sentence before that reports X's
speech, or a cue elsewhere in a fragment's sentence.  Each finder looks at a bounded window, and
the cue words of the document are listed once, so runaway input stays linear.
"""

from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Token

from service.extraction.lexicon import quotes as lex
from service.extraction.model import Span
from service.extraction.quotes.cues import attribution_of, is_cue, subject_of
from service.extraction.quotes.marks import QuotedSpan
from service.extraction.quotes.mentions import MentionIndex


def intro_cue(index: MentionIndex, marked: QuotedSpan) -> Token | None:
    """ "Putin said:" ending the previous sentence (or paragraph) introduces the quote after it."""
    text = index.text
    before = marked.open - 1
    while before >= 0 and text[before].isspace():
        before -= 1
    if before < 0 or text[before] != ":":
        return None
    colon = index.token_at(before)
    lead_start = max(index.sent_start(colon), colon - lex.MAX_INTRO_TOKENS)
    for token in reversed(index.doc[lead_start:colon]):
        if token.text in lex.LEAD_SEPARATORS:
            return None  # "Pollsters agree - Carl Bialik: “…”": the name after the dash introduces it
        if is_cue(token):
            return token
    return None


def is_break(token: Token) -> bool:
    """A paragraph break or a sentence-final mark: a frame never reaches across one."""
    return (token.is_space and "\n" in token.text) or token.text in lex.SENTENCE_FINAL


def cue_after(index: MentionIndex, marked: QuotedSpan) -> Token | None:
    """The cue of a "…,” X said" / "…?” said X" frame: only a short speaker phrase may stand between."""
    doc = index.doc
    last = index.token_at(marked.close - 1)
    for token in doc[last + 1 : last + 1 + lex.FRAME_WINDOW]:
        if is_cue(token):
            return token
        if is_break(token) or token.text in lex.DOUBLE_OPENERS:
            return None
        if token.pos_ not in lex.FRAME_POS and not token.is_punct:
            return None
    return None


def cue_before(index: MentionIndex, marked: QuotedSpan) -> Token | None:
    """The cue of a "X said: “…”" / "he told CNN on Monday, “…”" frame, in the quote's sentence."""
    doc = index.doc
    first = index.token_at(marked.open)
    for token in reversed(doc[max(0, first - lex.FRAME_WINDOW) : first]):
        if is_break(token) or token.text in lex.DOUBLE_CLOSERS:
            return None
        if is_cue(token):
            return token
    return None


def _noun_head(token: Token, *, lo: int, hi: int) -> Token:
    """Climb from a word to the head of its noun phrase without leaving the token range [lo, hi)."""
    while token.head.i != token.i and lo <= token.head.i < hi and token.head.pos_ in lex.NOUN_POS:
        token = token.head
    return token


def framed_speaker(verb: Token, marked: QuotedSpan, *, after: bool) -> Token | None:
    """The speaker of a framed quote must stand on the cue's side of it; the parser sometimes disagrees."""
    attribution = attribution_of(verb)
    speaker = attribution.speaker if attribution is not None else None
    if speaker is not None and (speaker.idx >= marked.close if after else speaker.idx < marked.open):
        return speaker
    if not after:
        return None
    doc = verb.doc
    lo = verb.i
    while lo > 0 and doc[lo - 1].idx >= marked.close:  # the cue is a frame's width away, so this stays short
        lo -= 1
    between = doc[lo : verb.i]
    nouns = [t for t in between if t.pos_ in lex.NOUN_POS]
    if nouns:  # "…,” a South Carolina Democrat added."
        return _noun_head(nouns[-1], lo=lo, hi=verb.i)
    following = doc[verb.i + 1 : verb.i + 1 + lex.FRAME_WINDOW]
    for token in following:  # "…,” added another county official."
        if is_break(token):
            break
        if token.pos_ in lex.NOUN_POS:
            return _noun_head(token, lo=verb.i + 1, hi=following.end)
    return None


def governing_cue(index: MentionIndex, marked: QuotedSpan) -> Token | None:
    """The cue verb a quoted fragment depends on ("hailed the “substantive” talks"), or one right after it."""
    token = index.doc[index.token_at(marked.start)]
    for _ in range(6):
        if token.pos_ == "VERB" and token.lemma_ in lex.FRAGMENT_VERBS:
            return token
        if token.head.i == token.i:
            break
        token = token.head
    return None



def _cues_between(index: MentionIndex, lo: int, hi: int, *, nearest_to: int) -> list[Token]:
    """Cue words among tokens [lo, hi), nearest to ``nearest_to`` first, at most ``MAX_CUES_TRIED`` of them.

    The cue positions are found once per document, so a sentence of thousands of quotes stays linear.
    """
    if index.cue_positions is None:
        index.cue_positions = [token.i for token in index.doc if is_cue(token)]
    positions = index.cue_positions
    first, last = bisect_left(positions, lo), bisect_left(positions, hi)
    middle = bisect_left(positions, nearest_to, first, last)
    before = positions[max(first, middle - lex.MAX_CUES_TRIED) : middle]
    after = positions[middle : min(last, middle + lex.MAX_CUES_TRIED)]
    ordered = sorted(before + after, key=lambda i: abs(i - nearest_to))[: lex.MAX_CUES_TRIED]
    return [index.doc[i] for i in ordered]


def sentence_cue(index: MentionIndex, marked: QuotedSpan) -> Token | None:
    """The cue nearest a quoted fragment in its own sentence whose speaker stands outside the quote.

    "Rates will rise “only slightly”, according to the central bank" attributes the fragment even
    though the parse does not hang it on the cue.
    """
    first = index.token_at(marked.open)
    sent = index.sents[index.sent_of(first)]
    for token in _cues_between(index, sent.start, sent.end, nearest_to=first):
        if marked.open <= token.idx < marked.close:
            continue
        attribution = attribution_of(token)
        if attribution is None or attribution.speaker is None:
            continue
        if not marked.open <= attribution.speaker.idx < marked.close:
            return token
    return None


def dash_signature(index: MentionIndex, marked: QuotedSpan) -> tuple[Span, Token] | None:
    """ "“…” — Commissioner Ana Starks": a dash after the closing mark, then a name that ends the line.

    Gives the dash as the cue and the name's last word, which heads it, as the speaker.
    """
    text = index.text
    match = lex.DASH_SIGNATURE.match(text, marked.close)
    if match is None:
        return None
    doc = index.doc
    first = index.token_at(match.end())
    if doc[first].idx != match.end():
        return None
    signer = None
    for token in doc[first : first + lex.MAX_SIGNATURE_TOKENS + 1]:
        if (token.is_space and "\n" in token.text) or token.text in lex.SIGNATURE_END:
            break
        if token.pos_ == "PROPN" or (token.pos_ == "NOUN" and signer is None):
            signer = token
        elif token.pos_ not in lex.SIGNATURE_POS:
            return None  # "— and then the lights went out": the dash goes on with the writer's sentence
    else:
        if first + lex.MAX_SIGNATURE_TOKENS < len(doc):
            return None
    if signer is None:
        return None
    dash = match.group("dash")
    at = match.start("dash")
    return Span(dash, at, at + len(dash)), signer


def context_speaker(index: MentionIndex, marked: QuotedSpan) -> Token | None:
    """The one speaker of the sentence just before a quote that opens a sentence of its own.

    "The runner-up said she would return. ¶ “It has been an amazing two weeks.”": a quote with no cue
    continues the speech the sentence before reports, when that sentence reports one person's speech.
    """
    text = index.text
    before = marked.open - 1
    while before >= 0 and text[before].isspace():
        before -= 1
    if before < 0 or (text[before] not in lex.SENTENCE_FINAL and "\n" not in text[before : marked.open]):
        return None
    if text[before] in lex.DOUBLE_CLOSERS:
        return None  # right after another quote: that quote's speaker carries over, not this rule's
    last = index.token_at(before)
    sent = index.sents[index.sent_of(last)]
    speakers: dict[int, Token] = {}
    cues = [t for t in _cues_between(index, sent.start, last + 1, nearest_to=last) if t.pos_ == "VERB"]
    for token in cues:
        if any(other.is_ancestor(token) for other in cues):
            continue  # "Sibal said he will argue it": the reported speech inside is still Sibal's

        attribution = attribution_of(token)
        speaker = attribution.speaker if attribution is not None else None
        if speaker is None or speaker.lower_ in lex.PLURAL_PRONOUNS or speaker.tag_ in lex.PLURAL_TAGS:
            continue
        speakers[speaker.i] = speaker
    return next(iter(speakers.values())) if len(speakers) == 1 else None


def colon_speaker(index: MentionIndex, marked: QuotedSpan) -> Token | None:
    """Who a colon hands the quote to when no speech verb does: "Trump leaned in and boomed: “…”",
    "She then addressed the supporters again: “…”", and a headline's "Darrell Scott: ‘…’"."""
    text = index.text
    before = marked.open - 1
    while before >= 0 and text[before] in " \t":
        before -= 1
    if before < 0 or text[before] != ":":
        return None
    doc = index.doc
    colon = index.token_at(before)
    lead = doc[max(index.sent_start(colon), colon - lex.MAX_INTRO_TOKENS) : colon]
    if not len(lead) or any(t.is_space and "\n" in t.text for t in lead):
        return None
    dashes = [t.i for t in lead if t.text in lex.LEAD_SEPARATORS]
    if dashes:  # "Pollsters agree - Carl Bialik: “…”": only what follows the dash introduces the quote
        lead = doc[dashes[-1] + 1 : colon]
        if not len(lead):
            return None
    verbs = [t for t in lead if t.pos_ == "VERB"]
    if verbs:
        return subject_of(verbs[-1])
    names = [t for t in lead if t.pos_ == "PROPN"]
    if names and len(lead) <= lex.MAX_TAG_WORDS and (dashes or lead[0].i == index.sent_start(colon)):
        return names[-1]  # a name and a colon open the line: that person's words follow
    return None
