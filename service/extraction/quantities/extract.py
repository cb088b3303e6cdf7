"""The quantity pipeline: find the numbers, drop what is none, read each in context, build the results."""

from __future__ import annotations

from spacy.tokens import Doc

from service.extraction.doc_index import DocIndex, doc_index
from service.extraction.intervals import Intervals
from service.extraction.model import Normalized, Quantity, Span, Unit
from service.extraction.quantities.amount import Amount, Reading, finite
from service.extraction.quantities.change import with_levels
from service.extraction.quantities.compounds import with_compounds
from service.extraction.quantities.currencies import currency_name, currency_tables
from service.extraction.quantities.digits import blocked_spans, digit_amounts
from service.extraction.quantities.exclusions import is_quantity
from service.extraction.quantities.kinds import kind_of, with_apposed_age
from service.extraction.quantities.objects import ObjectRef, counted_object, fill_ellipses
from service.extraction.quantities.ranges import with_ranges
from service.extraction.quantities.scores import with_scores
from service.extraction.quantities.symbols import read_symbols
from service.extraction.quantities.units import normalize_measure, warm_up_units
from service.extraction.quantities.when import times_of
from service.extraction.quantities.words import word_amounts


def warm_up_quantities() -> None:
    """Pay one-off start-up costs (quantulum3's unit tables, CLDR's currencies) before the first request."""
    warm_up_units()
    currency_tables()


def extract_quantities(doc: Doc) -> list[Quantity]:
    index = doc_index(doc)
    text = index.text
    blocked = blocked_spans(text)
    digits = digit_amounts(text, Intervals(blocked))
    words = word_amounts(doc, text, Intervals([(a.start, a.end) for a in digits] + blocked))
    # Every value leaves here finite, whatever multipliers were stacked ("a trillion trillion ...").
    amounts = _without_overlaps(sorted((a for a in digits + words if finite(a.value)), key=lambda a: a.start))
    if not amounts:
        return []
    amounts = with_compounds(index, read_symbols(index, amounts))
    amounts = [with_apposed_age(index, a) for a in with_scores(index, amounts)]
    kept = [a for a in amounts if is_quantity(index, a)]
    found = with_levels(index, with_ranges(index, kept))
    objects = [counted_object(index, f) for f in found]
    found, objects = fill_ellipses(index, found, objects)
    times = times_of(index, found)
    return [
        _quantity(index, f, o, when, number) for number, (f, o, when) in enumerate(zip(found, objects, times), start=1)
    ]


def _without_overlaps(amounts: list[Amount]) -> list[Amount]:
    """Amounts in text order, none starting inside the one before ("5 km2" read once)."""
    kept: list[Amount] = []
    for amount in amounts:
        if not kept or amount.start >= kept[-1].end:
            kept.append(amount)
    return kept


def _unit_and_normalized(found: Reading) -> tuple[Unit | None, Normalized | None]:
    """The unit and normalized value of the numerator; a rate's denominator goes to ``per``."""
    amount = found.amount
    if amount.currency:
        unit = (
            amount.unit
            if amount.unit
            else Unit(
                name=currency_name(amount.currency),
                symbol=amount.currency_surface,
                dimension="currency",
            )
        )
        return unit, Normalized(value=amount.value * amount.minor_factor, unit=amount.currency)
    if amount.unit is None:
        return None, None
    return amount.unit, normalize_measure(amount.value, amount.unit.name)


def _quantity(index: DocIndex, found: Reading, obj: ObjectRef, when: Span | None, number: int) -> Quantity:
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
        kind=kind_of(index, found, head, text),
        object=text,
        per=found.amount.per,
        score=found.amount.score,
        when=when,
    )
