"""Verb patterns and codes: which lexicon pattern a verb matches and the code a predicate expresses.

The coder's lexicon lookups: `verb_pattern` picks the pattern of a verb by its lemma, particles,
prepositions and mandative clause; `refine` gives the code of a predicate, refined by the words
of its objects and complements, or None for a word sense that is no political event
(`other_sense`).
"""

from __future__ import annotations

from spacy.tokens import Token

from detente.events.assertion import mandative_clause
from detente.events.cameo import Lexicon, Pattern
from detente.events.clauses import headline_passive
from detente.events.grammar import (
    Predicate,
    complement_words,
    for_to_clause,
    naming,
    object_heads,
    objects_of,
    subjects_of,
    when_phrase,
)
from detente.events.roles import Roles

# The refinement key a verb's object that names a place (a named entity of these types) gives:
# `"<place>": "192"` under `seize` codes "seized Crimea" as an occupation, not a seizure of goods.
PLACE = "<place>"
PLACE_TYPES = frozenset({"GPE", "LOC"})
# A `not_objects` key for an object that is a sum or a share ("claimed $916 million", "met 2%");
# as a refine key, an object that is a sum ("gave $2 million to Nigeria").
FIGURE = "<money>"
FIGURE_TYPES = frozenset({"MONEY", "PERCENT"})


def verb_pattern(lexicon: Lexicon, verb: Token) -> Pattern | None:
    """The first pattern of a verb's lemma that its particles, prepositions and clauses fit, or
    None (at once for a lemma the lexicon lacks)."""
    patterns = lexicon.verbs.get(verb.lemma_.lower())
    if not patterns:
        return None
    children = list(verb.children)
    particles: set[str] = set()
    preps: set[str] = set()
    for child in children:
        dep = child.dep_
        if dep == "prt":
            particles.add(child.lower_)
        if dep in ("prep", "agent", "dative", "prt") and not when_phrase(child):
            preps.add(child.lower_)  # "called Lavrov on Saturday" is no "call on"
        elif dep == "advmod" and child.i == verb.i + 1:
            preps.add(child.lower_)  # "stepped [down]" parsed as an adverb: still "step down"
    if any(for_to_clause(c) for c in children):
        preps.add("for")  # "called for the embargo to be lifted"
    mandative: bool | None = None
    infinitive = any(
        c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
        for c in children
    )
    for pattern in patterns:
        if pattern.no_to_clause and infinitive:
            continue  # "agreed with France to share intelligence": the plain "agree"
        if pattern.to_clause and not infinitive:
            continue  # "the plan encourages investment": no appeal
        if pattern.prt is not None and pattern.prt not in preps:
            continue  # the parser tells "pulled out of" with "out" as a preposition
        if pattern.prep is not None and pattern.prep not in preps:
            continue
        if pattern.prt is None and particles - {pattern.prep}:
            continue  # a phrasal verb is another verb: "backed down", "gave up"
        if pattern.mandative:
            if mandative is None:
                mandative = any(mandative_clause(c) for c in children)
            if not mandative:
                continue
        return pattern
    return None


def refine(lexicon: Lexicon, roles: Roles, predicate: Predicate) -> str | None:
    """The code a predicate expresses, refined by its complements; None when it codes
    nothing (a `code: null` pattern without a refinement, or a word sense that is no
    political event)."""
    if other_sense(lexicon, predicate):
        return None
    if (
        not predicate.nominal
        and predicate.token.lemma_.lower() in roles.transitive
        and not objects_of(predicate.head)
    ):
        return None  # "aircraft were probing along the borders": no investigation
    if predicate.pattern.not_deps and naming(predicate.head, predicate.pattern.not_deps):
        return None  # "called Putin a liar": another sense of the verb
    if not predicate.pattern.refine and not predicate.pattern.no_event:
        return predicate.pattern.code
    words = complement_words(predicate)
    if predicate.pattern.no_event.intersection(words):
        return None  # "refused to deny the claims": neither a denial nor a refusal
    heads = object_heads(predicate) if not predicate.nominal else []
    if any(t.ent_type_ in PLACE_TYPES for t in heads):
        words.append(PLACE)  # "seized Crimea": a named place taken, no property
    if any(t.ent_type_ == "MONEY" for t in heads):
        words.append(FIGURE)  # "gave $2 million to Nigeria": a sum handed over
    if predicate.token != predicate.head:
        words.append(predicate.head.lemma_.lower())  # "lodged a protest": the light verb
    text = " ".join(words)
    found = [code for key, code in predicate.pattern.refine
             if key in words or (" " in key and key in text)]  # fmt: skip
    if found:  # the most specific code any refinement gives; the first written on a tie
        return max(found, key=len)
    return predicate.pattern.code


def other_sense(lexicon: Lexicon, predicate: Predicate) -> bool:
    """Whether the subject or an object shows a sense that is no political event ("the storm
    struck Florida", "an assault on the US market", "struck a conciliatory tone")."""
    banned = predicate.pattern.not_objects
    figures = FIGURE in banned
    acted_on = object_heads(predicate)
    if not predicate.nominal:  # a passive's subject: "the aid was [targeted] to ..."
        acted_on += [c for c in predicate.head.children if c.dep_ == "nsubjpass"]
    if any(
        t.lemma_.lower() in banned or (figures and t.ent_type_ in FIGURE_TYPES) for t in acted_on
    ):
        return True  # "met the bar", "claimed a loss", "claimed $5 million in expenses"
    if not predicate.nominal and _purpose_or_forecast(predicate):
        return True  # "targeted to securing the border", "warned profits may decline"
    if (
        predicate.pattern.not_modifiers
        and predicate.token.pos_ == "NOUN"
        and modifier_words(predicate.token) & predicate.pattern.not_modifiers
    ):
        return True  # "a trade war", "5 percent support", "a threat to Europe"
    if predicate.nominal:  # "in charge", "under fire": the word carrying the noun
        return predicate.token.head.lemma_.lower() in banned
    if predicate.token != predicate.head and predicate.head.lemma_.lower() in banned:
        return True  # "took charge": the light verb says it is no accusation
    agents = [  # the subject of a passive: "was supported by 42 percent of voters"
        c for a in predicate.head.children if a.dep_ == "agent" for c in a.children
        if c.dep_ == "pobj"
    ]  # fmt: skip
    head = predicate.head
    if not agents and headline_passive(head):  # "Paris Store Hit by Jewelry Heist"
        agents = [c for a in head.children if a.lower_ == "by" for c in a.children]
    subjects = subjects_of(head)
    if agents:  # "the comment was criticised by the SNP": the doer is the agent, not the comment
        subjects = [t for t in subjects if t.dep_ != "nsubjpass"]
    if not agents and _gerund_subject(head):
        return True  # "attacking Mr Campbell had brought it trouble": a way of acting, no act
    if not subjects and head.dep_ == "acl" and head.tag_ == "VBG":
        subjects = [head.head]  # "tweets [targeting] lawmakers"; not "plans [backed] by the UK"
    titled = head.is_title and head.i > head.sent.start  # Title Case: every word a "name"
    return any(  # a name is never a common noun in another sense: "World Food Programme"
        t.lemma_.lower() in lexicon.not_subjects and (titled or t.pos_ != "PROPN")
        for t in subjects + agents
    )


def _gerund_subject(verb: Token) -> bool:
    """Whether a gerund is the subject of another clause ("attacking Iran would be a mistake"),
    also where the parser hung it as the object of the verb above that clause ("Labour believed
    [attacking Mr Campbell] had brought it trouble": the clause after it has no subject)."""
    if verb.tag_ != "VBG" or any(c.dep_ in ("nsubj", "nsubjpass", "poss") for c in verb.children):
        return False  # "Russia's attacking Ukraine has united NATO": an act with its doer
    if verb.dep_ in ("csubj", "csubjpass"):
        return True
    return verb.dep_ == "xcomp" and any(
        c.dep_ == "ccomp" and c.i > verb.i and not subjects_of(c) for c in verb.head.children
    )


def _purpose_or_forecast(predicate: Predicate) -> bool:
    """Whether a verb tells a purpose (`purpose` patterns: "aid targeted to securing the
    border"), works by other means than its sense (`not_instruments`: "targeted voters with
    adverts") or tells a forecast (`not_topics`: "warned profits may decline"), no act."""
    pattern, verb = predicate.pattern, predicate.head
    if pattern.purpose and purpose_phrase(verb):
        return True
    if pattern.not_instruments and any(
        c.lemma_.lower() in pattern.not_instruments
        for p in verb.children if p.dep_ == "prep" and p.lower_ == "with"
        for c in p.children if c.dep_ == "pobj"
    ):  # fmt: skip
        return True  # "targeted journalists with disinformation": no force
    return bool(pattern.not_topics) and any(
        t.lemma_.lower() in pattern.not_topics for t in topics(verb)
    )


def topics(verb: Token) -> list[Token]:
    """What a verb of saying is about: the subject of its that-clause ("warned [profits] may
    decline") and the head of its "of" object ("warned of falling [sales]")."""
    found = [
        s for c in verb.children if c.dep_ == "ccomp"
        for s in c.children if s.dep_ in ("nsubj", "nsubjpass")
    ]  # fmt: skip
    return found + [
        c for p in verb.children if p.dep_ == "prep" and p.lower_ == "of"
        for c in p.children if c.dep_ in ("pobj", "pcomp")
    ]  # fmt: skip


PURPOSE_PREPS = frozenset({"to", "at", "towards", "toward"})


def purpose_phrase(verb: Token) -> bool:
    """Whether a verb has a to/at/towards phrase that opens an act ("targeted [to securing] the
    border", "aimed [at helping] Ukraine"): what it is for, not whom it acts on."""
    return any(
        p.dep_ == "prep" and p.lower_ in PURPOSE_PREPS
        and any(c.dep_ == "pcomp" and c.pos_ == "VERB" for c in p.children)
        for p in verb.children
    )  # fmt: skip


MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "nummod", "quantmod", "npadvmod"})


def modifier_words(noun: Token) -> set[str]:
    """The lemmas of a noun's modifiers ("trade" war, "percent" support), its prepositions as
    written ("threat [to]") and what its "of" phrases name ("war of [words]")."""
    words: set[str] = set()
    for child in noun.children:
        if child.dep_ in MODIFIER_DEPS:
            words.add(child.lemma_.lower())
        elif child.dep_ == "prep":
            words.add(child.lower_)
            if child.lower_ == "of":
                words.update(c.lemma_.lower() for c in child.children if c.dep_ == "pobj")
    return words
