"""Plain result types of the extraction core.

Every offset is a code-point offset into ``doc.text`` (end-exclusive); the web
layer converts them to other encodings.  Nothing here knows about spaCy or
Flask, so results can be serialised, compared and benchmarked anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

QuoteKind = Literal["direct", "partial", "indirect"]
Bound = Literal["exact", "approximate", "at_least", "more_than", "at_most", "less_than", "range"]
Change = Literal["increase", "decrease"]


@dataclass(frozen=True, slots=True)
class Span:
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Dateline:
    """Where a story was filed: "NEW DELHI, Oct 18 (ANI)" before the story's first words.

    ``text`` runs from the place (or date) to the agency, without the closing colon or
    dash; ``region`` is the state or country after the place ("Australia" in
    "MELBOURNE, Australia (AP)").
    """

    text: str
    start: int
    end: int
    place: Span | None
    region: Span | None
    date: Span | None
    agency: Span | None


@dataclass(slots=True)
class Entity:
    id: str
    name: str
    label: str
    salience: float
    mentions: list[Span]
    titles: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Speaker:
    text: str
    start: int
    end: int
    entity: str | None
    name: str | None


@dataclass(slots=True)
class Quote:
    id: str
    text: str
    start: int
    end: int
    kind: QuoteKind
    cue: Span | None
    speaker: Speaker | None
    addressee: Span | None = None
    via: Span | None = None  # the channel: "in a statement", "on Twitter", "according to AFP"


@dataclass(frozen=True, slots=True)
class Unit:
    name: str
    symbol: str | None
    dimension: str | None


@dataclass(frozen=True, slots=True)
class ValueRange:
    min: float | None
    max: float | None


@dataclass(frozen=True, slots=True)
class Normalized:
    value: float
    unit: str


@dataclass(slots=True)
class Quantity:
    id: str
    text: str
    start: int
    end: int
    value: float
    range: ValueRange | None
    bound: Bound
    change: Change | None
    unit: Unit | None
    currency: str | None
    normalized: Normalized | None
    kind: str
    object: str | None
    # The denominator of a rate: "share" in "48 cents a share", "day" in "600,000 barrels a day",
    # the base currency's ISO code in "R14.68/$"; None when the quantity is no rate.
    per: str | None = None
    # The time its clause gives a counted event ("in the 2023 earthquake", "last year", "in May").
    when: Span | None = None
    # Both sides of a match score as written: (2, 1) for "2-1", (134, 4) for "134 for four".
    score: tuple[float, float] | None = None


@dataclass(slots=True)
class Extraction:
    """What one document yields; a feature not asked for stays ``None``."""

    entities: list[Entity] | None = None
    quotes: list[Quote] | None = None
    quantities: list[Quantity] | None = None
    dateline: Dateline | None = None
