"""Score entities, quotes and quantities on newsdev: 30 news leads from many outlets, exhaustively annotated.

Read in place from ``../shared/eval/newsdev`` (texts and ``gold.json``; see its README for the
conventions).  Items marked ``optional`` neither reward nor penalise: a prediction that matches
only an optional item is dropped before counting, and an unmatched optional item is no miss.

- Entities: every mention span of every entity is a prediction carrying the entity's label (only
  the labels newsdev annotates: dates, times and numbers are no entities there);
  exact-span match, with and without the label, per label and overall; raw spaCy's ``doc.ents``
  scored the same way beside ours.
- Quotes: a prediction matches a gold quote when they overlap by at least 50% of both lengths
  (one-to-one, greedy by overlap); predictions on ``not_quotes`` spans count (and are counted) as
  false positives.  Speaker accuracy is over matched quotes: the predicted speaker's ``name`` (the
  resolved entity's name; null for an unnamed source) equals the gold canonical speaker, case-insensitively, or both
  are null.
- Quantities: a prediction matches a gold quantity when their spans overlap and their values
  agree within 1e-6 relative (a range on both ends).  Gold gives sub-unit money in the major unit
  (16p as 0.16), so a money prediction's ``normalized`` value counts as its value too.  On top of
  the value match: kind, currency (over money only), ``per`` and change must agree.

    .venv/bin/python eval/newsdev.py [--data ../shared/eval] [--only entities quotes quantities] [--show N]
"""

from __future__ import annotations

import json
import math
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from eval.common import Score, argument_parser, load_extractor, overlap  # noqa: E402
from service.extraction.model import Extraction, Quantity, Quote  # noqa: E402

LAYERS = ("entities", "quotes", "quantities")
# The labels newsdev annotates: OntoNotes names, no numbers or dates.
ENTITY_LABELS = (
    "PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "LAW", "WORK_OF_ART", "LANGUAGE",
)  # fmt: skip


@dataclass(frozen=True)
class Article:
    name: str
    text: str
    gold: dict[str, Any]


def load_articles(data: Path) -> list[Article]:
    folder = data / "newsdev"
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    return [
        Article(name, (folder / "texts" / name).read_text(encoding="utf-8"), annotations)
        for name, annotations in sorted(gold.items())
        if not name.startswith("_")
    ]


# --- matching ---------------------------------------------------------------------------------------


def greedy_pairs(
    gold: list[Any], predicted: list[Any], strength: Callable[[Any, Any], float]
) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, predicted index), strongest first; a strength of 0 is no match."""
    candidates = sorted(
        ((s, g, p) for g, gi in enumerate(gold) for p, pi in enumerate(predicted) if (s := strength(gi, pi)) > 0),
        key=lambda c: -c[0],
    )
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs = []
    for _, g, p in candidates:
        if g not in used_gold and p not in used_pred:
            used_gold.add(g)
            used_pred.add(p)
            pairs.append((g, p))
    return pairs


@dataclass
class Matched:
    """The outcome of matching one article's predictions to its gold, optional items set aside."""

    pairs: list[tuple[dict, Any]]  # (gold, prediction)
    missed: list[dict]  # required gold with no prediction
    spurious: list[Any]  # predictions matching no gold item


def match_with_optional(
    gold: list[dict], predicted: list[Any], strength: Callable[[dict, Any], float]
) -> Matched:
    required = [g for g in gold if not g.get("optional")]
    optional = [g for g in gold if g.get("optional")]
    pairs = greedy_pairs(required, predicted, strength)
    taken = {p for _, p in pairs}
    rest = [p for i, p in enumerate(predicted) if i not in taken]
    ignored = {p for _, p in greedy_pairs(optional, rest, strength)}
    matched_gold = {g for g, _ in pairs}
    return Matched(
        pairs=[(required[g], predicted[p]) for g, p in pairs],
        missed=[g for i, g in enumerate(required) if i not in matched_gold],
        spurious=[p for i, p in enumerate(rest) if i not in ignored],
    )


def add_agreement(score: Score, matched: Matched, agrees: Callable[[dict, Any], bool]) -> None:
    """Count a pair as a hit only when it also agrees; a pair that disagrees is both a miss and a false positive."""
    hits = sum(1 for g, p in matched.pairs if agrees(g, p))
    wrong = len(matched.pairs) - hits
    score.add(tp=hits, fp=len(matched.spurious) + wrong, fn=len(matched.missed) + wrong)


# --- entities ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    label: str


def gold_mentions(article: Article) -> tuple[list[Mention], set[tuple[int, int]]]:
    """Required labelled mention spans, and the spans of optional entities."""
    required, optional = [], set()
    for entity in article.gold["entities"]:
        for start, end in entity["spans"]:
            if entity.get("optional"):
                optional.add((start, end))
            else:
                required.append(Mention(start, end, entity["label"]))
    return required, optional


@dataclass
class EntityScores:
    span: Score = field(default_factory=Score)
    labelled: Score = field(default_factory=Score)
    by_label: dict[str, Score] = field(default_factory=lambda: {label: Score() for label in ENTITY_LABELS})

    def add(self, gold: list[Mention], optional: set[tuple[int, int]], predicted: Iterable[Mention]) -> None:
        kept = {m for m in predicted if (m.start, m.end) not in optional}
        gold_spans = {(m.start, m.end) for m in gold}
        predicted_spans = {(m.start, m.end) for m in kept}
        self.span.add(
            tp=len(gold_spans & predicted_spans),
            fp=len(predicted_spans - gold_spans),
            fn=len(gold_spans - predicted_spans),
        )
        gold_set = set(gold)
        self.labelled.add(tp=len(gold_set & kept), fp=len(kept - gold_set), fn=len(gold_set - kept))
        for label, score in self.by_label.items():
            g = {m for m in gold_set if m.label == label}
            p = {m for m in kept if m.label == label}
            score.add(tp=len(g & p), fp=len(p - g), fn=len(g - p))


def our_mentions(result: Extraction) -> set[Mention]:
    """Our mentions of the labels newsdev annotates; DATE, TIME and the like are not scored (nor are spaCy's)."""
    return {
        Mention(m.start, m.end, e.label) for e in result.entities or [] if e.label in ENTITY_LABELS for m in e.mentions
    }


def print_entities(ours: EntityScores, spacy: EntityScores) -> None:
    print("\nEntities (exact mention spans; ours | raw spaCy doc.ents)")
    print(f"{'':<14}{'ours P / R / F1':>24}   {'spaCy F1':>8}")
    rows = [("span only", ours.span, spacy.span), ("span + label", ours.labelled, spacy.labelled)]
    rows += [(label, ours.by_label[label], spacy.by_label[label]) for label in ENTITY_LABELS]
    for name, a, b in rows:
        if a.tp + a.fp + a.fn == 0 and b.tp + b.fp + b.fn == 0:
            continue
        print(
            f"{name:<14}{100 * a.precision:8.1f} / {100 * a.recall:5.1f} / {100 * a.f1:5.1f}   {100 * b.f1:8.1f}"
            f"   (gold {a.tp + a.fn})"
        )


# --- quotes -----------------------------------------------------------------------------------------


def quote_strength(gold: dict, quote: Quote) -> float:
    shared = overlap(gold["start"], gold["end"], quote.start, quote.end)
    if not shared:
        return 0.0
    share = min(shared / (gold["end"] - gold["start"]), shared / (quote.end - quote.start))
    return share if share >= 0.5 else 0.0


def speaker_name(quote: Quote) -> str | None:
    """The resolved name; a speaker mention that names no one ("a police official") is null, as in the gold."""
    return quote.speaker.name if quote.speaker is not None else None


def same_speaker(gold: dict, quote: Quote) -> bool:
    name = speaker_name(quote)
    if gold["speaker"] is None or name is None:
        return gold["speaker"] is None and name is None
    return name.casefold() == gold["speaker"].casefold()


def speaker_mention_overlaps(gold: dict, quote: Quote) -> bool:
    if gold.get("speaker_mention") is None or quote.speaker is None:
        return False
    start = gold["speaker_mention_start"]
    return overlap(start, start + len(gold["speaker_mention"]), quote.speaker.start, quote.speaker.end) > 0


@dataclass
class QuoteScores:
    all: Score = field(default_factory=Score)
    direct: Score = field(default_factory=Score)
    speaker_right: int = 0
    speaker_lenient: int = 0
    matched: int = 0
    on_not_quotes: int = 0
    wrong_speakers: list[str] = field(default_factory=list)

    def add(self, article: Article, quotes: list[Quote]) -> None:
        matched = match_with_optional(article.gold["quotes"], quotes, quote_strength)
        self.all.add(tp=len(matched.pairs), fp=len(matched.spurious), fn=len(matched.missed))
        direct_gold = [g for g in article.gold["quotes"] if g["kind"] == "direct"]
        direct = match_with_optional(direct_gold, [q for q in quotes if q.kind == "direct"], quote_strength)
        self.direct.add(tp=len(direct.pairs), fp=len(direct.spurious), fn=len(direct.missed))
        not_quotes = article.gold.get("not_quotes", [])
        self.on_not_quotes += sum(
            1 for q in matched.spurious if any(overlap(n["start"], n["end"], q.start, q.end) for n in not_quotes)
        )
        for gold, quote in matched.pairs:
            self.matched += 1
            right = same_speaker(gold, quote)
            self.speaker_right += right
            self.speaker_lenient += right or speaker_mention_overlaps(gold, quote)
            if not right:
                self.wrong_speakers.append(
                    f"{article.name}: {gold['text'][:50]!r} gold {gold['speaker']!r}, ours {speaker_name(quote)!r}"
                )


def print_quotes(scores: QuoteScores, *, show: int) -> None:
    print("\nQuotes (>= 50% mutual overlap; not_quotes are false positives)")
    print(scores.all.row("all quotes"))
    print(scores.direct.row("direct quotes"))
    print(f"{'predictions on not_quotes':<32} {scores.on_not_quotes}")
    if scores.matched:
        print(
            f"{'speaker accuracy (matched)':<32} {100 * scores.speaker_right / scores.matched:5.1f}%"
            f"  ({scores.speaker_right}/{scores.matched}; with mention overlap "
            f"{100 * scores.speaker_lenient / scores.matched:.1f}%)"
        )
    for line in scores.wrong_speakers[:show]:
        print("  speaker:", line)


# --- quantities -------------------------------------------------------------------------------------


def close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-12)


def values_agree(gold: dict, quantity: Quantity) -> bool:
    if gold["range"]:
        low, high = gold["range"]
        return quantity.range is not None and close(quantity.range.min, low) and close(quantity.range.max, high)
    candidates = [quantity.value]
    if quantity.currency and quantity.normalized is not None:
        candidates.append(quantity.normalized.value)  # sub-unit money: 16p is gold 0.16
    return any(close(value, gold["value"]) for value in candidates)


def quantity_strength(gold: dict, quantity: Quantity) -> float:
    shared = overlap(gold["start"], gold["end"], quantity.start, quantity.end)
    return shared if shared and values_agree(gold, quantity) else 0.0


def _per(quantity: Quantity) -> str | None:
    return getattr(quantity, "per", None)  # a field the quantity model gains with rates


QUANTITY_FIGURES: dict[str, Callable[[dict, Quantity], bool]] = {
    "value": lambda g, q: True,
    "value+kind": lambda g, q: g["kind"] == q.kind,
    "value+per": lambda g, q: (g["per"] or None) == _per(q),
    "value+change": lambda g, q: g["change"] == q.change,
}


@dataclass
class QuantityScores:
    figures: dict[str, Score] = field(default_factory=lambda: {name: Score() for name in QUANTITY_FIGURES})
    money: Score = field(default_factory=Score)
    not_quantity: Counter = field(default_factory=Counter)
    examples: list[str] = field(default_factory=list)

    def add(self, article: Article, quantities: list[Quantity]) -> None:
        gold = article.gold["quantities"]
        matched = match_with_optional(gold, quantities, quantity_strength)
        for name, agrees in QUANTITY_FIGURES.items():
            add_agreement(self.figures[name], matched, agrees)
        money = match_with_optional(
            [g for g in gold if g["currency"]], [q for q in quantities if q.currency], quantity_strength
        )
        add_agreement(self.money, money, lambda g, q: g["currency"] == q.currency)
        for quantity in matched.spurious:
            if not any(overlap(g["start"], g["end"], quantity.start, quantity.end) for g in gold):
                self.not_quantity[quantity.kind] += 1
                self.examples.append(f"{article.name}: {quantity.text!r} ({quantity.kind})")


def print_quantities(scores: QuantityScores, *, show: int) -> None:
    print("\nQuantities (overlapping span and value within 1e-6; then the named field must agree)")
    for name, score in scores.figures.items():
        print(score.row(name))
    print(scores.money.row("value+currency (money)"))
    total = sum(scores.not_quantity.values())
    kinds = ", ".join(f"{kind} {n}" for kind, n in scores.not_quantity.most_common())
    print(f"{'not a quantity (no gold overlap)':<32} {total}  ({kinds})")
    for line in scores.examples[:show]:
        print("  not a quantity:", line)


# --- main -------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> None:
    parser = argument_parser(__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="+", choices=LAYERS, default=list(LAYERS), help="layers to score")
    parser.add_argument("--show", type=int, default=0, help="print up to N errors per layer")
    args = parser.parse_args(argv)
    if not (args.data / "newsdev" / "gold.json").exists():
        sys.exit(f"no newsdev data under {args.data}")
    articles = load_articles(args.data)
    extractor = load_extractor(args.model)

    entities, spacy_entities = EntityScores(), EntityScores()
    quotes, quantities = QuoteScores(), QuantityScores()
    started = time.perf_counter()
    for article in articles:
        result = extractor.extract(article.text)
        if "entities" in args.only:
            gold, optional = gold_mentions(article)
            entities.add(gold, optional, our_mentions(result))
            doc = extractor.nlp(article.text)
            raw = (Mention(e.start_char, e.end_char, e.label_) for e in doc.ents if e.label_ in ENTITY_LABELS)
            spacy_entities.add(gold, optional, raw)
        if "quotes" in args.only:
            quotes.add(article, result.quotes or [])
        if "quantities" in args.only:
            quantities.add(article, result.quantities or [])
    elapsed = time.perf_counter() - started

    print(f"newsdev: {len(articles)} articles, {sum(len(a.text) for a in articles):,} characters, {elapsed:.1f} s")
    if "entities" in args.only:
        print_entities(entities, spacy_entities)
    if "quotes" in args.only:
        print_quotes(quotes, show=args.show)
    if "quantities" in args.only:
        print_quantities(quantities, show=args.show)


if __name__ == "__main__":
    main()
