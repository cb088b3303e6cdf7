"""Ranges ("between 10 and 20", "10-20 MW") and bounds ("at least", "up to") of amounts."""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Token

from service.extraction.doc_index import DocIndex
from service.extraction.lexicon import quantities as lex
from service.extraction.model import ValueRange
from service.extraction.quantities.amount import Amount, Reading
from service.extraction.quantities.change import change_of
from service.extraction.quantities.tokens import last_token, token_at, token_before

# Characters before a number searched for a bound phrase ("at least", "more than").
BOUND_WINDOW = 30


# Tokens between the ends of "from X ... to Y".
FROM_TO_GAP = 8


_BOUND_RE = re.compile(
    r"(?:^|(?<=[\s(\[\"“]))(?P<phrase>"
    + "|".join(re.escape(p) for p in sorted(lex.BOUND_PHRASES, key=len, reverse=True))
    + r")[\s]*$"
)


# "140 points, or 0.5%": the counted word between an amount and its restatement.
_RATIO_WORD_RE = re.compile(r"^(?:points?|pts)\b")


def with_ranges(index: DocIndex, amounts: list[Amount]) -> list[Reading]:
    text = index.text
    out: list[Reading] = []
    i = 0
    while i < len(amounts):
        first = amounts[i]
        bound = _bound(text, first.start)
        change = first.change or change_of(index, first)
        if out and (carried := _carried(text, out[-1], first)) is not None:
            bound, change = carried if bound == "exact" and change is None else (bound, change)
        if i + 1 < len(amounts) and (joined := _range(index, first, amounts[i + 1], has_change=change is not None)):
            low, high = sorted((joined[0].value, joined[1].value))
            out.append(Reading(joined[0], first.start, amounts[i + 1].end, "range", ValueRange(low, high), change))
            i += 2
            continue
        if first.open_upwards:
            bound = "approximate"
        out.append(Reading(first, first.start, first.end, bound, _open_range(bound, first), change))
        if i + 1 < len(amounts) and _shares_bound(text, first, amounts[i + 1]) and bound != "exact":
            second = amounts[i + 1]
            out.append(Reading(second, second.start, second.end, bound, _open_range(bound, second), change))
            i += 1
        i += 1
    return out


def _carried(text: str, before: Reading, amount: Amount) -> tuple[str, str | None] | None:
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


def _range(index: DocIndex, first: Amount, second: Amount, *, has_change: bool) -> tuple[Amount, Amount] | None:
    """ "between 10 and 20", "from 5 to 7 percent", "10-20 MW": the two ends, units shared."""
    doc = index.doc
    text = index.text
    gap = text[first.end : second.start]
    connector = gap.strip().lower()
    if connector.startswith("-") and connector[1:].strip() in ("to", "or"):
        connector = connector[1:].strip()  # "8- to 16-meter"
    if second.signed and not gap and text[second.start] in "-−":
        connector, second = "-", replace(second, value=-second.value, signed=False)
    prev = token_before(index, first.start)
    while prev is not None and prev.i > 0 and prev.lower_ in lex.BOUND_PHRASES:
        prev = doc[prev.i - 1]  # "from about $350 to $680"
    opener = prev.lower_ if prev is not None else ""
    if opener in ("from", "to") and _is_movement(index, prev, first, second):
        return None  # "rose from 11.3 crore in June 2019 to 27.8 crore": a baseline and a level
    if _is_from_to(index, opener, first, second):
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


def _is_movement(index: DocIndex, opener: Token, first: Amount, second: Amount) -> bool:
    """Whether "from X to Y" tells a change over time rather than an interval ("from 5 to 7 percent of voters").

    A change verb before "from" ("jumped from 240 to 273") or a time between the ends ("from 18 mpg in
    2010 to 27 mpg") makes it a movement: X is the baseline, Y the level reached.
    """
    doc = index.doc
    closer = token_before(index, second.start)
    if opener.lower_ == "to" and closer is not None and closer.lower_ == "from":
        return True  # "fell to 7.9 million from 8.2 million": the level, then its baseline
    if opener.lower_ != "from":
        return False
    k = opener.i - 1
    while (
        k >= 0
        and (doc[k].pos_ == "ADV" or doc[k].lower_ in lex.CHANGE_GAP_WORDS)
        and doc[k].lower_ not in ("up", "down")
    ):
        k -= 1
    if k >= 0 and doc[k].pos_ in ("VERB", "AUX") and (doc[k].lemma_.lower() in lex.INCREASE_WORDS | lex.DECREASE_WORDS):
        return True
    between = doc[last_token(index, first.end).i + 1 : token_at(index, second.start).i]
    return any(t.ent_type_ in ("DATE", "TIME") for t in between)


def _is_from_to(index: DocIndex, opener: str, first: Amount, second: Amount) -> bool:
    """ "from 18 mpg in 2010 to 27 mpg", "to 41,200 tickets from 55,900 tickets": ends apart from each other."""
    doc = index.doc
    closer = token_before(index, second.start)
    if closer is None or (opener, closer.lower_) not in (("from", "to"), ("to", "from")):
        return False
    if closer.i > 0 and doc[closer.i - 1].lower_ in ("up", "down"):
        return False  # "3.9 million, up from 2.4 million": two levels, not a range
    last = last_token(index, first.end)
    return 0 < closer.i - last.i <= FROM_TO_GAP


def _compatible(first: Amount, second: Amount) -> bool:
    if (first.unit or first.currency) and (second.unit or second.currency) and first.currency != second.currency:
        return False  # "0.31% to $1.0876": a change and the level it reaches, not a range
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
