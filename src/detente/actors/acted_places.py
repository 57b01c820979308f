"""Cities and regions acted upon, linked as their country: "air strikes on Idlib" → SYR,
"rockets fired at Kirkuk" → IRQ, "a curfew in Basra" → IRQ (the CAMEO/PETRARCH convention);
a place that is only the scene ("talks in Geneva", "a summit in Madrid") stays unlinked.

The places and their countries are places.yaml `cities`; the words that make a place acted
upon are actors/data/acted_places.yaml."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml
from spacy.tokens import Doc, Span, Token

from detente.actors.kb import KBError, normalise
from detente.actors.places import load_places
from detente.actors.records import CONFIDENCE, Found
from detente.nlp import lowers
from detente.yamlfiles import load_yaml

OBJECTS = frozenset({"dobj", "nsubjpass", "npadvmod"})  # "would shell Haifa" parsed npadvmod
LEADING = frozenset({"the"})


@dataclass(frozen=True)
class ActedWords:
    verbs: frozenset[str]  # lemmas: "shell" (Haifa), "besiege" (Aleppo)
    nouns: frozenset[str]  # lemmas or "modifier lemma": "strike", "air strike", "siege"
    prepositions: frozenset[str]  # "on", "at", "against"
    within: frozenset[str]  # nouns whose place after "in" is acted upon: "curfew"
    given: frozenset[str]  # nouns whose place after "to" receives them: "aid"
    parts: frozenset[str]  # "enclave", "outskirts": a part of a place that stands for it
    disasters: frozenset[str]  # subjects that make a verb no act: "earthquake"


@cache
def acted_words() -> ActedWords:
    """actors/data/acted_places.yaml, checked: raises `KBError` naming the file when a list is
    missing or malformed."""
    where = "acted_places.yaml"
    try:
        text = (resources.files("detente.actors") / "data" / where).read_text(encoding="utf-8")
        data = load_yaml(text)
        lists = [
            frozenset(str(w).lower() for w in data[key])
            for key in ("verbs", "nouns", "prepositions", "within", "given", "parts", "disasters")
        ]
    except (KeyError, TypeError, yaml.YAMLError) as exc:
        raise KBError(f"{where}: needs verbs, nouns, prepositions, within, given, parts and "
                      f"disasters ({exc})") from exc  # fmt: skip
    return ActedWords(*lists)


def place_code(span: Span) -> str | None:
    """The country of a city or region the data knows, read from an entity's text ("the Gaza
    Strip" → PSE, "Eastern Ghouta" → SYR, "Borno State" → NGA); None otherwise. An entity
    tagged ORG must be the place's name itself ("Manchester City" is a club)."""
    places = load_places()
    words = normalise(span.text).split()
    while words and words[0] in LEADING:
        words = words[1:]
    if not words:
        return None
    code = places.cities.get(" ".join(words))
    if code is None and span.label_ != "ORG" and len(words) > 1 and words[-1] in places.suffixes:
        code = places.cities.get(" ".join(words[:-1]))
    return code


def _keys(token: Token) -> set[str]:
    """A noun's lemma, and its lemma after each modifier's ("air strike", "martial law")."""
    lemma = token.lemma_.lower()
    keys = {lemma, token.lower_}
    keys |= {f"{c.lemma_.lower()} {lemma}" for c in token.lefts if c.dep_ in ("compound", "amod")}
    return keys


def _object_of(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ == "dobj"), None)


def _act(word: Token, nouns: frozenset[str], words: ActedWords, verbs: bool) -> bool:
    """Whether `word` (a verb or a noun) acts on what it governs: a noun of `nouns`, a verb of
    `words.verbs` (when `verbs`) whose subject is no disaster, or a verb whose object is one
    of `nouns` ("launched strikes", "imposed a curfew", "declared a state of emergency")."""
    if word.pos_ in ("NOUN", "PROPN"):
        return bool(_keys(word) & nouns)
    if word.pos_ not in ("VERB", "AUX"):
        return False
    subject = next((c for c in word.children if c.dep_ == "nsubj"), None)
    if subject is not None and subject.lemma_.lower() in words.disasters:
        return False
    lemma = word.lemma_.lower()
    phrasal = {f"{lemma} {c.lower_}" for c in word.children if c.dep_ == "prt"}  # "take over"
    if verbs and ({lemma} | phrasal) & words.verbs:
        return True
    thing = _object_of(word)
    if thing is None:
        return False
    if _keys(thing) & nouns:
        return True
    of = [g for c in thing.children if c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    return any(_keys(g) & nouns for g in of)  # "a state of emergency"


def _standing(token: Token) -> Token:
    """The word that has a place's role: the first of its conjuncts ("Lahore, Rawalpindi and
    Multan"), or the part of it that stands for it ("the enclave of eastern Ghouta", "the
    eastern Ghouta region", "parts of west Darfur"); the place itself otherwise."""
    parts = acted_words().parts
    for _ in range(6):
        head = token.head
        conjunct = token.dep_ == "conj" and head is not token
        modifier = token.dep_ in ("compound", "amod", "nmod") and head.lemma_.lower() in parts
        if conjunct or modifier:  # "Lahore, Rawalpindi and Multan"; "the Ghouta region"
            token = head
        elif (
            token.dep_ == "pobj"
            and head.lower_ == "of"
            and head.head.pos_ == "NOUN"
            and head.head.lemma_.lower() in parts
        ):
            token = head.head
        else:
            break
    return token


def acted_upon(span: Span) -> bool:
    """Whether a place stands as the object of an act (acted_places.yaml): the object of a verb
    of force ("shelled Haifa"), of "on/at/against" after one or after a noun of force ("air
    strikes on Idlib", "fired rockets at Kirkuk"), of "of" after such a noun ("the siege of
    Aleppo"), of "in" after a curfew, ceasefire or blockade, or of "to" after aid; a part of
    it and later conjuncts stand where the first stands (`_standing`). A place that is only
    where something happens ("talks in Geneva", "born in Mumbai") is not."""
    words = acted_words()
    token = _standing(span.root)
    if token.dep_ in OBJECTS:
        return _act(token.head, frozenset(), words, verbs=True)
    if token.dep_ != "pobj":
        return False
    prep = token.head
    word = prep.head
    preposition = prep.lower_
    if preposition in words.prepositions:
        return _act(word, words.nouns, words, verbs=True)
    if preposition == "of":
        return word.pos_ == "NOUN" and bool(_keys(word) & words.nouns)
    if preposition == "in":
        return _act(word, words.within, words, verbs=False)
    if preposition == "to":
        return _act(word, words.given, words, verbs=False)
    return False


def unknown_doer(span: Span, linked: set[int]) -> bool:
    """Whether the verb that acts on a place (or takes the noun of the act as its object:
    "launched strikes on Idlib") has a subject noun phrase with no linked actor in it (token
    indices `linked`): "rival militias were preparing to attack Sirte" names a doer no one
    knows, so the place would be the target of an unknown side's act."""
    token = _standing(span.root)
    word = token.head if token.dep_ != "pobj" else token.head.head
    if word.pos_ == "NOUN" and word.dep_ == "dobj":
        word = word.head
    if word.pos_ not in ("VERB", "AUX"):
        return False
    subject = next((c for c in word.children if c.dep_ == "nsubj"), None)
    while subject is None and word.dep_ == "xcomp":  # "were preparing to attack"
        word = word.head
        subject = next((c for c in word.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.pos_ not in ("NOUN", "PROPN"):
        return False
    return not any(i in linked for i in range(subject.left_edge.i, subject.right_edge.i + 1))


def _candidates(doc: Doc) -> list[Span]:
    """The entities of `doc`, and the one-word proper nouns outside them that name a city the
    data knows (the tagger leaves some out: "raids against Aleppo")."""
    spans = list(doc.ents)
    cities = load_places().cities
    lower = lowers(doc)
    if not any(word in cities for word in lower):
        return spans
    inside = {i for ent in spans for i in range(ent.start, ent.end)}
    spans += [
        doc[i : i + 1]
        for i, word in enumerate(lower)
        if word in cities and i not in inside and doc[i].pos_ == "PROPN"
    ]
    return spans


def link_acted_places(u: int, doc: Doc, found: list[Found]) -> list[Found]:
    """`found` and the cities and regions of `doc` (parse `u`) that are acted upon, each linked
    to its country with method "place"; a place already part of a linked mention is left, and
    so is one whose part names its holder ("the ISIS-held area of Mosul") or whose sentence
    links no other actor, or whose act's subject is no linked actor ("militias were preparing
    to attack Sirte": who acts is unknown; `unknown_doer`)."""
    covered: set[int] | None = None
    out = found
    for ent in _candidates(doc):
        code = place_code(ent)
        if code is None or not acted_upon(ent):
            continue
        if covered is None:
            covered = {i for f in found if f.code for i in range(f.start, f.end)}
        part = _standing(ent.root)
        held = part.pos_ == "NOUN" and part.lemma_.lower() in acted_words().parts
        outer = range(part.left_edge.i, part.i) if held else ()  # the part's modifiers
        if any(i in covered for i in (*range(ent.start, ent.end), *outer)):
            continue  # linked already, or "the ISIS-held area of Mosul": ISIS holds it
        sent = ent.sent
        if not any(f.code and sent.start <= f.start < sent.end for f in found):
            continue  # no actor acts on it here: a place alone makes no event
        if unknown_doer(ent, covered):
            continue
        start = ent.start + (ent[0].lower_ in LEADING)
        out = [f for f in out if not (f.start < ent.end and start < f.end)]  # a bare "ner"
        out.append(Found(u, start, ent.end, code, "place", CONFIDENCE["place"]))
        covered.update(range(start, ent.end))
    return out
