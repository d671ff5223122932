"""Statute records: the data model, loading a corpus, and validating it."""
