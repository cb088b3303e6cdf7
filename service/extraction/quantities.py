"""Quantities with values, units and meaning.

The numbers are found by :mod:`quantities_numbers` (digits and number words,
with currency, multiplier and unit); this module drops what is no quantity
(years, dates, names), joins ranges, and reads bound, change, object and kind
from the spaCy tokens around each number.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from service.extraction.lexicon import quantities as lex
from service.extraction.model import Normalized, Quantity, Unit, ValueRange
from service.extraction.quantities_numbers import Amount, blocked_spans, digit_amounts, word_amounts
from service.extraction.quantities_units import normalize_measure, to_unit, warm_up_units

# Characters before a number searched for a bound phrase ("at least", "more than").
BOUND_WINDOW = 30
# Tokens before a number searched for a change verb ("rose by about 40%").
CHANGE_WINDOW = 5
# Tokens after a number (or its unit) searched for the counted noun.
OBJECT_WINDOW = 5
# Tokens between the ends of "from X ... to Y".
FROM_TO_GAP = 8
# Characters back to a neighbour whose unit a bare number borrows.
ELLIPSIS_CHARS = 120
# Tokens around a count searched for death or injury words.
TOLL_WINDOW = 8

_BOUND_RE = re.compile(
    r"(?:^|(?<=[\s(\[\"“]))(?P<phrase>"
    + "|".join(re.escape(p) for p in sorted(lex.BOUND_PHRASES, key=len, reverse=True))
    + r")[\s]*$"
)
_YEAR_RE = re.compile(r"\d{4}")


@dataclass(frozen=True, slots=True)
class _Found:
    """An amount with its reading in context, before ids are given."""

    amount: Amount
    start: int
    end: int
    bound: str
    range: ValueRange | None
    change: str | None


def warm_up_quantities() -> None:
    """Pay one-off start-up costs (quantulum3's unit tables) before the first request."""
    warm_up_units()


def extract_quantities(doc: Doc) -> list[Quantity]:
    text = doc.text
    blocked = blocked_spans(text)
    digits = digit_amounts(text, blocked)
    words = word_amounts(doc, [(a.start, a.end) for a in digits] + blocked)
    amounts = sorted(digits + words, key=lambda a: a.start)
    starts = [token.idx for token in doc]
    kept = [a for a in _without_scores(text, amounts) if _is_quantity(doc, starts, a)]
    found = _with_ranges(doc, starts, kept)
    objects = [_object(doc, starts, f) for f in found]
    found, objects = _fill_ellipses(doc, starts, found, objects)
    return [_quantity(doc, starts, f, o, index) for index, (f, o) in enumerate(zip(found, objects), start=1)]


# --- tokens by offset ---------------------------------------------------------


def _token_at(doc: Doc, starts: list[int], offset: int) -> Token:
    return doc[max(0, bisect_right(starts, offset) - 1)]


def _last_token(doc: Doc, starts: list[int], end: int) -> Token:
    return _token_at(doc, starts, max(0, end - 1))


def _previous(doc: Doc, starts: list[int], offset: int) -> Token | None:
    first = _token_at(doc, starts, offset)
    if first.idx < offset and first.idx + len(first) <= offset:
        return first
    return doc[first.i - 1] if first.i > 0 else None


def _next(doc: Doc, starts: list[int], end: int) -> Token | None:
    last = _last_token(doc, starts, end)
    return doc[last.i + 1] if last.i + 1 < len(doc) else None


# --- what is no quantity ------------------------------------------------------


def _is_quantity(doc: Doc, starts: list[int], amount: Amount) -> bool:
    if amount.currency or amount.fraction or amount.change or amount.open_upwards:
        return True
    token = _token_at(doc, starts, amount.start)
    prev = _previous(doc, starts, amount.start)
    nxt = _next(doc, starts, amount.end)
    if amount.unit is not None:
        if amount.unit.dimension == "time" and token.ent_type_ in ("DATE", "TIME"):
            return not _is_date_number(amount, prev, nxt)
        return True
    if token.ent_type_ == "ORDINAL" or (token.ent_type_ in ("DATE", "TIME") and _in_date(doc, token)):
        return False
    if _is_date_number(amount, prev, nxt) or _is_year(doc, amount, prev, nxt):
        return False
    if nxt is not None and nxt.lower_ in lex.TIME_OF_DAY_WORDS:
        return False
    return not _is_name_part(amount, token, prev, nxt) and not _is_model_name(doc, starts, amount)


def _in_date(doc: Doc, token: Token) -> bool:
    """Whether a number inside a DATE or TIME entity is part of a date ("May 2023", "last 2 weeks" is not)."""
    if _YEAR_RE.fullmatch(token.text):
        return True
    ent = next((e for e in doc.ents if e.start <= token.i < e.end), None)
    return ent is not None and any(t.lower_ in lex.MONTHS or t.lower_ in lex.DATE_WORDS for t in ent)


def _is_date_number(amount: Amount, prev: Token | None, nxt: Token | None) -> bool:
    """ "September 8", "9 May": a day of a month."""
    if amount.words or amount.value != int(amount.value) or not 1 <= amount.value <= 31:
        return False
    return bool((prev is not None and prev.lower_ in lex.MONTHS) or (nxt is not None and nxt.lower_ in lex.MONTHS))


def _is_year(doc: Doc, amount: Amount, prev: Token | None, nxt: Token | None) -> bool:
    surface = doc.text[amount.start : amount.end]
    if not _YEAR_RE.fullmatch(surface) or not 1000 <= amount.value <= 2100:
        return False
    if prev is None or prev.lower_ in lex.YEAR_CUES or prev.lower_ in lex.MONTHS or prev.is_punct:
        return True
    # "2022 marked 75 years": a recent year unless it counts something ("2000 people").
    return amount.value >= 1900 and (nxt is None or nxt.tag_ != "NNS")


def _is_name_part(amount: Amount, token: Token, prev: Token | None, nxt: Token | None) -> bool:
    """ "S&P 500", "iPhone 11 Pro", "Chris Doane Automotive 15": a number inside a name."""
    if prev is None:
        return False
    if token.lower_ == "one" and prev.lower_ in lex.PRONOUN_ONE_CUES:
        return True
    if amount.words and not prev.text[:1].isupper():
        return False
    if prev.lower_ in lex.NAME_PREFIXES:
        return True
    if amount.signed or prev.is_sent_start or prev.pos_ != "PROPN" or amount.words:
        return False
    if prev.text.isupper() and len(prev.text) > 1:
        return True  # "HIV 2", "FTSE 100"
    counted = nxt is not None and nxt.pos_ in ("NOUN", "ADJ")
    return prev.text[:1].isupper() and not counted


def _is_model_name(doc: Doc, starts: list[int], amount: Amount) -> bool:
    """ "787 Dreamliner", "11 Pro Max", "575 Wilbraham Road": a small bare number before a singular name."""
    surface = doc.text[amount.start : amount.end]
    if amount.unit or amount.currency or amount.words or not surface.isdigit() or amount.value >= 1000:
        return False
    nxt = _next(doc, starts, amount.end)
    chain = _noun_chain(doc, nxt.i) if nxt is not None else []
    return bool(chain) and chain[-1].tag_ == "NNP" and chain[0].text[:1].isupper()


# --- ranges, bounds, change ---------------------------------------------------


def _with_ranges(doc: Doc, starts: list[int], amounts: list[Amount]) -> list[_Found]:
    text = doc.text
    out: list[_Found] = []
    i = 0
    while i < len(amounts):
        first = amounts[i]
        bound = _bound(text, first.start)
        change = first.change or _change(doc, starts, first)
        if out and (carried := _carried(text, out[-1], first)) is not None:
            bound, change = carried if bound == "exact" and change is None else (bound, change)
        if i + 1 < len(amounts) and (joined := _range(doc, starts, first, amounts[i + 1], has_change=change is not None)):
            low, high = sorted((joined[0].value, joined[1].value))
            out.append(_Found(joined[0], first.start, amounts[i + 1].end, "range", ValueRange(low, high), change))
            i += 2
            continue
        if first.open_upwards:
            bound = "approximate"
        out.append(_Found(first, first.start, first.end, bound, _open_range(bound, first), change))
        if i + 1 < len(amounts) and _shares_bound(text, first, amounts[i + 1]) and bound != "exact":
            second = amounts[i + 1]
            out.append(_Found(second, second.start, second.end, bound, _open_range(bound, second), change))
            i += 1
        i += 1
    return out


def _carried(text: str, before: _Found, amount: Amount) -> tuple[str, str | None] | None:
    """Bound and change that carry over to an amount restating the one before.

    "more than 100 kilometers (60 miles)", "lost 190 points, or 0.6%".
    """
    link = text[before.end : amount.start].strip().lower()
    # "about $US113 trillion ($161 trillion)": a conversion is as exact as it is written, so "about" stays.
    if link in lex.RESTATING_LINKS and before.bound not in ("range", "approximate"):
        return before.bound, before.change
    return None


def _open_range(bound: str, amount: Amount) -> ValueRange | None:
    if bound in ("at_least", "more_than") or amount.open_upwards:
        return ValueRange(amount.value, None)
    if bound in ("at_most", "less_than"):
        return ValueRange(None, amount.value)
    return None


def _bound(text: str, start: int) -> str:
    before = text[max(0, start - BOUND_WINDOW) : start].lower()
    m = _BOUND_RE.search(before)
    return lex.BOUND_PHRASES[m["phrase"]] if m else "exact"


def _shares_bound(text: str, first: Amount, second: Amount) -> bool:
    """ "over US$400 million and $260 million respectively": the bound covers both."""
    between = text[first.end : second.start].strip().lower()
    return between == "and" and text[second.end : second.end + 14].strip().lower().startswith("respectively")


def _range(doc: Doc, starts: list[int], first: Amount, second: Amount, *, has_change: bool) -> tuple[Amount, Amount] | None:
    """ "between 10 and 20", "from 5 to 7 percent", "10-20 MW": the two ends, units shared."""
    text = doc.text
    gap = text[first.end : second.start]
    connector = gap.strip().lower()
    if second.signed and not gap and text[second.start] in "-−":
        connector, second = "-", replace(second, value=-second.value, signed=False)
    prev = _previous(doc, starts, first.start)
    opener = prev.lower_ if prev is not None else ""
    if _is_from_to(doc, starts, opener, first, second):
        return (_share_units(first, second), second) if _compatible(first, second) else None
    if connector not in lex.RANGE_CONNECTORS or (gap.strip() == "-" and gap not in ("-", " - ")):
        return None
    if connector == "and" and opener != "between":
        return None
    if connector in ("or", "up to") and not (opener == "from" or first.words and second.words):
        return None
    if opener not in lex.RANGE_OPENERS and (has_change or connector in ("through", "until", "till")):
        return None
    if not _compatible(first, second):
        return None
    return _share_units(first, second), second


def _is_from_to(doc: Doc, starts: list[int], opener: str, first: Amount, second: Amount) -> bool:
    """ "from 20 mpg in 2008 to 29 mpg", "to 138,285 lots from 212,577 lots": ends apart from each other."""
    closer = _previous(doc, starts, second.start)
    if closer is None or (opener, closer.lower_) not in (("from", "to"), ("to", "from")):
        return False
    last = _last_token(doc, starts, first.end)
    return 0 < closer.i - last.i <= FROM_TO_GAP


def _without_scores(text: str, amounts: list[Amount]) -> list[Amount]:
    scores = {i + k for i in range(len(amounts) - 1) if _is_score(text, amounts[i], amounts[i + 1]) for k in (0, 1)}
    return [a for i, a in enumerate(amounts) if i not in scores]


def _is_score(text: str, first: Amount, second: Amount) -> bool:
    """ "beat Charlton 2-1", "ended 2-2": a score, not a range."""
    bare = not (first.unit or first.currency or second.unit or second.currency)
    small = all(a.value == int(a.value) and abs(a.value) <= 30 for a in (first, second))
    return bare and small and second.signed and first.end == second.start and text[second.start] == "-"


def _compatible(first: Amount, second: Amount) -> bool:
    if first.currency and second.currency and first.currency != second.currency:
        return False
    if first.unit and second.unit and first.unit.name != second.unit.name:
        return False
    if (first.unit or first.currency) and not (second.unit or second.currency):
        return False
    return not (first.currency and first.minor_factor != second.minor_factor)


def _share_units(first: Amount, second: Amount) -> Amount:
    """The first end takes the unit, currency and multiplier written only after the second ("4 to 5 thousand")."""
    value = first.value
    if second.multiplied and not first.multiplied and second.value / max(abs(value), 1e-9) > 1000 and not first.words:
        scaled = value * (second.value / _unscaled(second))
        if scaled <= second.value:
            value = scaled
    elif second.multiplied and not first.multiplied and first.words:
        scaled = value * (second.value / _unscaled(second))
        value = scaled if scaled <= second.value else value
    return replace(
        first,
        value=value,
        per=first.per or second.per,
        unit=first.unit or second.unit,
        currency=first.currency or second.currency,
        minor_factor=second.minor_factor if not first.currency else first.minor_factor,
    )


def _unscaled(amount: Amount) -> float:
    """The number before its multiplier: 15 for "$15 billion"."""
    value = abs(amount.value)
    for scale in (1e12, 1e9, 1e6, 1e3, 1e2):
        if value >= scale and value % scale == 0 or (value >= scale and value / scale < 1000):
            return value / scale
    return value


def _change(doc: Doc, starts: list[int], amount: Amount) -> str | None:
    if amount.signed and amount.unit is not None and amount.unit.name in lex.RATIO_UNITS:
        return "decrease" if amount.value < 0 else "increase"
    first = _token_at(doc, starts, amount.start)
    for k in range(first.i - 1, max(-1, first.i - 1 - CHANGE_WINDOW), -1):
        direction = _change_word(doc[k], amount, _ratio(doc, starts, amount))
        if direction is not None:
            return direction or None
        if doc[k].lower_ not in lex.CHANGE_GAP_WORDS and not doc[k].is_punct:
            break
    return _change_by_head(doc, first, amount)


def _change_word(token: Token, amount: Amount, ratio: bool) -> str | None:
    """ "increase"/"decrease" for a change verb, "" for a word that rules a change out, else None."""
    word, lower = token.lemma_.lower(), token.lower_
    for words, direction in ((lex.INCREASE_WORDS, "increase"), (lex.DECREASE_WORDS, "decrease")):
        if word in words or lower in words:
            if word in lex.CHANGE_NEEDS_RATIO and not ratio:
                return ""
            if token.pos_ in ("NOUN", "ADJ", "PROPN") or (token.dep_ == "prt" and token.head.lemma_ in lex.PHRASAL_NO_CHANGE):
                return ""  # "a 5% rise", "gave up 517 yards"
            if lower in ("up", "down") and token.i + 1 < len(token.doc) and token.nbor(1).lower_ == "to":
                return ""  # "up to $8 million" is a bound
            return direction
    return None


def _ratio(doc: Doc, starts: list[int], amount: Amount) -> bool:
    """A proportion or an index move: "3%", "190 points"."""
    if amount.unit is not None:
        return amount.unit.name in lex.RATIO_UNITS
    nxt = _next(doc, starts, amount.end)
    return nxt is not None and nxt.lower_ in lex.RATIO_WORDS


def _change_by_head(doc: Doc, token: Token, amount: Amount) -> str | None:
    """ "grow sales by 35 per cent": the verb the amount hangs from through "by"."""
    head = token.head
    for _ in range(3):
        if head.lower_ == "by" and head.head.pos_ == "VERB":
            direction = _change_word(head.head, amount, ratio=True)
            return direction or None
        if head is head.head:
            break
        head = head.head
    return None


# --- object and kind ----------------------------------------------------------

_Object = tuple[Token | None, str | None]


def _object(doc: Doc, starts: list[int], found: _Found) -> tuple[Token | None, str | None]:
    """The noun counted or measured, with its modifiers: (head token, text)."""
    nxt = _next(doc, starts, found.end)
    if nxt is None:
        return _object_before(doc, starts, found)
    k = nxt.i
    if nxt.lower_ == "of" and k + 1 < len(doc):
        k += 1  # "one of the people", "127 gigatonnes of ice", "a third of those screened"
        while k < len(doc) and (doc[k].pos_ in ("DET", "ADV") or doc[k].tag_ in ("PRP$", "POS")):
            k += 1
    tokens = _noun_chain(doc, k)
    if not tokens or tokens[0].lower_ in lex.NON_OBJECT_WORDS:
        return _object_before(doc, starts, found)
    return tokens[-1], doc.text[tokens[0].idx : tokens[-1].idx + len(tokens[-1])]


def _is_bare(found: _Found, obj: _Object) -> bool:
    amount = found.amount
    return not (amount.unit or amount.currency or amount.fraction or amount.change or obj[1])


def _fill_ellipses(
    doc: Doc, starts: list[int], found: list[_Found], objects: list[_Object]
) -> tuple[list[_Found], list[_Object]]:
    """A bare number takes the unit or noun of a neighbour in its sentence.

    "435 homes by open sale and 187 by tender", "lost 162.31 points to 7,425.81",
    "about 8 or $9": news leaves the unit out when it is plain from the neighbour.
    """
    found, objects = list(found), list(objects)
    sentences = [_token_at(doc, starts, f.start).sent.start for f in found]
    for i, (f, obj) in enumerate(zip(found, objects)):
        if not _is_bare(f, obj) or f.bound == "range":
            continue
        donor = _donor(doc, found, objects, sentences, i, backwards=not f.amount.words)
        if donor is None:
            continue
        d = found[donor]
        amount = replace(f.amount, unit=d.amount.unit, currency=d.amount.currency, minor_factor=d.amount.minor_factor, per=d.amount.per)
        found[i] = replace(f, amount=amount)
        if not (d.amount.unit or d.amount.currency):
            objects[i] = objects[donor]
    return found, objects


def _donor(
    doc: Doc, found: list[_Found], objects: list[_Object], sentences: list[int], i: int, *, backwards: bool
) -> int | None:
    text = doc.text
    after = i + 1
    if after < len(found) and sentences[after] == sentences[i] and not _is_bare(found[after], objects[after]):
        link = text[found[i].end : found[after].start].strip(" -–").lower()
        if link in lex.ELLIPSIS_NEXT_LINKS:
            return after
    if not backwards:
        return None  # "one", "six" on their own are counts or pronouns, not a dropped unit
    for j in range(i - 1, -1, -1):
        if sentences[j] != sentences[i] or found[i].start - found[j].end > ELLIPSIS_CHARS:
            return None
        if _is_bare(found[j], objects[j]) or found[j].amount.fraction or found[j].amount.change:
            continue
        unit = found[j].amount.unit
        if unit is not None and unit.name in lex.RATIO_UNITS:
            link = text[found[j].end : found[i].start].strip().lower()
            if link not in lex.ELLIPSIS_RATIO_LINKS:
                continue  # "rose 8% to 3.65": the level is no percentage
        return j
    return None


def _noun_chain(doc: Doc, k: int) -> list[Token]:
    """Adjectives and nouns from ``k`` up to the last noun ("first-team players", "heart transplants")."""
    tokens: list[Token] = []
    stop = min(len(doc), k + OBJECT_WINDOW)
    while k < stop:
        token = doc[k]
        if not _in_chain(doc, token, tokens):
            break
        if token.tag_ == "POS":
            tokens = []  # "the junta's major arms suppliers": the possessor is not what is counted
        elif tokens or token.tag_ not in ("VBG", "VBN"):
            tokens.append(token)  # "400 charging stations": the stations are counted, not the charging
        if tokens and token.whitespace_ and token.pos_ in ("NOUN", "PROPN") and token.dep_ not in ("compound", "amod", "nmod"):
            break
        k += 1
    while tokens and (tokens[-1].pos_ not in ("NOUN", "PROPN") or tokens[-1].tag_ in ("VBG", "VBN")):
        tokens.pop()
    return tokens


def _in_chain(doc: Doc, token: Token, tokens: list[Token]) -> bool:
    if token.ent_type_ in ("DATE", "TIME") or token.pos_ == "NUM":
        return False
    if token.pos_ in ("NOUN", "PROPN", "ADJ") or token.tag_ in ("VBG", "VBN", "POS"):
        return True
    if not tokens:
        return False
    if token.text in ("-", "‐"):
        return not tokens[-1].whitespace_ and not token.whitespace_  # "sanctions-hit"
    # "Kia and Hyundai vehicles", "digital and physical sales": modifiers joined by "and".
    following = doc[token.i + 1] if token.i + 1 < len(doc) else None
    return (
        token.lower_ == "and"
        and following is not None
        and tokens[-1].pos_ in ("PROPN", "ADJ")
        and following.pos_ == tokens[-1].pos_
    )


def _object_before(doc: Doc, starts: list[int], found: _Found) -> tuple[Token | None, str | None]:
    """ "a capacity of 100 megawatts": the noun that the measure belongs to."""
    if found.amount.unit is None:
        return None, None
    prev = _previous(doc, starts, found.start)
    while prev is not None and prev.lower_ in lex.BOUND_PHRASES or (prev is not None and prev.pos_ == "ADV"):
        prev = doc[prev.i - 1] if prev.i > 0 else None
    if prev is None or prev.lower_ != "of" or prev.i == 0:
        return None, None
    noun = doc[prev.i - 1]
    if noun.pos_ != "NOUN":
        return None, None
    return noun, noun.text


def _kind(doc: Doc, found: _Found, head: Token | None, obj: str | None, starts: list[int]) -> str:
    amount = found.amount
    if amount.currency:
        return "money"
    if (amount.unit is None or amount.unit.dimension == "time") and _after_age_word(doc, starts, found):
        return "age"
    if amount.unit is not None:
        return lex.KIND_BY_UNIT.get(amount.unit.name) or lex.KIND_BY_DIMENSION.get(amount.unit.dimension or "", "other")
    if amount.fraction or amount.change:
        return "other"
    window = _context_words(doc, starts, found)
    people = head is not None and head.lower_ in lex.PEOPLE_NOUNS
    if (people or head is None) and window & lex.DEATH_WORDS:
        if people or "toll" in window or (head is None and _next_is(doc, starts, found, lex.DEATH_WORDS)):
            return "death_toll"
    if (people or head is None) and window & lex.INJURY_WORDS and (people or _next_is(doc, starts, found, lex.INJURY_WORDS)):
        return "injured"
    return "count" if obj else "other"


def _after_age_word(doc: Doc, starts: list[int], found: _Found) -> bool:
    """ "aged 25", "under the age of 5 years"."""
    prev = _previous(doc, starts, found.start)
    if prev is not None and prev.lower_ == "of" and prev.i > 0:
        prev = doc[prev.i - 1]
    return prev is not None and prev.lower_ in lex.AGE_WORDS


def _next_is(doc: Doc, starts: list[int], found: _Found, words: frozenset[str]) -> bool:
    nxt = _next(doc, starts, found.end)
    return nxt is not None and (nxt.lower_ in words or nxt.lemma_.lower() in words)


def _context_words(doc: Doc, starts: list[int], found: _Found) -> set[str]:
    first = _token_at(doc, starts, found.start)
    sent = first.sent
    lo, hi = max(sent.start, first.i - TOLL_WINDOW), min(sent.end, first.i + TOLL_WINDOW)
    words: set[str] = set()
    for token in doc[lo:hi]:
        words.add(token.lower_)
        words.add(token.lemma_.lower())
    return words


# --- result -------------------------------------------------------------------


def _unit_and_normalized(found: _Found) -> tuple[Unit | None, Normalized | None]:
    amount = found.amount
    if amount.per is not None:
        # A rate ("$10 per gram") has no SI or ISO 4217 form of its own.
        base = amount.unit.name if amount.unit else lex.CURRENCY_NAMES.get(amount.currency or "", amount.currency)
        return Unit(name=f"{base} per {amount.per}", symbol=None, dimension=None), None
    if amount.currency:
        unit = to_unit(amount.unit) if amount.unit else Unit(
            name=lex.CURRENCY_NAMES.get(amount.currency, amount.currency.lower()),
            symbol=amount.currency_surface,
            dimension="currency",
        )
        return unit, Normalized(value=amount.value * amount.minor_factor, unit=amount.currency)
    if amount.unit is None:
        return None, None
    return to_unit(amount.unit), normalize_measure(amount.value, amount.unit.name)


def _quantity(doc: Doc, starts: list[int], found: _Found, obj: _Object, index: int) -> Quantity:
    head, text = obj
    unit, normalized = _unit_and_normalized(found)
    return Quantity(
        id=f"N{index}",
        text=doc.text[found.start : found.end],
        start=found.start,
        end=found.end,
        value=found.amount.value,
        range=found.range,
        bound=found.bound,
        change=found.change,
        unit=unit,
        currency=found.amount.currency,
        normalized=normalized,
        kind=_kind(doc, found, head, text, starts),
        object=text,
    )
