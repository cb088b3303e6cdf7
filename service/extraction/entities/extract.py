"""Named entities grouped into one record per real-world thing in a document.

Steps: clean spaCy's spans (``mentions``); join adjacent fragments of one
name; cut headline spans in capitals down to names the body knows; drop common
words that only look like names; extend partial names to a full name written
around them; find the occurrences of the document's names spaCy missed; group
mentions into entities (same name, part of a person's full name, acronym of a
longer name) with one label by vote; rank the entities by salience.  Everything
works on ``doc.ents``, a few tokens around them and one regex pass over the text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from service.extraction.datelines import find_datelines
from service.extraction.doc_index import doc_index
from service.extraction.entities.mentions import Mention, clean_mentions
from service.extraction.lexicon.entities import (
    ACRONYM_SKIP,
    COMPANY_SUFFIXES,
    LABEL_OVERRIDES,
    LABEL_PRIORITY,
    TIME_LABELS,
)
from service.extraction.lexicon.quotes import SPEECH_VERBS
from service.extraction.model import Entity, Span

# Labels that name something; DATE and TIME are merged only with the very same words.
_NAME_LABELS = frozenset(LABEL_PRIORITY)
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# A dateline mention weighs as little as a date mention in the text's middle.
_DATELINE_WEIGHT = 0.3
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
    """Mentions believed to name one thing, keyed by the lower-cased words of a name."""

    words: tuple[str, ...]
    mentions: list[Mention] = field(default_factory=list)
    label: str = ""


def _join_fragments(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Read adjacent fragments of one name as one mention (see ``_joined_label``)."""
    joined: list[Mention] = []
    for mention in mentions:
        label = _joined_label(doc, joined[-1], mention) if joined else None
        if label is None:
            joined.append(mention)
        else:
            previous = joined[-1]
            joined[-1] = Mention(previous.start, mention.end, label, previous.titles or mention.titles)
    return joined


def _joined_label(doc: Doc, previous: Mention, mention: Mention) -> str | None:
    """Label of a one-word name and the name right after it read as one, or None if they are two.

    spaCy cuts some names in two: "Yury" (ORG) + "Ushakov" (PERSON) is one person,
    "South" + "Sudanese" one nationality.
    """
    if previous.end != mention.start or previous.end - previous.start != 1 or not doc[previous.start].is_title:
        return None
    labels = {previous.label, mention.label}
    if labels == {"NORP"}:
        return "NORP"
    if "PERSON" in labels and labels <= _NAME_LABELS - {"NORP"}:
        return "PERSON"
    return None


def _narrow_capitals(source: _Source, mentions: list[Mention]) -> list[Mention]:
    """Cut an all-capitals span down to a name the body spells in mixed case.

    In headlines spaCy runs names into the words around them ("CANADA BEAT"); when the
    body names "Canada", the headline span becomes "CANADA" with the body's label.
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
    """The longest run of the mention's tokens that is a known name, with that name's label."""
    for length in range(mention.end - mention.start - 1, 0, -1):
        for start in range(mention.start, mention.end - length + 1):
            label = known.get(source.surface(Mention(start, start + length, "")))
            if label is not None:
                return Mention(start, start + length, label, sure=False)
    return None


def _drop_common_words(source: _Source, mentions: list[Mention]) -> list[Mention]:
    """Drop a lone word in capitals or at sentence start that the text also uses in lower case.

    Capitals hide whether a word is a name: "RUGBY -" in a headline or "Storm damage" at
    sentence start are common words, which the same text shows as "rugby" or "storm".
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
    return [
        m for m in mentions if m.end - m.start > 1 or m.in_dateline or source.surface(m).lower() not in common
    ]


def _hides_case(token: Token) -> bool:
    """Capitals that say nothing about the word: a headline in capitals, or a sentence start."""
    return (token.is_upper and len(token) > 1) or token.is_sent_start or token.i == 0


def _extend_partial_names(source: _Source, mentions: list[Mention]) -> None:
    """Grow "Min Aung" or "Aung Hlaing" to "Min Aung Hlaing" when the full name is in the text."""
    full_names = {source.words(m) for m in mentions if m.label == "PERSON" and m.end - m.start > 1}
    # The longest full name is tried first, in a fixed order whatever the hash seed.
    parts = _parts_of(sorted(full_names, key=lambda name: (-len(name), name)))
    taken = {index for m in mentions for index in range(m.start, m.end)}
    for mention in mentions:
        if mention.label != "PERSON":
            continue
        for name, offset in parts.get(source.words(mention), ()):
            extended = _full_name_at(source.doc, name, start=mention.start - offset, mention=mention, taken=taken)
            if extended is not None:
                taken.update(range(*extended))
                mention.start, mention.end = extended
                break


def _parts_of(names: Iterable[tuple[str, ...]]) -> dict[tuple[str, ...], list[tuple[tuple[str, ...], int]]]:
    """Every shorter run of consecutive words of the names, with the names and offsets it occurs at."""
    parts: dict[tuple[str, ...], list[tuple[tuple[str, ...], int]]] = {}
    for name in names:
        for length in range(1, len(name)):
            for offset in range(len(name) - length + 1):
                parts.setdefault(name[offset : offset + length], []).append((name, offset))
    return parts


def _full_name_at(
    doc: Doc, name: tuple[str, ...], *, start: int, mention: Mention, taken: set[int]
) -> tuple[int, int] | None:
    """Token range of ``name`` if the text spells it from ``start``, around the mention."""
    end = start + len(name)
    if start < 0 or end > len(doc):
        return None
    extra = [*range(start, mention.start), *range(mention.end, end)]
    if all(i not in taken and doc[i].lower_ == name[i - start] for i in extra):
        return start, end
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


def _group(source: _Source, mentions: list[Mention]) -> list[_Group]:
    """Mentions grouped by name, then parts of names and acronyms joined to their full names."""
    groups: dict[tuple[str, ...], _Group] = {}
    # Within one article the same date words name the same date ("Wednesday" twice).
    times: dict[tuple[str, tuple[str, ...]], _Group] = {}
    for mention in mentions:
        words = source.words(mention)
        if mention.label in TIME_LABELS:
            times.setdefault((mention.label, words), _Group(words, [], mention.label)).mentions.append(mention)
        else:
            groups.setdefault(words, _Group(words)).mentions.append(mention)
    for words, group in groups.items():
        group.label = _vote(group.mentions, " ".join(words))
    # A merged group keeps the label of the full name: a surname alone inherits PERSON.
    _merge_person_parts(groups)
    _merge_acronyms(source.doc, groups)
    _merge_short_organisations(groups)
    return [*groups.values(), *times.values()]


def _vote(mentions: list[Mention], name: str) -> str:
    """One label for a name: the lexicon's, else the majority of the sure mentions."""
    override = LABEL_OVERRIDES.get(name)
    if override is not None:
        return override
    counts = Counter(m.label for m in mentions if m.sure) or Counter(m.label for m in mentions)
    # A name spaCy once reads as a place is a place: it reads unfamiliar places as people
    # or organisations far more often than the reverse (seats of government are overrides).
    if "GPE" in counts:
        counts["GPE"] += counts.pop("PERSON", 0) + counts.pop("ORG", 0)
    return max(counts, key=lambda label: (counts[label], -LABEL_PRIORITY.index(label)))


def _merge_into(groups: dict[tuple[str, ...], _Group], short: tuple[str, ...], long: tuple[str, ...]) -> None:
    groups[long].mentions.extend(groups.pop(short).mentions)


def _merge_person_parts(groups: dict[tuple[str, ...], _Group]) -> None:
    """A part of a person's full name joins the full name's group.

    Any part of a PERSON name ("Putin", "Min Aung") joins; a one-word name spaCy typed
    otherwise joins only as the surname ("Ushakov" as ORG).  A part of two different
    people's names ("Aung" of "Min Aung Hlaing" and "Aung San Suu Kyi") stays apart.
    """
    parts = _parts_of({words for words, group in groups.items() if group.label == "PERSON" and len(words) > 1})
    for words in sorted(groups, key=len):
        group = groups[words]
        if group.label != "PERSON" and (len(words) > 1 or group.label not in _SURNAME_LABELS):
            continue
        containing = {name for name, _ in parts.get(words, ())}
        fullest = [name for name in containing if not any(_contains(other, name) for other in containing)]
        if len(fullest) == 1 and (group.label == "PERSON" or words[-1] == fullest[0][-1]):
            _merge_into(groups, words, fullest[0])


def _contains(name: tuple[str, ...], part: tuple[str, ...]) -> bool:
    """``part`` is a shorter run of consecutive words of ``name``."""
    return len(name) > len(part) and any(name[i : i + len(part)] == part for i in range(len(name) - len(part) + 1))


def _merge_short_organisations(groups: dict[tuple[str, ...], _Group]) -> None:
    """A company's first word alone ("Apple", "Siemens") joins its legal name ("Apple Inc.", "Siemens AG").

    Only legal names ("Inc", "Corp", "Ltd") are shortened this way; "Reuters" is not
    "Reuters Television".
    """
    by_first_word: dict[str, list[tuple[str, ...]]] = {}
    for words, group in groups.items():
        if len(words) > 1 and group.label == "ORG" and words[-1].rstrip(".") in COMPANY_SUFFIXES:
            by_first_word.setdefault(words[0], []).append(words)
    for words in list(groups):
        full_names = by_first_word.get(words[0], []) if len(words) == 1 else []
        if len(full_names) == 1 and groups[words].label == "ORG":
            _merge_into(groups, words, full_names[0])


def _merge_acronyms(doc: Doc, groups: dict[tuple[str, ...], _Group]) -> None:
    """An acronym ("NUG", "EEF", "UN") joins the longer name it abbreviates."""
    by_acronym: dict[str, tuple[str, ...]] = {}
    for words, group in groups.items():
        # People are not abbreviated to initials in news ("US" is not "Ulf Sorensen").
        if len(words) > 1 and group.label in _NAME_LABELS - {"PERSON"}:
            by_acronym.setdefault(_acronym(words), words)
    for words in list(groups):
        if len(words) != 1:
            continue
        group = groups[words]
        token = doc[group.mentions[0].start]
        if not (token.is_upper and 2 <= len(token.text.replace(".", "")) <= 6):
            continue
        long = by_acronym.get(words[0].replace(".", ""))
        if long is None:
            long = _parenthesised_long_form(doc, group.mentions, groups)
        if long is not None and long in groups:
            _merge_into(groups, words, long)


def _acronym(words: tuple[str, ...]) -> str:
    """Initials of a name's words, lower case: ("eastern", "economic", "forum") -> "eef"."""
    return "".join(word[0] for word in words if word not in ACRONYM_SKIP and word[0].isalpha())


def _parenthesised_long_form(
    doc: Doc, mentions: list[Mention], groups: dict[tuple[str, ...], _Group]
) -> tuple[str, ...] | None:
    """The name right before "(ACRONYM)", as in "Association of Southeast Asian Nations (ASEAN)"."""
    ends = {
        m.end: words
        for words, group in groups.items()
        if len(words) > 1 and group.label != "PERSON"
        for m in group.mentions
    }
    for mention in mentions:
        if mention.start >= 2 and doc[mention.start - 1].text == "(" and mention.start - 1 in ends:
            return ends[mention.start - 1]
    return None


def _canonical_name(source: _Source, group: _Group) -> str:
    """The fullest, then most frequent, spelling; mixed case is preferred to capitals."""
    counts = Counter(source.surface(m) for m in group.mentions)
    return max(counts, key=lambda text: (not text.isupper(), len(text.split()), counts[text], -len(text)))


def _titles(group: _Group) -> list[str]:
    """Distinct titles in text order, formal ones ("Senior General") before descriptions ("leader")."""
    titles: list[str] = []
    for mention in sorted(group.mentions, key=lambda m: m.start):
        titles.extend(title for title in mention.titles if title not in titles)
    return sorted(titles, key=lambda title: not title[0].isupper())


def _mention_weight(source: _Source, mention: Mention) -> float:
    """Earlier mentions and grammatical subjects count more; speakers more still.

    A dateline names where the story was filed, not what it is about: it counts as a
    date does.
    """
    if mention.in_dateline:
        return _DATELINE_WEIGHT
    weight = 1.0 + 0.5 * (1.0 - source.start_char(mention) / max(len(source.text), 1))
    root = source.doc[mention.start : mention.end].root
    if root.dep_ in _SUBJECT_DEPS:
        weight += 0.5
        if root.head.lemma_ in SPEECH_VERBS:
            weight += 0.5
    if mention.label in TIME_LABELS:
        weight *= 0.25
    return weight


def extract_entities(doc: Doc) -> list[Entity]:
    """One entity per named thing, with clean mentions, sorted by salience (highest first)."""
    source = _Source(doc, doc_index(doc).text)
    mentions = _join_fragments(doc, clean_mentions(doc, find_datelines(source.text)))
    mentions = _drop_common_words(source, _narrow_capitals(source, mentions))
    _extend_partial_names(source, mentions)
    mentions.extend(_propagate(source, mentions))
    groups = _group(source, mentions)
    scores = [sum(_mention_weight(source, m) for m in group.mentions) for group in groups]
    total = sum(scores) or 1.0
    first_start = [min(m.start for m in group.mentions) for group in groups]
    order = sorted(range(len(groups)), key=lambda i: (-scores[i], first_start[i]))
    return [
        # Salience is rounded down so that it never sums to more than 1.
        _entity(source, groups[index], entity_id=f"E{rank}", salience=int(10_000 * scores[index] / total) / 10_000)
        for rank, index in enumerate(order, start=1)
    ]


def _entity(source: _Source, group: _Group, *, entity_id: str, salience: float) -> Entity:
    return Entity(
        id=entity_id,
        name=_canonical_name(source, group),
        label=group.label,
        salience=salience,
        mentions=[
            Span(source.surface(m), source.start_char(m), source.end_char(m))
            for m in sorted(group.mentions, key=lambda m: m.start)
        ],
        titles=_titles(group),
    )
