"""Compound amounts: one quantity written in several units ("3 dollars 50 cents", "12 ft 2 in",
"three hours, four minutes and nine seconds").

Money is given in its major unit (3.50 dollars); a measure in the smallest unit written
(11049 seconds), so that no precision is invented.
"""

from __future__ import annotations

from dataclasses import replace

from service.extraction.doc_index import DocIndex
from service.extraction.lexicon import quantities as lex
from service.extraction.quantities.amount import Amount
from service.extraction.quantities.tokens import token_after
from service.extraction.quantities.units import normalize_measure

# Sub-units in cents: a bare number after a major amount is its cents below this ("thirteen dollars forty five").
CENTS_IN_MAJOR = 100


def with_compounds(index: DocIndex, amounts: list[Amount]) -> list[Amount]:
    out: list[Amount] = []
    i = 0
    while i < len(amounts):
        parts = [amounts[i]]
        while i + len(parts) < len(amounts) and _continues(index, parts[-1], amounts[i + len(parts)], first=parts[0]):
            parts.append(amounts[i + len(parts)])
        out.append(_joined(parts) if len(parts) > 1 else parts[0])
        i += len(parts)
    return out


def _continues(index: DocIndex, before: Amount, amount: Amount, *, first: Amount) -> bool:
    if index.text[before.end : amount.start].lower() not in lex.COMPOUND_LINKS:
        return False
    if first.currency:
        return _is_cents_of(index, first, before, amount)
    if before.unit is None or amount.unit is None or before.currency or amount.currency:
        return False
    pair = (before.unit.name, amount.unit.name)
    return pair in lex.COMPOUND_UNITS and not (before.change or amount.change or before.per or amount.per)


def _is_cents_of(index: DocIndex, major: Amount, before: Amount, amount: Amount) -> bool:
    """ "3 dollars 50 cents", "$10 30 cent", "thirteen dollars forty five": the cents of a major amount."""
    if before is not major or major.minor_factor != 1.0 or major.scale != 1.0 or major.per:
        return False
    if amount.minor_factor != 1.0:
        return amount.currency == major.currency or (amount.currency == "USD" and major.currency in lex.CENT_CURRENCIES)
    bare = not (amount.unit or amount.currency or amount.unit_surface) and amount.value == int(amount.value)
    after = token_after(index, amount.end)
    return bare and 0 < amount.value < CENTS_IN_MAJOR and (after is None or after.is_punct)


def _joined(parts: list[Amount]) -> Amount:
    first, last = parts[0], parts[-1]
    if first.currency:
        cents = last.value * (last.minor_factor if last.minor_factor != 1.0 else 1 / CENTS_IN_MAJOR)
        return replace(first, end=last.end, value=first.value + cents)
    total = sum(n.value for p in parts if (n := normalize_measure(p.value, p.unit.name)) is not None)
    unit_size = normalize_measure(1.0, last.unit.name)
    # Rounded so that "6 ft 2 in" is 74 inches, not 74.00000000000001.
    return replace(last, start=first.start, value=round(total / unit_size.value, 9), words=first.words)
