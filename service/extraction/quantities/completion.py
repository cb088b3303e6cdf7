"""What is written after a number: its multiplier, currency, unit and rate ("$260m", "5 km", "$10 per gram")."""

from __future__ import annotations

import re
from dataclasses import replace

from service.extraction.lexicon import quantities as lex
from service.extraction.model import Unit
from service.extraction.quantities.amount import Amount, finite
from service.extraction.quantities.currencies import currency_tables
from service.extraction.quantities.units import match_unit, unit_named

_MULTIPLIER_RE = re.compile(r"(?P<space>[ \u00a0]?)(?P<word>[A-Za-z]+)\b")
_MINOR_RE = re.compile(r"(?P<space>[ \u00a0-]?)(?P<word>[A-Za-z]+)\b")


_AGE_RE = re.compile(lex.AGE_SUFFIX_RE, re.IGNORECASE)


def _multiplier(text: str, pos: int, *, money: bool) -> tuple[float, int]:
    """Multiplier words or abbreviations at ``pos``: ("4 hundred million" -> 1e8, end)."""
    factor, end = 1.0, pos
    while m := _MULTIPLIER_RE.match(text, end):
        word = m["word"]
        scale = lex.SCALE_WORDS.get(word.lower())
        if scale is None and factor == 1.0 and word in lex.MULTIPLIER_ABBREVIATIONS:
            if not _abbreviation_is_multiplier(text, m, money=money):
                break
            scale = lex.MULTIPLIER_ABBREVIATIONS[word]
        if scale is None:
            break
        factor *= scale
        end = m.end()
    return factor, end


def _abbreviation_is_multiplier(text: str, m: re.Match, *, money: bool) -> bool:
    """Whether "m", "bn", "k" right after digits mean million, billion, thousand."""
    word = m["word"]
    if m["space"] and len(word) == 1 and not money:
        return False  # "5 m" is five metres
    if money or word not in ("m", "b"):
        return True
    # A lower-case "m" without money is a million only before a counted noun ("1.2m tons").
    after = _MULTIPLIER_RE.match(text, m.end())
    return bool(
        after
        and after["space"]
        and after["word"].lower() not in lex.METRE_CONTEXT_WORDS
        and after["word"].lower() not in lex.FUNCTION_WORDS
    )


def _currency_after(text: str, pos: int, *, multiplied: bool) -> tuple[str, int, str, float] | None:
    """A currency after the amount ("1.5 trillion roubles", "5 USD", "30 MUSD", "75 USD million").

    Returns (ISO code, end, surface, the multiplier written with a code).  "pounds" is money
    here only after a multiplier ("20 million pounds"); the clause decides "25 pounds" later.
    """
    tables = currency_tables()
    window = text[pos : pos + 30]
    stripped = window.lstrip(" \u00a0")
    if stripped[:1] in ("-", "‐") and stripped[1:2].isalpha():
        stripped = stripped[1:]  # "a 1-yen rise"
    offset = pos + len(window) - len(stripped)
    if code := _SCALED_CODE_RE.match(stripped):
        iso = code["code"]
        if iso in tables.codes:
            factor, end = _multiplier(text, offset + code.end(), money=True)
            scale = lex.MULTIPLIER_ABBREVIATIONS.get(code["scale"], 1.0) if code["scale"] else 1.0
            return iso, end, iso, scale * factor
    words = re.split(r"\s", stripped, maxsplit=3)[:3]
    for count in range(len(words), 0, -1):
        surface = " ".join(words[:count]).rstrip(".,;:)!?=”’\"'")
        lower = surface.lower()
        iso = tables.words.get(lower) or (multiplied and lex.MASS_OR_MONEY_WORDS.get(lower))
        end = offset + len(surface)
        if iso and not (end < len(text) and text[end].isalpha()):
            return iso, end, surface, 1.0
    return None


def _minor_currency_after(text: str, pos: int) -> tuple[tuple[str, float, str], int] | None:
    """ "84 cents", "118.5p", "a 12-cent dividend": a hundredth of a currency."""
    m = _MINOR_RE.match(text, pos)
    if not m:
        return None
    entry = lex.MINOR_CURRENCY_WORDS.get(m["word"].lower())
    if entry is None or (m["word"].lower() in lex.GLUED_ONLY_MINOR and m["space"]):
        return None
    return entry, m.end()


def _dollar_qualifier(text: str, pos: int) -> tuple[str, int] | None:
    """ "$75 U.S.", "$20 Canadian": the country that a bare "$" belongs to."""
    window = text[pos : pos + 14]
    for word, code in lex.DOLLAR_QUALIFIERS.items():
        for surface in (word, word.upper(), word.title()):
            if window.startswith(" " + surface) and not window[len(surface) + 1 : len(surface) + 2].isalpha():
                return code, pos + 1 + len(surface)
    return None


def complete(text: str, amount: Amount, cur: str | None) -> Amount | None:
    """Add the multiplier, currency and unit written after the number."""
    code = currency_tables().prefixes.get(cur.strip()) if cur else None
    factor, end = _multiplier(text, amount.end, money=code is not None)
    value = float(f"{amount.value * factor:.15g}")  # "8.2 million" is 8200000, not 8199999.999999999
    if not finite(value):
        return None
    amount = replace(amount, value=value, end=end, scale=amount.scale * factor)
    if code is not None:
        amount = replace(amount, currency=code, currency_surface=cur.strip())
        if code == "USD" and cur.strip() == "$" and (qualifier := _dollar_qualifier(text, end)):
            amount = replace(amount, currency=qualifier[0], end=qualifier[1])
    elif word := _currency_after(text, end, multiplied=amount.scale != 1.0):
        iso, word_end, surface, scale = word
        if not finite(amount.value * scale):
            return None
        amount = replace(
            amount,
            currency=iso,
            currency_surface=surface,
            end=word_end,
            value=amount.value * scale,
            scale=amount.scale * scale,
        )
    elif minor := _minor_currency_after(text, end):
        (code, minor_factor, name), minor_end = minor
        unit = Unit(name=name, symbol=None, dimension="currency")
        surface = text[end:minor_end].strip()
        amount = replace(
            amount, currency=code, currency_surface=surface, minor_factor=minor_factor, unit=unit, end=minor_end
        )
    else:
        amount = _with_unit(text, amount)
        if amount.unit is None:
            return _with_ambiguous_symbol(text, amount)
    return _with_rate(text, amount)


_BRACKETED_RE = re.compile(r"[ \u00a0]?[(\[{<](?P<unit>[^\s()\[\]{}<>]{1,12})[)\]}>]")
_GAP_ADJECTIVE_RE = re.compile(r"(?:" + "|".join(lex.UNIT_GAP_ADJECTIVES) + r")\s", re.IGNORECASE)
_PREFIX_UNIT_RE = re.compile(r"\b(?P<word>" + "|".join(lex.PREFIX_UNITS) + r")[\s-]$", re.IGNORECASE)
_SYMBOL_RE = re.compile(r"[ \u00a0]?(?P<symbol>[^\W\d_]{1,2})\b(?!['’]|\.\w)")


def _with_ambiguous_symbol(text: str, amount: Amount) -> Amount:
    """ "25 c": a symbol no unit table reads on its own; the clause decides it (``symbols.py``)."""
    if not amount.words and (base := _exchange_base(text, amount.end, bare=True)):
        return replace(
            amount, per=base[0], end=base[1]
        )  # "3.8412 against the US dollar": the clause names the currency
    m = _SYMBOL_RE.match(text, amount.end)
    if m is None or m["symbol"] not in lex.AMBIGUOUS_SYMBOLS or amount.words:
        return amount
    return _with_rate(text, replace(amount, unit_surface=m["symbol"], end=m.end()))


# "USD", "MUSD" (millions of dollars), "kEUR": an ISO code after the amount, with a scale glued before it.
_SCALED_CODE_RE = re.compile(r"(?P<scale>MM|[kKMB]|Mn|Bn|bn|mn)?(?P<code>[A-Z]{3})\b")
_ASIDE_RE = re.compile(r"\s?\([^()]{1,30}\)")


_PER_RE = re.compile(r"(?P<per>\s?/\s?|\s(?:per|a|an|each)\s|-(?:a|per)-)(?=\S)")


_RATE_SYMBOL_RE = re.compile(r"(?P<symbol>" + "|".join(re.escape(s) for s in lex.RATE_SYMBOLS) + r")\b", re.IGNORECASE)
_EXCHANGE_BASE_RE = re.compile(
    r"\s?(?:/\s?|\s(?:to|against)\s(?:the\s|one\s|a\s)?)(?P<base>[^\s\d,;.)]+(?=[\s,;.):]|$)(?:\s[a-z]+)?)"
)
_RATE_WORD_RE = re.compile(r"(?P<word>[A-Za-z]+)(?:\s+(?P<after>[A-Za-z]+))?")


def _with_rate(text: str, amount: Amount) -> Amount:
    """ "$10 per gram", "600,000 barrels a day", "$48,000 a year": the unit's denominator."""
    if amount.currency and (base := _exchange_base(text, amount.end)):
        return replace(amount, per=base[0], end=base[1])
    m = _PER_RE.match(text, amount.end)
    aside = None if m else _ASIDE_RE.match(text, amount.end)
    if aside is not None:
        m = _PER_RE.match(text, aside.end())  # "C$6 (US$4.46) per share": the rate, but not the aside's text
    if m is None:
        return amount
    word = _RATE_WORD_RE.match(text, m.end())
    if word and word["after"] and word["after"].lower() in lex.NOT_RATE_AFTER:
        return amount  # "$1.17 billion a year earlier"
    if word and word["word"].lower() in lex.TIME_UNIT_WORDS:
        end = amount.end if aside else word.end("word")
        return replace(amount, per=lex.TIME_UNIT_WORDS[word["word"].lower()], end=end)
    if m["per"].strip(" -") in ("a", "an", "each"):
        return amount
    found = match_unit(text, m.end(), glued=False)
    if found is None or found.unit.dimension == "currency":
        return amount
    return replace(amount, per=found.unit.name, end=amount.end if aside else found.end)


def _exchange_base(text: str, pos: int, *, bare: bool = False) -> tuple[str, int] | None:
    """ "R15.32/$", "112 yen to the dollar", "3.84 ringgit against the US dollar": the base currency and the end.

    A bare number is an exchange rate only "against" a currency ("to the dollar" may be a range's end).
    """
    m = _EXCHANGE_BASE_RE.match(text, pos)
    if m is None or (bare and "against" not in m.group()):
        return None
    words = m["base"].split(" ")
    for count in (2, 1):
        surface = " ".join(words[:count]).rstrip(".,;:)")
        code = currency_tables().prefixes.get(surface) or currency_tables().words.get(surface.lower())
        if code and count <= len(words):
            return code, m.start("base") + len(surface)
    return None


def _with_unit(text: str, amount: Amount) -> Amount:
    """The unit written after the number ("5 km", "6.1-inch", "ten months old")."""
    # Only digits take a glued symbol ("5in", '5"'): after a word it is punctuation ('"two" at').
    pos, glued = amount.end, not amount.words
    if text[pos : pos + 1] in ("-", "‐") and text[pos + 1 : pos + 2].isalpha():
        pos += 1  # "6.1-inch", "18-year-old"
    elif text[pos : pos + 1] in (" ", "\u00a0"):
        pos += 1
        glued = False
    elif not glued:
        return amount  # '"two" at': a word number takes no unit through punctuation
    if (bracket := _BRACKETED_RE.match(text, amount.end)) and (
        inside := match_unit(text, bracket.start("unit"), glued=True)
    ):
        if inside.end == bracket.end("unit"):  # "20 (kg)", "20 [kg]": the unit in brackets
            return replace(amount, unit=inside.unit, unit_surface=bracket["unit"], end=bracket.end())
    symbol = _RATE_SYMBOL_RE.match(text, pos)
    if symbol is not None:  # "2 million bpd": a unit and its denominator in one word
        unit, per = lex.RATE_SYMBOLS[symbol["symbol"].lower()]
        return replace(
            amount,
            unit=Unit(name=unit, symbol=None, dimension=lex.EXTRA_UNIT_DIMENSIONS.get(unit)),
            per=per,
            end=symbol.end(),
        )
    found = match_unit(text, pos, glued=glued)
    if found is None and (adjective := _GAP_ADJECTIVE_RE.match(text, pos)):
        found = match_unit(text, adjective.end(), glued=False)  # "three consecutive days"
        found = found if found is not None and found.unit.dimension == "time" else None
    if found is None and (prefix := _PREFIX_UNIT_RE.search(text, max(0, amount.start - 12), amount.start)):
        unit = unit_named(lex.PREFIX_UNITS[prefix["word"].lower()])
        return replace(amount, unit=unit, unit_surface=prefix["word"], start=prefix.start())
    if found is None:
        return amount
    unit, end = found.unit, found.end
    amount = replace(amount, unit_surface=text[pos:end])
    if unit.dimension == "time" and not unit.name.endswith(" of age") and (age := _AGE_RE.match(text, end)):
        unit, end = Unit(name=f"{unit.name} of age", symbol=None, dimension="time"), age.end()
    return replace(amount, unit=unit, end=end)
