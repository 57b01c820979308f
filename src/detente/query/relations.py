"""Reads of relations between actors: a dyad over time, the alignment network, shifts."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from detente.actors.country import country_joins
from detente.corpus.dyads import dyad_series
from detente.query.countries import country_of
from detente.query.paging import BadQuery, Filters
from detente.store import Store


def dyad(
    store: Store, a: str, b: str, period: str = "week", since: date | None = None
) -> dict[str, Any]:
    """Two actors' relations over time, rolled up to their countries: {a, b (sorted), names,
    period, series (one row per `period` with events: counts, cooperation, conflict and
    Goldstein sums), shifts (each with its merged events)}. BadQuery for an unknown period."""
    a, b = country_of(store, a), country_of(store, b)
    try:
        series = dyad_series(store, a, b, period=period, since=since)
    except ValueError as exc:
        raise BadQuery(str(exc)) from exc
    first, second = sorted((a, b))
    shifts = store.records(
        "SELECT period, measure, kind, value, baseline, z, events FROM shifts"
        " WHERE a = ? AND b = ? ORDER BY period",
        [first, second],
    )
    for shift in shifts:
        shift["events"] = json.loads(shift["events"] or "[]")
        shift["event_list"] = _corroborated_events(store, shift["events"])
    names = {r["code"]: r["name"] for r in store.records("SELECT code, name FROM actors WHERE code IN (?, ?)", [a, b])}  # fmt: skip
    for row in series:
        row.pop("event_ids", None)
    return {"a": first, "b": second, "names": names, "period": period, "series": series,
            "shifts": shifts}  # fmt: skip


def _corroborated_events(store: Store, event_ids: list[str]) -> list[dict[str, Any]]:
    """The merged events behind a shift (its `events` are their ids), undated last."""
    if not event_ids:
        return []
    return store.records(
        "SELECT event_id, date, date_precision, cameo, source, target, n_sources"
        " FROM corroborated WHERE list_contains(?, event_id)"
        " ORDER BY date NULLS LAST, event_id",
        [event_ids],
    )


def network(
    store: Store, since: date | None = None, until: date | None = None, limit: int = 60
) -> dict[str, Any]:
    """Country-level pairs with their corroborated events between `since` and `until`
    (inclusive days), the busiest `limit` pairs: {nodes: [{code, name}], edges: [{a, b, events,
    goldstein, cooperation, conflict}]} (Goldstein sums, rounded to one decimal)."""
    source_joins, source = country_joins("c.source", "sa")
    target_joins, target = country_joins("c.target", "ta")
    edges = store.records(
        f"""WITH ev AS (
               SELECT least({source}, {target}) AS a, greatest({source}, {target}) AS b,
                      c.goldstein
               FROM corroborated c {source_joins} {target_joins}
               WHERE c.source <> '' AND c.target <> ''
                 AND (?::DATE IS NULL OR c.date >= ?) AND (?::DATE IS NULL OR c.date <= ?))
           SELECT a, b, count(*) AS events, round(sum(goldstein), 1) AS goldstein,
                  round(sum(greatest(goldstein, 0)), 1) AS cooperation,
                  round(sum(greatest(-goldstein, 0)), 1) AS conflict
           FROM ev WHERE a <> b GROUP BY a, b ORDER BY events DESC, a, b LIMIT ?""",
        [since, since, until, until, limit],
    )
    codes = sorted({e["a"] for e in edges} | {e["b"] for e in edges})
    names = {
        r["code"]: r["name"]
        for r in store.records(
            "SELECT code, name FROM actors WHERE list_contains(?, code)", [codes]
        )
    }
    nodes = [{"code": c, "name": names.get(c, c)} for c in codes]
    return {"nodes": nodes, "edges": edges}


def list_shifts(store: Store, actor: str | None = None) -> list[dict[str, Any]]:
    """Flagged shifts (of `actor`'s pairs, when given), latest period first: {a, b, period,
    measure, kind, value, baseline, z, events (merged event ids)}."""
    f = Filters()
    f.add("(a = ? OR b = ?)", actor, actor, when=actor)
    rows = store.records(
        f"SELECT a, b, period, measure, kind, value, baseline, z, events FROM shifts {f.sql()}"
        " ORDER BY period DESC, a, b",
        f.params,
    )
    for row in rows:
        row["events"] = json.loads(row["events"] or "[]")
    return rows
