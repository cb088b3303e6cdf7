"""Word lists and tables used by the extractors, kept as data in one place."""
