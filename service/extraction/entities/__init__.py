"""Named entities: one record per real-world thing in a document (see ``extract``)."""

from service.extraction.entities.extract import extract_entities

__all__ = ["extract_entities"]
