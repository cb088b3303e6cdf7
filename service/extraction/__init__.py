"""The extraction core: spaCy ``Doc`` in, plain data out.  No web code here."""

from service.extraction.engine import FEATURES, Extractor
from service.extraction.model import Entity, Extraction, Quantity, Quote, Span

__all__ = ["FEATURES", "Entity", "Extraction", "Extractor", "Quantity", "Quote", "Span"]
