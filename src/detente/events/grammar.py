"""The predicate the event coder codes, and grammar helpers over the parse of its clause.

A predicate is a word that carries a code (a verb or an event noun) with the clause verb that
carries its subject, negation and modality; the helpers find its objects, subjects and
complements in the dependency parse.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from detente.events.cameo import Pattern
from detente.model import Mention
from detente.parse.index import SUBJECTS


@dataclass
class Predicate:
    """A word the lexicon codes, with the clause verb it is told in."""

    token: Token  # the word that carries the code (verb or event noun)
    head: Token  # the clause verb that carries subject, negation and modality
    pattern: Pattern
    nominal: bool  # an event noun not carried by a light verb
    inside_event: bool = False  # the object of a coded verb ("supported Moscow's invasion")
    focus: Token | None = None  # the one conjoined object this predicate is about
    # a judgement's (speaker, judged actor): "the US was bad at ..., Short said" (judgements.py)
    judged: tuple[Mention, Mention] | None = None


def when_phrase(prep: Token) -> bool:
    """Whether a preposition only tells a time ("on Saturday", "in May")."""
    objects = [c for c in prep.children if c.dep_ == "pobj"]
    return bool(objects) and all(o.ent_type_ in ("DATE", "TIME") for o in objects)


def naming(verb: Token, deps: frozenset[str]) -> bool:
    """Whether a verb or its object has a common noun (or adjective) in one of the relations
    `deps` that is predicated of the object: "called Putin [a liar]" (oprd), "called the envoy
    [a stupid guy]" (appos), "called Ukraine's offer [a provocation]" (ccomp); an appos, a dobj
    or an npadvmod counts only when indefinite ("called Trump [a coward]" parsed as one object,
    "called the move [a dangerous step]"; "called him last week" is no naming)."""
    for child in [*verb.children, *(g for o in objects_of(verb) for g in o.children)]:
        if child.dep_ not in deps or (child.pos_ not in ("NOUN", "ADJ") and child.dep_ != "ccomp"):
            continue
        if child.dep_ not in ("appos", "dobj", "npadvmod") or any(
            d.lower_ in ("a", "an") for d in child.children
        ):
            return True
    return False


def objects_of(verb: Token) -> list[Token]:
    """The objects of a verb (direct, attribute or passive subject) and their conjuncts."""
    out = []
    for child in verb.children:
        if child.dep_ in ("dobj", "attr", "nsubjpass"):
            out.append(child)
            out += [c for c in child.children if c.dep_ == "conj"]
    return out


def object_heads(predicate: Predicate) -> list[Token]:
    """The head nouns of what a predicate acts on: its objects (or the one it is about), and the
    objects of on/against/at/into/for after an event noun ("an assault on the market", "demand
    for air travel")."""
    token = predicate.token
    heads = [predicate.focus] if predicate.focus is not None else objects_of(predicate.head)
    heads = [] if predicate.nominal else heads + relative_object(predicate.head)
    verb = predicate.head
    if (
        not predicate.nominal
        and verb.dep_ == "acl"
        and verb.tag_ in ("VBN", "VBD")  # the parser tags some participles as past tense
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
    ):
        heads.append(verb.head)  # "the deal, [struck] at the summit": what was struck
    heads += [  # "captured a fifth of the market"
        c for t in heads for p in t.children if p.dep_ == "prep" and p.lower_ == "of"
        for c in p.children if c.dep_ == "pobj"
    ]  # fmt: skip
    if not predicate.nominal and not heads:  # "cracked down on credit", "fought against graft",
        heads += [  # "fighting for the leadership"
            c for p in verb.children if p.dep_ == "prep" and p.lower_ in ("on", "against", "for")
            for c in p.children if c.dep_ in ("pobj", "pcomp")
        ]  # fmt: skip
    if token != predicate.head or predicate.nominal:
        heads = [t for t in heads if t != token]
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ in ("on", "against", "at", "into", "for"):
                heads += [c for c in prep.children if c.dep_ == "pobj"]
    return heads


def relative_object(verb: Token) -> list[Token]:
    """The noun a relative pronoun object stands for: "the attack [that] Russia launched"."""
    if verb.dep_ == "relcl" and any(c.dep_ == "dobj" and c.tag_ == "WDT" for c in verb.children):
        return [verb.head]
    return []


def subjects_of(verb: Token) -> list[Token]:
    """The subject words of a verb, inherited from the verb it completes or is conjoined to
    ("a tsunami is set to [hit] the banks")."""
    current = verb
    for _ in range(4):
        found = [c for c in current.children if c.dep_ in SUBJECTS]
        if found or current.dep_ not in ("xcomp", "conj", "advcl") or current.head == current:
            return found
        current = current.head
    return []


def clause_verb(token: Token) -> Token:
    """The verb whose clause holds a noun (for subject, negation and modality)."""
    for ancestor in token.ancestors:
        if ancestor.pos_ in ("VERB", "AUX"):
            return ancestor
    return token


def complement_words(predicate: Predicate) -> list[str]:
    """Lemmas of what the predicate is about: its objects, complements and the noun's modifiers."""
    token, head = predicate.token, predicate.head
    words: list[str] = []
    roots = [  # a passive's subject is what was done ("peacekeepers were [deployed]")
        c for c in head.children
        if (c.dep_ not in SUBJECTS or (c.dep_ == "nsubjpass" and not predicate.nominal))
        and c.dep_ not in ("aux", "neg") and not _side_act(c)
    ]  # fmt: skip
    if predicate.focus is not None:
        return [
            t.lemma_.lower() for t in predicate.focus.subtree if t.i >= predicate.focus.left_edge.i
        ]
    objects = objects_of(head)
    if len(objects) > 1:  # the first of several conjoined objects: only it, not its conjuncts
        roots = [c for c in roots if c != objects[0]]
        words += [t.lemma_.lower() for t in _about(objects[0]) if t not in objects[1:]]
    if token != head:
        roots.append(token)
    words += [t.lemma_.lower() for t in relative_object(head)]
    for root in roots:
        words += [t.lemma_.lower() for t in _about(root) if t.is_alpha or "-" in t.text]
    return words


def _side_act(child: Token) -> bool:
    """Whether a verb's child tells another act beside it, not what it is about: a participle
    clause ("launched his campaign in Scotland, [attacking] the Tories")."""
    return (
        child.dep_ == "advcl"
        and child.tag_ in ("VBG", "VBN")
        and not any(c.dep_ in ("aux", "mark") for c in child.children)
    )


def _about(root: Token) -> list[Token]:
    """The words of a phrase less its relative clauses, which tell another act about the noun
    ("reduced the debt [it took on to fund the takeover]": no funding)."""
    inner = {t.i for c in root.subtree if c.dep_ == "relcl" and c != root for t in c.subtree}
    return [t for t in root.subtree if t.i not in inner]


def for_to_clause(verb: Token) -> bool:
    """Whether a verb opens a "for X to ..." clause: what is called for, waited for or made
    possible, not done ("called for the embargo [to be lifted]", "its call for Syria to
    [withdraw]")."""
    marked = to = False
    for child in verb.children:  # one pass: asked of every child of every verb looked up
        dep = child.dep_
        if dep == "mark":
            marked = marked or child.lower_ == "for"
        elif dep == "aux":
            to = to or child.lower_ == "to"
    return marked and to


def to_clause(verb: Token) -> bool:
    """Whether a verb opens a "to" clause that hangs from a noun ("a plan [to annex]")."""
    return verb.dep_ in ("acl", "relcl") and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in verb.children
    )


def own_clause(verb: Token) -> bool:
    """Whether a complement clause has its own subject ("warned [that Russia will attack]")."""
    return verb.dep_ in ("ccomp", "advcl") and any(c.dep_ in SUBJECTS for c in verb.children)
