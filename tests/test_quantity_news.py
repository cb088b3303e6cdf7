"""Quantities as business, sports and world news write them (issue 12): one invented sentence per behaviour."""

from __future__ import annotations

import pytest

from service.extraction.model import Quantity
from service.extraction.quantities import extract_quantities


@pytest.fixture(scope="module")
def read(nlp):
    def run(text: str) -> list[Quantity]:
        return extract_quantities(nlp(text))

    return run


def one(quantities: list[Quantity], surface: str) -> Quantity:
    """The quantity whose text starts with ``surface``."""
    found = [q for q in quantities if q.text.startswith(surface)]
    assert found, f"no quantity starting {surface!r}; got {[q.text for q in quantities]}"
    return found[0]


# sentence, surface, value, currency, normalized value (major unit)
CURRENCY_FORMS = [
    ("The state budget sets aside Rs 6,500 crore for roads.", "Rs 6,500 crore", 6.5e10, "INR", 6.5e10),
    ("Farmers in Lahore were paid Rs65,000 each by Pakistan's government.", "Rs65,000", 65_000, "PKR", 65_000),
    ("The ticket costs ₹500.", "₹500", 500, "INR", 500),
    ("The scheme will cost Rs. 2.68 lakh crore.", "Rs. 2.68 lakh crore", 2.68e12, "INR", 2.68e12),
    ("Subsidies reached Rs 1,26,480 crore in India.", "Rs 1,26,480 crore", 1.2648e12, "INR", 1.2648e12),
    ("The shares closed at RM12.50 in Kuala Lumpur.", "RM12.50", 12.5, "MYR", 12.5),
    ("The stock lost 50 sen in Kuala Lumpur trade.", "50 sen", 50, "MYR", 0.5),
    ("Naspers gained R25 on the JSE.", "R25", 25, "ZAR", 25),
    ("The retailer paid R4.20 a share and its earnings rose to 35c.", "35c", 35, "ZAR", 0.35),
    ("Workers in Lagos get ₦2,000 a day.", "₦2,000", 2000, "NGN", 2000),
    ("Lagos traders paid N5,000 for the permit.", "N5,000", 5000, "NGN", 5000),
    ("A coffee in Seoul costs ₩4,500.", "₩4,500", 4500, "KRW", 4500),
    ("Its shares ended at 185,000 won.", "185,000 won", 185_000, "KRW", 185_000),
    ("The fee is CHF 40 per visit.", "CHF 40", 40, "CHF", 40),
    ("The fee is Sfr 40.", "Sfr 40", 40, "CHF", 40),
    ("The flat sold for HK$5 million.", "HK$5 million", 5e6, "HKD", 5e6),
    ("The deal is worth C$2 billion.", "C$2 billion", 2e9, "CAD", 2e9),
    ("The mine cost A$300 million.", "A$300 million", 3e8, "AUD", 3e8),
    ("The prize is NZ$50,000.", "NZ$50,000", 50_000, "NZD", 50_000),
    ("The condo fetched S$1.2 million.", "S$1.2 million", 1.2e6, "SGD", 1.2e6),
    ("The bonds raised US$400 million.", "US$400 million", 4e8, "USD", 4e8),
    ("The peso plan costs Mex$12 billion.", "Mex$12 billion", 1.2e10, "MXN", 1.2e10),
    ("Sales reached 5 billion yuan.", "5 billion yuan", 5e9, "CNY", 5e9),
    ("Output was worth 3 billion renminbi.", "3 billion renminbi", 3e9, "CNY", 3e9),
    ("The fine was 1.5 trillion roubles.", "1.5 trillion roubles", 1.5e12, "RUB", 1.5e12),
    ("The fine was 2 million rubles.", "2 million rubles", 2e6, "RUB", 2e6),
    ("Rice costs 1,500 kyat a bag.", "1,500 kyat", 1500, "MMK", 1500),
    ("The bread costs 10 Turkish lira.", "10 Turkish lira", 10, "TRY", 10),
    ("The contract is worth 30 MUSD.", "30 MUSD", 3e7, "USD", 3e7),
    ("The budget is 75 USD million.", "75 USD million", 7.5e7, "USD", 7.5e7),
    ("The shares rose to 118.5p in London.", "118.5p", 118.5, "GBP", 1.185),
    ("The bread costs 30 kopeks.", "30 kopeks", 30, "RUB", 0.3),
    ("It only cost 3 dollars 50 cents.", "3 dollars 50 cents", 3.5, "USD", 3.5),
]


@pytest.mark.parametrize(("sentence", "surface", "value", "currency", "normalized"), CURRENCY_FORMS)
def test_currency_forms(read, sentence, surface, value, currency, normalized):
    q = one(read(sentence), surface)
    assert q.value == pytest.approx(value)
    assert q.currency == currency
    assert q.kind == "money"
    assert q.normalized is not None and q.normalized.value == pytest.approx(normalized)
    assert q.normalized.unit == currency


# One table of ambiguous symbols: the clause decides. sentence, surface, currency, unit name
AMBIGUOUS = [
    ("She withdrew 80 pounds from the bank.", "80 pounds", "GBP", "british pound"),
    ("The parcel weighs 80 pounds.", "80 pounds", None, "pound-mass"),
    ("The yacht made 12 kn in the gusts.", "12 kn", None, "knot"),
    ("A coffee costs 15 kn in Split.", "15 kn", "HRK", "croatian kuna"),
    ("It was 25 c in the shade.", "25 c", None, "degree Celsius"),
    ("Petrol rose to 25 c a litre.", "25 c", "USD", "cent"),
    ("The Beijing fund raised ¥500 million from Chinese investors.", "¥500 million", "CNY", "chinese yuan"),
    ("The Tokyo toy costs ¥500.", "¥500", "JPY", "japanese yen"),
]


@pytest.mark.parametrize(("sentence", "surface", "currency", "unit"), AMBIGUOUS)
def test_ambiguous_symbols_read_from_the_clause(read, sentence, surface, currency, unit):
    q = one(read(sentence), surface)
    assert q.currency == currency
    assert q.unit is not None and q.unit.name == unit


def test_a_glued_letter_that_is_no_money_is_a_name(read):
    assert read("Health workers need N95 masks.") == []


# sentence, surface, value, unit name
UNIT_FORMS = [
    ("The weight is 20 (kg).", "20 (kg)", 20, "kilogram"),
    ("Water boils at 100° Celsius.", "100° Celsius", 100, "degree Celsius"),
    ("The oven reached 104° F.", "104° F", 104, "degree fahrenheit"),
    ("He is 6 ft 2 in tall.", "6 ft 2 in", 74, "inch"),
    ("She won in three hours, four minutes and nine seconds.", "three hours, four minutes and nine seconds", 11049, "second"),
    ("Protests went on for three consecutive days.", "three consecutive days", 3, "day"),
    ("The plant stores 420 gigawatt-hours.", "420 gigawatt-hours", 420, "gigawatt hour"),
]


@pytest.mark.parametrize(("sentence", "surface", "value", "unit"), UNIT_FORMS)
def test_unit_forms(read, sentence, surface, value, unit):
    q = one(read(sentence), surface)
    assert q.value == pytest.approx(value)
    assert q.unit is not None and q.unit.name == unit


# sentence, surface, per, currency
RATES = [
    ("The board paid 48 cents a share.", "48 cents a share", "share", "USD"),
    ("Brent rose to $71.20 a barrel.", "$71.20 a barrel", "barrel", "USD"),
    ("Gold traded at $1,612.47/oz.", "$1,612.47/oz", "ounce", "USD"),
    ("The field pumps 2 million bpd.", "2 million bpd", "day", None),
    ("The rand was flat at R15.32/$.", "R15.32/$", "USD", "ZAR"),
    ("Planners assume 112 yen to the dollar.", "112 yen to the dollar", "USD", "JPY"),
    ("The ringgit rose to 3.8412 against the US dollar.", "3.8412 against the US dollar", "USD", "MYR"),
    ("Emissions grew 1.8 per cent per year.", "1.8 per cent per year", "year", None),
]


@pytest.mark.parametrize(("sentence", "surface", "per", "currency"), RATES)
def test_rates_have_a_denominator(read, sentence, surface, per, currency):
    q = one(read(sentence), surface)
    assert q.per == per
    assert q.currency == currency


def test_cents_a_share_are_cents_normalized_to_dollars(read):
    q = one(read("The board paid 48 cents a share."), "48 cents")
    assert (q.value, q.unit.name, q.normalized.value, q.normalized.unit) == (48, "cent", pytest.approx(0.48), "USD")


def test_no_rate_is_null(read):
    assert one(read("The firm raised $260m."), "$260m").per is None


# sentence, [(surface, change, bound)]
CHANGES = [
    (
        "Sales rose 40% to £1.4 billion from £520 million.",
        [("40%", "increase", "exact"), ("£1.4 billion", "increase", "exact"), ("£520 million", None, "exact")],
    ),
    (
        "Car sales fell to 7.9 million from 8.2 million.",
        [("7.9 million", "decrease", "exact"), ("8.2 million", None, "exact")],
    ),
    (
        "Members rose from 11.3 crore in June 2019 to 27.8 crore.",
        [("11.3 crore", None, "exact"), ("27.8 crore", "increase", "exact")],
    ),
    ("Support ranged from 5 to 7 percent of voters.", [("5 to 7 percent", None, "range")]),
    ("Analysts expect a 12 percent rise.", [("12 percent", "increase", "exact")]),
    (
        "The shares closed 21.7% higher at 4.86 shekels.",
        [("21.7%", "increase", "exact"), ("4.86 shekels", "increase", "exact")],
    ),
    (
        "The FTSE 100 gained 1.14%, Japan's Topix 0.87%.",
        [("1.14%", "increase", "exact"), ("0.87%", "increase", "exact")],
    ),
    ("Revenue was 48 trillion won, up 6.2% on the year.", [("48 trillion won", "increase", "exact")]),
    ("Exports look set for a decline of about 9%.", [("9%", "decrease", "approximate")]),
]


@pytest.mark.parametrize(("sentence", "expected"), CHANGES)
def test_changes_and_baselines(read, sentence, expected):
    quantities = read(sentence)
    for surface, change, bound in expected:
        q = one(quantities, surface)
        assert (q.change, q.bound) == (change, bound), surface


# sentence, surface, value, score
SCORES = [
    ("City beat Fulham 2-1 on Saturday.", "2-1", 2, (2, 1)),
    ("They drew 0-0 at home.", "0-0", 0, (0, 0)),
    ("Federer won 7-5, 6-4, 6-1.", "6-4", 6, (6, 4)),
    ("Bengal were 152 for three at tea.", "152 for three", 152, (152, 3)),
    ("They reached 67 for 1 at lunch.", "67 for 1", 67, (67, 1)),
]


@pytest.mark.parametrize(("sentence", "surface", "value", "score"), SCORES)
def test_scores(read, sentence, surface, value, score):
    q = one(read(sentence), surface)
    assert (q.kind, q.value, q.score, q.range) == ("score", value, score, None)


def test_a_range_of_people_is_no_score(read):
    q = one(read("Between 5-10 people watched."), "5-10")
    assert (q.kind, q.bound, q.score) == ("count", "range", None)


# sentence, surface, kind, unit name (None: no unit)
KINDS = [
    ("A 6.9-magnitude quake struck.", "6.9-magnitude", "other", "magnitude"),
    ("A magnitude 6.8 quake struck.", "magnitude 6.8", "other", "magnitude"),
    ("The magnitude-4.7 tremor followed.", "magnitude-4.7", "other", "magnitude"),
    ("The index fell 42 points to 7,315.", "42 points", "other", "point"),
    ("The index fell 42 points to 7,315.", "7,315", "other", "point"),
    ("Four more villagers were found dead on Tuesday.", "Four", "death_toll", None),
    ("Two bodies were recovered from the river.", "Two", "death_toll", None),
    ("At least 21 pupils and four teachers died.", "four", "death_toll", None),
    ("Six tourists were wounded in the attack.", "Six", "injured", None),
    ("Ali, 54, runs the shop.", "54", "age", "year of age"),
    ("The club has played 10 league games.", "10", "count", None),
]


@pytest.mark.parametrize(("sentence", "surface", "kind", "unit"), KINDS)
def test_kinds_fit_the_clause(read, sentence, surface, kind, unit):
    q = one(read(sentence), surface)
    assert q.kind == kind
    assert (q.unit.name if q.unit else None) == unit


@pytest.mark.parametrize(
    ("sentence", "surface", "obj"),
    [
        ("Its full-year net income rose 5 percent to 254.6 million francs.", "254.6 million francs", "net income"),
        ("The regulator imposed a fine of $5 million.", "$5 million", "fine"),
        ("The city approved a budget of €2 billion.", "€2 billion", "budget"),
    ],
)
def test_money_names_what_it_is(read, sentence, surface, obj):
    assert one(read(sentence), surface).object == obj


def test_when_a_count_happened(read):
    quantities = read("More than 50,000 people were killed in the 2023 earthquake.")
    assert one(quantities, "50,000").when.text == "2023"
    last_year = read("Last year 300 people died, and 12 were injured on Monday.")
    assert one(last_year, "300").when.text == "Last year"
    assert one(last_year, "12").when.text == "Monday"
    assert one(read("The firm employs 300 people."), "300").when is None


NOT_QUANTITIES = [
    "The plant opened in 2019.",
    "It happened on May 5.",
    "The market closed at 5.20pm.",
    "Profit fell in Q3.",
    "He finished 23rd.",
    "The G20 met in Rome.",
    "The FTSE 100 closed higher.",
    "Covid-19 spread fast.",
    "Article 50 was triggered.",
    "She won the mixed doubles title.",
    "Flood toll rises\n1,204 views\n",
    "Font size − 16 px",
]


@pytest.mark.parametrize("sentence", NOT_QUANTITIES)
def test_not_quantities(read, sentence):
    assert [q.text for q in read(sentence)] == []
