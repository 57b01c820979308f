"""Imported once by the fork server of the local engine's worker pool: workers are forked from it
with spaCy, the knowledge base and the other models already loaded (shared copy-on-write), so
none of them loads its own."""

import logging

from detente.config import Settings
from detente.pipeline import warm_up

try:
    warm_up(Settings())
except Exception:  # a missing model must fail in the worker with its own message, not here
    logging.getLogger(__name__).debug("preloading failed; workers load on their first batch")
