"""Titled people: "Russian Foreign Minister Sergey Lavrov", "Dmitry Peskov, the Kremlin
spokesman", "Brazil's Lula"; the title and its country or body give a person a code."""

from __future__ import annotations

from collections import Counter
from datetime import date
from functools import cache
from importlib import resources

from spacy.tokens import Doc, Span, Token

from detente.actors.kb import KnowledgeBase, Person, Target, Title, normalise, slug
from detente.actors.legislatures import seats_of
from detente.actors.records import (
    AFTER_AS_OF,
    CONFIDENCE,
    CONTEXT,
    Found,
    Name,
    Seen,
    State,
    TitleFound,
)
from detente.actors.spans import possessive
from detente.nlp import lowers
from detente.yamlfiles import load_yaml


def titled_people(kb: KnowledgeBase, u: int, names: list[Name], state: State) -> None:
    """Full names of people, with the title or apposition that says who they act for."""
    for name in names:
        person = next((kb.people[t.person] for t in name.targets if t.person), None)
        if person is None and not (name.targets == [] and name.span.label_ == "PERSON"):
            continue
        if person is None and len(name.span) < 2:
            continue  # a lone surname is resolved later, against the full names
        title = _title_of(kb, name, names)
        if title is not None and title.code is None and title.title is not None:
            title.code, title.guessed = _document_country_code(kb, title, state)
        if person is not None:
            if title is not None and title.title is not None:
                state.titled.add(person.id)  # the text itself says their office
            code, role = kb.person_code(person, state.day)
            method = next(t.method for t in name.targets if t.person)
            confidence = CONFIDENCE[method] * name.weight
            if title and title.modifier:  # "Shadow Home Secretary", "former Foreign Secretary"
                code = _modified_code(kb, title, code, role is not None)
            elif role is None and title and title.title:
                # the text gives an office the KB has ended or does not know: trust the text
                past = [  # offices held before the date, never one still to come
                    r for r in person.roles if r.title == title.title.title and r.start <= state.day
                ]
                said = title.code if not title.guessed else None  # the KB knows the country
                if said is None and state.guessed_day and (home := kb.country_of(code)):
                    said = kb.with_role(home, title.title.role)  # undated: the text's office
                code = said or (past[-1].actor if past else code)
                confidence *= AFTER_AS_OF
                if said or past:  # the role holds for the whole document (see `said_roles`)
                    state.said.setdefault(person.id, code)
                    state.said_titles.setdefault(title.title.title, person.id)
            elif role is not None and role.end is None and state.day > kb.as_of:
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
        country = kb.country_of(code)
        state.people.append(Seen(key, code, parts, country, gender, u, name.span.start))
        state.codes.add(code)


@cache
def _bare() -> frozenset[str]:
    path = resources.files("detente.actors") / "data" / "titles.yaml"
    return frozenset(load_yaml(path.read_text(encoding="utf-8")).get("bare") or ())


@cache
def _organisation_nouns() -> frozenset[str]:
    path = resources.files("detente.actors") / "data" / "titles.yaml"
    return frozenset(load_yaml(path.read_text(encoding="utf-8")).get("organisations") or ())


def _organisation_after(kb: KnowledgeBase, head: Token, names: list[Name]) -> Token | None:
    """The organisation a title names after "of" ("secretary of the BMA", "of the British
    Medical Association", "of the Unison union"), else None ("Minister of Defence", "of
    Estonia")."""
    of = [g for c in head.children if c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    if not of:
        return None
    pobj = of[0]
    name = next((n for n in names if n.span.start <= pobj.i < n.span.end), None)
    if name is not None and name.targets:
        return None if any(kb.is_country(t.code) for t in name.targets) else pobj
    if name is not None and name.span.label_ == "ORG":
        return pobj
    return pobj if pobj.lemma_.lower() in _organisation_nouns() else None


def bare_offices(
    kb: KnowledgeBase, doc: Doc, names: list[Name], found: list[Found], state: State
) -> list[tuple[int, int, Person]]:
    """Offices named by "the" and a title alone ("the prime minister", "the chancellor", "the
    home secretary"; titles.yaml `bare`): (start, end, holder) for each one whose title has one
    holder on the document's date in the country it is about (`State.dominant`). Nothing for a
    title with a name, an "of" or a possessive after it, or in a sentence naming another
    country ("the president" of a British story about Washington stays unlinked)."""
    if state.dominant is None:
        return []
    taken = {i for n in names for i in range(n.span.start, n.span.end)}
    taken |= {i for f in found for i in range(f.start, f.end)}
    out = []
    for i, word in enumerate(lowers(doc)):
        if word != "the" or i + 1 in taken:
            continue
        token = doc[i]
        end = token.i + 1
        while end < len(doc) and doc[end].lower_ in kb.title_words and end not in taken:
            end += 1
        words = doc[token.i + 1 : end]
        title = kb.title_for(" ".join(t.lower_ for t in words)) if len(words) else None
        if title is None or title.title not in _bare() or not _alone(doc, end):
            continue
        sent = token.sent
        foreign = {
            country
            for f in found
            if sent.start <= f.start < sent.end
            and (country := kb.country_of(f.code)) not in (None, state.dominant)
        }
        said = state.said_titles.get(title.title)
        if said is not None and kb.country_of(state.said[said]) == state.dominant:
            out.append((token.i + 1, end, kb.people[said]))  # "Prime Minister Tony Blair"
            continue
        holders = kb.holders(state.dominant, title, state.day) if not foreign else []
        holder = holders[0][0] if len(holders) == 1 else None
        if holder is not None and state.guessed_day:
            holder = _named_holder(kb, holder, title, state)
        if holder is not None:
            out.append((token.i + 1, end, holder))
    return out


def _named_holder(kb: KnowledgeBase, holder: Person, title: Title, state: State) -> Person | None:
    """The holder of a bare office in an undated text: the one on the guessed day if the text
    names them, else the one person the text names who ever held the office in its country
    ("the prime minister" of an undated 2005 article naming Mr Blair), who then holds it for the
    whole document (`State.said`); else None."""
    if holder.id in state.named_people:
        return holder
    past = {
        pid
        for pid in state.named_people
        if any(
            r.title == title.title and kb.country_of(r.actor) == state.dominant
            for r in kb.people[pid].roles
        )
    }
    if len(past) != 1 or state.dominant is None:
        return None
    person = kb.people[past.pop()]
    state.said.setdefault(person.id, kb.with_role(state.dominant, title.role))  # the text's time
    return person


def _alone(doc: Doc, end: int) -> bool:
    """Whether a title ending before `end` stands without a name or body of its own after it."""
    if end >= len(doc):
        return True
    after = doc[end]
    return not (after.pos_ == "PROPN" or after.lower_ in ("of", "for") or after.text == "-")


def _modified_code(kb: KnowledgeBase, title: TitleFound, code: str, holds: bool) -> str:
    """A known person's code under a modified title: a shadow office is the opposition of the
    title's country (else the person's); "former" leaves a person in another office in it and
    makes one out of office the elite of the title's country (else the person's)."""
    if title.modifier == "ELI" and holds:
        return code
    country = kb.country_of(title.code) if title.code and not title.guessed else None
    country = country or kb.country_of(code)
    return kb.with_role(country, title.modifier or "ELI") if country else code


def _document_country_code(
    kb: KnowledgeBase, title: TitleFound, state: State
) -> tuple[str | None, bool]:
    """A title without a country ("President Park Geun-hye", "Shadow Home Secretary Jo Bloggs")
    takes the document's country: the one it names most (`State.dominant`), never merely the
    nearest country word; a title in apposition takes none."""
    if title.body:  # "Acpo president Chris Fox": the body's sector, never the government's
        if state.dominant is None or not title.body_role:
            return None, False
        return kb.with_role(state.dominant, title.body_role), True
    if title.seats and title.title is not None and title.start is not None:
        # "Senator John McCain" in a British article: the US Senate, not Britain's parliament
        seat = state.dominant if state.dominant in title.seats else title.seats[0]
        return kb.with_role(seat, title.modifier or title.title.role), True
    if state.dominant is None or title.title is None or title.start is None:
        return None, False  # an apposition ("X, founder of ...") names its own affiliation
    return kb.with_role(state.dominant, title.modifier or title.title.role), True


def _title_of(kb: KnowledgeBase, name: Name, names: list[Name]) -> TitleFound | None:
    """The title before a name ("Russian Foreign Minister") or in its apposition."""
    doc = name.span.doc
    by_token = {i: n for n in names for i in range(n.span.start, n.span.end)}
    words: list[Token] = []
    ref: Name | None = None
    modifier: Token | None = None
    i = name.span.start - 1
    while i >= 0 and ref is None:  # leftwards: title words, then the country or body
        other = by_token.get(i)
        if other is not None and other.targets and not any(t.person for t in other.targets):
            ref = other
        elif doc[i].lower_ in kb.title_words:
            words.insert(0, doc[i])
            i -= 1
        elif doc[i].lower_ in ("'s", "’s") or (doc[i].text == "-" and words):
            i -= 1
        elif doc[i].lower_ in kb.modifiers and words and modifier is None:
            modifier = doc[i]  # "Shadow Foreign Secretary", "former British Prime Minister"
            i -= 1
        else:
            break
    body = _body_at(kb, doc, i, by_token) if ref is None and words and i >= 0 else None
    if ref is not None and modifier is None:
        before = ref.span.start - 1  # "Former [British] Prime Minister"
        if before >= 0 and doc[before].lower_ in kb.modifiers:
            modifier = doc[before]
    title = longest_title(kb, words) if words else None
    if title is not None:
        starts = [w.i for w in words] + [t.i for t in (modifier,) if t is not None]
        start = min([*starts, *([ref.span.start] if ref else [])])
        role = kb.modifiers[modifier.lower_] if modifier is not None else None
        code = code_for(kb, ref.targets[0], title) if ref else None
        if code and role:
            country = kb.country_of(code)
            code = kb.with_role(country, role) if country else None
        found = TitleFound(title, code, start, [ref] if ref else [], modifier=role)
        found.seats = seats_of(words)
        if body is not None:
            found.body, found.body_role = True, body
        return found
    if ref is not None and not words and possessive(ref.span):
        # "Brazil's Lula": the affiliation without a title
        country = kb.country_of(ref.targets[0].code)
        return TitleFound(None, country, ref.span.start, [ref])
    for child in name.span.root.children:
        if child.dep_ == "appos":
            inner = [n for n in names if child.left_edge.i <= n.span.start <= child.right_edge.i]
            refs = [n for n in inner if n.targets]
            organisation = _organisation_after(kb, child, names)
            if organisation is not None:  # "Welsh secretary of the BMA": the body's, not Britain's
                refs = [
                    n
                    for n in refs
                    if n.span.start >= organisation.left_edge.i
                    and not any(kb.is_country(t.code) or t.adjective for t in n.targets)
                ]
            head_title = _title_ending(kb, child)
            if head_title is not None:
                code = code_for(kb, refs[0].targets[0], head_title) if refs else None
                found = TitleFound(head_title, code, None, [])
                of = [g for c in child.children if c.lower_ == "of" for g in c.children]
                role = _sector_of(kb, list(of[0].subtree)) if of and not refs else None
                found.body, found.body_role = role is not None, role
                return found
    return _title_heading(kb, name, names)


def _title_heading(kb: KnowledgeBase, name: Name, names: list[Name]) -> TitleFound | None:
    """The title a name stands in apposition to ("The Tory leader, Michael Howard, said"), with
    the country or party named before it; None when there is none."""
    root = name.span.root
    head = root.head
    if root.dep_ != "appos" or head.i >= name.span.start:
        return None
    title = _title_ending(kb, head)
    if title is None:
        return None
    if any(c.dep_ == "poss" and c.pos_ == "PRON" for c in head.children):
        return None  # "its Middle East envoy, Zhai Jun": someone else's envoy
    refs = [
        n for n in names if n.targets and head.left_edge.i <= n.span.start and n.span.end <= head.i
    ]
    actor = kb.actors.get(refs[0].targets[0].code) if refs else None
    if actor is None or not (kb.is_country(actor.code) or actor.kind == "party"):
        return None  # only a country's or a party's office says whom the person acts for
    return TitleFound(title, code_for(kb, refs[0].targets[0], title), None, [])


def _body_at(kb: KnowledgeBase, doc: Doc, i: int, by_token: dict[int, Name]) -> str | None:
    """The sector a body named right before a title gives it ("[Association of Chief Police
    Officers] president" → COP, "[GMB union] leader" → LAB), as an agent role; "" for an
    organisation the KB does not know and whose words give no sector (its own, not the
    government's); None when the word before the title names no body ("health minister")."""
    other = by_token.get(i)
    if other is not None and not other.targets and other.span.label_ == "ORG":
        return _sector_of(kb, list(other.span)) or ""
    if doc[i].pos_ not in ("NOUN", "PROPN"):
        return None
    start = i
    while start > 0 and doc[start - 1].pos_ in ("NOUN", "PROPN"):
        known = by_token.get(start - 1)
        if known is not None and known.targets:
            break  # "[Downing Street] communications chief": a name of its own
        start -= 1
    return _sector_of(kb, list(doc[start : i + 1]))


def _sector_of(kb: KnowledgeBase, words: list[Token]) -> str | None:
    """The sector a body's name gives, from its last agent noun ("Association of Chief [Police]
    Officers" → COP, "GMB [union]" → LAB); civilians are no sector of a body ("Royal
    [Society]"), and a plural is tried in the singular ("Officers")."""
    role = role_of(kb, words) if words else None
    if role is not None and role != "CVL":
        return role
    for token in reversed(words):
        for word in (token.lower_, token.lemma_.lower(), token.lower_.removesuffix("s")):
            role = kb.roles.get(normalise(word))
            if role is not None and role != "CVL":
                return role
    return None


def code_for(kb: KnowledgeBase, target: Target, title: Title) -> str:
    """The code a title gives with its country or body: RUS + foreign minister → RUSGOV; an
    organisation ("NATO Secretary General") or a seat of power ("Kremlin spokesman") is the
    code itself, a party's too ("Tory leader") except for a seat in parliament ("Labour MP" →
    GBRLEG, see `KnowledgeBase.party_role`)."""
    if kb.is_country(target.code):
        return kb.with_role(target.code, title.role)
    seat = kb.party_role(target.code, title.role) if title.role == "LEG" else None
    return seat or target.code


def longest_title(kb: KnowledgeBase, words: list[Token]) -> Title | None:
    """The longest title that ends `words` ("Foreign Minister" of "Russian Foreign Minister")."""
    found = title_at(kb, words)
    return found[1] if found else None


def title_at(kb: KnowledgeBase, words: list[Token]) -> tuple[int, Title] | None:
    """Where the longest title ending `words` starts in them, and the title."""
    for k in range(len(words)):
        phrase = " ".join(t.lower_ for t in words[k:])
        title = kb.title_for(phrase) or kb.title_for(
            " ".join([*(t.lower_ for t in words[k:-1]), words[-1].lemma_.lower()])
        )
        if title is not None:
            return k, title
    return None


def _title_ending(kb: KnowledgeBase, head: Token) -> Title | None:
    words = [t for t in head.subtree if t.i <= head.i and t.lower_ in kb.title_words]
    words = [
        t for t in words if all(w.lower_ in kb.title_words for w in head.doc[t.i : head.i + 1])
    ]
    return longest_title(kb, words) if words and words[-1] == head else None


def document_countries(
    kb: KnowledgeBase, names: list[list[Name]], day: date
) -> tuple[str | None, frozenset[str]]:
    """The country a document is about and every country it names other than by a party.

    The first is the country its unambiguous names (countries, their bodies, parties, people in
    office on `day`) belong to most, if at least half of them and twice or more, else None."""
    counts: Counter[str] = Counter()
    named: set[str] = set()
    for here in names:
        for n in here:
            if len(n.targets) != 1:
                continue
            target = n.targets[0]
            code = target.code
            if target.person:
                code = kb.person_code(kb.people[target.person], day)[0]
            country = kb.country_of(code) if code else None
            if country:
                counts[country] += 1
                if code not in kb.governing:
                    named.add(country)
    top = counts.most_common(1)
    dominant = None
    if top and top[0][1] >= 2 and 2 * top[0][1] >= sum(counts.values()):
        dominant = top[0][0]
    return dominant, frozenset(named)


def modifier_before(kb: KnowledgeBase, span: Span) -> str | None:
    """The role a word before a name gives the title it modifies ("the former [Labour]
    leader", "the ex-[Labour] leader"; titles.yaml `modifiers`), or None."""
    i = span.start - 1
    if i >= 1 and span.doc[i].text == "-":
        i -= 1
    return kb.modifiers.get(span.doc[i].lower_) if i >= 0 else None


def body_before(kb: KnowledgeBase, words: list[Token]) -> bool:
    """Whether the words between a country word and a title name a body of its own that is
    not the state's ("Danish [Dairy Board] spokesman", not "Russian [Foreign Ministry]
    spokesman" or "Russian [Deputy] Foreign Minister")."""
    if not words or role_of(kb, words) is not None:
        return False
    return any(t.pos_ in ("NOUN", "PROPN") and t.lower_ not in kb.title_words for t in words)


def role_of(kb: KnowledgeBase, phrase: list[Token]) -> str | None:
    """The agent role the end of a phrase names ("Foreign Ministry" → GOV, "troops" → MIL),
    on its words as written or its last word's lemma; None when it names none."""
    for k in range(len(phrase)):
        words = [t.lower_ for t in phrase[k:]]
        for candidate in (" ".join(words), " ".join([*words[:-1], phrase[-1].lemma_.lower()])):
            role = kb.roles.get(normalise(candidate))
            if role:
                return role
    return None


def said_roles(found: list[Found], state: State) -> list[Found]:
    """`found` with every mention of a KB person to whom the text gives an office the KB has
    them out of on the document's day ("Tory leader Michael Howard", "Prime Minister Tony
    Blair" in an article of 2005) coded with that office throughout the document, at
    `CONTEXT` times its confidence where this changes its code."""
    for f in found:
        code = state.said.get(f.person or "")
        if code is not None and f.code != code:
            f.code, f.confidence = code, f.confidence * CONTEXT
    return found
