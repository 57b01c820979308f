"""Linking: every mention of an actor in a parsed document, tied to a knowledge-base code.

One document at a time, over the spaCy parses of its analysed segments in reading order:

1. **names**: a phrase matcher over every KB name and alias (acronyms case-sensitively, with and
   without dots; other names case-insensitively, but a lower-case match must be a proper noun or a
   multi-word name), plus spaCy's PERSON/ORG/GPE/NORP entities for what the KB does not know;
2. **titles**: "Russian Foreign Minister Sergey Lavrov", "Kremlin spokesman Dmitry Peskov",
   "Dmitry Peskov, the Kremlin spokesman": the title and its country give a person not in the KB a
   code, remembered for the rest of the document;
3. **roles**: a country word modifying a group noun or a title gives country + role ("Russian
   troops" → RUSMIL) or, for a title with no name, the office holder on the document's date
   ("the Russian leader", "Russia's president", "his North Korean counterpart");
4. **coreference**: later short names ("Kim", "Lavrov") to the document's full names, "the two
   men" / "the two countries" to the last two people or countries, and third-person pronouns to
   the subject of the clause that governs them or of the previous sentence, only where the parse
   leaves one candidate.

Each mention records how it was linked (`method`) and a confidence; an ambiguous name is linked
to its context's reading with a low confidence, never silently to a default.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from detente.actors.agents import agent_phrase
from detente.actors.kb import (
    Agent,
    KnowledgeBase,
    Person,
    Target,
    Title,
    load_kb,
    normalise,
    slug,
)
from detente.actors.places import area_word, city_country, dateline_end, names_feature
from detente.model import Mention
from detente.parse.units import Unit, text_units

#: Confidence of a link by how it was made (before date and ambiguity penalties).
CONFIDENCE = {
    "name": 0.97,
    "alias": 0.92,
    "demonym": 0.9,
    "metonym": 0.85,
    "title": 0.88,
    "role": 0.85,
    "coreference": 0.85,
    "pronoun": 0.72,
    "ner": 0.0,
}
AMBIGUOUS = 0.45  # a name with several readings and no context to choose
CONTEXT = 0.7  # a name with several readings, chosen because the document names one of them
AFTER_AS_OF = 0.9
CASUAL = 0.7  # factor for a lower-case name of a person in a comment ("trump")  # factor for an office held "now" when the document is newer than the KB

NER_LABELS = frozenset({"PERSON", "ORG", "NORP"})  # unknown GPEs are places (cities), not actors
PRONOUNS = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f",
            "hers": "f", "herself": "f"}  # fmt: skip
PAIR_PEOPLE = frozenset({"man", "woman", "leader", "president", "minister", "diplomat"})
PAIR_COUNTRIES = frozenset({"country", "nation", "state", "neighbour", "neighbor", "ally",
                            "government", "capital"})  # fmt: skip
MODIFIER_DEPS = frozenset({"amod", "compound", "poss", "nmod", "npadvmod"})
SUBJECTS = frozenset({"nsubj", "nsubjpass"})
LOCATIVE = frozenset({"in", "at", "inside", "near", "outside", "around", "across", "within",
                      "throughout", "into"})  # fmt: skip
NOMINALS = {"bloc": ("organisation", "bloc"), "alliance": ("organisation", "bloc"),
            "organisation": ("organisation",), "organization": ("organisation",),
            "group": ("bloc", "group"), "movement": ("group",)}  # fmt: skip


WORD = re.compile(r"[^\W\d_]+")  # a word of letters only


@dataclass
class Found:
    unit: int
    start: int  # token indices in the unit's doc
    end: int
    code: str
    method: str
    confidence: float
    person: str | None = None


@dataclass
class Seen:
    """A person the document has named, for short names, counterparts and pronouns."""

    key: str
    code: str
    parts: frozenset[str]
    country: str | None
    gender: str | None
    unit: int
    token: int


@dataclass
class _State:
    day: date
    people: list[Seen] = field(default_factory=list)
    countries: list[tuple[int, int, str]] = field(default_factory=list)  # (unit, token, code)
    country_pairs: list[tuple[tuple[int, int], tuple[str, str]]] = field(default_factory=list)
    organisations: list[tuple[int, int, str]] = field(default_factory=list)  # (unit, token, code)
    codes: set[str] = field(default_factory=set)  # codes named unambiguously in the document
    home: set[str] = field(default_factory=set)  # the countries the document names or is filed in


class Linker:
    def __init__(self, kb: KnowledgeBase, nlp: Language) -> None:
        self.kb = kb
        self.nlp = nlp
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.first_caps: dict[str, tuple[bool, ...]] = {}
        for key, surfaces in kb.surfaces.items():
            acronyms = [s for s in surfaces if _is_acronym(s)]
            for surface in acronyms:
                self.exact.add(key, [nlp.make_doc(v) for v in _acronym_variants(surface)])
            long_acronym = any(len(a.replace(".", "")) >= 4 for a in acronyms)  # "nato"
            if len(acronyms) < len(surfaces) or long_acronym:
                variants = {key, key.replace("'", "’"), key.replace("-", " ")}
                self.lower.add(key, [nlp.make_doc(v) for v in variants])
            written = max(surfaces, key=lambda s: sum(c.isupper() for c in s))
            caps = tuple(t.text[:1].isupper() for t in nlp.make_doc(written))
            self.first_caps[key] = () if long_acronym else caps

    # ---- the document ------------------------------------------------------------------

    def link(self, units: Sequence[Unit], day: date) -> list[Mention]:
        """Every mention of an actor in a document's parsed segments, in reading order; `day`
        (the document's date) decides who holds an office. A segment in odd case (a headline in
        capitals) is linked on a re-cased parse (`recased`); offsets and texts stay the input's."""
        written = units
        units = [self.recased(unit) for unit in units]
        state = _State(day)
        names = [
            self._places_left_out(unit, self._names(u, unit), state) for u, unit in enumerate(units)
        ]
        state.home |= {
            country
            for here in names
            for n in here
            if len(n.targets) == 1 and (country := self.kb.country_of(n.targets[0].code))
        }
        for u, unit in enumerate(units):
            self._titled_people(u, unit, names[u], state)
        found: list[Found] = []
        last_subject: Found | None = None
        for u, unit in enumerate(units):
            here = self._resolve(u, unit, names[u], state)
            if unit.thread:
                last_subject = None
            here, last_subject = self._pronouns(u, unit, here, state, last_subject)
            found += here
        return [self._mention(f, units, written) for f in found]

    def _mention(self, f: Found, units: Sequence[Unit], written: Sequence[Unit]) -> Mention:
        unit = units[f.unit]
        span = unit.doc[f.start : f.end]
        person = self.kb.people.get(f.person or "")
        return Mention(
            start=unit.offset + span.start_char,
            end=unit.offset + span.end_char,
            text=written[f.unit].text_at(span.start_char, span.end_char),
            actor_code=f.code,
            actor_name=person.name if person else self.kb.name_of(f.code),
            person=f.person,
            method=f.method,
            confidence=round(f.confidence, 3),
            segment=unit.segment,
        )

    # ---- 1. names --------------------------------------------------------------------------

    def _names(self, u: int, unit: Unit) -> list[_Name]:
        doc = unit.doc
        spans = []
        casual: set[tuple[int, int]] = set()  # lower-case names of people in comments
        for matcher in (self.exact, self.lower):
            for match_id, start, end in matcher(doc):
                key = doc.vocab.strings[match_id]
                span = Span(doc, start, end, label=key)
                if matcher is self.exact or self._case_ok(span, key):
                    spans.append(span)
                elif unit.thread and self._is_person(span) and not _determined(span):
                    spans.append(span)  # "what if trump wins": commenters skip capitals
                    casual.add((start, end))
        groups = {(e.start, e.end) for e in doc.ents if e.label_ == "PERSON" and self._group(e)}
        persons = [e for e in doc.ents if e.label_ == "PERSON" and (e.start, e.end) not in groups]
        spans = [
            s for s in spans if not _inside_longer(s, persons) or self._same_person(s, persons)
        ]
        kept = filter_spans(spans)
        taken = {i for s in kept for i in range(s.start, s.end)}
        result = [
            _Name(
                s, self.kb.targets(s.label_), weight=CASUAL if (s.start, s.end) in casual else 1.0
            )
            for s in kept
        ]
        for ent in doc.ents:
            if ent.label_ in NER_LABELS and not any(i in taken for i in range(ent.start, ent.end)):
                if (ent.start, ent.end) in groups:  # "Delhi Police" is a body, not a person
                    ent = Span(doc, ent.start, ent.end, label="ORG")
                trimmed = _trim(ent, self.kb.title_words if ent.label_ == "PERSON" else frozenset())
                if any(t.text[:1].isupper() for t in trimmed):
                    result.append(_Name(trimmed, []))
                    taken.update(range(trimmed.start, trimmed.end))
        for token in doc:  # proper nouns the NER missed may still be a person named earlier
            if token.pos_ == "PROPN" and token.is_title and token.i not in taken:
                result.append(_Name(Span(doc, token.i, token.i + 1, label="NAME"), []))
        return sorted(result, key=lambda n: n.span.start)

    def _case_ok(self, span: Span, key: str) -> bool:
        text = span.text
        if any(c.isalpha() for c in text) and text == text.upper():
            return True  # an all-caps headline or acronym
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
        words = {t.lower_ for t in entity if t.is_alpha} - self.kb.title_words
        return bool(parts) and words <= parts | {t.lower_ for t in span}

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

    # ---- 2. people with titles -------------------------------------------------------------------

    def _titled_people(self, u: int, unit: Unit, names: list[_Name], state: _State) -> None:
        """Full names of people, with the title or apposition that says who they act for."""
        for name in names:
            person = next((self.kb.people[t.person] for t in name.targets if t.person), None)
            if person is None and not (name.targets == [] and name.span.label_ == "PERSON"):
                continue
            if person is None and len(name.span) < 2:
                continue  # a lone surname is resolved later, against the full names
            title = self._title_of(name, names)
            if title is not None and title.code is None and title.title is not None:
                title.code, title.guessed = self._sole_country_code(name, names, title.title)
            if person is not None:
                code, role = self.kb.person_code(person, state.day)
                method = next(t.method for t in name.targets if t.person)
                confidence = CONFIDENCE[method] * name.weight
                if role is None and title and title.title:
                    # the text gives an office the KB has ended or does not know: trust the text
                    past = [r for r in person.roles if r.title == title.title.title]
                    code = title.code or (past[-1].actor if past else code)
                    confidence *= AFTER_AS_OF
                elif role is not None and role.end is None and state.day > self.kb.as_of:
                    confidence *= AFTER_AS_OF
                key, gender, parts = person.id, person.gender, person.name_parts
            elif title and title.code:
                code, method = title.code, "title"
                confidence = CONFIDENCE["title"] * (CONTEXT if title.guessed else 1.0)
                key, gender = slug(name.span.text), None
                parts = frozenset(w.lower() for w in name.span.text.replace("-", " ").split())
            else:
                continue
            start = title.start if title and title.start is not None else name.span.start
            name.found = Found(u, start, name.span.end, code, method, confidence, key)
            if title:
                for absorbed in title.absorbed:
                    absorbed.done = True
            country = self.kb.country_of(code)
            state.people.append(Seen(key, code, parts, country, gender, u, name.span.start))
            state.codes.add(code)

    def _sole_country_code(
        self, name: _Name, names: list[_Name], title: Title
    ) -> tuple[str | None, bool]:
        """A title without a country ("President Park Geun-hye") takes the country of its
        paragraph when the paragraph has named exactly one before it."""
        countries = {
            self.kb.country_of(n.targets[0].code)
            for n in names
            if n.span.start < name.span.start and len(n.targets) == 1 and n.targets[0].code
        } - {None}
        if len(countries) != 1:
            return None, False
        (country,) = countries
        assert country is not None
        return self.kb.with_role(country, title.role), True

    def _title_of(self, name: _Name, names: list[_Name]) -> _TitleFound | None:
        """The title before a name ("Russian Foreign Minister") or in its apposition."""
        doc = name.span.doc
        by_token = {i: n for n in names for i in range(n.span.start, n.span.end)}
        words: list[Token] = []
        ref: _Name | None = None
        i = name.span.start - 1
        while i >= 0 and ref is None:  # leftwards: title words, then the country or body
            other = by_token.get(i)
            if other is not None and other.targets and not any(t.person for t in other.targets):
                ref = other
            elif doc[i].lower_ in self.kb.title_words:
                words.insert(0, doc[i])
                i -= 1
            elif doc[i].lower_ in ("'s", "’s") or (doc[i].text == "-" and words):
                i -= 1
            else:
                break
        title = self._longest_title(words) if words else None
        if title is not None:
            start = min([*(w.i for w in words), *([ref.span.start] if ref else [])])
            code = self._code_for(ref.targets[0], title) if ref else None
            return _TitleFound(title, code, start, [ref] if ref else [])
        if ref is not None and not words and _possessive(ref.span):
            # "Brazil's Lula": the affiliation without a title
            country = self.kb.country_of(ref.targets[0].code)
            return _TitleFound(None, country, ref.span.start, [ref])
        for child in name.span.root.children:
            if child.dep_ == "appos":
                inner = [
                    n for n in names if child.left_edge.i <= n.span.start <= child.right_edge.i
                ]
                refs = [n for n in inner if n.targets]
                head_title = self._title_ending(child)
                if head_title is not None:
                    code = self._code_for(refs[0].targets[0], head_title) if refs else None
                    return _TitleFound(head_title, code, None, [])
        return None

    def _code_for(self, target: Target, title: Title) -> str:
        """The code a title gives with its country or body: RUS + foreign minister → RUSGOV; an
        organisation ("NATO Secretary General") or a seat of power ("Kremlin spokesman") is the
        code itself."""
        if self.kb.is_country(target.code):
            return self.kb.with_role(target.code, title.role)
        return target.code

    def _longest_title(self, words: list[Token]) -> Title | None:
        for k in range(len(words)):
            phrase = " ".join(t.lower_ for t in words[k:])
            title = self.kb.title_for(phrase) or self.kb.title_for(
                " ".join([*(t.lower_ for t in words[k:-1]), words[-1].lemma_.lower()])
            )
            if title is not None:
                return title
        return None

    def _title_ending(self, head: Token) -> Title | None:
        words = [t for t in head.subtree if t.i <= head.i and t.lower_ in self.kb.title_words]
        words = [
            t
            for t in words
            if all(w.lower_ in self.kb.title_words for w in head.doc[t.i : head.i + 1])
        ]
        return self._longest_title(words) if words and words[-1] == head else None

    # ---- 3. countries, organisations, roles, short names ----------------------------------------

    def _resolve(self, u: int, unit: Unit, names: list[_Name], state: _State) -> list[Found]:
        found: list[Found] = []
        for name in names:
            if name.done:
                continue
            if name.found is not None:
                found.append(name.found)
                continue
            if name.targets:
                found += self._reference(u, name, names, state)
            else:
                found += self._short_name(u, name, state)
        found += self._pairs(u, unit.doc, state, found)
        found += self._nominals(u, unit.doc, names, state)
        found = self._agents(u, unit.doc, names, found, state)
        return sorted(found, key=lambda f: (f.start, f.end))

    def _reference(self, u: int, name: _Name, names: list[_Name], state: _State) -> list[Found]:
        span = name.span
        target, confidence = self._choose(name.targets, state)
        actor = self.kb.actors.get(target.code)
        if actor is not None and actor.kind in ("organisation", "bloc", "group"):
            state.organisations.append((u, span.start, target.code))
        if target.person:
            person = self.kb.people[target.person]
            return [self._person_found(u, span.start, span.end, person, target.method, state)]
        head = _modified_head(span)
        if head is not None and any(
            n.targets and n.span.start <= head.i < n.span.end for n in names
        ):
            head = None  # "Yemen's Houthi rebels", "US State Department": two names
        phrase = _phrase(span, head) if head is not None else []
        title = self._longest_title(phrase) if phrase else None
        end = span.end
        if (
            head is not None
            and head.i >= span.end
            and not _in_names_between(span.end, head.i, names)
        ):
            end = head.i + 1
        if head is not None and title is not None and not _in_person(head, names):
            plural = head.tag_ in ("NNS", "NNPS")
            if not plural:
                return [self._office(u, span.start, end, target, title, state)]
            code = self._code_for(target, title)
            return [Found(u, span.start, end, code, "role", CONFIDENCE["role"] * confidence)]
        role = self._role_of(phrase) if phrase else None
        if role is None and (target.adjective or _possessive(span)):
            following = [t for t in _following(span) if not _in_names(t, names)]
            for k in range(len(following), 0, -1):
                last = following[k - 1]
                if last.dep_ in ("compound", "amod") and last.head.i > last.i:
                    continue  # "US drone strike": the drone is not the actor
                role = self._role_of(following[:k])
                if role is not None:
                    end = following[k - 1].i + 1
                    break
        if role is not None:
            code = target.code
            if self.kb.is_country(code):
                code = self.kb.with_role(code, role)
            return [Found(u, span.start, end, code, "role", CONFIDENCE["role"] * confidence)]
        if any(t.method == "metonym" for t in name.targets) and _locative(span):
            return []  # "talks in Pyongyang": the place, not the government
        if self.kb.is_country(target.code):
            state.countries.append((u, span.start, target.code))
            partner = _coordinated_with(span, names)
            if (
                partner is not None
                and partner.targets
                and self.kb.is_country(partner.targets[0].code)
            ):
                state.country_pairs.append(
                    ((u, span.start), (partner.targets[0].code, target.code))
                )
        method = target.method
        return [
            Found(u, span.start, span.end, target.code, method, CONFIDENCE[method] * confidence)
        ]

    def _choose(self, targets: list[Target], state: _State) -> tuple[Target, float]:
        """One reading of a name: the only one, or the one the document names elsewhere."""
        if len(targets) == 1:
            target = targets[0]
            if target.code:
                state.codes.add(target.code)
            return target, 1.0
        named = [t for t in targets if t.code in state.codes]
        if len(named) == 1:
            return named[0], CONTEXT
        return targets[0], AMBIGUOUS

    def _office(
        self, u: int, start: int, end: int, target: Target, title: Title, state: _State
    ) -> Found:
        """A title without a name: the holder on the document's date, or the document's person."""
        country = self.kb.country_of(target.code)
        code = self._code_for(target, title)
        if country is None:  # an organisation's office: "the UN Secretary-General"
            holders = self.kb.holders(target.code, title, state.day) if title.unique else []
            if len(holders) == 1:
                return self._person_found(u, start, end, holders[0][0], "title", state)
            return Found(u, start, end, code, "title", CONFIDENCE["title"])
        if title.title == "counterpart":
            return self._counterpart(u, start, end, country, code, state)
        holders = self.kb.holders(country, title, state.day) if title.unique else []
        if len(holders) == 1:
            return self._person_found(u, start, end, holders[0][0], "title", state)
        return Found(u, start, end, code, "title", CONFIDENCE["role"])

    def _counterpart(
        self, u: int, start: int, end: int, country: str, code: str, state: _State
    ) -> Found:
        """ "his Ukrainian counterpart": the holder of the same office as the person it is
        measured against, else the person of that country the document named last, else its
        leader."""
        here = (u, start)
        before = [p for p in state.people if (p.unit, p.token) < here]
        anchor = next((p for p in reversed(before) if p.country and p.country != country), None)
        anchor_person = self.kb.people.get(anchor.key) if anchor else None
        roles = anchor_person.roles_on(state.day) if anchor_person else []
        if roles:
            holders = self.kb.holders(country, Title(roles[-1].title, "GOV"), state.day)
            if len(holders) == 1:
                return self._person_found(u, start, end, holders[0][0], "title", state)
        same_country = [p for p in before if p.country == country]
        if same_country:
            seen = same_country[-1]
            return self._seen_found(u, start, end, seen, "title", CONFIDENCE["title"], state)
        leaders = self.kb.holders(country, Title("leader", "GOV", True), state.day)
        if len(leaders) == 1:
            found = self._person_found(u, start, end, leaders[0][0], "title", state)
            found.confidence = CONTEXT
            return found
        return Found(u, start, end, code, "title", CONFIDENCE["role"])

    def _person_found(
        self, u: int, start: int, end: int, person: Person, method: str, state: _State
    ) -> Found:
        code, role = self.kb.person_code(person, state.day)
        confidence = CONFIDENCE[method]
        if role is not None and role.end is None and state.day > self.kb.as_of:
            confidence *= AFTER_AS_OF
        seen = Seen(
            person.id, code, person.name_parts, self.kb.country_of(code), person.gender, u, start
        )
        state.people.append(seen)
        return Found(u, start, end, code, method, confidence, person.id)

    def _seen_found(
        self,
        u: int,
        start: int,
        end: int,
        seen: Seen,
        method: str,
        confidence: float,
        state: _State,
    ) -> Found:
        state.people.append(replace(seen, unit=u, token=start))
        return Found(u, start, end, seen.code, method, confidence, seen.key)

    def _role_of(self, phrase: list[Token]) -> str | None:
        for k in range(len(phrase)):
            words = [t.lower_ for t in phrase[k:]]
            for candidate in (" ".join(words), " ".join([*words[:-1], phrase[-1].lemma_.lower()])):
                role = self.kb.roles.get(normalise(candidate))
                if role:
                    return role
        return None

    def _short_name(self, u: int, name: _Name, state: _State) -> list[Found]:
        """A name the KB does not know: a later mention of a person the document has named."""
        span = name.span
        parts = {t.lower_ for t in span if t.is_alpha}
        if parts:
            here = (u, span.start)
            matches = [p for p in state.people if parts <= p.parts and p.key]
            before = [p for p in matches if (p.unit, p.token) < here]
            pool = before or matches
            if pool:
                distinct = {p.key for p in pool}
                seen = pool[-1] if before else pool[0]
                confidence = CONFIDENCE["coreference"] if len(distinct) == 1 else CONTEXT - 0.1
                if not before:
                    confidence -= 0.1  # named in full only further down (a headline)
                return [
                    self._seen_found(
                        u, span.start, span.end, seen, "coreference", confidence, state
                    )
                ]
        if span.label_ not in NER_LABELS or not _plausible(span):
            return []
        if span.label_ == "PERSON":
            state.people.append(
                Seen(slug(span.text), "", frozenset(parts), None, None, u, span.start)
            )
            return [Found(u, span.start, span.end, "", "ner", CONFIDENCE["ner"], slug(span.text))]
        return [Found(u, span.start, span.end, "", "ner", CONFIDENCE["ner"])]

    def _pairs(self, u: int, doc: Doc, state: _State, found: list[Found]) -> list[Found]:
        """'the two men', 'both countries': the last two people or countries named before."""
        out: list[Found] = []
        for token in doc:
            if token.lower_ not in ("two", "both") or token.head.i <= token.i:
                continue
            head = token.head
            lemma = head.lemma_.lower()
            start = token.i - 1 if token.i > 0 and doc[token.i - 1].lower_ == "the" else token.i
            here = (u, start)
            sentence_start = (u, token.sent.start)
            if lemma in PAIR_PEOPLE:
                keys: list[Seen] = []
                for p in reversed([p for p in state.people if (p.unit, p.token) < sentence_start]):
                    if p.key not in {k.key for k in keys}:
                        keys.append(p)
                for seen in keys[:2] if len(keys) >= 2 else []:
                    out.append(
                        Found(u, start, head.i + 1, seen.code, "coreference", 0.75, seen.key)
                    )
            elif lemma in PAIR_COUNTRIES:
                codes: list[str] = []
                for p in state.people:  # the countries of the people this paragraph names first
                    if p.unit == u and p.token < token.i and p.country and p.country not in codes:
                        codes.append(p.country)
                if len(codes) != 2:
                    pairs = [pair for at, pair in state.country_pairs if at < here]
                    codes = list(pairs[-1]) if pairs else []
                if len(codes) != 2:  # the countries of the last two people of different countries
                    codes = []
                    for p in reversed(state.people):
                        if (p.unit, p.token) < here and p.country and p.country not in codes:
                            codes.append(p.country)
                    codes = codes[:2]
                if len(codes) != 2:
                    codes = []
                    for cu, ct, code in reversed(state.countries):
                        if (cu, ct) < here and code not in codes:
                            codes.append(code)
                for code in codes[:2] if len(codes) >= 2 else []:
                    out.append(Found(u, start, head.i + 1, code, "coreference", 0.75))
        return out

    def _nominals(self, u: int, doc: Doc, names: list[_Name], state: _State) -> list[Found]:
        """ "the bloc", "the alliance": the organisation of that kind the document named last."""
        out: list[Found] = []
        for token in doc:
            kinds = NOMINALS.get(token.lower_)
            children = list(token.children)
            if kinds is None or _in_names(token, names) or not children:
                continue
            if [c.lower_ for c in children if c.dep_ not in ("case", "punct")] != ["the"]:
                continue
            start = children[0].i
            if start != token.i - 1:
                continue
            for cu, ct, code in reversed(state.organisations):
                actor = self.kb.actors[code]
                if (cu, ct) < (u, start) and actor.kind in kinds:
                    out.append(Found(u, start, token.i + 1, code, "coreference", CONTEXT))
                    break
        return out

    # ---- places and generic agents ------------------------------------------------------------

    def _places_left_out(self, unit: Unit, names: list[_Name], state: _State) -> list[_Name]:
        """The names that are not a sea or gulf ("the Gulf of Oman") or a dateline's place
        ("DOHA —"); a dateline's country still says where the document is from."""
        dateline = dateline_end(unit.text)
        kept = []
        for name in names:
            places = all(self.kb.is_country(t.code) or t.method == "metonym" for t in name.targets)
            if name.span.start_char < dateline and (places or not name.targets):
                if len(name.targets) == 1:
                    state.home.add(self.kb.country_of(name.targets[0].code) or "")
                continue
            if name.targets and places and names_feature(name.span):
                continue
            kept.append(name)
        state.home.discard("")
        return kept

    def _agents(
        self, u: int, doc: Doc, names: list[_Name], found: list[Found], state: _State
    ) -> list[Found]:
        """Generic agents the passes above left unlinked: "police in Karachi", "the government
        in Tokyo", "officials in Moscow and Beijing", "Karachi police", and "Police arrested 40
        people" when the document names one country only)."""
        # an entity the KB does not know ("Kaduna State Government") may still be a place's agent
        covered = {i for f in found if f.code for i in range(f.start, f.end)}
        covered |= {
            i
            for n in names
            if n.targets or n.span.label_ == "PERSON"
            for i in range(n.span.start, n.span.end)
        }
        out = list(found)
        for token in doc:
            hit = agent_phrase(token, self.kb) if token.i not in covered else None
            if hit is None:
                continue
            start, agent = hit
            codes, end = self._agent_places(token, agent, names)
            confidence = CONFIDENCE["role"]
            org = next((n for n in names if n.span.label_ == "ORG" and token in n.span), None)
            if org is not None:  # "Delhi Police", "the Supreme Court of X": an organisation
                country = city_country(doc[org.span.start : start].text) or city_country(
                    doc[org.span.start : token.i].text  # "Delhi Police": the place is a modifier
                )
                if org.span.end != token.i + 1 or country is None:
                    continue
                codes, start = [self.kb.with_role(country, agent.code)], org.span.start
            for child in token.children if not codes else ():
                country = city_country(doc[child.left_edge.i : child.i + 1].text)
                if child.i < start and child.dep_ in ("compound", "nmod", "amod") and country:
                    codes = [self.kb.with_role(country, agent.code)]  # "Karachi police"
                    start = child.left_edge.i
            owner = self._owner(token, start, out)
            if not codes and owner is not None:  # "Myanmar's military": one mention
                codes = [self.kb.with_role(owner.code, agent.code)]
                start = owner.start
            if not codes and agent.alone and len(state.home) == 1 and _unowned(token, names):
                # the document's one country; with several or none, a bare agent code ("COP")
                # was right too seldom on third-party text to be worth its noise
                codes = [self.kb.with_role(next(iter(state.home)), agent.code)]
                confidence = CONTEXT
            if not codes:
                continue
            out = [f for f in out if not (start <= f.start and f.end <= end)]
            out += [Found(u, start, end, code, "role", confidence) for code in codes]
            covered.update(range(start, end))
        return out

    def _owner(self, token: Token, start: int, found: list[Found]) -> Found | None:
        """The country whose possessive comes right before an agent noun the parse did not
        attach to it ("Myanmar's military seized power")."""
        doc = token.doc
        if start < 2 or doc[start - 1].lower_ not in ("'s", "’s"):
            return None
        return next((f for f in found if f.end == start - 1 and self.kb.is_country(f.code)), None)

    def _agent_places(
        self, token: Token, agent: Agent, names: list[_Name]
    ) -> tuple[list[str], int]:
        """The codes an agent takes from the places it is of, from or in ("officials in Moscow
        and Beijing" → RUSGOV, CHNGOV), and where its phrase ends; no codes when any of the
        places is not one the KB or the city list knows."""
        for prep in token.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("of", "from", "in"):
                continue
            if prep.lower_ == "in" and not agent.located:
                continue
            objects = [c for c in prep.children if c.dep_ == "pobj"]
            objects += [c for o in objects for c in o.conjuncts]
            codes = [self._place_code(o, names, agent) for o in objects]
            if codes and all(codes):
                return list(dict.fromkeys(c for c in codes if c)), prep.right_edge.i + 1
        return [], token.i + 1

    def _place_code(self, token: Token, names: list[_Name], agent: Agent) -> str | None:
        name = next((n for n in names if n.targets and token in n.span), None)
        owner = next((c for c in token.children if c.dep_ == "poss"), None)
        if name is None and owner is not None and area_word(token.lemma_):
            # "police in Colombia's second-largest city": the country that owns the place
            name = next((n for n in names if n.targets and owner in n.span), None)
            if name is None or not self.kb.is_country(name.targets[0].code):
                return None
        if name is None:
            words = [t for t in token.doc[token.left_edge.i : token.i + 1] if t.dep_ != "det"]
            country = city_country(" ".join(t.text for t in words))
            return self.kb.with_role(country, agent.code) if country else None
        target = name.targets[0]
        if target.person:
            return None
        if self.kb.is_country(target.code):
            return self.kb.with_role(target.code, agent.code)
        return target.code  # "leaders in Brussels": the EU; "a delegation from the Taliban"

    # ---- headlines in odd case -------------------------------------------------------------------

    def recased(self, unit: Unit) -> Unit:
        """A headline in capitals, Title Case or lower case, parsed again in sentence case
        (`recase_text`): the tagger and NER fail on the odd case. Every character stays where it
        was, so offsets hold; the unit keeps the written text. Other segments, comments and
        units already re-cased are returned as they are."""
        if unit.thread or unit.written is not None:
            return unit
        text = self.recase_text(unit.text)
        if text == unit.text:
            return unit
        return Unit(unit.segment, unit.offset, self.nlp(text), unit.thread, unit.text)

    def recase_text(self, text: str) -> str:
        """`text` in sentence case with the KB's names as the KB writes them when it is written
        in capitals, Title Case or lower case throughout ("PUTIN WARNS FINLAND OVER NATO BASES"
        → "Putin warns Finland over NATO bases"), else `text` itself. Same length, character for
        character; needs only the tokenizer, so a pipeline can re-case before it parses."""
        if not _odd_case(text):
            return text
        doc = self.nlp.make_doc(text)
        chars = [c.lower() if len(c.lower()) == 1 else c for c in text]
        for matcher in (self.lower, self.exact):
            for match_id, start, end in matcher(doc):
                span = doc[start:end]
                key = doc.vocab.strings[match_id]
                same = [s for s in self.kb.surfaces.get(key, ()) if len(s) == len(span.text)]
                if same and not all(t.is_stop for t in span):
                    best = max(same, key=lambda s: (sum(c.isupper() for c in s), s))
                    chars[span.start_char : span.end_char] = best
        first = next((i for i, c in enumerate(chars) if c.isalpha()), None)
        if first is not None:
            chars[first] = chars[first].upper() if len(chars[first].upper()) == 1 else chars[first]
        return "".join(chars)

    # ---- 4. pronouns ---------------------------------------------------------------------------

    def _pronouns(
        self, u: int, unit: Unit, found: list[Found], state: _State, last: Found | None
    ) -> tuple[list[Found], Found | None]:
        people = [f for f in found if f.person]
        by_token = {i: f for f in people for i in range(f.start, f.end)}
        out = list(found)
        for sent in unit.doc.sents:
            for token in sent:
                gender = PRONOUNS.get(token.lower_)
                if gender is None or token.pos_ != "PRON":
                    continue
                antecedent, confidence = self._governing_subject(token, by_token), 0.75
                if antecedent is None and not any(sent.start <= f.start < token.i for f in people):
                    antecedent, confidence = last, 0.62
                if antecedent is None or not self._agrees(antecedent, gender):
                    continue
                pronoun = Found(u, token.i, token.i + 1, antecedent.code, "pronoun", confidence,
                                antecedent.person)  # fmt: skip
                out.append(pronoun)
                by_token[token.i] = pronoun
            subject = next(
                (by_token.get(t.i) for t in sent.root.children if t.dep_ in SUBJECTS), None
            )
            if subject is None:  # "Kim called the launch a warning, state media reported."
                subject = next(
                    (by_token[t.i] for t in sent if t.dep_ in SUBJECTS and t.i in by_token), None
                )
            last = subject
        return sorted(out, key=lambda f: (f.start, f.end)), last

    @staticmethod
    def _governing_subject(token: Token, by_token: dict[int, Found]) -> Found | None:
        """The person subject of the nearest clause above the pronoun that has one; for a clause
        that completes "urged X to ...", X (object control)."""
        below = token
        for ancestor in token.ancestors:
            if below.dep_ == "xcomp":
                controller = next((c for c in ancestor.children if c.dep_ == "dobj"), None)
                if controller is not None and controller.i in by_token:
                    return by_token[controller.i]
            below = ancestor
            if ancestor == token.head and token.dep_ in SUBJECTS:
                continue
            for child in ancestor.children:
                if child.dep_ in SUBJECTS and child.i < token.i and child != token:
                    return by_token.get(child.i)
        return None

    def _agrees(self, found: Found, gender: str) -> bool:
        person = self.kb.people.get(found.person or "")
        return person is None or person.gender is None or person.gender == gender


@dataclass
class _Name:
    span: Span
    targets: list[Target]
    found: Found | None = None
    done: bool = False  # absorbed into a longer mention (the "Russian" of a title)
    weight: float = 1.0  # factor on the confidence (a lower-case name in a comment)


@dataclass
class _TitleFound:
    title: Title | None  # None: only an affiliation ("Brazil's Lula")
    code: str | None
    start: int | None
    absorbed: list[_Name]
    guessed: bool = False  # the country came from the paragraph, not the title


def _unowned(token: Token, names: list[_Name]) -> bool:
    """Whether an agent noun may stand for its document's country: not someone's ("his
    cabinet"), not one of a kind ("an interim government") and not placed somewhere the text
    names ("troops in Syria": whose troops, the text does not say)."""
    for child in token.children:
        if child.dep_ == "poss" or (child.dep_ == "det" and child.lower_ in ("a", "an")):
            return False
        if child.dep_ == "prep" and child.lower_ in LOCATIVE:
            places = [t for t in child.subtree if t.ent_type_ in ("GPE", "LOC", "FAC")]
            if places or any(_in_names(t, names) for t in child.subtree):
                return False
    return True


def _odd_case(text: str) -> bool:
    """Whether a segment is written in capitals, Title Case or lower case throughout: a
    headline style (three words at least; every word of four letters or more capitalised for
    Title Case, so a sentence full of names is not one)."""
    words = WORD.findall(text)
    if len(words) < 3:
        return False
    letters = [c for c in text if c.isalpha()]
    if sum(c.isupper() for c in letters) >= 0.8 * len(letters) or all(c.islower() for c in letters):
        return True
    long = [w for w in words if len(w) > 3]
    return len(long) >= 3 and all(w[:1].isupper() for w in long)


def _determined(span: Span) -> bool:
    """Whether a word has an article or possessive before it ("his trump card")."""
    return span.start > 0 and span.doc[span.start - 1].pos_ in ("DET", "PRON")


def _locative(span: Span) -> bool:
    """A place name governed by a preposition of place ("in Damascus", "at the Kremlin")."""
    head = span.root.head
    return span.root.dep_ == "pobj" and head.lower_ in LOCATIVE


def _plausible(span: Span) -> bool:
    """Whether an entity the KB does not know is worth keeping as a mention: capitalised, not a
    lone sentence-initial word ("Drop your thoughts"), not inside a Title-Case headline where the
    statistical NER sees names everywhere."""
    if len(span) == 1 and span[0].is_sent_start:
        return False
    words = [t for t in span.sent if t.is_alpha and len(t) > 3]
    return not words or sum(t.text[:1].isupper() for t in words) / len(words) < 0.7


def _is_acronym(text: str) -> bool:
    letters = text.replace(".", "").replace("-", "").replace("+", "")
    return " " not in text and 1 < len(letters) <= 6 and text.isupper()


def _acronym_variants(text: str) -> set[str]:
    plain = text.replace(".", "")
    variants = {text, plain}
    if plain.isalpha():
        variants.add(".".join(plain) + ".")
        if len(plain) > 1:
            variants.add(".".join(plain))  # "U.S federal investigators": the last dot dropped
    return variants


def _inside_longer(span: Span, others: Sequence[Span]) -> bool:
    return any(o.start <= span.start and span.end <= o.end and len(o) > len(span) for o in others)


def _trim(span: Span, titles: frozenset[str]) -> Span:
    """An entity without a leading article or title, or a trailing possessive ("the Kremlin's" →
    "Kremlin", "Foreign Minister Sergey Lavrov" → "Sergey Lavrov")."""
    start, end = span.start, span.end
    while start < end and (
        span.doc[start].lower_ in ("the", "a", "an") or span.doc[start].lower_ in titles
    ):
        start += 1
    while end > start and span.doc[end - 1].lower_ in ("'s", "’s", "'"):
        end -= 1
    return Span(span.doc, start, end, label=span.label_)


def _modified_head(span: Span) -> Token | None:
    """The noun a name modifies: "Russian [troops]", "Russia's [president]", "North Korean and
    Russian [soldiers]"; None when the name is not a modifier."""
    token = span.root
    while token.dep_ == "conj" and token.head.i < token.i:
        token = token.head
    if token.dep_ not in MODIFIER_DEPS or token.head.i < span.end - 1:
        return None
    head = token.head
    while head.dep_ == "compound" and head.head.i > head.i and head.head.pos_ in ("NOUN", "PROPN"):
        head = head.head
    return head


def _phrase(span: Span, head: Token) -> list[Token]:
    """The words from after the name to the noun it modifies ("Foreign Ministry", "troops")."""
    doc = span.doc
    if head.i < span.end:
        return [head]
    words = [t for t in doc[span.end : head.i + 1] if t.lower_ not in ("'s", "’s", "-")]
    return words


def _possessive(span: Span) -> bool:
    return span.end < len(span.doc) and span.doc[span.end].lower_ in ("'s", "’s")


def _following(span: Span) -> list[Token]:
    """The words right after a name, when the parse did not attach them as its head noun
    ("Myanmar's military seized power" parsed with "military" as an adjective)."""
    doc = span.doc
    i = span.end + _possessive(span)
    words = [t for t in doc[i : i + 2] if t.is_alpha]
    while words and words[-1].pos_ not in ("NOUN", "ADJ", "PROPN"):
        words.pop()
    return words


def _coordinated_with(span: Span, names: list[_Name]) -> _Name | None:
    """The name this one is coordinated with ("Finland and [Sweden]")."""
    if span.root.dep_ != "conj":
        return None
    head = span.root.head
    return next((n for n in names if n.span.start <= head.i < n.span.end), None)


def _in_names(token: Token, names: list[_Name]) -> bool:
    return any(n.span.start <= token.i < n.span.end for n in names)


def _in_person(token: Token, names: list[_Name]) -> bool:
    """Whether a word belongs to the name of a person ("President [Vladimir Putin]")."""
    return any(
        n.span.start <= token.i < n.span.end
        and (n.span.label_ == "PERSON" or any(t.person for t in n.targets))
        for n in names
    )


def _in_names_between(start: int, end: int, names: list[_Name]) -> bool:
    """Another name between a modifier and its noun ("Russian and North Korean soldiers")."""
    return any(start <= n.span.start < end for n in names if n.targets)


def link_text(
    text: str, day: date, kb_files: tuple[str, ...] = (), thread_from: int | None = None
) -> list[Mention]:
    """Link the actors of a plain text (see `text_units`)."""
    return get_linker(kb_files).link(text_units(text, thread_from), day)


@cache
def get_linker(kb_files: tuple[str, ...] = ()) -> Linker:
    from detente.nlp import load_nlp

    return Linker(load_kb(kb_files), load_nlp())
