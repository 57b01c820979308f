"""The alignment graph: for every pair of actors, a time series of how they deal with each other.

Aggregated in DuckDB SQL over corroborated events (one per story, pair and CAMEO root, so an
event told by five outlets counts once): per day, week or month, the number of events, the
Goldstein-weighted cooperation and conflict, their sum, and counts per quad class. Actors are
rolled up to their country (RUSGOV → RUS; people act for their country at the time) unless
`rollup` is off; pairs are unordered (a < b).

An event counts in a period only when its date is known at least that finely: the daily series
counts day-precision events; the weekly series day and week; the monthly series day, month, and
weeks that lie within one month. A month-precision event is never put into the month's first
week. Events that cannot be placed (undated, or coarser than the period) are counted apart by
`unplaced_events`.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from detente.actors.country import country_joins
from detente.store import Store

PERIODS = ("day", "week", "month")

# Which event dates a period's series can place, by the event's date precision.
_PLACED = {
    "day": "c.date_precision = 'day'",
    "week": "c.date_precision IN ('day', 'week')",
    "month": "(c.date_precision IN ('day', 'month') OR (c.date_precision = 'week'"
    " AND date_trunc('month', c.date) = date_trunc('month', c.date + 6)))",
}


def _events(period: str, rollup: bool) -> str:
    """The corroborated events between two actors, as (a, b, placed, ...) rows."""
    if period not in PERIODS:
        raise ValueError(f"period must be one of {', '.join(PERIODS)}")
    source_joins, source = country_joins("c.source", "sa")  # the one rule: RUSGOV → RUS
    target_joins, target = country_joins("c.target", "ta")
    if not rollup:
        source_joins, source, target_joins, target = "", "c.source", "", "c.target"
    # events stored before dates had a precision were dated to the day
    placed = _PLACED[period].replace("c.date_precision", "coalesce(c.date_precision, 'day')")
    return f"""
        SELECT least({source}, {target}) AS a, greatest({source}, {target}) AS b,
               c.date IS NOT NULL AND {placed} AS placed,
               date_trunc('{period}', c.date)::DATE AS period, c.date, c.goldstein,
               c.quad_class, c.event_id
        FROM corroborated c {source_joins} {target_joins}
        WHERE c.source <> '' AND c.target <> ''
    """


def dyad_series(
    store: Store,
    a: str | None = None,
    b: str | None = None,
    period: str = "week",
    since: date | None = None,
    rollup: bool = True,
) -> list[dict[str, Any]]:
    sql = f"""
        WITH ev AS ({_events(period, rollup)})
        SELECT a, b, period, count(*) AS events,
               sum(greatest(goldstein, 0)) AS cooperation,
               sum(greatest(-goldstein, 0)) AS conflict,
               sum(goldstein) AS goldstein,
               count(*) FILTER (WHERE quad_class = 1) AS verbal_cooperation,
               count(*) FILTER (WHERE quad_class = 2) AS material_cooperation,
               count(*) FILTER (WHERE quad_class = 3) AS verbal_conflict,
               count(*) FILTER (WHERE quad_class = 4) AS material_conflict,
               list(event_id) AS event_ids
        FROM ev WHERE a <> b AND placed AND (? IS NULL OR date >= ?)
        GROUP BY a, b, period ORDER BY a, b, period
    """
    return _pairs(store, sql, [since, since], a, b)


def unplaced_events(
    store: Store,
    a: str | None = None,
    b: str | None = None,
    period: str = "week",
    rollup: bool = True,
) -> list[dict[str, Any]]:
    """Per pair, the corroborated events its `period` series leaves out: `undated` (no date at
    all) and `coarser` (dated only to a longer period than `period`)."""
    sql = f"""
        WITH ev AS ({_events(period, rollup)})
        SELECT a, b, count(*) FILTER (WHERE date IS NULL) AS undated,
               count(*) FILTER (WHERE date IS NOT NULL) AS coarser,
               list(event_id) AS event_ids
        FROM ev WHERE a <> b AND NOT placed
        GROUP BY a, b ORDER BY a, b
    """
    return _pairs(store, sql, [], a, b)


def _pairs(
    store: Store, sql: str, params: list[Any], a: str | None, b: str | None
) -> list[dict[str, Any]]:
    cur = store.con.cursor()
    cur.execute(sql, params)
    names = [c[0] for c in cur.description]
    rows = [dict(zip(names, row, strict=True)) for row in cur.fetchall()]
    wanted = {x for x in (a, b) if x}
    return [r for r in rows if wanted <= {r["a"], r["b"]}]
