"""The alignment graph: for every pair of actors, a time series of how they deal with each other.

Aggregated in DuckDB SQL over corroborated events (one per story, pair and CAMEO root, so an
event told by five outlets counts once): per day, week or month, the number of events, the
Goldstein-weighted cooperation and conflict, their sum, and counts per quad class. Actors are
rolled up to their country (RUSGOV → RUS; people act for their country at the time) unless
`rollup` is off; pairs are unordered (a < b).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from detente.store import Store

PERIODS = ("day", "week", "month")


def dyad_series(
    store: Store,
    a: str | None = None,
    b: str | None = None,
    period: str = "week",
    since: date | None = None,
    rollup: bool = True,
) -> list[dict[str, Any]]:
    if period not in PERIODS:
        raise ValueError(f"period must be one of {', '.join(PERIODS)}")
    source = "coalesce(sa.country, c.source)" if rollup else "c.source"
    target = "coalesce(ta.country, c.target)" if rollup else "c.target"
    sql = f"""
        WITH ev AS (
            SELECT least({source}, {target}) AS a, greatest({source}, {target}) AS b,
                   date_trunc('{period}', c.date)::DATE AS period, c.goldstein, c.quad_class,
                   c.event_id
            FROM corroborated c
            LEFT JOIN actors sa ON sa.code = c.source LEFT JOIN actors ta ON ta.code = c.target
            WHERE c.source <> '' AND c.target <> '' AND c.date IS NOT NULL
              AND (? IS NULL OR c.date >= ?)
        )
        SELECT a, b, period, count(*) AS events,
               sum(greatest(goldstein, 0)) AS cooperation,
               sum(greatest(-goldstein, 0)) AS conflict,
               sum(goldstein) AS goldstein,
               count(*) FILTER (WHERE quad_class = 1) AS verbal_cooperation,
               count(*) FILTER (WHERE quad_class = 2) AS material_cooperation,
               count(*) FILTER (WHERE quad_class = 3) AS verbal_conflict,
               count(*) FILTER (WHERE quad_class = 4) AS material_conflict,
               list(event_id) AS event_ids
        FROM ev WHERE a <> b
        GROUP BY a, b, period ORDER BY a, b, period
    """
    cur = store.con.cursor()
    cur.execute(sql, [since, since])
    names = [c[0] for c in cur.description]
    rows = [dict(zip(names, row, strict=True)) for row in cur.fetchall()]
    wanted = {x for x in (a, b) if x}
    return [r for r in rows if wanted <= {r["a"], r["b"]}]
