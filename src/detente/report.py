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

from detente.errors import DetenteError
from detente.events.display import event_date_of
from detente.query import briefs
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
    """The brief of the story with this id or id prefix; DetenteError when there is none."""
    found = briefs.story_facts(store, story_id)
    if found is None:
        raise DetenteError(f"no story {story_id!r} in {store.path}: see `detente stories`")
    sid, docs, undated = found["story_id"], found["doc_ids"], found["undated"]
    n_docs = found["n_docs"]
    brief = Brief(found["headline"] or sid, f"story-{sid}")
    brief.facts = [
        ("story", sid),
        ("first seen", str(found["first_seen"] or UNDATED)),  # dated members only
        ("last seen", str(found["last_seen"] or UNDATED)),
        ("documents", f"{n_docs} ({undated} {UNDATED})" if undated else str(n_docs)),
        ("outlets", outlets_line(list(found["sources"] or []))),
        ("key actors", ", ".join(found["key_actors"] or [])),
    ]
    brief.events = _labelled(store, briefs.merged_events(store, story_id=sid))
    brief.quotes = briefs.quotes_in(store, docs)
    brief.coverage = briefs.coverage(store, docs)
    pairs = [(e["source"], e["target"]) for e in brief.events if e["source"] and e["target"]]
    if pairs:
        brief.series = briefs.dyad_series(store, *pairs[0])
        brief.shifts = briefs.pair_shifts(store, *sorted(pairs[0]))
    return brief


def dyad_brief(store: Store, a: str, b: str, since: date | None = None) -> Brief:
    """The brief of a pair of actors (from `since`); DetenteError saying why when they have no
    merged events."""
    a, b = sorted((a.upper(), b.upper()))
    brief = Brief(f"{briefs.actor_name(store, a)} and {briefs.actor_name(store, b)}",
                  f"dyad-{a}-{b}")  # fmt: skip
    brief.series = briefs.dyad_series(store, a, b, "week", since)
    placed = [*brief.series, *briefs.unplaced_events(store, a, b)]
    ids = [e for r in placed for e in r["event_ids"]]
    if not ids:
        raise DetenteError(why_no_dyad(store, a, b))
    brief.events = _labelled(store, briefs.merged_events(store, event_ids=ids))
    docs = sorted({d for e in brief.events for d in e["doc_ids"]})
    brief.quotes = briefs.quotes_in(store, docs, (a, b))
    brief.coverage = briefs.coverage(store, docs)
    brief.shifts = briefs.pair_shifts(store, a, b)
    brief.facts = [
        ("pair", f"{a} – {b}"),
        ("events", str(len(ids))),
        ("weeks with events", str(len(brief.series))),
        ("undated events (not charted)", str(briefs.undated_merged_events(store, a, b))),
        ("first", str(brief.series[0]["period"] if brief.series else UNDATED)),
        ("last", str(brief.series[-1]["period"] if brief.series else UNDATED)),
        ("Goldstein sum", f"{sum(r['goldstein'] for r in brief.series):+.1f}"),
        ("shifts flagged", str(len(brief.shifts))),
    ]
    return brief


def actor_brief(store: Store, code: str, since: date | None = None) -> Brief:
    """The brief of one actor (from `since`): its weeks, top counterparts, events, quotes;
    DetenteError saying why when it has no merged events."""
    code = code.upper()
    brief = Brief(briefs.actor_name(store, code), f"actor-{code}")
    pairs = briefs.dyad_series(store, code, None, "week", since)
    brief.series = _actor_series(pairs)
    undated = briefs.unplaced_events(store, code, None)
    involved = briefs.merged_events(store, actor=code)  # its domestic events (GBRGOV → GBROPP) too
    if not brief.series and not undated and not involved:
        raise DetenteError(why_no_dyad(store, code, None))
    partners: dict[str, int] = {}
    for r in pairs:
        other = r["b"] if r["a"] == code else r["a"]
        partners[other] = partners.get(other, 0) + r["events"]
    top = sorted(partners.items(), key=lambda x: -x[1])[:8]
    brief.events = _labelled(store, involved[:30])
    docs = sorted({d for e in brief.events for d in e["doc_ids"]})
    brief.quotes = briefs.quotes_in(store, docs, (code,))
    brief.coverage = briefs.coverage(store, docs)
    events = sum(r["events"] for r in brief.series) + sum(len(r["event_ids"]) for r in undated)
    brief.facts = [
        ("actor", code),
        ("top counterparts", ", ".join(f"{p} ({n})" for p, n in top)),
        ("events", str(events)),
        ("undated events (not charted)", str(briefs.undated_merged_events(store, code, None))),
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


def _labelled(store: Store, found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Names beside the codes: "RUS (Russia)", "057 Sign formal agreement"."""
    actors = actor_names(store, [c for e in found for c in (e["source"], e["target"])])
    for e in found:
        e["source_label"] = name_of(actors, e["source"]) if e["source"] else "?"
        e["target_label"] = name_of(actors, e["target"]) if e["target"] else "?"
        e["cameo_name"] = cameo_name(e["cameo"])
    return found


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
