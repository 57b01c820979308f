"""Generic agents in a parse: the group noun a token heads ("riot police", "rebel fighters")."""

from __future__ import annotations

from functools import cache
from importlib import resources

import yaml
from spacy.tokens import Token

from detente.actors.kb import Agent, KnowledgeBase, normalise

NOMINAL = frozenset({"NOUN", "PROPN"})
MODIFIERS = frozenset({"compound", "amod"})


@cache
def _words(key: str) -> frozenset[str]:
    text = (resources.files("detente.actors") / "data" / "agents.yaml").read_text(encoding="utf-8")
    return frozenset(yaml.safe_load(text).get(key) or ())


def generic_words() -> frozenset[str]:
    """Determiners that make an agent noun no one in particular (agents.yaml `generic`)."""
    return _words("generic")


def foreign_words() -> frozenset[str]:
    """Modifiers that say an agent is not the country's own (agents.yaml `foreign`)."""
    return _words("foreign")


def agent_phrase(token: Token, kb: KnowledgeBase) -> tuple[int, Agent] | None:
    """The agent a noun phrase headed by `token` names, with the index of its first word
    ("[riot] police" → (i of "riot", COP)); None when `token` is not the head of an agent noun
    (a modifier, as in "police station", or a noun of no agent)."""
    if token.pos_ not in NOMINAL or token.dep_ in MODIFIERS or token.dep_ == "poss":
        return None
    if token.i + 1 < len(token.doc) and token.doc[token.i + 1].text == "-":
        return None  # "military-owned", "rebel-held": part of a modifier
    if any(c.dep_ == "det" and c.lower_ in generic_words() for c in token.children):
        return None
    start = token.i
    while (
        start > 0 and token.doc[start - 1].dep_ in MODIFIERS and token.doc[start - 1].head == token
    ):
        start -= 1
    words = token.doc[start : token.i + 1]
    for k in range(len(words)):
        head = [t.lower_ for t in words[k:]]
        for phrase in (" ".join(head), " ".join([*head[:-1], token.lemma_.lower()])):
            agent = kb.agents.get(normalise(phrase))
            if agent is not None:
                if any(t.lower_ in foreign_words() for t in words[:k]):
                    return None  # "foreign troops", but "the foreign ministry"
                return words[k].i, agent
    return None
