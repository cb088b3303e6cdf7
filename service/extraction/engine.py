"""Load the spaCy pipeline once and run the three extractors over documents."""

from __future__ import annotations

import logging
import traceback
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from service.extraction.budget import DENSITY_ALLOWANCE, OverTokenBudget, TokenBudget
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
# Tokens the pipeline parses at once in a batch.  Its working memory is about 14 KB a token, so
# this, not the number of documents, bounds a batch's memory (a longer document goes alone).
BATCH_TOKENS = 8_000

log = logging.getLogger("newsfacts.extraction")

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


@dataclass(frozen=True, slots=True)
class DocumentFailure:
    """Why one document of a call has no extraction: a bug (``internal``) or the text over a limit
    (``over`` names the :class:`TokenBudget` field)."""

    detail: str
    internal: bool = False
    over: str | None = None


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
        """Every text's extraction; the first failure raises."""
        outcomes = self.extract_each(texts, include=include, batch_size=batch_size)
        for outcome in outcomes:
            if isinstance(outcome, DocumentFailure):
                raise RuntimeError(outcome.detail)
        return outcomes  # type: ignore[return-value]

    def extract_each(
        self,
        texts: Sequence[str],
        *,
        include: Iterable[str] = FEATURES,
        budget: TokenBudget = TokenBudget(),
        batch_size: int = 16,
    ) -> list[Extraction | DocumentFailure]:
        """One outcome per text, in order: a document over its token budget or one whose extraction
        raised gets a :class:`DocumentFailure` and never fails the others.

        Raises :class:`OverTokenBudget` before any parsing when the texts together are over the budget.
        """
        wanted = tuple(include)
        with self.nlp.memory_zone():
            # Tokenizing is a few percent of the pipeline's time and tells what the rest will cost.
            docs: list[Doc | None] = [self.nlp.make_doc(text) for text in texts]
            outcomes: list[Extraction | DocumentFailure | None] = [None] * len(docs)
            for index, doc in enumerate(docs):
                limit = budget.doc_limit(len(texts[index]))
                if limit is not None and len(doc) > limit[0]:
                    outcomes[index] = _over_budget(len(doc), len(texts[index]), *limit, budget=budget)
                    docs[index] = None
            total = sum(len(doc) for doc in docs if doc is not None)
            if budget.per_request is not None and total > budget.per_request:
                raise OverTokenBudget(total, budget.per_request)
            for group in _token_groups(docs, batch_size=batch_size):
                for index, outcome in zip(group, self._extract_group([docs[i] for i in group], wanted), strict=True):
                    outcomes[index] = outcome
                    docs[index] = None  # a parsed Doc holds ~14 KB a token: let it go now
        return outcomes  # type: ignore[return-value]

    def _extract_group(self, docs: list[Doc], include: tuple[str, ...]) -> Iterator[Extraction | DocumentFailure]:
        try:
            # One document alone skips pipe()'s batching machinery.
            parsed = [self.nlp(docs[0])] if len(docs) == 1 else list(self.nlp.pipe(docs, batch_size=len(docs)))
        except Exception:  # noqa: BLE001 - isolated below: parse each document alone
            parsed = None
        for position, doc in enumerate(docs):
            try:
                yield doc_extraction(parsed[position] if parsed else self.nlp(doc), include)
            except Exception as error:  # noqa: BLE001 - one document must never fail the others
                # Type and stack only: an exception's message may quote the article.
                stack = "".join(traceback.format_tb(error.__traceback__))
                log.error("extraction failed for one document", extra={"error_type": type(error).__name__, "stack": stack})
                yield DocumentFailure("the document could not be processed (an internal error)", internal=True)


def _over_budget(tokens: int, chars: int, limit: int, which: str, *, budget: TokenBudget) -> DocumentFailure:
    if which == "per_doc":
        detail = f"text has {tokens} tokens; the limit is {limit} tokens per document"
    else:
        detail = (
            f"text has {tokens} tokens; the limit is {limit} tokens for a text of {chars} characters "
            f"({budget.per_char:g} a character plus {DENSITY_ALLOWANCE}; ordinary news has about 0.2)"
        )
    return DocumentFailure(detail, over=which)


def _token_groups(docs: Sequence[Doc | None], *, batch_size: int) -> Iterator[list[int]]:
    """Indexes of the documents still to parse, in order, grouped to at most ``BATCH_TOKENS`` tokens
    (a longer document alone) and ``batch_size`` documents."""
    group: list[int] = []
    tokens = 0
    for index, doc in enumerate(docs):
        if doc is None:
            continue
        if group and (tokens + len(doc) > BATCH_TOKENS or len(group) >= batch_size):
            yield group
            group, tokens = [], 0
        group.append(index)
        tokens += len(doc)
    if group:
        yield group
