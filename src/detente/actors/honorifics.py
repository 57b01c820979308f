"""Honorifics: "Mr Blair", "Ms Jowell", "Baroness Scotland" are one mention of a person, the
honorific gives the person's gender, and a bare "Mr" is never a name (data/honorifics.yaml)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from importlib import resources

from spacy.tokens import Doc, Span, Token

from detente.actors.kb import KnowledgeBase, Person
from detente.actors.records import Name, State
from detente.nlp import lowers
from detente.yamlfiles import load_yaml


@cache
def _table() -> dict[str, str | None]:
    path = resources.files("detente.actors") / "data" / "honorifics.yaml"
    data = load_yaml(path.read_text(encoding="utf-8"))
    return {str(k).lower(): v for k, v in data["honorifics"].items()}


def is_honorific(token: Token) -> bool:
    """Whether a token is a capitalised honorific ("Mr", "Mrs.", "Baroness"); lower-case words
    ("father", "sister") are common nouns."""
    return token.text[:1].isupper() and token.lower_.rstrip(".") in _table()


def gender_of(token: Token) -> str | None:
    """The gender (m, f) an honorific token gives, else None."""
    return _table().get(token.lower_.rstrip(".")) if is_honorific(token) else None


def words(span: Span | Iterable[Token]) -> list[Token]:
    """The tokens of a name without its honorifics ("Mr Tony Blair" → Tony, Blair)."""
    return [t for t in span if not is_honorific(t)]


def honorific_before(span: Span) -> Token | None:
    """The honorific right before a name ("[Mr] Blair"), else None."""
    i = span.start - 1
    if i >= 0 and is_honorific(span.doc[i]):
        return span.doc[i]
    return None


def name_gender(span: Span) -> str | None:
    """The gender the honorific in or right before a name gives, else None."""
    inner = next((t for t in span if is_honorific(t)), None) or honorific_before(span)
    return gender_of(inner) if inner is not None else None


def surname_genders(docs: Iterable[Doc]) -> dict[str, str]:
    """Lower-cased surnames a document writes after a gendered honorific, with that gender
    ("Ms Robinson" → robinson: f); a surname given both genders is left out."""
    seen: dict[str, set[str]] = {}
    table = _table()
    for doc in docs:
        words = lowers(doc)
        for i in range(len(words) - 1):
            if words[i].rstrip(".") not in table:
                continue  # no honorific: no gender (`gender_of`)
            gender, token = gender_of(doc[i]), doc[i + 1]
            if gender and token.is_title and token.is_alpha and not is_honorific(token):
                seen.setdefault(token.lower_, set()).add(gender)
    return {name: next(iter(g)) for name, g in seen.items() if len(g) == 1}


def attach_honorifics(names: list[Name], taken: set[int]) -> list[Name]:
    """`names` (of one parsed segment) with the honorific before each name of a person or
    unknown name taken into it: "[Mr] Blair" is one mention, of a person, even when the NER did
    not say so; `taken` (token indices already in a name) is updated."""
    for name in names:
        span = name.span
        if any(not t.person for t in name.targets):
            continue
        inner = [t.i for t in span[1:-1] if is_honorific(t)] if not name.targets else []
        before = honorific_before(span)
        start = span.start - 1 if before is not None and before.i not in taken else span.start
        start = inner[-1] if inner else start  # "[Later] Mr Brown": the name starts at "Mr"
        if start != span.start:
            name.span = Span(span.doc, start, span.end, label="PERSON")
            taken.add(start)
    return names


def holder_by_surname(kb: KnowledgeBase, written: list[Token], state: State) -> Person | None:
    """The KB person an honorific and a surname ("Mr Brown") name when the document has not
    named anyone of that surname in full: the one KB person whose last name it is and who holds
    a role on the document's date in its country (`State.dominant`, else its one home country),
    else None (none or several)."""
    country = state.dominant or (next(iter(state.home)) if len(state.home) == 1 else None)
    if len(written) != 1 or country is None:
        return None
    found = [
        person
        for person in _by_surname(kb).get(written[0].lower_, ())
        if any(kb.country_of(r.actor) == country for r in person.roles_on(state.day))
    ]
    return found[0] if len(found) == 1 else None


_SURNAMES: dict[int, dict[str, list[Person]]] = {}


def _by_surname(kb: KnowledgeBase) -> dict[str, list[Person]]:
    index = _SURNAMES.get(id(kb))
    if index is None:
        index = {}
        for person in {p.id: p for p in kb.people.values()}.values():
            last = person.name.replace("-", " ").split()[-1].lower()
            index.setdefault(last, []).append(person)
        _SURNAMES[id(kb)] = index
    return index
