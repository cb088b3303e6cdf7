"""Currency codes, names and symbols from Unicode CLDR (through Babel), plus the news spellings it lacks.

CLDR is the maintained source of ISO 4217 codes with their English names ("Swiss franc",
plural "Swiss francs") and symbols, both the English ones ("CA$", "₹", "₩") and those of
each English-speaking territory's own locale ("R" in en_ZA, "RM" in en_MY, "₦" in en_NG).
Babel ships CLDR as data, so nothing is fetched at run time.  What news writes that CLDR
does not ("Rs.", "US$", "Sfr", "roubles", bare "francs") is data in the lexicon, and wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from service.extraction.lexicon import quantities as lex

# ISO 4217 codes for precious metals, funds and testing (XAU "gold", XXX) are no money in news.
_NON_MONEY_CODE_PREFIX = "X"


@dataclass(frozen=True, slots=True)
class CurrencyTables:
    prefixes: dict[str, str]  # written before the amount, exact case: "$", "CA$", "Rs", "USD" -> ISO code
    words: dict[str, str]  # written after it, lower case: "swiss francs", "roubles" -> ISO code
    codes: frozenset[str]  # ISO codes read on either side, exact case ("5 USD", "30 MUSD")
    names: dict[str, str]  # ISO code -> unit name ("swiss franc")


def _is_money_code(code: str) -> bool:
    return not code.startswith(_NON_MONEY_CODE_PREFIX) or code in lex.MONEY_X_CODES


def _territory_symbols(english_names: dict[str, str]) -> dict[str, str]:
    """Each English-speaking territory's own symbol for its currency ("R" for ZAR in en_ZA).

    Symbols that several territories share ("$", "£", "kr") and single ASCII letters (en_BW's
    "P") are left to the news table, which decides them in context.
    """
    from babel import Locale
    from babel.localedata import locale_identifiers
    from babel.numbers import get_territory_currencies

    owners: dict[str, set[str]] = {}
    for identifier in locale_identifiers():
        language, _, territory = identifier.partition("_")
        if language != "en" or not territory.isalpha() or not territory.isupper():
            continue
        currencies = get_territory_currencies(territory)
        if not currencies or currencies[0] not in english_names:
            continue
        symbol = Locale.parse(identifier).currency_symbols.get(currencies[0])
        if symbol and symbol != currencies[0]:
            owners.setdefault(symbol, set()).add(currencies[0])
    return {
        symbol: next(iter(codes))
        for symbol, codes in owners.items()
        if len(codes) == 1 and not (len(symbol) == 1 and symbol.isascii())
    }


@lru_cache(maxsize=1)
def currency_tables() -> CurrencyTables:
    """Build the tables once (about 0.1 s: Babel reads some 100 English locales)."""
    from babel import Locale
    from babel.numbers import get_currency_name

    english = Locale.parse("en")
    names = {code: name for code, name in english.currencies.items() if _is_money_code(code)}
    words: dict[str, str] = {}
    for code, name in names.items():
        words[name.lower()] = code
        words[get_currency_name(code, count=2, locale=english).lower()] = code
    codes = frozenset(code for code in names if code not in lex.CODES_THAT_ARE_WORDS)
    prefixes = _territory_symbols(names)
    prefixes.update(
        (symbol, code) for code, symbol in english.currency_symbols.items() if code in names and symbol != code
    )
    prefixes.update((code, code) for code in codes)
    prefixes.update(lex.NEWS_CURRENCY_PREFIXES)
    # "c$ 16.4 million", "hk $ 10": dollar prefixes in lower case too, where no English word reads so ("a $").
    prefixes.update(
        (symbol.lower(), code)
        for symbol, code in list(prefixes.items())
        if "$" in symbol and sum(c.isalpha() for c in symbol) >= (1 if " " not in symbol else 2)
    )
    words.update(lex.NEWS_CURRENCY_WORDS)
    # "100 ₡", "10 $": a symbol with no letters in it reads after the amount too.
    words.update(
        (symbol, code)
        for symbol, code in prefixes.items()
        if not any(c.isalpha() for c in symbol) and symbol not in words
    )
    return CurrencyTables(
        prefixes=prefixes, words=words, codes=codes, names={code: name.lower() for code, name in names.items()}
    )


@lru_cache(maxsize=1)
def currency_word_re() -> re.Pattern[str]:
    """Currency names of one word in lower-case text ("the ringgit", "yen"), for naming a rate's currency."""
    words = sorted((w for w in currency_tables().words if w.isalpha() and len(w) > 2), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b")


def currency_name(code: str) -> str:
    """The unit name of a currency ("swiss franc"), or its code when CLDR has no name for it."""
    return currency_tables().names.get(code, lex.NEWS_CURRENCY_NAMES.get(code, code))
