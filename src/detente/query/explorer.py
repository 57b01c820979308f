"""The events explorer's reads: filters read from a query string (refused with the reason and a
suggestion when they cannot be used), one page of events, every page for a download, and the
choices its form offers.

The events themselves come from `reads.list_events` (keyset pagination, newest first), so the
explorer, the REST API and the CLI list the same events for the same filters.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from detente.query import lookup
from detente.query.actor_reads import search_actors
from detente.query.event_reads import count_events, list_events
from detente.query.paging import MAX_LIMIT, BadQuery, Page
from detente.query.periods import check_range, settings
from detente.store import Store

FILTER_KEYS = (
    "actor",
    "a",
    "b",
    "root",
    "quad",
    "modality",
    "polarity",
    "outlet",
    "since",
    "until",
)


@dataclass(frozen=True)
class EventFilters:
    """What the explorer filters events by; None means no filter."""

    actor: str | None = None
    dyad: tuple[str, str] | None = None
    root: str | None = None  # '01'..'20'
    quad_class: int | None = None  # 1..4
    modality: str | None = None
    polarity: str | None = None
    outlet: str | None = None  # a document's source, exactly as stored
    since: date | None = None  # first day, inclusive
    until: date | None = None  # last day, inclusive

    def arguments(self) -> dict[str, Any]:
        """Keyword arguments for `reads.list_events`."""
        return asdict(self)

    @property
    def dated(self) -> bool:
        """Whether a date range is set (undated events are then outside it)."""
        return self.since is not None or self.until is not None


def read_day(value: str | None, name: str) -> date | None:
    """A day from a form field ('' is none); BadQuery naming the field and the format."""
    if value is None or not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise BadQuery(f"{name}: {value[:40]!r} is not a date (YYYY-MM-DD)") from None


def read_filters(store: Store, params: Mapping[str, str]) -> EventFilters:
    """EventFilters from query-string values (FILTER_KEYS; others are ignored).

    Raises BadQuery (an unknown root, quad class, modality, polarity or outlet, a bad or reversed
    date range, half a dyad, a dyad of one country) or lookup.NotFound (an unknown actor), each
    with a message that says what would work.
    """
    get = {k: (params.get(k) or "").strip() for k in FILTER_KEYS}
    actor = check_actor(store, get["actor"]) if get["actor"] else None
    if bool(get["a"]) != bool(get["b"]):
        raise BadQuery("a dyad needs both actors: fill in a and b (e.g. RUS and UKR)")
    dyad = lookup.check_dyad(store, get["a"], get["b"]) if get["a"] else None
    since, until = read_day(get["since"], "since"), read_day(get["until"], "until")
    check_range(since, until)
    return EventFilters(
        actor=actor,
        dyad=dyad,
        root=lookup.normalise_root(get["root"]),
        quad_class=_quad(get["quad"]),
        modality=_one_of(get["modality"], "modality", modalities()),
        polarity=_one_of(get["polarity"], "polarity", polarities()),
        outlet=_outlet(store, get["outlet"]),
        since=since,
        until=until,
    )


def check_actor(store: Store, value: str) -> str:
    """An actor filter as a code (any case). A value that is no known code is looked up by
    name too: NotFound then suggests the codes whose actors (or office holders) bear that name
    first ('Blair' → GBRGOV), the codes that look alike after them."""
    try:
        return lookup.check_actor(store, value)
    except lookup.NotFound as exc:
        named = [f"{a['code']} ({a['name']})" for a in search_actors(store, value, 5)
                 if a["mentions"] and len(value) > 2]  # fmt: skip
        if not named:
            raise
        alike = lookup.close_actors(store, lookup.normalise_actor(value) or value)
        hint = ", ".join(dict.fromkeys([*named, *alike[:2]]))
        raise lookup.NotFound(
            f"no actor code {value[:40]!r}; by name: did you mean {hint}?"
        ) from exc


def _quad(value: str) -> int | None:
    if not value:
        return None
    if value not in ("1", "2", "3", "4"):
        raise BadQuery(
            f"quad class {value[:20]!r}: 1 verbal cooperation, 2 material cooperation, "
            "3 verbal conflict, 4 material conflict"
        )
    return int(value)


def _one_of(value: str, name: str, allowed: Mapping[str, str]) -> str | None:
    if not value:
        return None
    if value.lower() in allowed:
        return value.lower()
    raise BadQuery(f"no {name} {value[:20]!r}: choose {', '.join(allowed)}")


def _outlet(store: Store, value: str) -> str | None:
    return pick_outlet(value, [o["outlet"] for o in outlets(store)])


def pick_outlet(
    value: str, known: list[str], among: str = "outlets with coded events"
) -> str | None:
    """`value` as one of the `known` outlets (case aside); None for ''; BadQuery naming the
    closest ones otherwise."""
    if not value:
        return None
    folded = {o.lower(): o for o in known}
    if value.lower() in folded:
        return folded[value.lower()]
    close = difflib.get_close_matches(value, known, n=3, cutoff=0.5)
    hint = f"did you mean {', '.join(close)}?" if close else "the outlet menu lists them"
    raise BadQuery(f"no outlet {value[:60]!r} among the {among}: {hint}")


def modalities() -> dict[str, str]:
    """Modality → what it means to a reader (views.yaml)."""
    return dict(settings()["modalities"])


def polarities() -> dict[str, str]:
    """Polarity → what it means to a reader (views.yaml)."""
    return dict(settings()["polarities"])


def outlets(store: Store) -> list[dict[str, Any]]:
    """The outlets whose documents have coded events, as {outlet, events}, most events first."""
    return store.records(
        "SELECT d.source AS outlet, count(*) AS events FROM events e JOIN documents d"
        " USING (doc_id) WHERE d.source IS NOT NULL AND d.source <> ''"
        " GROUP BY 1 ORDER BY events DESC, outlet"
    )


def explore(
    store: Store, filters: EventFilters, cursor: str | None = None, limit: int = 50
) -> Page:
    """One page of events (newest first, undated last), as `reads.list_events` gives them."""
    return list_events(store, **filters.arguments(), cursor=cursor, limit=limit)


def every_event(store: Store, filters: EventFilters) -> Iterator[dict[str, Any]]:
    """Every event the filters keep, page after page, up to views.yaml's max_download_rows."""
    cap = int(settings()["max_download_rows"])
    cursor: str | None = None
    served = 0
    while served < cap:
        page = explore(store, filters, cursor, min(MAX_LIMIT, cap - served))
        yield from page.items
        served += len(page.items)
        cursor = page.next_cursor
        if cursor is None:
            return


DOWNLOAD_COLUMNS = (
    "date", "date_precision", "source", "source_actor", "source_person", "source_name", "cameo",
    "cameo_name", "root", "quad_class", "goldstein", "polarity", "modality", "background",
    "plover_type", "plover_mode", "target", "target_actor", "target_person", "target_name",
    "evidence_text", "trigger", "confidence", "doc_id", "idx", "outlet", "title", "url",
)  # fmt: skip


def download_rows(store: Store, events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Events as flat download rows (DOWNLOAD_COLUMNS): dates as ISO text, with the
    knowledge base's names of both actors and the codebook's name of the CAMEO code."""
    names = lookup.actor_names(store, [c for e in events for c in (e["source"], e["target"])])
    rows = []
    for e in events:
        row = {
            **e,
            "source_actor": names.get(e["source"], ""),
            "target_actor": names.get(e["target"], ""),
            "cameo_name": lookup.cameo_name(e["cameo"]),
            "date": e["date"].isoformat() if e["date"] else None,
        }
        rows.append({k: row.get(k) for k in DOWNLOAD_COLUMNS})
    return rows


def count(store: Store, filters: EventFilters) -> int:
    """How many events the filters keep, every page together."""
    return count_events(store, **filters.arguments())


def read_limit(value: str | None, default: int = 50) -> int:
    """A page size from a form field ('' is `default`); BadQuery saying the range otherwise."""
    if value is None or not value.strip():
        return default
    text = value.strip()
    if not text.isdigit() or not 1 <= int(text) <= MAX_LIMIT:
        raise BadQuery(f"limit {text[:20]!r}: a page shows 1 to {MAX_LIMIT} events")
    return int(text)
