"""spaCy's rule lemmatizer with its answers kept per (ORTH, POS, MORPH): the same lemmas without a
`Token` object per word.

The English pipeline's `lemmatizer` (rule mode) walks every token of every parse as a Python
`Token`, though its lemma is a function of the token's form, coarse part of speech and
morphology alone (`Lemmatizer.rule_lemmatize` and `EnglishLemmatizer.is_base_form` read nothing
else). `CachedLemmatizer` reads those three columns of a `Doc` at once, asks spaCy's own
lemmatizer only for a key it has not seen, and writes the lemmas back with `Doc.from_array`.
As spaCy's, it leaves a lemma already set (the attribute ruler's) unless told to overwrite.
`tests/test_attribute_rules.py` compares every token's lemma with spaCy's own pipeline.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc

from detente.attribute_rules import StandIn

_READ = [ORTH, POS, MORPH, LEMMA]


def cache_lemmatizer(nlp: Language, name: str = "lemmatizer") -> bool:
    """Replace the pipeline's rule lemmatizer `name` by its `CachedLemmatizer`, keeping its name
    and place; `False` (pipeline unchanged) when there is none or it is not in rule mode."""
    if name not in nlp.component_names:
        return False
    stock = nlp.get_pipe(name)
    if not isinstance(stock, Lemmatizer) or type(stock).__name__ != "EnglishLemmatizer":
        return False
    if stock.mode != "rule":
        return False  # another language's may read more than form, POS and morphology
    index = nlp.component_names.index(name)
    nlp._components[index] = (name, CachedLemmatizer(stock))
    nlp._link_components()
    return True


class CachedLemmatizer(StandIn):
    """spaCy's rule `Lemmatizer`, asked once per distinct (ORTH, POS, MORPH) (see the module)."""

    def __init__(self, stock: Lemmatizer) -> None:
        self.stock = stock
        self.lemmas: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        rows = doc.to_array(_READ)
        todo = np.flatnonzero(rows[:, 3] == 0) if not self.stock.overwrite else np.arange(len(doc))
        if not len(todo):
            return doc
        lemmas = self.lemmas
        strings = doc.vocab.strings
        found: Any = rows[:, 3].copy()  # uint64, as read
        for i, (orth, pos, morph, _) in zip(todo.tolist(), rows[todo].tolist(), strict=True):
            key = (orth, pos, morph)
            lemma = lemmas.get(key)
            if lemma is None:
                lemma = lemmas[key] = strings.add(self.stock.lemmatize(doc[i])[0])
            found[i] = lemma
        doc.from_array([LEMMA], found.reshape(-1, 1))
        return doc
