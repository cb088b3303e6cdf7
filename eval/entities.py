"""Score the entity extractor against raw spaCy on CoNLL-2003 dev, and time it on the seeds.

Entity-level exact-span P/R/F1 per CoNLL type and overall.  The raw text is
rebuilt from the tokens (tokens joined with spaces, sentences with newlines,
one Doc per -DOCSTART- document).  For our output every mention of every
entity is a predicted span carrying the entity's (mapped) label.

    .venv/bin/python eval/entities.py [--data ../shared/eval] [--repeat 30]
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from spacy.language import Language  # noqa: E402

from eval.common import ROOT, Score, argument_parser, load_extractor  # noqa: E402
from service.extraction.entities import extract_entities  # noqa: E402

# spaCy label -> CoNLL type, as given in the data README; other labels are not scored.
CONLL_TYPE = {
    "PERSON": "PER",
    "ORG": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    "NORP": "MISC",
    "EVENT": "MISC",
    "WORK_OF_ART": "MISC",
    "LAW": "MISC",
    "LANGUAGE": "MISC",
    "PRODUCT": "MISC",
}
CONLL_TYPES = ("PER", "ORG", "LOC", "MISC")

LabelledSpan = tuple[int, int, str]


@dataclass
class Document:
    text: str
    gold: set[LabelledSpan] = field(default_factory=set)


def _sentence_spans(tokens: list[str], tags: list[str], offset: int) -> Iterator[LabelledSpan]:
    """Character spans of the IOB-tagged entities of one sentence whose text starts at ``offset``."""
    starts: list[int] = []
    position = offset
    for token in tokens:
        starts.append(position)
        position += len(token) + 1
    current: tuple[int, str] | None = None
    for index, tag in enumerate([*tags, "O"]):
        prefix, _, kind = tag.partition("-")
        # IOB1: I- continues a same-type entity, B- only separates two adjacent ones.
        if current is not None and (prefix != "I" or kind != current[1]):
            first, label = current
            yield starts[first], starts[index - 1] + len(tokens[index - 1]), label
            current = None
        if prefix in ("B", "I") and current is None:
            current = (index, kind)


def read_conll(path: Path) -> list[Document]:
    documents: list[Document] = []
    sentences: list[tuple[list[str], list[str]]] = []

    def flush_document() -> None:
        if not sentences:
            return
        document = Document(text="")
        lines: list[str] = []
        offset = 0
        for tokens, tags in sentences:
            document.gold.update(_sentence_spans(tokens, tags, offset))
            line = " ".join(tokens)
            lines.append(line)
            offset += len(line) + 1
        document.text = "\n".join(lines)
        documents.append(document)
        sentences.clear()

    tokens: list[str] = []
    tags: list[str] = []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if line.startswith("-DOCSTART-"):
            flush_document()
            continue
        if not line.strip():
            if tokens:
                sentences.append((tokens, tags))
                tokens, tags = [], []
            continue
        columns = line.split()
        tokens.append(columns[0])
        tags.append(columns[-1])
    flush_document()
    return documents


def _score(scores: dict[str, Score], gold: set[LabelledSpan], predicted: set[LabelledSpan]) -> None:
    for kind in CONLL_TYPES:
        gold_kind = {span for span in gold if span[2] == kind}
        predicted_kind = {span for span in predicted if span[2] == kind}
        hits = len(gold_kind & predicted_kind)
        scores[kind].add(tp=hits, fp=len(predicted_kind) - hits, fn=len(gold_kind) - hits)
    hits = len(gold & predicted)
    scores["overall"].add(tp=hits, fp=len(predicted) - hits, fn=len(gold) - hits)


def _labelled(spans: Iterable[tuple[int, int, str]]) -> set[LabelledSpan]:
    return {(start, end, CONLL_TYPE[label]) for start, end, label in spans if label in CONLL_TYPE}


def evaluate(nlp: Language, documents: list[Document]) -> tuple[dict[str, Score], dict[str, Score]]:
    ours = {name: Score() for name in (*CONLL_TYPES, "overall")}
    raw = {name: Score() for name in (*CONLL_TYPES, "overall")}
    with nlp.memory_zone():
        for document, doc in zip(documents, nlp.pipe([d.text for d in documents], batch_size=16)):
            raw_spans = _labelled((ent.start_char, ent.end_char, ent.label_) for ent in doc.ents)
            our_spans = _labelled(
                (mention.start, mention.end, entity.label)
                for entity in extract_entities(doc)
                for mention in entity.mentions
            )
            _score(raw, document.gold, raw_spans)
            _score(ours, document.gold, our_spans)
    return ours, raw


def time_on_seeds(nlp: Language, *, repeat: int) -> tuple[float, float]:
    """Milliseconds per seed for the spaCy pipeline and for entity post-processing."""
    texts = [path.read_text(encoding="utf-8") for path in sorted((ROOT / "seeds").glob("*.txt"))]
    parse_seconds = entity_seconds = 0.0
    for _ in range(repeat):
        for text in texts:
            started = time.perf_counter()
            doc = nlp(text)
            parsed = time.perf_counter()
            extract_entities(doc)
            parse_seconds += parsed - started
            entity_seconds += time.perf_counter() - parsed
    runs = repeat * len(texts)
    return 1000 * parse_seconds / runs, 1000 * entity_seconds / runs


def main() -> None:
    parser = argument_parser(__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30, help="timing repetitions over the seeds (0: skip)")
    args = parser.parse_args()
    extractor = load_extractor(args.model)
    documents = read_conll(args.data / "conll2003" / "dev.txt")
    ours, raw = evaluate(extractor.nlp, documents)
    print(f"CoNLL-2003 dev: {len(documents)} documents, {ours['overall'].tp + ours['overall'].fn} gold entities")
    for name in (*CONLL_TYPES, "overall"):
        print(ours[name].row(f"entities  {name}"))
        print(raw[name].row(f"raw spaCy {name}"))
    if args.repeat:
        parse_ms, entity_ms = time_on_seeds(extractor.nlp, repeat=args.repeat)
        print(
            f"speed on seeds ({args.repeat} x): spaCy {parse_ms:.2f} ms/seed, entities {entity_ms:.3f} ms/seed"
            f" ({100 * entity_ms / parse_ms:.1f}% of spaCy)"
        )


if __name__ == "__main__":
    main()
