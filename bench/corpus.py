"""Texts for the benchmark and the batch tests: the seeds, and invented articles built around them.

An invented article is a few seed passages, each with an invented sentence of names, numbers,
money, a percentage and a quote spliced in, so every article carries new strings for the vocab and
something for every extractor.  Seeded random generators: the same call gives the same corpus.
"""

from __future__ import annotations

import gzip
import json
import random
from collections.abc import Sequence
from pathlib import Path

from bench.live import ROOT, seed_paragraphs

SEEDS_DIR = ROOT / "seeds"

_SYLLABLES = "ka zo ru mi tel vor an qui bex lo dra pen sul ix or fen gal mu tho rik ve".split()


def seed_texts() -> list[str]:
    texts = [path.read_text(encoding="utf-8") for path in sorted(SEEDS_DIR.glob("*.txt"))]
    if not texts:
        raise SystemExit(f"no seeds found in {SEEDS_DIR}")
    return texts


def _invented(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(syllables))


def varied_text(rng: random.Random, paragraphs: Sequence[str]) -> str:
    """A seed passage with invented names, words and numbers: new strings for the vocab on every call.

    Names and words are 3-5 of 21 syllables (over 4 million spellings), so nearly every one is new.
    """
    first, last, place = (_invented(rng, rng.randint(3, 5)).title() for _ in range(3))
    noun, adj, org = _invented(rng, 4), _invented(rng, 4), _invented(rng, 3).upper()
    amount = f"{rng.randint(2, 99_999):,}"
    money = f"${rng.randint(1, 999)}.{rng.randint(0, 9)} million"
    pct = f"{rng.randint(1, 99)}.{rng.randint(0, 9)}%"
    injected = (
        f"{first} {last} of the {place} {org} said {amount} {noun}s were {adj} on Tuesday, "
        f"a rise of {pct} that cost {money}. "
        f"\u201cThe {noun} is {adj},\u201d {last} said."
    )
    paragraph = rng.choice(paragraphs)
    cut = paragraph.find(". ", len(paragraph) // 2)
    if cut < 0:
        return f"{paragraph} {injected}"
    return f"{paragraph[: cut + 2]}{injected} {paragraph[cut + 2 :]}"


def soak_paragraphs(seeds: Sequence[str], chars: int = 200) -> list[str]:
    """Seed passages of about ``chars`` characters (whole sentences), to keep the soak within minutes."""
    passages = []
    for paragraph in seed_paragraphs(seeds, longer_than=79):
        cut = paragraph.find(". ", chars)
        passages.append(paragraph if cut < 0 else paragraph[: cut + 1])
    return passages or list(seeds)


def invented_article(rng: random.Random, paragraphs: Sequence[str], *, passages: tuple[int, int] = (2, 5)) -> str:
    return "\n\n".join(varied_text(rng, paragraphs) for _ in range(rng.randint(*passages)))


def corpus_rows(count: int, *, seed: int = 20261202) -> list[dict]:
    """``count`` rows with ``id``, ``text`` and pass-through columns: the seeds, then invented articles."""
    rng = random.Random(seed)
    seeds = seed_texts()
    paragraphs = soak_paragraphs(seeds)
    rows = []
    for index in range(count):
        text = seeds[index] if index < len(seeds) else invented_article(rng, paragraphs)
        rows.append(
            {
                "id": f"article-{index:05d}",
                "text": text,
                "url": f"https://news.example/{index}",
                "published_at": f"2026-{1 + index % 12:02d}-{1 + index % 28:02d}",
            }
        )
    return rows


def write_jsonl_gz(path: Path, rows: Sequence[object]) -> Path:
    with gzip.open(path, "wt", encoding="utf-8") as stream:
        for row in rows:
            stream.write(json.dumps(row) + "\n")  # ASCII: an unpaired surrogate stays an escape
    return path


def write_parquet(path: Path, rows: Sequence[dict], *, row_group_size: int | None = None) -> Path:
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.Table.from_pylist(list(rows)), path, row_group_size=row_group_size)
    return path
