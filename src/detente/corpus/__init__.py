"""Corpus stages: work that needs many documents at once, over the store."""
