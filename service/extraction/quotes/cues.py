"""Cues: the words that attribute a quote ("said", "according to") and the speaker and listener they give."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from spacy.tokens import Token

from service.extraction.lexicon import quotes as lex
from service.extraction.model import Span
from service.extraction.quotes.marks import QuotedSpan
from service.extraction.quotes.mentions import MentionIndex


@dataclass(frozen=True, slots=True)
class Attribution:
    """What a cue gives: the cue span and word, the speaker's head token, the listener's, and who relayed it."""

    cue: Span
    verb: Token
    speaker: Token | None
    addressee: Token | None
    relayed_by: Token | None = None  # "the RIA news agency quoted X as saying": the agency, not the speaker


def text_span(text: str, start_char: int, end_char: int) -> Span:
    return Span(text[start_char:end_char], start_char, end_char)


def token_span(first: Token, last: Token) -> Span:
    """The text from ``first`` to ``last`` inclusive, read from the tokens (no whole-text copy)."""
    words = first.doc[first.i : last.i + 1]
    return Span(words.text, first.idx, last.idx + len(last.text))


def phrase_extent(token: Token) -> tuple[int, int]:
    """Character extent of a noun phrase without its relative clauses, appositions or prepositional tails.

    A common noun keeps an "of"/"for" tail with no verb in it: "the head of state", "a spokesman for the party"
    name the speaker only with it.
    """
    left, right = token.left_edge.i, token.i
    for child in token.rights:
        if child.dep_ == "prep" and child.lower_ in lex.ROLE_PREPOSITIONS and token.pos_ == "NOUN":
            if not any(t.pos_ in ("VERB", "AUX") for t in child.subtree):
                right = child.right_edge.i
                continue
        if child.dep_ in lex.SPEAKER_EXCLUDED_DEPS or child.is_punct:
            break
        right = child.right_edge.i
    doc = token.doc
    while left < right and (doc[left].is_punct or doc[left].is_space):
        left += 1
    return doc[left].idx, doc[right].idx + len(doc[right].text)


def subject_of(verb: Token) -> Token | None:
    """The subject of a cue verb, borrowed from the verb it hangs on for "..., adding that", "and said" and
    "began by saying"."""
    for _ in range(3):
        for child in verb.children:
            if child.dep_ in lex.SUBJECT_DEPS:
                return None if child.dep_ == "nsubjpass" else child
        if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.i != verb.head.i:
            verb = verb.head.head  # "he began by saying": the preposition hangs on the verb with the subject
            continue
        if verb.dep_ not in ("conj", "advcl", "xcomp") or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


def attribution_of(verb: Token) -> Attribution | None:
    """Speaker and listener of a cue verb, handling "X quoted Y as saying" and "according to X"."""
    if verb.lower_ == lex.ACCORDING_TO[0]:
        to = next((c for c in verb.children if c.lower_ == lex.ACCORDING_TO[1]), None)
        obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
        if obj is None:
            return None
        return Attribution(token_span(verb, to), verb, obj, None)
    cue = token_span(verb, verb)
    if verb.lemma_ in lex.QUOTED_AS:
        quoted = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if quoted is not None and any(c.lower_ == "as" for c in verb.children):
            return Attribution(cue, verb, quoted, None, relayed_by=subject_of(verb))
    addressee = None
    if verb.lemma_ in lex.ADDRESSEE_VERBS:
        addressee = next((c for c in verb.children if c.dep_ in ("dobj", "dative")), None)
    return Attribution(cue, verb, subject_of(verb) or reduced_subject(verb), addressee)


def is_cue(token: Token) -> bool:
    if token.lower_ == lex.ACCORDING_TO[0]:
        return token.i + 1 < len(token.doc) and token.nbor().lower_ == lex.ACCORDING_TO[1]
    if token.pos_ != "VERB" or token.lemma_ not in lex.SPEECH_VERBS:
        return False
    if token.lemma_ in lex.OBJECT_SENSE_VERBS:
        # "reported a 12 percent rise", "posted a loss", "showed growth": a thing done, not words said.
        children = list(token.children)
        has_object = any(c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN", "NUM") for c in children)
        if has_object and not any(c.dep_ in lex.CONTENT_DEPS for c in children):
            return False
    return True


def reduced_subject(verb: Token) -> Token | None:
    """The parser reads "..., the X newspaper reported on Saturday." as a noun modified by a participle."""
    if verb.dep_ == "acl" and verb.head.i == verb.i - 1 and verb.tag_ in ("VBD", "VBN"):
        return verb.head
    return None


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
    return next((t for t in reversed(index.doc[lead_start:colon]) if is_cue(t)), None)


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
    verbs = [t for t in lead if t.pos_ == "VERB"]
    if verbs:
        return subject_of(verbs[-1])
    names = [t for t in lead if t.pos_ == "PROPN"]
    if names and len(lead) <= lex.MAX_TAG_WORDS and lead[0].i == index.sent_start(colon):
        return names[-1]  # a name and a colon open the line: that person's words follow
    return None
