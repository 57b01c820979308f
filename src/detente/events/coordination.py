"""Coordinated actors the parser hung in the wrong place: "Both the IMF and World Bank" comes out
as "the [IMF and World] Bank", the first actor a modifier of the second's head; "sanctions and a
travel ban on X" hangs the target phrase on the last conjunct only."""

from __future__ import annotations

from spacy.tokens import Token

from detente.model import Mention
from detente.parse.index import DIRECT_PREPS, SUBJECTS, MentionIndex


def joined_subjects(verb: Token, found: list[Mention], actors: MentionIndex) -> list[Mention]:
    """`found` (the actors of `verb`'s subject) with the actors of its own subject's modifiers
    that carry a coordinator ("the IMF and World Bank": IMF is a modifier of Bank holding "and"),
    in text order; `found` itself when there are none."""
    subject = next((c for c in verb.children if c.dep_ in SUBJECTS), None)
    if subject is None:
        return found
    extra = [
        m
        for c in subject.children
        if c.dep_ in ("nmod", "compound") and any(g.dep_ == "cc" for g in c.children)
        for m in actors.at(c)
        if m not in found
    ]
    return sorted(found + extra, key=lambda m: m.start) if extra else found


def conjunct_phrase(noun: Token, actors: MentionIndex, preps: tuple[str, ...]) -> list[Mention]:
    """The actors of a target phrase that the parser hung on the last of conjoined nouns:
    "sanctions and a travel ban [on Belarusian officials]" target the officials with both."""
    walls = frozenset(DIRECT_PREPS) - frozenset(preps)
    for conj in noun.conjuncts if noun.dep_ != "conj" else ():
        if conj.i > noun.i:
            found = actors.after(conj, preps, walls=walls)
            if found:
                return found
    return []
