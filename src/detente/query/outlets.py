"""Reads about outlets: the outlets index, one outlet's coverage over time, and a story's
coverage across outlets (each article's headline, tone, sensationalism, and what it reports or
leaves out).

A document's outlet is the registry's answer for its source and URL (`detente.outlets`); SQL
groups documents by (source, URL host), and the registry folds those groups into outlets.
Documents without an outlet (local files with no source or URL) are counted apart.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from detente.outlets import Outlet, Registry
from detente.store import Store

_HOST = r"lower(regexp_extract(coalesce(d.url, ''), '^[a-zA-Z][a-zA-Z0-9+.-]*://([^/:?#]+)', 1))"
_KEY = f"coalesce(d.source, '') || chr(31) || {_HOST}"  # a (source, host) group's key
_GROUPS = f"""
SELECT coalesce(d.source, '') AS source, {_HOST} AS host, count(*) AS documents,
       count(*) FILTER (WHERE d.published IS NULL) AS undated,
       min(d.published)::DATE AS first, max(d.published)::DATE AS last,
       sum(s.sensationalism) AS sensational_sum, count(s.sensationalism) AS sensational_n,
       sum(s.tone) AS tone_sum, count(s.tone) AS tone_n,
       list(DISTINCT m.story_id) FILTER (WHERE m.story_id IS NOT NULL) AS stories
FROM documents d LEFT JOIN signals s USING (doc_id) LEFT JOIN story_members m USING (doc_id)
GROUP BY 1, 2
"""
PERIODS = ("week", "month")


def _outlet(registry: Registry, source: str, host: str) -> Outlet | None:
    """The outlet of a (source, host) group; None for documents with neither (local files)."""
    found = registry.find(source or None, f"https://{host}/" if host else None)
    return None if not found.listed and found.name == "unknown" else found


def outlet_record(outlet: Outlet) -> dict[str, Any]:
    """An outlet as the pages and API show it: name, kind, country, group, listed."""
    return {"name": outlet.name, "kind": outlet.kind, "country": outlet.country,
            "group": outlet.group, "listed": outlet.listed}  # fmt: skip


def list_outlets(store: Store, registry: Registry) -> dict[str, Any]:
    """Every outlet with stored documents, most documents first.

    Returns {"outlets": [{name, kind, country, group, listed, documents, undated, first, last
    (dates or None), stories (count), sensationalism, tone (means over analysed documents, or
    None)}], "without_outlet": documents with no source or URL}."""
    merged: dict[str, dict[str, Any]] = {}
    without = 0
    for row in store.records(_GROUPS):
        outlet = _outlet(registry, row["source"], row["host"])
        if outlet is None:
            without += row["documents"]
            continue
        entry = merged.setdefault(outlet.name, {**outlet_record(outlet), "documents": 0,
                                   "undated": 0, "first": None, "last": None, "stories": set(),
                                   "_s": [0.0, 0], "_t": [0.0, 0]})  # fmt: skip
        _add(entry, row)
    outlets = [_finish(e) for e in merged.values()]
    outlets.sort(key=lambda o: (-o["documents"], o["name"].casefold()))
    return {"outlets": outlets, "without_outlet": without}


def _add(entry: dict[str, Any], row: dict[str, Any]) -> None:
    entry["documents"] += row["documents"]
    entry["undated"] += row["undated"]
    for key, pick in (("first", min), ("last", max)):
        if row[key] is not None:
            entry[key] = row[key] if entry[key] is None else pick(entry[key], row[key])
    entry["stories"].update(row["stories"] or [])
    entry["_s"][0] += row["sensational_sum"] or 0.0
    entry["_s"][1] += row["sensational_n"]
    entry["_t"][0] += row["tone_sum"] or 0.0
    entry["_t"][1] += row["tone_n"]


def _finish(entry: dict[str, Any]) -> dict[str, Any]:
    (s_sum, s_n), (t_sum, t_n) = entry.pop("_s"), entry.pop("_t")
    entry["sensationalism"] = round(s_sum / s_n, 3) if s_n else None
    entry["tone"] = round(t_sum / t_n, 3) if t_n else None
    entry["stories"] = len(entry["stories"])
    return entry


def canonical_name(registry: Registry, name: str) -> str:
    """The registry's name of the outlet that `name` stands for: its name, one of its aliases
    or domains ("BBC", "bbc.co.uk" → "BBC News"), any case; `name` itself when it is none."""
    listed = registry.get(name) or registry.find(name, None)
    return listed.name if listed.listed else name


def _keys(store: Store, registry: Registry, name: str) -> tuple[Outlet | None, list[str]]:
    """The outlet called `name` (by its name, an alias or a domain; listed, or an unlisted one
    with documents) and the (source, host) keys of its documents."""
    keys: list[str] = []
    wanted = canonical_name(registry, name).casefold()
    found: Outlet | None = registry.get(wanted)
    for row in store.records(f"SELECT DISTINCT coalesce(d.source, '') AS source, {_HOST} AS host"
                             " FROM documents d"):  # fmt: skip
        outlet = _outlet(registry, row["source"], row["host"])
        if outlet is not None and outlet.name.casefold() == wanted:
            found = found or outlet
            keys.append(f"{row['source']}\x1f{row['host']}")
    return found, keys


def outlet_profile(
    store: Store, registry: Registry, name: str, period: str = "month", limit: int = 50
) -> dict[str, Any] | None:
    """One outlet's coverage: what it is, its documents per `period` ("week" or "month"; dated
    documents only, oldest first, empty periods absent: `timeline`), `documents` and `undated`
    (counts), its `stories` and `latest` documents (up to `limit` each, undated first), mean
    `sensationalism` (0..1) and `tone` (-1..1; None without signals), and `siblings`: the
    registry's other outlets of its owner group. None when the registry does not list `name` and no stored
    document comes from it. Raises ValueError for another period."""
    if period not in PERIODS:
        raise ValueError(f"period must be one of {', '.join(PERIODS)}, not {period!r}")
    outlet, keys = _keys(store, registry, name)
    if outlet is None:
        return None
    mine = f"list_contains(?::VARCHAR[], {_KEY})"
    timeline = store.records(
        f"SELECT date_trunc('{period}', d.published)::DATE AS period, count(*) AS documents"
        f" FROM documents d WHERE {mine} AND d.published IS NOT NULL GROUP BY 1 ORDER BY 1",
        [keys],
    )
    summary = store.records(
        f"""SELECT count(*) AS documents, count(*) FILTER (WHERE d.published IS NULL) AS undated,
                   round(avg(s.sensationalism), 3) AS sensationalism, round(avg(s.tone), 3) AS tone
            FROM documents d LEFT JOIN signals s USING (doc_id) WHERE {mine}""",
        [keys],
    )[0]
    stories = store.records(
        f"""SELECT t.story_id, t.headline, t.first_seen, t.last_seen, t.n_docs,
                   len(t.sources) AS outlets, count(*) AS articles
            FROM story_members m JOIN documents d USING (doc_id) JOIN stories t USING (story_id)
            WHERE {mine} GROUP BY ALL
            ORDER BY t.last_seen DESC NULLS LAST, t.story_id LIMIT ?""",
        [keys, limit],
    )
    documents = store.records(
        f"""SELECT d.doc_id, d.title, d.url, d.published, s.sensationalism, s.tone, m.story_id
            FROM documents d LEFT JOIN signals s USING (doc_id)
            LEFT JOIN story_members m USING (doc_id)
            WHERE {mine} ORDER BY d.published DESC NULLS FIRST, d.doc_id LIMIT ?""",
        [keys, limit],
    )
    siblings = [o.name for o in registry.outlets if outlet.group and o.group == outlet.group
                and o.name != outlet.name]  # fmt: skip
    return {**outlet_record(outlet), "domains": list(outlet.domains), "siblings": siblings,
            **summary, "timeline": timeline, "period": period, "stories": stories,
            "latest": documents}  # fmt: skip


# ---- a story across outlets -------------------------------------------------------------------

_MEMBERS = """
SELECT d.doc_id, d.title, d.source, d.url, d.origin, d.published, s.sensationalism, s.tone,
       json_extract(s.data, '$.actor_tones') AS actor_tones,
       list(DISTINCT coalesce(a.country, mn.actor_code))
           FILTER (WHERE mn.actor_code <> '') AS countries,
       list(DISTINCT mn.actor_code) FILTER (WHERE mn.actor_code <> '') AS codes
FROM story_members m JOIN documents d USING (doc_id) LEFT JOIN signals s USING (doc_id)
LEFT JOIN mentions mn USING (doc_id) LEFT JOIN actors a ON a.code = mn.actor_code
WHERE m.story_id = ?
GROUP BY ALL ORDER BY d.published NULLS LAST, d.doc_id
"""


def story_coverage(store: Store, registry: Registry, story_id: str) -> dict[str, Any]:
    """How each outlet's article tells one story, side by side.

    Returns {"key_actors": codes, "events": the story's merged events (event_id, source,
    target, cameo, date, date_precision, n_sources), "articles": [{doc_id, title, url,
    published (or None: undated), outlet (name, kind, country, group, listed; None for a local
    file), sensationalism (0..1), tone (-1..1), tones {key actor: tone toward it, -1..1, or
    None when the article names it in no toned sentence}, mentions {key actor: bool}, reports
    {event_id: bool}, reported (how many), left_out (key actors it never names)}], "voices": independent voices (owner groups count once)}. Empty lists
    for an unknown story."""
    head = store.records("SELECT key_actors FROM stories WHERE story_id = ?", [story_id])
    key_actors = list(head[0]["key_actors"] or []) if head else []
    events = store.records(
        "SELECT event_id, source, target, cameo, date, date_precision, n_sources, doc_ids"
        " FROM corroborated WHERE story_id = ? ORDER BY n_sources DESC, event_id",
        [story_id],
    )
    countries = dict(store.query("SELECT code, coalesce(country, code) FROM actors"))
    articles = []
    for row in store.records(_MEMBERS, [story_id]):
        outlet = _outlet(registry, row["source"] or "", _host_of(row["url"]))
        named = set(row["countries"] or []) | set(row["codes"] or [])
        reports = {e["event_id"]: row["doc_id"] in (e["doc_ids"] or []) for e in events}
        articles.append({
            "doc_id": row["doc_id"], "title": row["title"], "url": row["url"],
            "published": row["published"], "sensationalism": row["sensationalism"],
            "tone": row["tone"], "outlet": outlet_record(outlet) if outlet else None,
            "tones": _tones(row["actor_tones"], key_actors, countries),
            "mentions": {code: code in named for code in key_actors},
            "reports": reports, "reported": sum(reports.values()),
            "left_out": [code for code in key_actors if code not in named],
        })  # fmt: skip
    for event in events:
        event.pop("doc_ids")
    voices = {(a["outlet"]["group"] or a["outlet"]["name"]).casefold()
              for a in articles if a["outlet"]}  # fmt: skip
    return {"key_actors": key_actors, "events": events, "articles": articles,
            "voices": len(voices)}  # fmt: skip


def _host_of(url: str | None) -> str:
    from urllib.parse import urlsplit

    try:
        return (urlsplit(url).hostname or "") if url else ""
    except ValueError:
        return ""


def _tones(
    raw: str | None, key_actors: list[str], countries: dict[str, str]
) -> dict[str, float | None]:
    """The article's tone toward each key actor: the mean over the sentences naming it or one
    of its own actors (RUSGOV for RUS), weighted by sentences; None when none is toned."""
    sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
    for entry in json.loads(raw) if raw else []:
        code = entry.get("actor_code") or ""
        weight = float(entry.get("sentences") or 0)
        for key in {code, countries.get(code, code)} & set(key_actors):
            sums[key][0] += float(entry["tone"]) * weight
            sums[key][1] += weight
    return {k: round(sums[k][0] / sums[k][1], 3) if sums[k][1] else None for k in key_actors}
