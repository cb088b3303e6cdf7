"""Unit and currency look-up after a number, backed by quantulum3's unit tables.

quantulum3's own ``parse`` costs about 0.2 ms per call and guesses units from
ordinary words ("a key" -> exayear); we only borrow its unit database, built
once into plain dictionaries by :func:`warm_up_units`, and match the few words
right after a number against it.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from service.extraction.lexicon import quantities as lex
from service.extraction.model import Normalized, Unit

if TYPE_CHECKING:
    from quantulum3.classes import Unit as QuantulumUnit

# Longest unit surface we try, in words ("degrees celsius", "parts per million").
MAX_UNIT_WORDS = 3
# Characters after a number that are looked at for its unit.
UNIT_WINDOW = 40
_WORD_RE = re.compile(r"[^\s/]+")  # "centimeters/millisecond": the unit, then its rate
_TRAILING_PUNCT = ".,;:!?)]\"'’”"


@dataclass(frozen=True, slots=True)
class UnitMatch:
    unit: Unit
    end: int  # offset just after the unit surface


@dataclass(frozen=True, slots=True)
class UnitTables:
    symbols: dict[str, Unit]  # exact case
    names: dict[str, Unit]  # lower case
    by_name: dict[str, Unit]  # unit name -> unit


def _info(unit: QuantulumUnit) -> Unit:
    symbol = unit.symbols[0] if unit.symbols else None
    return Unit(name=unit.name, symbol=symbol, dimension=unit.entity.name)


def _choose(surface: str, units: set[QuantulumUnit]) -> Unit | None:
    """One unit for a surface quantulum3 reads several ways, or none if it is no unit in news."""
    usable = [
        u
        for u in units
        if (u.entity.name not in lex.NON_UNIT_ENTITIES or u.name in lex.DIMENSIONLESS_UNITS)
        and u.name not in lex.IGNORED_UNIT_NAMES
    ]
    if not usable:
        return None
    preferred = lex.PREFERRED_UNITS.get(surface)
    for unit in usable:
        if unit.name == preferred:
            return _info(unit)
    return _info(min(usable, key=lambda u: u.name))


@lru_cache(maxsize=1)
def unit_tables() -> UnitTables:
    """Build the look-up tables (quantulum3 import and load take about two seconds)."""
    with warnings.catch_warnings():
        # quantulum3 warns that its optional classifier is missing; we never use it.
        warnings.simplefilter("ignore")
        from quantulum3 import load

        units = load.units("en_US")
    by_name = {unit.name: _info(unit) for unit in units.names.values()}
    symbols = {s: info for s, us in units.symbols.items() if (info := _choose(s, us)) is not None}
    names = {s: info for s, us in units.surfaces_lower.items() if (info := _choose(s, us)) is not None}
    for surface, name in lex.EXTRA_UNIT_SURFACES.items():
        info = by_name.get(name) or Unit(name=name, symbol=None, dimension=lex.EXTRA_UNIT_DIMENSIONS.get(name))
        if surface.islower() and len(surface) > 2:
            names[surface] = info
        else:
            symbols[surface] = info
    for surface, name in lex.PREFERRED_UNITS.items():
        if name in by_name and surface in symbols:
            symbols[surface] = by_name[name]
        if name in by_name and surface in names:
            names[surface] = by_name[name]
    return UnitTables(symbols=symbols, names=names, by_name=by_name)


def unit_named(name: str) -> Unit:
    """The unit of that name, with its dimension where quantulum3 or our table knows it."""
    return unit_tables().by_name.get(name) or Unit(
        name=name, symbol=None, dimension=lex.EXTRA_UNIT_DIMENSIONS.get(name)
    )


def warm_up_units() -> None:
    unit_tables()


def _candidates(text: str, pos: int) -> list[tuple[str, int]]:
    """Surfaces of one to MAX_UNIT_WORDS words starting at ``pos``, longest first."""
    window = text[pos : pos + UNIT_WINDOW]
    words = list(_WORD_RE.finditer(window))[:MAX_UNIT_WORDS]
    out: list[tuple[str, int]] = []
    for count in range(len(words), 0, -1):
        end = words[count - 1].end()
        surface = window[:end]
        stripped = surface.rstrip(_TRAILING_PUNCT)
        if stripped and stripped != surface:
            out.append((stripped, pos + len(stripped)))
        out.append((surface, pos + end))
    return out


def _spaced_symbol_ok(text: str, surface: str, end: int) -> bool:
    """ "5 ft", and "2 in thick" or "2 in." at the end, but not "two in my car"."""
    if surface in lex.SPACED_SYMBOLS_OK:
        return True
    if surface not in lex.SPACED_SYMBOLS_AT_END:
        return False
    after = text[end : end + 12].split()
    return not after or after[0][0] in ".,;:!?)" or after[0].lower().rstrip(".,;") in lex.METRE_CONTEXT_WORDS


def match_unit(text: str, pos: int, *, glued: bool) -> UnitMatch | None:
    """The unit written at ``pos`` (right after a number), if any.

    ``glued`` says the unit touches the digits ("5km"); word-like symbols ("a",
    "in") only count then, so that "a key" or "in 2010" never become units.
    """
    tables = unit_tables()
    for surface, end in _candidates(text, pos):
        if end < len(text) and (text[end].isalnum() and surface[-1].isalnum()):
            continue  # a prefix of a longer word
        info = tables.symbols.get(surface)
        if info is not None and not (glued and surface in lex.NOT_GLUED_UNITS):
            if surface in lex.WORD_LIKE_SYMBOLS and not glued and not _spaced_symbol_ok(text, surface, end):
                continue
            return UnitMatch(unit=info, end=end)
        info = tables.names.get(surface.lower()) or tables.names.get(surface.lower().replace("-", " "))
        if info is not None and (len(surface) > 2 or glued):
            return UnitMatch(unit=info, end=end)
    return None


def normalize_measure(value: float, unit_name: str) -> Normalized | None:
    """The value in its SI unit, when the unit is one we can convert."""
    si = lex.SI_UNITS.get(unit_name)
    if si is None:
        return None
    symbol, factor, offset = si
    return Normalized(value=value * factor + offset, unit=symbol)
