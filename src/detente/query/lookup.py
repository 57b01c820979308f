"""What the faces ask before they query: ids from prefixes, codes normalised or refused with a
suggestion, names for codes, and why a result came back empty.

Shared by the CLI, the REST API and the web pages, so the same input is read the same way
everywhere (`events --root 5` and `/api/events?root=5` both mean root 05).
"""

from __future__ import annotations

import difflib
import re
from typing import Any

from detente.actors.country import country_joins
from detente.corpus.dyads import unplaced_events
from detente.errors import DetenteError
from detente.query.countries import country_of
from detente.query.names import unlisted_actors
from detente.query.paging import BadQuery
from detente.store import Store

MAX_CANDIDATES = 8


class NotFound(DetenteError):
    """No record with the id or code given (the message says where it looked)."""


# ---- ids: a unique prefix is as good as the whole id ------------------------------------------

_ID_TABLES = {"document": ("documents", "doc_id"), "story": ("stories", "story_id")}
_PLURAL = {"document": "documents", "story": "stories"}


def resolve_prefix(store: Store, kind: str, prefix: str) -> str:
    """The one `kind` ('document' or 'story') id starting with `prefix`.

    Raises NotFound when none does, BadQuery listing up to 8 candidates when several do.
    """
    table, column = _ID_TABLES[kind]
    prefix = prefix.strip()
    if not prefix:
        raise BadQuery(f"give a {kind} id or a prefix of one")
    rows = store.query(
        f"SELECT {column} FROM {table} WHERE starts_with({column}, ?) ORDER BY {column} LIMIT ?",
        [prefix, MAX_CANDIDATES + 1],
    )
    ids = [str(r[0]) for r in rows]
    if prefix in ids or len(ids) == 1:
        return prefix if prefix in ids else ids[0]
    if not ids:
        listing = "detente list" if kind == "document" else "detente stories"
        raise NotFound(f"no {kind} {prefix!r} in {store.path}: see `{listing}`")
    more = " …" if len(ids) > MAX_CANDIDATES else ""
    raise BadQuery(
        f"{prefix!r} matches several {_PLURAL[kind]}: {', '.join(ids[:MAX_CANDIDATES])}{more}; "
        "give more characters"
    )


# ---- codes ----------------------------------------------------------------------------------


def cameo_roots() -> dict[str, str]:
    """CAMEO root code ('01'..'20') → its name."""
    from detente.events.cameo import load_codebook

    return dict(load_codebook().roots)


def cameo_name(code: str | None) -> str:
    """The codebook's name of a CAMEO code or root ('' when unknown)."""
    from detente.events.cameo import load_codebook

    if not code:
        return ""
    book = load_codebook()
    found = book.codes.get(code)
    return found.name if found else str(book.roots.get(code, ""))


def normalise_root(value: str | None) -> str | None:
    """A CAMEO root as stored ('5' → '05'); BadQuery naming the valid roots when there is none."""
    if value is None or not value.strip():
        return None
    given = value.strip()
    roots = cameo_roots()
    code = given.zfill(2) if given.isdigit() else given
    if code in roots:
        return code
    if given.isdigit() and len(given) == 3 and given[:2] in roots:
        hint = f"{given} is a full code; its root is {given[:2]} ({roots[given[:2]]})"
    else:
        hint = f"the roots are {root_help()}"
    raise BadQuery(f"no CAMEO root {given!r}: {hint}")


def root_help() -> str:
    """'01 Make Public Statement, 02 Appeal, …' for --help texts."""
    return ", ".join(f"{code} {name}" for code, name in sorted(cameo_roots().items()))


def normalise_actor(value: str | None) -> str | None:
    """An actor code as stored: upper case, no spaces ('rus ' → 'RUS')."""
    if value is None or not value.strip():
        return None
    return value.strip().upper()


def actor_names(store: Store, codes: list[str]) -> dict[str, str]:
    """Names of the actor codes known to the store's knowledge base (unknown ones left out)."""
    wanted = sorted({c for c in codes if c})
    if not wanted:
        return {}
    rows = store.query(
        "SELECT code, name FROM actors WHERE list_contains(?, code) AND name IS NOT NULL", [wanted]
    )
    found = {str(code): str(name) for code, name in rows}
    for missing in (c for c in wanted if c not in found):
        found.update({a["code"]: a["name"] for a in unlisted_actors(store, missing)})
    return found


def check_actor(store: Store, code: str) -> str:
    """`code` normalised if the knowledge base or the events know it; otherwise NotFound with
    the closest codes and names as suggestions."""
    code = normalise_actor(code) or ""
    known = store.query(
        "SELECT 1 FROM actors WHERE code = ? UNION ALL"
        " (SELECT 1 FROM events WHERE source = ? OR target = ? LIMIT 1) UNION ALL"
        " (SELECT 1 FROM mentions WHERE actor_code = ? LIMIT 1)",
        [code, code, code, code],
    )
    if known:
        return code
    close = close_actors(store, code)
    hint = (
        f"; did you mean {', '.join(close)}?"
        if close
        else "; `detente actors --top` lists the actors it mentions"
    )
    raise NotFound(f"no actor {code!r} in the knowledge base of {store.path}{hint}")


def close_actors(store: Store, code: str, n: int = 5) -> list[str]:
    """Up to `n` 'CODE (Name)' suggestions for an unknown code: codes that look alike or start
    alike, then actors whose name contains it."""
    rows = store.query("SELECT code, coalesce(name, '') FROM actors ORDER BY code")
    names = {str(c): str(name) for c, name in rows}
    found = difflib.get_close_matches(code, list(names), n=n, cutoff=0.6)
    found += [c for c in names if c.startswith(code[:3]) and c not in found]
    lowered = code.lower()
    found += [c for c, name in names.items() if len(lowered) > 2 and lowered in name.lower()]
    unique = list(dict.fromkeys(found))[:n]
    return [f"{c} ({names[c]})" if names[c] else c for c in unique]


def check_dyad(store: Store, a: str, b: str) -> tuple[str, str]:
    """Two actor codes normalised; BadQuery when they are one actor (or roll up to one country,
    as RUSGOV and RUS do), since a dyad is between two."""
    a, b = check_actor(store, a), check_actor(store, b)
    country = country_of(store, a)
    if a == b or country == country_of(store, b):
        named = name_of(actor_names(store, [country]), country)
        what = f"{a} is one actor" if a == b else f"{a} and {b} are both part of {named}"
        raise BadQuery(
            f"{what}, and a dyad is between two actors of different countries: name two, "
            "e.g. RUS UKR; "
            f"`detente dyads {country}` (or /actor/{country}) lists {country}'s partners"
        )
    return a, b


# ---- why a result is empty ------------------------------------------------------------------


def why_no_dyad(store: Store, a: str, b: str | None) -> str:
    """One line on an empty dyad result: what was searched and what the store holds."""
    countries = [country_of(store, x) for x in (a, b) if x]
    merged = store.query("SELECT count(*) FROM corroborated")[0][0]
    if not merged:
        return (
            f"no dyads in {store.path} yet: relations are counted over the merged events of "
            "the corpus stages; run `detente corpus`"
        )
    source_joins, source = country_joins("c.source", "s")
    target_joins, target = country_joins("c.target", "t")
    involving = store.query(
        f"SELECT count(*) FROM corroborated c {source_joins} {target_joins}"
        f" WHERE ? IN (c.source, c.target, {source}, {target})",
        [countries[0]],
    )[0][0]
    who = " and ".join(countries) if b else f"{countries[0]} and any other actor"
    undated = sum(
        len(r["event_ids"]) for r in unplaced_events(store, countries[0], b and countries[1])
    )
    if undated:
        return (
            f"no dated events between {who} in {store.path}: {undated:,} merged "
            f"event{'s' if undated != 1 else ''} between them "
            f"{'are' if undated != 1 else 'is'} undated (or dated too coarsely for a time line), "
            f"so none can be charted; `detente events --actor {countries[0]}` lists the coded "
            f"events and `detente report --{'dyad ' + ' '.join(countries) if b else 'actor ' + countries[0]}` "
            "includes the undated ones"
        )
    return (
        f"no events between {who} in {store.path}: searched {merged:,} merged events "
        f"(actors rolled up to countries); {involving:,} involve {countries[0]}"
    )


def why_no_shifts(store: Store) -> str:
    """One line on an empty list of shifts: whether the corpus stages ran and over what."""
    corroborated = store.query("SELECT count(*) FROM corroborated")[0][0]
    events = store.query("SELECT count(*) FROM events")[0][0]
    if events and not corroborated:
        return (
            f"no shifts flagged in {store.path}: the corpus stages have not run over its "
            f"{events:,} events; run `detente corpus`"
        )
    pairs = store.query(
        "SELECT count(DISTINCT (least(source, target), greatest(source, target))) FROM corroborated"
        " WHERE source <> '' AND target <> ''"
    )[0][0]
    return (
        f"no shifts flagged in {store.path}: {pairs:,} pairs over {corroborated:,} merged events "
        "were checked, and none departed from its own recent weeks"
    )


def name_of(names: dict[str, Any], code: str | None) -> str:
    """'RUSGOV (Russian government)', or the code alone when its name is unknown."""
    if not code:
        return "-"
    name = names.get(code)
    return f"{code} ({name})" if name else code


# ---- outlets ----------------------------------------------------------------------------------

_LOCAL = re.compile(r"^(?:/|~|\.{1,2}/|file:|[A-Za-z]:[\\/])")  # a path, not an outlet's name


def is_outlet(source: str | None) -> bool:
    """Whether a document's source names an outlet: a local file's path (what ingest records
    when a file says nothing of where it came from) does not."""
    return bool(source and source.strip()) and not _LOCAL.match(str(source).strip())


def outlets_line(sources: list[str]) -> str:
    """'2 outlets: BBC, Reuters', '1 outlet: BBC', 'outlet unknown' (local files only), or
    '1 outlet: BBC (and 2 local files, outlet unknown)'."""
    named = sorted({s for s in sources if is_outlet(s)})
    unknown = len([s for s in sources if not is_outlet(s)])
    said = (
        f"{len(named)} outlet{'s' if len(named) != 1 else ''}: {', '.join(named)}" if named else ""
    )
    if not unknown:
        return said or "outlet unknown"
    files = f"{unknown} local file{'s' if unknown != 1 else ''}, outlet unknown"
    return f"{said} (and {files})" if said else "outlet unknown"
