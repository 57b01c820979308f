"""How far a clause's modal reaches: the clauses a "would", "could" or "may" governs, and the
event nouns a judgement's modal says nothing about.

`modality_of` (events/assertion.py) reads the auxiliaries of a predicate's clause and of the
clause above it ("could agree to meet"). Two shapes tell a fact under another clause's modal:

- a clause of time or cause under it ("It would be decades before European countries agreed to
  share a single currency"): the agreement happened; the modal is the narrator's;
- a definite event noun that is the subject of a judgement ("American commitments to Europe may
  be the most questionable"): the commitments exist; only the judgement is hedged. An indefinite
  one ("a Russian invasion could be imminent") is still a guess.
"""

from __future__ import annotations

from spacy.tokens import Token

from detente.parse.index import SUBJECTS

PAST = frozenset({"VBD", "VBN"})  # "agreed", "had agreed": told as done


def modal_chain(verb: Token, fact_marks: frozenset[str]) -> list[Token]:
    """The clause verbs whose auxiliaries tell `verb`'s modality: the verb and the verb above it,
    or the verb alone when it heads a past clause of time or cause (a mark of `fact_marks`:
    "before", "when", "since", "because"; "could take years until they agree" stays open)."""
    if (
        verb.dep_ == "advcl"
        and verb.tag_ in PAST
        and any(c.dep_ == "mark" and c.lower_ in fact_marks for c in verb.children)
    ):
        return [verb]
    return [verb, *verb.ancestors][:2]


def judged_fact(
    noun: Token, verb: Token, copulas: frozenset[str], open_words: frozenset[str]
) -> bool:
    """Whether an event noun is the definite subject of a judgement (`copulas`: "be", "seem"),
    so that the judgement's modal does not make the event a guess: "American commitments to
    Europe may be most questionable", "Russia's invasion would seem a mistake". Not when the
    noun is indefinite ("a Russian invasion could be a disaster") or the complement is about
    whether it happens (`open_words`: "imminent", "likely")."""
    if noun.dep_ not in SUBJECTS or noun.head != verb or verb.lemma_.lower() not in copulas:
        return False
    if any(
        c.dep_ == "det" and c.lower_ in ("a", "an", "any", "no", "another") for c in noun.children
    ):
        return False
    if noun.tag_ == "NN" and not any(c.dep_ in ("det", "poss") for c in noun.children):
        return False  # a bare singular: "war would be a disaster"
    complements = [c for c in verb.children if c.dep_ in ("acomp", "attr", "oprd", "xcomp")]
    return not any(w.lemma_.lower() in open_words for c in complements for w in c.subtree)
