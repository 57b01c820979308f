"""Reading the knowledge base's data files: entries checked on the way in, then built.

`_Builder` collects countries (pycountry joined with `countries.csv`), organisations, blocs,
parties, people, roles and titles from the YAML and CSV files, later files overriding earlier
ones by code or name, and builds the `KnowledgeBase`; a bad entry is a `KBError` naming its file
and entry. The helpers read dates, lists of names and YAML files the same way everywhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

import pycountry
import yaml

from detente.actors.kb_model import (
    KINDS,
    METHODS,
    Actor,
    Agent,
    KBError,
    KnowledgeBase,
    Person,
    Role,
    Target,
    Title,
    normalise,
    slug,
)
from detente.yamlfiles import load_yaml


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
        data = load_yaml(path.read_text(encoding="utf-8"))
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
