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

The predicate and the grammar helpers over its clause are in `events/grammar.py`; which words are
predicates in `events/predicates.py`; the verb pattern lookup and the refinement of a code in
`events/patterns.py`.
"""

from __future__ import annotations

import logging
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from datetime import date
from functools import cache

from spacy.tokens import Span, Token

from detente.events.assertion import (
    free_choice,
    modality_of,
    negated,
    negative_subject,
    occasion,
    refusing_aux,
)
from detente.events.cameo import Codebook, Lexicon, load_codebook, load_lexicon
from detente.events.clauses import capacity_noun, purpose_infinitive
from detente.events.grammar import (
    Predicate,
    objects_of,
    subjects_of,
)
from detente.events.merge import merge, one_polarity
from detente.events.parties import Parties
from detente.events.predicates import Predicates
from detente.events.roles import load_roles
from detente.events.seized import seized_country
from detente.events.senses import load_senses, suffered
from detente.events.stances import opposed_source
from detente.events.trust import another_country, confidence_of
from detente.events.when import event_date, looks_ahead
from detente.model import Event, Evidence, Mention
from detente.parse.index import SUBJECTS, MentionIndex, first
from detente.parse.units import Unit
from detente.parse.verbs import REPORTING

log = logging.getLogger(__name__)


class Coder:
    """Codes the sentences of a document into events, by a codebook and a verb lexicon."""

    def __init__(self, codebook: Codebook, lexicon: Lexicon) -> None:
        self.codebook, self.lexicon = codebook, lexicon
        self.roles = load_roles()
        self.parties = Parties(self.roles, lexicon)
        self.predicates = Predicates(lexicon, self.roles, self.parties)
        self.senses = load_senses()

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
            linked = sorted(actors.by_token)
            try:
                for sent in unit.doc.sents:
                    headline = unit.segment in headlines
                    if _names_an_actor(linked, sent):  # else no event has a party
                        events += self._sentence(sent, unit, actors, published, headline)
                    if sent.root.lemma_.lower() in REPORTING:  # a quote goes on in the next one
                        said_by = first(actors.subject(sent.root))
                        actors.last_speaker = said_by.actor_code if said_by else None
            finally:
                self.predicates.forget(unit.doc)
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
            if polarity == "negated" and self.senses.no_event_when_negated(code):
                continue  # "did not deny the report": no denial, and no event of another kind
            if self.senses.sport_force(code, sent):
                continue  # "Italy launched a series of attacks" in the 34th minute
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
        for predicate, code in self._one_act(
            _most_specific(
                (p, self.predicates.refine(p)) for p in self.predicates.predicates(sent, actors)
            )
        ):
            if predicate.judged is not None:  # "the US was bad at ..., Short said"
                yield predicate, code, *predicate.judged
                continue
            if not predicate.nominal and self._subject_is_event(predicate):
                continue  # "new sanctions hit Mexico": the sanctions are the event, not a strike
            if not predicate.nominal and suffered(predicate.head, self.senses):
                continue  # "with Sri Lanka worst hit": suffered, the subject is no doer
            if (
                not predicate.nominal
                and code[:2] in self.roles.purpose_roots
                and purpose_infinitive(predicate.head)
            ):
                continue  # "handed over vehicles to support health services": an aim
            if predicate.nominal and free_choice(predicate.token):
                continue  # "will retaliate against any attack": no attack made
            if predicate.nominal and code in self.roles.nominal_not_coded:
                continue  # "didn't apologize for his past statements": talk about talk
            if (
                predicate.nominal
                and code[:2] in self.roles.capacity_roots
                and capacity_noun(predicate.token, self.roles.capacity_nouns)
            ):
                continue  # "a headquarters to run E.U. military operations": no act of force
            if not predicate.nominal and self.parties.warns_of_others(
                predicate.head, predicate.pattern, actors
            ):
                continue  # "warned that the museum would not be a panacea": no threat
            for source, target in self.parties.pairs(predicate, code, actors):
                if source is None and self.parties.unlinked_subject(predicate, code, actors):
                    continue  # "Yukos asked the court", "I arrived": no known actor's act
                if source is None and code[:2] not in self.roles.unnamed_sources:
                    continue  # "during talks in Geneva": an event noun of no known actor
                if source is None and predicate.pattern.needs_source:
                    continue  # "Trump was forced to defend it": by no one named
                if not predicate.nominal and opposed_source(
                    predicate.head, source, actors, self.roles.opposer_nouns
                ):
                    continue  # "critics of Blair seemed to agree": not Blair's act
                if (
                    target is None
                    and predicate.pattern.needs_target
                    and predicate.pattern.code in (code, None)
                ):
                    continue  # "released a video" is no release of persons
                if predicate.pattern.mandative and not another_country(source, target):
                    continue  # "Germany said it must spend more": no demand on anyone else
                if target is None and source is not None and code in self.roles.seizures:
                    target = seized_country(predicate, source)  # "annexed Crimea": Ukraine
                if target is None and not self._recipient_named(predicate, code):
                    continue  # "was headed to an emergency room": no visit (roles.yaml)
                if self.parties.accident(predicate, code, actors):
                    continue  # "the plane crashed, killing three soldiers": no one's violence
                told = self.roles.riot(
                    self.roles.rivals(
                        self._between_people(predicate, code, source, target), source, target
                    ),
                    source,
                )
                if (
                    predicate.pattern.sanctioners
                    and code == predicate.pattern.code
                    and source is not None
                    and self.roles.sanctioner(source)
                ):
                    told = predicate.pattern.sanctioners  # "the EU targeted oligarchs": 163
                if source is None and told[:2] not in self.roles.unnamed_sources:
                    continue  # "Howard launched an attack on Brown": words of an unknown
                if self.senses.own_aid(told, source, target):
                    continue  # "China's leaders protect China's boom": policy, no aid
                yield predicate, told, source, target

    def _one_act(self, coded: list[tuple[Predicate, str]]) -> list[tuple[Predicate, str]]:
        """The coded predicates less the measures a sanction is made of: "imposed sanctions on
        Russia, [freezing] assets and [banning] travel" is one act, 163 (`sanction_codes`,
        `sanction_parts` in events/data/roles.yaml); a conjoined verb with its own object
        ("... and froze the assets of its oligarchs") stays an act of its own."""
        roles = self.roles
        sanctioning = {p.head.i for p, c in coded if c in roles.sanction_codes}
        if not sanctioning:
            return coded
        return [
            (p, c) for p, c in coded
            if p.nominal or c in roles.sanction_codes or c[:2] not in roles.sanction_parts
            or not _part_of(p.head, sanctioning)
        ]  # fmt: skip

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

    def _subject_is_event(self, predicate: Predicate) -> bool:
        """Whether an event noun does the verb ("new sanctions hit Mexico"); a passive's subject
        is what the verb's own act is done to ("the charge was denied by Mr Mandelson" is still
        a denial)."""
        verb, own = predicate.head, predicate.token == predicate.head
        return any(
            c.dep_ in SUBJECTS
            and not (own and c.dep_ == "nsubjpass")
            and c.lemma_.lower() in self.lexicon.nouns
            for c in verb.children
        )


def _most_specific(
    coded: Iterable[tuple[Predicate, str | None]],
) -> list[tuple[Predicate, str]]:
    """The coded predicates, one code per verb and its conjoined objects: an object that only
    gets the verb's plain sense beside one that refines it is the same act ("shared intelligence
    and concerns with Israel" is 064, not also 019); conjoined objects that each refine the verb
    keep their codes ("sent weapons and food": 072 and 073)."""
    found = [(p, c) for p, c in coded if c is not None]
    refined = {p.token.i for p, c in found if not p.nominal and c != p.pattern.code}
    return [
        (p, c) for p, c in found if p.nominal or c != p.pattern.code or p.token.i not in refined
    ]


def _part_of(verb: Token, acts: set[int]) -> bool:
    """Whether a verb tells part of the act of a verb in `acts` (token indexes): a participle
    clause under it ("sanctioned oligarchs, [freezing] their assets"), or a verb conjoined to it
    with no object of its own (a noun the parser took for a verb: "imposed sanctions and asset
    [freezes] on Russia")."""
    if verb.head.i not in acts or verb.head == verb:
        return False
    if verb.dep_ == "advcl":
        return verb.tag_ == "VBG"
    return verb.dep_ == "conj" and not objects_of(verb)


def _names_an_actor(linked: list[int], sent: Span) -> bool:
    """Whether a sentence has a word linked to an actor (`linked`: sorted token indexes). Every
    party of an event is found among the sentence's own linked words, and an event with neither
    source nor target is never coded, so a sentence without one is skipped whole."""
    at = bisect_left(linked, sent.start)
    return at < len(linked) and linked[at] < sent.end


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
