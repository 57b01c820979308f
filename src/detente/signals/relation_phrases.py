"""Which mention an argument head of a relation cue stands for: the noun phrases a mention stands
inside ("Mrs Clinton's advisers" speak for Clinton), what a copula says it is ("Citigroup is one
of the banks A sued")."""

from __future__ import annotations

from collections.abc import Collection

from spacy.tokens import Span, Token

from detente.signals.relation_arguments import LINKS, VERBAL, is_negation

PHRASE = LINKS | {"poss", "prep", "pobj"}
"""Dependencies that keep a mention inside a larger noun phrase: "Mrs Clinton's advisers", "the
Republican nominee", "the proposals of Republican candidates" speak for the mention."""
OWN_PHRASE = LINKS | {"poss"}
PHRASE_PREPS = frozenset({"of", "from", "by", "for", "like", "on", "at"})
"""The prepositions through which a noun phrase still speaks for its object."""
PHRASE_STEPS = 4


def phrase_heads(
    span: Span, links: frozenset[str] = PHRASE, agents: Collection[str] = ()
) -> set[int]:
    """The token indices of the noun phrases a mention stands inside, from its own head up to
    `PHRASE_STEPS` steps through `links`, never past a verb: the argument a mention belongs to.
    A holder's phrase does not go through prepositions (`OWN_PHRASE`): "a scholar at the
    university" speaks for the scholar, not the university. Nor past an agent noun of `agents`:
    "Rubio supporters" are not Rubio's side, they are his supporters.
    A step through coordination or "some of" is free: "the media, activists and the Republican
    establishment" are one argument."""
    tok = span.root
    out = {tok.i}
    steps = 0
    while steps < PHRASE_STEPS and len(out) <= 2 * PHRASE_STEPS:
        if tok.dep_ not in links or tok.head == tok or tok.head.pos_ in VERBAL:
            break
        if tok.head.lemma_ in agents:
            break
        if tok.dep_ == "pobj" and tok.head.lower_ not in PHRASE_PREPS:
            break  # "remarks on Twitter" are not Twitter's, "the proposals of B" are B's
        steps += tok.dep_ != "conj" and not _counting(tok)
        tok = tok.head
        out.add(tok.i)
    return out


def holds(argument: Token, span: Span, agents: Collection[str] = ()) -> bool:
    """Whether an argument head is the mention's phrase (the mention, the phrase it heads, or a
    noun phrase it stands inside: "Mrs Clinton's advisers accused Sanders" is Clinton's side),
    or in apposition to it ("Palin, someone A respects"); never through an agent noun."""
    if span.start <= argument.i < span.end:
        return True
    heads = phrase_heads(span, PHRASE, agents)
    if argument.i in heads or (argument.dep_ == "appos" and argument.head.i in heads):
        return True
    return argument.i in _predicated(span.root)


def _predicated(mention: Token) -> set[int]:
    """What a copula says its subject is: "Citigroup is one of the banks (that A sued)", "B is
    a leader (A admires)", "B was among the groups (that condemned C)", "Among the groups (that
    condemned C) was the group B": the predicate noun, what "one of" counts it among, and
    what "among" names."""
    tok = mention.head if mention.dep_ == "appos" else mention
    verb = tok.head
    if tok.dep_ not in ("nsubj", "attr") or verb.lemma_ != "be":
        return set()
    if any(map(is_negation, verb.children)):
        return set()
    out = set()
    for c in verb.children:
        if c.dep_ == "attr" and c.pos_ in ATTRS and c != tok:
            out.add(c.i)
            if c.pos_ != "NOUN":
                out |= {g.i for o in c.children if o.lower_ == "of" for g in o.children
                        if g.dep_ == "pobj"}  # fmt: skip
        elif c.dep_ == "prep" and c.lower_ == "among":
            out |= {g.i for g in c.children if g.dep_ == "pobj"}
    return out


ATTRS = frozenset({"NOUN", "NUM", "PRON"})


def _counting(tok: Token) -> bool:
    """Whether a step from `tok` to its head is inside "some of", "one of", "many of": free, so
    "some of the proposals from Republican candidates" is still the candidates' phrase."""
    of = tok.head if tok.dep_ == "pobj" else tok
    return of.lower_ == "of" and of.dep_ == "prep" and of.head.pos_ in ("PRON", "NUM", "ADJ")
