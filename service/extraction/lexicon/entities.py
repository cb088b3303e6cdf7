"""Entity labels and name lexicons."""

# spaCy labels reported as entities; numeric labels belong to quantities.
ENTITY_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "LAW", "WORK_OF_ART", "LANGUAGE", "DATE", "TIME"}
)
