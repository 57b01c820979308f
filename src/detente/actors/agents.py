"""Generic agents in a parse: the group noun a token heads ("riot police", "rebel fighters"),
and the linking pass that gives them a country ("police in Karachi" → PAKCOP)."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any

from spacy.attrs import LEMMA, POS
from spacy.parts_of_speech import NOUN, PROPN
from spacy.tokens import Doc, Span, Token

from detente.actors.kb import Agent, KnowledgeBase, normalise
from detente.actors.places import area_word, city_country
from detente.actors.records import CONFIDENCE, CONTEXT, Found, Name, State
from detente.actors.spans import LOCATIVE, in_names
from detente.nlp import lowers
from detente.yamlfiles import load_yaml

NOMINAL = frozenset({"NOUN", "PROPN"})
MODIFIERS = frozenset({"compound", "amod"})


@cache
def _data() -> dict[str, Any]:
    text = (resources.files("detente.actors") / "data" / "agents.yaml").read_text(encoding="utf-8")
    return load_yaml(text) or {}


@cache
def _words(key: str) -> frozenset[str]:
    return frozenset(_data().get(key) or ())


_HEADS: dict[int, tuple[Mapping[str, Agent], frozenset[str]]] = {}


def _agent_heads(kb: KnowledgeBase) -> frozenset[str]:
    """The last word of every agent phrase the KB knows ("police" of "riot police"): a noun
    that is none of them heads no agent phrase, whatever its modifiers."""
    known = _HEADS.get(id(kb.agents))
    if known is None or known[0] is not kb.agents:  # (an id can be reused by a new KB)
        known = (kb.agents, frozenset(k.split()[-1] for k in kb.agents if k.split()))
        _HEADS[id(kb.agents)] = known
    return known[1]


def generic_words() -> frozenset[str]:
    """Determiners that make an agent noun no one in particular (agents.yaml `generic`)."""
    return _words("generic")


def foreign_words() -> frozenset[str]:
    """Modifiers that say an agent is not the country's own (agents.yaml `foreign`)."""
    return _words("foreign")


def residents(kb: KnowledgeBase, span: Span) -> bool:
    """Whether a name is a word of ethnicity, religion or descent (agents.yaml `residents`)
    naming residents rather than a country or region: "young [Asian] men", "[Muslim] voters",
    "British [Asian] families", "British [Asians]"; not "[Asian] leaders"."""
    if not span or span[-1].lower_ not in _words("residents"):
        return False
    before = span.doc[span.start - 1] if span.start > 0 else None
    if (
        before is not None
        and before.pos_ in ("ADJ", "PROPN")
        and before.lower_ not in (_words("residents"))
    ):
        national = [t for t in kb.targets(normalise(before.lower_)) if t.adjective]
        if national and all(kb.is_country(t.code) for t in national):
            return True  # "British Asian", "American Muslim"
    head = span.root.head
    if span.root.dep_ not in MODIFIERS or head.i < span.end:
        return False
    agent = kb.agents.get(normalise(head.lemma_.lower())) or kb.agents.get(normalise(head.lower_))
    return agent is not None and agent.code == "CVL"


def agent_phrase(token: Token, kb: KnowledgeBase) -> tuple[int, Agent] | None:
    """The agent a noun phrase headed by `token` names, with the index of its first word
    ("[riot] police" → (i of "riot", COP)); None when `token` is not the head of an agent noun
    (a modifier, as in "police station", or a noun of no agent)."""
    if token.pos_ not in NOMINAL or token.dep_ in MODIFIERS or token.dep_ == "poss":
        return None
    # Every phrase tried below ends in the token (or its lemma): most nouns end no agent phrase.
    if _ends_no_agent(token.lower_, token.lemma_, _agent_heads(kb)):
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


def _ends_no_agent(lower: str, lemma: str, heads: frozenset[str]) -> bool:
    """Whether a word (its lower case and lemma) ends no agent phrase the KB knows."""
    last, lemma = normalise(lower), normalise(lemma.lower())
    return _one_word(last) and _one_word(lemma) and last not in heads and lemma not in heads


def _one_word(text: str) -> bool:
    return bool(text) and " " not in text


def link_agents(
    kb: KnowledgeBase, u: int, doc: Doc, names: list[Name], found: list[Found], state: State
) -> list[Found]:
    """Generic agents the passes above left unlinked: "police in Karachi", "the government
    in Tokyo", "officials in Moscow and Beijing", "Karachi police", and "Police arrested 40
    people" when the document names one country only)."""
    # an entity the KB does not know ("Kaduna State Government") may still be a place's agent
    covered = {i for f in found if f.code for i in range(f.start, f.end)}
    covered |= {
        i
        for n in names
        if n.targets or n.span.label_ == "PERSON"
        for i in range(n.span.start, n.span.end)
    }
    out = list(found)
    nominal = {NOUN, PROPN}
    heads, strings, lower = _agent_heads(kb), doc.vocab.strings, lowers(doc)
    for i, (tag, lemma) in enumerate(doc.to_array([POS, LEMMA]).tolist() if len(doc) else []):
        # `agent_phrase` wants a noun that may end an agent phrase: the others need no `Token`
        if tag not in nominal or i in covered or _ends_no_agent(lower[i], strings[lemma], heads):
            continue
        hit = agent_phrase(doc[i], kb)
        if hit is None:
            continue
        token = doc[i]
        start, agent = hit
        codes, end = _agent_places(kb, token, agent, names)
        confidence = CONFIDENCE["role"]
        org = next((n for n in names if n.span.label_ == "ORG" and token in n.span), None)
        if org is not None and org.span.start >= start:
            org = None  # "the Treasury", "Police": the agent noun alone, tagged ORG
        if org is not None:  # "Delhi Police", "the Supreme Court of X": an organisation
            country = city_country(doc[org.span.start : start].text) or city_country(
                doc[org.span.start : token.i].text  # "Delhi Police": the place is a modifier
            )
            if org.span.end != token.i + 1 or country is None:
                continue
            codes, start = [kb.with_role(country, agent.code)], org.span.start
        for child in token.children if not codes else ():
            country = city_country(doc[child.left_edge.i : child.i + 1].text)
            if child.i < start and child.dep_ in ("compound", "nmod", "amod", "poss") and country:
                codes = [kb.with_role(country, agent.code)]  # "Karachi police", "Ohio's police"
                start = child.left_edge.i
        owner = _owner(kb, token, start, out)
        if not codes and owner is not None:  # "Myanmar's military": one mention
            codes = [kb.with_role(owner.code, agent.code)]
            start = owner.start
        country = _state_country(kb, token, start, out) if not codes else None
        if country is not None and _unowned(token, names):
            codes = [kb.with_role(country, agent.code)]  # "state media", "regime forces"
            confidence = CONTEXT
        if not codes and agent.alone and len(state.home) == 1 and _unowned(token, names):
            # the document's one country; with several or none, a bare agent code ("COP")
            # was right too seldom on third-party text to be worth its noise
            codes = [kb.with_role(next(iter(state.home)), agent.code)]
            confidence = CONTEXT
        if not codes:
            continue
        out = [f for f in out if not (start <= f.start and f.end <= end)]
        out += [Found(u, start, end, code, "role", confidence) for code in codes]
        covered.update(range(start, end))
    return out


def _state_country(kb: KnowledgeBase, token: Token, start: int, found: list[Found]) -> str | None:
    """The country a state's own agent ("state media", "government forces"; agents.yaml
    `state`) belongs to: the one country its sentence names by name, else the one country of
    the sentence's actors; None when there are none or several."""
    words = token.doc[start : token.i + 1]
    phrases = {
        " ".join(t.lower_ for t in words),
        " ".join([*(t.lower_ for t in words[:-1]), token.lemma_.lower()]),
    }
    if not phrases & state_words():
        return None
    sent = token.sent
    here = [f for f in found if f.code and sent.start <= f.start < sent.end]
    for countries in (
        {f.code for f in here if kb.is_country(f.code)},
        {c for f in here if (c := kb.country_of(f.code))},
    ):
        if countries:
            return next(iter(countries)) if len(countries) == 1 else None
    return None


def state_words() -> frozenset[str]:
    """Agent nouns that are the state's own (agents.yaml `state`)."""
    return _words("state")


def _owner(kb: KnowledgeBase, token: Token, start: int, found: list[Found]) -> Found | None:
    """The country whose possessive comes right before an agent noun the parse did not
    attach to it ("Myanmar's military seized power")."""
    doc = token.doc
    if start < 2 or doc[start - 1].lower_ not in ("'s", "’s"):
        return None
    return next((f for f in found if f.end == start - 1 and kb.is_country(f.code)), None)


def _agent_places(
    kb: KnowledgeBase, token: Token, agent: Agent, names: list[Name]
) -> tuple[list[str], int]:
    """The codes an agent takes from the places it is of, from or in ("officials in Moscow
    and Beijing" → RUSGOV, CHNGOV), and where its phrase ends; no codes when any of the
    places is not one the KB or the city list knows."""
    for prep in token.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("of", "from", "in"):
            continue
        if prep.lower_ == "in" and not agent.located:
            continue
        objects = [c for c in prep.children if c.dep_ == "pobj"]
        objects += [c for o in objects for c in o.conjuncts]
        codes = [_place_code(kb, o, names, agent) for o in objects]
        if codes and all(codes):
            return list(dict.fromkeys(c for c in codes if c)), prep.right_edge.i + 1
    return [], token.i + 1


def _place_code(kb: KnowledgeBase, token: Token, names: list[Name], agent: Agent) -> str | None:
    name = next((n for n in names if n.targets and token in n.span), None)
    owner = next((c for c in token.children if c.dep_ == "poss"), None)
    if name is None and owner is not None and area_word(token.lemma_):
        # "police in Colombia's second-largest city": the country that owns the place
        name = next((n for n in names if n.targets and owner in n.span), None)
        if name is None or not kb.is_country(name.targets[0].code):
            return None
    if name is None:
        words = [t for t in token.doc[token.left_edge.i : token.i + 1] if t.dep_ != "det"]
        country = city_country(" ".join(t.text for t in words))
        return kb.with_role(country, agent.code) if country else None
    target = name.targets[0]
    if target.person:
        return None
    if kb.is_country(target.code):
        return kb.with_role(target.code, agent.code)
    return target.code  # "leaders in Brussels": the EU; "a delegation from the Taliban"


def _unowned(token: Token, names: list[Name]) -> bool:
    """Whether an agent noun may stand for its document's country: not someone's ("his
    cabinet"), not one of a kind ("an interim government") and not placed somewhere the text
    names ("troops in Syria": whose troops, the text does not say)."""
    for child in token.children:
        if child.dep_ == "poss" or (child.dep_ == "det" and child.lower_ in ("a", "an")):
            return False
        if child.dep_ == "prep" and child.lower_ in LOCATIVE:
            places = [t for t in child.subtree if t.ent_type_ in ("GPE", "LOC", "FAC")]
            if places or any(in_names(t, names) for t in child.subtree):
                return False
    return True
