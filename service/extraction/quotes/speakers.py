"""Speaker resolution: the entity a speaker mention names, by overlap for names and by context otherwise.

The only state is ``earlier``: the entity each speaker mention already resolved to, keyed by the
mention's start.  The passes own it and hand it in, so a pronoun can take the entity its antecedent
mention was resolved to ("The premier said … He added").
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import islice

from spacy.tokens import Token

from service.extraction.lexicon import quotes as lex
from service.extraction.model import Entity, Speaker
from service.extraction.quotes.cues import is_cue, phrase_extent
from service.extraction.quotes.mentions import MentionIndex
from service.extraction.lexicon import roles as roles_lex
from service.extraction.roles import parse_role, role_candidates

# Words of titles, offices and honorifics, which stand before a name without being part of it: the
# roles lexicon's title words, plus the narrowing words ("former", "ex") and the joining words of a
# title ("of", "for", "the"), none of which start a person's name here.
TITLE_WORDS = roles_lex.TITLE_WORDS | roles_lex.ROLE_NARROWERS | roles_lex.TITLE_JOINERS
# Speaker mention start → the entity it resolved to (None when it named none).
EarlierSpeakers = dict[int, Entity | None]


def resolve_speaker(
    token: Token, *, index: MentionIndex, addressee: Token | None, earlier: EarlierSpeakers
) -> tuple[Speaker, Entity | None]:
    """The speaker mention headed by ``token`` and the entity it names, if any."""
    start, end = phrase_extent(token)
    doc = token.doc
    first = index.token_at(start)
    while first < token.i and (doc[first].is_punct or index.datelines.overlaps(start, doc[first].idx + 1)):
        first += 1  # a dateline the parser folded into the subject is no part of the speaker's name
        start = doc[first].idx
    if token.lower_ in lex.RELATIVE_PRONOUNS:
        # "X, who ..., said": the relative pronoun is the mention, its antecedent the speaker.
        start, end = token.idx, token.idx + len(token.text)
    text = index.text[start:end]
    entity = _entity(token, start, end, index=index, addressee=addressee, earlier=earlier)
    if entity is not None:
        name = _fullest_name(entity.name, index=index)
    elif (token.pos_ == "PROPN" or token.tag_ == "MD") and not _is_title_word(token.lower_):
        # A modal is a speaker only as a name the parser misread ("May said"); see ``cues.subject_of``.
        name = _fullest_name(_name_words(token), index=index)  # a name the recogniser missed is still a name
    else:
        name = None  # a pronoun or a description ("a senior police official") names nobody
    speaker = Speaker(text=text, start=start, end=end, entity=entity.id if entity else None, name=name)
    return speaker, entity


def _name_words(token: Token) -> str:
    """The name a proper-noun speaker head carries, without the titles glued before it."""
    words = [token]
    for left in reversed(list(token.lefts)):
        if left.dep_ != "compound" or left.pos_ != "PROPN" or left.i != words[0].i - 1 or _is_title_word(left.lower_):
            break
        words.insert(0, left)
    return " ".join(w.text for w in words)


def _is_title_word(word: str) -> bool:
    word = word.rstrip(".")
    return word in TITLE_WORDS


def _fullest_name(name: str, *, index: MentionIndex) -> str:
    """ "Brekkevold" → "Tomas Brekkevold" when the article writes the full name once: the longest run of
    capitalised proper nouns, titles left out, that holds the word."""
    if " " in name or not name[:1].isupper():
        return name
    if index.full_names is None:
        index.full_names = _name_runs(index)
    if name in index.full_names:
        return index.full_names[name]
    # A surname the tagger misread in the full name too ("Olivia May" with "May" as a modal): a person's entity.
    people = {e.name for e in index.entities if e.label in lex.PERSON_LABELS and e.name.endswith(f" {name}")}
    return people.pop() if len(people) == 1 else name


def _name_runs(index: MentionIndex) -> dict[str, str]:
    """Each word of a run of capitalised proper nouns → the longest such run holding it, in one pass."""
    runs: dict[str, str] = {}
    run: list[Token] = []
    for token in [*index.doc, None]:
        if token is not None and token.pos_ == "PROPN" and token.text[:1].isupper() and not _is_title_word(token.lower_):
            run.append(token)
            continue
        if token is not None and run and token.text in lex.NAME_JOINERS and not run[-1].whitespace_:
            if not token.whitespace_ and token.i + 1 < len(index.doc) and index.doc[token.i + 1].pos_ == "PROPN":
                continue  # "Ige-Bamidele": a hyphen inside a name keeps the run going
        if 1 < len(run) <= lex.MAX_NAME_WORDS:
            text = index.text[run[0].idx : run[-1].idx + len(run[-1].text)]
            for word in run:
                if len(text) > len(runs.get(word.text, "")):
                    runs[word.text] = text
        run = []
    return runs


def _entity(
    token: Token, start: int, end: int, *, index: MentionIndex, addressee: Token | None, earlier: EarlierSpeakers
) -> Entity | None:
    lower = token.lower_
    if lower in lex.RELATIVE_PRONOUNS and token.head.dep_ == "relcl":
        antecedent = token.head.head
        a_start, a_end = phrase_extent(antecedent)
        return index.entity_at(a_start, a_end)
    barred = None
    if addressee is not None:
        barred = index.entity_at(addressee.idx, addressee.idx + len(addressee.text))
    if lower in lex.PERSON_PRONOUNS:
        if lower in lex.UNRESOLVED_PRONOUNS:
            return None  # the writer or a listener: no entity to name
        return _antecedent(token, lex.PERSON_LABELS, lex.PERSON_PRONOUNS[lower], barred, index=index, earlier=earlier)
    if lower in lex.THING_PRONOUNS:
        return _antecedent(token, lex.ORG_LABELS, None, barred, index=index, earlier=earlier)
    definite = any(c.dep_ == "poss" or c.lower_ in lex.DEFINITE_DETERMINERS for c in token.children)
    named = index.entity_at(token.idx, token.idx + len(token.text), labels=lex.SPEAKER_LABELS)
    if named is None:
        named = index.entity_at(start, end, labels=lex.SPEAKER_LABELS)
    if named is not None and definite and named.label not in lex.PERSON_LABELS and _names_an_office(token, index):
        # "the Premier said": the recogniser may take the office for an organisation; it is a person's title.
        return _role_holder(token, start, end, barred, index=index) or named
    if named is not None:
        return named
    for child in token.children:
        # "The Finance Minister, Jane Doe said": the apposition names the one who holds the title.
        if child.dep_ == "appos" and child.pos_ == "PROPN":
            named = index.entity_at(child.idx, child.idx + len(child.text), labels=lex.SPEAKER_LABELS)
            if named is not None:
                return named
    if definite:
        return _role_holder(token, start, end, barred, index=index)
    return None


def _names_an_office(token: Token, index: MentionIndex) -> bool:
    role = parse_role(index.text[token.left_edge.idx : token.idx + len(token.text)])
    return role is not None and role.kind == "person"


def _role_holder(token: Token, start: int, end: int, barred: Entity | None, *, index: MentionIndex) -> Entity | None:
    """ "the Premier", "the head of state", "the carmaker" → the entity the article gave that role, nearest first;
    "the statement", "the report" → the organisation that last spoke."""
    mention = index.text[start:end]
    for entity in role_candidates(mention, index.entities, position=start, text=index.text):
        if entity is not barred and entity.label in lex.SPEAKER_LABELS:
            return entity
    if _is_document(token):
        return _named_document(token, index=index) or _previous_source(token, lex.ORG_LABELS, index=index)
    return None


def _named_document(token: Token, *, index: MentionIndex) -> Entity | None:
    """ "the report" after "the Harbour Survey report": the latest name written right before a document word."""
    doc = index.doc
    for _, end, entity in index.mentions_before(token.idx):
        last = index.token_at(end - 1)
        if doc[last].dep_ in lex.OBJECT_DEPS:
            continue  # "the Light of Myanmar newspaper": the name inside the title is not the document's
        if last + 1 < token.i and entity.label in lex.ORG_LABELS and _is_document(doc[last + 1]):
            return entity
    return None


def _is_document(token: Token) -> bool:
    return token.lemma_.lower() in lex.SOURCE_DOCUMENTS or token.lower_ in lex.SOURCE_DOCUMENTS


def _previous_source(token: Token, labels: frozenset[str], *, index: MentionIndex) -> Entity | None:
    """The latest organisation named just before a cue ("the statement said" after "the Kremlin said")."""
    doc = index.doc
    for _, end, entity in index.mentions_before(token.idx):
        if entity.label not in labels:
            continue
        # "The Kremlin said", "the Global New Light of Myanmar newspaper reported": a cue right after the name.
        last = index.token_at(end - 1)
        if doc[last].dep_ in lex.OBJECT_DEPS:
            continue  # "a session of the Eastern Economic Forum,” the statement said" names no source
        if any(is_cue(t) for t in doc[last + 1 : last + 1 + lex.SOURCE_CUE_GAP]):
            return entity
    return None


def _named_at(entity: Entity, start: int, *, index: MentionIndex) -> bool:
    """Whether the speaker mention at ``start`` names the entity itself, rather than a pronoun or role resolved to it."""
    return any(named is entity for named in index.entities_starting(start, start + lex.TITLE_SPAN_CHARS))


def _antecedent(
    token: Token,
    labels: frozenset[str],
    gender: str | None,
    barred: Entity | None,
    *,
    index: MentionIndex,
    earlier: EarlierSpeakers,
) -> Entity | None:
    """The subject of the previous sentence if it fits (centering), else the latest fitting mention."""

    def fits(entity: Entity | None) -> bool:
        if entity is None or entity is barred or entity.label not in labels:
            return False
        if gender and not index.looks_personal(entity):
            return False  # "he" is no one-word name the recogniser merely guessed a person ("Brexit")
        known = index.gender(entity) if gender else None
        return known is None or known == gender

    if labels is lex.PERSON_LABELS:
        # News keeps to its speaker: "he said" after a quote by Ruto is Ruto's, whoever the sentence between named.
        recent = islice(reversed(earlier.items()), lex.MAX_SPEAKERS_RECALLED)  # no copy of a long history
        spoke = [
            (start, entity)
            for start, entity in recent
            if start < token.idx and fits(entity) and _named_at(entity, start, index=index)
        ]
        spoke.extend(_cue_subjects_before(token, fits, index=index))
        last_speaker = max(spoke, key=lambda item: item[0], default=None)
        if last_speaker is not None and token.idx - last_speaker[0] <= lex.SPEAKER_MEMORY_CHARS:
            return last_speaker[1]
    sent = index.sent_of(token.i)
    if sent > 0:
        previous = index.sents[sent - 1]
        for subject in (c for c in previous.root.children if c.dep_ == "nsubj"):
            s_start, s_end = phrase_extent(subject)
            candidate = earlier.get(s_start) or index.entity_at(s_start, s_end)
            if fits(candidate):
                return candidate
    if labels is lex.ORG_LABELS:
        previous_source = _previous_source(token, labels, index=index)
        if previous_source is not None:
            return previous_source
    for _, _, entity in index.mentions_before(token.idx):
        if fits(entity):
            return entity
    return None


def _cue_subjects_before(
    token: Token, fits: Callable[[Entity | None], bool], *, index: MentionIndex
) -> Iterator[tuple[int, Entity]]:
    """Named subjects of speech verbs in the sentences just before ``token`` ("Jane Doe vowed that ...").

    Reported speech is found after the quoted passages, so its speakers are not yet in ``earlier``;
    a pronoun after such a sentence still keeps to that speaker.
    """
    floor = token.idx - lex.SPEAKER_MEMORY_CHARS
    sent = index.sent_of(token.i)
    for sent in reversed(index.sents[max(0, sent - lex.CUE_SENTENCES_RECALLED) : sent]):
        if sent.start_char < floor:
            return
        if not is_cue(sent.root):
            continue
        for subject in (c for c in sent.root.children if c.dep_ == "nsubj"):
            s_start, s_end = phrase_extent(subject)
            entity = index.entity_at(s_start, s_end)
            if fits(entity) and _named_at(entity, s_start, index=index):
                yield s_start, entity
