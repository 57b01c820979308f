"""Who did it to whom: the source and target actors of a coded predicate.

The source is the subject (inherited through "agreed to ...", conjunctions and participles), or
the "by" agent of a passive; the target the object, the indirect object or the object of
with/to/on/against/for; a coordinated subject of a mutual act gives each actor as the other's
target. The knowledge (mutual acts, target prepositions, places) is in events/data/roles.yaml.
"""

from __future__ import annotations

from spacy.tokens import Token

from detente.events.appeals import addressed
from detente.events.assertion import SAYS, governing_verb, intent_noun, occasion
from detente.events.cameo import Lexicon, Pattern
from detente.events.clauses import (
    completes_verb,
    headline_passive,
    outside_that_clause,
    participle_clause,
    purpose_infinitive,
    reason_object,
    split_condition,
    stray_agent,
)
from detente.events.coordination import conjunct_phrase, joined_subjects
from detente.events.grammar import Predicate, complement_words, subjects_of
from detente.events.lemmas import lemma_in
from detente.events.roles import Roles, load_roles
from detente.model import Mention
from detente.parse.index import DIRECT_PREPS, OWN, SUBJECTS, MentionIndex, first


class Parties:
    """Finds the (source, target) pairs of predicates, by the roles and the lexicon's nouns."""

    def __init__(self, roles: Roles, lexicon: Lexicon) -> None:
        self.roles, self.lexicon = roles, lexicon

    def pairs(
        self, predicate: Predicate, code: str, actors: MentionIndex
    ) -> list[tuple[Mention | None, Mention | None]]:
        """Every (source, target) of a predicate: one per coordinated source and target ("Russia
        and the EU urged Armenia and Azerbaijan": four), both directions of a mutual act ("Putin
        met Kim", "Putin and Kim met": `symmetric` in events/data/roles.yaml); coordinated
        sources of any other act each act alone ("France, Germany and Italy condemned")."""
        sources, targets = self._actors(predicate, actors, code)
        sources, targets = _distinct(sources), _distinct(targets)
        if predicate.pattern.no_target:
            targets = []  # "resigned over the Iraq war": a cause, no one yielded to
        mutual = code in self.roles.symmetric
        if not targets and len(sources) > 1 and (mutual or self._reciprocal(predicate, code)):
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
            if not fitting and targets is not sources and len(sources) < 2:
                # "Russian police detained Russian activists"; with a partner beside it, its own
                # country is no target ("Mahdi and his Jordanian counterpart met in Jordan")
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

    def _partners(self, predicate: Predicate, actors: MentionIndex) -> list[Mention]:
        """Who takes part in a mutual act with the source: its direct object ("met Kim"), the
        object of "with" or "between" ("talks with Kyiv", "talks between Moscow and Kyiv")."""
        token, head = predicate.token, predicate.head
        found = [m for c in head.children if c.dep_ == "dobj" for m in actors.at(c)]
        for word in dict.fromkeys((token, head)):
            found += actors.after(word, ("with",)) + actors.between(word)
        return found

    def _reciprocal(self, predicate: Predicate, code: str) -> bool:
        """Whether the predicate says its coordinated subjects act on each other ("fought",
        "held joint exercises", "agreed to expand cooperation"; not "a joint statement")."""
        words = [predicate.head.lemma_.lower(), predicate.token.lemma_.lower()]
        words += complement_words(predicate)
        if code[:2] in self.roles.joint_roots:
            words = [w for w in words if w not in self.roles.joint_words]
        text = " ".join(words)
        return any(w in self.roles.reciprocal for w in words) or any(
            " " in r and r in text for r in self.roles.reciprocal
        )

    def _actors(
        self, predicate: Predicate, actors: MentionIndex, code: str
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
        subjects = joined_subjects(head, actors.subject(head), actors)  # "the IMF and World Bank"
        doer = reason_object(head, self.roles.reason_object_verbs)
        if doer is not None:  # "arrested a man for offering cash": the man offers
            subjects = actors.at(doer) or actors.modifier(doer)
            if not subjects:
                return [], []  # no actor's act ("accused the law of attacking civil society")
        passive = (
            any(c.dep_ in ("nsubjpass", "auxpass", "agent") for c in head.children)
            or (head.dep_ == "acl" and head.tag_ == "VBN")  # "two countries criticized by"
            or participle_clause(head)  # "If admitted into the EU, Turkey would ..."
            or (headline_passive(head) and self._done_to_someone(code))
        )
        carrier = self._carrier(head)
        if not subjects and carrier is not None:
            subjects = actors.subject(carrier)  # "had no plans to send", "stopped short of"
        commander = self.commander(head, actors)
        if commander is not None:  # "Moscow ordered its troops to withdraw": Moscow withdraws
            subjects = actors.subject(commander)
        object_of_condition, subject_of_main = split_condition(head)
        if subject_of_main is not None:  # "If Pakistan attacks India, the United States ..."
            subjects = actors.at(subject_of_main)
        if passive:
            # "weapons were sent [to Ukraine] by Germany": a thing done goes to the "to" actor
            sources = actors.after(head, ("by",)) or stray_agent(head, actors)
            targets = subjects or actors.after(head, ("to",))
        else:  # a statement's that-clause names what was said, not to whom (`said_roots`)
            sources, targets = subjects, actors.objects(head, token, preps)
            if code[:2] in self.roles.said_roots:
                targets = outside_that_clause(head, targets, actors)
        if targets and code[:2] in self.roles.warning_roots and _own_side(targets, sources):
            targets = self._threatened(head, actors, preps)
        if targets and code[:2] in self.roles.own_object_roots and not passive:
            targets = _beneficiary(head, targets, sources, actors)
        if not targets and object_of_condition is not None:
            targets = actors.at(object_of_condition)
        parties = actors.between(token) if token != head else []
        if not sources and len(parties) > 1:
            return parties, parties  # "talks were held between Moscow and Kyiv": each with each
        if (  # "sent troops to Ukraine": the troops are the sender's own
            targets
            and all(self.roles.bare_agent(t) for t in targets)
            and not all(self.roles.bare_agent(s) for s in sources)
        ):
            targets = actors.after(head, preps)
        if not targets and token != head:
            targets = conjunct_phrase(token, actors, preps)  # "sanctions and a ban on X"
        if not targets and code[:2] in self.roles.purpose_target_roots:
            targets = [  # "provided aid to support Syrian refugees": the refugees receive it
                m for c in head.children if purpose_infinitive(c) for m in actors.objects(c, c)
            ][:1]
        if not targets and not passive:
            targets = actors.place(head, token, self.roles.place_preps(code))
        if code[:2] in self.roles.appeal_roots:
            targets = addressed(head, targets, actors, self.roles.inquiry_nouns)
        if not targets and not passive and predicate.pattern.place_targets:
            targets = actors.place(head, token, predicate.pattern.place_targets)  # "refuge in X"
        return sources, targets

    def _threatened(
        self, verb: Token, actors: MentionIndex, preps: tuple[str, ...]
    ) -> list[Mention]:
        """Whom a warning about its own side's act threatens: the object of the clause, not its
        subject ("Putin warned that Russia would retaliate against [NATO]")."""
        clause = next((c for c in verb.children if c.dep_ in ("ccomp", "xcomp")), None)
        return [] if clause is None else actors.objects(clause, clause, preps, depth=2)

    def _nominal_actors(
        self, predicate: Predicate, actors: MentionIndex, code: str, preps: tuple[str, ...]
    ) -> tuple[list[Mention], list[Mention]]:
        """Sources and targets of an event noun on its own ("Moscow's invasion of Ukraine")."""
        token, head = predicate.token, predicate.head
        bearer = self._bearer(token)
        if bearer is not None:  # "Israel faced criticism from France": France criticised Israel
            if bearer.lemma_.lower() in self.roles.escaping:
                return [], []  # "Clinton escaped charges": nobody charged her
            given = ("from", "by", "of")  # "won the backing of Russia": Russia backs
            return actors.after(token, given) or actors.after(bearer, ("from", "by")), (
                actors.subject(bearer)
            )
        if token.lemma_.lower() in self.roles.scene_nouns and any(
            c.dep_ == "compound" and c.pos_ == "PROPN" for c in token.children
        ):  # "the Iraq war": where it happens, told by a name; nobody named does it
            return [], [m for c in token.children if c.dep_ == "compound" for m in actors.at(c)]
        own = actors.modifier(token, possessive_only=predicate.inside_event)
        if predicate.inside_event and own and all(m.method == "pronoun" for m in own):
            return [], []  # "will not lift its sanctions": the verb's own act, told once
        sources = own or actors.after(token, ("by",))
        if not sources and any(c.dep_ in SUBJECTS for c in token.children):
            sources = actors.subject(token)  # "US and UK strike targets": a verb tagged a noun
        if not sources and (predicate.inside_event or completes_verb(token, self.lexicon)):
            return [], []  # "signed a treaty", "agreed to a ceasefire": the verb says it
        parties = actors.between(token)
        if not sources and len(parties) > 1:
            return parties, parties  # "talks between Moscow and Kyiv": each with each
        walls = frozenset(DIRECT_PREPS) - frozenset(preps)
        targets = actors.after(token, preps, walls=walls) or conjunct_phrase(token, actors, preps)
        joiner = self._participant(token)
        if joiner is not None:  # "Finland joins a NATO exercise": the joiner acts, NATO holds it
            return actors.subject(joiner), sources or targets
        if not sources and token.dep_ == "dobj":
            sources = actors.subject(token.head)[:1]  # "attend a meeting of the SCO"
        if not sources and self._claimed_by(token) is not None:
            sources = actors.subject(self._claimed_by(token))  # type: ignore[arg-type]
        if not sources and occasion(token) and code[:2] in self.roles.occasion_roots:
            sources = actors.subject(head)  # "During a meeting with X, Kim said..."
        if not targets:  # "Russia's operation in Ukraine": violence in a country is done to it
            targets = actors.place(token, token, self._place_preps(predicate, code))
        counterpart = code[:2] in self.roles.subject_counterpart
        if not targets and len(sources) == 1 and counterpart:
            subject = first(actors.subject(head))  # "Kim called Lavrov's visit ..."
            if subject is not None and subject.actor_code != sources[0].actor_code:
                targets = [subject]
        return sources, targets

    def _place_preps(self, predicate: Predicate, code: str) -> tuple[str, ...]:
        """The prepositions of place whose actor is a target of this act: by its root
        (roles.yaml) and by its lexicon entry ("a ceasefire in Libya")."""
        preps = (*self.roles.place_preps(code), *predicate.pattern.place_targets)
        return tuple(dict.fromkeys(preps))

    def _done_to_someone(self, code: str) -> bool:
        """Whether an act is done to someone (`passive_headline_roots`), so that a headline's bare
        participle is passive: not a protest, a rally or a meeting."""
        return code[:2] in self.roles.passive_headline_roots

    def _bearer(self, noun: Token) -> Token | None:
        """The verb whose subject undergoes or escapes an event noun ("faced [criticism]",
        "came under [criticism]", "escaped [charges]": `undergoing`, `escaping` in roles.yaml),
        or None."""
        verb = noun.head
        if verb.dep_ == "pcomp" and verb.head.lower_ == "under":
            noun, verb = verb, verb.head  # "came under [withering] criticism", parsed as a verb
        if noun.dep_ in ("pobj", "pcomp") and verb.lower_ == "under":
            verb = verb.head  # "came under criticism", "is under pressure"
            return verb if verb.pos_ in ("VERB", "AUX") else None
        if noun.dep_ not in ("dobj", "nsubjpass") or verb.pos_ != "VERB":
            return None
        lemma = verb.lemma_.lower()
        return verb if lemma in self.roles.undergoing or lemma in self.roles.escaping else None

    def _carrier(self, verb: Token) -> Token | None:
        """The verb whose subject does what a verb tells when the parse gives it none: the verb
        a prepositional complement hangs from ("France stopped short of [condemning]"), or the
        verb that has an intent noun as its object ("Germany had no plans to [send]", "has no
        intention of [lifting]"); never a coded verb, whose subject judges another's act
        ("condemned X for [attacking]", "criticised plans to [send]")."""
        carrier = None
        noun = intent_noun(verb)
        if noun is not None and noun.dep_ == "dobj":
            carrier = noun.head
        elif verb.dep_ == "pcomp":
            carrier = governing_verb(verb)
        if carrier is None or (
            carrier.lemma_.lower() in self.lexicon.verbs
            and not lemma_in(carrier, SAYS.negating_verbs)  # "stopped short of"
        ):
            return None
        return carrier

    def commander(self, verb: Token, actors: MentionIndex) -> Token | None:
        """The verb of command whose subject orders its own forces to do what `verb` tells
        ("Moscow ordered its troops to [withdraw]", "the president ordered the army to
        [attack]": `commanding` in events/data/roles.yaml), or None: an order to another actor
        ("ordered Iran to release the tanker") is a demand. Own forces: a possessive its/their
        ("its forces"), or an object linked only as a generic agent or the subject's own country
        ("Russian troops"), or a noun of forces naming no actor ("the army": `own_forces`)."""
        order = verb.head
        if verb.dep_ != "xcomp" or order == verb:
            return None
        if order.pos_ != "VERB" or order.lemma_.lower() not in self.roles.commanding:
            return None
        forces = next((c for c in order.children if c.dep_ == "dobj"), None)
        if forces is None:
            return None
        if any(c.dep_ == "poss" and c.lower_ in OWN for c in forces.children):
            return order
        named, subjects = actors.at(forces), actors.subject(order)
        if not named and forces.lemma_.lower() in self.roles.own_forces and subjects:
            return order  # "the army", "the troops": no one else's
        if not named or not subjects:
            return None
        own = all(
            self.roles.bare_agent(m) or any(_same_country(m, s) for s in subjects) for m in named
        )
        return order if own else None

    def orders_own(self, verb: Token, actors: MentionIndex) -> bool:
        """Whether a verb of command orders its subject's own forces (`commander`): then the
        act ordered is coded, not the order."""
        return any(self.commander(c, actors) == verb for c in verb.children if c.dep_ == "xcomp")

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

    def warns_of_others(self, verb: Token, pattern: Pattern, actors: MentionIndex) -> bool:
        """Whether a verb of warning or threat (`warning_roots` in events/data/roles.yaml) has a
        that-clause about conditions or about a third actor ("warned that the museum would not
        be a panacea", "France warned that Russia would attack") rather than about what the
        warner's side will do (a pronoun, "there", its own forces, an actor of its country:
        "warned that it would retaliate") or what the warned party will suffer ("warned Russia
        that Russia would pay")."""
        code = pattern.code or (pattern.refine[0][1] if pattern.refine else "")
        if code[:2] not in self.roles.warning_roots:
            return False
        clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
        if clause is None:
            return False
        subject = next((c for c in clause.children if c.dep_ in (*SUBJECTS, "expl")), None)
        if subject is None or subject.pos_ == "PRON" or subject.dep_ == "expl":
            return False
        if any(c.dep_ in ("aux", "auxpass", "mark") and c.i < subject.i and c.lower_ != "that"
               for c in clause.children):  # fmt: skip
            return False  # "threatened to close the border should the region proceed"
        if any(c.dep_ == "poss" and c.lower_ in OWN | {"our", "my"} for c in subject.children):
            return False  # "warned that his government would expel him"
        named = actors.at(subject)
        if not named:
            return subject.lemma_.lower() not in self.roles.own_forces
        warned = [m for c in verb.children if c.dep_ in ("dobj", "dative") for m in actors.at(c)]
        if clause.lemma_.lower() in self.roles.warning_outcomes and not any(
            _same_country(m, o) for m in named for o in warned
        ):
            return True  # "warned that the bloc could fall apart": a forecast, no act
        own = actors.subject(verb) + warned
        return not any(_same_country(m, o) for m in named for o in own)

    def accident(self, predicate: Predicate, code: str, actors: MentionIndex) -> bool:
        """Whether violence (roots 18-20) is an accident: told by a participle of a verb of
        accident or with one as its clause ("crashed, killing three soldiers", "were killed when
        their bus overturned"), or done by an accident named without an actor ("a fire at the
        embassy killed two guards"): `accident_verbs`, `accident_nouns` in roles.yaml."""
        if code[:2] not in ("18", "19", "20") or predicate.nominal:
            return False
        head, verbs = predicate.head, self.roles.accident_verbs
        near = [c for c in head.children if c.dep_ == "advcl"]
        if head.dep_ in ("advcl", "conj"):
            near.append(head.head)
        if any(t.pos_ == "VERB" and t.lemma_.lower() in verbs for t in near):
            return True
        return any(
            t.lemma_.lower() in self.roles.accident_nouns and not actors.at(t)
            for t in subjects_of(head)
        )

    def unlinked_subject(self, predicate: Predicate, code: str, actors: MentionIndex) -> bool:
        """Whether a verb predicate has no actor as its doer, and that leaves no evidence of any
        actor's act: a pronoun the linker did not resolve ("I arrived", "they attacked"); a
        common noun, a name the linker does not know (a company, a ship, a person: "Yukos asked
        the court"), an unknown "by" agent or none ("Syria was criticised at the summit"),
        unless the act is one told of unnamed perpetrators ("gunmen kidnapped", "towns were
        shelled"; `unnamed_sources` in events/data/roles.yaml). An event noun says its source
        otherwise."""
        head = predicate.head
        if predicate.nominal or actors.subject(head):
            return False
        subjects = subjects_of(head)
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in head.children)
        if subjects and subjects[0].pos_ == "PRON" and not passive:
            return True
        return code[:2] not in self.roles.unnamed_sources


def _beneficiary(
    verb: Token, targets: list[Mention], sources: list[Mention], actors: MentionIndex
) -> list[Mention]:
    """The target of a commitment whose object names the source's own side as its modifier
    ("pledged continued U.S. support [for Israel]", "promised German aid [to Greece]"): the
    "to"/"for" beneficiary, else none (`own_object_roots` in events/data/roles.yaml)."""
    for obj in (c for c in verb.children if c.dep_ == "dobj"):
        inner = {
            m.start for t in obj.subtree if t.i < obj.i for m in actors.at(t)
            if m.method != "pronoun"
        }  # fmt: skip
        if all(t.start in inner for t in targets) and _own_side(targets, sources):
            return actors.after(obj, ("to", "for")) or actors.after(verb, ("to", "for"))
    return targets


def _own_side(targets: list[Mention], sources: list[Mention]) -> bool:
    """Whether every target is of a source's own country (RUS for RUSGOV)."""
    return bool(sources) and all(any(_same_country(t, s) for s in sources) for t in targets)


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
