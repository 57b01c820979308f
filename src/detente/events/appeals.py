"""Whom an appeal or a demand is addressed to: its named addressee, never the body an inquiry it
calls for would look into (`appeal_roots`, `inquiry_nouns` in `events/data/roles.yaml`)."""

from __future__ import annotations

from collections.abc import Collection, Iterable

from spacy.tokens import Token

from detente.model import Mention
from detente.parse.index import MentionIndex

ADDRESSING_PREPS = ("on", "upon")  # "called on fellow Republicans to ..."
ASKED_OF = ("from", "of")  # "requested weapons from Germany", "asked help of the UN"


def addressed(
    verb: Token, targets: list[Mention], actors: MentionIndex, inquiry_nouns: Collection[str]
) -> list[Mention]:
    """An appeal's `targets` (mentions, as `Parties` found them) less the body an inquiry it calls
    for would look into ("called for an inquiry into [the agency]", "demanded an investigation
    into [the FBI]"); none at all when the appeal names an addressee that is no actor ("called on
    fellow Republicans to unendorse [Trump]": Trump is not asked anything). Reads only the
    verb's own children: cheap per predicate."""
    asked = [c for c in verb.children if c.dep_ == "dobj"]
    addressees = asked + [
        o for p in verb.children if p.dep_ in ("prep", "prt") and p.lower_ in ADDRESSING_PREPS
        for o in p.children if o.dep_ == "pobj"
    ]  # fmt: skip
    if asked:  # "requested weapons [from Germany]": whom the thing is asked of
        addressees += [o for p in verb.children if p.dep_ == "prep" and p.lower_ in ASKED_OF
                       for o in p.children if o.dep_ == "pobj"]  # fmt: skip
    told = _starts(addressees, actors)
    if addressees and not any(t.start in told for t in targets):
        return []
    asked += [o for p in verb.children if p.dep_ == "prep" for o in p.children]
    looked_into = _starts((n for n in asked if n.lemma_.lower() in inquiry_nouns), actors)
    return [t for t in targets if t.start not in looked_into]


def _starts(phrases: Iterable[Token], actors: MentionIndex) -> set[int]:
    """The start offsets of the mentions inside the phrases headed by `phrases`."""
    return {m.start for n in phrases for t in n.subtree for m in actors.by_token.get(t.i, ())}
