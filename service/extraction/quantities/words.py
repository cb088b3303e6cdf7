"""Numbers written in words ("six", "a dozen", "half a million", "hundreds of", "two-thirds")."""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc, Token

from service.extraction.intervals import Intervals
from service.extraction.lexicon import quantities as lex
from service.extraction.model import Unit
from service.extraction.quantities.amount import Amount
from service.extraction.quantities.completion import complete


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
            amounts.append(complete(text, amount, None) if not amount.change else amount)
        i = next_i
    return [a for a in amounts if a is not None]


def _word_amount_at(doc: Doc, i: int) -> tuple[Amount, int] | None:
    """The number in words starting at token ``i`` and the index of the token after it."""
    token = doc[i]
    lower = token.lower_
    nxt = doc[i + 1].lower_ if i + 1 < len(doc) else ""
    if lower in lex.MULTIPLYING_WORDS:
        if token.pos_ not in ("VERB", "AUX"):
            return None  # "mixed doubles", "a double": a name or a noun, not a multiplying verb
        end = token.idx + len(token)
        return (
            Amount(start=token.idx, end=end, value=lex.MULTIPLYING_WORDS[lower], change="increase", words=True),
            i + 1,
        )
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
        of = j + 1 < len(doc) and doc[j + 1].lower_ == "of"
        if of or doc[j].lower_ not in lex.COUNTED_FRACTION_WORDS or value < lex.FRACTION_WORDS[doc[j].lower_]:
            return _fraction(doc, i, value, j, start=start)  # "three quarters of", but "four quarters" are counted
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
        return (
            Amount(start=begin, end=scale.idx + len(scale), value=value * factor, words=True, scale=factor),
            den_i + 2,
        )
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
