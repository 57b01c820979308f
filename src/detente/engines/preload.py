"""Imported once by the fork server of the local engine's worker pool: workers are forked from it
with spaCy, the knowledge base and the other models already loaded (shared copy-on-write), so
none of them loads its own."""

from detente.config import Settings
from detente.pipeline import warm_up

warm_up(Settings())
