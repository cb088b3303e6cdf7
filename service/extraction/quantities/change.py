"""Rises and falls: the direction a change verb gives an amount ("rose 5%", "cut costs by 12 per cent")."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Token

from service.extraction.doc_index import DocIndex
from service.extraction.lexicon import quantities as lex
from service.extraction.quantities.amount import Amount, Reading
from service.extraction.quantities.tokens import last_token, token_after, token_at

# Tokens before a number searched for a change verb ("rose by about 40%").
CHANGE_WINDOW = 5
# Tokens between "from" and the "to" of a baseline ("from 11.3 crores in June 2019 to").
BASELINE_WINDOW = 8
# Most words between a change and the level it reaches ("last fiscal year to an estimated").
LEVEL_LINK_WORDS = 7
# Words that may stand between a change word and its amount: the gap words and those of bounds ("close to").
_GAP_WORDS = lex.CHANGE_GAP_WORDS | {word for phrase in lex.BOUND_PHRASES for word in phrase.split()}


def change_of(index: DocIndex, amount: Amount) -> str | None:
    doc = index.doc
    if amount.signed and amount.unit is not None and amount.unit.name in lex.RATIO_UNITS:
        return "decrease" if amount.value < 0 else "increase"
    first = token_at(index, amount.start)
    start = _before_baseline(doc, first.i)
    ratio = _ratio(index, amount)
    for k in range(start - 1, max(-1, start - 1 - CHANGE_WINDOW), -1):
        direction = _change_word(doc[k], amount, ratio)
        if direction is not None:
            return direction or None
        if doc[k].lower_ not in _GAP_WORDS and not doc[k].is_punct:
            break
    return _change_by_head(doc, first, amount) or _change_after(index, amount)


def _before_baseline(doc: Doc, i: int) -> int:
    """ "jumped from 240 to 273": the level's change verb stands before its "from" baseline."""
    if i < 1 or doc[i - 1].lower_ != "to":
        return i
    for k in range(i - 2, max(-1, i - 2 - BASELINE_WINDOW), -1):
        if doc[k].lower_ == "from":
            return k
    return i


def _change_after(index: DocIndex, amount: Amount) -> str | None:
    """ "a 12 percent rise", "21.7% higher", "12 sen lower": the change named right after the amount."""
    nxt = token_after(index, amount.end)
    if nxt is not None and nxt.text == "," and nxt.i + 1 < len(nxt.doc) and nxt.nbor(1).lower_ in ("up", "down"):
        nxt = nxt.nbor(1)  # "48 trillion won, up 6.2%": the level after a rise
    if nxt is None:
        return None
    if nxt.pos_ in ("VERB", "AUX"):
        return None  # "318.4 million euros fell short of": the amount is the subject, not a change
    word = nxt.lemma_.lower()
    for words, direction in ((lex.INCREASE_AFTER_WORDS, "increase"), (lex.DECREASE_AFTER_WORDS, "decrease")):
        if word in words or nxt.lower_ in words:
            return direction
    return None


def with_levels(index: DocIndex, readings: list[Reading]) -> list[Reading]:
    """The change a level and a gapped clause share with the amount before them.

    "rose 0.8% to $47.21": the level reached takes the rise (its "from" baseline does not);
    "the FTSE gained 1.14%, the Topix 0.87%": the second figure shares the first one's verb.
    """
    out = list(readings)
    for i in range(1, len(out)):
        before, reading = out[i - 1], out[i]
        if reading.change is not None or before.change is None or reading.bound == "range":
            continue
        first, last = token_at(index, reading.start), last_token(index, before.end)
        if index.sent_of(first.i) != index.sent_of(last.i):
            continue
        link = index.text[before.end : reading.start].strip(" ,").lower()
        words = link.split()
        unit = reading.amount.unit
        between = index.doc[last.i + 1 : first.i]
        level = (
            any(w in lex.LEVEL_LINKS for w in words)
            and "from" not in words[: next(k for k, w in enumerate(words) if w in lex.LEVEL_LINKS)]
            and len(words) <= LEVEL_LINK_WORDS
            and not any(w in lex.LEVEL_BREAK_WORDS for w in words)  # "easing to 108.79 but flat at $1.1396"
            and not any(c in link for c in ",;()")
            and not any(t.pos_ in ("VERB", "AUX") and t.lemma_ not in lex.LEVEL_VERBS for t in between)
            and not (unit is not None and unit.dimension == "time")
        )
        gapped = (
            _ratio(index, reading.amount)
            and _ratio(index, before.amount)
            and not any(t.pos_ in ("VERB", "AUX") for t in between)
        )
        restating = link in lex.RESTATING_LINKS  # "254.6 million Swiss francs ($281.2 million)"
        if level or gapped or restating:
            out[i] = replace(reading, change=before.change)
    return out


def _change_word(token: Token, amount: Amount, ratio: bool) -> str | None:
    """ "increase"/"decrease" for a change verb, "" for a word that rules a change out, else None."""
    word, lower = token.lemma_.lower(), token.lower_
    for words, direction in ((lex.INCREASE_WORDS, "increase"), (lex.DECREASE_WORDS, "decrease")):
        if word in words or lower in words:
            needs_ratio = word in lex.CHANGE_NEEDS_RATIO or (
                token.dep_ == "prt" and token.head.lemma_.lower() in lex.CHANGE_NEEDS_RATIO
            )
            if needs_ratio and not (ratio or amount.currency):
                return ""  # "cut 500 jobs", "add 420 gigawatt-hours of storage": amounts, not changes
            following = token.nbor(1).lower_ if token.i + 1 < len(token.doc) else ""
            if token.pos_ in ("NOUN", "PROPN") and following in ("of", "by"):
                return direction  # "a decline of about 9%", "an increase by 12.6%"
            if token.pos_ in ("NOUN", "ADJ", "PROPN") or (
                token.dep_ == "prt" and token.head.lemma_ in lex.PHRASAL_NO_CHANGE
            ):
                return ""  # "gave up 517 yards"
            if lower == "up" and token.i + 1 < len(token.doc) and token.nbor(1).lower_ == "to":
                return ""  # "up to $8 million" is a bound
            return direction
    return None


def _ratio(index: DocIndex, amount: Amount) -> bool:
    """A proportion or an index move: "3%", "190 points"."""
    if amount.unit is not None:
        return amount.unit.name in lex.RATIO_UNITS
    nxt = token_after(index, amount.end)
    return nxt is not None and nxt.lower_ in lex.RATIO_WORDS


def _change_by_head(doc: Doc, token: Token, amount: Amount) -> str | None:
    """ "cut costs by 12 per cent", "lift the price to $60": the verb the amount hangs from through "by" or "to"."""
    head = token.head
    for _ in range(3):
        if head.lower_ in ("by", "to") and head.head.pos_ == "VERB":
            direction = _change_word(head.head, amount, ratio=True)
            return direction or None
        if head.i == head.head.i:
            break
        head = head.head
    return None
