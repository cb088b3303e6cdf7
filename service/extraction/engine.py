"""Load the spaCy pipeline once and run the three extractors over documents."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from service.extraction.datelines import find_dateline
from service.extraction.doc_index import doc_index
from service.extraction.entities import extract_entities
from service.extraction.entities.speakers import link_named_speakers, without_entity_ids
from service.extraction.gazetteer import gazetteer
from service.extraction.model import Extraction
from service.extraction.pipeline import load_pipeline
from service.extraction.quantities import extract_quantities, warm_up_quantities
from service.extraction.quotes import extract_quotes

FEATURES: tuple[str, ...] = ("entities", "quotes", "quantities")

# A short article that exercises every extractor, so that lazy imports, unit
# tables and spaCy's caches are filled before the first real request.
WARM_UP_TEXT = (
    "Russian President Vladimir Putin met Min Aung Hlaing in Moscow on Tuesday. "
    "\u201cOur relations are developing positively,\u201d Putin said. "
    "More than 2,000 people have been killed, and trade rose 40 percent to $260 million. "
    "The plant would have a capacity of 100 megawatts, the statement said."
)


@dataclass(frozen=True, slots=True)
class ModelInfo:
    pipeline: str
    spacy: str


def doc_extraction(doc: Doc, include: Iterable[str] = FEATURES) -> Extraction:
    """Run the requested extractors over one parsed document."""
    wanted = frozenset(include)
    result = Extraction(dateline=find_dateline(doc_index(doc).text))
    if "entities" in wanted or "quotes" in wanted:
        entities = extract_entities(doc)
        if "entities" in wanted:
            result.entities = entities
        if "quotes" in wanted:
            result.quotes = extract_quotes(doc, entities=entities)
            link_named_speakers(entities, result.quotes, text=doc_index(doc).text)
            if "entities" not in wanted:
                # An id would point into a list the caller did not ask for: drop it, keep the name.
                without_entity_ids(result.quotes)
    if "quantities" in wanted:
        result.quantities = extract_quantities(doc)
    return result


class Extractor:
    """One spaCy pipeline plus the extractors; create once per process."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self.info = ModelInfo(
            pipeline=f"{nlp.meta.get('lang', 'xx')}_{nlp.meta['name']}-{nlp.meta['version']}",
            spacy=spacy.__version__,
        )

    @classmethod
    def load(cls, model_name: str) -> Extractor:
        return cls(load_pipeline(model_name))

    def warm_up(self) -> None:
        warm_up_quantities()
        gazetteer()  # about a second of reading place tables, done before the first request
        self.extract(WARM_UP_TEXT)

    def extract(self, text: str, *, include: Iterable[str] = FEATURES) -> Extraction:
        with self.nlp.memory_zone():
            return doc_extraction(self.nlp(text), include)

    def extract_many(
        self, texts: Sequence[str], *, include: Iterable[str] = FEATURES, batch_size: int = 16
    ) -> list[Extraction]:
        wanted = tuple(include)
        with self.nlp.memory_zone():
            return [doc_extraction(doc, wanted) for doc in self.nlp.pipe(texts, batch_size=batch_size)]
