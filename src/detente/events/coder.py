"""Event coding: sentence → CAMEO events, from the dependency parse and the linked mentions.

For every sentence of a document's headline and body (comments are opinion, not news):

1. **predicates**: verbs of the lexicon ("visit", "condemn", "sign"), light verbs with an event
   noun ("held talks", "declared support", "paid a visit"), and event nouns on their own
   ("Moscow's invasion of Ukraine", told as background);
2. **code**: the verb pattern (lemma, particle, preposition) and its refinements by the words of
   its objects and complements ("threatened sanctions" 1312, "sent weapons" 072);
3. **actors**: the source is the subject (inherited through "agreed to ...", conjunctions and
   participles), or the "by" agent of a passive; the target the object, the indirect object or
   the object of with/to/on/against/for; a coordinated subject ("Putin and Kim signed") gives the
   second actor as target;
4. **what is asserted**: polarity (negation), modality (hypothetical, intent, future, reported —
   with the speaker — or factual);
5. **date**: a time expression in the predicate's own clause, resolved against the publication
   date with its precision (`events/when.py`, `events/dates.py`);
6. **merge**: the same event said twice in a document becomes one with several evidence spans.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache

from spacy.tokens import Span, Token

from detente.events.assertion import lemma_in, load_assertion
from detente.events.cameo import Codebook, Lexicon, Pattern, load_codebook, load_lexicon
from detente.events.roles import load_roles
from detente.events.when import event_date, looks_ahead
from detente.model import Event, Evidence, Mention
from detente.parse.index import DIRECT_PREPS, SUBJECTS, MentionIndex, first
from detente.parse.units import Unit
from detente.parse.verbs import REPORTING

log = logging.getLogger(__name__)

# what is asserted (intent, guess, negated, cancelled): word classes in lexicon/assertion.yaml
SAYS = load_assertion()
# A verb in the complement of an appeal, intent, demand, accusation, rejection or threat is what is
# appealed for, promised, demanded...: it refines that event and is no event of its own.
GOVERNING_ROOTS = frozenset({"02", "03", "10", "11", "12", "13"})
APPEALING_ROOTS = frozenset({"02", "10", "11", "12", "13"})
COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp", "pcomp", "advcl"})
QUOTES = '"“”«»'


@dataclass
class _Predicate:
    token: Token  # the word that carries the code (verb or event noun)
    head: Token  # the clause verb that carries subject, negation and modality
    pattern: Pattern
    nominal: bool  # an event noun not carried by a light verb
    inside_event: bool = False  # the object of a coded verb ("supported Moscow's invasion")
    focus: Token | None = None  # the one conjoined object this predicate is about


class Coder:
    def __init__(self, codebook: Codebook, lexicon: Lexicon) -> None:
        self.codebook, self.lexicon = codebook, lexicon
        self.roles = load_roles()

    def code(
        self,
        units: Sequence[Unit],
        mentions: Sequence[Mention],
        published: date | None,
        headlines: frozenset[int] = frozenset(),
    ) -> list[Event]:
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
        out: list[Event] = []
        for predicate, code, source, target in self._coded(sent, actors):
            polarity = "negated" if _negated(predicate.head, predicate.token) else "asserted"
            modality, speaker = self._modality(predicate, sent, actors)
            pair = (source, target)
            refusal = self._refusal(predicate, code, polarity, modality, pair, actors)
            if refusal is not None:  # "will not lift sanctions": a rejection, asserted
                code, polarity = refusal, "asserted"
            when, when_text = event_date(
                predicate.token,
                predicate.head,
                sent,
                published,
                looks_ahead(predicate.head, modality),
                own=predicate.nominal and predicate.inside_event,
            )
            background = predicate.nominal and not headline and not _occasion(predicate.token)
            if background and source is None:
                continue  # "after an attack on the port": told in passing, of no known actor
            entry = self.codebook[code]
            confidence = 0.8 if source and target else 0.65
            if code.endswith("0") and len(code) == 3:
                confidence -= 0.1  # a "not specified below" code: the coder knows less
            linked = [m.confidence for m in (source, target) if m is not None]
            confidence *= min(1.0, 0.3 + max(linked))
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

    def _unlinked_subject(self, predicate: _Predicate, code: str, actors: MentionIndex) -> bool:
        """Whether a verb predicate's active subject is a word but no actor, and that leaves no
        evidence of any actor's act: a pronoun ("I arrived"), or a common noun unless the act is
        one told of unnamed perpetrators ("gunmen kidnapped"; `unnamed_sources` in
        events/data/roles.yaml). A passive with no agent ("towns were shelled") and a name the
        linker does not know have an unknown source; an event noun says its source otherwise."""
        head = predicate.head
        if predicate.nominal or any(c.dep_ in ("nsubjpass", "auxpass") for c in head.children):
            return False
        if head.dep_ == "acl" and head.tag_ == "VBN":
            return False  # "towns shelled overnight"
        subjects = _subjects(head)
        if not subjects or actors.subject(head):
            return False
        if subjects[0].pos_ == "PRON":
            return True
        return subjects[0].pos_ != "PROPN" and code[:2] not in self.roles.unnamed_sources

    def _refusal(
        self,
        predicate: _Predicate,
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
        its partner ("Kim did not meet Biden": Biden refused nothing), an outcome ("reached no
        agreement"), a consultation with no partner
        ("would not discuss reports"), an inability or a guess ("could not meet") and a negated
        act of another kind ("did not attack") keep their code, negated."""
        head, (source, target) = predicate.head, pair
        if polarity != "negated" or source is None or not _negated(head):
            return None  # "reached no agreement": an outcome, no one's refusal
        if source.actor_code not in {m.actor_code for m in actors.subject(head)}:
            return None
        if modality == "hypothetical" and not self._refusing_aux(predicate):
            return None
        return self.roles.refusal(code, partner=target is not None)

    @staticmethod
    def _refusing_aux(predicate: _Predicate) -> bool:
        """Whether a negated clause is told with "would not" and no condition or question."""
        head = predicate.head
        auxes = {c.lower_ for c in head.children if c.dep_ in ("aux", "auxpass")}
        return (
            bool(auxes & SAYS.refusing_aux)
            and not auxes & (SAYS.hypothetical_aux - SAYS.refusing_aux)
            and not _conditional(head)
            and not _question(head.sent)
        )

    def _coded(
        self, sent: Span, actors: MentionIndex
    ) -> Iterable[tuple[_Predicate, str, Mention | None, Mention | None]]:
        """Each coded predicate of a sentence with every (source, target) pair it has."""
        for predicate in self._predicates(sent, actors):
            code = self._refine(predicate)
            if code is None:
                continue
            if not predicate.nominal and self._subject_is_event(predicate.head):
                continue  # "new sanctions hit Mexico": the sanctions are the event, not a strike
            for source, target in self._pairs(predicate, code, actors):
                if source is None and self._unlinked_subject(predicate, code, actors):
                    continue  # "my wife and I arrived": no actor's act (a passive may lack one)
                if (
                    target is None
                    and predicate.pattern.needs_target
                    and code == predicate.pattern.code
                ):
                    continue  # "released a video" is no release of persons
                yield predicate, code, source, target

    def _predicates(self, sent: Span, actors: MentionIndex) -> Iterable[_Predicate]:
        carried: set[int] = set()
        for token in sent:
            if token.pos_ not in ("VERB", "NOUN", "PROPN") or token.i in carried:
                continue
            lemma = token.lemma_.lower()
            if token.pos_ == "VERB":
                nouns = [
                    c for c in _objects(token) if c.lemma_.lower() in self.lexicon.nouns
                ] if lemma in self.lexicon.light or lemma_in(token, SAYS.adopting_verbs) else []  # fmt: skip
                if nouns and self._governed(token, actors, False, APPEALING_ROOTS):
                    carried.update(noun.i for noun in nouns)
                    continue  # "urged the EU to impose sanctions": only appealed for
                if nouns:
                    for noun in nouns:
                        carried.add(noun.i)
                        yield _Predicate(
                            noun, token, self.lexicon.nouns[noun.lemma_.lower()], False
                        )
                    continue
                pattern = self._verb_pattern(token)
                if pattern is not None and self._governed(token, actors):
                    continue
                if pattern is not None:
                    yield _Predicate(token, token, pattern, False)
                    for obj in _objects(token)[1:]:  # "sends weapons and sanctions"
                        if obj.pos_ == "NOUN":
                            yield _Predicate(token, token, pattern, False, focus=obj)
            elif lemma in self.lexicon.nouns and token.dep_ not in ("compound",):
                if _cancelled(token):
                    continue  # "the ceasefire collapsed", "resentment of the sanctions"
                inside = token.dep_ == "dobj" and token.head.lemma_.lower() in self.lexicon.verbs
                clause = _clause_verb(token)
                inside = (
                    inside
                    or self._governed(clause, actors, consult=False)
                    or (
                        self._verb_pattern(clause) is not None
                        and (self._verb_pattern(clause).code or "00")[:2] in GOVERNING_ROOTS  # type: ignore[union-attr]
                    )
                )
                yield _Predicate(
                    token, _clause_verb(token), self.lexicon.nouns[lemma], True, inside
                )

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
        disapproval or a rejection: "urged the EU to impose [sanctions]")."""
        current = verb
        for _ in range(3):
            through_prep = current.head.pos_ == "ADP"
            through_noun = current.head.pos_ in ("NOUN", "PROPN") and (
                _to_clause(current) or _claimed(current)
            )
            if through_noun and lemma_in(current.head, SAYS.appeal_nouns | SAYS.refusal_nouns):
                return True  # "calls to [lift] sanctions", "refusal to [commit]": not done
            if current.dep_ not in COMPLEMENT_DEPS and not through_prep and not through_noun:
                return False
            if through_noun:
                head = _clause_verb(current.head)  # "rejected a plan to [annex]"
            else:
                head = current.head.head if through_prep else current.head
            if head == current or (head == current.head and through_noun):
                return False
            if lemma_in(head, SAYS.denial_verbs):
                return True
            pattern = self._verb_pattern(head) if head.pos_ == "VERB" else None
            if pattern is not None:
                if not actors.subject(head) and not _subjects(head):
                    return False  # "it was agreed to ...": no one's appeal or threat to fold into
                if not actors.subject(head) and _own_clause(current):
                    return False  # "analysts warned that Russia will attack": Russia's act
                code = pattern.code or (pattern.refine[0][1] if pattern.refine else "")
                if current.dep_ == "advcl":  # a purpose: the verb's own object says what it
                    code = self._refine(_Predicate(head, head, pattern, False)) or code  # did
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
        patterns = self.lexicon.verbs.get(verb.lemma_.lower(), [])
        particles = {c.lower_ for c in verb.children if c.dep_ == "prt"}
        preps = {
            c.lower_
            for c in verb.children
            if c.dep_ in ("prep", "agent", "dative", "prt") and not _when_phrase(c)
        }  # "called Lavrov on Saturday" is no "call on"
        for pattern in patterns:
            if pattern.prt is not None and pattern.prt not in preps:
                continue  # the parser tells "pulled out of" with "out" as a preposition
            if pattern.prep is not None and pattern.prep not in preps:
                continue
            if pattern.prt is None and particles - {pattern.prep}:
                continue  # a phrasal verb is another verb: "backed down", "gave up"
            return pattern
        return None

    def _refine(self, predicate: _Predicate) -> str | None:
        """The code a predicate expresses, refined by its complements; None when it codes
        nothing (a `code: null` pattern without a refinement, or a word sense that is no
        political event)."""
        if self._other_sense(predicate):
            return None
        if predicate.pattern.not_deps and _naming(predicate.head, predicate.pattern.not_deps):
            return None  # "called Putin a liar": another sense of the verb
        if not predicate.pattern.refine:
            return predicate.pattern.code
        words = _complement_words(predicate)
        if predicate.token != predicate.head:
            words.append(predicate.head.lemma_.lower())  # "lodged a protest": the light verb
        text = " ".join(words)
        found = [code for key, code in predicate.pattern.refine
                 if key in words or (" " in key and key in text)]  # fmt: skip
        if found:  # the most specific code any refinement gives; the first written on a tie
            return max(found, key=len)
        return predicate.pattern.code

    def _other_sense(self, predicate: _Predicate) -> bool:
        """Whether the subject or an object shows a sense that is no political event ("the storm
        struck Florida", "an assault on the US market", "struck a conciliatory tone")."""
        banned = predicate.pattern.not_objects
        if any(t.lemma_.lower() in banned for t in _object_heads(predicate)):
            return True
        if predicate.nominal:  # "in charge", "under fire": the word carrying the noun
            return predicate.token.head.lemma_.lower() in banned
        if predicate.token != predicate.head and predicate.head.lemma_.lower() in banned:
            return True  # "took charge": the light verb says it is no accusation
        return any(  # a name is never a common noun in another sense: "World Food Programme"
            t.lemma_.lower() in self.lexicon.not_subjects and t.pos_ != "PROPN"
            for t in _subjects(predicate.head)
        )

    # ---- who did it to whom -------------------------------------------------------------------

    def _pairs(
        self, predicate: _Predicate, code: str, actors: MentionIndex
    ) -> list[tuple[Mention | None, Mention | None]]:
        """Every (source, target) of a predicate: one per coordinated source and target ("Russia
        and the EU urged Armenia and Azerbaijan": four), both directions of a mutual act ("Putin
        met Kim", "Putin and Kim met": `symmetric` in events/data/roles.yaml); coordinated
        sources of any other act each act alone ("France, Germany and Italy condemned")."""
        sources, targets = self._actors(predicate, actors, code)
        sources, targets = _distinct(sources), _distinct(targets)
        mutual = code in self.roles.symmetric
        if not targets and len(sources) > 1 and (mutual or self._reciprocal(predicate)):
            targets = sources  # "Putin and Kim met", "Armenia and Azerbaijan fought": each other
        # the reverse of a mutual act only with a partner, not a topic ("signed the declaration
        # on Ukraine" is not signed by Ukraine)
        partners = {m.actor_code for m in self._partners(predicate, actors)} if mutual else set()
        pairs: list[tuple[Mention | None, Mention | None]] = []
        nobody: list[Mention | None] = [None]
        for source in [*sources] or nobody:
            # "Pyongyang praised ties between Moscow and Pyongyang": not its own country when
            # another actor is there; "Russian police detained Russian activists": else it
            fitting = [t for t in targets if source is None or not _same_country(source, t)]
            if not fitting and targets is not sources:
                fitting = [t for t in targets[:1] if _code(source) != t.actor_code]
            for target in [*fitting] or nobody:
                pairs.append((source, target))
                if (
                    mutual
                    and source is not None
                    and target is not None
                    and (target.actor_code in partners or targets is sources)
                ):
                    pairs.append((target, source))
        with_target = {_code(s) for s, t in pairs if t is not None}
        kept: dict[tuple[str | None, str | None], tuple[Mention | None, Mention | None]] = {}
        for s, t in pairs:
            if (s, t) != (None, None) and (t is not None or _code(s) not in with_target):
                kept.setdefault((_code(s), _code(t)), (s, t))
        return list(kept.values())

    def _partners(self, predicate: _Predicate, actors: MentionIndex) -> list[Mention]:
        """Who takes part in a mutual act with the source: its direct object ("met Kim"), the
        object of "with" or "between" ("talks with Kyiv", "talks between Moscow and Kyiv")."""
        token, head = predicate.token, predicate.head
        found = [m for c in head.children if c.dep_ == "dobj" for m in actors.at(c)]
        for word in dict.fromkeys((token, head)):
            found += actors.after(word, ("with",)) + actors.between(word)
        return found

    def _reciprocal(self, predicate: _Predicate) -> bool:
        """Whether the predicate says its coordinated subjects act on each other ("fought",
        "held joint exercises", "agreed to expand cooperation")."""
        words = [predicate.head.lemma_.lower(), predicate.token.lemma_.lower()]
        words += _complement_words(predicate)
        text = " ".join(words)
        return any(w in self.roles.reciprocal for w in words) or any(
            " " in r and r in text for r in self.roles.reciprocal
        )

    def _actors(
        self, predicate: _Predicate, actors: MentionIndex, code: str
    ) -> tuple[list[Mention], list[Mention]]:
        """The sources and targets of a predicate, from its own clause (relative clauses and the
        phrases that qualify an object are walls, see `MentionIndex.inside`); a place is a
        target only of the acts `place_targets` lists ("strikes in Syria", not "talks in
        Geneva"); "against" never names the partner of a cooperative act."""
        token, head = predicate.token, predicate.head
        # "a meeting of foreign ministers from the SCO", "withdrew from Syria", "warned of"
        preps = self.roles.target_preps((*DIRECT_PREPS, "of", "from"), code)
        if predicate.nominal:
            return self._nominal_actors(predicate, actors, code, preps)
        subjects = actors.subject(head)
        passive = any(c.dep_ in ("nsubjpass", "auxpass", "agent") for c in head.children) or (
            head.dep_ == "acl" and head.tag_ == "VBN"  # "two countries criticized by the West"
        )
        if passive:
            sources, targets = actors.after(head, ("by",)), subjects
        else:
            sources, targets = subjects, actors.objects(head, token, preps)
        parties = actors.between(token) if token != head else []
        if not sources and len(parties) > 1:
            return parties, parties  # "talks were held between Moscow and Kyiv": each with each
        if (  # "sent troops to Ukraine": the troops are the sender's own
            targets
            and all(self.roles.bare_agent(t) for t in targets)
            and not all(self.roles.bare_agent(s) for s in sources)
        ):
            targets = actors.after(head, preps)
        if not targets and not passive:
            targets = actors.place(head, token, self.roles.place_preps(code))
        return sources, targets

    def _nominal_actors(
        self, predicate: _Predicate, actors: MentionIndex, code: str, preps: tuple[str, ...]
    ) -> tuple[list[Mention], list[Mention]]:
        """Sources and targets of an event noun on its own ("Moscow's invasion of Ukraine")."""
        token, head = predicate.token, predicate.head
        own = actors.modifier(token, possessive_only=predicate.inside_event)
        sources = own or actors.after(token, ("by",))
        if not sources and (predicate.inside_event or _completes_verb(token, self.lexicon)):
            return [], []  # "signed a treaty", "agreed to a ceasefire": the verb says it
        parties = actors.between(token)
        if not sources and len(parties) > 1:
            return parties, parties  # "talks between Moscow and Kyiv": each with each
        walls = frozenset(DIRECT_PREPS) - frozenset(preps)
        targets = actors.after(token, preps, walls=walls)
        joiner = self._participant(token)
        if joiner is not None:  # "Finland joins a NATO exercise": the joiner acts, NATO holds it
            return actors.subject(joiner), sources or targets
        if not sources and token.dep_ == "dobj":
            sources = actors.subject(token.head)[:1]  # "attend a meeting of the SCO"
        if not sources and self._claimed_by(token) is not None:
            sources = actors.subject(self._claimed_by(token))  # type: ignore[arg-type]
        if not sources and _occasion(token):
            sources = actors.subject(head)  # "During a meeting with X, Kim said..."
        if not targets:  # "Russia's operation in Ukraine": violence in a country is done to it
            targets = actors.place(token, token, self.roles.place_preps(code))
        if not targets and len(sources) == 1:
            subject = first(actors.subject(head))  # "Kim called Lavrov's visit ..."
            if subject is not None and subject.actor_code != sources[0].actor_code:
                targets = [subject]
        return sources, targets

    def _claimed_by(self, noun: Token) -> Token | None:
        """The verb whose subject owns an event noun by claiming it ("Hamas claimed
        responsibility for [the rocket fire]": `claiming` in events/data/roles.yaml), or None."""
        prep = noun.head
        if noun.dep_ != "pobj" or prep.lower_ != "for":
            return None
        owned = prep.head
        if owned.dep_ == "dobj" and owned.lemma_.lower() in self.roles.claiming:
            return owned.head
        return None

    def _participant(self, noun: Token) -> Token | None:
        """The verb of taking part whose object is an event noun ("joins a NATO exercise",
        "took part in the summit"), or None."""
        verb = noun.head
        if noun.dep_ == "pobj" and noun.head.lower_ == "in":
            verb = noun.head.head
            if verb.lower_ == "part" and verb.dep_ == "dobj":  # "took part in"
                return verb.head
            if any(c.dep_ == "dobj" and c.lower_ == "part" for c in verb.children):
                return verb
        elif noun.dep_ != "dobj":
            return None
        return verb if verb.lemma_.lower() in self.roles.participation else None

    # ---- what is asserted ---------------------------------------------------------------------

    def _modality(
        self, predicate: _Predicate, sent: Span, actors: MentionIndex
    ) -> tuple[str, str | None]:
        """How the sentence tells the predicate: `hypothetical` (a question, a condition, could /
        might, feared or judged likely), `intent` (planned, hoped, offered, proposed), `future`
        (will, going to, a headline's "X to visit Y"), `reported` (said, quoted, according to,
        reportedly) or `factual`; with the speaker's actor code when someone reports it."""
        reported, speaker = self._reported(predicate, sent, actors)
        head = predicate.head
        chain = [head, *head.ancestors][:2]
        auxes = {c.lower_ for t in chain for c in t.children if c.dep_ in ("aux", "auxpass")}
        if (
            _question(sent)  # also a quoted question
            or auxes & SAYS.hypothetical_aux
            or any(_conditional(t) for t in chain)
            or _believed(head)
        ):
            return "hypothetical", speaker
        to = any(c.dep_ == "aux" and c.lower_ == "to" for c in head.children)
        governor = head.head if head.dep_ in ("xcomp", "advcl", "acl", "ccomp") else None
        if to and governor is not None:
            if lemma_in(governor, SAYS.hypothetical_heads):
                return "hypothetical", speaker  # "is likely to attack"
            if lemma_in(governor, SAYS.future_heads):
                return "future", speaker  # "is going to visit"
            intents = SAYS.intent_nouns if governor.pos_ == "NOUN" else SAYS.intent_verbs
            if lemma_in(governor, intents):
                return "intent", speaker  # "agreed to meet", "hopes to mesh", "a plan to annex"
        if predicate.nominal and _about(predicate.token, SAYS.intent_nouns, ("for", "of")):
            return "intent", speaker  # "plans for an offensive"
        if auxes & SAYS.future_aux or (to and _headline_infinitive(head)):
            return "future", speaker  # "will visit"; a headline's "Putin to visit Pyongyang"
        return ("reported" if reported else "factual"), speaker

    def _reported(
        self, predicate: _Predicate, sent: Span, actors: MentionIndex
    ) -> tuple[bool, str | None]:
        """Whether someone is reported saying the predicate, and who (an actor code or None)."""
        head = predicate.head
        speaker: str | None = None
        reported = False
        below = head
        for ancestor in head.ancestors:  # "X said [that Y attacked Z]": Y's attack is reported
            if ancestor.lemma_.lower() in REPORTING and below.dep_ in ("ccomp", "parataxis"):
                reported = True
                said_by = first(actors.subject(ancestor))
                speaker = said_by.actor_code if said_by else speaker
                break
            below = ancestor
        according = (
            next(t for t in sent if t.lower_ == "according")
            if "according" in _words(sent)
            else None
        )
        if according is not None:
            reported = True
            source = first(actors.after(according, ("to",), deep=True))
            speaker = source.actor_code if source else speaker
        if _quoted(predicate.token, sent):
            reported = True
            if speaker is None:
                said_by = (
                    first(actors.subject(sent.root)) if sent.root.lemma_ in REPORTING else None
                )
                speaker = said_by.actor_code if said_by else actors.last_speaker
        if _words(sent) & SAYS.rumour or _claimed(head):
            reported = True
        return reported, speaker


def _own_clause(verb: Token) -> bool:
    """Whether a complement clause has its own subject ("warned [that Russia will attack]")."""
    return verb.dep_ in ("ccomp", "advcl") and any(c.dep_ in SUBJECTS for c in verb.children)


def _headline_infinitive(verb: Token) -> bool:
    """Whether a "to" verb is a headline's main verb ("Putin to visit Pyongyang", which the
    parser may hang from the subject: "Xi [to meet] Biden")."""
    if verb.dep_ == "ROOT":
        return True
    return verb.dep_ in ("relcl", "acl") and verb.head.dep_ == "ROOT" and verb.head.pos_ == "PROPN"


def _conditional(verb: Token) -> bool:
    """Whether a clause is a condition ("if Iran attacks", "should Hamas release ...") or is
    conditioned by one ("[if Iran attacks,] Israel would respond")."""
    if _condition(verb):
        return True
    return any(c.dep_ == "advcl" and _condition(c) for c in verb.children)


def _condition(verb: Token) -> bool:
    marks = [c for c in verb.children if c.dep_ == "mark"]
    if any(m.lower_ in SAYS.conditional_marks for m in marks):
        return True
    subjects = [c.i for c in verb.children if c.dep_ in SUBJECTS]
    return verb.dep_ == "advcl" and any(  # "Should Hamas release the hostages, ..."
        c.dep_ in ("aux", "auxpass") and c.lower_ in SAYS.inverted_conditional
        and subjects and c.i < min(subjects)
        for c in verb.children
    )  # fmt: skip


def _believed(verb: Token) -> bool:
    """Whether a clause is what someone fears, suspects or doubts ("Kyiv fears that Moscow will
    attack", "the fear that Moscow will attack")."""
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return False  # "a threat to impose sanctions" is an intent (`_modality`)
    below = verb
    for ancestor in list(verb.ancestors)[:3]:
        if below.dep_ not in ("ccomp", "acl", "xcomp", "advcl", "conj"):
            return False
        if lemma_in(ancestor, SAYS.attitude_verbs | SAYS.attitude_nouns):
            return True
        below = ancestor
    return False


def _about(noun: Token, nouns: frozenset[str], preps: Sequence[str]) -> bool:
    """Whether an event noun is what a noun of a class is about, through one of `preps` ("the
    collapse [of] the truce", "anger [over] sanctions") or as its possessor ("the truce's
    collapse")."""
    if noun.dep_ == "poss":
        return lemma_in(noun.head, nouns)
    prep = noun.head
    return (
        noun.dep_ == "pobj"
        and prep.lower_ in preps
        and prep.head.pos_ in ("NOUN", "PROPN")
        and lemma_in(prep.head, nouns)
    )


def _cancelled(noun: Token) -> bool:
    """Whether an event noun is told as not holding ("the ceasefire collapsed", "talks broke
    down", "the collapse of the truce") or only as the object of an attitude ("deep resentment
    of Washington's sanctions", "fear of an invasion"): then it is no event at all."""
    subject = noun
    while subject.dep_ == "conj" and subject.head != subject:
        subject = subject.head
    if subject.dep_ in SUBJECTS and lemma_in(subject.head, SAYS.collapse_verbs):
        return True
    preps = ("of", "in", "to", "over", "at", "about", "toward", "towards", "against", "with", "on")
    return _about(noun, SAYS.collapse_nouns | SAYS.attitude_nouns, preps)


def _same_country(a: Mention, b: Mention) -> bool:
    """One country (RUSGOV, RUS) or one international body (IGOUNO, IGOUNOSEC)."""
    return load_roles().same_actor_country(a, b)


def _code(mention: Mention | None) -> str | None:
    return mention.actor_code if mention is not None else None


def _distinct(mentions: list[Mention]) -> list[Mention]:
    """One mention per actor code, in order ("Putin and the Kremlin" are one source)."""
    kept: dict[str, Mention] = {}
    for m in mentions:
        kept.setdefault(m.actor_code, m)
    return list(kept.values())


def _when_phrase(prep: Token) -> bool:
    """Whether a preposition only tells a time ("on Saturday", "in May")."""
    objects = [c for c in prep.children if c.dep_ == "pobj"]
    return bool(objects) and all(o.ent_type_ in ("DATE", "TIME") for o in objects)


def _naming(verb: Token, deps: frozenset[str]) -> bool:
    """Whether a verb or its object has a common noun (or adjective) in one of the relations
    `deps` that is predicated of the object: "called Putin [a liar]" (oprd), "called the envoy
    [a stupid guy]" (appos), "called Ukraine's offer [a provocation]" (ccomp); an appos, a dobj
    or an npadvmod counts only when indefinite ("called Trump [a coward]" parsed as one object,
    "called the move [a dangerous step]"; "called him last week" is no naming)."""
    for child in [*verb.children, *(g for o in _objects(verb) for g in o.children)]:
        if child.dep_ not in deps or (child.pos_ not in ("NOUN", "ADJ") and child.dep_ != "ccomp"):
            continue
        if child.dep_ not in ("appos", "dobj", "npadvmod") or any(
            d.lower_ in ("a", "an") for d in child.children
        ):
            return True
    return False


def _objects(verb: Token) -> list[Token]:
    out = []
    for child in verb.children:
        if child.dep_ in ("dobj", "attr", "nsubjpass"):
            out.append(child)
            out += [c for c in child.children if c.dep_ == "conj"]
    return out


def _object_heads(predicate: _Predicate) -> list[Token]:
    """The head nouns of what a predicate acts on: its objects (or the one it is about), and the
    objects of on/against/at/into after an event noun ("an assault on the market")."""
    token = predicate.token
    heads = [predicate.focus] if predicate.focus is not None else _objects(predicate.head)
    heads = [] if predicate.nominal else heads + _relative_object(predicate.head)
    heads += [  # "captured a fifth of the market"
        c for t in heads for p in t.children if p.dep_ == "prep" and p.lower_ == "of"
        for c in p.children if c.dep_ == "pobj"
    ]  # fmt: skip
    if token != predicate.head or predicate.nominal:
        heads = [t for t in heads if t != token]
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ in ("on", "against", "at", "into"):
                heads += [c for c in prep.children if c.dep_ == "pobj"]
    return heads


def _relative_object(verb: Token) -> list[Token]:
    """The noun a relative pronoun object stands for: "the attack [that] Russia launched"."""
    if verb.dep_ == "relcl" and any(c.dep_ == "dobj" and c.tag_ == "WDT" for c in verb.children):
        return [verb.head]
    return []


def _subjects(verb: Token) -> list[Token]:
    """The subject words of a verb, inherited from the verb it completes or is conjoined to
    ("a tsunami is set to [hit] the banks")."""
    current = verb
    for _ in range(4):
        found = [c for c in current.children if c.dep_ in SUBJECTS]
        if found or current.dep_ not in ("xcomp", "conj", "advcl") or current.head == current:
            return found
        current = current.head
    return []


def _completes_verb(noun: Token, lexicon: Lexicon) -> bool:
    """An event noun in a prepositional object of a coded verb ("agreed to a ceasefire")."""
    return (
        noun.dep_ == "pobj"
        and noun.head.head.pos_ == "VERB"
        and noun.head.head.lemma_.lower() in lexicon.verbs
        and noun.head.lower_ not in SAYS.occasion
    )


def _occasion(noun: Token) -> bool:
    """An event noun that sets the scene of the news ("during talks", "after a meeting")."""
    return noun.dep_ == "pobj" and noun.head.lower_ in SAYS.occasion


def _clause_verb(token: Token) -> Token:
    """The verb whose clause holds a noun (for subject, negation and modality)."""
    for ancestor in token.ancestors:
        if ancestor.pos_ in ("VERB", "AUX"):
            return ancestor
    return token


def _complement_words(predicate: _Predicate) -> list[str]:
    """Lemmas of what the predicate is about: its objects, complements and the noun's modifiers."""
    token, head = predicate.token, predicate.head
    words: list[str] = []
    roots = [c for c in head.children if c.dep_ not in SUBJECTS and c.dep_ not in ("aux", "neg")]
    if predicate.focus is not None:
        return [
            t.lemma_.lower() for t in predicate.focus.subtree if t.i >= predicate.focus.left_edge.i
        ]
    objects = _objects(head)
    if len(objects) > 1:  # the first of several conjoined objects: only it, not its conjuncts
        roots = [c for c in roots if c != objects[0]]
        words += [t.lemma_.lower() for t in objects[0].subtree if t not in objects[1:]]
    if token != head:
        roots.append(token)
    words += [t.lemma_.lower() for t in _relative_object(head)]
    for root in roots:
        words += [t.lemma_.lower() for t in root.subtree if t.is_alpha or "-" in t.text]
    return words


def _negated(verb: Token, token: Token | None = None) -> bool:
    """Whether a clause verb (or the event noun `token` it carries) is negated: "did not meet",
    "failed to reach", "declined to attend", "imposed no sanctions"."""
    if (
        token is not None
        and token != verb
        and any(c.dep_ in ("det", "neg") and c.lower_ in SAYS.negations for c in token.children)
    ):
        return True
    chain = [verb, *(a for a in verb.ancestors if verb.dep_ in ("xcomp", "ccomp"))][:2]
    for t in chain:
        if any(
            c.dep_ == "neg" or c.lower_ in SAYS.negations for c in t.children if c.dep_ != "pobj"
        ):
            return True
        if t != verb and lemma_in(t, SAYS.negating_verbs):
            return True
    return False


def _claimed(verb: Token) -> bool:
    """Whether a verb's clause is what a claim noun says ("claims [that it sheltered] ...")."""
    return verb.dep_ in ("acl", "ccomp", "appos") and lemma_in(verb.head, SAYS.claim_nouns)


def _to_clause(verb: Token) -> bool:
    """Whether a verb opens a "to" clause that hangs from a noun ("a plan [to annex]")."""
    return verb.dep_ in ("acl", "relcl") and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in verb.children
    )


@lru_cache(maxsize=256)
def _text(sent: Span) -> str:
    """A sentence's text, built once per sentence (spaCy joins its tokens at every `.text`)."""
    return sent.text


@lru_cache(maxsize=256)
def _words(sent: Span) -> frozenset[str]:
    """The lower-cased words of a sentence, once per sentence."""
    return frozenset(t.lower_ for t in sent)


def _question(sent: Span) -> bool:
    """Whether a sentence is a question (a quoted one too)."""
    return _text(sent).rstrip().rstrip(QUOTES + "'’").endswith("?")


def _quoted(token: Token, sent: Span) -> bool:
    """Whether a word lies inside quotation marks of its sentence."""
    before = _text(sent)[: token.idx - sent.start_char]
    opened = sum(before.count(q) for q in "“«") - sum(before.count(q) for q in "”»")
    straight = before.count('"') % 2 == 1
    return opened > 0 or straight


# ---- merging ------------------------------------------------------------------------------------


def merge(events: Iterable[Event], headlines: frozenset[int] = frozenset()) -> list[Event]:
    """One event per (source, target, code, polarity, modality, background, date, precision) in
    a document; the evidence of each repetition is kept.

    A headline event that the body tells too (same source and root, the same target or none,
    the same polarity, a compatible modality) is folded into the body's event: one event, with
    the body's code and date and both evidence spans. `headlines` are the segment indexes of the
    document's headlines."""
    merged: dict[tuple[object, ...], Event] = {}
    for event in events:
        key = (event.source, event.target, event.cameo, event.polarity, event.modality,
               event.background, event.date, event.date_precision)  # fmt: skip
        if key in merged:
            _absorb(merged[key], event)
        else:
            merged[key] = event
    out = list(merged.values())
    body = [e for e in out if e.segment not in headlines and not e.background]
    kept: list[Event] = []
    for event in out:
        told = None
        if event.segment in headlines:
            matches = [e for e in body if _restates(event, e)]
            told = min(matches, key=lambda e: (e.cameo != event.cameo, e.evidence.start),
                       default=None)  # fmt: skip
        if told is None:
            kept.append(event)
        else:
            _absorb(told, event)
    return kept


# modalities that tell the same event: a headline's "X hits Y" and the body's "Y said X hit it"
_TOLD_ALIKE = ({"factual", "reported"}, {"future", "intent"}, {"hypothetical"})


def _restates(headline: Event, body: Event) -> bool:
    """Whether a headline event says what a body event says (see `merge`)."""
    return (
        _alike(headline.source, body.source)
        and (not headline.target or _alike(headline.target, body.target))
        and headline.root == body.root
        and headline.polarity == body.polarity
        and any({headline.modality, body.modality} <= told for told in _TOLD_ALIKE)
    )


def _alike(a: str, b: str) -> bool:
    """Actor codes of the same actor told more or less precisely ("UGA" and "UGAGOV")."""
    return bool(a) and bool(b) and (a.startswith(b) or b.startswith(a))


def _absorb(kept: Event, event: Event) -> None:
    """Fold a repetition of an event into the one kept: its evidence, speaker and date words."""
    for evidence in event.evidence_all or [event.evidence]:
        if all(e.start != evidence.start for e in kept.evidence_all):
            kept.evidence_all.append(evidence)
    kept.confidence = max(kept.confidence, event.confidence)
    kept.speaker = kept.speaker or event.speaker
    kept.date_text = kept.date_text or event.date_text


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
    return get_coder(dictionaries).code(units, mentions, published, headlines)
