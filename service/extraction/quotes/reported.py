"""The pass over reporting verbs: reported clauses and "according to X" give ``indirect`` quotes."""

from __future__ import annotations

from spacy.tokens import Token

from service.extraction.lexicon import quotes as lex
from service.extraction.model import Entity
from service.extraction.quotes.cues import attribution_of, is_cue, reduced_subject, subject_of
from service.extraction.quotes.draft import DraftQuote, attach
from service.extraction.quotes.marks import QuotedSpan
from service.extraction.quotes.mentions import MentionIndex


def _clause_extent(index: MentionIndex, clause: Token, verb: Token) -> tuple[int, int] | None:
    """Character extent of a reported clause, trimmed of edge punctuation; None when it is a mere word or two."""
    doc = index.doc
    left, right = clause.left_edge.i, clause.right_edge.i
    if verb.i < left:
        right = max(right, left)
    while left <= right and (doc[left].is_punct and doc[left].text not in lex.DOUBLE_OPENERS or doc[left].is_space):
        left += 1
    while right >= left and (doc[right].is_punct and doc[right].text not in lex.DOUBLE_CLOSERS or doc[right].is_space):
        right -= 1
    if right - left < 2:
        return None
    return doc[left].idx, doc[right].idx + len(doc[right].text)


def _inverted_extent(index: MentionIndex, verb: Token, subject: Token) -> tuple[int, int] | None:
    """ "<content>, X said." with no clause attached: the content is what precedes the comma before X."""
    doc = index.doc
    sent = index.sents[index.sent_of(verb.i)]
    head_start = min(subject.left_edge.i, verb.i)
    if head_start - 1 <= sent.start or doc[head_start - 1].text != ",":
        return None
    if any(c.dep_ in lex.INVERTED_BLOCKERS for c in verb.children):
        return None  # "…, she will have to continue to emphasise": the verb has a content of its own
    if any(t.text in lex.DOUBLE_OPENERS for t in doc[verb.i + 1 : sent.end]):
        return None  # "Asked about it, Adelson said, “…”": the quote is what was said, not the lead-in
    left, right = sent.start, head_start - 2
    while right >= left and doc[right].is_punct and doc[right].text not in lex.DOUBLE_CLOSERS:
        right -= 1
    if right - left < 2:
        return None
    return doc[left].idx, doc[right].idx + len(doc[right].text)


def _according_extent(index: MentionIndex, according: Token) -> tuple[int, int] | None:
    """ "<content>, according to X." or "According to X, <content>.": the sentence without the cue phrase."""
    doc = index.doc
    sent = index.sents[index.sent_of(according.i)]
    if any(t.i != according.i and is_cue(t) and subject_of(t) is not None for t in sent):
        return None  # "X said ..., according to a statement": the cue verb has the speaker
    phrase_end = according.right_edge.i
    if according.i - 1 > sent.start:
        left, right = sent.start, according.i - 1
    else:
        left, right = phrase_end + 1, sent.end - 1
    while left <= right and (doc[left].is_punct and doc[left].text not in lex.DOUBLE_OPENERS):
        left += 1
    while right >= left and (doc[right].is_punct and doc[right].text not in lex.DOUBLE_CLOSERS):
        right -= 1
    if right - left < 2:
        return None
    return doc[left].idx, doc[right].idx + len(doc[right].text)


def _content_clause(verb: Token) -> Token | None:
    """The clause a cue verb reports: its complement, or one the parser hung on the channel instead
    ("said in a statement that sales would fall")."""
    clause = next((c for c in verb.children if c.dep_ in lex.CONTENT_DEPS), None)
    if clause is not None:
        return clause
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ not in lex.CHANNEL_PREPOSITIONS:
            continue
        for medium in prep.children:
            for child in medium.children:
                if child.dep_ in lex.MISATTACHED_CONTENT_DEPS and any(
                    c.dep_ == "mark" and c.lower_ == "that" for c in child.children
                ):
                    return child
    return None


def indirect(index: MentionIndex, *, earlier: dict[int, Entity | None]) -> list[DraftQuote]:
    found: list[DraftQuote] = []
    for token in index.doc:
        lemma = token.lemma_
        if token.lower_ == lex.ACCORDING_TO[0]:
            if not is_cue(token):
                continue
            extent = _according_extent(index, token)
        elif token.pos_ == "VERB" and (lemma in lex.SPEECH_VERBS or lemma in lex.THOUGHT_VERBS):
            clause = _content_clause(token)
            if clause is not None:
                extent = _clause_extent(index, clause, token)
            else:
                subject = subject_of(token) or reduced_subject(token)
                extent = _inverted_extent(index, token, subject) if subject is not None else None
        else:
            continue
        if extent is None:
            continue
        item = DraftQuote(extent[0], extent[1], "indirect")
        attach(item, attribution_of(token), QuotedSpan(*extent, *extent), index=index, earlier=earlier)
        found.append(item)
    return found

