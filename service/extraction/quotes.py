"""Quotations and their speakers (built out in its own issue)."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from service.extraction.model import Entity, Quote


def extract_quotes(doc: Doc, *, entities: Sequence[Entity]) -> list[Quote]:
    return []
