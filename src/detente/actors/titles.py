"""Titled people: "Russian Foreign Minister Sergey Lavrov", "Dmitry Peskov, the Kremlin
spokesman", "Brazil's Lula"; the title and its country or body give a person a code."""

from __future__ import annotations

from spacy.tokens import Token

from detente.actors.kb import KnowledgeBase, Target, Title, slug
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
            title.code, title.guessed = _sole_country_code(kb, name, names, title.title)
        if person is not None:
            code, role = kb.person_code(person, state.day)
            method = next(t.method for t in name.targets if t.person)
            confidence = CONFIDENCE[method] * name.weight
            if role is None and title and title.title:
                # the text gives an office the KB has ended or does not know: trust the text
                past = [r for r in person.roles if r.title == title.title.title]
                code = title.code or (past[-1].actor if past else code)
                confidence *= AFTER_AS_OF
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


def _sole_country_code(
    kb: KnowledgeBase, name: Name, names: list[Name], title: Title
) -> tuple[str | None, bool]:
    """A title without a country ("President Park Geun-hye") takes the country of its
    paragraph when the paragraph has named exactly one before it."""
    countries = {
        kb.country_of(n.targets[0].code)
        for n in names
        if n.span.start < name.span.start and len(n.targets) == 1 and n.targets[0].code
    } - {None}
    if len(countries) != 1:
        return None, False
    (country,) = countries
    assert country is not None
    return kb.with_role(country, title.role), True


def _title_of(kb: KnowledgeBase, name: Name, names: list[Name]) -> TitleFound | None:
    """The title before a name ("Russian Foreign Minister") or in its apposition."""
    doc = name.span.doc
    by_token = {i: n for n in names for i in range(n.span.start, n.span.end)}
    words: list[Token] = []
    ref: Name | None = None
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
        else:
            break
    title = longest_title(kb, words) if words else None
    if title is not None:
        start = min([*(w.i for w in words), *([ref.span.start] if ref else [])])
        code = code_for(kb, ref.targets[0], title) if ref else None
        return TitleFound(title, code, start, [ref] if ref else [])
    if ref is not None and not words and possessive(ref.span):
        # "Brazil's Lula": the affiliation without a title
        country = kb.country_of(ref.targets[0].code)
        return TitleFound(None, country, ref.span.start, [ref])
    for child in name.span.root.children:
        if child.dep_ == "appos":
            inner = [n for n in names if child.left_edge.i <= n.span.start <= child.right_edge.i]
            refs = [n for n in inner if n.targets]
            head_title = _title_ending(kb, child)
            if head_title is not None:
                code = code_for(kb, refs[0].targets[0], head_title) if refs else None
                return TitleFound(head_title, code, None, [])
    return None


def code_for(kb: KnowledgeBase, target: Target, title: Title) -> str:
    """The code a title gives with its country or body: RUS + foreign minister → RUSGOV; an
    organisation ("NATO Secretary General") or a seat of power ("Kremlin spokesman") is the
    code itself."""
    if kb.is_country(target.code):
        return kb.with_role(target.code, title.role)
    return target.code


def longest_title(kb: KnowledgeBase, words: list[Token]) -> Title | None:
    for k in range(len(words)):
        phrase = " ".join(t.lower_ for t in words[k:])
        title = kb.title_for(phrase) or kb.title_for(
            " ".join([*(t.lower_ for t in words[k:-1]), words[-1].lemma_.lower()])
        )
        if title is not None:
            return title
    return None


def _title_ending(kb: KnowledgeBase, head: Token) -> Title | None:
    words = [t for t in head.subtree if t.i <= head.i and t.lower_ in kb.title_words]
    words = [
        t for t in words if all(w.lower_ in kb.title_words for w in head.doc[t.i : head.i + 1])
    ]
    return longest_title(kb, words) if words and words[-1] == head else None
