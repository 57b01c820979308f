"""PETRARCH/TABARI actor and agent dictionaries added to our knowledge base (`kb_with`).

Actor records (`NAME_ [CODE]`, `+SYNONYM` lines, dated codes) become KB names and people with
dated roles; agent phrases (`PHRASE {PLURALS} [~COP]`, `!MARKER!` substitutions) join the
agent table. Ours win: a name or phrase the KB already has keeps its meaning.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from detente.actors.kb import Actor, KnowledgeBase, Person, Role, Target, normalise, slug
from detente.knowledge.petrarch_files import (
    DictionaryError,
    ReadReport,
    _lines,
    _settings,
    dictionary_files,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ActorEntry:
    """One actor record: its names as written in news, a default code, and dated codes.

    `roles` are (code, start, end) with `end` exclusive, as in `actors.kb.Role`; `date.min`
    stands for "since ever". A record with roles is a person; without, a name for `code`.
    """

    names: tuple[str, ...]
    code: str | None
    roles: tuple[tuple[str, date, date | None], ...]
    line: int


@dataclass(frozen=True)
class AgentEntry:
    """A generic agent phrase ("riot police") and its CAMEO agent code ("COP").

    `before` is true where the code goes before the actor's code (`NGO~`: an organisation),
    false where it follows the country (`~COP`: USA + COP).
    """

    phrase: str
    code: str
    before: bool


# ---- actors -------------------------------------------------------------------------------

_RESTRICTION = re.compile(r"\[\s*([A-Za-z0-9]+|---)\s*([<>]?\s*[\d\s\-]*)\]")


def _day(text: str) -> date | None:
    """A YYMMDD or YYYYMMDD date as PETRARCH reads it (00-30 are 20YY, extra digits ignored)."""
    digits = text.strip()
    try:
        if len(digits) <= 7:
            year = int(digits[:2])
            return date(2000 + year if year <= 30 else 1900 + year, int(digits[2:4]),
                        int(digits[4:6]))  # fmt: skip
        return date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return None


Restriction = tuple[str, date | None, date | None]  # code, start, end (exclusive); None: undated


def _restriction(text: str, where: str) -> Restriction | None:
    """`[CODE]`, `[CODE <D]`, `[CODE >D]` or `[CODE D-D]`; None where the dates cannot be read
    (a slip in one of thousands of records is counted, not fatal)."""
    match = _RESTRICTION.fullmatch(text.strip())
    if match is None or not (match.group(1).isupper() or match.group(1) == "---"):
        raise DictionaryError(
            f"{where}: a code is [CODE] or [CODE date-date], got {text.strip()!r}"
        )
    code, dates = match.group(1), match.group(2).replace(" ", "")
    one_day = timedelta(days=1)
    if not dates:
        return code, None, None
    if dates[0] in "<>":
        day = _day(dates[1:])
        if day is None:
            return None
        return (code, date.min, day + one_day) if dates[0] == "<" else (code, day, None)
    if dates.count("-") != 1:
        return None
    start, end = (_day(d) for d in dates.split("-"))
    if start is None or end is None:
        return None
    return code, start, end + one_day


def written(name: str) -> str:
    """A dictionary name (`SECRETARY-GENERAL_BAN_KI-MOON_`) as news writes it
    ("Secretary-general Ban Ki-moon"): title case, small words lower, acronyms in capitals."""
    words = name.strip().rstrip("_").replace("_", " ").split()
    if not words or any(c.islower() for c in name):
        return " ".join(words)
    settings = _settings()
    if len(words) == 1 and len(words[0].replace(".", "")) <= settings["acronym_letters"]:
        return words[0]
    out = []
    for i, word in enumerate(words):
        if word in settings["acronyms"]:
            out.append(word)
        elif i and word.lower() in settings["lower_words"]:
            out.append(word.lower())
        else:
            out.append(word[:1] + word[1:].lower())
    return " ".join(out)


def read_actors(path: str | Path) -> tuple[list[ActorEntry], ReadReport]:
    """Actor records of a PETRARCH/TABARI actor dictionary.

    A record is a primary line (`NAME_ [CODE]`), `+SYNONYM` lines and indented date
    restrictions; names keep their words, in the case news writes them (`written`).
    """
    path = Path(path)
    report = ReadReport(str(path))
    entries: list[ActorEntry] = []
    current: dict[str, Any] | None = None

    def close() -> None:
        if current is None:
            return
        names = tuple(dict.fromkeys(n for n in current["names"] if n))
        if current["code"] is None and not current["roles"]:
            report.skip("records without a code", current["line"], names[0] if names else "")
        elif names:
            entries.append(ActorEntry(names, current["code"], tuple(current["roles"]),
                                      current["line"]))  # fmt: skip
            report.read["people" if current["roles"] else "actor records"] += 1
            report.read["names"] += len(names)

    for n, line in _lines(path):
        where = f"{path}:{n}"
        text = line.strip()
        if text.startswith("["):
            if current is None:
                raise DictionaryError(f"{where}: a code before any actor name")
            for bracket in re.findall(r"\[[^\]]*\]?", text):
                _restrict(current, _restriction(bracket, where), n, text, report)
        elif text.startswith("+"):
            if current is None:
                raise DictionaryError(f"{where}: a synonym (+NAME) before any actor name")
            current["names"].append(_name(text[1:], n, report))
        else:
            close()
            name, _, rest = text.partition("[")
            current = {"names": [_name(name, n, report)], "code": None, "roles": [], "line": n}
            for bracket in re.findall(r"\[[^\]]*\]?", "[" + rest if rest else ""):
                _restrict(current, _restriction(bracket, where), n, text, report)
    close()
    return entries, report


def _restrict(
    record: dict[str, Any], found: Restriction | None, n: int, text: str, report: ReadReport
) -> None:
    """Add a code restriction to the record being read, or count why it is left out."""
    if found is None:
        report.skip("dated codes whose dates we cannot read", n, text)
    elif found[0] == "---":  # the null code: no actor in that span
        report.skip("null codes [---]", n, text)
    elif found[1] is None:
        record["code"] = found[0]
    elif found[2] is not None and found[2] <= found[1]:
        report.skip("dated codes that end before they start", n, text)
    else:
        record["roles"].append(found)


def _name(text: str, n: int, report: ReadReport) -> str:
    cleaned = re.sub(r"\([^)]*\)", "", text).strip()  # "(AAIA)": an acronym aside
    if not re.fullmatch(r"[\w'.\- &]+", cleaned) or not cleaned.strip("_ "):
        report.skip("names with signs we do not read", n, text)
        return ""
    return written(cleaned)


@cache
def actor_entries(dictionaries: tuple[str, ...]) -> tuple[ActorEntry, ...]:
    """Every actor record of the actor dictionaries among `dictionaries`, in file order."""
    entries: list[ActorEntry] = []
    for path in dictionary_files(dictionaries)["actors"]:
        found, report = read_actors(path)
        log.info("%s", report.summary())
        entries += found
    return tuple(entries)


def kb_with(kb: KnowledgeBase, dictionaries: tuple[str, ...]) -> KnowledgeBase:
    """A copy of `kb` with the actors of the dictionaries added; `kb` is left as it is.

    Ours wins: a name the KB already has keeps its meaning, and a person one of whose names
    the KB knows is left out; new names, codes and people are added. A person's dated codes
    become roles (the undated default a role since ever, outranked by any dated one). The
    generic agents that follow a country's code (`~COP`: "riot squad" → USA + COP) are added to
    the agent table (`KnowledgeBase.with_agents`: ours win, theirs only as a modifier's noun);
    those written before an actor's code (`NGO~`) are left out: our agents all follow it.
    """
    agents = [(e.phrase, e.code) for e in agent_entries(dictionaries) if not e.before]
    if agents:
        kb = kb.with_agents(agents)
    out = replace(
        kb,
        actors=dict(kb.actors),
        people=dict(kb.people),
        names={k: list(v) for k, v in kb.names.items()},
        surfaces={k: set(v) for k, v in kb.surfaces.items()},
    )
    for entry in actor_entries(dictionaries):
        if entry.roles:
            _add_person(out, kb, entry)
            continue
        code = entry.code or ""
        _ensure_actor(out, code, entry.names[0])
        method = "metonym" if out.is_country(code) else "alias"
        for name in entry.names:
            if normalise(name) not in kb.names:
                _add_name(out, name, Target(code, method))
    return out


def _add_person(out: KnowledgeBase, kb: KnowledgeBase, entry: ActorEntry) -> None:
    person_id = slug(entry.names[0])
    if (
        not person_id
        or person_id in out.people
        or any(normalise(n) in kb.names for n in entry.names)
    ):
        return
    roles = [(code, start, end) for code, start, end in entry.roles]
    if entry.code:
        roles.append((entry.code, date.min, None))
    person = Person(
        id=person_id,
        name=entry.names[0],
        gender=None,
        aliases=entry.names[1:],
        roles=tuple(
            Role(code, out.role_names.get(code[3:6], code), start, end)
            for code, start, end in sorted(roles, key=lambda r: r[1])
        ),
    )
    out.people[person_id] = person
    for code, *_ in roles:
        _ensure_actor(out, code, entry.names[0])
    for name in entry.names:
        _add_name(out, name, Target("", "name" if name == person.name else "alias", person_id))


def _ensure_actor(out: KnowledgeBase, code: str, name: str) -> None:
    """Give a code no country or KB actor owns an actor of its own ("IMGMUSALQ")."""
    if code and code not in out.actors and out.country_of(code) is None:
        kind = _settings()["kinds"].get(code[:3], "group")
        out.actors[code] = Actor(code, name, kind)


def _add_name(kb: KnowledgeBase, text: str, target: Target) -> None:
    key = normalise(text)
    if not key:
        return
    kb.surfaces.setdefault(key, set()).add(text)
    bucket = kb.names.setdefault(key, [])
    if all((t.code, t.person) != (target.code, target.person) for t in bucket):
        bucket.append(target)


# ---- agents ---------------------------------------------------------------------------------


def read_agents(path: str | Path) -> tuple[list[AgentEntry], ReadReport]:
    """Agent phrases of a PETRARCH agents dictionary, singular and plural, with their codes.

    `!MARKER! = A, B` lines define substitutions; `{PLURALS}` after a phrase gives its plurals
    (`{}`: none), else the regular plural is made (-S, -IES after Y, -ES after SS).
    """
    path = Path(path)
    report = ReadReport(str(path))
    markers: dict[str, list[str]] = {}
    entries: list[AgentEntry] = []
    for n, line in _lines(path):
        where = f"{path}:{n}"
        text = line.strip()
        if re.fullmatch(r"!\w+!\s*=.*", text):
            marker, _, values = text.partition("=")
            markers[marker.strip()] = [v.strip() for v in values.split(",") if v.strip()]
            continue
        if "[" not in text:
            report.skip("phrases without a code", n, text)
            continue
        match = re.fullmatch(r"([^\[{]+?)\s*(\{[^}]*\})?\s*\[\s*(~?)([A-Z0-9]+)(~?)\s*[\]}]", text)
        if match is None or bool(match.group(3)) == bool(match.group(5)):
            raise DictionaryError(
                f"{where}: an agent line is PHRASE {{PLURALS}} [~CODE] or [CODE~]"
            )
        phrase, plurals, after, code = (
            match.group(1),
            match.group(2),
            match.group(3),
            match.group(4),
        )
        forms = _agent_forms(phrase, plurals, markers)
        if forms is None:
            report.skip("phrases with an undefined !MARKER!", n, text)
            continue
        for form in forms:
            entries.append(AgentEntry(form, code, before=not after))
        report.read["agent lines"] += 1
        report.read["phrases"] += len(forms)
    return entries, report


def _agent_forms(
    phrase: str, plurals: str | None, markers: dict[str, list[str]]
) -> list[str] | None:
    marker = re.search(r"!\w+!", phrase)
    if marker is not None:
        if marker.group(0) not in markers:
            return None
        return [
            " ".join(phrase.replace(marker.group(0), v).replace("_", " ").lower().split())
            for v in markers[marker.group(0)]
        ]
    singular = " ".join(phrase.replace("_", " ").lower().split())
    if plurals is not None:
        extra = [" ".join(p.replace("_", " ").lower().split()) for p in plurals[1:-1].split()]
    elif singular.endswith("y") and singular[-2:-1] not in "aeiou":
        extra = [singular[:-1] + "ies"]
    elif singular.endswith("ss"):
        extra = [singular + "es"]
    else:
        extra = [singular + "s"]
    return list(dict.fromkeys([singular, *extra]))


@cache
def agent_entries(dictionaries: tuple[str, ...]) -> tuple[AgentEntry, ...]:
    """Every agent phrase of the agent dictionaries among `dictionaries`."""
    entries: list[AgentEntry] = []
    for path in dictionary_files(dictionaries)["agents"]:
        found, report = read_agents(path)
        log.info("%s", report.summary())
        entries += found
    return tuple(entries)
