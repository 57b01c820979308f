"""Shifts: when a pair's relations depart from their own recent past.

For every pair of countries with events, material cooperation, material conflict and the
Goldstein sum are summed over a span of `span_weeks` weeks (weeks with no event count as zero)
and compared with the same pair's sums over the `baseline_weeks` weeks before: a robust
z-score, (x - median) / (1.4826 · MAD), with the MAD floored so that a quiet pair's first
events are not infinitely surprising. A week is flagged when the z-score passes `z_threshold`
and enough events stand behind it (`min_events`); the weeks after it that continue the same
change are one shift, not several — a rise
of material cooperation (a new alliance, arms deliveries, joint exercises), a rise of material
conflict (sanctions, expulsions, force), or a collapse of the Goldstein sum. Each flag lists the
events behind it.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import median
from typing import Any

from detente.corpus.dyads import dyad_series
from detente.store import Store

MEASURES = {
    "material_cooperation": ("rise", "rise in material cooperation"),
    "material_conflict": ("rise", "rise in material conflict"),
    "goldstein": ("fall", "collapse in relations (Goldstein)"),
}


@dataclass
class ShiftParams:
    span_weeks: int = 3  # a shift is a change that lasts: measures are summed over this span
    baseline_weeks: int = 8
    min_history: int = 6
    z_threshold: float = 3.5
    min_events: int = 5  # at least this many events of the kind in the span
    min_drop: float = 30.0  # a Goldstein fall this large at least
    mad_floor: float = 1.0


def detect_shifts(store: Store, params: ShiftParams | None = None) -> list[dict[str, Any]]:
    params = params or ShiftParams()
    kinds = {
        event_id: {
            "material_cooperation": quad == 2,
            "material_conflict": quad == 4,
            "goldstein": goldstein < 0,
        }
        for event_id, quad, goldstein in store.query(
            "SELECT event_id, quad_class, goldstein FROM corroborated"
        )
    }
    series: dict[tuple[str, str], dict[date, dict[str, Any]]] = defaultdict(dict)
    for row in dyad_series(store, period="week"):
        series[(row["a"], row["b"])][row["period"]] = row
    flags = []
    for (a, b), weeks in series.items():
        first, last = min(weeks), max(weeks)
        days = [first + timedelta(weeks=i) for i in range((last - first).days // 7 + 1)]
        for measure, (direction, kind) in MEASURES.items():
            weekly = [float(weeks[d][measure]) if d in weeks else 0.0 for d in days]
            span = params.span_weeks
            sums = [sum(weekly[max(0, i - span + 1) : i + 1]) for i in range(len(weekly))]
            flagged_until = -1
            for i, day in enumerate(days):
                history = sums[max(0, i - span - params.baseline_weeks + 1) : max(0, i - span + 1)]
                if len(history) < params.min_history or day not in weeks:
                    continue
                mid = median(history)
                mad = median(abs(v - mid) for v in history) * 1.4826
                z = (sums[i] - mid) / max(mad, params.mad_floor)
                if direction == "rise":
                    hit = z >= params.z_threshold and sums[i] >= params.min_events
                else:
                    hit = z <= -params.z_threshold and sums[i] - mid <= -params.min_drop
                if not hit:
                    continue
                if i <= flagged_until:  # the same shift, still going on: one flag for it
                    flagged_until = i + span
                    continue
                flagged_until = i + span
                span_days = [d for d in days[max(0, i - span + 1) : i + 1] if d in weeks]
                events = [e for d in span_days for e in weeks[d]["event_ids"] if kinds[e][measure]]
                flags.append({
                    "a": a, "b": b, "period": day, "measure": measure,
                    "value": sums[i], "baseline": mid, "z": round(z, 2), "kind": kind,
                    "events": json.dumps(events),
                })  # fmt: skip
    columns = {k: [f[k] for f in flags] for k in
               ("a", "b", "period", "measure", "value", "baseline", "z", "kind", "events")}  # fmt: skip
    store.replace_table("shifts", columns)
    return flags
