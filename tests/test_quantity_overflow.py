"""Number parsing never overflows: whatever digits, exponents or multipliers a text stacks, values stay finite."""

from __future__ import annotations

import json
import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from service.extraction.model import Quantity
from service.extraction.quantities import extract_quantities

_SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
_MULTIPLIERS = st.sampled_from(["thousand", "million", "billion", "trillion", "crore", "lakh", "bn", "m", "k"])


def _assert_finite(quantities: list[Quantity]) -> None:
    for q in quantities:
        numbers = [q.value]
        numbers += [end for end in (q.range.min, q.range.max) if end is not None] if q.range else []
        numbers += [q.normalized.value] if q.normalized else []
        assert all(math.isfinite(n) for n in numbers), q
    # What the API returns must survive strict JSON (no Infinity or NaN).
    json.dumps([q.value for q in quantities], allow_nan=False)


def test_a_huge_exponent_is_no_quantity_and_no_error(nlp):
    assert extract_quantities(nlp("Sales rose 5e400 percent.")) == []


@_SETTINGS
@given(mantissa=st.integers(min_value=0, max_value=10**6), exponent=st.integers(min_value=-9999, max_value=9999))
def test_exponents_of_any_size_give_finite_values(nlp, mantissa, exponent):
    for text in (f"Sales rose {mantissa}e{exponent} percent.", f"It weighs {mantissa} × 10^{exponent} kg."):
        _assert_finite(extract_quantities(nlp(text)))


@_SETTINGS
@given(digits=st.text(alphabet="0123456789", min_size=1, max_size=400), comma=st.booleans())
def test_long_digit_runs_give_finite_values(nlp, digits, comma):
    number = f"{int(digits):,}" if comma else digits
    _assert_finite(extract_quantities(nlp(f"The firm paid ${number} for {number} tonnes.")))


@_SETTINGS
@given(words=st.lists(_MULTIPLIERS, min_size=1, max_size=40), plural=st.integers(min_value=1, max_value=40))
def test_stacked_multipliers_give_finite_values(nlp, words, plural):
    stacked = " ".join(words)
    texts = (
        f"The deal is worth $9.99 {stacked} and 7 {stacked} people came.",
        f"It cost a {stacked} {stacked} dollars.",
        "There were " + "millions of " * plural + "stars.",
    )
    for text in texts:
        _assert_finite(extract_quantities(nlp(text)))
