"""Quantities with values, units and meaning.

The numbers are found by :mod:`quantities_numbers` (digits and number words,
with currency, multiplier and unit); this module drops what is no quantity
(years, dates, names), joins ranges, and reads bound, change, object and kind
from the spaCy tokens around each number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from service.extraction.doc_index import DocIndex, doc_index
from service.extraction.intervals import Intervals
from service.extraction.lexicon import quantities as lex
from service.extraction.model import Normalized, Quantity, Unit, ValueRange
from service.extraction.quantities_numbers import Amount, blocked_spans, digit_amounts, word_amounts
from service.extraction.quantities_units import normalize_measure, warm_up_units

# Characters before a number searched for a bound phrase ("at least", "more than").
BOUND_WINDOW = 30
# Tokens before a number searched for a change verb ("rose by about 40%").
CHANGE_WINDOW = 5
# Tokens after a number (or its unit) searched for the counted noun.
OBJECT_WINDOW = 5
# Oldest age read from a bare number after a name ("Nick Hague 44").
MAX_AGE = 120
# Tokens between the ends of "from X ... to Y".
FROM_TO_GAP = 8
# Characters back to a neighbour whose unit a bare number borrows.
ELLIPSIS_CHARS = 120
# Tokens around a count searched for death or injury words.
TOLL_WINDOW = 8
# Tokens between a bare number and a death or injury word that still make it a toll ("killed 5").
HARM_ADJACENT = 2

_BOUND_RE = re.compile(
    r"(?:^|(?<=[\s(\[\"“]))(?P<phrase>"
    + "|".join(re.escape(p) for p in sorted(lex.BOUND_PHRASES, key=len, reverse=True))
    + r")[\s]*$"
)
_YEAR_RE = re.compile(r"\d{4}")
_YEARS_OF_AGE = Unit(name="year of age", symbol=None, dimension="time")
# "140 points, or 0.5%": the counted word between an amount and its restatement.
_RATIO_WORD_RE = re.compile(r"^(?:points?|pts)\b")


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
    index = doc_index(doc)
    text = index.text
    blocked = blocked_spans(text)
    digits = digit_amounts(text, Intervals(blocked))
    words = word_amounts(doc, text, Intervals([(a.start, a.end) for a in digits] + blocked))
    amounts = _without_overlaps(sorted(digits + words, key=lambda a: a.start))
    if not amounts:
        return []
    amounts = [_with_apposed_age(doc, index, a) for a in _without_scores(doc, index, amounts)]
    kept = [a for a in amounts if _is_quantity(doc, index, a)]
    found = _with_ranges(doc, index, kept)
    objects = [_object(doc, index, f) for f in found]
    found, objects = _fill_ellipses(doc, index, found, objects)
    return [_quantity(doc, index, f, o, number) for number, (f, o) in enumerate(zip(found, objects), start=1)]


def _without_overlaps(amounts: list[Amount]) -> list[Amount]:
    """Amounts in text order, none starting inside the one before ("5 km2" read once)."""
    kept: list[Amount] = []
    for amount in amounts:
        if not kept or amount.start >= kept[-1].end:
            kept.append(amount)
    return kept


# --- tokens by offset ---------------------------------------------------------


def _token_at(doc: Doc, index: DocIndex, offset: int) -> Token:
    return doc[index.token_at(offset)]


def _last_token(doc: Doc, index: DocIndex, end: int) -> Token:
    return _token_at(doc, index, max(0, end - 1))


def _previous(doc: Doc, index: DocIndex, offset: int) -> Token | None:
    first = _token_at(doc, index, offset)
    if first.idx < offset and first.idx + len(first) <= offset:
        return first
    return doc[first.i - 1] if first.i > 0 else None


def _next(doc: Doc, index: DocIndex, end: int) -> Token | None:
    last = _last_token(doc, index, end)
    return doc[last.i + 1] if last.i + 1 < len(doc) else None


# --- what is no quantity ------------------------------------------------------


def _is_quantity(doc: Doc, index: DocIndex, amount: Amount) -> bool:
    if amount.currency or amount.fraction or amount.change or amount.open_upwards:
        return True
    token = _token_at(doc, index, amount.start)
    prev = _previous(doc, index, amount.start)
    nxt = _next(doc, index, amount.end)
    if amount.unit is not None:
        if amount.unit.name in lex.FURNITURE_UNITS:
            return False
        if amount.unit.dimension == "time" and token.ent_type_ in ("DATE", "TIME"):
            return not _is_date_number(amount, prev, nxt)
        return True
    if token.ent_type_ == "ORDINAL" or (token.ent_type_ in ("DATE", "TIME") and _in_date(doc, token)):
        return False
    if _is_date_number(amount, prev, nxt) or _is_year(index, amount, prev, nxt):
        return False
    if nxt is not None and nxt.lower_ in lex.TIME_OF_DAY_WORDS:
        return False
    return not _is_name_part(index, amount, token, prev, nxt) and not _is_model_name(doc, index, amount)


def _with_apposed_age(doc: Doc, index: DocIndex, amount: Amount) -> Amount:
    """ "Aung San Suu Kyi, 77, ...", "Ana Ruiz 52 has run": a bare number after a person's name is an age."""
    if amount.unit or amount.currency or amount.words or amount.value != int(amount.value):
        return amount
    if not 1 <= amount.value <= MAX_AGE:
        return amount
    prev = _previous(doc, index, amount.start)
    if prev is not None and prev.text == "," and prev.i > 0:
        prev = doc[prev.i - 1]
    nxt = _next(doc, index, amount.end)
    person = prev is not None and prev.ent_type_ == "PERSON" and (prev.i + 1 == len(doc) or doc[prev.i + 1].ent_iob_ != "I")
    # "Harbor Street Motors 12." is a name; an age is set off by a comma or followed by its verb.
    if not person or nxt is None or not (nxt.text == "," or nxt.pos_ in ("AUX", "VERB")):
        return amount
    return replace(amount, unit=_YEARS_OF_AGE)


def _in_date(doc: Doc, token: Token) -> bool:
    """Whether a number inside a DATE or TIME entity is part of a date ("May 2023", "last 2 weeks" is not)."""
    if _YEAR_RE.fullmatch(token.text):
        return True
    first, last = token.i, token.i  # the entity around the token, found through its IOB tags
    while first > 0 and doc[first].ent_iob_ == "I":
        first -= 1
    while last + 1 < len(doc) and doc[last + 1].ent_iob_ == "I":
        last += 1
    return any(t.lower_ in lex.MONTHS or t.lower_ in lex.DATE_WORDS for t in doc[first : last + 1])


def _is_date_number(amount: Amount, prev: Token | None, nxt: Token | None) -> bool:
    """ "September 8", "9 May": a day of a month."""
    if amount.words or amount.value != int(amount.value) or not 1 <= amount.value <= 31:
        return False
    return bool((prev is not None and prev.lower_ in lex.MONTHS) or (nxt is not None and nxt.lower_ in lex.MONTHS))


def _is_year(index: DocIndex, amount: Amount, prev: Token | None, nxt: Token | None) -> bool:
    surface = index.text[amount.start : amount.end]
    if not _YEAR_RE.fullmatch(surface) or not 1000 <= amount.value <= 2100:
        return False
    if prev is None or prev.lower_ in lex.YEAR_CUES or prev.lower_ in lex.MONTHS or prev.is_punct:
        return True
    # "2022 marked 75 years": a recent year before a verb, not before what it counts ("2000 people", "2000 - 2500").
    return amount.value >= 1900 and (nxt is None or nxt.pos_ in ("VERB", "AUX") or nxt.text in (".", ","))


def _is_name_part(index: DocIndex, amount: Amount, token: Token, prev: Token | None, nxt: Token | None) -> bool:
    """ "S&P 500", "iPhone 11 Pro", "Harbor Street Motors 12": a number inside a name."""
    if prev is None:
        return False
    if token.lower_ == "one" and prev.lower_ in lex.PRONOUN_ONE_CUES:
        return True
    if amount.words and not prev.text[:1].isupper():
        return False
    if prev.lower_ in lex.NAME_PREFIXES:
        return True
    if amount.signed or index.sent_start(prev.i) == prev.i or prev.pos_ != "PROPN" or amount.words:
        return False
    if prev.text.isupper() and len(prev.text) > 1:
        return True  # "HIV 2", "FTSE 100"
    counted = nxt is not None and nxt.pos_ in ("NOUN", "ADJ")
    return prev.text[:1].isupper() and not counted


def _is_model_name(doc: Doc, index: DocIndex, amount: Amount) -> bool:
    """ "787 Dreamliner", "11 Pro Max", "210 Elm Road": a small bare number before a singular name."""
    surface = index.text[amount.start : amount.end]
    if amount.unit or amount.currency or amount.words or not surface.isdigit() or amount.value >= 1000:
        return False
    nxt = _next(doc, index, amount.end)
    chain = _noun_chain(doc, nxt.i) if nxt is not None else []
    return bool(chain) and chain[-1].tag_ == "NNP" and chain[0].text[:1].isupper()


# --- ranges, bounds, change ---------------------------------------------------


def _with_ranges(doc: Doc, index: DocIndex, amounts: list[Amount]) -> list[_Found]:
    text = index.text
    out: list[_Found] = []
    i = 0
    while i < len(amounts):
        first = amounts[i]
        bound = _bound(text, first.start)
        change = first.change or _change(doc, index, first)
        if out and (carried := _carried(text, out[-1], first)) is not None:
            bound, change = carried if bound == "exact" and change is None else (bound, change)
        if i + 1 < len(amounts) and (joined := _range(doc, index, first, amounts[i + 1], has_change=change is not None)):
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

    "more than 80 kilometers (50 miles)", "fell 120 points, or 0.4%".
    """
    link = _RATIO_WORD_RE.sub("", text[before.end : amount.start].strip().lower()).strip()
    # "about $US40 billion ($57 billion)": a conversion is as exact as it is written, so "about" stays.
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
    if m is None or before[: m.start()].rstrip().endswith(lex.NOT_BOUND_BEFORE.get(m["phrase"], ("\0",))):
        return "exact"  # "the lead up to 5G" is no bound
    return lex.BOUND_PHRASES[m["phrase"]]


def _shares_bound(text: str, first: Amount, second: Amount) -> bool:
    """ "over US$400 million and $260 million respectively": the bound covers both."""
    between = text[first.end : second.start].strip().lower()
    return between == "and" and text[second.end : second.end + 14].strip().lower().startswith("respectively")


def _range(doc: Doc, index: DocIndex, first: Amount, second: Amount, *, has_change: bool) -> tuple[Amount, Amount] | None:
    """ "between 10 and 20", "from 5 to 7 percent", "10-20 MW": the two ends, units shared."""
    text = index.text
    gap = text[first.end : second.start]
    connector = gap.strip().lower()
    if connector.startswith("-") and connector[1:].strip() in ("to", "or"):
        connector = connector[1:].strip()  # "8- to 16-meter"
    if second.signed and not gap and text[second.start] in "-−":
        connector, second = "-", replace(second, value=-second.value, signed=False)
    prev = _previous(doc, index, first.start)
    while prev is not None and prev.i > 0 and prev.lower_ in lex.BOUND_PHRASES:
        prev = doc[prev.i - 1]  # "from about $350 to $680"
    opener = prev.lower_ if prev is not None else ""
    if _is_from_to(doc, index, opener, first, second):
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


def _is_from_to(doc: Doc, index: DocIndex, opener: str, first: Amount, second: Amount) -> bool:
    """ "from 18 mpg in 2010 to 27 mpg", "to 41,200 tickets from 55,900 tickets": ends apart from each other."""
    closer = _previous(doc, index, second.start)
    if closer is None or (opener, closer.lower_) not in (("from", "to"), ("to", "from")):
        return False
    if closer.i > 0 and doc[closer.i - 1].lower_ in ("up", "down"):
        return False  # "3.9 million, up from 2.4 million": two levels, not a range
    last = _last_token(doc, index, first.end)
    return 0 < closer.i - last.i <= FROM_TO_GAP


def _without_scores(doc: Doc, index: DocIndex, amounts: list[Amount]) -> list[Amount]:
    pairs = range(len(amounts) - 1)
    scores = {i + k for i in pairs if _is_score(doc, index, amounts[i], amounts[i + 1]) for k in (0, 1)}
    return [a for i, a in enumerate(amounts) if i not in scores]


def _is_score(doc: Doc, index: DocIndex, first: Amount, second: Amount) -> bool:
    """ "beat Leeds 3-1", "ended 2-2": a score, not a range ("5-10 people" is one)."""
    bare = not (first.unit or first.currency or second.unit or second.currency)
    small = all(a.value == int(a.value) and abs(a.value) <= 30 for a in (first, second))
    joined = second.signed and first.end == second.start and index.text[second.start] == "-"
    if not (bare and small and joined):
        return False
    nxt = _next(doc, index, second.end)
    ends = (_token_at(doc, index, first.start), _last_token(doc, index, second.end))
    counts = nxt is not None and nxt.tag_ == "NNS" and any(t.head.i == nxt.i for t in ends)
    return not counts


def _compatible(first: Amount, second: Amount) -> bool:
    if first.currency and second.currency and first.currency != second.currency:
        return False
    if first.unit and second.unit and first.unit.name != second.unit.name:
        return False
    if (first.unit or first.currency) and not (second.unit or second.currency):
        return False
    return not (first.currency and first.minor_factor != second.minor_factor)


def _share_units(first: Amount, second: Amount) -> Amount:
    """The first end takes the unit, currency and multiplier written only after the second ("4 to 5 thousand").

    The multiplier is shared only where the first end stays below the second and is
    much smaller than it, so "from $150,000 to $320 million" keeps its first end.
    """
    value, scale = first.value, first.scale
    if second.scale != 1.0 and first.scale == 1.0:
        scaled = value * second.scale
        if scaled <= second.value and (first.words or second.value > 1000 * abs(value)):
            value, scale = scaled, second.scale
    return replace(
        first,
        value=value,
        scale=scale,
        per=first.per or second.per,
        unit=first.unit or second.unit,
        currency=first.currency or second.currency,
        minor_factor=second.minor_factor if not first.currency else first.minor_factor,
    )


def _change(doc: Doc, index: DocIndex, amount: Amount) -> str | None:
    if amount.signed and amount.unit is not None and amount.unit.name in lex.RATIO_UNITS:
        return "decrease" if amount.value < 0 else "increase"
    first = _token_at(doc, index, amount.start)
    for k in range(first.i - 1, max(-1, first.i - 1 - CHANGE_WINDOW), -1):
        direction = _change_word(doc[k], amount, _ratio(doc, index, amount))
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
            if word in lex.CHANGE_NEEDS_RATIO and not (ratio or amount.unit or amount.currency):
                return ""
            if token.pos_ in ("NOUN", "ADJ", "PROPN") or (token.dep_ == "prt" and token.head.lemma_ in lex.PHRASAL_NO_CHANGE):
                return ""  # "a 5% rise", "gave up 517 yards"
            if lower == "up" and token.i + 1 < len(token.doc) and token.nbor(1).lower_ == "to":
                return ""  # "up to $8 million" is a bound
            return direction
    return None


def _ratio(doc: Doc, index: DocIndex, amount: Amount) -> bool:
    """A proportion or an index move: "3%", "190 points"."""
    if amount.unit is not None:
        return amount.unit.name in lex.RATIO_UNITS
    nxt = _next(doc, index, amount.end)
    return nxt is not None and nxt.lower_ in lex.RATIO_WORDS


def _change_by_head(doc: Doc, token: Token, amount: Amount) -> str | None:
    """ "cut costs by 12 per cent": the verb the amount hangs from through "by"."""
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


def _object(doc: Doc, index: DocIndex, found: _Found) -> tuple[Token | None, str | None]:
    """The noun counted or measured, with its modifiers: (head token, text)."""
    nxt = _next(doc, index, found.end)
    if nxt is None:
        return _object_before(doc, index, found)
    k = nxt.i
    if nxt.lower_ == "of" and k + 1 < len(doc):
        k += 1  # "one of the people", "40 tonnes of grain", "a third of those tested"
        while k < len(doc) and (doc[k].pos_ in ("DET", "ADV") or doc[k].tag_ in ("PRP$", "POS")):
            k += 1
    tokens = _noun_chain(doc, k)
    if not tokens or tokens[0].lower_ in lex.NON_OBJECT_WORDS:
        return _object_before(doc, index, found)
    return tokens[-1], index.text[tokens[0].idx : tokens[-1].idx + len(tokens[-1])]


def _is_bare(found: _Found, obj: _Object) -> bool:
    amount = found.amount
    return not (amount.unit or amount.currency or amount.fraction or amount.change or obj[1])


def _fill_ellipses(
    doc: Doc, index: DocIndex, found: list[_Found], objects: list[_Object]
) -> tuple[list[_Found], list[_Object]]:
    """A bare number takes the unit or noun of a neighbour in its sentence.

    "310 flats by auction and 95 by tender", "fell 84.20 points to 5,312.40",
    "about 8 or $9": news leaves the unit out when it is plain from the neighbour.
    """
    found, objects = list(found), list(objects)
    sentences = [index.sent_start(index.token_at(f.start)) for f in found]
    for i, (f, obj) in enumerate(zip(found, objects)):
        if not _is_bare(f, obj) or f.bound == "range":
            continue
        donor = _donor(index.text, found, objects, sentences, i, backwards=not f.amount.words)
        if donor is None:
            continue
        d = found[donor]
        amount = replace(f.amount, unit=d.amount.unit, currency=d.amount.currency, minor_factor=d.amount.minor_factor, per=d.amount.per)
        found[i] = replace(f, amount=amount)
        if not (d.amount.unit or d.amount.currency):
            objects[i] = objects[donor]
    return found, objects


def _donor(
    text: str, found: list[_Found], objects: list[_Object], sentences: list[int], i: int, *, backwards: bool
) -> int | None:
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
            tokens.append(token)  # "250 charging stations": the stations are counted, not the charging
        if tokens and token.whitespace_ and token.pos_ in ("NOUN", "PROPN") and token.dep_ not in ("compound", "amod", "nmod", "conj"):
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
    # "Ford and Toyota trucks", "online and store sales": modifiers joined by "and".
    following = doc[token.i + 1] if token.i + 1 < len(doc) else None
    return (
        token.lower_ == "and"
        and following is not None
        and tokens[-1].pos_ in ("PROPN", "ADJ")
        and following.pos_ == tokens[-1].pos_
    )


def _object_before(doc: Doc, index: DocIndex, found: _Found) -> tuple[Token | None, str | None]:
    """ "a capacity of 100 megawatts": the noun that the measure belongs to."""
    if found.amount.unit is None:
        return None, None
    prev = _previous(doc, index, found.start)
    while prev is not None and prev.lower_ in lex.BOUND_PHRASES or (prev is not None and prev.pos_ == "ADV"):
        prev = doc[prev.i - 1] if prev.i > 0 else None
    if prev is None or prev.lower_ != "of" or prev.i == 0:
        return None, None
    noun = doc[prev.i - 1]
    if noun.pos_ != "NOUN":
        return None, None
    return noun, noun.text


def _kind(doc: Doc, found: _Found, head: Token | None, obj: str | None, index: DocIndex) -> str:
    amount = found.amount
    if amount.currency:
        return "money"
    if (amount.unit is None or amount.unit.dimension == "time") and _after_age_word(doc, index, found):
        return "age"
    if amount.unit is not None:
        return lex.KIND_BY_UNIT.get(amount.unit.name) or lex.KIND_BY_DIMENSION.get(amount.unit.dimension or "", "other")
    if amount.fraction or amount.change:
        return "other"
    people = head is not None and head.lower_ in lex.PEOPLE_NOUNS
    if people or head is None:
        harm = _nearest_harm(doc, index, found)
        # Without a counted noun, only "a death toll of 50", "50 dead" or "killed 5" say whom the number counts.
        if harm is not None and (people or harm[1] or harm[2] <= HARM_ADJACENT):
            return harm[0]
    return "count" if obj else "other"


def _after_age_word(doc: Doc, index: DocIndex, found: _Found) -> bool:
    """ "aged 25", "under the age of 12 years"."""
    prev = _previous(doc, index, found.start)
    if prev is not None and prev.lower_ == "of" and prev.i > 0:
        prev = doc[prev.i - 1]
    return prev is not None and prev.lower_ in lex.AGE_WORDS


def _nearest_harm(doc: Doc, index: DocIndex, found: _Found) -> tuple[str, bool, int] | None:
    """The death or injury word nearest the number in its sentence: (kind, whether it is "toll", distance).

    "12 people were injured and 3 died": each count takes the word closest to it.
    """
    first = _token_at(doc, index, found.start)
    lo = max(index.sent_start(first.i), first.i - TOLL_WINDOW)
    hi = min(index.sent_end(first.i), first.i + TOLL_WINDOW)
    best: tuple[int, str, bool] | None = None
    for token in doc[lo:hi]:
        words = (token.lower_, token.lemma_.lower())
        kind = "death_toll" if any(w in lex.DEATH_WORDS for w in words) else None
        kind = kind or ("injured" if any(w in lex.INJURY_WORDS for w in words) else None)
        distance = abs(token.i - first.i)
        if kind and (best is None or distance < best[0]):
            best = (distance, kind, token.lower_ == "toll")
    return None if best is None else (best[1], best[2], best[0])


# --- result -------------------------------------------------------------------


def _unit_and_normalized(found: _Found) -> tuple[Unit | None, Normalized | None]:
    amount = found.amount
    if amount.per is not None:
        # A rate ("$10 per gram") has no SI or ISO 4217 form of its own.
        base = amount.unit.name if amount.unit else lex.CURRENCY_NAMES.get(amount.currency or "", amount.currency)
        return Unit(name=f"{base} per {amount.per}", symbol=None, dimension=None), None
    if amount.currency:
        unit = amount.unit if amount.unit else Unit(
            name=lex.CURRENCY_NAMES.get(amount.currency, amount.currency.lower()),
            symbol=amount.currency_surface,
            dimension="currency",
        )
        return unit, Normalized(value=amount.value * amount.minor_factor, unit=amount.currency)
    if amount.unit is None:
        return None, None
    return amount.unit, normalize_measure(amount.value, amount.unit.name)


def _quantity(doc: Doc, index: DocIndex, found: _Found, obj: _Object, number: int) -> Quantity:
    head, text = obj
    unit, normalized = _unit_and_normalized(found)
    return Quantity(
        id=f"N{number}",
        text=index.text[found.start : found.end],
        start=found.start,
        end=found.end,
        value=found.amount.value,
        range=found.range,
        bound=found.bound,
        change=found.change,
        unit=unit,
        currency=found.amount.currency,
        normalized=normalized,
        kind=_kind(doc, found, head, text, index),
        object=text,
    )
