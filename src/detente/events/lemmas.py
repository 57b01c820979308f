"""Word classes by lemma: whether a word is in a class of words (events/lexicon/assertion.yaml)
by its lemma, its form or its form less a plain inflection, and "verb particle" entries."""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Token


def lemma_in(token: Token, words: frozenset[str]) -> bool:
    """Whether a word is in a class: by lemma, by form, or by form less a plain inflection (the
    small model lemmatizes "hopes" as "hop"); a "verb particle" entry needs its particle or
    adverb ("broke down", "ruled out")."""
    forms = _forms(token.lemma_.lower(), token.lower_)
    if not forms.isdisjoint(words):
        return True
    if forms.isdisjoint(_phrase_heads(words)):
        return False  # no "verb particle" entry starts with this word
    parts = {c.lower_ for c in token.children if c.dep_ in ("prt", "advmod", "prep")}
    return any(f"{form} {part}" in words for form in forms for part in parts)


@lru_cache(maxsize=65536)
def _forms(lemma: str, low: str) -> frozenset[str]:
    """A word's lemma, its form and its form less a plain inflection (for `lemma_in`)."""
    forms = {lemma, low}
    for suffix, repl in (("s", ""), ("es", ""), ("d", ""), ("ed", ""), ("ing", "e"), ("ing", "")):
        if low.endswith(suffix) and len(low) > len(suffix) + 2:
            forms.add(low[: -len(suffix)] + repl)
    return frozenset(forms)


@lru_cache(maxsize=256)
def _phrase_heads(words: frozenset[str]) -> frozenset[str]:
    """The first words of a class's "verb particle" entries (for `lemma_in`)."""
    return frozenset(w.split(" ", 1)[0] for w in words if " " in w)
