"""Score quantity extraction on NewsQuant and the Recognizers-Text specs, next to quantulum3 alone.

    python eval/quantities.py [--data ../shared/eval] [--sets dev currency ...]

NewsQuant scoring (see the data README): per sentence, predictions are matched
one-to-one to gold by value (equal within 1e-6 relative, a range on both ends);
value+unit also needs the normalized unit to agree, value+change the change
class.  value+unit is lenient (the gold's unit names mapped onto ours through
GOLD_UNIT_NAMES); value+unit strict folds only ISO code -> currency name, case
and plural.  CQE's published figures are printed beside ours.  Our output is mapped to the gold scheme here: change from our
change/bound, unit from our currency, unit or counted object.
"""

from __future__ import annotations

import json
import re
import sys
import time
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from spacy.language import Language

from eval.common import ROOT, Score, argument_parser, load_extractor
from service.extraction.model import Quantity
from service.extraction.quantities import extract_quantities
from service.extraction.quantities.currencies import currency_name

NEWSQUANT_SETS = {
    "dev": "NewsQuant-dev.json",
    "currency": "currency-model.json",
    "dimension": "dimension-model.json",
    "temperature": "temperature-model.json",
    "age": "age-model.json",
}
RECOGNIZER_SETS = (
    "NumberWithUnit_English_CurrencyModel",
    "NumberWithUnit_English_DimensionModel",
    "NumberWithUnit_English_TemperatureModel",
    "NumberWithUnit_English_AgeModel",
    "Number_English_NumberModel",
    "Number_English_NumberRangeModel",
    "Number_English_PercentModel",
    "Number_English_OrdinalModel",
)
QUANTULUM_TESTS = "quantulum3/_lang/en_US/tests/quantities.json"
# CQE's published F1 (value, value+unit, value+change) beside ours: on NewsQuant from its paper (Almasian et
# al., EMNLP 2023); on the Recognizers-Text sets value+unit from the paper (currency, dimension) and measured
# with CQE 2.0.3 (temperature, age), as the issue gives them.
CQE_FIGURES: dict[str, dict[str, float]] = {
    "dev": {"value": 92.0, "value+unit": 85.6, "value+change": 88.1},
    "currency": {"value+unit": 79.6},
    "dimension": {"value+unit": 79.2},
    "temperature": {"value+unit": 85.3},
    "age": {"value+unit": 97.8},
}

# Gold spells some units differently from quantulum3 (the gold scheme's names, not ours).
GOLD_UNIT_NAMES = {
    "degree celsius": "celsius",
    "degree fahrenheit": "fahrenheit",
    "pound-mass": "pound",
    "gigatonne": "gigaton",
    "tonne": "metric ton",
    "degree angle": "degree",
    "kilocalorie": "calorie",
    "united states dollar": "dollar",
    "usd": "dollar",
    "percentage point": "percentage",
    "dimensionless": "-",
}
BOUND_TO_CHANGE = {
    "exact": "=",
    "range": "=",
    "approximate": "~",
    "at_least": ">",
    "more_than": ">",
    "at_most": "<",
    "less_than": "<",
}
_STOP = frozenset({"and", "of", "the", "a", "an", "-"})
_IRREGULAR = {"people": "people", "children": "child", "men": "man", "women": "woman", "feet": "foot", "teeth": "tooth",
              "fishermen": "fisherman", "staff": "staff", "series": "series", "news": "news"}  # fmt: skip
_INTERVAL_RE = re.compile(r"^[(\[](-?[\d.]*),(-?[\d.]*)[)\]]$")
_RANGE_RE = re.compile(r"^\s*(-?[\d.]+(?:E[-+]?\d+)?)\s*-\s*(-?[\d.]+(?:E[-+]?\d+)?)\s*$", re.IGNORECASE)

Value = tuple[float, ...]


@dataclass(frozen=True)
class Item:
    value: Value
    unit: str  # lenient: the gold scheme's names mapped onto ours (GOLD_UNIT_NAMES)
    change: str
    strict_unit: str = "-"  # strict: only case, plural and ISO code -> currency name folded


# --- normalising both sides ---------------------------------------------------


def _singular(word: str) -> str:
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "ches", "shes", "xes")) or word.endswith("uses") and not word.endswith("ouses"):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word


def unit_key(unit: str, *, strict: bool = False) -> str:
    """Case-insensitive, plural-folded form of a normalized unit; lenient keys also map the gold's unit names."""
    names = {} if strict else GOLD_UNIT_NAMES
    lowered = names.get(unit.strip().lower(), unit.strip().lower())
    if not strict:
        lowered = lowered.replace("united states dollar", "dollar").replace("israeli new shekel", "shekel")
    words = [_singular(w) for w in re.findall(r"[\w%$'’]+", lowered) if w not in _STOP]
    key = " ".join(words) or "-"
    return names.get(key, key)


@lru_cache(maxsize=None)
def currency_unit(code: str) -> str:
    """An ISO code as the gold names currencies: quantulum3's unit name for it, else CLDR's English name."""
    from quantulum3 import load

    for unit in load.units("en_US").names.values():
        if getattr(unit, "currency_code", None) == code:
            return unit.name
    return currency_name(code)


def parse_gold_value(text: str) -> Value:
    try:
        return (float(text),)
    except ValueError:
        m = _RANGE_RE.match(text)
        if not m:
            raise
        return tuple(sorted((float(m[1]), float(m[2]))))


def values_equal(a: Value, b: Value) -> bool:
    if len(a) != len(b):
        return False
    return all(abs(x - y) <= 1e-6 * max(abs(x), abs(y)) or abs(x - y) < 1e-9 for x, y in zip(sorted(a), sorted(b)))


def ours_as_gold(q: Quantity) -> Item:
    if q.bound == "range" and q.range is not None:
        value: Value = (q.range.min, q.range.max)
    elif q.range is not None and q.range.max is None and q.bound == "approximate":
        value = (q.range.min, q.range.min * 10)  # "hundreds of": the gold reads one order of magnitude
    else:
        value = (q.value,)
    if q.currency and (q.unit is None or q.unit.name == currency_name(q.currency)):
        unit = currency_unit(q.currency)
    elif q.kind == "age":
        unit = q.unit.name if q.unit and q.unit.name.endswith(" of age") else "year of age"
    elif q.unit is not None:
        unit = q.unit.name
    elif q.object:
        unit = q.object
    else:
        unit = "-"
    if q.per is not None and unit != "-":
        unit = f"{unit} per {currency_unit(q.per) if q.per.isupper() else q.per}"
    change = _change_class(q, is_range=len(value) == 2)
    return Item(value=value, unit=unit_key(unit), change=change, strict_unit=unit_key(unit, strict=True))


_MOVEMENT_LINK_RE = re.compile(r"^\s*(?:\S+\s+){0,6}?(?:to|from)\s+$", re.IGNORECASE)
_FROM_BEFORE_RE = re.compile(r"\b(?:from|to)\s+(?:about\s+|around\s+|nearly\s+)?$", re.IGNORECASE)


def movements_as_ranges(text: str, quantities: list[Quantity]) -> list[Item]:
    """Our quantities in NewsQuant's scheme, where "from X to Y" and "to Y from X" are one range with change "="."""
    items: list[Item] = []
    i = 0
    while i < len(quantities):
        q = quantities[i]
        nxt = quantities[i + 1] if i + 1 < len(quantities) else None
        if nxt is not None and _is_movement_pair(text, q, nxt):
            low, high = sorted((q.value, nxt.value))
            item = ours_as_gold(q)
            items.append(Item(value=(low, high), unit=item.unit, change="=", strict_unit=item.strict_unit))
            i += 2
            continue
        items.append(ours_as_gold(q))
        i += 1
    return items


def _is_movement_pair(text: str, first: Quantity, second: Quantity) -> bool:
    """A baseline and a level we give apart: same unit, "from X ... to Y" or "to Y from X"."""
    same_unit = (first.currency, first.unit and first.unit.name) == (second.currency, second.unit and second.unit.name)
    if not same_unit or first.bound == "range" or second.bound == "range":
        return False
    return bool(_MOVEMENT_LINK_RE.match(text[first.end : second.start])) and bool(
        _FROM_BEFORE_RE.search(text[max(0, first.start - 20) : first.start])
    )


def _change_class(q: Quantity, *, is_range: bool) -> str:
    """Gold has one class: a bound ("more than") wins over a change, a change over "about"; gold ranges are "="."""
    if is_range:
        return "="
    if q.bound in ("at_least", "more_than", "at_most", "less_than"):
        return BOUND_TO_CHANGE[q.bound]
    if q.change is not None:
        return {"increase": "up", "decrease": "down"}[q.change]
    return BOUND_TO_CHANGE[q.bound]


def ours_as_quantulum(q: Quantity) -> Item:
    """Our output in quantulum3's own scheme: a range is its mean, a count is "dimensionless"."""
    value = (q.range.min + q.range.max) / 2 if q.bound == "range" and q.range else q.value
    if q.currency and q.unit is not None and q.unit.name == currency_name(q.currency):
        unit = currency_unit(q.currency)
    else:
        unit = q.unit.name if q.unit is not None and q.unit.name != "count" else "-"
    return Item(value=(value,), unit=unit_key(unit), change="=", strict_unit=unit_key(unit, strict=True))


def quantulum_as_gold(q) -> Item:
    unit = q.unit
    if unit.entity.name == "currency" and unit.currency_code:
        name = currency_unit(unit.currency_code)
    elif unit.name in ("dimensionless", "unk"):
        name = "-"
    else:
        name = unit.name
    return Item(value=(float(q.value),), unit=unit_key(name), change="=", strict_unit=unit_key(name, strict=True))


def gold_items(quantities: list[dict]) -> list[Item]:
    return [
        Item(
            parse_gold_value(g["value"]),
            unit_key(g.get("normalized_unit", "-")),
            g.get("change", "="),
            unit_key(g.get("normalized_unit", "-"), strict=True),
        )
        for g in quantities
    ]


# --- matching -----------------------------------------------------------------


def match(gold: list[Item], predicted: list[Item], same: Callable[[Item, Item], bool]) -> tuple[int, int, int]:
    """Greedy one-to-one matching in gold order: (tp, fp, fn)."""
    free = list(predicted)
    tp = 0
    for g in gold:
        for k, p in enumerate(free):
            if same(g, p):
                tp += 1
                del free[k]
                break
    return tp, len(predicted) - tp, len(gold) - tp


CRITERIA: dict[str, Callable[[Item, Item], bool]] = {
    "value": lambda g, p: values_equal(g.value, p.value),
    "value+unit": lambda g, p: values_equal(g.value, p.value) and g.unit == p.unit,
    "value+unit strict": lambda g, p: values_equal(g.value, p.value) and g.strict_unit == p.strict_unit,
    "value+change": lambda g, p: values_equal(g.value, p.value) and g.change == p.change,
}


@dataclass
class SetScores:
    scores: dict[str, Score]
    seconds: float = 0.0
    cases: int = 0  # test cases, when the set has them
    agreeing: int = 0  # cases whose every quantity agrees in value and unit

    @classmethod
    def empty(cls) -> SetScores:
        return cls({name: Score() for name in CRITERIA})

    def add(self, gold: list[Item], predicted: list[Item]) -> None:
        for name, same in CRITERIA.items():
            tp, fp, fn = match(gold, predicted, same)
            self.scores[name].add(tp=tp, fp=fp, fn=fn)


def score_newsquant(items: list[dict], predict: Callable[[list[str]], Iterable[list[Item]]]) -> SetScores:
    result = SetScores.empty()
    started = time.perf_counter()
    predictions = list(predict([item["text"] for item in items]))
    result.seconds = time.perf_counter() - started
    for item, predicted in zip(items, predictions):
        result.add(gold_items(item["quantities"]), predicted)
    return result


def print_set(name: str, ours: SetScores, theirs: SetScores, *, with_change: bool, cqe: dict[str, float]) -> None:
    print(f"== {name}")
    for criterion in CRITERIA:
        if criterion == "value+change" and not with_change:
            continue
        print("  " + ours.scores[criterion].row(f"ours {criterion}"))
        print("  " + theirs.scores[criterion].row(f"quantulum3 {criterion}"))
        if criterion in cqe:
            print(f"  {'CQE ' + criterion + ' (published)':<32} F1 {cqe[criterion]:5.1f}")
    print(f"  time: ours {ours.seconds:.2f}s (spaCy included), quantulum3 {theirs.seconds:.2f}s")
    if ours.cases:
        print(
            f"  cases agreeing in full: ours {ours.agreeing} of {ours.cases}, quantulum3 {theirs.agreeing} of {theirs.cases}"
        )


# --- recall on the Recognizers-Text specs --------------------------------------


def recognizer_recall(cases: list[dict], predict: Callable[[list[str]], Iterable[list[Item]]]) -> Score:
    score = Score()
    texts = [case["Input"] for case in cases]
    for case, predicted in zip(cases, predict(texts)):
        gold = [
            Item(value, "-", "=")
            for result in case["Results"]
            if (value := _recognizer_value(str(result.get("Resolution", {}).get("value", "")))) is not None
        ]
        tp, _, fn = match(gold, predicted, CRITERIA["value"])
        score.add(tp=tp, fn=fn)
    return score


def _recognizer_value(text: str) -> Value | None:
    """ "12.5", "20%", "(20,35]" (a range; one open end leaves the other as the value)."""
    if m := _INTERVAL_RE.match(text):
        ends = tuple(float(e) for e in (m[1], m[2]) if e)
        return tuple(sorted(ends)) or None
    try:
        return (float(text.rstrip("%")),)
    except ValueError:
        return None


def recall_row(name: str, score: Score) -> str:
    return f"  {name:<40} recall {100 * score.recall:5.1f}  ({score.tp} of {score.tp + score.fn})"


# --- quantulum3's own test cases ------------------------------------------------


def quantulum_tests(path: Path, predict: Callable[[list[str]], Iterable[list[Item]]]) -> SetScores:
    """quantulum3's test cases, scored like NewsQuant, plus how many cases agree in full (value and unit)."""
    cases = json.loads(path.read_text(encoding="utf-8"))
    items = [
        {"text": c["req"], "quantities": [{"value": str(r["value"]), "normalized_unit": r["unit"]} for r in c["res"]]}
        for c in cases
    ]
    result = score_newsquant(items, predict)
    result.cases = len(items)
    same = CRITERIA["value+unit"]
    for item, predicted in zip(items, predict([item["text"] for item in items])):
        gold = gold_items(item["quantities"])
        tp, fp, fn = match(gold, predicted, same)
        result.agreeing += not fp and not fn
    return result


def print_speed(nlp: Language, *, repeat: int) -> None:
    """Milliseconds per seed article: spaCy's pipeline against quantity extraction on its Doc."""
    print(f"== speed on the seeds (spaCy {repeat} runs, quantities {10 * repeat} runs each)")
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        doc = nlp(text)
        started = time.perf_counter()
        for _ in range(repeat):
            doc = nlp(text)
        spacy_ms = (time.perf_counter() - started) * 1000 / repeat
        started = time.perf_counter()
        for _ in range(10 * repeat):
            extract_quantities(doc)
        ours_ms = (time.perf_counter() - started) * 1000 / (10 * repeat)
        print(
            f"  {path.name[:3]}  spaCy {spacy_ms:7.2f} ms  quantities {ours_ms:6.2f} ms  ({100 * ours_ms / spacy_ms:4.1f}%)"
        )


def main() -> None:
    parser = argument_parser(__doc__.splitlines()[0])
    parser.add_argument("--sets", nargs="*", default=list(NEWSQUANT_SETS), choices=list(NEWSQUANT_SETS))
    parser.add_argument("--no-recognizers", action="store_true", help="skip the Recognizers-Text recall")
    parser.add_argument(
        "--repeat", type=int, default=20, help="spaCy runs per seed for the timing (default: %(default)s)"
    )
    args = parser.parse_args()

    extractor = load_extractor(args.model)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # quantulum3 warns that its optional classifier is missing
        import quantulum3
        from quantulum3 import parser as quantulum

    def ours(texts: list[str], as_gold: Callable[[Quantity], Item] = ours_as_gold) -> Iterable[list[Item]]:
        for doc in extractor.nlp.pipe(texts, batch_size=64):
            yield [as_gold(q) for q in extract_quantities(doc)]

    def ours_movements_as_ranges(texts: list[str]) -> Iterable[list[Item]]:
        for text, doc in zip(texts, extractor.nlp.pipe(texts, batch_size=64)):
            yield movements_as_ranges(text, extract_quantities(doc))

    def theirs(texts: list[str]) -> Iterable[list[Item]]:
        for text in texts:
            yield [quantulum_as_gold(q) for q in quantulum.parse(text)]

    list(theirs(["warm up 5 km"]))  # quantulum3's first parse loads its tables
    newsquant = args.data / "newsquant"
    for name in args.sets:
        items = json.loads((newsquant / NEWSQUANT_SETS[name]).read_text(encoding="utf-8"))
        with_change = any("change" in g for item in items for g in item["quantities"])
        print_set(
            f"NewsQuant {name} ({len(items)} sentences)",
            score_newsquant(items, ours),
            score_newsquant(items, theirs),
            with_change=with_change,
            cqe=CQE_FIGURES.get(name, {}),
        )
        if with_change:
            moved = score_newsquant(items, ours_movements_as_ranges)
            print("  NewsQuant writes a movement ('rose from X to Y', 'fell to Y from X') as one range; ours gives")
            print("  the baseline and the level (the issue's convention). Read in NewsQuant's way:")
            for criterion in ("value", "value+unit strict", "value+change"):
                print("  " + moved.scores[criterion].row(f"ours {criterion}, movements as ranges"))

    tests = Path(quantulum3.__file__).parent.parent / QUANTULUM_TESTS
    ours_in_their_scheme = quantulum_tests(tests, lambda texts: ours(texts, ours_as_quantulum))
    print_set(
        "quantulum3's own tests (quantities.json)",
        ours_in_their_scheme,
        quantulum_tests(tests, theirs),
        with_change=False,
        cqe={},
    )

    print_speed(extractor.nlp, repeat=args.repeat)
    if args.no_recognizers:
        return
    print(
        "== Recognizers-Text specs (value recall; only the target type is annotated; ordinals are no quantities by design)"
    )
    for name in RECOGNIZER_SETS:
        cases = json.loads((args.data / "recognizers" / f"{name}.json").read_text(encoding="utf-8"))
        print(recall_row(f"ours {name}", recognizer_recall(cases, ours)))
        print(recall_row(f"quantulum3 {name}", recognizer_recall(cases, theirs)))


if __name__ == "__main__":
    main()
