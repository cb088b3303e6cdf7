"""Named entities grouped into one record per real-world thing in a document."""

from __future__ import annotations

from collections import Counter, defaultdict

from spacy.tokens import Doc

from service.extraction.lexicon.entities import ENTITY_LABELS
from service.extraction.model import Entity, Span


def _clean_mention(doc: Doc, start: int, end: int) -> Span | None:
    """Trim a spaCy entity to the name itself: no leading article, possessive or punctuation."""
    tokens = doc[start:end]
    while tokens and (tokens[0].is_punct or tokens[0].is_space or tokens[0].lower_ == "the"):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space or tokens[-1].tag_ == "POS"):
        tokens = tokens[:-1]
    if not tokens:
        return None
    start_char, end_char = tokens.start_char, tokens.end_char
    return Span(doc.text[start_char:end_char], start_char, end_char)


def extract_entities(doc: Doc) -> list[Entity]:
    """Group spaCy's entities by name; a single word that ends a longer name of the same label joins it."""
    groups: dict[tuple[str, str], list[Span]] = defaultdict(list)
    for ent in doc.ents:
        if ent.label_ not in ENTITY_LABELS:
            continue
        mention = _clean_mention(doc, ent.start, ent.end)
        if mention is not None:
            groups[(ent.label_, mention.text)].append(mention)

    full_name_by_last_word: dict[tuple[str, str], str] = {}
    for label, name in sorted(groups, key=lambda key: len(key[1])):
        words = name.split()
        if len(words) > 1:
            full_name_by_last_word[(label, words[-1])] = name
    merged: dict[tuple[str, str], list[Span]] = defaultdict(list)
    for (label, name), mentions in groups.items():
        target = full_name_by_last_word.get((label, name), name) if " " not in name else name
        merged[(label, target)].extend(mentions)

    total = sum(len(mentions) for mentions in merged.values()) or 1
    first_seen = {key: min(m.start for m in mentions) for key, mentions in merged.items()}
    counts = Counter({key: len(mentions) for key, mentions in merged.items()})
    ordered = sorted(merged, key=lambda key: (-counts[key], first_seen[key]))
    return [
        Entity(
            id=f"E{index}",
            name=name,
            label=label,
            salience=round(counts[(label, name)] / total, 4),
            mentions=sorted(merged[(label, name)], key=lambda m: m.start),
        )
        for index, (label, name) in enumerate(ordered, start=1)
    ]
