"""Turn extraction results into response dictionaries, in the caller's offset encoding."""

from __future__ import annotations

from collections.abc import Callable
from itertools import accumulate

from service import __version__
from service.extraction import Extraction, Extractor
from service.extraction.model import Dateline, Entity, Quantity, Quote, Span

OffsetMap = Callable[[int], int]


def offset_map(text: str, encoding: str) -> OffsetMap:
    """A function from code-point offsets in ``text`` to offsets in ``encoding``."""
    if encoding == "codepoint" or text.isascii():
        return int
    if encoding == "utf16":
        widths = (2 if ord(char) > 0xFFFF else 1 for char in text)
    elif encoding == "utf8":
        widths = (len(char.encode("utf-8")) for char in text)
    else:
        raise ValueError(f"unknown offset encoding {encoding!r}")
    prefix = list(accumulate(widths, initial=0))
    return prefix.__getitem__


def model_info(extractor: Extractor) -> dict:
    """The ``model`` object of every response: service, spaCy and pipeline versions."""
    return {"service": __version__, "spacy": extractor.info.spacy, "pipeline": extractor.info.pipeline}


def _span(span: Span | None, at: OffsetMap) -> dict | None:
    if span is None:
        return None
    return {"text": span.text, "start": at(span.start), "end": at(span.end)}


def _dateline(dateline: Dateline | None, at: OffsetMap) -> dict | None:
    if dateline is None:
        return None
    return {
        "text": dateline.text,
        "start": at(dateline.start),
        "end": at(dateline.end),
        "place": _span(dateline.place, at),
        "region": _span(dateline.region, at),
        "date": _span(dateline.date, at),
        "agency": _span(dateline.agency, at),
    }


def _entity(entity: Entity, at: OffsetMap) -> dict:
    return {
        "id": entity.id,
        "name": entity.name,
        "label": entity.label,
        "salience": entity.salience,
        "titles": list(entity.titles),
        "mentions": [_span(mention, at) for mention in entity.mentions],
    }


def _quote(quote: Quote, at: OffsetMap) -> dict:
    speaker = quote.speaker
    return {
        "id": quote.id,
        "text": quote.text,
        "start": at(quote.start),
        "end": at(quote.end),
        "kind": quote.kind,
        "cue": _span(quote.cue, at),
        "speaker": None
        if speaker is None
        else {
            "text": speaker.text,
            "start": at(speaker.start),
            "end": at(speaker.end),
            "entity": speaker.entity,
            "name": speaker.name,
        },
        "addressee": _span(quote.addressee, at),
        "via": _span(quote.via, at),
    }


def _quantity(quantity: Quantity, at: OffsetMap) -> dict:
    unit, value_range, normalized = quantity.unit, quantity.range, quantity.normalized
    return {
        "id": quantity.id,
        "text": quantity.text,
        "start": at(quantity.start),
        "end": at(quantity.end),
        "value": quantity.value,
        "range": None if value_range is None else {"min": value_range.min, "max": value_range.max},
        "bound": quantity.bound,
        "change": quantity.change,
        "unit": None if unit is None else {"name": unit.name, "symbol": unit.symbol, "dimension": unit.dimension},
        "currency": quantity.currency,
        "normalized": None if normalized is None else {"value": normalized.value, "unit": normalized.unit},
        "kind": quantity.kind,
        "object": quantity.object,
        "per": quantity.per,
        "when": _span(quantity.when, at),
        "score": None if quantity.score is None else list(quantity.score),
    }


def extraction_dict(extraction: Extraction, *, text: str, offset_encoding: str, doc_id: str | None) -> dict:
    at = offset_map(text, offset_encoding)
    body: dict = {"id": doc_id, "dateline": _dateline(extraction.dateline, at)}
    if extraction.entities is not None:
        body["entities"] = [_entity(entity, at) for entity in extraction.entities]
    if extraction.quotes is not None:
        body["quotes"] = [_quote(quote, at) for quote in extraction.quotes]
    if extraction.quantities is not None:
        body["quantities"] = [_quantity(quantity, at) for quantity in extraction.quantities]
    return body


def extract_response(
    extraction: Extraction, *, text: str, offset_encoding: str, doc_id: str | None, model: dict
) -> dict:
    """The body of ``POST /v1/extract``: one document's lists, the model and the offset encoding."""
    body = extraction_dict(extraction, text=text, offset_encoding=offset_encoding, doc_id=doc_id)
    body["model"] = model
    body["offset_encoding"] = offset_encoding
    return body
