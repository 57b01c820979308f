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
from spacy.symbols import ADJ, NOUN, PROPN, VERB
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
from detente.events.judgements import (
    judgement_over,
    judgement_parties,
    judgement_pattern,
    judging_lemmas,
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
        self._judging = judging_lemmas()

    def _candidates(self, sent: Span) -> list[int]:
        """The indexes of a sentence's words the lexicon could code, in order: an event noun, a
        verb of the lexicon or a light verb, and any other verb with an event noun as its object
        or an object's conjunct (an adopting verb carries one: "approved a ceasefire"); with the
        words that may judge an act ("was bad at", events/judgements.py)."""
        lemmas, tags, heads = _words(sent.doc)
        nouns, verbs, judging = self.lexicon.nouns, self._verbs, self._judging
        span = range(sent.start, sent.end)
        found = [i for i in span if tags[i] in (NOUN, PROPN) and lemmas[i] in nouns]
        carriers = {heads[i] for i in found} | {heads[heads[i]] for i in found}
        found += [i for i in span if tags[i] == VERB and (lemmas[i] in verbs or i in carriers)]
        found += [i for i in span if lemmas[i] in judging and tags[i] in (ADJ, VERB)]
        return sorted(set(found))

    def predicates(self, sent: Span, actors: MentionIndex) -> Iterator[Predicate]:
        """The predicates of a sentence in token order: lexicon verbs, event nouns carried by a
        light or adopting verb, event nouns on their own (see the coder's docstring) and
        judgements in reported speech (events/judgements.py). Only the words the lexicon could
        code are made into `Token`s (`_candidates`)."""
        carried: set[int] = set()
        doc = sent.doc
        lemmas = _words(doc)[0]
        for i in self._candidates(sent):
            token = doc[i]
            if i in carried:
                continue
            if lemmas[i] in self._judging:
                judged = judgement_parties(token, actors)
                if judged is not None:  # "the US was bad at ..., Short said": Short's criticism
                    yield Predicate(token, token.head if token.pos_ == "ADJ" else token,
                                    judgement_pattern(token), False, judged=judged)  # fmt: skip
                    continue
            if token.pos_ == "VERB" or self._infinitive_noun(token):
                yield from self._verb_predicates(token, actors, carried)
            elif lemmas[i] in self.lexicon.nouns and token.dep_ not in ("compound",):
                noun = self._noun_predicate(token, actors)
                if noun is not None:
                    yield noun

    def _verb_predicates(
        self, token: Token, actors: MentionIndex, carried: set[int]
    ) -> Iterator[Predicate]:
        """The predicates of a verb: the event nouns it carries as a light or adopting verb
        (added to `carried`), else its own pattern, once per conjoined object."""
        if judgement_over(token) is not None:
            carried.update(c.i for c in objects_of(token))  # "slow to impose sanctions"
            return  # "was bad at coordinating the aid": judged, not told as done
        lemma = token.lemma_.lower()
        nouns = [
            c for c in objects_of(token) if c.lemma_.lower() in self.lexicon.nouns
        ] if lemma in self.lexicon.light or lemma_in(token, SAYS.adopting_verbs) else []  # fmt: skip
        if nouns and self.governed(token, actors, False, APPEALING_ROOTS):
            carried.update(noun.i for noun in nouns)
            return  # "urged the EU to impose sanctions": only appealed for
        if nouns:
            for noun in nouns:
                carried.add(noun.i)
                yield Predicate(noun, token, self.lexicon.nouns[noun.lemma_.lower()], False)
            return
        pattern = self.verb_pattern(token)
        if pattern is None or self.governed(token, actors):
            return
        if self.parties.orders_own(token, actors):
            return  # "ordered its troops to withdraw": the withdrawal is the act
        yield Predicate(token, token, pattern, False)
        for obj in objects_of(token)[1:]:  # "sends weapons and sanctions"
            if obj.pos_ == "NOUN":
                yield Predicate(token, token, pattern, False, focus=obj)

    def _noun_predicate(self, token: Token, actors: MentionIndex) -> Predicate | None:
        """An event noun on its own as a predicate, or None where it tells no event."""
        lemma = token.lemma_.lower()
        if lemma in self.roles.light_only_nouns:
            return None  # "the release of three Israeli hostages": persons, no act
        if cancelled(token):
            return None  # "the ceasefire collapsed", "resentment of the sanctions"
        if stance_told(token, self.roles.stance_nouns):
            return None  # "Labour's core support takes stock", "there is agreement"
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
        return Predicate(token, clause, self.lexicon.nouns[lemma], True, inside)

    def _infinitive_noun(self, token: Token) -> bool:
        """Whether a word the parser tagged a noun is a lexicon verb after "to" ("voted to
        [sanction] Hungary": a clause complement with its own "to")."""
        return (
            token.dep_ in ("xcomp", "advcl")
            and token.lemma_.lower() in self.lexicon.verbs
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
        )

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
                    # did ("blocked the roads [to protest]" obstructs, rejects nothing); a verb
                    # that codes nothing governs nothing ("held talks in Jerusalem to [discuss]")
                    code = self.refine(Predicate(head, head, pattern, False)) or pattern.code or ""
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
