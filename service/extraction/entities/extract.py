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
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable

from spacy.tokens import Doc, Token

from service.extraction.datelines import find_dateline, find_datelines
from service.extraction.doc_index import doc_index
from service.extraction.entities.labels import is_sports_report, world_label
from service.extraction.entities.mentions import Mention, clean_mentions
from service.extraction.entities.missed import bracketed_abbreviations, legal_names, titled_names
from service.extraction.entities.source import Group, Source
from service.extraction.gazetteer import gazetteer
from service.extraction.lexicon.entities import (
    ACRONYM_SKIP,
    ALIAS_OPENERS,
    CLUB_WORDS,
    FURNITURE_LABELS,
    COMPANY_SUFFIXES,
    LABEL_OVERRIDES,
    LABEL_PRIORITY,
    TIME_LABELS,
)
from service.extraction.lexicon.quotes import SPEECH_VERBS
from service.extraction.lexicon.roles import HONORIFICS
from service.extraction.model import Entity, Span

# Labels that name something; DATE and TIME are merged only with the very same words.
_NAME_LABELS = frozenset(LABEL_PRIORITY)
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# A dateline mention weighs as little as a date mention in the text's middle.
_DATELINE_WEIGHT = 0.3
# A headline: at most this many words, this share of them capitalised, no closing stop.
_HEADLINE_WORDS = 14
_HEADLINE_CHARS = 120
_HEADLINE_CAPITALISED = 0.7
_SENTENCE_END = frozenset({".", "!", ":", ";", ",", "\u201d", '"'})
# "Source:", "Photo credit:" open a furniture line within this many characters.
_FURNITURE_LABEL_CHARS = 20
# Labels spaCy gives a club's short name in a sports report ("City" as GPE).
_SHORT_CLUB_LABELS = frozenset({"ORG", "GPE", "LOC", "PERSON"})
# Labels spaCy wrongly gives a surname standing alone.
_SURNAME_LABELS = frozenset({"ORG", "GPE", "NORP"})


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
    "South" + "Sudanese" one nationality; a full name may lose its last word.
    """
    if previous.end != mention.start or not doc[previous.start].is_title:
        return None
    labels = {previous.label, mention.label}
    if previous.end - previous.start > 1:
        # "Tarek Nour" (PERSON) + "Haddad" (ORG): a surname spaCy cut off.
        one_word = mention.end - mention.start == 1 and doc[mention.start].is_title
        return "PERSON" if previous.label == "PERSON" and one_word and mention.label in _NAME_LABELS else None
    if labels == {"NORP"}:
        return "NORP"
    if "PERSON" in labels and labels <= _NAME_LABELS - {"NORP"}:
        return "PERSON"
    return None


def _join_ampersand_names(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Read "Harbin & Voss AG" or "Pell & Marlow" as one organisation.

    spaCy stops at the ampersand or reads the parts as two names; capitalised words
    joined by "&" name one firm.
    """
    joined: list[Mention] = []
    skip_until = -1
    for index, mention in enumerate(mentions):
        if mention.start < skip_until:
            continue
        end = mention.end
        if mention.label not in TIME_LABELS and end + 1 < len(doc) and doc[end].text == "&" and _capitalised(doc[end + 1]):
            end += 1
            while end < len(doc) and _capitalised(doc[end]):
                end += 1
            skip_until = end
            mention = Mention(mention.start, end, "ORG", mention.titles, in_dateline=mention.in_dateline)
        joined.append(mention)
    return joined


def _capitalised(token: Token) -> bool:
    return token.is_alpha and token.text[0].isupper()


def _drop_defined_abbreviations(source: Source, mentions: list[Mention]) -> list[Mention]:
    """Drop an abbreviation the text defines from common words: "headline earnings per share (HEPS)"."""
    doc = source.doc
    common: set[str] = set()
    for mention in mentions:
        token = doc[mention.start]
        size = len(token)
        if mention.end - mention.start != 1 or not token.is_upper or not 2 <= size <= 6 or mention.start < size + 1:
            continue
        if doc[mention.start - 1].text != "(":
            continue
        words = doc[mention.start - 1 - size : mention.start - 1]
        if all(word.is_lower for word in words) and "".join(word.text[0] for word in words) == token.lower_:
            common.add(token.text)
    return [m for m in mentions if m.end - m.start != 1 or doc[m.start].text not in common]


def _drop_headline_names(source: Source, mentions: list[Mention]) -> list[Mention]:
    """Names in a headline count only when the body names them too; furniture lines name nothing.

    A headline ("Leader Breaks Silence") capitalises every word, so spaCy reads names
    into it; a line of page furniture ("Source: Al Jazeera", "Photo: AFP") credits
    someone without being about them.
    """
    headlines, furniture = _headline_and_furniture_lines(source.text)
    if not headlines and not furniture:
        return mentions

    def line_of(mention: Mention, lines: list[tuple[int, int]]) -> bool:
        start = source.start_char(mention)
        index = bisect_right(lines, (start, len(source.text))) - 1
        return index >= 0 and lines[index][0] <= start < lines[index][1]

    body_words = {
        word for m in mentions if not line_of(m, headlines) and not line_of(m, furniture) for word in source.words(m)
    }
    return [
        m
        for m in mentions
        if not line_of(m, furniture)
        and (m.label in TIME_LABELS or not line_of(m, headlines) or set(source.words(m)) <= body_words)
    ]


def _headline_and_furniture_lines(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Character ranges of the text's headline lines and furniture lines.

    A headline is the first line with text, or a subhead: a line that stands alone
    between blank lines.  Bylines and datelines under a headline are not headlines.
    """
    headlines: list[tuple[int, int]] = []
    furniture: list[tuple[int, int]] = []
    lines = text.split("\n")
    start = 0
    seen_text = False
    for index, line in enumerate(lines):
        end = start + len(line)
        stripped = line.strip()
        label = stripped.split(":", 1)[0].strip().lower() if ":" in stripped[:_FURNITURE_LABEL_CHARS] else ""
        alone = 0 < index < len(lines) - 1 and not lines[index - 1].strip() and not lines[index + 1].strip()
        if label in FURNITURE_LABELS:
            furniture.append((start, end))
        elif stripped and (not seen_text or alone) and _is_headline(stripped) and find_dateline(stripped) is None:
            headlines.append((start, end))
        seen_text = seen_text or bool(stripped)
        start = end + 1
    return headlines, furniture


def _is_headline(line: str) -> bool:
    """A short line of mostly capitalised words with no closing full stop: "Leader Breaks Silence"."""
    if len(line) > _HEADLINE_CHARS:
        return False
    words = [word for word in line.split() if any(character.isalpha() for character in word)]
    if not 3 <= len(words) <= _HEADLINE_WORDS or line[-1:] in _SENTENCE_END or line.isupper():
        return False
    capitalised = sum(1 for word in words if word[0].isupper())
    return capitalised >= _HEADLINE_CAPITALISED * len(words)


def _narrow_capitals(source: Source, mentions: list[Mention]) -> list[Mention]:
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


def _known_part(source: Source, mention: Mention, known: dict[str, str]) -> Mention | None:
    """The longest run of the mention's tokens that is a known name, with that name's label."""
    for length in range(mention.end - mention.start - 1, 0, -1):
        for start in range(mention.start, mention.end - length + 1):
            label = known.get(source.surface(Mention(start, start + length, "")))
            if label is not None:
                return Mention(start, start + length, label, sure=False)
    return None


def _drop_common_words(source: Source, mentions: list[Mention]) -> list[Mention]:
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


def _extend_partial_names(source: Source, mentions: list[Mention]) -> None:
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


def _propagate(source: Source, mentions: list[Mention]) -> list[Mention]:
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


def _group(source: Source, mentions: list[Mention]) -> list[Group]:
    """Mentions grouped by name, then parts of names and acronyms joined to their full names."""
    groups: dict[tuple[str, ...], Group] = {}
    # Within one article the same date words name the same date ("Wednesday" twice).
    times: dict[tuple[str, tuple[str, ...]], Group] = {}
    for mention in mentions:
        words = source.words(mention)
        if mention.label in TIME_LABELS:
            times.setdefault((mention.label, words), Group(words, [], mention.label)).mentions.append(mention)
        else:
            groups.setdefault(words, Group(words)).mentions.append(mention)
    for words, group in groups.items():
        group.label = _vote(group.mentions, " ".join(words))
    # Only a place's or a club's name reads differently in a sports report: skip the scan otherwise.
    sports = any(_may_be_a_team(words) for words in groups) and is_sports_report(source)
    surnames = frozenset(words[-1] for words, group in groups.items() if group.label == "PERSON" and len(words) > 1)
    for group in groups.values():
        group.label = world_label(source, group, sports=sports, surnames=surnames)
    groups = _honorific_companies(source, groups)
    # A merged group keeps the label of the full name: a surname alone inherits PERSON.
    _merge_person_parts(groups)
    _merge_acronyms(source.doc, groups)
    _merge_aliases(source.doc, groups)
    _merge_short_organisations(groups)
    _merge_short_club_names(groups, sports=sports)
    return [*groups.values(), *times.values()]


def _honorific_companies(source: Source, groups: dict[tuple[str, ...], Group]) -> dict[tuple[str, ...], Group]:
    """A company whose name opens with an honorific ("Mr Bricolage", "Dr Oetker") keeps it in its name.

    The honorific was moved to the titles when spaCy read the name as a person's; once the
    name is known for an organisation, the honorific is a word of the name, not a title.
    """
    regrouped: dict[tuple[str, ...], Group] = {}
    for words, group in groups.items():
        if group.label == "ORG" and group.mentions and all(_honorific_before(source, m) for m in group.mentions):
            for mention in group.mentions:
                mention.start, mention.titles = mention.start - 1, ()
            words = source.words(group.mentions[0])
            group.words = words
        if words in regrouped:
            regrouped[words].mentions.extend(group.mentions)
        else:
            regrouped[words] = group
    return regrouped


def _honorific_before(source: Source, mention: Mention) -> bool:
    """The mention's only title is an honorific written right before it ("Mr" of "Mr Hale")."""
    return (
        len(mention.titles) == 1
        and mention.titles[0].lower().rstrip(".") in HONORIFICS
        and mention.start > 0
        and source.doc[mention.start - 1].lower_.rstrip(".") == mention.titles[0].lower().rstrip(".")
    )


def _may_be_a_team(words: tuple[str, ...]) -> bool:
    return words[-1] in CLUB_WORDS or gazetteer().kind(" ".join(words)) in {"city", "region"}


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


def _merge_into(groups: dict[tuple[str, ...], Group], short: tuple[str, ...], long: tuple[str, ...]) -> None:
    groups[long].mentions.extend(groups.pop(short).mentions)


def _merge_person_parts(groups: dict[tuple[str, ...], Group]) -> None:
    """A part of a person's full name joins the full name's group.

    Any part of a PERSON name ("Putin", "Min Aung") joins; a one-word name spaCy typed
    otherwise joins as the surname ("Ushakov" as ORG), or as another of the name's
    words after the full name introduced it ("Tarek" of "Tarek Nour Haddad"),
    unless it is a place; a surname of several words typed otherwise ("De Vallon") joins
    when it ends the full name written before it.  A part of two different people's names
    ("Aung" of "Min Aung Hlaing" and "Aung San Suu Kyi") stays apart.
    """
    parts = _parts_of({words for words, group in groups.items() if group.label == "PERSON" and len(words) > 1})
    for words in sorted(groups, key=len):
        group = groups[words]
        if group.label != "PERSON" and group.label not in _SURNAME_LABELS:
            continue
        containing = {name for name, _ in parts.get(words, ())}
        fullest = [name for name in containing if not any(_contains(other, name) for other in containing)]
        if len(fullest) != 1:
            continue
        if len(words) > 1 and group.label != "PERSON":
            # "Marthe De Vallon ... De Vallon said": a surname of several words, after the full name, is hers.
            if fullest[0][-len(words) :] == words and _introduced_by(groups[fullest[0]], group):
                _merge_into(groups, words, fullest[0])
            continue
        if (
            group.label == "PERSON"
            or words[-1] == fullest[0][-1]
            or _introduced_by(groups[fullest[0]], group) and gazetteer().kind(words[0]) is None
        ):
            _merge_into(groups, words, fullest[0])


def _introduced_by(full: Group, short: Group) -> bool:
    """The full name comes first in the text, and the short form refers back to it."""
    return min(m.start for m in full.mentions) < min(m.start for m in short.mentions)


def _contains(name: tuple[str, ...], part: tuple[str, ...]) -> bool:
    """``part`` is a shorter run of consecutive words of ``name``."""
    return len(name) > len(part) and any(name[i : i + len(part)] == part for i in range(len(name) - len(part) + 1))


def _merge_short_organisations(groups: dict[tuple[str, ...], Group]) -> None:
    """A company's first word alone ("Apple", "Siemens") joins its legal name ("Apple Inc.", "Siemens AG").

    So does the legal name written without its suffix ("Acme & Sons" for "Acme & Sons AG").

    Only legal names ("Inc", "Corp", "Ltd") are shortened this way; "Reuters" is not
    "Reuters Television".
    """
    by_first_word: dict[str, list[tuple[str, ...]]] = {}
    by_stem: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
    for words, group in groups.items():
        if len(words) > 1 and group.label == "ORG" and words[-1].rstrip(".") in COMPANY_SUFFIXES:
            by_first_word.setdefault(words[0], []).append(words)
            stem = words[:-1]
            while len(stem) > 1 and stem[-1].rstrip(".") in COMPANY_SUFFIXES:
                stem = stem[:-1]  # "Acme Holdings Co Ltd"
            by_stem.setdefault(stem, []).append(words)
    for words in list(groups):
        # "Harbin & Voss" is "Harbin & Voss AG" without its legal suffix.
        full_names = by_first_word.get(words[0], []) if len(words) == 1 else by_stem.get(words, [])
        if len(full_names) == 1 and groups[words].label == "ORG":
            _merge_into(groups, words, full_names[0])


def _merge_short_club_names(groups: dict[tuple[str, ...], Group], *, sports: bool) -> None:
    """A club's first or last word alone ("Villa", "City", "Bengal") joins its full name ("Aston Villa").

    Only names that end in a club word are shortened this way, and only to a word that no
    other such name shares.  A place's name stays the place's unless spaCy read it as an
    organisation: "Philadelphia" is the city, and "Philadelphia Eagles" the team.
    """
    by_word: dict[str, list[tuple[str, ...]]] = {}
    for words, group in groups.items():
        if len(words) > 1 and group.label == "ORG" and words[-1] in CLUB_WORDS:
            for word in {words[0], words[-1]}:
                by_word.setdefault(word, []).append(words)
    for words in list(groups):
        full_names = by_word.get(words[0], []) if len(words) == 1 else []
        label = groups[words].label
        if len(full_names) == 1 and (
            label == "ORG" or (sports and label in _SHORT_CLUB_LABELS and gazetteer().kind(words[0]) is None)
        ):
            _merge_into(groups, words, full_names[0])


def _merge_acronyms(doc: Doc, groups: dict[tuple[str, ...], Group]) -> None:
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


def _merge_aliases(doc: Doc, groups: dict[tuple[str, ...], Group]) -> None:
    """A name introduced as another's alias ("Acme Relief, better known as the Blue Hats") joins that name."""
    ends = {m.end: words for words, group in groups.items() for m in group.mentions}
    for words in list(groups):
        long = next((ends[end] for m in groups[words].mentions if (end := _alias_of(doc, m.start)) in ends), None)
        if long is not None and long != words and long in groups and words in groups:
            _merge_into(groups, words, long)


def _alias_of(doc: Doc, start: int) -> int:
    """Where the name an alias at token ``start`` stands for ends ("X, also known as [the] Y"), or -1."""
    index = start - 1
    if index >= 0 and doc[index].lower_ == "the":
        index -= 1
    if index < 1 or doc[index].lower_ != "as" or doc[index - 1].lower_ != "known":
        return -1
    index -= 2
    while index >= 0 and doc[index].pos_ == "ADV":
        index -= 1  # "better", "also", "widely" known as
    if index >= 0 and doc[index].text in ALIAS_OPENERS:
        index -= 1
    return index + 1


def _acronym(words: tuple[str, ...]) -> str:
    """Initials of a name's words, lower case: ("eastern", "economic", "forum") -> "eef"."""
    return "".join(word[0] for word in words if word not in ACRONYM_SKIP and word[0].isalpha())


def _parenthesised_long_form(
    doc: Doc, mentions: list[Mention], groups: dict[tuple[str, ...], Group]
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


def _canonical_name(source: Source, group: Group) -> str:
    """The fullest, then most frequent, spelling; mixed case is preferred to capitals."""
    counts = Counter(source.surface(m) for m in group.mentions)
    return max(counts, key=lambda text: (not text.isupper(), len(text.split()), counts[text], -len(text)))


def _titles(group: Group) -> list[str]:
    """Distinct titles in text order, formal ones ("Senior General") before descriptions ("leader")."""
    titles: list[str] = []
    for mention in sorted(group.mentions, key=lambda m: m.start):
        titles.extend(title for title in mention.titles if title not in titles)
    return sorted(titles, key=lambda title: not title[0].isupper())


def _mention_weight(source: Source, mention: Mention) -> float:
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
    source = Source(doc, doc_index(doc).text)
    mentions = clean_mentions(doc, find_datelines(source.text))
    taken = {index for mention in mentions for index in range(mention.start, mention.end)}
    mentions.extend(titled_names(doc, source.text, taken=taken))
    mentions.extend(legal_names(doc, source.text, taken=taken))
    mentions.sort(key=lambda mention: (mention.start, mention.end))
    mentions = _join_fragments(doc, mentions)
    mentions = _drop_defined_abbreviations(source, _join_ampersand_names(doc, mentions))
    mentions = _drop_headline_names(source, mentions)
    mentions.extend(bracketed_abbreviations(doc, mentions))
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


def _entity(source: Source, group: Group, *, entity_id: str, salience: float) -> Entity:
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
