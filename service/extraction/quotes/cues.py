"""Cues: the words that attribute a quote ("said", "according to") and the speaker and listener they give."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from service.extraction.lexicon import quotes as lex
from service.extraction.model import Span


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
        subjects = [child for child in verb.children if child.dep_ in lex.SUBJECT_DEPS]
        if subjects:
            # "Objecting to the plan, Doe said": a clause the parser also hangs as a subject names nobody;
            # "LONDON: Jane Doe said": of two nominal subjects, the one next to the verb is its own.
            nominal = [c for c in subjects if c.pos_ not in lex.CLAUSE_POS] or subjects
            child = min(nominal, key=lambda c: abs(c.i - verb.i))
            return None if child.dep_ == "nsubjpass" else child
        name = _name_read_as_modal(verb)
        if name is not None:
            return name
        if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.i != verb.head.i:
            verb = verb.head.head  # "he began by saying": the preposition hangs on the verb with the subject
            continue
        if verb.dep_ not in ("conj", "advcl", "xcomp") or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


def _name_read_as_modal(verb: Token) -> Token | None:
    """ "May said", "Will added": a capitalised modal right before a past-tense verb is a name.

    No modal stands before a past tense in English, so the parser's auxiliary is the subject.
    """
    if verb.i == 0 or verb.tag_ != "VBD":
        return None
    before = verb.doc[verb.i - 1]
    if before.tag_ == "MD" and before.head.i == verb.i and before.text[:1].isupper() and not before.is_upper:
        return before
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
    if token.pos_ != "VERB":
        return False
    if token.lemma_ in lex.PARTICLE_SPEECH_VERBS:
        # "Trump shot back", "she hit back": the particle makes a reply of a verb that is otherwise none.
        particle = lex.PARTICLE_SPEECH_VERBS[token.lemma_]
        return any(c.dep_ in ("prt", "advmod") and c.lower_ == particle for c in token.children)
    if token.lemma_ not in lex.SPEECH_VERBS:
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
