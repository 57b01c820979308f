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
from functools import cache

from spacy.tokens import Span, Token

from detente.events.cameo import Codebook, Lexicon, Pattern, load_codebook, load_lexicon
from detente.events.when import event_date, looks_ahead
from detente.model import Event, Evidence, Mention
from detente.parse.index import SUBJECTS, MentionIndex, first
from detente.parse.units import Unit
from detente.parse.verbs import REPORTING

log = logging.getLogger(__name__)

INTENT = frozenset({"plan", "intend", "aim", "want", "seek", "pledge", "vow", "promise", "agree",
                    "prepare", "hope", "expect", "set", "due", "ready", "offer", "decide",
                    "propose", "threaten"})  # fmt: skip
HYPOTHETICAL_AUX = frozenset({"could", "might", "may", "would", "should", "can"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
RUMOUR = frozenset({"reportedly", "allegedly", "apparently", "purportedly", "rumoured", "rumored"})
NEGATIONS = frozenset({"not", "n't", "never", "no"})
# A verb in the complement of an appeal, intent, demand, accusation, rejection or threat is what is
# appealed for, promised, demanded...: it refines that event and is no event of its own.
GOVERNING_ROOTS = frozenset({"02", "03", "10", "11", "12", "13"})
COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp", "pcomp", "advcl"})
OCCASION = frozenset({"during", "after", "at", "before", "following", "ahead"})
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
        return merge(events)

    # ---- one sentence -----------------------------------------------------------------------

    def _sentence(
        self, sent: Span, unit: Unit, actors: MentionIndex, published: date | None, headline: bool
    ) -> list[Event]:
        out: list[Event] = []
        for predicate in self._predicates(sent, actors):
            code = self._refine(predicate)
            if code is None:
                continue
            if not predicate.nominal and self._subject_is_event(predicate.head):
                continue  # "new sanctions hit Mexico": the sanctions are the event, not a strike
            source, target = self._actors(predicate, actors)
            if target is None and predicate.pattern.needs_target and code == predicate.pattern.code:
                continue  # "released a video" is no release of persons
            if source is None and target is None:
                continue
            if source is not None and target is not None and source.actor_code == target.actor_code:
                target = None
            polarity = "negated" if _negated(predicate.head) else "asserted"
            modality, speaker = self._modality(predicate, sent, actors)
            when, when_text = event_date(
                predicate.token,
                predicate.head,
                sent,
                published,
                looks_ahead(predicate.head, modality),
                own=predicate.nominal and predicate.inside_event,
            )
            entry = self.codebook[code]
            confidence = 0.8 if source and target else 0.65
            if code.endswith("0") and len(code) == 3:
                confidence -= 0.1  # a "not specified below" code: the coder knows less
            linked = [m.confidence for m in (source, target) if m is not None]
            confidence *= min(1.0, 0.3 + max(linked))
            evidence = Evidence(
                start=unit.offset + sent.start_char,
                end=unit.offset + sent.end_char,
                text=sent.text,
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
                    background=predicate.nominal
                    and not headline
                    and not _occasion(predicate.token),
                    speaker=speaker,
                    date=when.day.isoformat() if when.day else None,
                    date_text=when_text,
                    date_precision=when.precision,
                    trigger=predicate.token.text,
                    evidence=evidence,
                    evidence_all=[evidence],
                    confidence=round(confidence, 3),
                    segment=unit.segment,
                )
            )
        return out

    def _predicates(self, sent: Span, actors: MentionIndex) -> Iterable[_Predicate]:
        carried: set[int] = set()
        for token in sent:
            if token.pos_ not in ("VERB", "NOUN", "PROPN") or token.i in carried:
                continue
            lemma = token.lemma_.lower()
            if token.pos_ == "VERB":
                nouns = [
                    c for c in _objects(token) if c.lemma_.lower() in self.lexicon.nouns
                ] if lemma in self.lexicon.light else []  # fmt: skip
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

    def _governed(self, verb: Token, actors: MentionIndex, consult: bool = True) -> bool:
        """Whether a verb completes another coded verb ("urged X to [agree]", "promised to
        [provide]", "accused X of [arming]", "phoned Y to [discuss]")."""
        current = verb
        for _ in range(3):
            through_prep = current.head.pos_ == "ADP"
            if current.dep_ not in COMPLEMENT_DEPS and not through_prep:
                return False
            head = current.head.head if through_prep else current.head
            if head == current:
                return False
            pattern = self._verb_pattern(head) if head.pos_ == "VERB" else None
            if pattern is not None:
                if not actors.subject(head):
                    return False  # "analysts warned": no actor's appeal or threat to fold into
                code = pattern.code or (pattern.refine[0][1] if pattern.refine else "")
                return code[:2] in GOVERNING_ROOTS or (
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
        preps = {c.lower_ for c in verb.children if c.dep_ in ("prep", "agent", "dative", "prt")}
        for pattern in patterns:
            if pattern.prt is not None and pattern.prt not in particles:
                continue
            if pattern.prep is not None and pattern.prep not in preps:
                continue
            if pattern.prt is None and pattern.lemma in ("pull", "break", "step", "crack"):
                continue
            return pattern
        return None

    def _refine(self, predicate: _Predicate) -> str | None:
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

    # ---- who did it to whom -------------------------------------------------------------------

    def _actors(
        self, predicate: _Predicate, actors: MentionIndex
    ) -> tuple[Mention | None, Mention | None]:
        token, head = predicate.token, predicate.head
        if predicate.nominal:
            own = actors.modifier(token, possessive_only=predicate.inside_event)
            source = first(own) or first(actors.after(token, ("by",)))
            if source is None and (predicate.inside_event or _completes_verb(token, self.lexicon)):
                return None, None  # "signed a treaty", "agreed to a ceasefire": the verb says it
            if source is None and token.dep_ == "dobj":
                source = first(actors.subject(token.head))  # "attend a meeting of the SCO"
            target = first(actors.after(token, ("of", "on", "against", "with", "to", "for",
                                                 "toward", "towards", "from", "over")))  # fmt: skip
            if source is None and _occasion(token):
                subjects = actors.subject(head)  # "During a meeting with X, Kim said..."
                source = first(subjects)
                if target is None and len(subjects) > 1:
                    target = subjects[1]
            if target is None and source is not None:
                subject = first(actors.subject(head))  # "Kim called Lavrov's visit ..."
                if subject is not None and subject.actor_code != source.actor_code:
                    target = subject
            return source, target
        subjects = actors.subject(head)
        passive = any(c.dep_ in ("nsubjpass", "auxpass", "agent") for c in head.children) or (
            head.dep_ == "acl" and head.tag_ == "VBN"  # "two countries criticized by the West"
        )
        if passive:
            source = first(actors.after(head, ("by",)))
            target = first(subjects)
        else:
            source = first(subjects)
            target = first(actors.objects(head, token))
            if target is None and len(subjects) > 1:
                target = subjects[1]  # "Putin and Kim signed a treaty"
            if target is None:
                target = first(actors.place(head))
        if source is not None and target is not None and _same_country(source, target):
            others = [m for m in actors.objects(head, token)[1:] if not _same_country(source, m)]
            target = others[0] if others else target  # "praised ties between Moscow and Pyongyang"
        return source, target

    # ---- what is asserted ---------------------------------------------------------------------

    def _modality(
        self, predicate: _Predicate, sent: Span, actors: MentionIndex
    ) -> tuple[str, str | None]:
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
        according = next((t for t in sent if t.lower_ == "according"), None)
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
        if any(t.lower_ in RUMOUR for t in sent):
            reported = True
        chain = [head, *head.ancestors]
        auxes = {c.lower_ for t in chain[:2] for c in t.children if c.dep_ in ("aux", "auxpass")}
        if sent.text.rstrip().endswith("?") or any(
            c.dep_ == "mark" and c.lower_ in ("if", "unless") for t in chain[:2] for c in t.children
        ):
            return "hypothetical", speaker
        if auxes & HYPOTHETICAL_AUX:
            return "hypothetical", speaker
        infinitive = head.dep_ in ("xcomp", "advcl") and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in head.children
        )
        if infinitive and head.head.lower_ == "going":
            return "future", speaker
        if infinitive and (head.head.lemma_.lower() in INTENT or head.head.lower_ in INTENT):
            return "intent", speaker  # "agreed to meet", "are set to explore", "due to discuss"
        if auxes & FUTURE_AUX:
            return "future", speaker
        return ("reported" if reported else "factual"), speaker


def _same_country(a: Mention, b: Mention) -> bool:
    return a.actor_code[:3] == b.actor_code[:3]


def _objects(verb: Token) -> list[Token]:
    out = []
    for child in verb.children:
        if child.dep_ in ("dobj", "attr", "nsubjpass"):
            out.append(child)
            out += [c for c in child.children if c.dep_ == "conj"]
    return out


def _completes_verb(noun: Token, lexicon: Lexicon) -> bool:
    """An event noun in a prepositional object of a coded verb ("agreed to a ceasefire")."""
    return (
        noun.dep_ == "pobj"
        and noun.head.head.pos_ == "VERB"
        and noun.head.head.lemma_.lower() in lexicon.verbs
        and noun.head.lower_ not in OCCASION
    )


def _occasion(noun: Token) -> bool:
    """An event noun that sets the scene of the news ("during talks", "after a meeting")."""
    return noun.dep_ == "pobj" and noun.head.lower_ in OCCASION


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
    for root in roots:
        words += [t.lemma_.lower() for t in root.subtree if t.is_alpha or "-" in t.text]
    return words


def _negated(verb: Token) -> bool:
    chain = [verb, *(a for a in verb.ancestors if verb.dep_ in ("xcomp", "ccomp"))][:2]
    for t in chain:
        if any(c.dep_ == "neg" or c.lower_ in NEGATIONS for c in t.children if c.dep_ != "pobj"):
            return True
        if t != verb and t.lemma_.lower() in ("fail", "refuse", "decline"):
            return True
    return False


def _quoted(token: Token, sent: Span) -> bool:
    """Whether a word lies inside quotation marks of its sentence."""
    before = sent.text[: token.idx - sent.start_char]  # not doc.text: that costs the whole doc
    opened = sum(before.count(q) for q in "“«") - sum(before.count(q) for q in "”»")
    straight = before.count('"') % 2 == 1
    return opened > 0 or straight


# ---- merging ------------------------------------------------------------------------------------


def merge(events: Iterable[Event]) -> list[Event]:
    """One event per (source, target, code, polarity, modality, background, date, precision) in
    a document; the evidence of each repetition is kept."""
    merged: dict[tuple[object, ...], Event] = {}
    for event in events:
        key = (event.source, event.target, event.cameo, event.polarity, event.modality,
               event.background, event.date, event.date_precision)  # fmt: skip
        if key in merged:
            kept = merged[key]
            if all(e.start != event.evidence.start for e in kept.evidence_all):
                kept.evidence_all.append(event.evidence)
            kept.confidence = max(kept.confidence, event.confidence)
            kept.speaker = kept.speaker or event.speaker
            kept.date_text = kept.date_text or event.date_text
        else:
            merged[key] = event
    return list(merged.values())


@cache
def get_coder() -> Coder:
    return Coder(load_codebook(), load_lexicon())


def code_text(text: str, day: date, kb_files: tuple[str, ...] = ()) -> list[Event]:
    """Link and code a plain text whose lines are its segments, published on `day`."""
    from detente.actors.link import get_linker
    from detente.parse.units import text_units

    units = text_units(text)
    return code_document(units, get_linker(kb_files).link(units, day), day)


def code_document(
    units: Sequence[Unit],
    mentions: Sequence[Mention],
    published: date | None,
    headlines: frozenset[int] = frozenset(),
) -> list[Event]:
    return get_coder().code(units, mentions, published, headlines)
