"""Pronouns: "he", "her" to the person subject of the clause that governs them, or of the
previous sentence, where the parse leaves one candidate of the same gender."""

from __future__ import annotations

from spacy.tokens import Token

from detente.actors.kb import KnowledgeBase
from detente.actors.records import Found
from detente.parse.units import Unit

PRONOUNS = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f",
            "hers": "f", "herself": "f"}  # fmt: skip
SUBJECTS = frozenset({"nsubj", "nsubjpass"})


def link_pronouns(
    kb: KnowledgeBase, u: int, unit: Unit, found: list[Found], last: Found | None
) -> tuple[list[Found], Found | None]:
    """Third-person pronouns of a segment, linked to the person subject of the clause that
    governs them or, failing that, of the previous sentence (`last`); returns every mention of
    the segment in order and the subject its last sentence leaves for the next."""
    people = [f for f in found if f.person]
    by_token = {i: f for f in people for i in range(f.start, f.end)}
    out = list(found)
    for sent in unit.doc.sents:
        for token in sent:
            gender = PRONOUNS.get(token.lower_)
            if gender is None or token.pos_ != "PRON":
                continue
            antecedent, confidence = _governing_subject(token, by_token), 0.75
            if antecedent is None and not any(sent.start <= f.start < token.i for f in people):
                antecedent, confidence = last, 0.62
            if antecedent is None or not _agrees(kb, antecedent, gender):
                continue
            pronoun = Found(u, token.i, token.i + 1, antecedent.code, "pronoun", confidence,
                            antecedent.person)  # fmt: skip
            out.append(pronoun)
            by_token[token.i] = pronoun
        subject = next((by_token.get(t.i) for t in sent.root.children if t.dep_ in SUBJECTS), None)
        if subject is None:  # "Kim called the launch a warning, state media reported."
            subject = next(
                (by_token[t.i] for t in sent if t.dep_ in SUBJECTS and t.i in by_token), None
            )
        last = subject
    return sorted(out, key=lambda f: (f.start, f.end)), last


def _governing_subject(token: Token, by_token: dict[int, Found]) -> Found | None:
    """The person subject of the nearest clause above the pronoun that has one; for a clause
    that completes "urged X to ...", X (object control)."""
    below = token
    for ancestor in token.ancestors:
        if below.dep_ == "xcomp":
            controller = next((c for c in ancestor.children if c.dep_ == "dobj"), None)
            if controller is not None and controller.i in by_token:
                return by_token[controller.i]
        below = ancestor
        if ancestor == token.head and token.dep_ in SUBJECTS:
            continue
        for child in ancestor.children:
            if child.dep_ in SUBJECTS and child.i < token.i and child != token:
                return by_token.get(child.i)
    return None


def _agrees(kb: KnowledgeBase, found: Found, gender: str) -> bool:
    person = kb.people.get(found.person or "")
    return person is None or person.gender is None or person.gender == gender
