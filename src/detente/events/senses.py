"""Senses the event coder drops after coding: negations that are no event, suffered participles,
sports scenes and help to one's own country (word lists in events/data/senses.yaml)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from spacy.tokens import Span, Token

from detente.model import Mention
from detente.yamlfiles import load_yaml

# a score, "leading 18-12" (not a date, "2004-05", "2024-03-02")
SCORE = re.compile(r"(?<![\w-])\d{1,2}-\d{1,2}(?![\w-])")


@dataclass(frozen=True)
class Senses:
    """The word lists of events/data/senses.yaml."""

    negated_not_coded: frozenset[str]  # codes whose negation is no event ("did not deny")
    degree_words: frozenset[str]  # "worst hit": suffered, not done
    force_roots: frozenset[str]  # roots of force, not coded in a sports scene
    sport_words: frozenset[str]  # lemmas that set a sports scene
    sport_phrases: tuple[str, ...]  # lower-case text that sets one
    own_aid_codes: tuple[str, ...]  # code prefixes of help given only to another actor

    def no_event_when_negated(self, code: str) -> bool:
        """Whether a negated `code` is no event at all ("did not deny the report": 016)."""
        return code in self.negated_not_coded

    def sport_force(self, code: str, sent: Span) -> bool:
        """Whether a code of force is told in a sports scene ("Italy launched a series of
        attacks as the game entered the final quarter"): no violence. Checked only for force
        codes, so a sentence's words are read only when one is found."""
        if code[:2] not in self.force_roots:
            return False
        if any(t.pos_ == "NOUN" and t.lemma_.lower() in self.sport_words for t in sent):
            return True
        text = sent.text.lower()
        return SCORE.search(text) is not None or any(p in text for p in self.sport_phrases)

    def own_aid(self, code: str, source: Mention | None, target: Mention | None) -> bool:
        """Whether an act of help goes to the source's own country ("China's leaders protect
        China's boom", CHNGOV → CHN): policy, no aid between actors. International bodies
        (codes of `international` prefixes) count as one actor only with the same code."""
        if source is None or target is None or not code.startswith(self.own_aid_codes):
            return False
        a, b = source.actor_code, target.actor_code
        if not a or not b or a[:3] != b[:3]:
            return False
        return a[:3] not in ("IGO", "NGO", "MNC") or a.startswith(b) or b.startswith(a)


def suffered(verb: Token, senses: Senses) -> bool:
    """Whether a bare participle tells what its subject suffered ("with Sri Lanka and India
    [worst] hit", "the hardest hit regions"): an adverb of degree right before the verb, no
    auxiliary and no object; its subject is the victim, never the doer."""
    if verb.tag_ not in ("VBN", "VBD", "VBP") or verb.i == verb.sent.start:  # parsed as any
        return False
    before = verb.doc[verb.i - 1]
    if before.lower_ not in senses.degree_words or before.head != verb:
        return False
    return not any(c.dep_ in ("aux", "auxpass", "dobj") for c in verb.children)


@cache
def load_senses() -> Senses:
    """The word lists of events/data/senses.yaml (cached)."""
    text = (resources.files("detente.events") / "data" / "senses.yaml").read_text(encoding="utf-8")
    data = load_yaml(text)
    return Senses(
        negated_not_coded=frozenset(str(c) for c in data["negated_not_coded"]),
        degree_words=frozenset(data["degree_words"]),
        force_roots=frozenset(str(c) for c in data["force_roots"]),
        sport_words=frozenset(data["sport_words"]),
        sport_phrases=tuple(data["sport_phrases"]),
        own_aid_codes=tuple(str(c) for c in data["own_aid_codes"]),
    )
