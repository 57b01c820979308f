"""Corroboration: the same event told by several documents becomes one, with its sources.

Events of a story (asserted, factual or reported, not background) are merged by the pair of
countries involved (people and governments rolled up to their country) and CAMEO root. Each
merged event carries how many distinct outlets report it, whether a wire agency or an official
outlet is among them, and where the story's sources disagree on what happened between the same
pair ("met" in one report, "signed an agreement" in another).

Only reports whose dates are compatible are merged: two days at most two days apart (time zones,
"on Tuesday" in one report, the publication day in another), or periods that overlap (a day and
the month it lies in). "Russia attacked Ukraine in 2022" in this week's story is not this week's
attack. An undated report joins the group's largest dated cluster without giving it a date; the
merged event has the finest precision among its reports and the earliest date of that precision.
Documents without a publication date stay undated: no ingestion-time fallback.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any, NamedTuple

from detente.events.cameo import load_codebook
from detente.events.dates import PRECISIONS, period_end
from detente.store import Store

#: Outlets that are wire agencies or official sources, by name (case-insensitive).
WIRE = re.compile(
    r"\b(reuters|associated press|\bap\b|afp|agence france|xinhua|tass|ria novosti|kcna|yonhap|"
    r"kyodo|efe|ansa|dpa|anadolu|press trust|news agency|press agency|wire|ministry|"
    r"government|official|\.gov)\b",
    re.IGNORECASE,
)
DAY_SLACK = timedelta(days=2)

_EVENTS = """
SELECT m.story_id, e.doc_id, coalesce(sa.country, e.source) AS source,
       coalesce(ta.country, e.target) AS target, e.root, e.cameo, e.date AS day,
       CASE WHEN e.date IS NULL THEN NULL ELSE coalesce(e.date_precision, 'day') END AS precision,
       coalesce(d.source, d.origin) AS outlet
FROM events e JOIN documents d USING (doc_id) JOIN story_members m USING (doc_id)
LEFT JOIN actors sa ON sa.code = e.source LEFT JOIN actors ta ON ta.code = e.target
WHERE NOT e.background AND e.polarity = 'asserted' AND e.modality IN ('factual', 'reported')
ORDER BY m.story_id, e.date NULLS LAST, e.doc_id, e.idx
"""


class Report(NamedTuple):
    """One document's report of an event, with its actors rolled up to countries."""

    doc_id: str
    source: str
    target: str
    cameo: str
    day: date | None
    precision: str | None
    outlet: str


def compatible(a: Report, b: Report) -> bool:
    """Whether two reports can tell the same happening as far as their dates go."""
    if a.day is None or b.day is None:
        return True
    if a.precision == b.precision == "day":
        return abs(a.day - b.day) <= DAY_SLACK
    return a.day <= period_end(b.day, b.precision) and b.day <= period_end(a.day, a.precision)


def by_date(reports: Iterable[Report]) -> list[list[Report]]:
    """Reports split into clusters of mutually compatible dates, the largest first; undated
    reports join the largest cluster."""
    dated = sorted((r for r in reports if r.day is not None), key=_fineness)
    clusters: list[list[Report]] = []
    for report in dated:
        home = next((c for c in clusters if all(compatible(report, o) for o in c)), None)
        if home is None:
            clusters.append([report])
        else:
            home.append(report)
    clusters.sort(key=len, reverse=True)  # stable: among equals, the finest and earliest first
    undated = [r for r in reports if r.day is None]
    if undated:
        clusters = [clusters[0] + undated, *clusters[1:]] if clusters else [undated]
    return clusters


def _fineness(r: Report) -> tuple[int, date]:
    return (PRECISIONS.index(r.precision or "day"), r.day or date.max)


def merged_date(reports: list[Report]) -> tuple[date | None, str | None]:
    """The earliest date among the reports dated most finely."""
    dated = [r for r in reports if r.day is not None]
    if not dated:
        return None, None
    finest = min(dated, key=_fineness)
    return finest.day, finest.precision


def corroborate(store: Store) -> int:
    groups: dict[tuple[str, str, str, str], list[Report]] = defaultdict(list)
    for story, doc_id, source, target, root, cameo, day, precision, outlet in store.query(_EVENTS):
        a, b = sorted((source or "", target or ""))
        report = Report(doc_id, source or "", target or "", cameo, day, precision, outlet)
        groups[(story, a, b, root)].append(report)
    by_pair: dict[tuple[str, str, str], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for (story, a, b, _), reports in groups.items():
        for r in reports:
            by_pair[(story, a, b)][r.cameo].add(r.outlet)
    columns: dict[str, list[Any]] = defaultdict(list)
    for (story, a, b, root), reports in groups.items():
        for n, cluster in enumerate(by_date(reports)):
            event_id = f"{story}:{a}:{b}:{root}" + (f":{n + 1}" if n else "")
            others = by_pair[(story, a, b)] if a and b else {}
            values = _merged(event_id, story, root, cluster, others)
            for key, value in values.items():
                columns[key].append(value)
    store.replace_table("corroborated", dict(columns))
    return len(columns["event_id"])


def _merged(
    event_id: str, story: str, root: str, reports: list[Report], by_code: dict[str, set[str]]
) -> dict[str, Any]:
    """One corroborated event from the reports of one happening; `by_code`: the outlets of the
    story that tell something between the same pair, by code."""
    book = load_codebook()
    codes = sorted({r.cameo for r in reports})
    cameo = max(codes, key=lambda c: (sum(r.cameo == c for r in reports), len(c)))
    sources = sorted({r.outlet for r in reports})
    oriented = max(
        {(r.source, r.target) for r in reports},
        key=lambda st: sum((r.source, r.target) == st for r in reports),
    )
    # other outlets that tell the same story between the same pair as something else
    others = {c: o for c, o in by_code.items() if c[:2] != root and o - set(sources)}
    disagreement = "; ".join(
        f"{book[c].name} ({c}) by {', '.join(sorted(o))}" for c, o in sorted(others.items())
    )
    day, precision = merged_date(reports)
    return {
        "event_id": event_id,
        "story_id": story,
        "source": oriented[0],
        "target": oriented[1],
        "root": root,
        "cameo": cameo,
        "codes": codes,
        "date": day,
        "date_precision": precision,
        "goldstein": book[cameo].goldstein,
        "quad_class": book[cameo].quad_class,
        "n_sources": len(sources),
        "n_reports": len({r.doc_id for r in reports}),
        "sources": sources,
        "doc_ids": sorted({r.doc_id for r in reports}),
        "wire": any(WIRE.search(s) for s in sources),
        "disagreement": disagreement or None,
    }
