"""Numbers that are no quantity: years, dates, times of day, ordinals, numbers inside names."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from service.extraction.doc_index import DocIndex
from service.extraction.lexicon import quantities as lex
from service.extraction.quantities.amount import Amount
from service.extraction.quantities.objects import noun_chain
from service.extraction.quantities.tokens import token_after, token_at, token_before

# Page furniture stands on a short line of its own ("1,204 views", "Comments 34").
FURNITURE_LINE_WORDS = 4
_YEAR_RE = re.compile(r"\d{4}")


def is_quantity(index: DocIndex, amount: Amount) -> bool:
    doc = index.doc
    if amount.currency or amount.fraction or amount.change or amount.open_upwards or amount.score:
        return True
    token = token_at(index, amount.start)
    prev = token_before(index, amount.start)
    nxt = token_after(index, amount.end)
    if _is_page_counter(index, amount, nxt):
        return False
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
    return not _is_name_part(index, amount, token, prev, nxt) and not _is_model_name(index, amount)


def _is_page_counter(index: DocIndex, amount: Amount, nxt: Token | None) -> bool:
    """ "1.2K views", "34 comments" on a line of their own: page furniture, not the story's figures."""
    if nxt is None or nxt.lower_ not in lex.FURNITURE_NOUNS:
        return False
    text = index.text
    line_start = text.rfind("\n", 0, amount.start) + 1
    line_end = text.find("\n", amount.end)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    return len(line.split()) <= FURNITURE_LINE_WORDS


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


def _is_model_name(index: DocIndex, amount: Amount) -> bool:
    """ "787 Dreamliner", "11 Pro Max", "210 Elm Road": a small bare number before a singular name."""
    doc = index.doc
    surface = index.text[amount.start : amount.end]
    if amount.unit or amount.currency or amount.words or not surface.isdigit() or amount.value >= 1000:
        return False
    nxt = token_after(index, amount.end)
    chain = noun_chain(doc, nxt.i) if nxt is not None else []
    return bool(chain) and chain[-1].tag_ == "NNP" and chain[0].text[:1].isupper()
