"""Names: the first pass of the linker, every name of an actor in a parsed segment.

`NameFinder` holds the phrase matchers built over every KB name and alias (acronyms
case-sensitively, with and without dots; other names case-insensitively, but a lower-case match
must be a proper noun or a multi-word name) and finds a segment's names with them, plus spaCy's
PERSON/ORG/NORP entities and the proper nouns the KB does not know; `detente.actors.link` gives
them their codes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.attrs import POS
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.parts_of_speech import PROPN
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from detente.actors.honorifics import attach_honorifics, is_honorific, words
from detente.actors.kb import KnowledgeBase, normalise
from detente.actors.records import CASUAL, Name
from detente.actors.spans import acronym_variants, determined, inside_longer, is_acronym, trim
from detente.parse.units import Unit

NER_LABELS = frozenset({"PERSON", "ORG", "NORP"})  # unknown GPEs are places (cities), not actors


class NameFinder:
    """The phrase matchers over every KB name (`exact`: acronyms; `lower`: other names, in any
    case) and the capitals each name is written with (`first_caps`)."""

    def __init__(self, kb: KnowledgeBase, nlp: Language) -> None:
        self.kb = kb
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.first_caps: dict[str, tuple[bool, ...]] = {}
        self.mixed_case: dict[str, frozenset[str]] = {}  # names written with inner capitals
        for key, surfaces in kb.surfaces.items():
            acronyms = [s for s in surfaces if is_acronym(s)]
            for surface in acronyms:
                self.exact.add(key, [nlp.make_doc(v) for v in acronym_variants(surface)])
            long_acronym = any(len(a.replace(".", "")) >= 4 for a in acronyms)  # "nato"
            if len(acronyms) < len(surfaces) or long_acronym:
                variants = {key, key.replace("'", "’"), key.replace("-", " ")}
                self.lower.add(key, [nlp.make_doc(v) for v in variants])
            written = max(surfaces, key=lambda s: sum(c.isupper() for c in s))
            tokens = nlp.make_doc(written)
            if any(_inner_capital(t.text) for t in tokens):  # "LeT" is no "Let's"
                self.mixed_case[key] = frozenset(surfaces)
            caps = tuple(t.text[:1].isupper() for t in tokens)
            self.first_caps[key] = () if long_acronym else caps

    def find(self, unit: Unit) -> list[Name]:
        """The names of a parsed segment, in reading order (see `detente.actors.link`, pass 1)."""
        doc = unit.doc
        spans = []
        casual: set[tuple[int, int]] = set()  # lower-case names of people in comments
        for matcher in (self.exact, self.lower):
            for match_id, start, end in matcher(doc):
                key = doc.vocab.strings[match_id]
                span = Span(doc, start, end, label=key)
                if matcher is self.exact or self._case_ok(span, key):
                    spans.append(span)
                elif unit.thread and self._is_person(span) and not determined(span):
                    spans.append(span)  # "what if trump wins": commenters skip capitals
                    casual.add((start, end))
        ents = doc.ents  # (made anew at each call)
        groups = {(e.start, e.end) for e in ents if e.label_ == "PERSON" and self._group(e)}
        persons = [e for e in ents if e.label_ == "PERSON" and (e.start, e.end) not in groups]
        spans = [s for s in spans if not inside_longer(s, persons) or self._same_person(s, persons)]
        spans = [s for s in spans if not self._agent_tail(s)]
        kept = filter_spans(spans)
        taken = {i for s in kept for i in range(s.start, s.end)}
        strangers = [self._other_given_name(s, taken) for s in kept]
        result = [
            Name(s, self.kb.targets(s.label_), weight=CASUAL if (s.start, s.end) in casual else 1.0)
            for s, other in zip(kept, strangers, strict=True)
            if other is None
        ]
        for other in strangers:  # "Ivanka Trump": another person of the family, no KB link
            if other is not None:
                result.append(Name(other, []))
                taken.update(range(other.start, other.end))
        for ent in ents:
            if ent.label_ in NER_LABELS and not any(i in taken for i in range(ent.start, ent.end)):
                if (ent.start, ent.end) in groups:  # "Delhi Police" is a body, not a person
                    ent = Span(doc, ent.start, ent.end, label="ORG")
                trimmed = trim(ent, self.kb.title_words if ent.label_ == "PERSON" else frozenset())
                if any(t.text[:1].isupper() for t in trimmed):
                    result.append(Name(trimmed, []))
                    taken.update(range(trimmed.start, trimmed.end))
        # proper nouns the NER missed may still be a person named earlier; a bare "Mr" is no name
        for i in _proper_nouns(doc):
            if i not in taken and doc[i].is_title and not is_honorific(doc[i]):
                result.append(Name(Span(doc, i, i + 1, label="NAME"), []))
        return sorted(attach_honorifics(result, taken), key=lambda n: n.span.start)

    def _agent_tail(self, span: Span) -> bool:
        """Whether a name ends an agent noun of the knowledge base that starts with the word
        before it: "[National] Security Council" is a country's government body, not the UN's
        Security Council (`agents.yaml`; "Japan's National Security Council" → JPNGOV)."""
        if span.start == 0:
            return False
        return normalise(span.doc[span.start - 1 : span.end].text.lower()) in self.kb.agents

    def _case_ok(self, span: Span, key: str) -> bool:
        text = span.text
        if any(c.isalpha() for c in text) and text == text.upper():
            return True  # an all-caps headline or acronym
        if key in self.mixed_case:  # "LeT", "McCain": written so, or not this name
            return text.replace("’", "'") in self.mixed_case[key]
        caps = self.first_caps.get(key, ())
        if not caps:
            return True  # a long acronym: "nato" is NATO in any case
        if len(caps) == len(span) and all(
            t.text[:1].isupper() for t, c in zip(span, caps, strict=True) if c
        ):
            return True
        if text == text.lower() and sum(caps) >= 2:
            return True  # "north korea" in a comment
        return len(span) == 1 and span[0].pos_ == "PROPN"

    def _same_person(self, span: Span, persons: Sequence[Span]) -> bool:
        """A known person's name inside a longer PERSON entity is that person only if the other
        words are his names or titles ("Sergei Viktorovich Lavrov", not "Alessandra Meloni")."""
        parts = {
            w
            for t in self.kb.targets(span.label_)
            if t.person
            for w in self.kb.people[t.person].name_parts
        }
        entity = next(p for p in persons if p.start <= span.start and span.end <= p.end)
        written = {t.lower_ for t in words(entity) if t.is_alpha} - self.kb.title_words
        return bool(parts) and written <= parts | {t.lower_ for t in span}

    def _other_given_name(self, span: Span, taken: set[int]) -> Span | None:
        """A known person's name ("Trump") after given names of someone else ("Ivanka Trump",
        "Tiffany Trump") that the NER did not mark: the whole name as an unknown PERSON, else
        None. Titles, honorifics, other KB names and initials ("Donald J. Trump") contradict
        nothing; a given name contradicts when it is none of the person's names or aliases."""
        start = span.start
        if start == 0 or start - 1 in taken:
            return None
        people = [t.person for t in self.kb.targets(span.label_) if t.person]
        if not people:
            return None
        doc = span.doc
        given = []
        i = start - 1
        while i >= 0 and i not in taken and _given_name(doc[i], self.kb.title_words):
            if doc[i].dep_ != "compound" or not start <= _compound_head(doc[i]) < span.end:
                break
            given.append(doc[i])
            i -= 1
        written = {t.lower_.rstrip(".") for t in given if len(t.text.rstrip(".")) > 1}
        if not written:
            return None
        if any(written <= self._known_words(p) for p in people):
            return None
        return Span(doc, given[-1].i, span.end, label="PERSON")

    def _known_words(self, person_id: str) -> frozenset[str]:
        """The words of a person's name and aliases, lower-cased ("donald", "trump", "the")."""
        person = self.kb.people[person_id]
        found = set(person.name_parts)
        for alias in person.aliases:
            found.update(w.lower().rstrip(".") for w in re.split(r"[\s\-]+", alias) if w)
        return frozenset(found)

    def _group(self, entity: Span) -> bool:
        """Whether a PERSON entity of the statistical NER names a group instead: it ends in an
        agent noun ("Delhi Police", "Naroda Police") or modifies one right after it ("[Sri
        Lankan Tamil] rebels")."""
        last = entity[-1]
        if self._agent_noun(last):
            return True
        head = entity.root.head
        return (
            entity.root.dep_ in ("compound", "amod")
            and head.i == entity.end
            and self._agent_noun(head)
        )

    def _agent_noun(self, token: Token) -> bool:
        return token.pos_ in ("NOUN", "PROPN") and (
            normalise(token.lower_) in self.kb.agents or normalise(token.lemma_) in self.kb.agents
        )

    def _is_person(self, span: Span) -> bool:
        return any(t.person for t in self.kb.targets(span.label_))


def _proper_nouns(doc: Doc) -> list[int]:
    """The indices of the tokens tagged PROPN, read from the parse's array at once (a `Token`
    object for every word of every segment was most of this pass's time)."""
    return [i for i, pos in enumerate(doc.to_array(POS).tolist()) if pos == PROPN]


def _given_name(token: Token, title_words: frozenset[str]) -> bool:
    """Whether a token can be a given name before a surname: a proper noun (lower-case in a
    re-cased headline) that is no honorific ("Mr") and no title word ("President", "Senator")."""
    return (
        token.pos_ == "PROPN"
        and token.is_alpha | token.text.endswith(".")
        and not is_honorific(token)
        and token.lower_ not in title_words
    )


def _compound_head(token: Token) -> int:
    """The index of the word a chain of compounds ends on ("George" → "W." → "Bush")."""
    while token.dep_ == "compound" and token.head.i != token.i:
        token = token.head
    return token.i


def _inner_capital(word: str) -> bool:
    """A word with a capital inside a part that is not all capitals ("LeT", "McCain"; not
    "Al-Qaeda", "O'Brien" or "NATO")."""
    parts = re.split(r"[-'’.]", word)
    return any(any(c.isupper() for c in p[1:]) and not p.isupper() for p in parts)
