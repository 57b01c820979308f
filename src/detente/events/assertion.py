"""Word classes that decide what a sentence asserts of an event, from `lexicon/assertion.yaml`.

The coder asks them whether an event is told as a fact, an intent, a guess or a denial, and
whether a governing word (a collapse, a rejection, an attitude) cancels the event it is about.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from functools import cache
from importlib import resources

import yaml
from spacy.tokens import Token

from detente.events.cameo import CodebookError


@dataclass(frozen=True)
class Assertion:
    """One frozenset of lower-case lemmas (or "verb particle" pairs) per class of the file."""

    intent_verbs: frozenset[str]
    future_heads: frozenset[str]
    hypothetical_heads: frozenset[str]
    intent_nouns: frozenset[str]
    appeal_nouns: frozenset[str]
    refusal_nouns: frozenset[str]
    claim_nouns: frozenset[str]
    hypothetical_aux: frozenset[str]
    future_aux: frozenset[str]
    conditional_marks: frozenset[str]
    inverted_conditional: frozenset[str]
    attitude_verbs: frozenset[str]
    rumour: frozenset[str]
    negations: frozenset[str]
    negating_verbs: frozenset[str]
    refusing_aux: frozenset[str]
    denial_verbs: frozenset[str]
    collapse_verbs: frozenset[str]
    collapse_nouns: frozenset[str]
    attitude_nouns: frozenset[str]
    adopting_verbs: frozenset[str]
    occasion: frozenset[str]


@cache
def load_assertion() -> Assertion:
    """The word classes of `events/lexicon/assertion.yaml`.

    Raises CodebookError naming the file when a class is missing or is not a list of words.
    """
    where = "events/lexicon/assertion.yaml"
    text = resources.files("detente.events").joinpath("lexicon/assertion.yaml").read_text("utf-8")
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        raise CodebookError(f"{where}: not valid YAML ({exc})") from exc
    classes: dict[str, frozenset[str]] = {}
    for f in fields(Assertion):
        words = data.get(f.name)
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            raise CodebookError(f"{where}: {f.name} must be a list of words in quotes or plain")
        classes[f.name] = frozenset(w.lower() for w in words)
    return Assertion(**classes)


def lemma_in(token: Token, words: frozenset[str]) -> bool:
    """Whether a word is in a class: by lemma, by form, or by form less a plain inflection (the
    small model lemmatizes "hopes" as "hop"); a "verb particle" entry needs its particle or
    adverb ("broke down", "ruled out")."""
    forms = {token.lemma_.lower(), token.lower_}
    low = token.lower_
    for suffix, repl in (("s", ""), ("es", ""), ("d", ""), ("ed", ""), ("ing", "e"), ("ing", "")):
        if low.endswith(suffix) and len(low) > len(suffix) + 2:
            forms.add(low[: -len(suffix)] + repl)
    if forms & words:
        return True
    parts = {c.lower_ for c in token.children if c.dep_ in ("prt", "advmod", "prep")}
    return any(f"{form} {part}" in words for form in forms for part in parts)
