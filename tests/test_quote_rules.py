"""Parse-dependent quote rules, each on a hand-built Doc so that the rule, not the parser, is tested."""

from __future__ import annotations

from spacy.tokens import Doc

from service.extraction.model import Entity, Span
from service.extraction.quotes import extract_quotes
from service.extraction.quotes.cues import is_cue, subject_of


def _doc(nlp, words, heads, deps, pos, lemmas=None, spaces=None) -> Doc:
    return Doc(
        nlp.vocab,
        words=words,
        spaces=spaces,
        heads=heads,
        deps=deps,
        pos=pos,
        lemmas=lemmas or [w.lower() for w in words],
        sent_starts=[True] + [False] * (len(words) - 1),
    )


def test_a_speech_verb_with_a_noun_phrase_object_is_no_cue(nlp):
    # "Acme reported a 12 percent rise ."
    doc = _doc(
        nlp,
        ["Acme", "reported", "a", "12", "percent", "rise", "."],
        [1, 1, 5, 4, 5, 1, 1],
        ["nsubj", "ROOT", "det", "nummod", "compound", "dobj", "punct"],
        ["PROPN", "VERB", "DET", "NUM", "NOUN", "NOUN", "PUNCT"],
        ["Acme", "report", "a", "12", "percent", "rise", "."],
    )
    assert not is_cue(doc[1])


def test_a_speech_verb_with_a_clause_is_a_cue(nlp):
    # "Acme reported that sales rose ."
    doc = _doc(
        nlp,
        ["Acme", "reported", "that", "sales", "rose", "."],
        [1, 1, 4, 4, 1, 1],
        ["nsubj", "ROOT", "mark", "nsubj", "ccomp", "punct"],
        ["PROPN", "VERB", "SCONJ", "NOUN", "VERB", "PUNCT"],
        ["Acme", "report", "that", "sale", "rise", "."],
    )
    assert is_cue(doc[1])


def test_saying_after_a_preposition_borrows_the_subject_of_the_verb_it_hangs_on(nlp):
    # "Lena began by saying it was over ."
    doc = _doc(
        nlp,
        ["Lena", "began", "by", "saying", "it", "was", "over", "."],
        [1, 1, 1, 2, 5, 3, 5, 1],
        ["nsubj", "ROOT", "prep", "pcomp", "nsubj", "ccomp", "acomp", "punct"],
        ["PROPN", "VERB", "ADP", "VERB", "PRON", "AUX", "ADV", "PUNCT"],
        ["Lena", "begin", "by", "say", "it", "be", "over", "."],
    )
    assert subject_of(doc[3]).text == "Lena"


def test_a_dateline_the_parser_joined_to_the_subject_is_not_the_speaker(nlp):
    # "KUMASI - Ama Owusu said the market would reopen ."  with "KUMASI" parsed as the subject
    words = ["KUMASI", "-", "Ama", "Owusu", "said", "the", "market", "would", "reopen", "."]
    doc = _doc(
        nlp,
        words,
        [4, 0, 3, 0, 4, 6, 8, 8, 4, 4],
        ["nsubj", "punct", "compound", "conj", "ROOT", "det", "nsubj", "aux", "ccomp", "punct"],
        ["PROPN", "PUNCT", "PROPN", "PROPN", "VERB", "DET", "NOUN", "AUX", "VERB", "PUNCT"],
        ["KUMASI", "-", "Ama", "Owusu", "say", "the", "market", "would", "reopen", "."],
    )
    person = Entity("E1", "Ama Owusu", "PERSON", 0.0, [Span("Ama Owusu", 9, 18)])
    (quote,) = extract_quotes(doc, entities=[person])
    assert quote.speaker is not None and quote.speaker.name == "Ama Owusu"
    assert quote.speaker.text == "Ama Owusu"
