"""The document as the entity steps read it, and a group of mentions of one thing."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from service.extraction.entities.mentions import Mention


@dataclass(frozen=True, slots=True)
class Source:
    """The Doc and its text, read once: ``Doc.text`` and ``Span.text`` rebuild strings token by token."""

    doc: Doc
    text: str

    def start_char(self, mention: Mention) -> int:
        return self.doc[mention.start].idx

    def end_char(self, mention: Mention) -> int:
        last = self.doc[mention.end - 1]
        return last.idx + len(last)

    def surface(self, mention: Mention) -> str:
        return self.text[self.start_char(mention) : self.end_char(mention)]

    def words(self, mention: Mention) -> tuple[str, ...]:
        return tuple(self.doc[i].lower_ for i in range(mention.start, mention.end))


@dataclass(slots=True)
class Group:
    """Mentions believed to name one thing, keyed by the lower-cased words of a name."""

    words: tuple[str, ...]
    mentions: list[Mention] = field(default_factory=list)
    label: str = ""
