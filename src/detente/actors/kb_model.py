"""The knowledge base's records and the KnowledgeBase with the lookups the linker makes.

`Actor`, `Role`, `Person`, `Target`, `Agent` and `Title` are what the data files describe;
`KnowledgeBase` holds them by code and by normalised name and answers the linker's questions
(who held a title on a day, the code a person or party acts under). `normalise` and `slug` are
the forms names are compared and identified in. Reading the files is `actors/kb_builder.py`;
loading is `actors/kb.py`, which re-exports these names.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache

from detente.actors.country import country_of as country_rule
from detente.errors import ModelError

KINDS = frozenset(
    {"country", "government", "person", "organisation", "bloc", "region", "group", "party"}
)
METHODS = frozenset({"name", "alias", "demonym", "metonym"})
NAME_PARTICLES = frozenset({"al", "el", "bin", "ibn", "von", "van", "der", "de", "da", "la", "le"})


class KBError(ModelError):
    """A knowledge-base file is missing, malformed or contradicts itself."""


@dataclass(frozen=True)
class Actor:
    code: str
    name: str
    kind: str
    country: str | None = None


@dataclass(frozen=True)
class Role:
    actor: str
    title: str
    start: date
    end: date | None = None  # exclusive; None = still held on the KB's as-of date
    leader: bool = False

    def held_on(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    gender: str | None
    aliases: tuple[str, ...]
    roles: tuple[Role, ...]

    def roles_on(self, day: date) -> list[Role]:
        return [r for r in self.roles if r.held_on(day)]

    @property
    def name_parts(self) -> frozenset[str]:
        """Words of the name that can stand for the person later in a text ("Kim", "Lavrov")."""
        words = re.split(r"[\s\-]+", self.name)
        return frozenset(w.lower() for w in words if len(w) > 1 and w.lower() not in NAME_PARTICLES)


@dataclass(frozen=True)
class Target:
    """What a name in text points to: an actor code, or a person whose code depends on the date."""

    code: str
    method: str
    person: str | None = None
    adjective: bool = False  # a modifier ("Russian", "Western") rather than a noun phrase


@dataclass(frozen=True)
class Agent:
    """A generic agent noun's code ("police" → COP) and where it may stand without a country word
    (`alone`: "Police arrested 40 people") or take the country of the place it is in (`located`:
    "police in Karachi")."""

    code: str
    alone: bool = False
    located: bool = False


@dataclass(frozen=True)
class Title:
    title: str  # canonical title, as used in people.yaml
    role: str  # CAMEO role code the holder acts as (GOV, MIL, ...)
    leader: bool = False
    unique: bool = True  # one holder per country ("foreign minister"), not many ("minister")


@dataclass
class KnowledgeBase:
    as_of: date
    actors: dict[str, Actor] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    names: dict[str, list[Target]] = field(default_factory=dict)  # normalised name → targets
    surfaces: dict[str, set[str]] = field(default_factory=dict)  # normalised name → as written
    roles: dict[str, str] = field(default_factory=dict)  # group noun → role code
    agents: dict[str, Agent] = field(default_factory=dict)  # group noun → agent (agents.yaml)
    role_names: dict[str, str] = field(default_factory=dict)  # role code → "government"
    titles: dict[str, Title] = field(default_factory=dict)  # title words → title
    title_words: frozenset[str] = frozenset()
    # party code (GBRPTYLAB) → the periods it held its country's government (start, end or None)
    governing: dict[str, tuple[tuple[date, date | None], ...]] = field(default_factory=dict)
    modifiers: dict[str, str] = field(default_factory=dict)  # "shadow" → OPP (titles.yaml)
    _holders: dict[tuple[str, Title, date], list[tuple[Person, Role]]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    _people_of: dict[str, list[Person]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    # ---- lookups used by the linker ----------------------------------------------------

    def targets(self, text: str) -> list[Target]:
        return self.names.get(normalise(text), [])

    def is_country(self, code: str) -> bool:
        actor = self.actors.get(code)
        return actor is not None and actor.kind == "country"

    def country_of(self, code: str) -> str | None:
        """The country an actor belongs to (RUSGOV → RUS), or None for IGOs, blocs, regions
        (the rule is `detente.actors.country.country_of`)."""
        return country_rule(code, self._kind_and_country, self.role_names)

    def _kind_and_country(self, code: str) -> tuple[str, str | None] | None:
        actor = self.actors.get(code)
        return None if actor is None else (actor.kind, actor.country)

    def with_role(self, country: str, role: str) -> str:
        """RUS + MIL → RUSMIL; the combined code is a valid actor code."""
        return country + role

    def name_of(self, code: str) -> str | None:
        if not code:
            return None
        if code in self.actors:
            return self.actors[code].name
        if code in self.role_names:  # an agent with no country ("COP": police)
            return self.role_names[code]
        country = self.country_of(code)
        role = self.role_names.get(code[3:6]) if country else None
        if country and role:
            return f"{self.actors[country].name} ({role})"
        return code

    def holders(self, country: str, title: Title, day: date) -> list[tuple[Person, Role]]:
        """Who held `title` for `country` on `day` (the leader title matches any leader role);
        remembered per question (a look through every person's roles)."""
        key = (country, title, day)
        if key not in self._holders:
            self._holders[key] = self._find_holders(country, title, day)
        return list(self._holders[key])

    def _find_holders(self, country: str, title: Title, day: date) -> list[tuple[Person, Role]]:
        if not self._people_of:  # people by every country one of their roles belongs to
            for person in self.people.values():  # (in order, once per entry, as below)
                keys = {r.actor for r in person.roles} | {
                    c for r in person.roles if (c := self.country_of(r.actor))
                }
                for key in keys:
                    self._people_of.setdefault(key, []).append(person)
        found = []
        for person in self._people_of.get(country, ()):
            for role in person.roles_on(day):
                if self.country_of(role.actor) != country and role.actor != country:
                    continue
                if role.title == title.title or (title.title == "leader" and role.leader):
                    found.append((person, role))
                    break
        return found

    def person_code(self, person: Person, day: date) -> tuple[str, Role | None]:
        """The code a person acts under on `day`: their role's actor, else their country's elite."""
        current = person.roles_on(day)
        if current:
            best = max(current, key=lambda r: (r.leader, r.start))
            return best.actor, best
        past = [r for r in person.roles if r.start <= day] or list(person.roles)
        if not past:
            return "", None
        country = self.country_of(past[-1].actor)
        return (self.with_role(country, "ELI") if country else past[-1].actor), None

    def code_on(self, code: str, day: date) -> str:
        """The code a party acts under on `day`: country + GOV + its letters while it holds the
        government, + OPP otherwise (GBRPTYLAB → GBRGOVLAB in 2005); any other code as is."""
        periods = self.governing.get(code)
        if periods is None:
            return code
        held = any(start <= day and (end is None or day < end) for start, end in periods)
        return code[:3] + ("GOV" if held else "OPP") + code[6:]

    def party_role(self, code: str, role: str) -> str | None:
        """A party's code with a state role that is not the party's own ("Labour MPs" are the
        legislature, a "Labour government" the government): country + role, else None."""
        if code not in self.governing or role not in ("GOV", "LEG"):
            return None
        return code[:3] + role

    def title_for(self, words: str) -> Title | None:
        return self.titles.get(words.lower())

    def with_agents(self, extra: Iterable[tuple[str, str]]) -> KnowledgeBase:
        """A copy with more agent nouns (see `load_agents`); this KB is left as it is."""
        agents = _merge_agents(self.agents, extra)
        names = dict(self.role_names)
        names.update({a.code: a.code for a in agents.values() if a.code not in names})
        return replace(
            self,
            agents=agents,
            roles={noun: a.code for noun, a in agents.items()},
            role_names=names,
        )


# ---- names -------------------------------------------------------------------------------


@lru_cache(maxsize=1 << 16)  # the linker asks for the same few thousand words again and again
@lru_cache(maxsize=1 << 16)  # the same words are looked up for every mention of every document
def normalise(text: str) -> str:
    """The form names are compared in: NFC, curly quotes straightened, case-folded, spaced."""
    text = unicodedata.normalize("NFC", text).replace("’", "'").replace("‘", "'")
    return " ".join(text.casefold().split())


#: Letters NFKD does not decompose into an ASCII base letter.
_TRANSLITERATE = str.maketrans({"ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ø": "o", "Ø": "O",
                                "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "ı": "i"})  # fmt: skip


def slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name.translate(_TRANSLITERATE))
    ascii_name = ascii_name.encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


def _merge_agents(
    agents: Mapping[str, Agent], extra: Iterable[tuple[str, str]]
) -> dict[str, Agent]:
    out = dict(agents)
    for phrase, code in extra:
        key = normalise(phrase)
        # ours win, in the singular too: their "jihadists" does not outrank our "jihadist"
        singular = {key, key.removesuffix("s"), key.removesuffix("es")}
        if key and not singular & agents.keys() and re.fullmatch(r"[A-Z]{3}(?:[A-Z]{3})*", code):
            out.setdefault(key, Agent(code))
    return out
