"""Named entities grouped into one record per real-world thing in a document.

Steps: clean spaCy's spans (``entities_mentions``), join adjacent fragments of one
name, extend partial names to a full name used elsewhere, find further
occurrences of the names spaCy missed, then group mentions into entities (same
name, part of a person's full name, acronym of a longer name), give each group
one label by vote, and rank the groups by salience.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from service.extraction.entities_mentions import Mention, clean_mentions
from service.extraction.lexicon.entities import (
    ACRONYM_SKIP,
    LABEL_OVERRIDES,
    LABEL_PRIORITY,
    SPEECH_VERBS,
    TIME_LABELS,
)
from service.extraction.model import Entity, Span

# Labels that name something; the others (DATE, TIME) are kept but never merged by name.
_NAME_LABELS = frozenset(LABEL_PRIORITY)
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# Labels spaCy wrongly gives a surname standing alone.
_SURNAME_LABELS = frozenset({"ORG", "GPE", "NORP"})


@dataclass(frozen=True, slots=True)
class _Source:
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
class _Group:
    """Mentions believed to name one thing, keyed by the casefolded words of a name."""

    words: tuple[str, ...]
    mentions: list[Mention] = field(default_factory=list)
    label: str = ""


def _joined_label(doc: Doc, previous: Mention, mention: Mention) -> str | None:
    """Label of a one-word name and the name right after it read as one, or None if they are two.

    spaCy cuts some names in two: "Yury" (ORG) + "Ushakov" (PERSON) is one person,
    "Iraqi" + "Kurdish" one nationality.
    """
    if previous.end != mention.start or previous.end - previous.start != 1 or not doc[previous.start].is_title:
        return None
    labels = {previous.label, mention.label}
    if labels == {"NORP"}:
        return "NORP"
    if "PERSON" in labels and labels <= _NAME_LABELS - {"NORP"}:
        return "PERSON"
    return None


def _drop_common_words(source: _Source, mentions: list[Mention]) -> list[Mention]:
    """Drop a lone word in capitals or at sentence start that the text also uses in lower case.

    Capitals hide whether a word is a name: "CRICKET -" in a headline or "Riot police" at
    sentence start are common words, which the same text shows as "cricket" or "riot".
    """
    doubtful = {
        source.surface(m)
        for m in mentions
        if m.end - m.start == 1 and m.label in _NAME_LABELS - {"NORP"} and _hides_case(source.doc[m.start])
    }
    if not doubtful:
        return mentions
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(word.lower()) for word in doubtful) + r")\b")
    common = {match.group() for match in pattern.finditer(source.text)}
    return [m for m in mentions if m.end - m.start > 1 or source.surface(m).lower() not in common]


def _hides_case(token: Token) -> bool:
    return (token.is_upper and len(token) > 1) or token.is_sent_start or token.i == 0


def _join_fragments(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    joined: list[Mention] = []
    for mention in mentions:
        label = _joined_label(doc, joined[-1], mention) if joined else None
        if label is None:
            joined.append(mention)
        else:
            previous = joined[-1]
            joined[-1] = Mention(previous.start, mention.end, label, previous.titles or mention.titles)
    return joined


def _extend_partial_names(source: _Source, mentions: list[Mention]) -> None:
    """Grow "Min Aung" or "Aung Hlaing" to "Min Aung Hlaing" when the full name is in the text."""
    doc = source.doc
    full_names = {source.words(m) for m in mentions if m.label == "PERSON" and m.end - m.start > 1}
    taken = {index for m in mentions for index in range(m.start, m.end)}
    for mention in mentions:
        if mention.label != "PERSON":
            continue
        words = source.words(mention)
        for name in full_names:
            if len(name) <= len(words):
                continue
            for offset in range(len(name) - len(words) + 1):
                if name[offset : offset + len(words)] != words:
                    continue
                start, end = mention.start - offset, mention.start - offset + len(name)
                if start < 0 or end > len(doc):
                    continue
                extra = [*range(start, mention.start), *range(mention.end, end)]
                if all(i not in taken and doc[i].lower_ == name[i - start] for i in extra):
                    taken.update(extra)
                    mention.start, mention.end = start, end
                    break


def _narrow_capitals(source: _Source, mentions: list[Mention]) -> list[Mention]:
    """Cut an all-capitals span down to a name the body spells in mixed case.

    In headlines spaCy runs names into the words around them ("ENGLAND BEAT"); when the
    body names "England", the headline span becomes "ENGLAND" with the body's label.
    """
    surfaces = [source.surface(m) for m in mentions]
    known = {
        surface.upper(): m.label
        for m, surface in zip(mentions, surfaces)
        if m.label in _NAME_LABELS and not surface.isupper()
    }
    narrowed: list[Mention] = []
    for mention, surface in zip(mentions, surfaces):
        if mention.end - mention.start > 1 and surface.isupper() and surface not in known:
            mention = _known_part(source, mention, known) or mention
        narrowed.append(mention)
    return narrowed


def _known_part(source: _Source, mention: Mention, known: dict[str, str]) -> Mention | None:
    for length in range(mention.end - mention.start - 1, 0, -1):
        for start in range(mention.start, mention.end - length + 1):
            part = Mention(start, start + length, "", sure=False)
            part.label = known.get(source.surface(part), "")
            if part.label:
                return part
    return None


def _propagate(source: _Source, mentions: list[Mention]) -> list[Mention]:
    """Other occurrences of the document's names that spaCy missed (headlines, captions, tables).

    A name is found again verbatim, or in capitals inside an all-capitals stretch; a
    person's surname alone also counts.  A one-word hit that touches another capitalised
    word is part of a longer name and is left alone.
    """
    doc = source.doc
    surfaces: dict[str, str] = {}
    for mention in mentions:
        if mention.label not in _NAME_LABELS:
            continue
        surfaces.setdefault(source.surface(mention), mention.label)
        last = doc[mention.end - 1]
        if mention.label == "PERSON" and mention.end - mention.start > 1 and len(last) > 2 and last.is_title:
            surfaces.setdefault(last.text, "PERSON")
    for surface, label in list(surfaces.items()):
        surfaces.setdefault(surface.upper(), label)
    if not surfaces:
        return []
    pattern = re.compile(
        r"(?<!\w)(?:" + "|".join(re.escape(s) for s in sorted(surfaces, key=len, reverse=True)) + r")(?!\w)"
    )
    taken = {index for m in mentions for index in range(m.start, m.end)}
    taken.update(index for ent in doc.ents for index in range(ent.start, ent.end))
    found: list[Mention] = []
    for match in pattern.finditer(source.text):
        span = doc.char_span(match.start(), match.end())
        if span is None or any(index in taken for index in range(span.start, span.end)):
            continue
        if len(span) == 1 and not match.group().isupper():
            neighbours = [doc[i] for i in (span.start - 1, span.end) if 0 <= i < len(doc)]
            if any(token.is_title and token.pos_ == "PROPN" for token in neighbours):
                continue
        found.append(Mention(span.start, span.end, surfaces[match.group()], sure=False))
        taken.update(range(span.start, span.end))
    return found


def _vote(mentions: list[Mention], name: str) -> str:
    override = LABEL_OVERRIDES.get(name)
    if override is not None:
        return override
    counts = Counter(m.label for m in mentions if m.sure) or Counter(m.label for m in mentions)
    return max(counts, key=lambda label: (counts[label], -LABEL_PRIORITY.index(label)))


def _acronym(words: tuple[str, ...]) -> str:
    return "".join(word[0] for word in words if word not in ACRONYM_SKIP and word[0].isalpha())


def _merge_into(groups: dict[tuple[str, ...], _Group], short: tuple[str, ...], long: tuple[str, ...]) -> None:
    groups[long].mentions.extend(groups.pop(short).mentions)


def _merge_person_parts(groups: dict[tuple[str, ...], _Group]) -> None:
    """A part of a person's full name joins the full name's group.

    Any part of a PERSON name ("Putin", "Min Aung") joins; a one-word name spaCy typed
    otherwise joins only as the surname ("Ushakov" as ORG).
    """
    persons = [words for words, group in groups.items() if group.label == "PERSON" and len(words) > 1]
    for words in sorted(groups, key=len):
        group = groups[words]
        if group.label != "PERSON" and (len(words) > 1 or group.label not in _SURNAME_LABELS):
            continue
        containing = {
            name
            for name in persons
            if len(name) > len(words)
            and any(name[i : i + len(words)] == words for i in range(len(name) - len(words) + 1))
        }
        longest = {name for name in containing if len(name) == max(map(len, containing))}
        # A part shared by two different people ("Aung" of two Burmese names) stays apart.
        if len(longest) == 1 and (group.label == "PERSON" or words[-1] == next(iter(longest))[-1]):
            _merge_into(groups, words, longest.pop())


def _merge_acronyms(doc: Doc, groups: dict[tuple[str, ...], _Group]) -> None:
    """An acronym ("NUG", "EEF", "UN") joins the longer name it abbreviates."""
    by_acronym: dict[str, tuple[str, ...]] = {}
    for words, group in groups.items():
        if len(words) > 1 and group.label in _NAME_LABELS:
            by_acronym.setdefault(_acronym(words), words)
    for words in list(groups):
        group = groups[words]
        if len(words) != 1 or group.label not in _NAME_LABELS:
            continue
        token = doc[group.mentions[0].start]
        if not (token.is_upper and 2 <= len(token.text.replace(".", "")) <= 6):
            continue
        long = by_acronym.get(words[0].replace(".", ""))
        if long is None:
            long = _parenthesised_long_form(doc, group.mentions, groups)
        if long is not None and long in groups:
            _merge_into(groups, words, long)


def _parenthesised_long_form(
    doc: Doc, mentions: list[Mention], groups: dict[tuple[str, ...], _Group]
) -> tuple[str, ...] | None:
    """The name right before "(ACRONYM)", as in "Association of Southeast Asian Nations (ASEAN)"."""
    ends = {m.end: words for words, group in groups.items() if len(words) > 1 for m in group.mentions}
    for mention in mentions:
        if mention.start >= 2 and doc[mention.start - 1].text == "(" and mention.start - 1 in ends:
            return ends[mention.start - 1]
    return None


def _group(source: _Source, mentions: list[Mention]) -> list[_Group]:
    groups: dict[tuple[str, ...], _Group] = {}
    times: list[_Group] = []
    for mention in mentions:
        words = source.words(mention)
        if mention.label in TIME_LABELS:
            times.append(_Group(words, [mention], mention.label))
        else:
            groups.setdefault(words, _Group(words)).mentions.append(mention)
    for words, group in groups.items():
        group.label = _vote(group.mentions, " ".join(words))
    # A merged group keeps the label of the full name: a surname alone inherits PERSON.
    _merge_person_parts(groups)
    _merge_acronyms(source.doc, groups)
    return [*groups.values(), *times]


def _canonical_name(source: _Source, group: _Group) -> str:
    """The fullest, then most frequent, spelling; mixed case is preferred to capitals."""
    counts = Counter(source.surface(m) for m in group.mentions)
    return max(counts, key=lambda text: (not text.isupper(), len(text.split()), counts[text], -len(text)))


def _mention_weight(source: _Source, mention: Mention) -> float:
    """Earlier mentions and grammatical subjects count more; speakers more still."""
    weight = 1.0 + 0.5 * (1.0 - source.start_char(mention) / max(len(source.text), 1))
    root = source.doc[mention.start : mention.end].root
    if root.dep_ in _SUBJECT_DEPS:
        weight += 0.5
        if root.head.lemma_ in SPEECH_VERBS:
            weight += 0.5
    if mention.label in TIME_LABELS:
        weight *= 0.25
    return weight


def _titles(group: _Group) -> list[str]:
    titles: list[str] = []
    for mention in sorted(group.mentions, key=lambda m: m.start):
        titles.extend(title for title in mention.titles if title not in titles)
    return titles


def extract_entities(doc: Doc) -> list[Entity]:
    """One entity per named thing, with clean mentions, sorted by salience (highest first)."""
    source = _Source(doc, doc.text)
    mentions = _drop_common_words(source, _narrow_capitals(source, _join_fragments(doc, clean_mentions(doc))))
    _extend_partial_names(source, mentions)
    mentions.extend(_propagate(source, mentions))
    groups = _group(source, mentions)
    scores = [sum(_mention_weight(source, m) for m in group.mentions) for group in groups]
    total = sum(scores) or 1.0
    first_start = [min(m.start for m in group.mentions) for group in groups]
    order = sorted(range(len(groups)), key=lambda i: (-scores[i], first_start[i]))
    entities: list[Entity] = []
    for rank, index in enumerate(order, start=1):
        group = groups[index]
        mentions_in_order = sorted(group.mentions, key=lambda m: m.start)
        entities.append(
            Entity(
                id=f"E{rank}",
                name=_canonical_name(source, group),
                label=group.label,
                # Rounded down so that the saliences never sum to more than 1.
                salience=int(10_000 * scores[index] / total) / 10_000,
                mentions=[
                    Span(source.surface(m), source.start_char(m), source.end_char(m)) for m in mentions_in_order
                ],
                titles=_titles(group),
            )
        )
    return entities
