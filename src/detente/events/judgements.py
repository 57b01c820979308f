"""Judgements of how an actor acts: "the US was bad at coordinating the aid, Short said" tells
Short's criticism of the US, not an act of the US (word classes in `lexicon/assertion.yaml`).

An adjective of judgement completed by an act ("bad at [coordinating]", "has been slow to
[deliver]", "was wrong to [support]") and, in reported speech only, a verb of failure ("failed
to [support]", not a failed outcome: "failed to reach agreement") judge the act: it is not told
as done. A known speaker judging a known actor criticises (111) or praises (051) it.
"""

from __future__ import annotations

from spacy.tokens import Token

from detente.events.assertion import SAYS
from detente.events.cameo import Pattern
from detente.model import Mention
from detente.parse.index import MentionIndex, first
from detente.parse.verbs import REPORTING

JUDGING_PREPS = frozenset({"at", "in", "about", "with", "on"})
BLAME, PRAISE = "111", "051"
PATTERNS = {code: Pattern(lemma="<judgement>", code=code) for code in (BLAME, PRAISE)}


def _judging_adjective(word: Token) -> bool:
    lemma = word.lemma_.lower()
    return word.pos_ == "ADJ" and (lemma in SAYS.blame_words or lemma in SAYS.praise_words)


def judgement_over(verb: Token) -> Token | None:
    """The word that judges an act verb: the adjective of "was bad at [coordinating]", "has been
    too slow to [deliver]", or, in reported speech, the verb of "failed to [support]"; None when
    the verb is told as an act of its own (also "failed to [reach] agreement": an outcome)."""
    while verb.dep_ == "conj" and verb.head != verb:
        verb = verb.head  # "slow to deliver and [distribute]"
    head = verb.head
    if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.lower_ in JUDGING_PREPS:
        head = head.head  # "bad [at] coordinating"
    elif verb.dep_ != "xcomp":
        return None
    if head.dep_ == "acomp" and _judging_adjective(head):
        return head
    if head.lemma_.lower() in SAYS.copulas:  # "was wrong [to support]" hung from the copula
        return next((c for c in head.children if c.dep_ == "acomp" and _judging_adjective(c)), None)
    if (
        verb.dep_ == "xcomp"
        and head.lemma_.lower() in SAYS.failing_verbs
        and verb.lemma_.lower() not in SAYS.failed_outcomes
        and reporting_verb(head) is not None
    ):
        return head
    return None


def judged_clause(judge: Token) -> Token:
    """The clause verb whose subject a judging word judges: the copula of an adjective ("was"
    bad), the verb of failure itself."""
    return judge.head if judge.pos_ == "ADJ" else judge


def reporting_verb(clause: Token) -> Token | None:
    """The verb of saying whose that-clause (or parenthetical) a clause is ("[the US was bad
    ...], Short [said]"), or None."""
    below = clause
    for ancestor in clause.ancestors:
        if ancestor.lemma_.lower() in REPORTING and below.dep_ in ("ccomp", "parataxis"):
            return ancestor
        below = ancestor
    return None


def judged_act(judge: Token) -> bool:
    """Whether a judging word is completed by an act ("bad at [coordinating]", "slow to
    [deliver]"), not a thing ("bad at football", "a slow response")."""
    if judge.pos_ == "ADJ" and judge.dep_ != "acomp":
        return False
    holders = [judge, judge.head] if judge.pos_ == "ADJ" else [judge]
    acts = [c for t in holders for c in t.children if c.dep_ == "xcomp"]
    acts += [
        c for t in holders for p in t.children if p.dep_ == "prep" and p.lower_ in JUDGING_PREPS
        for c in p.children if c.dep_ == "pcomp"
    ]  # fmt: skip
    return any(c.pos_ in ("VERB", "AUX") and judgement_over(c) == judge for c in acts)


def judgement_parties(judge: Token, actors: MentionIndex) -> tuple[Mention, Mention] | None:
    """The (speaker, judged actor) of a judgement in reported speech, both linked and neither
    speaking for the other (IRNGOV and IRN), or None (a judgement told by the writer, by no one
    known, or of the speaker's own side is no event)."""
    if not judged_act(judge):
        return None
    clause = judged_clause(judge)
    said = reporting_verb(clause)
    if said is None:
        return None
    speaker, judged = first(actors.subject(said)), first(actors.subject(clause))
    if speaker is None or judged is None:
        return None
    a, b = speaker.actor_code, judged.actor_code
    if a.startswith(b) or b.startswith(a):
        return None  # "Iran was right to reject the deal, Khamenei said": its own side
    return speaker, judged


def judgement_pattern(judge: Token) -> Pattern:
    """The pattern a judgement codes: praise (051) for "right", "wise"..., else criticism
    (111)."""
    return PATTERNS[PRAISE if judge.lemma_.lower() in SAYS.praise_words else BLAME]


def judging_lemmas() -> frozenset[str]:
    """Every lemma that may judge an act (adjectives of blame and praise, verbs of failure)."""
    return SAYS.blame_words | SAYS.praise_words | SAYS.failing_verbs
