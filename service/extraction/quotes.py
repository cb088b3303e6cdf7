"""Quotations and their speakers.

Three passes over one parsed ``Doc``:

1. a linear scan of the raw text pairs quote marks into quoted spans (curly or
   straight, nested, multi-paragraph), ignoring apostrophes and stray marks;
2. each quoted span is classed as a whole utterance (``direct``) or a fragment
   of the writer's sentence (``partial``), and a cue near it gives the speaker;
3. reporting verbs with a reported clause, and "according to X", give
   ``indirect`` quotes; a clause holding quoted fragments becomes one
   ``partial`` quote so that the fragment is not reported twice.

Speakers that are pronouns or descriptions keep their own mention and are
resolved to an entity from ``extract_entities``; when nothing supports a
speaker the quote has none.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Token

from service.extraction.doc_index import DocIndex, doc_index
from service.extraction.intervals import Intervals
from service.extraction.lexicon import quotes as lex
from service.extraction.model import Entity, Quote, QuoteKind, Span, Speaker

# A paragraph break is matched with the blank space after it, so the scan never rereads a run of blank lines.
_MARK_OR_BREAK = re.compile(f"{lex.QUOTE_MARK_PATTERN}|\n\\s*")
_TAG_LINE = re.compile(r"^[ \t]*[\"“]?([A-Z][A-Z.'\- ]{1,40}):[ \t]+(?=\S)", re.MULTILINE)


# --------------------------------------------------------------------------- quote marks


@dataclass(frozen=True, slots=True)
class Marked:
    """A quoted stretch of text: marks at ``open``/``close`` (``close`` is exclusive), content inside."""

    open: int
    close: int
    start: int
    end: int


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def _mark_role(text: str, i: int, mark: str, *, double_open: bool, single_open: bool) -> str | None:
    """ "open", "close" or None (an apostrophe or a mark that cannot be paired) for ``mark`` at ``i``."""
    before = text[i - 1] if i else " "
    after = text[i + len(mark)] if i + len(mark) < len(text) else " "
    left_free = before.isspace() or not (_is_word(before) or before in lex.LEFT_BINDING)
    right_free = after.isspace() or not _is_word(after)
    if mark in lex.CURLY_DOUBLE_OPENERS:
        return "open"
    if mark in lex.CURLY_DOUBLE_CLOSERS:
        return "close"
    if mark in lex.STRAIGHT_DOUBLES:
        if left_free and not right_free:
            return "open"
        if right_free and not left_free:
            return "close"
        return "close" if double_open else "open"
    if _is_word(before) and _is_word(after):
        return None  # Myanmar’s, don't
    if mark == "‘":
        return "open" if not after.isspace() else None
    # "’" and "'": an opener only for "'word", never for "’90s"; a closer only when a single quote is open.
    if mark == "'" and left_free and _is_word(after) and not after.isdigit():
        return "open"
    if not left_free and right_free and single_open:
        return "close"
    return None


def find_quoted_spans(text: str) -> list[Marked]:
    """Pair quote marks in one pass; an unclosed quote ends at its paragraph unless the next one reopens it."""
    found: list[Marked] = []
    double_at: int | None = None
    opener_len = 1
    single_at: int | None = None
    paragraphs = 0
    skip_opener = -1
    for match in _MARK_OR_BREAK.finditer(text):
        i, mark = match.start(), match.group()
        if mark[0] == "\n":
            single_at = None
            if double_at is None:
                continue
            nxt = match.end()
            if text.startswith(lex.PARAGRAPH_REOPENERS, nxt) and paragraphs < lex.MAX_QUOTE_PARAGRAPHS:
                paragraphs += 1  # the multi-paragraph convention: no closing mark, next paragraph opens again
                skip_opener = nxt
            else:
                double_at = None
            continue
        if i == skip_opener:
            continue
        role = _mark_role(text, i, mark, double_open=double_at is not None, single_open=single_at is not None)
        if role is None:
            continue
        is_double = mark in lex.DOUBLE_OPENERS or mark in lex.DOUBLE_CLOSERS
        if is_double and role == "open":
            if double_at is not None and mark in lex.STRAIGHT_DOUBLES:
                role = "close"
            else:
                double_at, opener_len, single_at, paragraphs = i, len(mark), None, 0
                continue
        if is_double:
            if double_at is not None:
                _add_span(found, text, (double_at, double_at + opener_len), (i, i + len(mark)))
            double_at, single_at = None, None
            continue
        if role == "open":
            if single_at is None:
                single_at = i
        elif single_at is not None:
            if double_at is None:  # a single-quoted span nested in a double one belongs to it
                _add_span(found, text, (single_at, single_at + 1), (i, i + 1))
            single_at = None
    return found


def _add_span(found: list[Marked], text: str, opener: tuple[int, int], closer: tuple[int, int]) -> None:
    """Record the text between two marks, each given as its (start, end) offsets."""
    (open_at, start), (end, close_end) = opener, closer
    if close_end - open_at > lex.MAX_QUOTE_CHARS:
        return
    while start < end and text[start].isspace():
        start += 1
    # American style puts the sentence's comma inside the marks; it is not part of what was said.
    while end > start and (text[end - 1].isspace() or text[end - 1] in lex.NOT_QUOTED_TRAIL):
        end -= 1
    if end - start > 1 and text[end - 1] == "." and text[end - 2].islower():
        end -= 1  # a “king.” ends the writer's sentence, not the quote; "U.S." keeps its point
    if any(ch.isalnum() for ch in text[start:end]):
        found.append(Marked(open_at, close_end, start, end))


# --------------------------------------------------------------------------- document index


@dataclass(slots=True)
class _Index(DocIndex):
    """The document's shared index, plus entity mentions by position and titles seen with them."""

    doc: Doc
    mention_starts: list[int]
    mentions: list[tuple[int, int, Entity]]
    titles: dict[str, set[str]] = field(default_factory=dict)

    @classmethod
    def build(cls, doc: Doc, entities: Sequence[Entity]) -> _Index:
        shared = doc_index(doc)
        mentions = sorted(((m.start, m.end, e) for e in entities for m in e.mentions), key=lambda m: m[0])
        return cls(
            text=shared.text,
            token_starts=shared.token_starts,
            sent_starts=shared.sent_starts,
            sents=shared.sents,
            doc=doc,
            mention_starts=[m[0] for m in mentions],
            mentions=mentions,
        )

    def entity_at(self, start: int, end: int, *, labels: frozenset[str] | None = None) -> Entity | None:
        """The entity with a mention overlapping [start, end), longest overlap first."""
        best, best_shared = None, 0
        first = bisect_left(self.mention_starts, start - 200)
        for m_start, m_end, entity in self.mentions[first:]:
            if m_start >= end:
                break
            shared = min(end, m_end) - max(start, m_start)
            if shared > best_shared and (labels is None or entity.label in labels):
                best, best_shared = entity, shared
        return best

    def mentions_before(self, char: int) -> Iterator[tuple[int, int, Entity]]:
        """Mentions starting before ``char``, most recent first, without copying the list."""
        for position in range(bisect_left(self.mention_starts, char) - 1, -1, -1):
            yield self.mentions[position]

    def entity_titles(self, entity: Entity) -> set[str]:
        """Role words seen with the entity: its titles and the words just before its mentions ("Senior Gen.")."""
        if entity.id not in self.titles:
            words = {w.lower().rstrip(".") for title in entity.titles for w in title.split()}
            for mention in entity.mentions:
                first = self.token_at(mention.start)
                # Only the title words glued to the name ("Russian President Vladimir Putin"), not a verb's subject.
                for token in reversed(self.doc[max(0, first - 4) : first]):
                    if token.dep_ not in lex.TITLE_DEPS:
                        break
                    word = token.lower_.rstrip(".")
                    words.add(lex.TITLE_ABBREVIATIONS.get(word, word))
            self.titles[entity.id] = words
        return self.titles[entity.id]

    def gender(self, entity: Entity) -> str | None:
        genders = {lex.GENDERED_TITLES[w] for w in self.entity_titles(entity) if w in lex.GENDERED_TITLES}
        return genders.pop() if len(genders) == 1 else None


# --------------------------------------------------------------------------- speakers


@dataclass(frozen=True, slots=True)
class _Attribution:
    """What a cue gives: the cue span, the speaker's head token and the listener's."""

    cue: Span
    speaker: Token | None
    addressee: Token | None


def _span(text: str, start_char: int, end_char: int) -> Span:
    return Span(text[start_char:end_char], start_char, end_char)


def _token_span(first: Token, last: Token) -> Span:
    """The text from ``first`` to ``last`` inclusive, read from the tokens (no whole-text copy)."""
    words = first.doc[first.i : last.i + 1]
    return Span(words.text, first.idx, last.idx + len(last.text))


def _phrase(token: Token) -> tuple[int, int]:
    """Character extent of a noun phrase without its relative clauses, appositions or prepositional tails."""
    left, right = token.left_edge.i, token.i
    for child in token.rights:
        if child.dep_ in lex.SPEAKER_EXCLUDED_DEPS or child.is_punct:
            break
        right = child.right_edge.i
    doc = token.doc
    while left < right and (doc[left].is_punct or doc[left].is_space):
        left += 1
    return doc[left].idx, doc[right].idx + len(doc[right].text)


def _subject(verb: Token) -> Token | None:
    """The subject of a cue verb, borrowed from the verb it hangs on for "..., adding that" and "and said"."""
    for _ in range(3):
        for child in verb.children:
            if child.dep_ in lex.SUBJECT_DEPS:
                return None if child.dep_ == "nsubjpass" else child
        if verb.dep_ not in ("conj", "advcl", "xcomp") or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


def _attribution(verb: Token) -> _Attribution | None:
    """Speaker and listener of a cue verb, handling "X quoted Y as saying" and "according to X"."""
    if verb.lower_ == lex.ACCORDING_TO[0]:
        to = next((c for c in verb.children if c.lower_ == lex.ACCORDING_TO[1]), None)
        obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
        if obj is None:
            return None
        return _Attribution(_token_span(verb, to), obj, None)
    cue = _token_span(verb, verb)
    if verb.lemma_ in lex.QUOTED_AS:
        quoted = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if quoted is not None and any(c.lower_ == "as" for c in verb.children):
            return _Attribution(cue, quoted, None)
    addressee = None
    if verb.lemma_ in lex.ADDRESSEE_VERBS:
        addressee = next((c for c in verb.children if c.dep_ in ("dobj", "dative")), None)
    return _Attribution(cue, _subject(verb) or _reduced_subject(verb), addressee)


def _is_cue(token: Token) -> bool:
    if token.lower_ == lex.ACCORDING_TO[0]:
        return token.i + 1 < len(token.doc) and token.nbor().lower_ == lex.ACCORDING_TO[1]
    return token.pos_ == "VERB" and token.lemma_ in lex.SPEECH_VERBS


class _Resolver:
    """Maps a speaker mention to the entity meant: by overlap for names, by context for pronouns and descriptions."""

    def __init__(self, index: _Index) -> None:
        self.index = index
        self.resolved: dict[int, Entity | None] = {}  # speaker start char → entity, for later pronouns

    def speaker(self, token: Token, *, addressee: Token | None) -> Speaker:
        start, end = _phrase(token)
        if token.lower_ in lex.RELATIVE_PRONOUNS:
            # "X, who ..., said": the relative pronoun is the mention, its antecedent the speaker.
            start, end = token.idx, token.idx + len(token.text)
        text = self.index.text[start:end]
        entity = self._entity(token, start, end, addressee=addressee)
        self.resolved[start] = entity
        lower = token.lower_
        if entity is not None:
            name = entity.name
        elif lower in lex.PERSON_PRONOUNS or lower in lex.THING_PRONOUNS:
            name = None
        else:
            name = text
        return Speaker(text=text, start=start, end=end, entity=entity.id if entity else None, name=name)

    def _entity(self, token: Token, start: int, end: int, *, addressee: Token | None) -> Entity | None:
        index = self.index
        lower = token.lower_
        if lower in lex.RELATIVE_PRONOUNS and token.head.dep_ == "relcl":
            antecedent = token.head.head
            a_start, a_end = _phrase(antecedent)
            return index.entity_at(a_start, a_end)
        barred = None
        if addressee is not None:
            barred = index.entity_at(addressee.idx, addressee.idx + len(addressee.text))
        if lower in lex.PERSON_PRONOUNS:
            if lower in lex.UNRESOLVED_PRONOUNS:
                return None  # the writer or a listener: no entity to name
            return self._antecedent(token, lex.PERSON_LABELS, lex.PERSON_PRONOUNS[lower], barred)
        if lower in lex.THING_PRONOUNS:
            return self._antecedent(token, lex.ORG_LABELS, None, barred)
        named = index.entity_at(token.idx, token.idx + len(token.text), labels=lex.SPEAKER_LABELS)
        if named is None:
            named = index.entity_at(start, end, labels=lex.SPEAKER_LABELS)
        if named is not None:
            return named
        if any(c.dep_ == "poss" or c.lower_ in lex.DEFINITE_DETERMINERS for c in token.children):
            return self._description(token, barred)
        return None

    def _description(self, token: Token, barred: Entity | None) -> Entity | None:
        """ "the general" → the latest person titled general; "the ministry" → the latest organisation so named."""
        noun = token.lower_ if token.lower_ in lex.DESCRIPTIONS else token.lemma_.lower()
        if noun not in lex.DESCRIPTIONS:
            return None
        for _, _, entity in self.index.mentions_before(token.idx):
            if entity is barred:
                continue
            if noun in lex.PERSON_DESCRIPTIONS and entity.label in lex.PERSON_LABELS:
                if noun in self.index.entity_titles(entity):
                    return entity
            elif noun in lex.ORG_DESCRIPTIONS and entity.label in lex.ORG_LABELS:
                if noun in entity.name.lower():
                    return entity
        if noun in lex.ORG_DESCRIPTIONS:
            return self._previous_speaker(token, lex.ORG_LABELS)
        return None

    def _previous_speaker(self, token: Token, labels: frozenset[str]) -> Entity | None:
        """The latest organisation named just before a cue ("the statement said" after "the Kremlin said")."""
        doc = self.index.doc
        for _, end, entity in self.index.mentions_before(token.idx):
            if entity.label not in labels:
                continue
            # "The Kremlin said", "the Global New Light of Myanmar newspaper reported": a cue right after the name.
            last = self.index.token_at(end - 1)
            if doc[last].dep_ in lex.OBJECT_DEPS:
                continue  # "a session of the Eastern Economic Forum,” the statement said" names no source
            if any(_is_cue(t) for t in doc[last + 1 : last + 1 + lex.SOURCE_CUE_GAP]):
                return entity
        return None

    def _antecedent(
        self, token: Token, labels: frozenset[str], gender: str | None, barred: Entity | None
    ) -> Entity | None:
        """The subject of the previous sentence if it fits (centering), else the latest fitting mention."""

        def fits(entity: Entity | None) -> bool:
            if entity is None or entity is barred or entity.label not in labels:
                return False
            known = self.index.gender(entity) if gender else None
            return known is None or known == gender

        index = self.index
        sent = index.sent_of(token.i)
        if sent > 0:
            previous = index.sents[sent - 1]
            for subject in (c for c in previous.root.children if c.dep_ == "nsubj"):
                s_start, s_end = _phrase(subject)
                candidate = self.resolved.get(s_start) or index.entity_at(s_start, s_end)
                if fits(candidate):
                    return candidate
        if labels is lex.ORG_LABELS:
            previous_speaker = self._previous_speaker(token, labels)
            if previous_speaker is not None:
                return previous_speaker
        for _, _, entity in index.mentions_before(token.idx):
            if fits(entity):
                return entity
        return None


# --------------------------------------------------------------------------- extraction


@dataclass(slots=True)
class _Found:
    start: int
    end: int
    kind: QuoteKind
    cue: Span | None
    speaker: Speaker | None
    addressee: Span | None


def _intro_cue(index: _Index, marked: Marked) -> Token | None:
    """ "Putin said:" ending the previous sentence introduces the quote after it."""
    first = index.token_at(marked.open)
    sent = index.sent_of(first)
    if sent == 0 or index.sents[sent].start != first:
        return None
    previous = index.sents[sent - 1]
    if len(previous) > lex.MAX_INTRO_TOKENS or previous[-1].text != ":":
        return None
    return next((t for t in reversed(previous) if _is_cue(t)), None)


def _is_break(token: Token) -> bool:
    """A paragraph break or a sentence-final mark: a frame never reaches across one."""
    return (token.is_space and "\n" in token.text) or token.text in lex.SENTENCE_FINAL


def _cue_after(index: _Index, marked: Marked) -> Token | None:
    """The cue of a "…,” X said" / "…?” said X" frame: only a short speaker phrase may stand between."""
    doc = index.doc
    last = index.token_at(marked.close - 1)
    for token in doc[last + 1 : last + 1 + lex.FRAME_WINDOW]:
        if _is_cue(token):
            return token
        if _is_break(token) or token.text in lex.DOUBLE_OPENERS:
            return None
        if token.pos_ not in lex.FRAME_POS and not token.is_punct:
            return None
    return None


def _cue_before(index: _Index, marked: Marked) -> Token | None:
    """The cue of a "X said: “…”" / "he told CNN on Monday, “…”" frame, in the quote's sentence."""
    doc = index.doc
    first = index.token_at(marked.open)
    for token in reversed(doc[max(0, first - lex.FRAME_WINDOW) : first]):
        if _is_break(token) or token.text in lex.DOUBLE_CLOSERS:
            return None
        if _is_cue(token):
            return token
    return None


def _noun_head(token: Token, *, lo: int, hi: int) -> Token:
    """Climb from a word to the head of its noun phrase without leaving the token range [lo, hi)."""
    while token.head.i != token.i and lo <= token.head.i < hi and token.head.pos_ in lex.NOUN_POS:
        token = token.head
    return token


def _framed_speaker(verb: Token, marked: Marked, *, after: bool) -> Token | None:
    """The speaker of a framed quote must stand on the cue's side of it; the parser sometimes disagrees."""
    attribution = _attribution(verb)
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
        if _is_break(token):
            break
        if token.pos_ in lex.NOUN_POS:
            return _noun_head(token, lo=verb.i + 1, hi=following.end)
    return None


def _ends_like_utterance(text: str, marked: Marked) -> bool:
    inside = marked.close - 2  # the last character before the closing mark
    while inside > marked.start and text[inside].isspace():
        inside -= 1
    return text[inside] in lex.UTTERANCE_END


def _is_utterance(text: str, marked: Marked, index: _Index) -> bool:
    """Whether a quoted span is the speaker's own utterance rather than words woven into the writer's sentence.

    It is when a cue frames it ("…,” X said), or when it opens a sentence or follows a cue ("X said, “…")
    and ends like a sentence.
    """
    before = marked.open - 1
    while before >= 0 and text[before] in " \t":
        before -= 1
    opens = before < 0 or text[before] in lex.UTTERANCE_START
    if (opens or not text[before].isalnum()) and _cue_after(index, marked) is not None:
        return True  # "The program, known as X, “can continue …,” Clinton wrote."
    if not opens:
        previous = index.doc[index.token_at(before)]
        if previous.is_punct and previous.i > 0:
            # "he told CNN on Monday, “…" introduces a quote; "said that along with X, “…" weaves one in.
            lead = index.doc[max(0, previous.i - lex.FRAME_WINDOW) : previous.i]
            cues = [t for t in lead if _is_cue(t)]
            opens = (
                previous.text in lex.INTRO_PUNCT
                and bool(cues)
                and not any(t.lower_ in lex.COMPLEMENTIZERS for t in lead[cues[-1].i - lead.start :])
            )
        else:
            opens = _is_cue(previous)
    if not opens:
        return False
    if _ends_like_utterance(text, marked):
        return True
    after = marked.close
    while after < len(text) and text[after] in " \t":
        after += 1
    return after >= len(text) or text[after] in lex.SENTENCE_BREAK


def _direct_and_partial(
    index: _Index, resolver: _Resolver, spans: list[Marked]
) -> tuple[list[_Found], list[tuple[Marked, _Found]]]:
    text = index.text
    direct: list[_Found] = []
    fragments: list[tuple[Marked, _Found]] = []
    previous: _Found | None = None
    previous_paragraph_end = -1
    for marked in spans:
        if not _is_utterance(text, marked, index):
            found = _Found(marked.start, marked.end, "partial", None, None, None)
            verb = _governing_cue(index, marked)
            if verb is not None:
                _attach(found, _attribution(verb), resolver, marked)
            fragments.append((marked, found))
            continue
        found = _Found(marked.start, marked.end, "direct", None, None, None)
        # A quote closing its own sentence ('… himself."') belongs with a cue before it sooner than one after.
        verb = _cue_before(index, marked) if text[marked.end] == "." else None
        after = verb is None
        if verb is None:
            verb = _cue_after(index, marked)
        if verb is None:
            verb, after = _cue_before(index, marked) or _intro_cue(index, marked), False
        if verb is not None:
            attribution = _attribution(verb)
            if attribution is not None:
                speaker = _framed_speaker(verb, marked, after=after)
                _attach(found, replace(attribution, speaker=speaker), resolver, marked)
        elif previous is not None and previous.speaker is not None and previous_paragraph_end >= marked.open:
            found.speaker = previous.speaker  # a quote with no cue continues the last speaker's
        previous = found
        direct.append(found)
        previous_paragraph_end = _paragraph_end(text, marked.close)
    return direct, fragments


def _paragraph_end(text: str, at: int) -> int:
    """End of the paragraph holding ``at``, counting the blank lines after it as part of it."""
    end = text.find("\n", at)
    if end < 0:
        return len(text)
    while end < len(text) and text[end].isspace():
        end += 1
    return end


def _governing_cue(index: _Index, marked: Marked) -> Token | None:
    """The cue verb a quoted fragment depends on ("hailed the “substantive” talks"), or one right after it."""
    token = index.doc[index.token_at(marked.start)]
    for _ in range(6):
        if token.pos_ == "VERB" and token.lemma_ in lex.FRAGMENT_VERBS:
            return token
        if token.head.i == token.i:
            break
        token = token.head
    return None


def _attach(found: _Found, attribution: _Attribution | None, resolver: _Resolver, marked: Marked | None) -> None:
    if attribution is None:
        return
    found.cue = attribution.cue
    speaker = attribution.speaker
    if speaker is not None and (marked is None or not marked.open <= speaker.idx < marked.close):
        found.speaker = resolver.speaker(speaker, addressee=attribution.addressee)
    addressee = attribution.addressee
    if addressee is not None:
        start, end = _phrase(addressee)
        found.addressee = _span(resolver.index.text, start, end)


def _clause_extent(index: _Index, clause: Token, verb: Token) -> tuple[int, int] | None:
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


def _reduced_subject(verb: Token) -> Token | None:
    """The parser reads "..., the X newspaper reported on Saturday." as a noun modified by a participle."""
    if verb.dep_ == "acl" and verb.head.i == verb.i - 1 and verb.tag_ in ("VBD", "VBN"):
        return verb.head
    return None


def _inverted_extent(index: _Index, verb: Token, subject: Token) -> tuple[int, int] | None:
    """ "<content>, X said." with no clause attached: the content is what precedes the comma before X."""
    doc = index.doc
    sent = index.sents[index.sent_of(verb.i)]
    head_start = min(subject.left_edge.i, verb.i)
    if head_start - 1 <= sent.start or doc[head_start - 1].text != ",":
        return None
    if any(c.dep_ in ("dobj", "ccomp") for c in verb.children):
        return None
    left, right = sent.start, head_start - 2
    while right >= left and doc[right].is_punct and doc[right].text not in lex.DOUBLE_CLOSERS:
        right -= 1
    if right - left < 2:
        return None
    return doc[left].idx, doc[right].idx + len(doc[right].text)


def _according_extent(index: _Index, according: Token) -> tuple[int, int] | None:
    """ "<content>, according to X." or "According to X, <content>.": the sentence without the cue phrase."""
    doc = index.doc
    sent = index.sents[index.sent_of(according.i)]
    if any(t.i != according.i and _is_cue(t) and _subject(t) is not None for t in sent):
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


def _indirect(index: _Index, resolver: _Resolver) -> list[_Found]:
    found: list[_Found] = []
    for token in index.doc:
        lemma = token.lemma_
        if token.lower_ == lex.ACCORDING_TO[0]:
            if not _is_cue(token):
                continue
            extent = _according_extent(index, token)
        elif token.pos_ == "VERB" and (lemma in lex.SPEECH_VERBS or lemma in lex.THOUGHT_VERBS):
            clause = next((c for c in token.children if c.dep_ in lex.CONTENT_DEPS), None)
            if clause is not None:
                extent = _clause_extent(index, clause, token)
            else:
                subject = _subject(token) or _reduced_subject(token)
                extent = _inverted_extent(index, token, subject) if subject is not None else None
        else:
            continue
        if extent is None:
            continue
        item = _Found(extent[0], extent[1], "indirect", None, None, None)
        _attach(item, _attribution(token), resolver, Marked(extent[0], extent[1], extent[0], extent[1]))
        found.append(item)
    return found


def _tagged_turns(index: _Index) -> list[_Found]:
    """Transcript turns ("PENCE: Well, look ...") and headline tags ("Pence: ...")."""
    text = index.text
    found: list[_Found] = []
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
        entity = index.entity_at(tag_start, tag_start + len(tag))
        speaker = Speaker(
            tag, tag_start, tag_start + len(tag), entity.id if entity else None, entity.name if entity else tag
        )
        colon = match.end(1)
        found.append(_Found(start, end, "direct", _span(text, colon, colon + 1), speaker, None))
    return found


def _continue_speakers(index: _Index, found: list[_Found]) -> None:
    """A quote with no cue right after an attributed one in the same paragraph is still that speaker's."""
    text = index.text
    for previous, item in zip(found, found[1:]):
        if item.speaker is not None or item.cue is not None or item.kind == "indirect" or previous.speaker is None:
            continue
        if "\n" in text[previous.end : item.start]:
            continue
        gap = index.sent_of(index.token_at(item.start)) - index.sent_of(index.token_at(max(previous.end - 1, 0)))
        if gap <= 1:
            item.speaker = previous.speaker


def extract_quotes(doc: Doc, *, entities: Sequence[Entity]) -> list[Quote]:
    """Every quotation in ``doc``, in text order, with its cue and speaker where the text supports one."""
    index = _Index.build(doc, entities)
    resolver = _Resolver(index)
    spans = find_quoted_spans(index.text)
    direct, fragments = _direct_and_partial(index, resolver, spans)
    taken = Intervals((f.start, f.end) for f in direct)
    kept: list[_Found] = direct + [t for t in _tagged_turns(index) if not taken.overlaps(t.start, t.end)]
    taken = Intervals((f.start, f.end) for f in kept)
    # Scanner spans never overlap, so fragment starts and ends both ascend.
    fragment_starts = [m.start for m, _ in fragments]
    fragment_ends = [m.end for m, _ in fragments]
    for clause in _indirect(index, resolver):
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
        )
        for n, f in enumerate(_dedupe(kept), start=1)
    ]


def _dedupe(found: list[_Found]) -> list[_Found]:
    seen: set[tuple[int, int]] = set()
    unique = []
    for item in found:
        if (item.start, item.end) not in seen:
            seen.add((item.start, item.end))
            unique.append(item)
    return unique
