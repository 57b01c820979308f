"""Corroboration: the same event told by several documents becomes one, with its sources.

Events of a story (asserted, factual or reported, not background) are merged when they tell the
same happening: the same pair of countries (people, governments and agents rolled up to their
country), CAMEO roots of one family (`data/corroboration.yaml`: a kidnapping is "abducted" in
one report and "seized" in another), and compatible dates. A report whose source or target is
unknown ("gunmen kidnapped two Italians") joins the story's one event of that family involving
its known side, when there is exactly one; otherwise it stays an event of its own.

Each merged event carries how many independent outlets report it — its reports' outlets and the
outlets that carried a copy of one of its documents (`sightings`: syndicated and near-duplicate
copies, not analysed twice), outlets of one owner group counting once (the outlet registry,
`detente.outlets`, which also names a document's outlet from its source or URL domain) —
whether a wire agency, state media or an official outlet is among them (by the registry's kind),
and where the story's sources disagree on what happened between the same pair ("met" in one report,
"signed an agreement" in another).

Dates: two stated days at most `day_slack_days` apart (time zones), or periods that overlap (a
day and the month it lies in). A report that states no date is dated by its publication day:
the happening was on that day or up to `undated_lag_days` before it, so it is compatible with a
stated day in that range ("on Tuesday" in one report, Friday's undated report). "Russia attacked
Ukraine in 2022" in this week's story is not this week's attack. An undated report joins the
group's largest dated cluster without giving it a date; the merged event has the finest
precision among its reports and the earliest date of that precision. Documents without a
publication date stay undated: no ingestion-time fallback.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta
from functools import cache
from importlib import resources
from typing import Any, NamedTuple

from detente.config import CorroborationSettings
from detente.events.cameo import load_codebook
from detente.events.dates import PRECISIONS, period_end
from detente.outlets import Outlet, Registry, load_registry
from detente.store import Store
from detente.yamlfiles import load_yaml

_EVENTS = """
SELECT m.story_id, e.doc_id, coalesce(sa.country, e.source) AS source,
       coalesce(ta.country, e.target) AS target, e.root, e.cameo, e.date AS day,
       CASE WHEN e.date IS NULL THEN NULL ELSE coalesce(e.date_precision, 'day') END AS precision,
       e.date_text IS NOT NULL AS stated, d.source, d.url, d.origin
FROM events e JOIN documents d USING (doc_id) JOIN story_members m USING (doc_id)
LEFT JOIN actors sa ON sa.code = e.source LEFT JOIN actors ta ON ta.code = e.target
WHERE NOT e.background AND e.polarity = 'asserted' AND e.modality IN ('factual', 'reported')
ORDER BY m.story_id, e.date NULLS LAST, e.doc_id, e.idx
"""
_SIGHTINGS = "SELECT doc_id, outlet, url FROM sightings"


@cache
def _families() -> dict[str, str]:
    """Each listed root's family (its first root)."""
    text = resources.files("detente.corpus").joinpath("data/corroboration.yaml").read_text()
    data = load_yaml(text)
    return {str(r): str(f[0]) for f in data["root_families"] for r in f}


def is_wire(outlet: str, url: str | None = None, registry: Registry | None = None) -> bool:
    """Whether an outlet (by name, or URL) is a wire agency, state media or an official source,
    by its kind in the outlet registry (unlisted outlets: by words of the name or the domain)."""
    registry = registry or load_registry()
    return registry.is_wire(registry.find(outlet, url))


def outlet_of(registry: Registry, source: str | None, url: str | None, origin: str) -> Outlet:
    """A document's outlet; a document with neither source nor URL (a local file) is an outlet
    of its own, named by its origin, so two unnamed files are not taken for one voice."""
    found = registry.find(source, url)
    return found if found.listed or found.name != "unknown" else Outlet(origin, listed=False)


def family(root: str) -> str:
    """The family of a CAMEO root: roots one happening is told in (itself when unlisted)."""
    return _families().get(root, root)


class Report(NamedTuple):
    """One document's report of an event, with its actors rolled up to countries; `stated`:
    whether the date was written in the report (else it is the publication day)."""

    doc_id: str
    source: str
    target: str
    cameo: str
    day: date | None
    precision: str | None
    outlet: str
    stated: bool = True


def compatible(a: Report, b: Report, params: CorroborationSettings | None = None) -> bool:
    """Whether two reports can tell the same happening as far as their dates go."""
    params = params or CorroborationSettings()
    if a.day is None or b.day is None:
        return True
    if a.precision == b.precision == "day":
        slack = timedelta(days=params.day_slack_days)
        if a.stated == b.stated:
            return abs(a.day - b.day) <= slack
        told, published = (a.day, b.day) if a.stated else (b.day, a.day)
        lag = timedelta(days=params.undated_lag_days)
        return published - lag <= told <= published + slack
    return a.day <= period_end(b.day, b.precision) and b.day <= period_end(a.day, a.precision)


def by_date(
    reports: Iterable[Report], params: CorroborationSettings | None = None
) -> list[list[Report]]:
    """Reports split into clusters of mutually compatible dates, the largest first; undated
    reports join the largest cluster."""
    reports = list(reports)
    dated = sorted((r for r in reports if r.day is not None), key=_fineness)
    clusters: list[list[Report]] = []
    for report in dated:
        home = next((c for c in clusters if all(compatible(report, o, params) for o in c)), None)
        if home is None:
            clusters.append([report])
        else:
            home.append(report)
    clusters.sort(key=len, reverse=True)  # stable: among equals, the finest and earliest first
    undated = [r for r in reports if r.day is None]
    if undated:
        clusters = [clusters[0] + undated, *clusters[1:]] if clusters else [undated]
    return clusters


def _fineness(r: Report) -> tuple[int, bool, date]:
    return (PRECISIONS.index(r.precision or "day"), not r.stated, r.day or date.max)


def merged_date(reports: list[Report]) -> tuple[date | None, str | None]:
    """The earliest date among the reports dated most finely (a stated date before a
    publication day)."""
    dated = [r for r in reports if r.day is not None]
    if not dated:
        return None, None
    finest = min(dated, key=_fineness)
    return finest.day, finest.precision


def group_reports(
    reports: list[tuple[str, Report]],
) -> dict[tuple[str, str, str], list[Report]]:
    """One story's reports (each with its root) by (pair a, pair b, root family); a report
    with one side unknown joins the one known pair of its family that holds its known side."""
    groups: dict[tuple[str, str, str], list[Report]] = defaultdict(list)
    partial: list[tuple[str, Report]] = []
    for root, r in reports:
        if r.source and r.target:
            a, b = sorted((r.source, r.target))
            groups[(a, b, family(root))].append(r)
        else:
            partial.append((root, r))
    for root, r in partial:
        known = r.source or r.target
        fam = family(root)
        homes = [k for k in groups if k[2] == fam and known and known in k[:2]]
        if len(homes) == 1:
            groups[homes[0]].append(r)
        else:
            a, b = sorted((r.source, r.target))
            groups[(a, b, fam)].append(r)
    return groups


def corroborate(
    store: Store, params: CorroborationSettings | None = None, registry: Registry | None = None
) -> int:
    """Rebuild the `corroborated` table from the stories' events; returns how many events.
    `registry`: the outlet registry (ours when None) that names outlets and their groups."""
    params = params or CorroborationSettings()
    registry = registry or load_registry()
    outlets: dict[str, Outlet] = {}
    found: dict[tuple[str, ...], Outlet] = {}  # one lookup per document, not per event
    stories: dict[str, list[tuple[str, Report]]] = defaultdict(list)
    for row in store.query(_EVENTS):
        story, doc_id, source, target, root, cameo, day, precision, stated, *where = row
        seen_as = tuple(where)
        outlet = found.get(seen_as) or found.setdefault(seen_as, outlet_of(registry, *where))
        outlets[outlet.name] = outlet
        report = Report(doc_id, source or "", target or "", cameo, day, precision, outlet.name,
                        stated)  # fmt: skip
        stories[story].append((root, report))
    sightings: dict[str, set[str]] = defaultdict(set)
    for doc_id, name, url in store.query(_SIGHTINGS):
        outlet = outlet_of(registry, name, url, url)
        outlets[outlet.name] = outlet
        sightings[doc_id].add(outlet.name)
    columns: dict[str, list[Any]] = defaultdict(list)
    for story, reports in stories.items():
        by_code: dict[tuple[str, str], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        for _, r in reports:
            by_code[tuple(sorted((r.source, r.target)))][r.cameo].add(r.outlet)  # type: ignore[index]
        seen: set[str] = set()
        for (a, b, _), group in group_reports(reports).items():
            for cluster in by_date(group, params):
                others = by_code[(a, b)] if a and b else {}
                values = _merged(story, cluster, others, sightings)
                voices = [outlets[s] for s in values["sources"]]
                values["n_sources"] = registry.independent(voices)  # one per owner group
                values["wire"] = any(registry.is_wire(o) for o in voices)
                event_id, n = values["event_id"], 1
                while event_id in seen:  # two happenings of one family, pair and story
                    n += 1
                    event_id = f"{values['event_id']}:{n}"
                seen.add(event_id)
                values["event_id"] = event_id
                for key, value in values.items():
                    columns[key].append(value)
    store.replace_table("corroborated", dict(columns))
    return len(columns["event_id"])


def _merged(
    story: str,
    reports: list[Report],
    by_code: dict[str, set[str]],
    sightings: dict[str, set[str]],
) -> dict[str, Any]:
    """One corroborated event from the reports of one happening; `by_code`: the outlets of the
    story that tell something between the same pair, by code; `sightings`: the outlets that
    carried copies of a document, by document. `n_sources` and `wire` count outlets as named;
    `corroborate` recounts them by owner group and kind."""
    book = load_codebook()
    codes = sorted({r.cameo for r in reports})
    # the code most outlets use; among equals the most specific, then the lowest
    cameo = max(
        codes, key=lambda c: (len({r.outlet for r in reports if r.cameo == c}), len(c), -int(c))
    )
    root, fam = cameo[:2], family(cameo[:2])
    doc_ids = sorted({r.doc_id for r in reports})
    reporting = {r.outlet for r in reports}
    copies = set().union(*(sightings.get(d, set()) for d in doc_ids)) - reporting
    sources = sorted(reporting | copies)
    known = [(r.source, r.target) for r in reports if r.source and r.target] or [
        (r.source, r.target) for r in reports
    ]
    oriented = max(sorted(set(known)), key=known.count)
    # other outlets that tell the same story between the same pair as something else
    others = {c: o for c, o in by_code.items() if family(c[:2]) != fam and o - set(sources)}
    disagreement = "; ".join(
        f"{book[c].name} ({c}) by {', '.join(sorted(o))}" for c, o in sorted(others.items())
    )
    day, precision = merged_date(reports)
    a, b = sorted(oriented)
    return {
        "event_id": f"{story}:{a}:{b}:{root}",
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
        "n_reports": len(doc_ids),
        "n_sightings": len(copies),
        "sources": sources,
        "doc_ids": doc_ids,
        "wire": False,
        "disagreement": disagreement or None,
    }
