"""Imported once by the fork server of the local engine's worker pool: workers are forked from it
with spaCy, the knowledge base and the other models already loaded (shared copy-on-write), so
none of them loads its own."""

import logging

from detente.config import Settings
from detente.engines.local import ignore_stop_signals
from detente.run.document import warm_up

# Set here, before the fork server saves the handlers its children restore, so that a worker
# ignores Ctrl-C from its first instruction (the pool's initializer runs a little later).
ignore_stop_signals()

try:
    warm_up(Settings())
except Exception:  # a missing model must fail in the worker with its own message, not here
    logging.getLogger(__name__).debug("preloading failed; workers load on their first batch")
