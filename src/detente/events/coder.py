"""Event coding: sentence → CAMEO events, from the dependency parse and the linked mentions.

For every sentence of a document's headline and body (comments are opinion, not news):

1. **predicates**: verbs of the lexicon ("visit", "condemn", "sign"), light verbs with an event
   noun ("held talks", "declared support", "paid a visit"), and event nouns on their own
   ("Moscow's invasion of Ukraine", told as background);
2. **code**: the verb pattern (lemma, particle, preposition) and its refinements by the words of
   its objects and complements ("threatened sanctions" 1312, "sent weapons" 072);
3. **actors** (`events/parties.py`): the source is the subject (inherited through "agreed to
   ...", conjunctions and participles), or the "by" agent of a passive; the target the object,
   the indirect object or the object of with/to/on/against/for; a coordinated subject ("Putin
   and Kim signed") gives the second actor as target;
4. **what is asserted** (`events/assertion.py`): polarity (negation), modality (hypothetical,
   intent, future, reported — with the speaker — or factual);
5. **date**: a time expression in the predicate's own clause, resolved against the publication
   date with its precision (`events/when.py`, `events/dates.py`);
6. **merge** (`events/merge.py`): the same event said twice in a document becomes one with
   several evidence spans.

The predicate and the grammar helpers over its clause are in `events/grammar.py`; the verb
pattern lookup and the refinement of a code in `events/patterns.py`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from datetime import date
from functools import cache

from spacy.tokens import Span, Token

from detente.events.assertion import (
    SAYS,
    cancelled,
    claimed,
    lemma_in,
    modality_of,
    negated,
    negative_subject,
    occasion,
    refusing_aux,
)
from detente.events.cameo import Codebook, Lexicon, Pattern, load_codebook, load_lexicon
from detente.events.grammar import (
    Predicate,
    clause_verb,
    for_to_clause,
    objects_of,
    own_clause,
    subjects_of,
    to_clause,
)
from detente.events.merge import merge, one_polarity
from detente.events.parties import Parties
from detente.events.patterns import refine, verb_pattern
from detente.events.roles import load_roles
from detente.events.trust import another_country, confidence_of
from detente.events.when import event_date, looks_ahead
from detente.model import Event, Evidence, Mention
from detente.parse.index import SUBJECTS, MentionIndex, first
from detente.parse.units import Unit
from detente.parse.verbs import REPORTING

log = logging.getLogger(__name__)

# A verb in the complement of an appeal, intent, demand, accusation, rejection or threat is what is
# appealed for, promised, demanded...: it refines that event and is no event of its own.
GOVERNING_ROOTS = frozenset({"02", "03", "10", "11", "12", "13"})
APPEALING_ROOTS = frozenset({"02", "10", "11", "12", "13"})
COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp", "pcomp", "advcl"})


class Coder:
    """Codes the sentences of a document into events, by a codebook and a verb lexicon."""

    def __init__(self, codebook: Codebook, lexicon: Lexicon) -> None:
        self.codebook, self.lexicon = codebook, lexicon
        self.roles = load_roles()
        self.parties = Parties(self.roles, lexicon)

    def code(
        self,
        units: Sequence[Unit],
        mentions: Sequence[Mention],
        published: date | None,
        headlines: frozenset[int] = frozenset(),
    ) -> list[Event]:
        """The merged events of a document's units (thread units are skipped), given its linked
        `mentions`, its publication day and the segment indexes of its headlines."""
        events: list[Event] = []
        for unit in units:
            if unit.thread:
                continue
            actors = MentionIndex(unit, [m for m in mentions if m.segment == unit.segment])
            for sent in unit.doc.sents:
                events += self._sentence(sent, unit, actors, published, unit.segment in headlines)
                if sent.root.lemma_.lower() in REPORTING:  # a quote goes on in the next sentence
                    said_by = first(actors.subject(sent.root))
                    actors.last_speaker = said_by.actor_code if said_by else None
        return merge(events, headlines)

    # ---- one sentence -----------------------------------------------------------------------

    def _sentence(
        self, sent: Span, unit: Unit, actors: MentionIndex, published: date | None, headline: bool
    ) -> list[Event]:
        return one_polarity(self._events(sent, unit, actors, published, headline))

    def _events(
        self, sent: Span, unit: Unit, actors: MentionIndex, published: date | None, headline: bool
    ) -> list[Event]:
        out: list[Event] = []
        for predicate, code, source, target in self._coded(sent, actors):
            polarity = "negated" if negated(predicate.head, predicate.token) else "asserted"
            modality, speaker = modality_of(predicate, sent, actors)
            pair = (source, target)
            refusal = self._refusal(predicate, code, polarity, modality, pair, actors)
            if refusal is not None:  # "will not lift sanctions": a rejection, asserted
                code, polarity = refusal, "asserted"
            elif polarity == "asserted" and modality in ("future", "intent"):
                code = self.roles.intents.get(code, code)  # "will meet": intent to meet (036)
            when, when_text = event_date(
                predicate.token,
                predicate.head,
                sent,
                published,
                looks_ahead(predicate.head, modality),
                own=predicate.nominal and predicate.inside_event,
            )
            background = predicate.nominal and not headline and not occasion(predicate.token)
            if predicate.nominal and not headline and self._in_passing(code, source, target):
                continue  # "after an attack on the port", "her support for the deal"
            entry = self.codebook[code]
            confidence = confidence_of(code, source, target)
            evidence = Evidence(
                start=unit.offset + sent.start_char,
                end=unit.offset + sent.end_char,
                text=unit.text_at(sent.start_char, sent.end_char),
            )
            out.append(
                Event(
                    source=source.actor_code if source else "",
                    target=target.actor_code if target else "",
                    source_name=source.actor_name if source else None,
                    target_name=target.actor_name if target else None,
                    source_person=source.person if source else None,
                    target_person=target.person if target else None,
                    cameo=code,
                    root=entry.root,
                    quad_class=entry.quad_class,
                    goldstein=entry.goldstein,
                    plover_type=entry.plover_type,
                    plover_mode=entry.plover_mode,
                    polarity=polarity,
                    modality=modality,
                    background=background,
                    speaker=speaker,
                    date=when.day.isoformat() if when.day else None,
                    date_text=when_text,
                    date_precision=when.precision,
                    trigger=unit.text_at(
                        predicate.token.idx, predicate.token.idx + len(predicate.token)
                    ),
                    evidence=evidence,
                    evidence_all=[evidence],
                    confidence=round(confidence, 3),
                    segment=unit.segment,
                )
            )
        return out

    def _in_passing(self, code: str, source: Mention | None, target: Mention | None) -> bool:
        """Whether an event noun told in passing is too weak to code: of no known actor ("after
        an attack on the port"), or not violent and toward no one ("her support for the trade
        deal", "Trump's anti-establishment appeal"); a raid or strike of a named actor with no
        target ("the Israeli raid in Jenin") is still told (`unnamed_sources` roots)."""
        if source is None:
            return True
        return target is None and code[:2] not in self.roles.unnamed_sources

    def _refusal(
        self,
        predicate: Predicate,
        code: str,
        polarity: str,
        modality: str,
        pair: tuple[Mention | None, Mention | None],
        actors: MentionIndex,
    ) -> str | None:
        """The reject code (root 12) of an actor's negated cooperative or yielding act ("refused
        to meet" 125, "would not withdraw" 1246, "did not release the prisoners" 1243, "failed
        to reach agreement" 127: the PLOVER set codes a failed agreement as a rejection;
        `refusals` in events/data/roles.yaml), or None: a negated act with no actor or told of
        its partner ("Kim did not meet Biden": Biden refused nothing), a negative subject ("Neither
        Egypt nor Jordan sent troops": no one acted, so no one refused), an outcome ("reached no
        agreement"), a consultation with no partner
        ("would not discuss reports"), an inability or a guess ("could not meet") and a negated
        act of another kind ("did not attack") keep their code, negated."""
        head, (source, target) = predicate.head, pair
        if polarity != "negated" or source is None or not negated(head):
            return None  # "reached no agreement": an outcome, no one's refusal
        if source.actor_code not in {m.actor_code for m in actors.subject(head)}:
            return None
        if negative_subject(head):
            return None  # "Neither Egypt nor Jordan sent troops": no one acted, no one refused
        if modality == "hypothetical" and not refusing_aux(predicate):
            return None
        if {head.lemma_.lower(), head.head.lemma_.lower()} & self.roles.commitments:
            return None  # "has never promised to come to Tehran's aid": no promise, no refusal
        return self.roles.refusal(code, partner=target is not None)

    def _coded(
        self, sent: Span, actors: MentionIndex
    ) -> Iterable[tuple[Predicate, str, Mention | None, Mention | None]]:
        """Each coded predicate of a sentence with every (source, target) pair it has."""
        for predicate in self._predicates(sent, actors):
            code = self._refine(predicate)
            if code is None:
                continue
            if not predicate.nominal and self._subject_is_event(predicate.head):
                continue  # "new sanctions hit Mexico": the sanctions are the event, not a strike
            if predicate.nominal and code in self.roles.nominal_not_coded:
                continue  # "didn't apologize for his past statements": talk about talk
            if not predicate.nominal and self.parties.warns_of_others(
                predicate.head, predicate.pattern, actors
            ):
                continue  # "warned that the museum would not be a panacea": no threat
            for source, target in self.parties.pairs(predicate, code, actors):
                if source is None and self.parties.unlinked_subject(predicate, code, actors):
                    continue  # "Yukos asked the court", "I arrived": no known actor's act
                if source is None and code[:2] not in self.roles.unnamed_sources:
                    continue  # "during talks in Geneva": an event noun of no known actor
                if (
                    target is None
                    and predicate.pattern.needs_target
                    and code == predicate.pattern.code
                ):
                    continue  # "released a video" is no release of persons
                if predicate.pattern.mandative and not another_country(source, target):
                    continue  # "Germany said it must spend more": no demand on anyone else
                if target is None and not self._recipient_named(predicate, code):
                    continue  # "was headed to an emergency room": no visit (roles.yaml)
                if self.parties.accident(predicate, code, actors):
                    continue  # "the plane crashed, killing three soldiers": no one's violence
                told = self.roles.riot(
                    self._between_people(predicate, code, source, target), source
                )
                if source is None and told[:2] not in self.roles.unnamed_sources:
                    continue  # "Howard launched an attack on Brown": words of an unknown
                yield predicate, told, source, target

    def _between_people(
        self, predicate: Predicate, code: str, source: Mention | None, target: Mention | None
    ) -> str:
        """The pattern's `people` code when a named person acts on a person or on no actor
        ("Clinton attacked Trump": words), between unarmed actors of one country ("Labour
        attacked the Tories"), or by a politician with no forces ("Corbyn attacked Israel"), or
        by a name the linker does not know; else `code` (an attack by a country or by forces,
        on a country, stays force)."""
        people = predicate.pattern.people
        if people is None or code != predicate.pattern.code:
            return code
        if source is None:  # a name the linker does not know ("Gandhi attacked British
            # imperialists"): words, and of no known actor, so not coded; common nouns
            # ("gunmen attacked") keep force
            named = any(t.pos_ == "PROPN" for t in subjects_of(predicate.head))
            return people if named else code
        if target is not None and self.roles.unarmed_rivals(source, target):
            return people
        if self.roles.politician(source):  # "Corbyn attacked Israel": no army of his own
            return people
        if not source.person:
            return code
        return people if target is None or target.person else code

    def _recipient_named(self, predicate: Predicate, code: str) -> bool:
        """Whether an act with no actor as target may still be coded: its code needs none, or a
        preposition of `needs_target` (events/data/roles.yaml) names a recipient the linker
        does not know ("gave asylum to the dissident")."""
        preps = self.roles.recipient_preps(code)
        if preps is None:
            return True
        holders = {predicate.token, predicate.head}
        return any(
            c.dep_ in ("prep", "dative") and c.lower_ in preps and any(c.children)
            for t in holders
            for c in t.children
        )

    def _predicates(self, sent: Span, actors: MentionIndex) -> Iterable[Predicate]:
        carried: set[int] = set()
        for token in sent:
            if token.pos_ not in ("VERB", "NOUN", "PROPN") or token.i in carried:
                continue
            lemma = token.lemma_.lower()
            if token.pos_ == "VERB":
                nouns = [
                    c for c in objects_of(token) if c.lemma_.lower() in self.lexicon.nouns
                ] if lemma in self.lexicon.light or lemma_in(token, SAYS.adopting_verbs) else []  # fmt: skip
                if nouns and self._governed(token, actors, False, APPEALING_ROOTS):
                    carried.update(noun.i for noun in nouns)
                    continue  # "urged the EU to impose sanctions": only appealed for
                if nouns:
                    for noun in nouns:
                        carried.add(noun.i)
                        yield Predicate(noun, token, self.lexicon.nouns[noun.lemma_.lower()], False)
                    continue
                pattern = self._verb_pattern(token)
                if pattern is not None and self._governed(token, actors):
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
                inside = token.dep_ == "dobj" and token.head.lemma_.lower() in self.lexicon.verbs
                inside = inside or self._topic_of_verb(token)
                clause = clause_verb(token)
                inside = (
                    inside
                    or self._governed(clause, actors, consult=False)
                    or (
                        self._verb_pattern(clause) is not None
                        and (self._verb_pattern(clause).code or "00")[:2] in GOVERNING_ROOTS  # type: ignore[union-attr]
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
        return verb.pos_ == "VERB" and self._verb_pattern(verb) is not None

    def _governed(
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
            pattern = self._verb_pattern(head) if head.pos_ == "VERB" else None
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
                    code = self._refine(Predicate(head, head, pattern, False)) or code  # did
                    # ("blocked the roads [to protest]" obstructs, rejects nothing)
                return code[:2] in roots or (
                    consult and current.dep_ in ("xcomp", "advcl") and code[:2] == "04"
                )
            current = head
        return False

    def _subject_is_event(self, verb: Token) -> bool:
        return any(
            c.dep_ in SUBJECTS and c.lemma_.lower() in self.lexicon.nouns for c in verb.children
        )

    def _verb_pattern(self, verb: Token) -> Pattern | None:
        return verb_pattern(self.lexicon, verb)

    def _refine(self, predicate: Predicate) -> str | None:
        return refine(self.lexicon, self.roles, predicate)


@cache
def get_coder(dictionaries: tuple[str, ...] = ()) -> Coder:
    """The coder over our lexicon plus the verbs of PETRARCH `dictionaries` (cached per tuple)."""
    from detente.knowledge.petrarch import lexicon_with

    return Coder(load_codebook(), lexicon_with(dictionaries) if dictionaries else load_lexicon())


def code_text(
    text: str, day: date, kb_files: tuple[str, ...] = (), dictionaries: tuple[str, ...] = ()
) -> list[Event]:
    """Link and code a plain text whose lines are its segments, published on `day`."""
    from detente.actors.link import get_linker
    from detente.parse.units import text_units

    linker = get_linker(kb_files + dictionaries)
    units = [linker.recased(u) for u in text_units(text)]  # headlines in capitals
    mentions = linker.link(units, day)
    return code_document(units, mentions, day, dictionaries=dictionaries)


def code_document(
    units: Sequence[Unit],
    mentions: Sequence[Mention],
    published: date | None,
    headlines: frozenset[int] = frozenset(),
    dictionaries: tuple[str, ...] = (),
) -> list[Event]:
    """The events of a linked document (see `Coder.code`), coded by `get_coder(dictionaries)`."""
    return get_coder(dictionaries).code(units, mentions, published, headlines)
