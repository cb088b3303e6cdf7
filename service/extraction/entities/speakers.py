"""Speakers named in the text are entities, and a speaker's ``entity`` always resolves.

The quote extractor names a speaker from the text ("Rosatom said ...") even when
spaCy saw no entity there; such a name becomes an entity of its own, with every
occurrence of the name as a mention, so that ``speaker.entity`` is never null for
a named speaker.
"""

from __future__ import annotations

import re
from dataclasses import replace

from service.extraction.lexicon.entities import BUSINESS_WORDS, COMPANY_SUFFIXES
from service.extraction.model import Entity, Quote, Span

# A name: capitalised words, not a pronoun or a description ("he", "the minister").
_NAME = re.compile(r"[A-Z][\w&.'’\-]*(?: [A-Z][\w&.'’\-]*)*")
# Salience of an entity known only as a speaker the entity extractor did not see.
_SPEAKER_ONLY_SALIENCE = 0.0


def link_named_speakers(entities: list[Entity], quotes: list[Quote], *, text: str) -> None:
    """Give every quote whose speaker is a name an entity, adding one when none matches.

    New entities are appended to ``entities`` (they were not ranked by salience) and
    the quotes' speakers point to them.
    """
    by_name = {entity.name.casefold(): entity for entity in entities}
    for quote in quotes:
        speaker = quote.speaker
        if speaker is None or speaker.entity is not None or not speaker.name:
            continue
        name = speaker.name.strip()
        if not _NAME.fullmatch(name):
            continue
        entity = by_name.get(name.casefold())
        if entity is None:
            taken = [(mention.start, mention.end) for known in entities for mention in known.mentions]
            entity = _speaker_entity(name, entity_id=f"E{len(entities) + 1}", text=text, taken=taken)
            if entity is None:
                continue
            entities.append(entity)
            by_name[name.casefold()] = entity
        quote.speaker = replace(speaker, entity=entity.id)


def _speaker_entity(name: str, *, entity_id: str, text: str, taken: list[tuple[int, int]]) -> Entity | None:
    """An entity for the name, mentioned wherever the text spells it outside other entities' mentions."""
    mentions = [
        Span(match.group(), match.start(), match.end())
        for match in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text)
        if not any(start < match.end() and match.start() < end for start, end in taken)
    ]
    if not mentions:
        return None
    return Entity(
        id=entity_id, name=name, label=_speaker_label(name), salience=_SPEAKER_ONLY_SALIENCE, mentions=mentions
    )


def _speaker_label(name: str) -> str:
    """A full name of two or more words is a person's; one word, or a firm's word, an organisation's."""
    words = name.lower().replace(".", "").split()
    if len(words) < 2 or words[-1] in COMPANY_SUFFIXES or words[-1] in BUSINESS_WORDS:
        return "ORG"
    return "PERSON"


def without_entity_ids(quotes: list[Quote]) -> None:
    """Drop the speakers' entity ids: the response carries no entity list they could point into."""
    for quote in quotes:
        if quote.speaker is not None and quote.speaker.entity is not None:
            quote.speaker = replace(quote.speaker, entity=None)
