"""Symbols that mean more than one thing, read from the words of their clause.

"80 pounds" is money when she withdrew it from the bank and a mass when the parcel weighs it;
"12 kn" is a yacht's speed or a coffee's price; "25 c" is in the shade or a litre's price;
"Rs" is Indian or Pakistani.  The readings and their cue words are one table in the lexicon
(``AMBIGUOUS_SYMBOLS``); the sentence is searched first, then the whole document.
"""

from __future__ import annotations

import re
from dataclasses import replace

from service.extraction.doc_index import DocIndex
from service.extraction.lexicon import quantities as lex
from service.extraction.model import Unit
from service.extraction.quantities.amount import Amount
from service.extraction.quantities.currencies import currency_tables, currency_word_re
from service.extraction.quantities.units import unit_named

_BASE_BEFORE_RE = re.compile(r"\b(?:against|to|per)\s+(?:the\s+|one\s+|a\s+)?(?:[a-z.]+\s+)?$")
_CENT = Unit(name="cent", symbol=None, dimension="currency")
# A bare exchange rate takes the currency named at most this many characters before it.
EXCHANGE_CONTEXT_CHARS = 600
# Cents follow the currency of a money amount at most this many characters away.
CENT_CONTEXT_CHARS = 2000


def read_symbols(index: DocIndex, amounts: list[Amount]) -> list[Amount]:
    """Each amount with an ambiguous symbol read as its clause means it; a glued name ("N95") dropped."""
    words = _Words(index)
    out: list[Amount] = []
    for amount in amounts:
        written = amount.currency_surface if amount.currency else amount.unit_surface
        readings = lex.AMBIGUOUS_SYMBOLS.get(written or "") or lex.AMBIGUOUS_SYMBOLS.get((written or "").lower())
        if readings is None or (amount.currency and amount.scale != 1.0 and written.lower().startswith("pound")):
            out.append(amount)  # "20 million pounds" is money whatever the clause
            continue
        read = _as(amount, _choose(readings, words, amount.start), written)
        if read is not None:
            out.append(read)
    return _with_exchange_currency(index, _with_cent_currency(out))


class _Words:
    """Lower-case words and lemmas of each sentence and of the whole document, computed on demand."""

    def __init__(self, index: DocIndex) -> None:
        self._index = index
        self._sentences: dict[int, frozenset[str]] = {}
        self._document: frozenset[str] | None = None

    def of_sentence(self, offset: int) -> frozenset[str]:
        number = self._index.sent_of(self._index.token_at(offset))
        if number not in self._sentences:
            self._sentences[number] = _words(self._index.sents[number])
        return self._sentences[number]

    def of_document(self) -> frozenset[str]:
        if self._document is None:
            self._document = _words(self._index.doc)
        return self._document


def _words(tokens) -> frozenset[str]:
    return frozenset(w for token in tokens for w in (token.lower_, token.lemma_.lower()))


def _choose(readings: tuple[tuple[str, frozenset[str]], ...], words: _Words, offset: int) -> str:
    for context in (words.of_sentence(offset), words.of_document()):
        hits = [len(cues & context) for _, cues in readings]
        if max(hits) > 0:
            return readings[hits.index(max(hits))][0]
    return readings[0][0]


def _as(amount: Amount, reading: str, written: str) -> Amount | None:
    what, _, target = reading.partition(":")
    if what == "currency":
        return replace(amount, currency=target, currency_surface=written, unit=None, minor_factor=1.0)
    if what == "minor":
        return replace(amount, currency=target, currency_surface=written, unit=_CENT, minor_factor=0.01)
    if what == "unit":
        return replace(amount, unit=unit_named(target), unit_surface=written, currency=None, minor_factor=1.0)
    if amount.currency:
        return None  # "N95", "K9": letters glued before digits that are no money are a name
    return replace(amount, unit=None, unit_surface=None)


def _with_exchange_currency(index: DocIndex, amounts: list[Amount]) -> list[Amount]:
    """ "The ringgit rose ... to 3.8412 against the US dollar": the rate's currency is the one the text names before it."""
    out = []
    for amount in amounts:
        if amount.per and amount.per.isupper() and not amount.currency:
            window = index.text[max(0, amount.start - EXCHANGE_CONTEXT_CHARS) : amount.start].lower()
            named = [
                code
                for m in currency_word_re().finditer(window)
                if (code := currency_tables().words[m.group()]) != amount.per
                and not _BASE_BEFORE_RE.search(window, max(0, m.start() - 30), m.start())  # another rate's base
            ]
            if named:
                amount = replace(amount, currency=named[-1])
        out.append(amount)
    return out


def _with_cent_currency(amounts: list[Amount]) -> list[Amount]:
    """ "R4.20 ... 35.80c": cents are hundredths of the currency the text is about, nearest first."""
    majors = [a for a in amounts if a.currency in lex.CENT_CURRENCIES and a.minor_factor == 1.0]
    if not majors:
        return amounts
    out = []
    for amount in amounts:
        if amount.unit is not None and amount.unit.name == "cent" and amount.currency == "USD":
            nearest = min(majors, key=lambda m: abs(m.start - amount.start))
            if abs(nearest.start - amount.start) <= CENT_CONTEXT_CHARS:
                amount = replace(amount, currency=nearest.currency)
        out.append(amount)
    return out
