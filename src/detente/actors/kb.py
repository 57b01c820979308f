"""The actor knowledge base: countries, organisations, people and the words that name them.

Everything here is data from `actors/data/` (and any `--kb FILE` a user adds), loaded once per
process and checked on the way in: a bad entry is an error naming its file and entry, never a
silently missing actor. Countries come from pycountry (every ISO 3166-1 code and its official
names) joined with our `countries.csv` (demonyms, capitals, short and historical names).
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import pycountry
import yaml

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
        """Who held `title` for `country` on `day` (the leader title matches any leader role)."""
        found = []
        for person in self.people.values():
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


# ---- loading -----------------------------------------------------------------------------


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


def _as_date(value: Any, where: str) -> date:
    if isinstance(value, date):
        return value
    text = str(value)
    for pattern, fill in (
        (r"\d{4}-\d{2}-\d{2}", ""),
        (r"\d{4}-\d{2}", "-01"),
        (r"\d{4}", "-01-01"),
    ):
        if re.fullmatch(pattern, text):
            try:
                return date.fromisoformat(text + fill)
            except ValueError:
                break
    raise KBError(f"{where}: {value!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)")


def _split(row: Mapping[str, str | None], key: str) -> list[str]:
    return [v.strip() for v in (row.get(key) or "").split("|") if v.strip()]


def _words(value: Any, where: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    raise KBError(f"{where}: expected a list of names, got {value!r}")


def _read_yaml(path: Path | Any, where: str) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise KBError(f"{where}: cannot be read ({exc})") from exc
    except yaml.YAMLError as exc:
        raise KBError(f"{where}: is not valid YAML ({exc})") from exc
    if not isinstance(data, dict):
        raise KBError(f"{where}: expected a mapping at the top (actors:, people:)")
    return data


class _Builder:
    """Collects entries from the data files; later files override earlier ones by code or name."""

    def __init__(self) -> None:
        self.actors: dict[str, Actor] = {}
        self.actor_names: dict[str, list[tuple[str, Target]]] = {}  # code → (name, target)
        self.people: dict[str, Person] = {}
        self.as_of = date.min
        self.roles: dict[str, str] = {}
        self.role_names: dict[str, str] = {}
        self.titles: dict[str, Title] = {}
        self.agents: dict[str, Agent] = {}
        self.governing: dict[str, tuple[tuple[date, date | None], ...]] = {}
        self.modifiers: dict[str, str] = {}

    # -- countries -------------------------------------------------------------------------

    def countries(self, rows: Iterable[Mapping[str, str | None]], where: str) -> None:
        iso = {c.alpha_3: c for c in pycountry.countries}  # type: ignore[no-untyped-call]
        for n, row in enumerate(rows, start=2):
            code = (row.get("code") or "").strip()
            here = f"{where}: row {n} ({code or '?'})"
            if not re.fullmatch(r"[A-Z]{3}", code):
                raise KBError(f"{here}: code must be three capital letters")
            name = (row.get("name") or "").strip() or (iso[code].name if code in iso else "")
            if not name:
                raise KBError(f"{here}: no name")
            self.actors[code] = Actor(code, name, "country")
            names = [(name, Target(code, "name"))]
            if code in iso:
                record = iso[code]
                for attr in ("name", "official_name", "common_name"):
                    value = getattr(record, attr, None)
                    if value and "," not in value:
                        names.append((value, Target(code, "name")))
            names += [(a, Target(code, "alias")) for a in _split(row, "aliases")]
            adjectives = _split(row, "adjectives")
            names += [(a, Target(code, "demonym", adjective=True)) for a in adjectives]
            # "Russians", "Israelis": the plural noun of an -an or -i demonym
            names += [
                (a + "s", Target(code, "demonym")) for a in adjectives if a.endswith(("an", "i"))
            ]
            names += [(c, Target(code, "metonym")) for c in _split(row, "capital")]
            self.actor_names[code] = names

    # -- organisations, blocs, seats of power ----------------------------------------------

    def actor_entries(self, entries: Any, where: str) -> None:
        if not isinstance(entries, list):
            raise KBError(f"{where}: `actors` must be a list")
        for n, entry in enumerate(entries, start=1):
            here = f"{where}: actors entry {n}"
            if not isinstance(entry, dict):
                raise KBError(f"{here}: expected a mapping with code, name, kind")
            code, name, kind = entry.get("code"), entry.get("name"), entry.get("kind")
            here += f" ({code})"
            if not isinstance(code, str) or not re.fullmatch(r"[A-Z0-9]{3,15}", code):
                raise KBError(f"{here}: code must be 3-15 capital letters or digits")
            if not isinstance(name, str) or not name.strip():
                raise KBError(f"{here}: no name")
            if kind not in KINDS:
                raise KBError(f"{here}: kind must be one of {', '.join(sorted(KINDS))}")
            method = entry.get("method", "name")
            if method not in METHODS:
                raise KBError(f"{here}: method must be one of {', '.join(sorted(METHODS))}")
            country = entry.get("country")
            if country is not None and country not in self.actors:
                raise KBError(f"{here}: unknown country {country!r}")
            known = set(entry) - {
                "code",
                "name",
                "kind",
                "aliases",
                "adjectives",
                "country",
                "method",
                "government",
            }
            if known:
                raise KBError(f"{here}: unknown field(s) {', '.join(sorted(known))}")
            if kind == "party":
                self.governing[code] = self._periods(entry.get("government"), here)
            names = [(name, Target(code, method))]
            alias_method = "alias" if method == "name" else method
            names += [(a, Target(code, alias_method)) for a in _words(entry.get("aliases"), here)]
            names += [
                (a, Target(code, "demonym", adjective=True))
                for a in _words(entry.get("adjectives"), here)
            ]
            if code in self.actors and kind == "government":
                # a seat of power or state body adds names to a code that is already known
                self.actor_names[code] += names
                continue
            self.actors[code] = Actor(code, name, kind, country)
            self.actor_names[code] = names

    def _periods(self, value: Any, where: str) -> tuple[tuple[date, date | None], ...]:
        """A party's `government` periods: a list of [start] or [start, end] (end exclusive)."""
        if not isinstance(value, list) or not all(
            isinstance(p, list) and 1 <= len(p) <= 2 for p in value
        ):
            raise KBError(f"{where}: a party needs government: [[start, end], [start]] (or [])")
        return tuple(
            (_as_date(p[0], where), _as_date(p[1], where) if len(p) > 1 and p[1] else None)
            for p in value
        )

    # -- people ------------------------------------------------------------------------------

    def people_entries(self, entries: Any, where: str) -> None:
        if not isinstance(entries, list):
            raise KBError(f"{where}: `people` must be a list")
        for n, entry in enumerate(entries, start=1):
            here = f"{where}: people entry {n}"
            if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
                raise KBError(f"{here}: expected a mapping with a name")
            name = entry["name"].strip()
            here += f" ({name})"
            gender = entry.get("gender")
            if gender not in (None, "m", "f"):
                raise KBError(f"{here}: gender must be m or f")
            roles = []
            for r in entry.get("roles") or []:
                if not isinstance(r, dict) or not {"actor", "title", "start"} <= set(r):
                    raise KBError(f"{here}: each role needs actor, title and start")
                title = r["title"]
                if title not in {t.title for t in self.titles.values()}:
                    raise KBError(f"{here}: unknown title {title!r} (see titles.yaml)")
                start = _as_date(r["start"], here)
                end = _as_date(r["end"], here) if r.get("end") is not None else None
                if end is not None and end < start:
                    raise KBError(f"{here}: role {title!r} ends before it starts")
                roles.append(Role(str(r["actor"]), title, start, end, bool(r.get("leader"))))
            if not roles:
                raise KBError(f"{here}: no roles")
            person_id = str(entry.get("id") or slug(name))
            self.people[person_id] = Person(
                person_id,
                name,
                gender,
                tuple(_words(entry.get("aliases"), here)),
                tuple(sorted(roles, key=lambda r: r.start)),
            )

    # -- roles and titles ----------------------------------------------------------------------

    def lexicon(self, data: Mapping[str, Any], where: str) -> None:
        for code, spec in (data.get("roles") or {}).items():
            if not re.fullmatch(r"[A-Z]{3}", str(code)) or not isinstance(spec, dict):
                raise KBError(f"{where}: role {code!r} must be three capitals with name and nouns")
            self.role_names[code] = str(spec.get("name", code))
            here = f"{where}: role {code}"
            alone = {normalise(n) for n in _words(spec.get("alone"), here)}
            located = {normalise(n) for n in _words(spec.get("located"), here)}
            nouns = [normalise(n) for n in _words(spec.get("nouns"), here)]
            for noun in dict.fromkeys([*nouns, *alone, *located]):
                self.roles[noun] = code
                self.agents[noun] = Agent(code, noun in alone, noun in located)
        for n, spec in enumerate(data.get("titles") or [], start=1):
            here = f"{where}: titles entry {n}"
            if not isinstance(spec, dict) or spec.get("role") not in self.role_names:
                raise KBError(f"{here}: needs title, a known role code and variants")
            title = Title(
                str(spec["title"]),
                spec["role"],
                bool(spec.get("leader")),
                bool(spec.get("unique", True)),
            )
            for variant in [title.title, *_words(spec.get("variants"), here)]:
                self.titles[normalise(variant)] = title
        for word, role in (data.get("modifiers") or {}).items():
            if role not in self.role_names:
                raise KBError(f"{where}: modifier {word!r} needs a known role code, got {role!r}")
            self.modifiers[normalise(str(word))] = role

    def build(self) -> KnowledgeBase:
        for person in self.people.values():
            for role in person.roles:
                if role.actor not in self.actors and not (
                    role.actor[:3] in self.actors and role.actor[3:6] in self.role_names
                ):
                    raise KBError(f"people ({person.name}): unknown actor code {role.actor!r}")
        kb = KnowledgeBase(
            as_of=self.as_of,
            actors=dict(self.actors),
            people=dict(self.people),
            roles=dict(self.roles),
            agents=dict(self.agents),
            role_names=dict(self.role_names),
            titles=dict(self.titles),
            governing=dict(self.governing),
            modifiers=dict(self.modifiers),
        )
        kb.title_words = frozenset(w for key in self.titles for w in key.split())
        for entries in self.actor_names.values():
            for text, target in entries:
                _add(kb, text, target)
        for person in self.people.values():
            for text in (person.name, *person.aliases):
                _add(kb, text, Target("", "name" if text == person.name else "alias", person.id))
        return kb


def _add(kb: KnowledgeBase, text: str, target: Target) -> None:
    key = normalise(text)
    if not key:
        return
    kb.surfaces.setdefault(key, set()).add(text.strip())
    names = kb.names
    bucket = names.setdefault(key, [])
    same = [t for t in bucket if (t.code, t.person) == (target.code, target.person)]
    if not same:
        # a capital is the weaker reading of a name that also names an actor ("Brussels")
        weaker = [i for i, t in enumerate(bucket) if t.method == "metonym"]
        bucket.insert(weaker[0] if weaker and target.method != "metonym" else len(bucket), target)
    elif target.adjective and not same[0].adjective:
        bucket[bucket.index(same[0])] = Target(same[0].code, same[0].method, same[0].person, True)


DATA = resources.files("detente.actors") / "data"


def _builtin(builder: _Builder) -> None:
    builder.lexicon(_read_yaml(DATA / "agents.yaml", "agents.yaml"), "agents.yaml")
    lexicon = _read_yaml(DATA / "titles.yaml", "titles.yaml")
    builder.lexicon(lexicon, "titles.yaml")
    with (DATA / "countries.csv").open(encoding="utf-8") as fh:
        lines = [line for line in fh if not line.startswith("#")]
    builder.countries(csv.DictReader(lines), "countries.csv")
    for name in ("organisations.yaml", "parties.yaml"):
        builder.actor_entries(_read_yaml(DATA / name, name)["actors"], name)
    people = _read_yaml(DATA / "people.yaml", "people.yaml")
    builder.as_of = _as_date(people.get("as_of"), "people.yaml: as_of")
    builder.people_entries(people.get("people"), "people.yaml")


def load_agents(extra: Iterable[tuple[str, str]] = ()) -> dict[str, Agent]:
    """The generic agent table: normalised noun ("police", "riot police", "troop") → `Agent`.

    Ours comes from `actors/data/agents.yaml`. `extra` adds (phrase, code) pairs, such as the
    lines of a PETRARCH agents dictionary (`("riot squad", "COP")`, `("press", "MED")`): a
    phrase we already have keeps our code; a new phrase with one of our codes takes that code's
    habits only as a modifier's noun ("Russian riot squad"), never alone or located, since we
    have not checked it; a code of several parts ("GOVMED") is kept as written. To link with
    them, `load_kb(...).with_agents(extra)` gives a knowledge base that has them.

    Raises `KBError` when agents.yaml is malformed."""
    builder = _Builder()
    builder.lexicon(_read_yaml(DATA / "agents.yaml", "agents.yaml"), "agents.yaml")
    return _merge_agents(builder.agents, extra)


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


def _is_dictionary(path: Path) -> bool:
    """Whether a `--kb` path is a PETRARCH/TABARI dictionary (a directory of them, or a file in
    their actor, agent or verb format) rather than one of our YAML files."""
    if path.is_dir():
        return True
    if not path.is_file() or path.suffix.lower() in (".yaml", ".yml"):
        return False
    from detente.knowledge.petrarch import sniff

    return sniff(path) is not None


def load_kb(extra: Sequence[str | Path] = ()) -> KnowledgeBase:
    """The built-in knowledge base, with the user's files merged over it in order: our YAML
    (actors, people, parties, titles) or PETRARCH/Phoenix actor and agent dictionaries, told
    apart by their content (see `detente.knowledge.petrarch.sniff`), which only add what we
    lack. Raises `KBError` (or `DictionaryError`) naming a file that cannot be read."""
    return _load(tuple(str(p) for p in extra))


@cache
def _load(extra: tuple[str, ...]) -> KnowledgeBase:
    builder = _Builder()
    _builtin(builder)
    # PETRARCH/TABARI dictionaries (a directory, or a file written in their format whatever its
    # name) only add what we lack
    dictionaries = tuple(p for p in extra if _is_dictionary(Path(p)))
    for path in extra:
        if path in dictionaries:
            continue
        data = _read_yaml(Path(path), path)
        unknown = set(data) - {"actors", "people", "as_of", "roles", "titles", "modifiers"}
        if unknown:
            raise KBError(f"{path}: unknown section(s) {', '.join(sorted(unknown))}")
        builder.lexicon(data, path)
        if "actors" in data:
            builder.actor_entries(data["actors"], path)
        if "people" in data:
            builder.people_entries(data["people"], path)
        if "as_of" in data:
            builder.as_of = max(builder.as_of, _as_date(data["as_of"], f"{path}: as_of"))
    if dictionaries:
        from detente.knowledge.petrarch import kb_with

        return kb_with(builder.build(), dictionaries)
    return builder.build()
