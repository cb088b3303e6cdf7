"""The newsdev scorer's matching rules, on invented items (the data itself stays in ../shared)."""

from eval.common import Score
from eval.newsdev import add_agreement, match_with_optional, quote_strength, values_agree
from service.extraction.model import Normalized, Quantity, Quote, ValueRange


def _quote(start: int, end: int) -> Quote:
    return Quote(id="q1", text="x" * (end - start), start=start, end=end, kind="direct", cue=None, speaker=None)


def _quantity(value: float, *, currency: str | None = None, normalized: float | None = None) -> Quantity:
    return Quantity(
        id="n1", text="16p", start=0, end=3, value=value, range=None, bound="exact", change=None, unit=None,
        currency=currency, normalized=Normalized(normalized, currency) if normalized is not None else None,
        kind="money" if currency else "count", object=None,
    )  # fmt: skip


def test_quotes_match_only_when_each_covers_half_of_the_other():
    gold = {"start": 0, "end": 100}
    assert quote_strength(gold, _quote(0, 60)) > 0
    assert quote_strength(gold, _quote(0, 40)) == 0  # 40% of the gold
    assert quote_strength(gold, _quote(90, 300)) == 0  # 10% of the gold


def test_a_prediction_on_an_optional_item_is_neither_hit_nor_false_positive():
    gold = [{"start": 0, "end": 10}, {"start": 50, "end": 60, "optional": True}]
    matched = match_with_optional(gold, [_quote(0, 10), _quote(50, 60), _quote(80, 90)], quote_strength)
    assert len(matched.pairs) == 1
    assert [q.start for q in matched.spurious] == [80]
    assert matched.missed == []


def test_an_unmatched_optional_item_is_no_miss():
    gold = [{"start": 0, "end": 10, "optional": True}]
    assert match_with_optional(gold, [], quote_strength).missed == []


def test_a_pair_that_disagrees_on_a_field_is_a_miss_and_a_false_positive():
    gold = [{"start": 0, "end": 10, "kind": "direct"}]
    matched = match_with_optional(gold, [_quote(0, 10)], quote_strength)
    score = Score()
    add_agreement(score, matched, lambda g, q: False)
    assert (score.tp, score.fp, score.fn) == (0, 1, 1)


def test_sub_unit_money_matches_the_major_unit_value_through_normalized():
    gold = {"value": 0.16, "range": None}
    assert values_agree(gold, _quantity(16, currency="GBP", normalized=0.16))
    assert not values_agree(gold, _quantity(16))


def test_a_range_agrees_on_both_ends():
    gold = {"value": 6, "range": [6, 8]}
    ranged = _quantity(6)
    ranged.range = ValueRange(6, 8)
    assert values_agree(gold, ranged)
    ranged.range = ValueRange(6, 9)
    assert not values_agree(gold, ranged)
