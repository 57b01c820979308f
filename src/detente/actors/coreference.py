"""Coreference by kind: "the two men", "both countries" to the last two people or countries
named, and "the bloc", "the alliance" to the last organisation of that kind."""

from __future__ import annotations

from spacy.tokens import Doc

from detente.actors.kb import KnowledgeBase
from detente.actors.records import CONTEXT, Found, Name, Seen, State
from detente.actors.spans import in_names
from detente.nlp import lowers

PAIR_PEOPLE = frozenset({"man", "woman", "leader", "president", "minister", "diplomat"})
PAIR_COUNTRIES = frozenset({"country", "nation", "state", "neighbour", "neighbor", "ally",
                            "government", "capital"})  # fmt: skip
NOMINALS = {"bloc": ("organisation", "bloc"), "alliance": ("organisation", "bloc"),
            "organisation": ("organisation",), "organization": ("organisation",),
            "group": ("bloc", "group"), "movement": ("group",)}  # fmt: skip


def link_pairs(u: int, doc: Doc, state: State) -> list[Found]:
    """'the two men', 'both countries': the last two people or countries named before."""
    out: list[Found] = []
    for i, word in enumerate(lowers(doc)):
        if word not in ("two", "both") or doc[i].head.i <= i:
            continue
        token = doc[i]
        head = token.head
        lemma = head.lemma_.lower()
        start = token.i - 1 if token.i > 0 and doc[token.i - 1].lower_ == "the" else token.i
        here = (u, start)
        sentence_start = (u, token.sent.start)
        if lemma in PAIR_PEOPLE:
            keys: list[Seen] = []
            for p in reversed([p for p in state.people if (p.unit, p.token) < sentence_start]):
                if p.key not in {k.key for k in keys}:
                    keys.append(p)
            for seen in keys[:2] if len(keys) >= 2 else []:
                out.append(Found(u, start, head.i + 1, seen.code, "coreference", 0.75, seen.key))
        elif lemma in PAIR_COUNTRIES:
            codes: list[str] = []
            for p in state.people:  # the countries of the people this paragraph names first
                if p.unit == u and p.token < token.i and p.country and p.country not in codes:
                    codes.append(p.country)
            if len(codes) != 2:
                pairs = [pair for at, pair in state.country_pairs if at < here]
                codes = list(pairs[-1]) if pairs else []
            if len(codes) != 2:  # the countries of the last two people of different countries
                codes = []
                for p in reversed(state.people):
                    if (p.unit, p.token) < here and p.country and p.country not in codes:
                        codes.append(p.country)
                codes = codes[:2]
            if len(codes) != 2:
                codes = []
                for cu, ct, code in reversed(state.countries):
                    if (cu, ct) < here and code not in codes:
                        codes.append(code)
            for code in codes[:2] if len(codes) >= 2 else []:
                out.append(Found(u, start, head.i + 1, code, "coreference", 0.75))
    return out


def link_nominals(
    kb: KnowledgeBase, u: int, doc: Doc, names: list[Name], state: State
) -> list[Found]:
    """ "the bloc", "the alliance": the organisation of that kind the document named last."""
    out: list[Found] = []
    for i, word in enumerate(lowers(doc)):
        kinds = NOMINALS.get(word)
        if kinds is None:
            continue
        token = doc[i]
        children = list(token.children)
        if in_names(token, names) or not children:
            continue
        if [c.lower_ for c in children if c.dep_ not in ("case", "punct")] != ["the"]:
            continue
        start = children[0].i
        if start != token.i - 1:
            continue
        for cu, ct, code in reversed(state.organisations):
            actor = kb.actors[code]
            if (cu, ct) < (u, start) and actor.kind in kinds:
                out.append(Found(u, start, token.i + 1, code, "coreference", CONTEXT))
                break
    return out
