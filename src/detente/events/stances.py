"""Words of a stance that are no act: a stance noun told as a clause's subject or as what there
is ("Labour's core support takes stock", "there is broad agreement"), and the actor inside a
subject that names its opponents ("critics of Blair agreed": not Blair's act).

The word lists are `stance_nouns` and `opposer_nouns` in events/data/roles.yaml.
"""

from __future__ import annotations

from spacy.tokens import Token

from detente.model import Mention
from detente.parse.index import SUBJECTS, MentionIndex


def stance_told(noun: Token, stance_nouns: frozenset[str]) -> bool:
    """Whether an event noun of a stance (`stance_nouns`) is told as a state, not an act: the
    subject of its clause ("Labour's core support [takes] stock", "public backing [waned]") or
    the attribute of an existential "be" ("there is broad agreement that ...")."""
    if noun.lemma_.lower() not in stance_nouns:
        return False
    subject = noun
    while subject.dep_ == "conj" and subject.head != subject:
        subject = subject.head
    if subject.dep_ in SUBJECTS:
        return True
    head = subject.head
    return subject.dep_ == "attr" and any(c.dep_ == "expl" for c in head.children)


def opposed_source(
    verb: Token, source: Mention | None, actors: MentionIndex, opposer_nouns: frozenset[str]
) -> bool:
    """Whether the source of a verb's act was found inside a subject that names the source's
    opponents ("[critics of Blair] seemed to agree", "[Putin's opponents] marched"): the
    critics are not Blair. A subject that is linked itself ("Kremlin critics" as an opposition
    code) keeps its actor."""
    if source is None:
        return False
    current = verb
    for _ in range(4):  # the subject a complement or a conjunct inherits ("seemed to [agree]")
        subjects = [c for c in current.children if c.dep_ in SUBJECTS]
        if subjects or current.dep_ not in ("xcomp", "conj", "advcl") or current.head == current:
            break
        current = current.head
    for subject in subjects:
        if subject.lemma_.lower() not in opposer_nouns or subject.i in actors.by_token:
            continue
        inside = (t.i for t in subject.subtree if t.i != subject.i)
        if any(source in actors.by_token.get(i, ()) for i in inside):
            return True
    return False
