"""Which words of a sentence the event coder codes: lexicon verbs, light verbs with an event noun,
event nouns on their own, less the verbs that only complete another coded act (`governed`).

The lexicon look-ups run over every word of every sentence, so the words are first screened
by their lemma and part of speech read once per parse (`_words`): only a word the lexicon could
code becomes a spaCy `Token`.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy
from spacy.attrs import HEAD, LEMMA, POS
from spacy.symbols import NOUN, PROPN, VERB
from spacy.tokens import Doc, Span, Token

from detente.events.assertion import SAYS, cancelled, claimed
from detente.events.cameo import Lexicon, Pattern
from detente.events.grammar import (
    Predicate,
    clause_verb,
    for_to_clause,
    objects_of,
    own_clause,
    subjects_of,
    to_clause,
)
from detente.events.lemmas import lemma_in
from detente.events.parties import Parties
from detente.events.patterns import refine, verb_pattern
from detente.events.roles import Roles
from detente.events.stances import stance_told
from detente.parse.index import MentionIndex

# A verb in the complement of an appeal, intent, demand, accusation, rejection or threat is what is
# appealed for, promised, demanded...: it refines that event and is no event of its own.
GOVERNING_ROOTS = frozenset({"02", "03", "10", "11", "12", "13"})
APPEALING_ROOTS = frozenset({"02", "10", "11", "12", "13"})
COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp", "pcomp", "advcl"})

_WORDS = "detente.events.words"
_PATTERNS = "detente.events.patterns"  # verb index -> its pattern, while a parse is coded


def _words(doc: Doc) -> tuple[list[str], list[int], list[int]]:
    """Every token's lower-cased lemma, part-of-speech id and head index, read from the parse at
    once and kept with it (in `Doc.user_data`)."""
    found: tuple[list[str], list[int], list[int]] | None = doc.user_data.get(_WORDS)
    if found is None or len(found[0]) != len(doc):
        strings = doc.vocab.strings
        rows = doc.to_array([LEMMA, POS, HEAD]) if len(doc) else numpy.zeros((0, 3), "uint64")
        heads = rows[:, 2].astype("int64") + numpy.arange(len(doc))  # stored as offsets
        found = (
            [strings[lemma].lower() for lemma in rows[:, 0].tolist()],
            rows[:, 1].tolist(),
            heads.tolist(),
        )
        doc.user_data[_WORDS] = found
    return found


class Predicates:
    """Finds the predicates of a sentence by a verb lexicon and the roles' word classes."""

    def __init__(self, lexicon: Lexicon, roles: Roles, parties: Parties) -> None:
        self.lexicon, self.roles, self.parties = lexicon, roles, parties
        self._verbs = frozenset(lexicon.verbs) | lexicon.light

    def _candidates(self, sent: Span) -> list[int]:
        """The indexes of a sentence's words the lexicon could code, in order: an event noun, a
        verb of the lexicon or a light verb, and any other verb with an event noun as its object
        or an object's conjunct (an adopting verb carries one: "approved a ceasefire")."""
        lemmas, tags, heads = _words(sent.doc)
        nouns, verbs = self.lexicon.nouns, self._verbs
        span = range(sent.start, sent.end)
        found = [i for i in span if tags[i] in (NOUN, PROPN) and lemmas[i] in nouns]
        carriers = {heads[i] for i in found} | {heads[heads[i]] for i in found}
        found += [i for i in span if tags[i] == VERB and (lemmas[i] in verbs or i in carriers)]
        return sorted(found)

    def predicates(self, sent: Span, actors: MentionIndex) -> Iterator[Predicate]:
        """The predicates of a sentence in token order: lexicon verbs, event nouns carried by a
        light or adopting verb, and event nouns on their own (see the coder's docstring). Only
        the words the lexicon could code are made into `Token`s (`_candidates`)."""
        carried: set[int] = set()
        doc = sent.doc
        for i in self._candidates(sent):
            token = doc[i]
            if i in carried:
                continue
            lemma = token.lemma_.lower()
            if token.pos_ == "VERB":
                nouns = [
                    c for c in objects_of(token) if c.lemma_.lower() in self.lexicon.nouns
                ] if lemma in self.lexicon.light or lemma_in(token, SAYS.adopting_verbs) else []  # fmt: skip
                if nouns and self.governed(token, actors, False, APPEALING_ROOTS):
                    carried.update(noun.i for noun in nouns)
                    continue  # "urged the EU to impose sanctions": only appealed for
                if nouns:
                    for noun in nouns:
                        carried.add(noun.i)
                        yield Predicate(noun, token, self.lexicon.nouns[noun.lemma_.lower()], False)
                    continue
                pattern = self.verb_pattern(token)
                if pattern is not None and self.governed(token, actors):
                    continue
                if pattern is not None and self.parties.orders_own(token, actors):
                    continue  # "ordered its troops to withdraw": the withdrawal is the act
                if pattern is not None:
                    yield Predicate(token, token, pattern, False)
                    for obj in objects_of(token)[1:]:  # "sends weapons and sanctions"
                        if obj.pos_ == "NOUN":
                            yield Predicate(token, token, pattern, False, focus=obj)
            elif lemma in self.lexicon.nouns and token.dep_ not in ("compound",):
                if lemma in self.roles.light_only_nouns:
                    continue  # "the release of three Israeli hostages": persons, no act
                if cancelled(token):
                    continue  # "the ceasefire collapsed", "resentment of the sanctions"
                if stance_told(token, self.roles.stance_nouns):
                    continue  # "Labour's core support takes stock", "there is agreement"
                inside = token.dep_ == "dobj" and token.head.lemma_.lower() in self.lexicon.verbs
                inside = inside or self._topic_of_verb(token)
                clause = clause_verb(token)
                inside = (
                    inside
                    or self.governed(clause, actors, consult=False)
                    or (
                        self.verb_pattern(clause) is not None
                        and (self.verb_pattern(clause).code or "00")[:2] in GOVERNING_ROOTS  # type: ignore[union-attr]
                    )
                )
                yield Predicate(token, clause_verb(token), self.lexicon.nouns[lemma], True, inside)

    def _topic_of_verb(self, noun: Token) -> bool:
        """Whether an event noun is the prepositional object of a coded verb, what that verb is
        about or for ("apologized for his past statements", "criticised Iran over its attacks"):
        told by that verb, not an event of its own (unless it has an actor of its own)."""
        prep = noun.head
        if noun.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ in SAYS.occasion:
            return False
        verb = prep.head
        return verb.pos_ == "VERB" and self.verb_pattern(verb) is not None

    def governed(
        self,
        verb: Token,
        actors: MentionIndex,
        consult: bool = True,
        roots: frozenset[str] = GOVERNING_ROOTS,
    ) -> bool:
        """Whether a verb completes another coded verb ("urged X to [agree]", "promised to
        [provide]", "accused X of [arming]", "phoned Y to [discuss]"), a denial ("denies
        [sending] weapons") or an appeal noun ("rejected a request to [ease] sanctions"): then
        it refines that event and is no event of its own. `roots`: the CAMEO roots of the
        verbs that govern (a light verb's noun is only governed by an appeal, a demand, a
        disapproval or a rejection: "urged the EU to impose [sanctions]"). An order to one's own
        forces governs nothing: "ordered its troops to [withdraw]" is the withdrawal."""
        if self.parties.commander(verb, actors) is not None:
            return False
        if for_to_clause(verb):
            return True  # "called for the embargo to be lifted": only called for
        current = verb
        while current.dep_ == "conj" and current.head != current:
            current = current.head  # "criticised Y for shooting and [killing] Z": one complement
        for _ in range(3):
            through_prep = current.head.pos_ == "ADP"
            through_noun = current.head.pos_ in ("NOUN", "PROPN") and (
                to_clause(current) or claimed(current)
            )
            if through_noun and lemma_in(current.head, SAYS.appeal_nouns | SAYS.refusal_nouns):
                return True  # "calls to [lift] sanctions", "refusal to [commit]": not done
            if current.dep_ not in COMPLEMENT_DEPS and not through_prep and not through_noun:
                return False
            if through_noun:
                head = clause_verb(current.head)  # "rejected a plan to [annex]"
            else:
                head = current.head.head if through_prep else current.head
            if head == current or (head == current.head and through_noun):
                return False
            if lemma_in(head, SAYS.denial_verbs) or (
                not through_prep and lemma_in(head, SAYS.stopping_verbs)
            ):  # "denies [sending]", "halt [fighting]"; "stopped short of [condemning]" negates
                return True
            pattern = self.verb_pattern(head) if head.pos_ == "VERB" else None
            if (
                pattern is not None
                and current.dep_ == "ccomp"
                and self.parties.warns_of_others(head, pattern, actors)
            ):
                return False  # "France warned that Russia would [attack]": Russia's act
            if pattern is not None:
                code = pattern.code or (pattern.refine[0][1] if pattern.refine else "")
                if not actors.subject(head) and not subjects_of(head):
                    # "motions asking him to [apologise]": only asked, whoever asks; "it was
                    # agreed to ...": no one's intent or threat to fold into
                    return code[:2] in ("02", "10") and current.dep_ == "xcomp"
                if not actors.subject(head) and own_clause(current):
                    return False  # "analysts warned that Russia will attack": Russia's act
                if current.dep_ == "advcl":  # a purpose: the verb's own object says what it
                    code = self.refine(Predicate(head, head, pattern, False)) or code  # did
                    # ("blocked the roads [to protest]" obstructs, rejects nothing)
                return code[:2] in roots or (
                    consult and current.dep_ in ("xcomp", "advcl") and code[:2] == "04"
                )
            current = head
        return False

    def verb_pattern(self, verb: Token) -> Pattern | None:
        """The lexicon pattern a verb matches (`patterns.verb_pattern`), or None; asked again
        of the same verb by each word it governs, so kept per parse until `forget`."""
        memo: dict[int, Pattern | None] = verb.doc.user_data.setdefault(_PATTERNS, {})
        if verb.i not in memo:
            memo[verb.i] = verb_pattern(self.lexicon, verb)
        return memo[verb.i]

    @staticmethod
    def forget(doc: Doc) -> None:
        """Drops the patterns kept with a parse (`verb_pattern`) once it is coded."""
        doc.user_data.pop(_PATTERNS, None)

    def refine(self, predicate: Predicate) -> str | None:
        """The code a predicate expresses (`patterns.refine`), or None."""
        return refine(self.lexicon, self.roles, predicate)
