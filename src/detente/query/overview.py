"""The corpus at a glance: what a store holds, the one answer behind `detente stats`,
`GET /api/stats` and the home page."""

from __future__ import annotations

from typing import Any

from detente.store import Store

TOP_SOURCES = 10  # outlets listed by name in `top_sources`

_TOTALS = """
SELECT (SELECT count(*) FROM documents) AS documents,
       (SELECT count(DISTINCT source) FROM documents) AS sources,
       (SELECT count(*) FROM sentences) AS sentences,
       (SELECT count(*) FROM entities) AS entities,
       (SELECT count(*) FROM mentions) AS mentions,
       (SELECT count(*) FROM mentions WHERE actor_code <> '') AS linked_mentions,
       (SELECT count(DISTINCT actor_code) FROM mentions WHERE actor_code <> '') AS actors,
       (SELECT count(*) FROM events) AS events,
       (SELECT count(*) FROM quotes) AS quotes,
       (SELECT count(*) FROM stories) AS stories,
       (SELECT count(*) FROM shifts) AS shifts,
       (SELECT min(published)::DATE FROM documents) AS first_published,
       (SELECT max(published)::DATE FROM documents) AS last_published,
       (SELECT count(*) FROM documents WHERE published IS NULL) AS undated
"""

# name → SQL giving (name, count) rows, largest first (ties by name, so the order is stable)
_BREAKDOWNS = {
    "by_status": "SELECT status, count(*) FROM documents GROUP BY 1 ORDER BY 2 DESC, 1",
    "by_language": "SELECT coalesce(language, '?'), count(*) FROM documents"
    " GROUP BY 1 ORDER BY 2 DESC, 1",
    "segments_by_kind": "SELECT kind, count(*) FROM segments GROUP BY 1 ORDER BY 2 DESC, 1",
    "top_sources": "SELECT coalesce(source, '(unknown)'), count(*) FROM documents"
    f" GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT {TOP_SOURCES}",
    "runs": "SELECT status, count(*) FROM runs GROUP BY 1 ORDER BY 2 DESC, 1",
}


def stats(store: Store) -> dict[str, Any]:
    """Corpus counts, the one answer behind `detente stats` and `GET /api/stats`.

    Returns a flat dict of totals (ints): `documents`, `analysed`, `duplicates`,
    `not_analysed`, `sources` (distinct outlets), `sentences`, `entities`, `mentions`,
    `linked_mentions` (mentions with an actor code), `actors` (distinct codes mentioned),
    `events`, `quotes`, `stories`, `shifts`, `undated` (documents without a publication date);
    `first_published` and `last_published` (dates, None in an empty store); and five
    breakdowns, each a dict of name → count, largest first: `by_status`, `by_language`
    (unknown as '?'), `segments_by_kind`, `top_sources` (the 10 largest; unknown as
    '(unknown)') and `runs` (runs by status). `analysed`, `duplicates` and `not_analysed` are
    read from `by_status`, so the totals and the breakdown agree.
    """
    totals = store.records(_TOTALS)[0]
    breakdowns = {
        name: {str(key): int(count) for key, count in store.query(sql)}
        for name, sql in _BREAKDOWNS.items()
    }
    by_status = breakdowns["by_status"]
    return {
        "documents": totals.pop("documents"),
        "analysed": by_status.get("analysed", 0),
        "duplicates": by_status.get("duplicate", 0),
        "not_analysed": by_status.get("not_analysed", 0),
        **totals,
        **breakdowns,
    }
