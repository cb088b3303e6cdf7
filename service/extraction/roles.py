"""Which named entity a role or a descriptor stands for: "the Premier", "the carmaker".

News names a person once with a title ("Prime Minister Arjun Mehta") and then refers
to them by office ("the Premier said"); it names a company once ("Toyota Motor Corp")
and then says "the carmaker".  ``entity_for_role`` reads the office or kind out of such
a mention with the lexicon of roles (``lexicon.roles``) and returns the entity the
article gave that office or kind, preferring the one mentioned nearest before the
mention.  It works on the extracted entities and, when given, the text (for
appositions: "Jane Doe, governor of Lagos state,").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from service.extraction.lexicon.entities import COMPANY_SUFFIXES
from service.extraction.lexicon.roles import (
    ORG_DESCRIPTORS,
    PLACE_DESCRIPTORS,
    ROLE_DETERMINERS,
    ROLE_MODIFIERS,
    ROLE_NARROWERS,
    ROLES,
)
from service.extraction.model import Entity

Words = tuple[str, ...]

_WORD = re.compile(r"[^\W_][\w'’\-]*")
_POSSESSIVE = re.compile(r"['’]s?$")
# An apposition right after a mention: "Jane Doe, governor of Lagos state," / "Acme, the carmaker,".
_APPOSITION = re.compile(r",[ \t]+([^,.;:()\"“”\n]{2,60})")
RoleKind = Literal["person", "organisation", "place"]
_LABELS: dict[RoleKind, frozenset[str]] = {
    "person": frozenset({"PERSON"}),
    "organisation": frozenset({"ORG"}),
    "place": frozenset({"GPE", "LOC"}),
}
# Mentions read as roles, remembered: the same few phrases recur in every article.
_ROLE_CACHE_SIZE = 4096
# Entities mentioned only after the role rank behind every entity mentioned before it.
_MENTIONED_AFTER = 1 << 40
# A kind of company is confirmed by a legal suffix ("Acme Motors Ltd" is a company).
_COMPANY_DESCRIPTORS = frozenset(
    descriptor for descriptor, confirming in ORG_DESCRIPTORS.items() if not confirming and descriptor not in
    {"club", "team", "side", "franchise", "organisation", "organization", "body", "charity", "newspaper", "paper"}
)


def _phrases_by_words() -> dict[Words, frozenset[str]]:
    groups: dict[Words, set[str]] = {}
    for group, phrases in ROLES.items():
        for phrase in phrases:
            groups.setdefault(tuple(phrase.split()), set()).add(group)
    return {words: frozenset(names) for words, names in groups.items()}


_ROLE_GROUPS = _phrases_by_words()
_LONGEST_ROLE = max(len(words) for words in _ROLE_GROUPS)
_LONGEST_DESCRIPTOR = max(len(descriptor.split()) for descriptor in ORG_DESCRIPTORS)


@dataclass(frozen=True, slots=True)
class _Role:
    """What a mention says an entity is: a person's office, a kind of organisation, or a kind of place."""

    kind: RoleKind
    words: Words  # the office or kind, without determiners and possessors
    groups: frozenset[str] = frozenset()  # role groups, for a person's office
    confirming: tuple[str, ...] = ()  # name words that confirm a kind of organisation


def entity_for_role(role: str, entities: Sequence[Entity], *, position: int, text: str | None = None) -> Entity | None:
    """The entity the article gave this role or kind, or None; see ``role_candidates``."""
    candidates = role_candidates(role, entities, position=position, text=text)
    return candidates[0] if candidates else None


def role_candidates(role: str, entities: Sequence[Entity], *, position: int, text: str | None = None) -> list[Entity]:
    """Entities that hold ``role`` ("the Premier", "the head of state", "the carmaker"), best first.

    ``position`` is the character offset of the role mention; entities mentioned before it
    come first, the nearest first, then those mentioned only after it.  A person's office
    matches a title of the entity ("Prime Minister") or an apposition after one of its
    mentions in ``text`` ("Jane Doe, governor of Lagos state"), by the words themselves or
    by the role group ("premier" and "prime minister" are one office).  A kind of
    organisation ("the bank") prefers organisations whose name confirms the kind
    ("Bank of Ghana").  Anything that is not a role or descriptor gives an empty list.
    """
    parsed = parse_role(role)
    if parsed is None:
        return []
    scored: list[tuple[int, int, Entity]] = []
    for entity in entities:
        if entity.label not in _LABELS[parsed.kind]:
            continue
        tier = _tier(parsed, entity, text)
        if tier is not None:
            scored.append((tier, _distance(entity, position), entity))
    scored.sort(key=lambda item: (item[0], item[1]))
    return [entity for _, _, entity in scored]


def parse_role(mention: str) -> _Role | None:
    """The office or kind a mention names, or None when it names neither."""
    words = _role_words(mention)
    if not words:
        return None
    office = _longest_role(words)
    if office is not None:
        return _Role("person", words, groups=_ROLE_GROUPS[office])
    for length in range(min(_LONGEST_DESCRIPTOR, len(words)), 0, -1):
        descriptor = " ".join(words[-length:])
        if descriptor in ORG_DESCRIPTORS:
            return _Role("organisation", words[-length:], confirming=ORG_DESCRIPTORS[descriptor])
    if words[-1] in PLACE_DESCRIPTORS:
        return _Role("place", words[-1:])
    return None


@lru_cache(maxsize=_ROLE_CACHE_SIZE)
def is_bare_role(mention: str) -> bool:
    """The mention is an office and nothing else: "the Premier", "Solicitor General", "Vice President".

    Such a mention is never an entity of its own; ``entity_for_role`` finds who holds it.
    """
    words = _role_words(mention)
    while words and (words[0] in ROLE_MODIFIERS or words[0] in ROLE_NARROWERS):
        words = words[1:]
    return bool(words) and words in _ROLE_GROUPS


@lru_cache(maxsize=_ROLE_CACHE_SIZE)
def is_descriptor(mention: str) -> bool:
    """The mention is a kind of organisation or place: "the Bench", "our Union", "the Ministry"."""
    words = _role_words(mention)
    return len(words) == 1 and (words[0] in ORG_DESCRIPTORS or words[0] in PLACE_DESCRIPTORS)


def _role_words(text: str) -> Words:
    """Lower-case words of a mention after its determiners and possessors: "the country's president" -> president."""
    words: list[str] = []
    for raw in _WORD.findall(text.replace(".", "")):
        word = raw.lower()
        if _POSSESSIVE.search(word) and len(word) > 2 and word[-2] in "'’":
            words.clear()
            continue
        words.append(word)
    while words and words[0] in ROLE_DETERMINERS:
        words.pop(0)
    return tuple(words)


def _longest_role(words: Words) -> Words | None:
    """The longest role phrase inside ``words`` not narrowed to another office ("vice president")."""
    for length in range(min(_LONGEST_ROLE, len(words)), 0, -1):
        for start in range(len(words) - length + 1):
            candidate = words[start : start + length]
            if candidate in _ROLE_GROUPS and not (start > 0 and words[start - 1] in ROLE_NARROWERS):
                return candidate
    return None


def _contains(words: Words, part: Words) -> bool:
    """``part`` runs inside ``words`` and no narrowing word ("vice", "deputy") stands right before it."""
    size = len(part)
    return any(
        words[start : start + size] == part and not (start > 0 and words[start - 1] in ROLE_NARROWERS)
        for start in range(len(words) - size + 1)
    )


def _tier(role: _Role, entity: Entity, text: str | None) -> int | None:
    """How well the entity fits the role: 0 best; None when it does not fit at all."""
    described = [_role_words(title) for title in entity.titles]
    described.extend(_role_words(apposition) for apposition in _appositions(entity, text))
    if role.kind == "person":
        if any(_contains(words, role.words) for words in described):
            return 0
        if any(_groups_of(words) & role.groups for words in described):
            return 1
        return None
    if any(_contains(words, role.words) for words in described):
        return 0
    if role.kind == "place":
        return 1
    name_words = {word.rstrip(".") for word in _role_words(entity.name)}
    if role.confirming and name_words & set(role.confirming):
        return 1
    if " ".join(role.words) in _COMPANY_DESCRIPTORS and name_words & COMPANY_SUFFIXES:
        return 1
    if _names_another_kind(name_words, role):
        return 3
    return 2


def _groups_of(words: Words) -> frozenset[str]:
    office = _longest_role(words)
    return _ROLE_GROUPS[office] if office is not None else frozenset()


def _names_another_kind(name_words: set[str], role: _Role) -> bool:
    """The name says it is another kind of organisation ("Ministry of Finance" for "the carmaker")."""
    own = set(role.confirming)
    return any(
        name_words & set(confirming) and not own & set(confirming)
        for descriptor, confirming in ORG_DESCRIPTORS.items()
        if confirming
    )


def _appositions(entity: Entity, text: str | None) -> Iterable[str]:
    if text is None:
        return ()
    found = []
    for mention in entity.mentions:
        match = _APPOSITION.match(text, mention.end)
        if match is not None:
            found.append(match.group(1))
    return found


def _distance(entity: Entity, position: int) -> int:
    """Characters from the entity's nearest mention before ``position``; after it, further than any before."""
    before = [position - mention.end for mention in entity.mentions if mention.end <= position]
    if before:
        return min(before)
    return _MENTIONED_AFTER + min(mention.start - position for mention in entity.mentions)
