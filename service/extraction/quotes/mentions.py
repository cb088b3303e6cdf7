"""The article's entity mentions by position, for finding who a speaker mention names."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc

from service.extraction.datelines import find_datelines
from service.extraction.doc_index import DocIndex, doc_index
from service.extraction.intervals import Intervals
from service.extraction.lexicon import quotes as lex
from service.extraction.model import Entity


@dataclass(slots=True)
class MentionIndex(DocIndex):
    """The document's shared index, plus entity mentions by position, titles seen with them, and datelines."""

    doc: Doc
    entities: Sequence[Entity]
    mention_starts: list[int]
    mentions: list[tuple[int, int, Entity]]
    datelines: Intervals
    titles: dict[str, set[str]] = field(default_factory=dict)
    full_names: dict[str, str] | None = None  # a name's word → the fullest name holding it, filled by ``speakers``
    cue_positions: list[int] | None = None  # token indices of the cue words, filled on first use by ``cues``

    @classmethod
    def build(cls, doc: Doc, entities: Sequence[Entity]) -> MentionIndex:
        shared = doc_index(doc)
        mentions = sorted(((m.start, m.end, e) for e in entities for m in e.mentions), key=lambda m: m[0])
        return cls(
            text=shared.text,
            token_starts=shared.token_starts,
            sent_starts=shared.sent_starts,
            sents=shared.sents,
            doc=doc,
            entities=entities,
            datelines=Intervals((d.start, d.end) for d in find_datelines(shared.text)),
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

    def entities_starting(self, start: int, end: int) -> Iterator[Entity]:
        """Entities with a mention starting in [start, end)."""
        for position in range(bisect_left(self.mention_starts, start), bisect_left(self.mention_starts, end)):
            yield self.mentions[position][2]

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

    def looks_personal(self, entity: Entity) -> bool:
        """A person the article shows as one: written with a full name somewhere, or with a title.

        spaCy also reads one-word things as people ("Brexit"); news names a real person in full or titles them.
        """
        return any(" " in mention.text.strip() for mention in entity.mentions) or bool(self.entity_titles(entity))

    def gender(self, entity: Entity) -> str | None:
        genders = {lex.GENDERED_TITLES[w] for w in self.entity_titles(entity) if w in lex.GENDERED_TITLES}
        return genders.pop() if len(genders) == 1 else None

