"""Score quote extraction against PolNeAR attributions (in-process, no HTTP).

Usage: ``python eval/quotes.py [--split dev|train] [--limit N]``.

Matching follows ../shared/eval/README.md: content fragments of one attribution
separated only by punctuation/space are merged into blocks; a predicted quote
matches a gold block when they overlap by at least 50% of both lengths
(one-to-one, greedy by overlap); quote+speaker also needs the predicted speaker
span to overlap a gold source span.  A prediction that falls on a gold block of
another category (e.g. an indirect attribution while scoring direct quotes) is
neither rewarded nor penalised.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from eval.common import Score, argument_parser, load_extractor, overlap
from service.extraction.model import Quote

DOUBLE_MARKS = frozenset("\"“”«»„")
OPENING_MARKS = frozenset("\"“‘'«„")
CLOSING_MARKS = frozenset("\"”’'»")
# What may sit between a gold content block and its closing mark ("wraps.”").
TRAILING = frozenset(" ,.;:!?\u2014-")


@dataclass(frozen=True, slots=True)
class GoldBlock:
    start: int
    end: int
    sources: tuple[tuple[int, int], ...]
    direct: bool
    marked: bool


def _spans(field: str) -> list[tuple[int, int]]:
    """BRAT offsets: "120 134" or discontinuous "120 134;140 150"."""
    return [(int(a), int(b)) for a, b in (part.split() for part in field.split(";"))]


def _merge(fragments: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Join fragments separated only by punctuation or space."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(fragments):
        if merged and all(not ch.isalnum() for ch in text[merged[-1][1] : start]):
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _inside_quote_marks(text: str, start: int, end: int) -> bool:
    """Whether the block is wholly quoted (annotators sometimes include the marks themselves)."""
    while start < end and (text[start].isspace() or text[start] in OPENING_MARKS):
        start += 1
    while end > start and (text[end - 1] in TRAILING or text[end - 1] in CLOSING_MARKS):
        end -= 1
    if start >= end or any(ch in DOUBLE_MARKS for ch in text[start:end]):
        return False
    before = start - 1
    while before >= 0 and text[before] == " ":
        before -= 1
    if before < 0 or text[before] not in OPENING_MARKS:
        return False
    after = end
    while after < len(text) and text[after] in TRAILING:
        after += 1
    if after < len(text) and text[after] in CLOSING_MARKS:
        return True
    # A quote running on into the next paragraph has no closing mark here.
    return text[after : after + 1] == "\n" and text[after:].lstrip()[:1] in OPENING_MARKS


def load_gold(ann_path: Path, text: str) -> list[GoldBlock]:
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    events: list[dict[str, list[str]]] = []
    for line in ann_path.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if line.startswith("T") and len(fields) >= 2:
            kind, _, offsets = fields[1].partition(" ")
            spans[fields[0]] = (kind, _spans(offsets))
        elif line.startswith("E") and len(fields) >= 2:
            roles: dict[str, list[str]] = {}
            for arg in fields[1].split():
                role, _, ref = arg.partition(":")
                roles.setdefault(role.rstrip("0123456789"), []).append(ref)
            events.append(roles)
    blocks: list[GoldBlock] = []
    for roles in events:
        sources = tuple(span for ref in roles.get("Source", []) if ref in spans for span in spans[ref][1])
        fragments = [span for ref in roles.get("Content", []) if ref in spans for span in spans[ref][1]]
        for start, end in _merge(fragments, text):
            direct = _inside_quote_marks(text, start, end)
            marked = direct or any(ch in DOUBLE_MARKS or ch == "‘" for ch in text[start:end])
            blocks.append(GoldBlock(start, end, sources, direct, marked))
    return blocks


def _matches(quote: Quote, block: GoldBlock) -> int:
    """The overlap when it covers at least half of both spans, else 0."""
    shared = overlap(quote.start, quote.end, block.start, block.end)
    if 2 * shared >= quote.end - quote.start and 2 * shared >= block.end - block.start and shared:
        return shared
    return 0


def _speaker_agrees(quote: Quote, block: GoldBlock) -> bool:
    if quote.speaker is None:
        return not block.sources
    return any(overlap(quote.speaker.start, quote.speaker.end, s, e) for s, e in block.sources)


def score_document(
    predicted: Sequence[Quote],
    gold: Sequence[GoldBlock],
    *,
    scored: Callable[[GoldBlock], bool],
    with_speaker: bool,
    score: Score,
) -> None:
    targets = [block for block in gold if scored(block)]
    others = [block for block in gold if not scored(block)]
    pairs = sorted(
        (
            (shared, p, g)
            for p, quote in enumerate(predicted)
            for g, block in enumerate(targets)
            if (shared := _matches(quote, block)) and (not with_speaker or _speaker_agrees(quote, block))
        ),
        reverse=True,
    )
    used_p: set[int] = set()
    used_g: set[int] = set()
    for _, p, g in pairs:
        if p not in used_p and g not in used_g:
            used_p.add(p)
            used_g.add(g)
    fp = sum(
        1
        for p, quote in enumerate(predicted)
        if p not in used_p and not any(_matches(quote, block) for block in others)
    )
    score.add(tp=len(used_p), fp=fp, fn=len(targets) - len(used_g))


# (predictions scored, gold scored) per category.
CATEGORIES: dict[str, tuple[Callable[[Quote], bool], Callable[[GoldBlock], bool]]] = {
    "direct": (lambda q: q.kind == "direct", lambda b: b.direct),
    # Every returned quote, whatever its kind, against the direct blocks: what a user reading direct quotes sees.
    "direct, any kind returned": (lambda q: True, lambda b: b.direct),
    "with quote marks": (lambda q: q.kind in ("direct", "partial"), lambda b: b.marked),
    "all attributions": (lambda q: True, lambda b: True),
}


def documents(data: Path, split: str) -> list[tuple[str, Path, Path]]:
    """(name, text path, annotation path of the first listed annotator) per article of the split."""
    folder = data / "polnear" / split
    rows = (data / "polnear" / "metadata.tsv").read_text(encoding="utf-8").splitlines()
    header = rows[0].split("\t")
    result = []
    for row in rows[1:]:
        record = dict(zip(header, row.split("\t")))
        if record.get("compartment") != split:
            continue
        annotator = record["annotators"].split("|")[0].strip()
        name = record["filename"]
        ann = folder / "attributions" / f"{name}_{annotator}.ann"
        if ann.is_file():
            result.append((name, folder / "text" / f"{name}.txt", ann))
    return result


def main(argv: Sequence[str] | None = None) -> None:
    parser = argument_parser(__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev", choices=("dev", "train"))
    parser.add_argument("--limit", type=int, default=0, help="score only the first N articles")
    args = parser.parse_args(argv)

    extractor = load_extractor(args.model)
    docs = documents(args.data, args.split)
    if args.limit:
        docs = docs[: args.limit]
    scores = {(name, sp): Score() for name in CATEGORIES for sp in (False, True)}
    gold_counts = dict.fromkeys(CATEGORIES, 0)
    predicted_counts = dict.fromkeys(CATEGORIES, 0)
    began = time.perf_counter()
    for _, text_path, ann_path in docs:
        text = text_path.read_text(encoding="utf-8")
        gold = load_gold(ann_path, text)
        quotes = extractor.extract(text, include=["quotes"]).quotes or []
        for name, (predicted_in, gold_in) in CATEGORIES.items():
            predicted = [q for q in quotes if predicted_in(q)]
            gold_counts[name] += sum(1 for block in gold if gold_in(block))
            predicted_counts[name] += len(predicted)
            for with_speaker in (False, True):
                score_document(
                    predicted, gold, scored=gold_in, with_speaker=with_speaker, score=scores[(name, with_speaker)]
                )
    elapsed = time.perf_counter() - began

    print(f"PolNeAR {args.split}: {len(docs)} articles, {elapsed:.1f} s")
    for name in CATEGORIES:
        print(f"{name}: {gold_counts[name]} gold blocks, {predicted_counts[name]} predicted")
        print("  " + scores[(name, False)].row("quote"))
        print("  " + scores[(name, True)].row("quote+speaker"))
    returned = scores[("all attributions", False)]
    print(
        f"every returned quote ({predicted_counts['all attributions']}) against all attributions:"
        f" precision {100 * returned.precision:.1f}"
    )


if __name__ == "__main__":
    main()
