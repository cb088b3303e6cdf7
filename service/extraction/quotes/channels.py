"""The channel a quote came through, when the text names it: "in a statement", "on Twitter", "told Reuters"."""

from __future__ import annotations

from spacy.tokens import Token

from service.extraction.lexicon import quotes as lex
from service.extraction.model import Span
from service.extraction.quotes.cues import Attribution, phrase_extent, text_span, token_span
from service.extraction.quotes.mentions import MentionIndex


def channel_of(attribution: Attribution, *, index: MentionIndex) -> Span | None:
    """ "said in a statement" / "wrote on Twitter" / "told Reuters" / "Reuters quoted X as saying" /
    "X said, according to AFP": the words naming the medium or the outlet that relayed the quote."""
    verb = attribution.verb
    if attribution.relayed_by is not None:
        start, end = phrase_extent(attribution.relayed_by)
        return text_span(index.text, start, end)
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in lex.CHANNEL_PREPOSITIONS:
            medium = next((c for c in child.children if c.dep_ == "pobj"), None)
            if medium is not None and _is_medium(medium):
                return token_span(child, medium.right_edge if medium.right_edge.i - medium.i < 4 else medium)
    addressee = attribution.addressee
    if addressee is not None and _is_outlet(addressee, index=index):
        start, end = phrase_extent(addressee)
        return text_span(index.text, start, end)
    if verb.lower_ != lex.ACCORDING_TO[0]:
        sent = index.sents[index.sent_of(verb.i)]
        for token in sent:
            if token.lower_ == lex.ACCORDING_TO[0] and token.i + 1 < sent.end and token.nbor().lower_ == "to":
                source = next((c for c in token.nbor().children if c.dep_ == "pobj"), None)
                if source is not None and _is_outlet(source, index=index):
                    return token_span(token, source.right_edge)
    return None


def _is_medium(token: Token) -> bool:
    return token.lemma_.lower() in lex.CHANNEL_NOUNS or token.lower_ in lex.CHANNEL_PLATFORMS


def _is_outlet(token: Token, *, index: MentionIndex) -> bool:
    """A news organisation or platform: "Reuters", "the BBC", "state broadcaster CCTV", "Twitter"."""
    if token.lower_ in lex.CHANNEL_PLATFORMS:
        return True
    start, end = phrase_extent(token)
    entity = index.entity_at(start, end, labels=lex.ORG_LABELS)
    words = set(index.text[start:end].lower().replace(".", "").split())
    if entity is not None:
        words.update(entity.name.lower().replace(".", "").split())
    return bool(words & lex.OUTLET_WORDS)
