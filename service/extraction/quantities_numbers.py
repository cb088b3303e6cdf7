"""Find the numbers of a document: digits with their currency, multiplier and unit, and number words.

Every number found here sits where spaCy sees one: a token with digits, or
number words ("six", "a dozen", "half a million", "hundreds of", "two-thirds").
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from service.extraction.intervals import Intervals
from service.extraction.lexicon import quantities as lex
from service.extraction.model import Unit
from service.extraction.quantities_units import match_unit

# Longer digit strings are identifiers or noise, and would overflow a float.
MAX_DIGITS = 24
# Beyond this a value cannot be a news quantity and would not survive JSON as a finite float.
MAX_ABS_VALUE = 1e30

_VULGAR = "".join(lex.VULGAR_FRACTIONS)
_PREFIXES = sorted(lex.CURRENCY_PREFIXES, key=len, reverse=True)
_AMOUNT_RE = re.compile(
    r"(?P<cur>" + "|".join(re.escape(p) for p in _PREFIXES) + r")?\s?"
    r"(?P<sign>[-+−](?=[\d.]))?"
    r"(?P<num>\d+(?:,\d{3})+(?:\.\d+)?|\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+|(?=[" + _VULGAR + r"]))"
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
_MULTIPLIER_RE = re.compile(r"(?P<space>[ \u00a0]?)(?P<word>[A-Za-z]+)\b")
_HYPHEN_WORDS = frozenset({"minus", "sub", "plus"})
_AGE_RE = re.compile(lex.AGE_SUFFIX_RE, re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Amount:
    """One number in the text with what is written around it."""

    start: int
    end: int
    value: float
    currency: str | None = None
    currency_surface: str | None = None
    unit: Unit | None = None
    minor_factor: float = 1.0  # "84 cents": 0.01 of the currency
    scale: float = 1.0  # the multiplier written with it: 1e6 for "$260m", "4 million"
    open_upwards: bool = False  # "hundreds of": at least this, maybe much more
    fraction: bool = False  # "a third of"
    change: str | None = None  # "trebling", "+3%"
    signed: bool = False  # written with "-" or "+" glued to the digits
    words: bool = False  # written in words
    per: str | None = None  # "$10 per gram", "9 billion shekels a year": the denominator


def _finite(value: float) -> bool:
    return math.isfinite(value) and abs(value) <= MAX_ABS_VALUE


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
        value *= 10.0 ** int(exponent.replace("−", "-"))
    if signed and match["sign"] in ("-", "−"):
        value = -value
    return value if _finite(value) else None


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


def _currency_after(text: str, pos: int, *, multiplied: bool) -> tuple[str, int, str] | None:
    """A currency word after the amount ("1.5 trillion roubles"): (ISO, end, surface).

    "pounds" is money only after a multiplier ("20 million pounds"); "25 pounds" is a weight.
    """
    window = text[pos : pos + 30]
    stripped = window.lstrip(" \u00a0")
    offset = pos + len(window) - len(stripped)
    words = stripped.split(" ")[:3]
    for count in range(len(words), 0, -1):
        surface = " ".join(words[:count]).rstrip(".,;:)!?=")
        code = lex.CURRENCY_WORDS.get(surface.lower()) or (multiplied and lex.MASS_OR_MONEY_WORDS.get(surface.lower()))
        end = offset + len(surface)
        if code and not (end < len(text) and text[end].isalpha()):
            return code, end, surface
    return None


def _minor_currency_after(text: str, pos: int) -> tuple[tuple[str, float, str], int] | None:
    m = _MULTIPLIER_RE.match(text, pos)
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
        return not (word and word.group().lower() in _HYPHEN_WORDS)
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
    for match in _AMOUNT_RE.finditer(text):
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
        amount = _complete(text, Amount(start=start, end=match.end(), value=value, signed=signed), cur)
        if amount is not None:
            amounts.append(amount)
    return amounts


def _complete(text: str, amount: Amount, cur: str | None) -> Amount | None:
    """Add the multiplier, currency and unit written after the number."""
    code = lex.CURRENCY_PREFIXES.get(cur.strip()) if cur else None
    factor, end = _multiplier(text, amount.end, money=code is not None)
    value = amount.value * factor
    if not _finite(value):
        return None
    amount = replace(amount, value=value, end=end, scale=amount.scale * factor)
    if code is not None:
        amount = replace(amount, currency=code, currency_surface=cur.strip())
        if code == "USD" and cur.strip() == "$" and (qualifier := _dollar_qualifier(text, end)):
            amount = replace(amount, currency=qualifier[0], end=qualifier[1])
    elif word := _currency_after(text, end, multiplied=amount.scale != 1.0):
        amount = replace(amount, currency=word[0], currency_surface=word[2], end=word[1])
    elif minor := _minor_currency_after(text, end):
        (code, minor_factor, name), minor_end = minor
        unit = Unit(name=name, symbol=None, dimension="currency")
        amount = replace(amount, currency=code, minor_factor=minor_factor, unit=unit, end=minor_end)
    else:
        amount = _with_unit(text, amount)
        if amount.unit is None:
            return amount
    return _with_rate(text, amount)


_ASIDE_RE = re.compile(r"\s?\([^()]{1,30}\)")
_PER_RE = re.compile(r"(?P<per>\s?/\s?|\s(?:per|a|an|each)\s)(?=\S)")
_RATE_WORD_RE = re.compile(r"(?P<word>[A-Za-z]+)(?:\s+(?P<after>[A-Za-z]+))?")


def _with_rate(text: str, amount: Amount) -> Amount:
    """ "$10 per gram", "600,000 barrels a day", "$48,000 a year": the unit's denominator."""
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
    if m["per"].strip() in ("a", "an", "each"):
        return amount
    found = match_unit(text, m.end(), glued=False)
    if found is None or found.unit.dimension == "currency":
        return amount
    return replace(amount, per=found.unit.name, end=amount.end if aside else found.end)


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
    found = match_unit(text, pos, glued=glued)
    if found is None:
        return amount
    unit, end = found.unit, found.end
    if unit.dimension == "time" and not unit.name.endswith(" of age") and (age := _AGE_RE.match(text, end)):
        unit, end = Unit(name=f"{unit.name} of age", symbol=None, dimension="time"), age.end()
    return replace(amount, unit=unit, end=end)


# --- number words -------------------------------------------------------------


def _word_value(words: list[str]) -> float | None:
    """Value of "two hundred and five", "four thousand", "twenty-five"; None if not a number."""
    total, current, seen = 0.0, 0.0, False
    for word in words:
        if word == "and" and seen:
            continue
        if word in lex.NUMBER_WORDS:
            current += lex.NUMBER_WORDS[word]
        elif word in ("hundred", "dozen"):
            current = (current or 1) * lex.SCALE_WORDS[word]
        elif word in lex.SCALE_WORDS:
            total += (current or 1) * lex.SCALE_WORDS[word]
            current = 0.0
        else:
            return None
        seen = True
    return total + current if seen else None


def _split_word(lower: str) -> list[str]:
    return [part for part in re.split(r"[-‐\s]", lower) if part]


def _is_number_word(lower: str) -> bool:
    parts = _split_word(lower)
    return bool(parts) and all(p in lex.NUMBER_WORDS or p in lex.SCALE_WORDS for p in parts)


_STARTERS = frozenset(
    {*lex.NUMBER_WORDS, *lex.SCALE_WORDS, *lex.PLURAL_SCALES, *lex.MULTIPLYING_WORDS, "a", "an", "half", "quarter"}
)


def _may_start(lower: str) -> bool:
    """A cheap test before the full parse: most tokens are no number word."""
    return lower in _STARTERS or lower.endswith(lex.FOLD_SUFFIX) or ("-" in lower and _is_number_word(lower))


def word_amounts(doc: Doc, text: str, taken: Intervals) -> list[Amount]:
    """Numbers written in words, each with its unit; tokens inside ``taken`` spans are skipped."""
    amounts: list[Amount] = []
    lowers = [token.lower_ for token in doc]
    i, n = 0, len(doc)
    while i < n:
        found = _word_amount_at(doc, i) if _may_start(lowers[i]) else None
        if found is None:
            i += 1
            continue
        amount, next_i = found
        if not taken.overlaps(amount.start, amount.end):
            amounts.append(_complete(text, amount, None) if not amount.change else amount)
        i = next_i
    return [a for a in amounts if a is not None]


def _word_amount_at(doc: Doc, i: int) -> tuple[Amount, int] | None:
    """The number in words starting at token ``i`` and the index of the token after it."""
    token = doc[i]
    lower = token.lower_
    nxt = doc[i + 1].lower_ if i + 1 < len(doc) else ""
    if lower in lex.MULTIPLYING_WORDS:
        end = token.idx + len(token)
        return Amount(start=token.idx, end=end, value=lex.MULTIPLYING_WORDS[lower], change="increase", words=True), i + 1
    if lower.endswith(lex.FOLD_SUFFIX):
        return _fold(token, i)
    if lower in lex.PLURAL_SCALES:
        return _plural_scale(doc, i)
    if lower == "half" and nxt in ("a", "an"):
        inner = _word_amount_at(doc, i + 1) if i + 2 < len(doc) else None
        if inner is None:
            return None
        amount, end_i = inner
        return replace(amount, start=token.idx, value=amount.value / 2), end_i  # "half a million"
    if lower in ("a", "an", "one") and nxt in lex.FRACTION_WORDS and nxt != "half":
        return _fraction(doc, i, 1.0, i + 1)  # "a third of", "one quarter"
    if lower in ("half", "quarter") and nxt in lex.SCALE_WORDS and nxt != "dozen":
        return _fraction(doc, i, 1.0, i)  # "half million", "quarter million"
    if lower == "one" and token.pos_ != "NUM":
        return None  # "no one", "the one"
    if "-" in lower and (hyphen_fraction := _hyphen_fraction(token)):
        return hyphen_fraction, i + 1
    first = i + 1 if lower in ("a", "an") and nxt in lex.SCALE_WORDS else i  # "a million", "a dozen"
    found = _cardinal(doc, first, start=token.idx)
    if found is not None and lower in lex.SCALE_WORDS and i > 0 and doc[i - 1].lower_ in lex.VAGUE_QUANTIFIERS:
        # "several hundred years": at least a hundred, like "hundreds of".
        amount, end_i = found
        return replace(amount, start=doc[i - 1].idx, open_upwards=True), end_i
    return found


def _fold(token: Token, i: int) -> tuple[Amount, int] | None:
    """ "sixfold": six times as much."""
    number = token.lower_[: -len(lex.FOLD_SUFFIX)].rstrip("-")
    if number not in lex.NUMBER_WORDS:
        return None
    times = Unit(name="count", symbol=None, dimension="dimensionless")
    end = token.idx + len(token)
    return Amount(start=token.idx, end=end, value=lex.NUMBER_WORDS[number], words=True, unit=times), i + 1


def _cardinal(doc: Doc, i: int, *, start: int) -> tuple[Amount, int] | None:
    """ "two hundred and five", "twenty - five", "two and a half", "two-thirds"."""
    if not _is_number_word(doc[i].lower_):
        return None
    words: list[str] = []
    j = i
    while j < len(doc):
        low = doc[j].lower_
        follows = j + 1 < len(doc) and _is_number_word(doc[j + 1].lower_)
        if _is_number_word(low):
            words.extend(_split_word(low))
        elif low in ("-", "‐") and follows and not doc[j].whitespace_:
            pass  # "twenty - five" split by the tokenizer
        elif low == "and" and follows and words and words[-1] in lex.SCALE_WORDS:
            words.append("and")
        else:
            break
        j += 1
    value = _word_value(words)
    if value is None:
        return None
    after = [t.lower_ for t in doc[j : j + 3]]
    if len(after) == 3 and after[:2] == ["and", "a"] and after[2] in lex.FRACTION_WORDS:
        value, j = value + 1 / lex.FRACTION_WORDS[after[2]], j + 3  # "two and a half miles", "five and a quarter"
    # "two-thirds", "three quarters": a fraction whose numerator is the number just read.
    if j + 1 < len(doc) and doc[j].lower_ in ("-", "‐") and doc[j + 1].lower_ in lex.FRACTION_WORDS:
        return _fraction(doc, i, value, j + 1, start=start)
    if j < len(doc) and doc[j].lower_ in lex.FRACTION_WORDS and doc[j].lower_.endswith("s") and value > 1:
        return _fraction(doc, i, value, j, start=start)
    last = doc[j - 1]
    scales = [lex.SCALE_WORDS[w] for w in words if w in lex.SCALE_WORDS]
    amount = Amount(start=start, end=last.idx + len(last), value=value, words=True, scale=scales[-1] if scales else 1.0)
    return amount, j


def _hyphen_fraction(token: Token) -> Amount | None:
    """ "one-half", "two-thirds" in one token."""
    *numerator, denominator = _split_word(token.lower_)
    value = _word_value(numerator) if numerator else None
    if value is None or denominator not in lex.FRACTION_WORDS:
        return None
    end = token.idx + len(token)
    return Amount(start=token.idx, end=end, value=value / lex.FRACTION_WORDS[denominator], fraction=True, words=True)


def _fraction(doc: Doc, i: int, numerator: float, den_i: int, *, start: int | None = None) -> tuple[Amount, int] | None:
    den_token = doc[den_i]
    value = numerator / lex.FRACTION_WORDS[den_token.lower_]
    begin = doc[i].idx if start is None else start
    after = doc[den_i + 1].lower_ if den_i + 1 < len(doc) else ""
    if after in lex.SCALE_WORDS and after != "dozen":
        # "a quarter million", "three quarters billion": a fraction of the scale, no proportion.
        scale = doc[den_i + 1]
        factor = lex.SCALE_WORDS[after]
        return Amount(start=begin, end=scale.idx + len(scale), value=value * factor, words=True, scale=factor), den_i + 2
    if doc[i].lower_ in ("a", "an") and after != "of":
        return None  # "a third visit", "a quarter" of a year without "of"
    return Amount(start=begin, end=den_token.idx + len(den_token), value=value, fraction=True, words=True), den_i + 1


def _plural_scale(doc: Doc, i: int) -> tuple[Amount, int] | None:
    """ "hundreds of", "tens of thousands of": the smallest amount the words allow, open upwards."""
    value, j = lex.PLURAL_SCALES[doc[i].lower_], i + 1
    while j + 1 < len(doc) and doc[j].lower_ == "of" and doc[j + 1].lower_ in lex.PLURAL_SCALES:
        value *= lex.PLURAL_SCALES[doc[j + 1].lower_]
        j += 2
    if j >= len(doc) or doc[j].lower_ != "of":
        return None  # "in the hundreds", "by thousands": too vague to count
    last = doc[j - 1]
    return Amount(start=doc[i].idx, end=last.idx + len(last), value=value, open_upwards=True, words=True), j
