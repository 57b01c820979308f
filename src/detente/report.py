"""Briefs: a story, an actor or a pair of actors, in Markdown and HTML with a chart.

What happened (the corroborated events, with how many outlets report each and where they
disagree), who said what (quotes), how it was covered (tone and sensationalism of the documents),
and a chart of how the pair's or actor's relations moved week by week, with flagged shifts.
Every text taken from documents is escaped in the HTML.
"""

from __future__ import annotations

import html
import json
import math
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from detente.corpus.dyads import dyad_series, unplaced_events
from detente.errors import DetenteError
from detente.events.display import event_date_of
from detente.query.lookup import actor_names, cameo_name, name_of, outlets_line, why_no_dyad
from detente.store import Store

UNDATED = "undated"
MAX_TICKS = 10  # week labels on a chart's time axis, at most


@dataclass
class Brief:
    title: str
    subject: str  # file stem
    facts: list[tuple[str, str]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[tuple[str, str, str]] = field(default_factory=list)  # speaker, code, text
    coverage: dict[str, Any] = field(default_factory=dict)
    series: list[dict[str, Any]] = field(default_factory=list)
    shifts: list[dict[str, Any]] = field(default_factory=list)


def story_brief(store: Store, story_id: str) -> Brief:
    rows = store.query(
        "SELECT headline, first_seen, last_seen, n_docs, sources, key_actors FROM stories"
        " WHERE story_id = ? OR starts_with(story_id, ?) LIMIT 1",
        [story_id, story_id],
    )
    if not rows:
        raise DetenteError(f"no story {story_id!r} in {store.path}: see `detente stories`")
    headline, first, last, n_docs, sources, actors = rows[0]
    sid = store.query(
        "SELECT story_id FROM stories WHERE story_id = ? OR starts_with(story_id, ?)",
        [story_id, story_id],
    )[0][0]
    docs = [d for (d,) in store.query("SELECT doc_id FROM story_members WHERE story_id = ?", [sid])]
    brief = Brief(headline or sid, f"story-{sid}")
    undated = store.query(
        "SELECT count(*) FROM documents WHERE published IS NULL AND doc_id IN (SELECT unnest(?))",
        [docs],
    )[0][0]
    brief.facts = [
        ("story", sid),
        ("first seen", str(first or UNDATED)),  # dated members only
        ("last seen", str(last or UNDATED)),
        ("documents", f"{n_docs} ({undated} {UNDATED})" if undated else str(n_docs)),
        ("outlets", outlets_line(list(sources or []))),
        ("key actors", ", ".join(actors or [])),
    ]
    brief.events = _events(store, "story_id = ?", [sid])
    brief.quotes = _quotes(store, docs, None)
    brief.coverage = _coverage(store, docs)
    pairs = [(e["source"], e["target"]) for e in brief.events if e["source"] and e["target"]]
    if pairs:
        brief.series = dyad_series(store, *pairs[0])
        brief.shifts = _shifts(store, *sorted(pairs[0]))
    return brief


def dyad_brief(store: Store, a: str, b: str, since: date | None = None) -> Brief:
    a, b = sorted((a.upper(), b.upper()))
    brief = Brief(f"{_name(store, a)} and {_name(store, b)}", f"dyad-{a}-{b}")
    brief.series = dyad_series(store, a, b, "week", since)
    ids = [e for r in [*brief.series, *unplaced_events(store, a, b)] for e in r["event_ids"]]
    if not ids:
        raise DetenteError(why_no_dyad(store, a, b))
    brief.events = _events(store, "event_id IN (SELECT unnest(?))", [ids])
    docs = sorted({d for e in brief.events for d in e["doc_ids"]})
    brief.quotes = _quotes(store, docs, (a, b))
    brief.coverage = _coverage(store, docs)
    brief.shifts = _shifts(store, a, b)
    total = len(ids)
    brief.facts = [
        ("pair", f"{a} – {b}"),
        ("events", str(total)),
        ("weeks with events", str(len(brief.series))),
        ("undated events (not charted)", str(_undated_events(store, a, b))),
        ("first", str(brief.series[0]["period"] if brief.series else UNDATED)),
        ("last", str(brief.series[-1]["period"] if brief.series else UNDATED)),
        ("Goldstein sum", f"{sum(r['goldstein'] for r in brief.series):+.1f}"),
        ("shifts flagged", str(len(brief.shifts))),
    ]
    return brief


def actor_brief(store: Store, code: str, since: date | None = None) -> Brief:
    code = code.upper()
    brief = Brief(_name(store, code), f"actor-{code}")
    brief.series = _actor_series(dyad_series(store, code, None, "week", since))
    undated = unplaced_events(store, code, None)
    if not brief.series and not undated:
        raise DetenteError(why_no_dyad(store, code, None))
    partners: dict[str, int] = {}
    for r in dyad_series(store, code, None, "week", since):
        other = r["b"] if r["a"] == code else r["a"]
        partners[other] = partners.get(other, 0) + r["events"]
    top = sorted(partners.items(), key=lambda x: -x[1])[:8]
    brief.events = _events(
        store,
        "(source = ? OR target = ? OR starts_with(source, ?) OR starts_with(target, ?))",
        [code, code, code, code],
    )[:30]
    docs = sorted({d for e in brief.events for d in e["doc_ids"]})
    brief.quotes = _quotes(store, docs, (code,))
    brief.coverage = _coverage(store, docs)
    brief.facts = [
        ("actor", code),
        ("top counterparts", ", ".join(f"{p} ({n})" for p, n in top)),
        (
            "events",
            str(sum(r["events"] for r in brief.series) + sum(len(r["event_ids"]) for r in undated)),
        ),
        ("undated events (not charted)", str(_undated_events(store, code, None))),
    ]
    return brief


def _actor_series(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    weeks: dict[date, dict[str, Any]] = {}
    for r in rows:
        w = weeks.setdefault(
            r["period"],
            {
                "period": r["period"],
                "events": 0,
                "cooperation": 0.0,
                "conflict": 0.0,
                "goldstein": 0.0,
            },
        )
        for key in ("events", "cooperation", "conflict", "goldstein"):
            w[key] += r[key]
    return [weeks[k] for k in sorted(weeks)]


def _name(store: Store, code: str) -> str:
    rows = store.query("SELECT name FROM actors WHERE code = ?", [code])
    return str(rows[0][0]) if rows else code


def _events(store: Store, where: str, params: list[Any]) -> list[dict[str, Any]]:
    cur = store.con.cursor()
    cur.execute(
        "SELECT event_id, story_id, source, target, cameo, codes, date, date_precision,"
        " goldstein, n_sources, sources, doc_ids, wire, disagreement FROM corroborated WHERE "
        + where
        + " ORDER BY date NULLS LAST, event_id",
        params,
    )
    names = [c[0] for c in cur.description]
    found = [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
    actors = actor_names(store, [c for e in found for c in (e["source"], e["target"])])
    for e in found:  # names beside the codes: "RUS (Russia)", "057 Sign formal agreement"
        e["source_label"] = name_of(actors, e["source"]) if e["source"] else "?"
        e["target_label"] = name_of(actors, e["target"]) if e["target"] else "?"
        e["cameo_name"] = cameo_name(e["cameo"])
    return found


def _undated_events(store: Store, a: str, b: str | None) -> int:
    """Corroborated events of the pair (or of `a` with anyone) that carry no date: left out of
    every time series, so counted apart."""
    row = store.query(
        """WITH ev AS (
               SELECT coalesce(sa.country, c.source) AS s, coalesce(ta.country, c.target) AS t
               FROM corroborated c
               LEFT JOIN actors sa ON sa.code = c.source LEFT JOIN actors ta ON ta.code = c.target
               WHERE c.date IS NULL AND c.source <> '' AND c.target <> '')
           SELECT count(*) FROM ev
           WHERE s <> t AND (? IN (s, t)) AND (?::VARCHAR IS NULL OR ? IN (s, t))""",
        [a, b, b],
    )
    return int(row[0][0])


def _quotes(
    store: Store, docs: list[str], codes: tuple[str, ...] | None
) -> list[tuple[str, str, str]]:
    rows = store.query(
        "SELECT coalesce(speaker_name, speaker_text, '?'), speaker_code, text FROM quotes"
        " WHERE doc_id IN (SELECT unnest(?)) AND kind IN ('direct', 'partial', 'indirect')"
        " AND speaker_code <> '' ORDER BY doc_id, idx",
        [docs],
    )
    if codes is not None:
        rows = [r for r in rows if any(r[1].startswith(c) for c in codes)]
    unique = dict.fromkeys((str(s), str(c), " ".join(str(t).split())) for s, c, t in rows)
    return list(unique)[:20]  # a quote stored twice (direct and indirect readings) once


def _coverage(store: Store, docs: list[str]) -> dict[str, Any]:
    row = store.query(
        "SELECT count(*), avg(tone), avg(sensationalism), max(sensationalism)"
        " FROM signals WHERE doc_id IN (SELECT unnest(?))",
        [docs],
    )[0]
    return {
        "documents": row[0],
        "tone": row[1],
        "sensationalism": row[2],
        "most_sensational": row[3],
    }


def _shifts(store: Store, a: str, b: str) -> list[dict[str, Any]]:
    cur = store.con.cursor()
    cur.execute(
        "SELECT period, kind, value, baseline, z, events FROM shifts WHERE a = ? AND b = ?"
        " ORDER BY period",
        [a, b],
    )
    names = [c[0] for c in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


# ---- writing --------------------------------------------------------------------------------


def write_brief(brief: Brief, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    chart = _chart(brief, out / f"{brief.subject}.png") if brief.series else None
    md = out / f"{brief.subject}.md"
    md.write_text(_markdown(brief, chart), encoding="utf-8")
    page = out / f"{brief.subject}.html"
    page.write_text(_html(brief, chart), encoding="utf-8")
    return [p for p in (md, page, chart) if p is not None]


def _chart(brief: Brief, path: Path) -> Path:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    weeks = [r["period"] for r in brief.series]
    line_weeks, line_sums = _line_with_gaps(brief.series)
    fig, ax = plt.subplots(figsize=(9, 3.6), dpi=110)
    ax.bar(
        weeks,
        [r["cooperation"] for r in brief.series],
        width=6,
        align="edge",
        color="#2b8a3e",
        label="cooperation (Goldstein > 0)",
    )
    ax.bar(
        weeks,
        [-r["conflict"] for r in brief.series],
        width=6,
        align="edge",
        color="#c92a2a",
        label="conflict (Goldstein < 0)",
    )
    ax.plot(
        line_weeks,
        line_sums,
        color="#1c1c1c",
        linewidth=1,
        label="Goldstein sum",
    )
    for shift in brief.shifts:
        ax.axvline(shift["period"], color="#f08c00", linestyle="--", linewidth=1)
        ax.annotate(
            shift["kind"],
            (shift["period"], ax.get_ylim()[1] * 0.9),
            fontsize=7,
            color="#f08c00",
            rotation=90,
            va="top",
        )
    ax.axhline(0, color="#868e96", linewidth=0.5)
    ax.set_title(f"{brief.title}: week by week", fontsize=10)
    ax.legend(fontsize=7, loc="lower left")
    _week_axis(ax, weeks)
    fig.autofmt_xdate()
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return path


def _week_axis(ax: Any, weeks: list[date]) -> None:
    """Ticks on the Mondays the weeks start on, MAX_TICKS at most, over the whole charted span
    (each bar starts on its Monday and covers the week)."""
    import matplotlib.dates as mdates

    first = weeks[0] - timedelta(days=weeks[0].weekday())
    span = (weeks[-1] - first).days // 7 + 1
    every = max(1, math.ceil(span / MAX_TICKS))
    ax.set_xticks([first + timedelta(weeks=n) for n in range(0, span, every)])
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m-%d"))  # type: ignore[no-untyped-call]
    ax.set_xlim(first - timedelta(days=4), weeks[-1] + timedelta(days=11))
    ax.set_xlabel("week of (Monday)", fontsize=8)


def _line_with_gaps(series: list[dict[str, Any]]) -> tuple[list[Any], list[float]]:
    """The weekly Goldstein sums with a break (NaN) after each week followed by an empty one,
    so the line is never drawn across weeks without events: gaps are gaps."""
    weeks: list[Any] = []  # dates, typed loosely for matplotlib
    sums: list[float] = []
    for row in series:
        if weeks and (row["period"] - weeks[-1]).days > 7:
            weeks.append(weeks[-1] + timedelta(days=7))
            sums.append(math.nan)
        weeks.append(row["period"])
        sums.append(float(row["goldstein"]))
    return weeks, sums


def _event_line(e: dict[str, Any]) -> str:
    wire = ", wire or official source" if e["wire"] else ""
    what = f"CAMEO {e['cameo']} {e['cameo_name']}".rstrip()
    line = (
        f"{event_date_of(e)}: {e['source_label']} → {e['target_label']}, {what}"
        f" — {outlets_line(e['sources'] or [])}{wire}"
    )
    if e["disagreement"]:
        line += f". Other reports: {e['disagreement']}"
    return line


def _markdown(brief: Brief, chart: Path | None) -> str:
    lines = [f"# {brief.title}", ""]
    lines += [f"- **{k}**: {v}" for k, v in brief.facts]
    if chart is not None:
        lines += ["", f"![week by week]({chart.name})"]
    lines += ["", "## What happened", ""]
    lines += [f"- {_event_line(e)}" for e in brief.events] or ["(no corroborated events)"]
    lines += ["", "## Who said what", ""]
    lines += [f"- **{s}** ({c}): “{t}”" for s, c, t in brief.quotes] or ["(no quotes)"]
    cov = brief.coverage
    lines += ["", "## Coverage", "", f"- documents: {cov.get('documents', 0)}"]
    if cov.get("tone") is not None:
        lines += [
            f"- mean tone: {cov['tone']:+.2f}",
            f"- mean sensationalism: {cov['sensationalism']:.2f} (highest {cov['most_sensational']:.2f})",
        ]
    if brief.shifts:
        lines += ["", "## Shifts", ""]
        lines += [
            f"- week of {s['period']}: {s['kind']} ({s['value']:.1f} against a baseline of "
            f"{s['baseline']:.1f}, z = {s['z']:.1f}; {len(json.loads(s['events'] or '[]'))} events)"
            for s in brief.shifts
        ]
    return "\n".join(lines) + "\n"


def _html(brief: Brief, chart: Path | None) -> str:
    e = html.escape
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>{e(brief.title)}</title>",
        "<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;"
        "line-height:1.45}dt{font-weight:bold}li{margin:.25rem 0}</style></head><body>",
        f"<h1>{e(brief.title)}</h1><dl>",
        *(f"<dt>{e(k)}</dt><dd>{e(v)}</dd>" for k, v in brief.facts),
        "</dl>",
    ]
    if chart is not None:
        parts.append(f"<img src='{e(chart.name)}' alt='week by week' width='100%'>")
    parts.append("<h2>What happened</h2><ul>")
    parts += [f"<li>{e(_event_line(ev))}</li>" for ev in brief.events]
    parts.append("</ul><h2>Who said what</h2><ul>")
    parts += [f"<li><b>{e(s)}</b> ({e(c)}): “{e(t)}”</li>" for s, c, t in brief.quotes]
    parts.append("</ul>")
    cov = brief.coverage
    if cov.get("tone") is not None:
        parts.append(
            f"<h2>Coverage</h2><p>{cov['documents']} documents; mean tone {cov['tone']:+.2f}; "
            f"mean sensationalism {cov['sensationalism']:.2f}</p>"
        )
    if brief.shifts:
        parts.append("<h2>Shifts</h2><ul>")
        parts += [
            f"<li>week of {e(str(s['period']))}: {e(s['kind'])} (z = {s['z']:.1f})</li>"
            for s in brief.shifts
        ]
        parts.append("</ul>")
    parts.append("</body></html>")
    return "\n".join(parts)
