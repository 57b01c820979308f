"""The actor knowledge base: countries, organisations, people and the words that name them.

Everything here is data from `actors/data/` (and any `--kb FILE` a user adds), loaded once per
process and checked on the way in: a bad entry is an error naming its file and entry, never a
silently missing actor. Countries come from pycountry (every ISO 3166-1 code and its official
names) joined with our `countries.csv` (demonyms, capitals, short and historical names). The
records and lookups live in `kb_model.py`, the reading of entries in `kb_builder.py`; their
names are importable from here.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from functools import cache
from importlib import resources
from pathlib import Path

from detente.actors.kb_builder import _as_date, _Builder, _read_yaml
from detente.actors.kb_model import (
    KINDS,
    METHODS,
    NAME_PARTICLES,
    Actor,
    Agent,
    KBError,
    KnowledgeBase,
    Person,
    Role,
    Target,
    Title,
    _merge_agents,
    normalise,
    slug,
)

__all__ = [
    "DATA",
    "KINDS",
    "METHODS",
    "NAME_PARTICLES",
    "Actor",
    "Agent",
    "KBError",
    "KnowledgeBase",
    "Person",
    "Role",
    "Target",
    "Title",
    "load_agents",
    "load_kb",
    "normalise",
    "slug",
]

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
