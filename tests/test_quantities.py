"""Quantity extraction: the figures of the seed articles, the forms of the issue, and robustness."""

from __future__ import annotations

import math

import pytest

from service.extraction.model import Quantity
from service.extraction.quantities import extract_quantities
from tests.conftest import seed_text


@pytest.fixture(scope="module")
def quantities_of(nlp):
    cache: dict[str, list[Quantity]] = {}

    def run(text: str) -> list[Quantity]:
        if text not in cache:
            cache[text] = extract_quantities(nlp(text))
        return cache[text]

    return run


def at(quantities: list[Quantity], text: str, context: str, surface: str) -> Quantity:
    """The quantity whose number starts where ``surface`` sits inside ``context``."""
    start = text.index(context) + context.index(surface)
    found = [q for q in quantities if q.start <= start < q.end]
    assert found, f"no quantity at {surface!r} in {context!r}; got {[q.text for q in quantities]}"
    return found[0]


# seed, context, number, value, unit name, currency, bound, kind, object
SEED_FIGURES = [
    ("000", "has killed more than 2,000 people", "2,000", 2000, None, None, "more_than", "death_toll", "people"),
    ("000", "The two leaders [Putin", "two", 2, None, None, "exact", "count", "leaders"),
    ("000", "Russia is one of the junta", "one", 1, None, None, "exact", "count", "major arms suppliers"),
    ("000", "The two countries have resisted", "two", 2, None, None, "exact", "count", "countries"),
    ("000", "between the two countries are now", "two", 2, None, None, "exact", "count", "countries"),
    ("000", "to Russia nine times", "nine", 9, "count", None, "exact", "other", None),
    ("001", "More than 2,000 people have been killed", "2,000", 2000, None, None, "more_than", "death_toll", "people"),
    ("001", "started six months ago", "six", 6, "month", None, "exact", "duration", None),
    ("001", "marked 75 years of diplomatic relations", "75", 75, "year", None, "exact", "duration", "diplomatic relations"),
    ("001", "one of three states", "three", 3, None, None, "exact", "count", "states"),
    ("001", "a cumulative 20 years", "20", 20, "year", None, "exact", "duration", None),
    ("001", "the two sanctions-hit countries", "two", 2, None, None, "exact", "count", "sanctions-hit countries"),
    ("001", "the two delegations", "two", 2, None, None, "exact", "count", "delegations"),
    ("002", "delivering six fighter jets", "six", 6, None, None, "exact", "count", "fighter jets"),
    ("002", "a gift of six elephants", "six", 6, None, None, "exact", "count", "elephants"),
    ("002", "brought us six elephants", "six", 6, None, None, "exact", "count", "elephants"),
    ("002", "rose 40 percent last year", "40", 40, "percentage", None, "exact", "percentage", None),
    ("002", "a capacity of 100 megawatts", "100", 100, "megawatt", None, "exact", "power", "capacity"),
    ("002", "The two sides signed", "two", 2, None, None, "exact", "count", "sides"),
    ("003", "More than 2,200 people have been killed", "2,200", 2200, None, None, "more_than", "death_toll", "people"),
    ("003", "between the two countries’ economies", "two", 2, None, None, "exact", "count", "countries"),
    ("004", "over US$400 million", "US$400", 400e6, "us dollar", "USD", "more_than", "money", None),
    ("004", "and $260 million respectively", "$260", 260e6, "us dollar", "USD", "more_than", "money", None),
    ("004", "killed at least 6,366 civilians", "6,366", 6366, None, None, "at_least", "death_toll", "civilians"),
    ("004", "the two sides signed a pact", "two", 2, None, None, "exact", "count", "sides"),
    ("004", "one of Russia's closest partners", "one", 1, None, None, "exact", "count", "closest partners"),
]


@pytest.mark.parametrize(("seed", "context", "number", "value", "unit", "currency", "bound", "kind", "obj"), SEED_FIGURES)
def test_seed_figures(quantities_of, seed, context, number, value, unit, currency, bound, kind, obj):
    text = seed_text(seed)
    q = at(quantities_of(text), text, context, number)
    assert q.value == pytest.approx(value)
    assert (q.unit.name if q.unit else None) == unit
    assert q.currency == currency
    assert q.bound == bound
    assert q.kind == kind
    assert q.object == obj


def test_seed_bounds_set_open_ranges(quantities_of):
    text = seed_text("004")
    q = at(quantities_of(text), text, "killed at least 6,366 civilians", "6,366")
    assert (q.range.min, q.range.max) == (6366, None)


def test_seed_change_and_normalized(quantities_of):
    text = seed_text("002")
    quantities = quantities_of(text)
    assert at(quantities, text, "rose 40 percent", "40").change == "increase"
    trebling = at(quantities, text, "possibility of trebling", "trebling")
    assert (trebling.value, trebling.change) == (3, "increase")
    power = at(quantities, text, "a capacity of 100 megawatts", "100")
    assert (power.normalized.value, power.normalized.unit) == (1e8, "W")
    money_text = seed_text("004")
    money = at(quantities_of(money_text), money_text, "over US$400 million", "US$400")
    assert (money.normalized.value, money.normalized.unit) == (400e6, "USD")


# seed, words that must not be (part of) a quantity
SEED_NON_QUANTITIES = [
    ("004", "a key international ally"),
    ("004", "signed a pact"),
    ("004", "in a 2021 coup"),
    ("004", "said in May 2023"),
    ("004", "fourth visit"),
    ("004", "2025-03-04"),
    ("004", "16 px"),
    ("000", "EEF-2022"),
    ("000", "third visit"),
    ("000", "Since 2013"),
    ("000", "first meeting"),
    ("001", "February 2021"),
    ("001", "November 2020 elections"),
    ("001", "second foreign leader"),
    ("002", "75th anniversary"),
    ("001", "2022 marked"),
    ("002", "third year"),
    ("002", "September 2022"),
    ("003", "November 2020 by a landslide"),
]


@pytest.mark.parametrize(("seed", "words"), SEED_NON_QUANTITIES)
def test_seed_non_quantities(quantities_of, seed, words):
    text = seed_text(seed)
    start = text.index(words)
    end = start + len(words)
    assert not [q.text for q in quantities_of(text) if q.start < end and start < q.end]


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seed_offsets_ids_and_values(quantities_of, prefix):
    text = seed_text(prefix)
    quantities = quantities_of(text)
    assert [q.id for q in quantities] == [f"N{i}" for i in range(1, len(quantities) + 1)]
    assert [q.start for q in quantities] == sorted(q.start for q in quantities)
    for q in quantities:
        assert text[q.start : q.end] == q.text
        assert math.isfinite(q.value)


# sentence, number, value, unit name, currency
FORMS = [
    ("The firm raised $260m last year.", "$260m", 260e6, "us dollar", "USD"),
    ("It cost £1.2bn to build.", "£1.2bn", 1.2e9, "british pound", "GBP"),
    ("Reserves reached 1.5 trillion roubles.", "1.5", 1.5e12, "russian ruble", "RUB"),
    ("The army paid 300 million kyat for it.", "300", 300e6, "myanmar kyat", "MMK"),
    ("The deal was worth 92 million yuan.", "92", 92e6, "chinese yuan", "CNY"),
    ("The bonus was C$6 a share.", "C$6", 6, "canadian dollar", "CAD"),
    ("Half a million people marched.", "Half", 500_000, None, None),
    ("She bought two dozen eggs.", "two", 24, None, None),
    ("They own 6,366 acres of land.", "6,366", 6366, "acre", None),
    ("A third of the voters stayed home.", "A third", 1 / 3, None, None),
    ("Three-quarters of the staff agreed.", "Three", 0.75, None, None),
    ("Unemployment is 5 per cent.", "5", 5, "percentage", None),
    ("The plant makes 100 megawatts.", "100", 100, "megawatt", None),
    ("The road is 12 km long.", "12", 12, "kilometre", None),
    ("It costs a quarter million dollars.", "a quarter", 250_000, "us dollar", "USD"),
    ("They walked two and a half miles.", "two", 2.5, "mile", None),
    ("The door is 2 1/2 in thick.", "2", 2.5, "inch", None),
    ("Add ⅓ cup of sugar.", "⅓", 1 / 3, "cup", None),
    ("Light oscillates at 4e14 Hz.", "4e14", 4e14, "hertz", None),
    ("He lost 25 pounds in a year.", "25", 25, "pound-mass", None),
    ("She spent 20 million pounds on it.", "20", 20e6, "british pound", "GBP"),
    ("A loan of 35 lakh rupees was approved.", "35", 3.5e6, "indian rupee", "INR"),
    ("Gold sold for $10 per gram.", "$10", 10, "us dollar", "USD"),
    ("The field pumps 800,000 barrels a day.", "800,000", 800_000, "barrel", None),
    ("The baby was ten months old.", "ten", 10, "month of age", None),
    ("The firm grew sixfold.", "sixfold", 6, "count", None),
]


@pytest.mark.parametrize(("sentence", "number", "value", "unit", "currency"), FORMS)
def test_forms(quantities_of, sentence, number, value, unit, currency):
    q = at(quantities_of(sentence), sentence, sentence, number)
    assert q.value == pytest.approx(value)
    assert (q.unit.name if q.unit else None) == unit
    assert q.currency == currency


def test_two_amounts_in_one_phrase(quantities_of):
    sentence = "They spent US$400 million and $260 million respectively."
    quantities = quantities_of(sentence)
    assert [(q.value, q.currency) for q in quantities] == [(400e6, "USD"), (260e6, "USD")]
    assert all(q.unit.name == "us dollar" for q in quantities)


# sentence, number, bound, range (min, max)
BOUNDS = [
    ("Between 10 and 20 people came.", "10", "range", (10, 20)),
    ("The farm makes 10-20 MW of power.", "10", "range", (10, 20)),
    ("Growth was from 5 to 7 percent.", "5", "range", (5, 7)),
    ("More than 2,000 people died.", "2,000", "more_than", (2000, None)),
    ("At least 50 people were hurt.", "50", "at_least", (50, None)),
    ("Nearly 300 homes burned.", "300", "approximate", None),
    ("Some 300 residents fled.", "300", "approximate", None),
    ("About 40 boats sank.", "40", "approximate", None),
    ("The grant is up to $8 million.", "$8", "at_most", (None, 8e6)),
    ("Prices fell to under 20 percent.", "20", "less_than", (None, 20)),
    ("Hundreds of people gathered.", "Hundreds", "approximate", (100, None)),
    ("The wall stood for several hundred years.", "several", "approximate", (100, None)),
    ("There were 4 to 5 thousand people.", "4", "range", (4000, 5000)),
    ("Groups of 5-10 people met.", "5", "range", (5, 10)),
    ("It would cost from $10 to $15 billion.", "$10", "range", (10e9, 15e9)),
    ("Savings ranged from $200,000 to $414 million.", "$200,000", "range", (200_000, 414e6)),
    ("It ran more than 100 kilometers (60 miles).", "60", "more_than", (60, None)),
]


@pytest.mark.parametrize(("sentence", "number", "bound", "value_range"), BOUNDS)
def test_bounds_and_ranges(quantities_of, sentence, number, bound, value_range):
    q = at(quantities_of(sentence), sentence, sentence, number)
    assert q.bound == bound
    assert (None if q.range is None else (q.range.min, q.range.max)) == value_range


def test_levels_are_no_range(quantities_of):
    sentence = "Sales rose to 5.1 million bicycles, up from 3.3 million in 2019."
    assert [(q.value, q.bound) for q in quantities_of(sentence)] == [(5.1e6, "exact"), (3.3e6, "exact")]


def test_range_shares_unit(quantities_of):
    sentence = "The farm makes 10-20 MW of power."
    (q,) = quantities_of(sentence)
    assert (q.unit.name, q.text) == ("megawatt", "10-20 MW")


# sentence, number, change
CHANGES = [
    ("Trade rose 40 percent last year.", "40", "increase"),
    ("Shares were down 3% on Monday.", "3", "decrease"),
    ("The index lost 190 points.", "190", "decrease"),
    ("The Dow was +0.2% at noon.", "+0.2", "increase"),
    ("The index lost 190 points, or 0.6%, on Friday.", "0.6", "decrease"),
    ("The defense gave up 517 rushing yards.", "517", None),
    ("Sales hit 500 units.", "500", None),
    ("The firm cut 500 jobs.", "500", None),
]


@pytest.mark.parametrize(("sentence", "number", "change"), CHANGES)
def test_change(quantities_of, sentence, number, change):
    assert at(quantities_of(sentence), sentence, sentence, number).change == change


# sentence, number, kind, object
KINDS = [
    ("More than 2,000 people have been killed.", "2,000", "death_toll", "people"),
    ("The junta has killed at least 6,366 civilians.", "6,366", "death_toll", "civilians"),
    ("The floods left a death toll of 50.", "50", "death_toll", None),
    ("At least 12 people were injured in the blast.", "12", "injured", "people"),
    ("The zoo got six elephants.", "six", "count", "elephants"),
    ("He served 20 years in prison.", "20", "duration", None),
    ("The 30 years old driver was fined.", "30", "age", "driver"),
    ("The site covers 40 hectares.", "40", "area", None),
    ("The tank holds 5,000 litres.", "5,000", "volume", None),
    ("The bridge weighs 300 tonnes.", "300", "mass", None),
    ("Winds reached 155 mph.", "155", "speed", None),
    ("It was 40 degrees Celsius in the shade.", "40", "temperature", None),
    ("The battery stores 5.5 kWh.", "5.5", "energy", None),
    ("Some 12 people were injured and 3 died.", "12", "injured", "people"),
    ("Some 12 people were injured and 3 died.", "3", "death_toll", "people"),
    ("The blast killed 5 and wounded 20.", "20", "injured", None),
    ("About 370 Ford and Toyota trucks were stolen.", "370", "count", "Ford and Toyota trucks"),
    ("Russia is one of the junta's major arms suppliers.", "one", "count", "major arms suppliers"),
    ("Aung San Suu Kyi, 77, was jailed.", "77", "age", None),
]


@pytest.mark.parametrize(("sentence", "number", "kind", "obj"), KINDS)
def test_kind_and_object(quantities_of, sentence, number, kind, obj):
    q = at(quantities_of(sentence), sentence, sentence, number)
    assert (q.kind, q.object) == (kind, obj)


def test_normalized_to_si(quantities_of):
    sentence = "The road is 12 km long and the tank holds 5,000 litres at 20 degrees Celsius."
    normalized = [(q.normalized.unit, q.normalized.value) for q in quantities_of(sentence)]
    assert normalized[0] == ("m", pytest.approx(12_000))
    assert normalized[1] == ("m³", pytest.approx(5))
    assert normalized[2] == ("K", pytest.approx(293.15))


NOT_QUANTITIES = [
    "He turned a key in the lock.",
    "They signed a pact on Tuesday.",
    "It was his third visit to Russia.",
    "The 75th anniversary fell in May 2023.",
    "The coup came in 2021.",
    "Call 555-123-4567 for details.",
    "The meeting starts at 2 p.m. on Monday.",
    "It happened at 17:22 on September 8.",
    "The COVID-19 pandemic hit the EEF-2022 forum.",
    "The S&P 500 closed higher.",
    "No one came to the party.",
    "The Model 3s sold well in the 1990s.",
    "Her new iPhone 11 Pro arrived.",
    "They met in the 2013-14 season.",
    "Quote reference 1111-2222-3333 when you call.",
]


@pytest.mark.parametrize("sentence", NOT_QUANTITIES)
def test_not_quantities(quantities_of, sentence):
    assert [q.text for q in quantities_of(sentence)] == []


def test_no_unit_from_ordinary_words_or_punctuation(quantities_of):
    sentence = 'He said "one hundred" at the time, and there are two in my car, a key and a pact.'
    assert [(q.text, q.unit) for q in quantities_of(sentence)] == [("one hundred", None), ("two", None)]
    money = "They raised $260m and 5m people watched."
    assert [(q.value, q.unit.name if q.unit else None) for q in quantities_of(money)] == [(260e6, "us dollar"), (5e6, None)]


def test_huge_digit_strings_do_not_crash(nlp):
    text = "The code was " + "9" * 100_000 + " long and cost $" + "1" * 400 + " and 5 km."
    quantities = extract_quantities(nlp(text))
    assert all(math.isfinite(q.value) for q in quantities)
    assert all(math.isfinite(q.normalized.value) for q in quantities if q.normalized)
    assert [q.text for q in quantities] == ["5 km"]


def test_empty_and_numberless_text(nlp):
    assert extract_quantities(nlp("")) == []
    assert extract_quantities(nlp("Nothing to count here.")) == []


def test_extractor_includes_quantities(extractor):
    result = extractor.extract("Trade rose 40 percent to $260 million.", include=["quantities"])
    assert [(q.value, q.unit.name, q.currency) for q in result.quantities] == [
        (40, "percentage", None),
        (260e6, "us dollar", "USD"),
    ]
