"""An amount as found in the text, and as read in its context."""

from __future__ import annotations

import math
from dataclasses import dataclass

from service.extraction.model import Unit, ValueRange

# Longer digit strings are identifiers or noise, and would overflow a float.
MAX_DIGITS = 24


# Beyond this a value cannot be a news quantity and would not survive JSON as a finite float.
MAX_ABS_VALUE = 1e30


@dataclass(frozen=True, slots=True)
class Amount:
    """One number in the text with what is written around it."""

    start: int
    end: int
    value: float
    currency: str | None = None
    currency_surface: str | None = None
    unit_surface: str | None = None  # the unit as written ("pounds", "kn", "C")
    unit: Unit | None = None
    minor_factor: float = 1.0  # "84 cents": 0.01 of the currency
    scale: float = 1.0  # the multiplier written with it: 1e6 for "$260m", "4 million"
    open_upwards: bool = False  # "hundreds of": at least this, maybe much more
    fraction: bool = False  # "a third of"
    change: str | None = None  # "trebling", "+3%"
    signed: bool = False  # written with "-" or "+" glued to the digits
    words: bool = False  # written in words
    per: str | None = None  # "$10 per gram", "9 billion shekels a year": the denominator
    score: tuple[float, float] | None = None  # both sides of a match score ("3-1")


def finite(value: float) -> bool:
    return math.isfinite(value) and abs(value) <= MAX_ABS_VALUE


@dataclass(frozen=True, slots=True)
class Reading:
    """An amount with its reading in context, before ids are given."""

    amount: Amount
    start: int
    end: int
    bound: str
    range: ValueRange | None
    change: str | None
