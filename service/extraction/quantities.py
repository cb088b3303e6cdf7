"""Quantities with values, units and meaning (built out in its own issue)."""

from __future__ import annotations

from spacy.tokens import Doc

from service.extraction.model import Quantity


def warm_up_quantities() -> None:
    """Pay one-off start-up costs (unit tables) before the first request."""


def extract_quantities(doc: Doc) -> list[Quantity]:
    return []
