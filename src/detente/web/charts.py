"""Charts as inline SVG, drawn on the server: no script, no CDN, every label escaped.

Each mark carries a <title>, so hovering shows its figures.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise
from typing import Any

from markupsafe import Markup, escape

WIDTH, HEIGHT, PAD = 760, 240, 36
MAX_BARS = 160  # beyond this, a long gap is one "…" slot rather than every empty period


@dataclass
class Bar:
    label: str
    up: float  # drawn above the axis
    down: float = 0.0  # drawn below the axis
    title: str = ""
    gap: bool = False  # a period without data: nothing drawn, and the net line breaks there


def _svg(body: list[str], width: int, height: int, label: str) -> Markup:
    head = (
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg">'
    )
    return Markup(head + "".join(body) + "</svg>")


def bar_chart(
    bars: Sequence[Bar], label: str, markers: Sequence[tuple[int, str]] = (), line: bool = False
) -> Markup:
    """Bars up (and down) from a zero line, an optional net line, and dashed markers at bar indexes."""
    if not bars:
        return Markup('<p class="muted">Nothing to chart yet.</p>')
    top = max(1.0, *(b.up for b in bars))
    bottom = max((b.down for b in bars), default=0.0)
    span = top + bottom
    inner = HEIGHT - 2 * PAD
    zero = PAD + inner * top / span
    step = (WIDTH - 2 * PAD) / len(bars)
    width = max(2.0, min(step * 0.7, 36.0))
    body = [f'<line class="axis" x1="{PAD}" x2="{WIDTH - PAD}" y1="{zero:.1f}" y2="{zero:.1f}"/>']
    points: list[str] = []
    lines: list[list[str]] = [points]
    for i, bar in enumerate(bars):
        x = PAD + i * step + (step - width) / 2
        if bar.gap:
            points = []
            lines.append(points)
            continue
        title = f"<title>{escape(bar.title or bar.label)}</title>"
        if bar.up:
            h = inner * bar.up / span
            body.append(f'<rect class="up" x="{x:.1f}" y="{zero - h:.1f}" width="{width:.1f}" '
                        f'height="{h:.1f}">{title}</rect>')  # fmt: skip
        if bar.down:
            h = inner * bar.down / span
            body.append(f'<rect class="down" x="{x:.1f}" y="{zero:.1f}" width="{width:.1f}" '
                        f'height="{h:.1f}">{title}</rect>')  # fmt: skip
        net = max(-bottom, min(top, bar.up - bar.down))
        points.append(f"{x + width / 2:.1f},{zero - inner * net / span:.1f}")
    for segment in lines if line else []:
        if len(segment) > 1:  # never drawn across a gap
            body.append(f'<polyline class="net" points="{" ".join(segment)}"/>')
    for index, text in markers:
        x = PAD + index * step + step / 2
        body.append(f'<line class="marker" x1="{x:.1f}" x2="{x:.1f}" y1="{PAD - 8}" '
                    f'y2="{HEIGHT - PAD}"><title>{escape(text)}</title></line>')  # fmt: skip
    last = len(bars) - 1
    for i in sorted({0, len(bars) // 2, last}):
        # the first and last labels lean inwards, so that none is cut at the chart's edge
        x, where = PAD + i * step + step / 2, " first" if i == 0 else " last" if i == last else ""
        if where == " first":
            x = PAD + i * step
        elif where == " last":
            x = PAD + (i + 1) * step
        body.append(f'<text class="tick{where}" x="{x:.1f}" y="{HEIGHT - 12}">'
                    f"{escape(bars[i].label)}</text>")  # fmt: skip
    body.append(f'<text class="tick" x="4" y="{PAD}">{top:g}</text>')
    if bottom:
        body.append(f'<text class="tick" x="4" y="{HEIGHT - PAD}">−{bottom:g}</text>')
    return _svg(body, WIDTH, HEIGHT, label)


def dyad_chart(series: Sequence[dict[str, Any]], shifts: Sequence[dict[str, Any]]) -> Markup:
    """Cooperation up, conflict down, the Goldstein sum as a line, shifts as dashed markers."""
    bars = [
        Bar(
            label=str(r["period"]),
            up=float(r["cooperation"] or 0),
            down=float(r["conflict"] or 0),
            title=f"{r['period']}: {r['events']} events, cooperation {r['cooperation']:.1f}, "
            f"conflict {r['conflict']:.1f}",
        )
        for r in series
    ]
    bars = _with_gaps(bars, [r["period"] for r in series])
    index = {b.label: i for i, b in enumerate(bars) if not b.gap}
    markers = [
        (index[str(s["period"])], f"{s['period']}: {s['kind']} (z {s['z']:.1f})")
        for s in shifts
        if str(s["period"]) in index
    ]
    return bar_chart(bars, "cooperation and conflict over time", markers, line=True)


def _with_gaps(bars: list[Bar], periods: Sequence[date]) -> list[Bar]:
    """Empty periods between the bars as gap bars (one "…" per gap when filling every empty
    period would crowd the chart), so time is not squeezed and no line crosses a gap."""
    if len(periods) < 2:
        return bars
    step = min((b - a).days for a, b in pairwise(periods))
    following = _next_month if step >= 28 else (lambda d: d + timedelta(days=max(step, 1)))
    missing = [_between(a, b, following) for a, b in pairwise(periods)]
    fill = len(bars) + sum(len(m) for m in missing) <= MAX_BARS
    out = [bars[0]]
    for bar, empty in zip(bars[1:], missing, strict=True):
        if empty and fill:
            out += [Bar(str(d), 0.0, title=f"{d}: no events", gap=True) for d in empty]
        elif empty:
            out.append(Bar("…", 0.0, title=f"{empty[0]} to {empty[-1]}: no events", gap=True))
        out.append(bar)
    return out


def _between(a: date, b: date, following: Callable[[date], date]) -> list[date]:
    days: list[date] = []
    day = following(a)
    while day < b and len(days) <= MAX_BARS:
        days.append(day)
        day = following(day)
    return days


def _next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def count_chart(rows: Sequence[dict[str, Any]], key: str, label: str) -> Markup:
    bars = [
        Bar(str(r["period"]), float(r[key]), title=f"{r['period']}: {r[key]} {key}") for r in rows
    ]
    return bar_chart(bars, label)


def network_svg(nodes: Sequence[dict[str, Any]], edges: Sequence[dict[str, Any]]) -> Markup:
    """Actors on a circle, most connected first; edges green for cooperation, red for conflict."""
    if not nodes:
        return Markup('<p class="muted">No corroborated events between actors yet.</p>')
    size, radius = 640, 250
    degree = {n["code"]: 0 for n in nodes}
    for e in edges:
        degree[e["a"]] += e["events"]
        degree[e["b"]] += e["events"]
    order = sorted(nodes, key=lambda n: (-degree[n["code"]], n["code"]))
    where: dict[str, tuple[float, float]] = {}
    for i, node in enumerate(order):
        angle = 2 * math.pi * i / len(order) - math.pi / 2
        where[node["code"]] = (
            size / 2 + radius * math.cos(angle),
            size / 2 + radius * math.sin(angle),
        )
    heaviest = max((e["events"] for e in edges), default=1)
    body = []
    for e in edges:
        (x1, y1), (x2, y2) = where[e["a"]], where[e["b"]]
        tone = "coop" if e["goldstein"] > 0 else "conf" if e["goldstein"] < 0 else "neutral"
        stroke = 1 + 5 * e["events"] / heaviest
        title = (f"{e['a']}–{e['b']}: {e['events']} events, Goldstein {e['goldstein']:+.1f} "
                 f"(cooperation {e['cooperation']:.1f}, conflict {e['conflict']:.1f})")  # fmt: skip
        body.append(
            f'<a href="/dyad/{escape(e["a"])}/{escape(e["b"])}" class="edge {tone}">'
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
            f'stroke-width="{stroke:.1f}"><title>{escape(title)}</title></line></a>'
        )
    for node in order:
        x, y = where[node["code"]]
        r = 5 + 2 * math.sqrt(degree[node["code"]])
        body.append(
            f'<a href="/actor/{escape(node["code"])}" class="node">'
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}"><title>{escape(node["name"])} '
            f"({degree[node['code']]} events)</title></circle>"
            f'<text x="{x:.1f}" y="{y - r - 4:.1f}">{escape(node["code"])}</text></a>'
        )
    return _svg(body, size, size, "actor network")


def iso(value: date | None) -> str:
    return value.isoformat() if value else ""


def share_chart(series: Sequence[dict[str, Any]]) -> Markup:
    """Attention: each period's matching documents as a percentage of all stored in it; a
    period with no stored document at all is a gap, not a zero."""
    return bar_chart([_share_bar(r) for r in series], "share of stored documents matching (%)")


def match_count_chart(series: Sequence[dict[str, Any]]) -> Markup:
    """Attention as raw counts: each period's matching documents (a period with no stored
    document at all is a gap, as on the share chart)."""
    return bar_chart([_count_bar(r) for r in series], "matching documents per period")


def _count_bar(row: dict[str, Any]) -> Bar:
    if row["share"] is None:
        return Bar(str(row["period"]), 0.0, title=f"{row['label']}: no documents stored", gap=True)
    said = f"{row['matches']} of {row['total']} documents"
    return Bar(str(row["period"]), float(row["matches"]), title=f"{row['label']}: {said}")


def _share_bar(row: dict[str, Any]) -> Bar:
    if row["share"] is None:
        return Bar(str(row["period"]), 0.0, title=f"{row['label']}: no documents stored", gap=True)
    said = f"{row['matches']} of {row['total']} documents ({100 * row['share']:.1f}%)"
    return Bar(str(row["period"]), 100 * row["share"], title=f"{row['label']}: {said}")


def tone_chart(points: Sequence[dict[str, Any]], label: str) -> Markup:
    """Tone per period, up when warm and down when cold, with the mean as a line that breaks
    where a period has no document (a gap, never a zero)."""
    return bar_chart([_tone_bar(p) for p in points], label, line=True)


def _tone_bar(point: dict[str, Any]) -> Bar:
    n = point["documents"]
    if not n:
        return Bar(str(point["period"]), 0.0, title=f"{point['label']}: no documents", gap=True)
    tone = round(float(point["tone"]), 2)  # the axis is labelled with the extremes
    said = f"tone {tone:+.2f} over {n} document{'s' if n != 1 else ''}"
    return Bar(str(point["period"]), max(tone, 0.0), max(-tone, 0.0), f"{point['label']}: {said}")


def period_chart(rows: Sequence[dict[str, Any]], key: str, period: str, label: str) -> Markup:
    """Counts per week or month (`rows`: period start dates, oldest first, empty periods absent)
    with every empty period between two drawn as a gap (one "…" slot when there are too many),
    so quiet months take their place on the axis instead of being squeezed out."""
    following = _next_month if period == "month" else (lambda d: d + timedelta(days=7))
    bars: list[Bar] = []
    for before, row in zip([None, *rows], rows, strict=False):
        empty = _between(before["period"], row["period"], following) if before else []
        if empty and len(rows) + len(empty) > MAX_BARS:
            bars.append(Bar("…", 0.0, title=f"{empty[0]} to {empty[-1]}: none", gap=True))
        else:
            bars += [Bar(str(d), 0.0, title=f"{d}: none", gap=True) for d in empty]
        said = f"{row['period']}: {row[key]} {key}"
        bars.append(Bar(str(row["period"]), float(row[key]), title=said))
    return bar_chart(bars, label)
