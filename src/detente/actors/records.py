"""The records the linking passes share: names found, mentions found, people seen, the
document's state, and how much each way of linking is trusted."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Span

from detente.actors.kb import Target, Title

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
AFTER_AS_OF = 0.9  # factor for an office held "now" when the document is newer than the KB
CASUAL = 0.7  # factor for a lower-case name of a person in a comment ("trump")
UNDATED = 0.6  # factor for a person's dated office in a document with no publication date


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
class State:
    day: date
    people: list[Seen] = field(default_factory=list)
    countries: list[tuple[int, int, str]] = field(default_factory=list)  # (unit, token, code)
    country_pairs: list[tuple[tuple[int, int], tuple[str, str]]] = field(default_factory=list)
    organisations: list[tuple[int, int, str]] = field(default_factory=list)  # (unit, token, code)
    codes: set[str] = field(default_factory=set)  # codes named unambiguously in the document
    home: set[str] = field(default_factory=set)  # the countries the document names or is filed in
    dominant: str | None = None  # the country the document names most, when one stands out
    named: frozenset[str] = frozenset()  # the countries it names other than by a party
    surnames: dict[str, str] = field(default_factory=dict)  # "Ms Robinson" → robinson: f
    # offices the text gives KB people that the KB has them out of on the day ("Tory leader
    # Michael Howard" in 2005): person id → code, and canonical title → person id
    said: dict[str, str] = field(default_factory=dict)
    said_titles: dict[str, str] = field(default_factory=dict)
    guessed_day: bool = False  # `day` is a guess (an undated text), not a publication date
    named_people: frozenset[str] = frozenset()  # the KB people the document names
    titled: set[str] = field(default_factory=set)  # the KB people the text gives an office

    def gender(self, key: str) -> str | None:
        """The gender (m, f) the document gives the person `key` (a KB id or a slug of the
        name): from a person seen with one, else from an honorific before one of the name's
        words anywhere in the document; None when unknown."""
        known = {p.gender for p in self.people if p.key == key and p.gender}
        if not known:
            known = {g for part in key.split("-") if (g := self.surnames.get(part))}
        return next(iter(known)) if len(known) == 1 else None


@dataclass
class Name:
    span: Span
    targets: list[Target]
    found: Found | None = None
    done: bool = False  # absorbed into a longer mention (the "Russian" of a title)
    weight: float = 1.0  # factor on the confidence (a lower-case name in a comment)


@dataclass
class TitleFound:
    title: Title | None  # None: only an affiliation ("Brazil's Lula")
    code: str | None
    start: int | None
    absorbed: list[Name]
    guessed: bool = False  # the country came from the document, not the title
    modifier: str | None = None  # the role a word before the title gives ("shadow" → OPP)
    body: bool = False  # the title is of a body named with it ("Acpo president"), not the state's
    body_role: str | None = None  # the sector that body's words give (COP), if any
    seats: tuple[str, ...] = ()  # the countries whose legislators bear this title ("senator")
