"""Linked mentions by token, and the grammatical questions asked of them: who is the subject of
this verb, which actor does this noun phrase name, what is the object of this preposition."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from spacy.tokens import Token

from detente.model import Mention
from detente.parse.units import Unit

SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
DIRECT_PREPS = ("with", "to", "on", "against", "for", "toward", "towards", "between", "over")
# Inside a noun phrase, the clauses that are walls: what a relative, participial or adverbial
# clause names is a party to another act ("fund the mission, which [the Council] approved",
# "the mission approved by [the Council]"). Prepositional phrases are no walls ("support for the
# Palestinians", "the attack in Syria") unless the caller names them ("against" for aid).
CLAUSE_WALLS = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "parataxis", "csubj"})
# prepositions that set a scene and never name a party ("an alliance amid the Ukraine crisis")
SCENE_PREPS = frozenset({"amid", "amidst", "during", "after", "before", "despite", "since",
                         "until", "following"})  # fmt: skip
OWN = frozenset({"its", "their", "his", "her", "our"})  # "withdrew its troops": the subject's own
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
        if not found:  # a modifier's actor; a named one before a pronoun ("their American allies")
            modifiers = [
                self.by_token[c.i]
                for c in token.children
                if c.dep_ in ("poss", "compound", "amod", "nmod") and c.i in self.by_token
            ]
            named = [ms for ms in modifiers if any(m.method != "pronoun" for m in ms)]
            found += next(iter(named or modifiers), [])
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

    def objects(
        self, verb: Token, trigger: Token, preps: Sequence[str] = DIRECT_PREPS, depth: int = 0
    ) -> list[Mention]:
        """The target: the object, then the object of one of `preps` after the trigger or the
        verb, then what the verb's complement clause is about ("demanded that [the US] stop",
        "pledged to deepen cooperation [with France]"). Places ("in Geneva") are no targets
        here: see `place`."""
        walls = frozenset(DIRECT_PREPS) - frozenset(preps)
        for child in verb.children:
            named = child.dep_ == "oprd" and child.pos_ == "PROPN"  # parsed "called [Lavrov]"
            if (child.dep_ in ("dobj", "dative", "iobj", "attr") or named) and child != trigger:
                if any(c.dep_ == "poss" and c.lower_ in OWN for c in child.children):
                    # "withdrew their troops" is no party; "met his Chinese counterpart" is
                    found = list(self.by_token.get(child.i, [])) or [
                        m for m in self.inside(child, walls) if m.method != "pronoun"
                    ]  # "lift its sanctions [on Venezuela]"
                else:
                    found = self.at(child) or self.between(child) or self.inside(child, walls)
                if found:
                    return found
        for child in trigger.children if trigger != verb else ():
            if child.dep_ == "prep" and child.lower_ in preps:
                found = self.after(trigger, (child.lower_,), walls=walls)
                if found:
                    return found
        found = self.after(verb, preps, walls=walls)
        if found or depth >= 2:
            return found
        for child in verb.children:
            if child.dep_ in ("xcomp", "ccomp"):
                subject = [c for c in child.children if c.dep_ in SUBJECTS]
                found = (self.at(subject[0]) if subject else []) or self.objects(
                    child, child, preps, depth + 1
                )
                if found:
                    return found
        return []

    def place(self, verb: Token, trigger: Token, preps: Sequence[str]) -> list[Mention]:
        """The actors named after a preposition of place (`preps`: "in", "into"...) on the
        verb, on the event noun it carries, or on its direct object ("struck targets in
        Yemen", however the parser attached "in Yemen")."""
        heads = [verb, trigger, *(c for c in verb.children if c.dep_ == "dobj")]
        for head in dict.fromkeys(heads):
            found = self.after(head, preps)
            if found:
                return found
        return []

    def between(self, noun: Token) -> list[Mention]:
        """The parties of "talks between Moscow and Kyiv": every actor of a "between" phrase
        that depends on `noun` (or on the verb it carries)."""
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ == "between":
                return [m for p in child.children if p.dep_ == "pobj" for m in self.at(p)]
        return []

    def after(
        self, token: Token, preps: Sequence[str], deep: bool = False, walls: Collection[str] = ()
    ) -> list[Mention]:
        """Actors in the object of a preposition that depends on `token` ("visit to X"), not
        behind a clause or one of the prepositions `walls` inside that object."""
        heads = [c for c in token.children if c.dep_ in ("prep", "agent", "dative")]  # read once
        for prep in preps if heads else ():
            for child in heads:
                if child.lower_ == prep:
                    for pobj in child.children:
                        if pobj.dep_ == "pobj" or deep:
                            found = self.at(pobj) or self.inside(pobj, walls)
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

    def inside(self, token: Token, walls: Collection[str] = ()) -> list[Mention]:
        """The first actor within a noun phrase, in reading order ("the leaders of France",
        "support for the Palestinians"), not behind a clause (`CLAUSE_WALLS`) nor after one of
        the prepositions `walls`. A named actor goes before a possessive pronoun ("with [their]
        American counterparts": the counterparts)."""
        within = [
            t for t in sorted(_within(token, walls), key=lambda t: t.i) if t.i in self.by_token
        ]
        named = [t for t in within if any(m.method != "pronoun" for m in self.by_token[t.i])]
        for t in named or within:
            return self.at(t)  # with its conjuncts: "weapons to Ukraine and Moldova"
        return []


def _within(token: Token, walls: Collection[str]) -> list[Token]:
    """The words of the phrase headed by `token`, not behind a clause or a preposition in
    `walls`."""
    out = [token]
    for child in token.children:
        if child.dep_ in CLAUSE_WALLS or (
            child.dep_ == "prep" and (child.lower_ in walls or child.lower_ in SCENE_PREPS)
        ):
            continue
        out += _within(child, walls)
    return out
