"""Shifts: when a pair's relations depart from their own past, tested on event counts.

For every pair of countries, the corroborated events of each kind (cooperation, material
cooperation, conflict, material conflict) are counted week by week over the weeks the corpus
covers (a week without events counts as zero, so a pair that was quiet for a month has a
baseline of zeros). At each week with events, the count of the last `span_weeks` weeks is tested
against the pair's own `baseline_weeks` before:

- the pair's weekly rate has a Gamma prior whose mean is the median pair's rate for that kind
  (floored at `prior_rate_floor`) and whose shape is `prior_shape`, so a quiet pair's baseline
  of zeros says "rare", not "never";
- a busy pair's baseline counts are divided by its over-dispersion (variance over mean of its
  weekly counts, at most `max_dispersion`): news comes in bursts, and a bursty pair's past
  is worth fewer independent weeks;
- the p-value is the chance of at least the span's count under the posterior predictive
  (negative binomial) of that baseline.

Only spans with minimum evidence are tested: `min_events` events of the kind from at least
`min_outlets` distinct outlets. The p-values of one run are adjusted together
(Benjamini-Hochberg); a span is flagged when its q-value is at most `fdr` and its rate is at
least `min_ratio` times the baseline's. The weeks after it that continue the same change, of the
same direction (cooperation or conflict), are one shift, not several. Each flag lists its
events and explains itself: how many events from how many outlets, the baseline, the p-value.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import NormalDist, median
from typing import Any

from detente.config import ShiftSettings
from detente.corpus.dyads import dyad_series
from detente.store import Store

#: measure → (quad classes counted, direction family, words)
MEASURES: dict[str, tuple[frozenset[int], str, str]] = {
    "cooperation": (frozenset({1, 2}), "cooperation", "cooperation"),
    "material_cooperation": (frozenset({2}), "cooperation", "material cooperation"),
    "conflict": (frozenset({3, 4}), "conflict", "conflict"),
    "material_conflict": (frozenset({4}), "conflict", "material conflict"),
}
COLUMNS = ("a", "b", "period", "measure", "value", "baseline", "z", "kind", "events", "p_value",
           "q_value", "n_outlets", "explanation")  # fmt: skip


@dataclass
class Test:
    """One tested span: a pair, a measure, the span's last week (index into the weeks)."""

    pair: tuple[str, str]
    measure: str
    week: int
    count: int
    outlets: int
    events: list[str]
    baseline: int  # events in the baseline weeks
    baseline_weeks: int
    expected: float  # the span's expected count at the smoothed baseline rate
    p_value: float
    q_value: float = 1.0


def predictive_tail(count: int, shape: float, rate: float, weeks: int) -> float:
    """P(X >= count) for X the events of `weeks` weeks when the weekly rate is Gamma(`shape`,
    `rate`): a negative binomial tail, summed upward from `count` (no cancellation)."""
    if count <= 0:
        return 1.0
    p = rate / (rate + weeks)
    log_term = (
        math.lgamma(count + shape) - math.lgamma(count + 1) - math.lgamma(shape)
        + shape * math.log(p) + count * math.log1p(-p)
    )  # fmt: skip
    term, total, k = math.exp(log_term), 0.0, count
    while term > 1e-300 and k < count + 100_000:
        total += term
        if term < total * 1e-15:
            break
        term *= (k + shape) / (k + 1) * (1 - p)
        k += 1
    return min(1.0, total)


def benjamini_hochberg(p_values: list[float]) -> list[float]:
    """Benjamini-Hochberg q-values, in the order given."""
    m = len(p_values)
    order = sorted(range(m), key=lambda i: p_values[i])
    q = [1.0] * m
    running = 1.0
    for rank in range(m, 0, -1):
        i = order[rank - 1]
        running = min(running, p_values[i] * m / rank)
        q[i] = running
    return q


def detect_shifts(store: Store, params: ShiftSettings | None = None) -> list[dict[str, Any]]:
    """Test every pair's recent spans, flag shifts and rebuild the `shifts` table."""
    params = params or ShiftSettings()
    events = {
        event_id: (quad, list(sources or []))
        for event_id, quad, sources in store.query(
            "SELECT event_id, quad_class, sources FROM corroborated"
        )
    }
    weekly: dict[tuple[str, str], dict[date, list[str]]] = defaultdict(dict)
    for row in dyad_series(store, period="week"):
        weekly[(row["a"], row["b"])][row["period"]] = list(row["event_ids"])
    if not weekly:
        store.replace_table("shifts", {c: [] for c in COLUMNS})
        return []
    first = min(min(w) for w in weekly.values())
    last = max(max(w) for w in weekly.values())
    weeks = [first + timedelta(weeks=i) for i in range((last - first).days // 7 + 1)]
    tests: list[Test] = []
    for measure, (quads, _, _) in MEASURES.items():
        series = {
            pair: [[e for e in by_week.get(w, []) if events[e][0] in quads] for w in weeks]
            for pair, by_week in weekly.items()
        }
        prior = _prior(series, len(weeks), params)
        burst = _burstiness(series) / params.span_weeks  # a span averages its weeks' bursts
        for pair, counts in series.items():
            tests += _tests(pair, measure, counts, events, prior, burst, params)
    q_values = benjamini_hochberg([t.p_value for t in tests])
    for test, q in zip(tests, q_values, strict=True):
        test.q_value = q
    flagged = [
        t for t in tests
        if t.q_value <= params.fdr and t.count >= params.min_ratio * t.expected
    ]  # fmt: skip
    flags = [_flag(t, weeks, params) for t in _onsets(flagged, params)]
    store.replace_table("shifts", {c: [f[c] for f in flags] for c in COLUMNS})
    return flags


def _prior(
    series: dict[tuple[str, str], list[list[str]]], n_weeks: int, params: ShiftSettings
) -> tuple[float, float]:
    """The Gamma prior (shape, rate) of a pair's weekly rate for one measure: its mean is the
    median rate of the pairs with such events, floored."""
    rates = [sum(map(len, c)) / n_weeks for c in series.values() if any(c)]
    mean = max(params.prior_rate_floor, median(rates) if rates else 0.0)
    return params.prior_shape, params.prior_shape / mean


def _tests(
    pair: tuple[str, str],
    measure: str,
    counts: list[list[str]],
    events: dict[str, tuple[int, list[str]]],
    prior: tuple[float, float],
    burst: float,
    params: ShiftSettings,
) -> list[Test]:
    """The spans of one pair and measure with minimum evidence, each with its p-value."""
    out = []
    span = params.span_weeks
    for i in range(span - 1 + params.min_history_weeks, len(counts)):
        if not counts[i]:
            continue  # a span is tested at the weeks when something happens
        recent = [e for week in counts[i - span + 1 : i + 1] for e in week]
        outlets = len({s for e in recent for s in events[e][1]})
        if len(recent) < params.min_events or outlets < params.min_outlets:
            continue
        base = [len(w) for w in counts[max(0, i - span + 1 - params.baseline_weeks) : i - span + 1]]
        shape, rate = prior[0] + sum(base), prior[1] + len(base)
        # the rate's uncertainty and the span's burst, as one Gamma of the same mean
        # (squared coefficients of variation of a product of independent Gammas)
        wider = 1 / ((1 + 1 / shape) * (1 + burst) - 1)
        shape, rate = wider, rate * wider / shape
        p = predictive_tail(len(recent), shape, rate, span)
        out.append(
            Test(pair, measure, i, len(recent), outlets, recent, sum(base), len(base),
                 span * shape / rate, p)
        )  # fmt: skip
    return out


def _burstiness(series: dict[tuple[str, str], list[list[str]]], min_mean: float = 0.5) -> float:
    """How bursty weekly counts are beyond Poisson, shared by the pairs of one measure: the
    median over pairs with at least `min_mean` events a week of the negative binomial
    dispersion φ (variance = mean + φ·mean²), by moments. Shift weeks inflate a few pairs'
    φ; the median keeps them from setting it. 0 when no pair is busy enough to tell."""
    estimates = []
    for weeks in series.values():
        counts = [len(w) for w in weeks]
        mean = sum(counts) / len(counts)
        if mean < min_mean or len(counts) < 4:
            continue
        variance = sum((c - mean) ** 2 for c in counts) / (len(counts) - 1)
        estimates.append(max(0.0, (variance - mean) / mean**2))
    return median(estimates) if estimates else 0.0


def _onsets(flagged: list[Test], params: ShiftSettings) -> list[Test]:
    """One flag per shift: the first flagged span of a pair and direction, the spans that
    follow within `span_weeks` (of either measure of that direction) belonging to it."""
    flagged.sort(key=lambda t: (t.pair, MEASURES[t.measure][1], t.week, t.p_value))
    onsets: list[Test] = []
    until: dict[tuple[tuple[str, str], str], int] = {}
    for t in flagged:
        key = (t.pair, MEASURES[t.measure][1])
        if key in until and t.week <= until[key]:
            until[key] = t.week + params.span_weeks
            continue
        until[key] = t.week + params.span_weeks
        onsets.append(t)
    return onsets


def _flag(t: Test, weeks: list[date], params: ShiftSettings) -> dict[str, Any]:
    """A `shifts` row for a flagged span, with its explanation."""
    words = MEASURES[t.measure][2]
    start = weeks[t.week - params.span_weeks + 1]
    explanation = (
        f"{t.count} {words} events from {t.outlets} outlets in the {params.span_weeks} weeks"
        f" from {start.isoformat()}, against {t.baseline} in the {t.baseline_weeks} weeks"
        f" before (expected {t.expected:.2f} at the pair's smoothed rate); p = {t.p_value:.2g},"
        f" q = {t.q_value:.2g} over this run's tests"
    )
    return {
        "a": t.pair[0], "b": t.pair[1], "period": weeks[t.week], "measure": t.measure,
        "value": float(t.count), "baseline": round(t.expected, 3),
        "z": round(-NormalDist().inv_cdf(max(t.p_value, 1e-300)), 2) if t.p_value < 1 else 0.0,
        "kind": f"rise in {words}", "events": json.dumps(t.events), "p_value": t.p_value,
        "q_value": t.q_value, "n_outlets": t.outlets, "explanation": explanation,
    }  # fmt: skip
