"""Numbers written in digits, and the digit runs (dates, times, phone numbers) that are none."""

from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import replace

from service.extraction.intervals import Intervals
from service.extraction.lexicon import quantities as lex
from service.extraction.quantities.amount import Amount, MAX_DIGITS, finite
from service.extraction.quantities.completion import complete
from service.extraction.quantities.currencies import currency_tables

_VULGAR = "".join(lex.VULGAR_FRACTIONS)


@lru_cache(maxsize=1)
def _amount_re() -> re.Pattern[str]:
    """Digits with the currency written before them; built once the currency tables are loaded."""
    prefixes = sorted(currency_tables().prefixes, key=len, reverse=True)
    return re.compile(
        r"(?:(?<![A-Za-z])(?P<cur>" + "|".join(re.escape(p) for p in prefixes) + r"))?\s?"
        r"(?P<sign>[-+−](?=[\d.]))?"
        r"(?P<num>\d+(?:,\d{3})+(?:\.\d+)?|\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+|(?=["
        + _VULGAR
        + r"]))"
        r"(?:[/⁄](?P<den>\d+)|[ \u00a0](?P<mixnum>\d{1,2})[/⁄](?P<mixden>\d{1,3})\b|(?P<vulgar>[" + _VULGAR + r"]))?"
        r"(?:\s?[×x]\s?10\^?(?P<exp>[-−]?\d{1,3})|[eE](?P<e>[-+−]?\d{1,3})\b)?"
    )


# Clock times, dates, phone numbers, ordinals and decades: digits that are no quantity.
_BLOCKED_RE = re.compile(
    r"\b\d{4}-\d{1,2}-\d{1,2}\b"  # ISO dates
    r"|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b"  # 3/4/2021
    r"|\b\d{1,2}:\d{2}(?::\d{2})?(?:\s?(?:[ap]\.?m\.?|GMT|UTC|ET|BST))?"  # 17:22
    r"|\b\d{1,2}(?:[.:]\d{2})?\s?(?:[ap]\.m\.?|[ap]m\b)"  # 2 p.m., 10.45pm
    r"|(?:\+\d{1,3}[\s-]?)?\(?\b\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b"  # phone numbers
    r"|\b\d+(?:-\d+){2,}\b"  # account and reference numbers: 1111-2222-3333
    r"|\b(?:1[89]|20)\d{2}[-–/]\d{2}\b"  # seasons and fiscal years: 2013-14
    r"|\b\d+(?:st|nd|rd|th)\b"  # ordinals
    r"|\b\d{2,4}['’]?s\b|['’]\d0s\b",  # decades: 1990s, '80s
    re.IGNORECASE,
)


_HYPHEN_WORDS = frozenset({"minus", "sub", "plus"})


def blocked_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _BLOCKED_RE.finditer(text)]


def _parse_digits(match: re.Match, *, signed: bool) -> float | None:
    num = match["num"].replace(",", "")
    if len(num) > MAX_DIGITS or not (num or match["vulgar"]):
        return None
    value = float(num or 0)
    if match["vulgar"]:
        value += lex.VULGAR_FRACTIONS[match["vulgar"]]  # "2½", "⅓ cup"
    if match["den"]:
        den = float(match["den"])
        if den == 0 or len(match["den"]) > 4:
            return None
        value /= den
    if match["mixden"] and "." not in num:
        den = float(match["mixden"])
        if den == 0:
            return None
        value += float(match["mixnum"]) / den  # "2 1/2 in", "7 3/4 %"
    if exponent := match["exp"] or match["e"]:
        try:
            value *= 10.0 ** int(exponent.replace("−", "-"))
        except OverflowError:
            return None  # "5e400": no finite float, so no quantity
    if signed and match["sign"] in ("-", "−"):
        value = -value
    return value if finite(value) else None


_MINUS_RE = re.compile(r"(?<![A-Za-z])minus[ -‐]?$", re.IGNORECASE)


def _minus_word_before(text: str, start: int) -> int | None:
    """Where "minus" starts before the digits ("minus-5 yards", "minus 290 Fahrenheit"), if it does."""
    m = _MINUS_RE.search(text, max(0, start - 7), start)
    return m.start() if m else None


def _left_is_name(text: str, start: int) -> bool:
    """Digits glued to letters or hyphenated to a word ("R18", "EEF-2022", "COVID-19") are a name."""
    if start == 0:
        return False
    before = text[start - 1]
    if before.isalnum() or before == "_":
        return True
    if before in "-‐−" and start >= 2 and text[start - 2].isalpha():
        word = re.search(r"[A-Za-z]+$", text[max(0, start - 12) : start - 1])
        return not (word and (word.group().lower() in _HYPHEN_WORDS or word.group().lower() in lex.PREFIX_UNITS))
    return False


def _number_start(match: re.Match) -> int:
    return match.start("sign") if match["sign"] else match.start("num")


def _range_partner(text: str, start: int) -> bool:
    """ "10-20": the "-20" after digits is the end of a range, unless the digits are a name ("I7-860")."""
    if start == 0 or not text[start - 1].isdigit():
        return False
    run = re.search(r"[\w.,]+$", text[max(0, start - 30) : start])
    return run is not None and not any(c.isalpha() for c in run.group())


def digit_amounts(text: str, blocked: Intervals) -> list[Amount]:
    amounts: list[Amount] = []
    for match in _amount_re().finditer(text):
        cur = match["cur"]
        if cur and cur.strip() in lex.GLUED_ONLY_PREFIXES and match.end("cur") != _number_start(match):
            cur = None
        start = match.start("cur") if cur else _number_start(match)
        signed = bool(match["sign"])
        if signed and not cur and start > 0 and text[start - 1].isalpha():
            signed, start = False, match.start("num")  # "sub-7", "COVID-19": a hyphen, not a minus
        partner = signed and _range_partner(text, start)
        if (_left_is_name(text, start) and not partner) or blocked.overlaps(match.start("num"), match.end("num")):
            continue
        value = _parse_digits(match, signed=signed)
        if value is None:
            continue
        if minus := _minus_word_before(text, start):
            value, start = -value, minus
        amount = complete(text, Amount(start=start, end=match.end(), value=value, signed=signed), cur)
        if amount is not None:
            amounts.append(amount)
    return amounts
