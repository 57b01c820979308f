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

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from functools import cache

from spacy.language import Language
from spacy.tokens import Token

from detente.actors import recase
from detente.actors.agents import link_agents, residents
from detente.actors.companies import company_found, enclosed_found
from detente.actors.coreference import link_nominals, link_pairs
from detente.actors.dates import undated, year_named
from detente.actors.honorifics import (
    holder_by_surname,
    name_gender,
    surname_genders,
    words,
)
from detente.actors.kb import Actor, KnowledgeBase, Person, Target, Title, load_kb, slug
from detente.actors.names import NER_LABELS, NameFinder
from detente.actors.places import places_left_out
from detente.actors.pronouns import link_first_person, link_pronouns
from detente.actors.records import (
    AFTER_AS_OF,
    AMBIGUOUS,
    CONFIDENCE,
    CONTEXT,
    Found,
    Name,
    Seen,
    State,
)
from detente.actors.relatives import relatives_apart
from detente.actors.spans import (
    coordinated_with,
    following_words,
    head_phrase,
    in_names,
    in_names_between,
    in_person,
    locative,
    modified_head,
    plausible,
    possessive,
)
from detente.actors.titles import (
    bare_offices,
    body_before,
    code_for,
    document_countries,
    modifier_before,
    role_of,
    said_roles,
    title_at,
    titled_people,
)
from detente.model import Mention
from detente.nlp import char_bounds
from detente.parse.units import Unit, text_units


class Linker:
    """Links the actors of one document at a time (`link`); holds the KB, the spaCy pipeline
    and the phrase matchers built over every KB name (`names`). The passes live in their own
    modules: `names`, `titles`, `coreference`, `places`, `agents`, `pronouns`, `recase`."""

    def __init__(self, kb: KnowledgeBase, nlp: Language) -> None:
        self.kb = kb
        self.nlp = nlp
        self.name_finder = NameFinder(kb, nlp)
        self.exact, self.lower = self.name_finder.exact, self.name_finder.lower
        self.first_caps = self.name_finder.first_caps

    # ---- the document ------------------------------------------------------------------

    def link(self, units: Sequence[Unit], day: date, dated: bool = True) -> list[Mention]:
        """Every mention of an actor in a document's parsed segments, in reading order; `day`
        (the document's date) decides who holds an office. A segment in odd case (a headline in
        capitals) is linked on a re-cased parse (`recased`); offsets and texts stay the input's.

        `dated=False` says `day` is no publication date (an undated text read today): the offices
        are then those of the latest year up to `day` the text names ("in the 2016 election" →
        1 July 2016), else of `day`, and every mention of a person whose code comes from a dated
        role has its confidence multiplied by `UNDATED`, so that codes resting on a guessed
        date show it."""
        named_day = None if dated else year_named([unit.text for unit in units], day)
        day = named_day or day
        written = units
        units = [self.recased(unit) for unit in units]
        state = State(day, surnames=surname_genders(unit.doc for unit in units))
        state.guessed_day = not dated
        names = [
            relatives_apart(u, places_left_out(self.kb, unit, self.name_finder.find(unit), state))
            for u, unit in enumerate(units)
        ]
        state.named_people = frozenset(
            t.person for here in names for n in here for t in n.targets if t.person
        )
        state.home |= {
            country
            for here in names
            for n in here
            if len(n.targets) == 1 and (country := self.kb.country_of(n.targets[0].code))
        }
        state.dominant, state.named = document_countries(self.kb, names, day)
        for u in range(len(units)):
            titled_people(self.kb, u, names[u], state)
        found: list[Found] = []
        last_subject: Found | None = None
        for u, unit in enumerate(units):
            here = self._resolve(u, unit, names[u], state)
            if unit.thread:
                last_subject = None
            here, last_subject = link_pronouns(self.kb, u, unit, here, last_subject, state.gender)
            here = link_first_person(u, unit, here)
            found += here
        found = said_roles(found, state)
        mentions = [self._mention(f, units, written, day) for f in found]
        offices = {f.person for f in found if f.method == "title" and f.person}
        titled = None if named_day else frozenset(state.said) | state.titled | offices
        return mentions if dated else undated(mentions, self.kb, titled)

    def _mention(
        self, f: Found, units: Sequence[Unit], written: Sequence[Unit], day: date
    ) -> Mention:
        unit = units[f.unit]
        bounds = char_bounds(unit.doc)
        if f.start < f.end <= len(bounds):  # the span's characters, from offsets read once
            start_char, (last, length) = bounds[f.start][0], bounds[f.end - 1]
            end_char = last + length
        else:
            span = unit.doc[f.start : f.end]
            start_char, end_char = span.start_char, span.end_char
        person = self.kb.people.get(f.person or "")
        return Mention(
            start=unit.offset + start_char,
            end=unit.offset + end_char,
            text=written[f.unit].text_at(start_char, end_char),
            actor_code=self.kb.code_on(f.code, day),
            actor_name=person.name if person else self.kb.name_of(f.code),
            person=f.person,
            method=f.method,
            confidence=round(f.confidence, 3),
            segment=unit.segment,
        )

    # ---- 3. countries, organisations, roles, short names ----------------------------------------

    def _resolve(self, u: int, unit: Unit, names: list[Name], state: State) -> list[Found]:
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
        for start, end, holder in bare_offices(self.kb, unit.doc, names, found, state):
            office = self._person_found(u, start, end, holder, "title", state)
            office.confidence *= CONTEXT  # the country is the document's, not the title's
            found.append(office)
        found += link_pairs(u, unit.doc, state)
        found += link_nominals(self.kb, u, unit.doc, names, state)
        found = link_agents(self.kb, u, unit.doc, names, found, state)
        return sorted(found, key=lambda f: (f.start, f.end))

    def _reference(self, u: int, name: Name, names: list[Name], state: State) -> list[Found]:
        span = name.span
        target, confidence = self._choose(name.targets, state)
        actor = self.kb.actors.get(target.code)
        if actor is not None and actor.kind in ("organisation", "bloc", "group"):
            state.organisations.append((u, span.start, target.code))
        if actor is not None and actor.kind == "party" and self._foreign_party(actor, state):
            return []  # "[Social] Democrats", "Labour" in a document about another country
        if residents(self.kb, span):
            return []  # "young Asian men", "British Asian families": residents, not Asia
        if target.person:
            person = self.kb.people[target.person]
            return [self._person_found(u, span.start, span.end, person, target.method, state)]
        if self.kb.is_country(target.code):  # "French carmaker Peugeot": FRABUS, not France
            company = company_found(self.kb, u, name, names, target.code, confidence)
            if company is not None:
                return company
        modified = self._modified(u, name, names, target, confidence, state)
        if modified is not None:
            return modified
        if any(t.method == "metonym" for t in name.targets) and locative(span):
            return []  # "talks in Pyongyang": the place, not the government
        enclosed = enclosed_found(self.kb, u, span, target.code, confidence)
        if enclosed is not None:  # "Air France" → FRABUS; "the Trades Union Congress": none
            return enclosed
        if self.kb.is_country(target.code):
            state.countries.append((u, span.start, target.code))
            partner = coordinated_with(span, names)
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

    def _foreign_party(self, actor: Actor, state: State) -> bool:
        """Whether a party name stands in a document about another country that never names the
        party's own otherwise (Germany's "Social Democrats" are not the US Democrats)."""
        return state.dominant not in (None, actor.country) and actor.country not in state.named

    def _modified(
        self, u: int, name: Name, names: list[Name], target: Target, confidence: float, state: State
    ) -> list[Found] | None:
        """A name that modifies an office or group noun ("Russia's president", "Russian
        troops"): the office holder or country + role; None when the name modifies none."""
        span = name.span
        head = modified_head(span)
        if head is not None and any(
            n.targets and n.span.start <= head.i < n.span.end for n in names
        ):
            head = None  # "Yemen's Houthi rebels", "US State Department": two names
        phrase = head_phrase(span, head) if head is not None else []
        at = title_at(self.kb, phrase) if phrase else None
        title = at[1] if at else None
        if at and body_before(self.kb, phrase[: at[0]]):
            return []  # "a Danish Dairy Board spokesman": the board's, not Denmark's
        end = span.end
        if (
            head is not None
            and head.i >= span.end
            and not in_names_between(span.end, head.i, names)
        ):
            end = head.i + 1
        if head is not None and title is not None and not in_person(head, names):
            plural = head.tag_ in ("NNS", "NNPS")
            modifier = modifier_before(self.kb, span)
            country = self.kb.country_of(target.code)
            if modifier is not None and country is not None:  # "the former Labour leader"
                code = self.kb.with_role(country, modifier)
                start = span.start - 1 - (span.doc[span.start - 1].text == "-")
                return [Found(u, start, end, code, "title", CONFIDENCE["role"] * confidence)]
            if not plural:
                return [self._office(u, span.start, end, target, title, state)]
            code = code_for(self.kb, target, title)
            return [Found(u, span.start, end, code, "role", CONFIDENCE["role"] * confidence)]
        role = self._role_of(phrase) if phrase else None
        if role is None and (target.adjective or possessive(span)):
            following = [t for t in following_words(span) if not in_names(t, names)]
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
            else:  # "the Labour government", "Tory MPs"
                code = self.kb.party_role(code, role) or code
            return [Found(u, span.start, end, code, "role", CONFIDENCE["role"] * confidence)]
        return None

    def _choose(self, targets: list[Target], state: State) -> tuple[Target, float]:
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
        self, u: int, start: int, end: int, target: Target, title: Title, state: State
    ) -> Found:
        """A title without a name: the holder on the document's date, or the document's person."""
        country = self.kb.country_of(target.code)
        code = code_for(self.kb, target, title)
        if target.code in self.kb.governing:  # "Tory leader", "Labour MP": no holder lookup
            return Found(u, start, end, code, "title", CONFIDENCE["role"])
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
        self, u: int, start: int, end: int, country: str, code: str, state: State
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
        self, u: int, start: int, end: int, person: Person, method: str, state: State
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
        state: State,
    ) -> Found:
        state.people.append(replace(seen, unit=u, token=start))
        return Found(u, start, end, seen.code, method, confidence, seen.key)

    def _role_of(self, phrase: list[Token]) -> str | None:
        return role_of(self.kb, phrase)

    def _short_name(self, u: int, name: Name, state: State) -> list[Found]:
        """A name the KB does not know: a later mention of a person the document has named."""
        span = name.span
        parts = {t.lower_ for t in words(span) if t.is_alpha}
        gender = name_gender(span)
        if parts:
            here = (u, span.start)
            matches = [
                p
                for p in state.people
                if parts <= p.parts and p.key and not (gender and p.gender not in (None, gender))
            ]
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
        if len(words(span)) < len(span):
            holder = holder_by_surname(self.kb, words(span), state)
            if holder is not None:  # "Mr Brown" in a British document of 2005
                found = self._person_found(u, span.start, span.end, holder, "coreference", state)
                found.confidence = CONTEXT
                return [found]
        if span.label_ not in NER_LABELS or not plausible(span):
            return []
        if span.label_ == "PERSON":
            key = slug(" ".join(t.text for t in words(span)))
            state.people.append(Seen(key, "", frozenset(parts), None, gender, u, span.start))
            return [Found(u, span.start, span.end, "", "ner", CONFIDENCE["ner"], key)]
        return [Found(u, span.start, span.end, "", "ner", CONFIDENCE["ner"])]

    # ---- headlines in odd case -------------------------------------------------------------------

    def recased(self, unit: Unit) -> Unit:
        """`unit` parsed again in sentence case when it is a headline in odd case (see
        `detente.actors.recase.recased`), else `unit` itself."""
        return recase.recased(unit, self.nlp, self.kb, (self.lower, self.exact))

    def recase_text(self, text: str) -> str:
        """`text` in sentence case with the KB's names as the KB writes them when it is written
        in capitals, Title Case or lower case throughout, else `text` itself; same length (see
        `detente.actors.recase.recase_text`)."""
        return recase.recase_text(text, self.nlp, self.kb, (self.lower, self.exact))


def link_text(
    text: str, day: date, kb_files: tuple[str, ...] = (), thread_from: int | None = None
) -> list[Mention]:
    """Link the actors of a plain text (see `text_units`)."""
    return get_linker(kb_files).link(text_units(text, thread_from), day)


@cache
def get_linker(kb_files: tuple[str, ...] = ()) -> Linker:
    from detente.nlp import load_nlp

    return Linker(load_kb(kb_files), load_nlp())
