"""Linked mentions by token, and the grammatical questions asked of them: who is the subject of
this verb, which actor does this noun phrase name, what is the object of this preposition."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from detente.model import Mention
from detente.parse.units import Unit

SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
DIRECT_PREPS = ("with", "to", "on", "against", "for", "toward", "towards", "between", "over")
PLACE_PREPS = ("at", "into", "in", "from", "of")
TARGET_PREPS = DIRECT_PREPS + PLACE_PREPS
# verbs whose object is made to do the complement ("urged X to ...": X is its subject)
OBJECT_CONTROL = frozenset({"urge", "ask", "call", "order", "force", "persuade", "invite", "tell"})


def first(mentions: list[Mention]) -> Mention | None:
    return mentions[0] if mentions else None


class MentionIndex:
    """The linked mentions of one segment, by token."""

    def __init__(self, unit: Unit, mentions: Sequence[Mention]) -> None:
        self.by_token: dict[int, list[Mention]] = {}
        self.last_speaker: str | None = None
        doc = unit.doc
        for m in mentions:
            if not m.actor_code:
                continue
            span = doc.char_span(
                m.start - unit.offset, m.end - unit.offset, alignment_mode="expand"
            )
            if span is None:
                continue
            for token in span:
                self.by_token.setdefault(token.i, []).append(m)

    def at(self, token: Token) -> list[Mention]:
        """The actors a noun phrase headed by `token` names (with its conjuncts)."""
        found = list(self.by_token.get(token.i, []))
        if not found:
            for child in token.children:
                if child.dep_ in ("poss", "compound", "amod", "nmod") and child.i in self.by_token:
                    found += self.by_token[child.i]
                    break
        if not found and token.pos_ in ("NOUN", "NUM"):  # "thousands of Georgians"
            for child in token.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    found += [m for p in child.children if p.dep_ == "pobj" for m in self.at(p)]
        for conj in token.children:
            if conj.dep_ == "conj":
                found += [m for m in self.at(conj) if m not in found]
        return sorted(found, key=lambda m: m.start)

    def subject(self, verb: Token) -> list[Mention]:
        """The subject of a verb, inherited from the clause it hangs from when it has none."""
        current: Token | None = verb
        while current is not None:
            for child in current.children:
                if child.dep_ in SUBJECTS:
                    return self.at(child)
            if current.dep_ == "xcomp":
                controller = next((c for c in current.head.children if c.dep_ == "dobj"), None)
                if controller is not None and current.head.lemma_.lower() in OBJECT_CONTROL:
                    return self.at(controller)
            if current.dep_ in ("xcomp", "conj", "advcl", "acl", "acomp", "pcomp", "prep") and (
                current.head != current
            ):
                if current.dep_ == "acl" and current.head.pos_ in ("NOUN", "PROPN"):
                    return self.at(current.head)
                current = current.head
            elif current.dep_ == "relcl":
                return self.at(current.head)
            else:
                current = None
        return []

    def objects(self, verb: Token, trigger: Token, depth: int = 0) -> list[Mention]:
        """The target: the object, then a prepositional object of the trigger or the verb, then
        what the verb's complement clause is about ("demanded that [the US] stop", "pledged to
        deepen cooperation [with France]")."""
        for child in verb.children:
            if child.dep_ in ("dobj", "dative", "iobj", "attr") and child != trigger:
                found = self.at(child) or self.inside(child)
                if found:
                    return found
        for child in trigger.children if trigger != verb else ():
            if child.dep_ == "prep" and child.lower_ in TARGET_PREPS:
                found = self.after(trigger, (child.lower_,))
                if found:
                    return found
        found = self.after(verb, DIRECT_PREPS)
        if found or depth >= 2:
            return found
        for child in verb.children:
            if child.dep_ in ("xcomp", "ccomp"):
                subject = [c for c in child.children if c.dep_ in SUBJECTS]
                found = (self.at(subject[0]) if subject else []) or self.objects(
                    child, child, depth + 1
                )
                if found:
                    return found
        return []

    def place(self, verb: Token) -> list[Mention]:
        """A prepositional object of place or origin ("in Moscow", "from Pyongyang")."""
        return self.after(verb, PLACE_PREPS)

    def after(self, token: Token, preps: Sequence[str], deep: bool = False) -> list[Mention]:
        """Actors in the object of a preposition that depends on `token` ("visit to X")."""
        for prep in preps:
            for child in token.children:
                if child.dep_ in ("prep", "agent", "dative") and child.lower_ == prep:
                    for pobj in child.children:
                        if pobj.dep_ == "pobj" or deep:
                            found = self.at(pobj) or self.inside(pobj)
                            if found:
                                return found
                    if deep:
                        for grandchild in child.children:
                            for pobj in grandchild.children:
                                if pobj.dep_ == "pobj":
                                    return self.at(pobj) or self.inside(pobj)
        return []

    def modifier(self, noun: Token, possessive_only: bool = False) -> list[Mention]:
        """The possessor or modifier of an event noun: "Russia's invasion", "Western pressure"."""
        deps = ("poss", "amod") if possessive_only else ("poss", "amod", "compound", "nmod")
        for child in noun.children:
            if child.dep_ in deps and child.i in self.by_token:
                return self.by_token[child.i]
        return []

    def inside(self, token: Token) -> list[Mention]:
        """The first actor anywhere under a noun phrase ("all actions taken by Russia")."""
        for t in token.subtree:
            if t.i in self.by_token:
                return self.by_token[t.i]
        return []
