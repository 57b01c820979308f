"""Shifts on sparse counts: planted jumps in quiet and busy pairs are flagged, in their weeks,
with an explanation; many pairs of ordinary noise are not."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from detente.corpus.shifts import benjamini_hochberg, detect_shifts, predictive_tail
from detente.store import Store

START = date(2024, 1, 1)  # a Monday
WEEKS = 30
OUTLETS = [f"Outlet {i}" for i in range(8)]
CODES = {1: ("042", 1.9), 2: ("062", 7.4), 3: ("111", -2.0), 4: ("172", -5.0)}
# planted: pair, quad classes, first week, weeks, events a week, what must be flagged
PLANTED = [
    (("PHL", "VNM"), (1, 1, 1, 2), 20, 2, 3, "cooperation"),  # visits, praise, a pact after quiet
    (("ARM", "GEO"), (4, 3), 14, 3, 3, "conflict"),  # a quiet pair turns hostile
    (("CHN", "USA"), (3, 4), 18, 3, 9, "conflict"),  # a busy pair's conflict triples
    (("EGY", "SDN"), (2,), 24, 3, 3, "cooperation"),  # arms deliveries to a quiet partner
]


def _events(seed: int) -> dict[str, list[Any]]:
    """Corroborated events: 80 noise pairs (rates from one event a quarter to four a week,
    some bursty) and the planted shifts, each event from one to three outlets."""
    rng = np.random.default_rng(seed)
    rows: list[tuple[str, str, date, int, list[str]]] = []
    noise = [(f"N{i:02d}", f"M{i:02d}") for i in range(80)]
    rates = np.exp(rng.uniform(np.log(0.08), np.log(4.0), size=len(noise)))
    busy = {("CHN", "USA"): 3.0, ("ARM", "GEO"): 0.05}
    for pair, rate in [*zip(noise, rates, strict=True), *busy.items()]:
        for week in range(WEEKS):
            burst = rng.gamma(2.0, 0.5)  # news comes in bursts: over-dispersed weekly counts
            for _ in range(rng.poisson(rate * burst)):
                rows.append((*pair, _day(rng, week), int(rng.integers(1, 5)), _outlets(rng)))
    for pair, quads, first, weeks, per_week, _ in PLANTED:
        for week in range(first, first + weeks):
            for n in range(per_week):
                quad = quads[n % len(quads)]
                rows.append((*pair, _day(rng, week), quad, _outlets(rng)))
    columns: dict[str, list[Any]] = {k: [] for k in (
        "event_id", "story_id", "source", "target", "root", "cameo", "codes", "date",
        "date_precision", "goldstein", "quad_class", "n_sources", "n_reports", "sources",
        "doc_ids", "wire")}  # fmt: skip
    for i, (a, b, day, quad, outlets) in enumerate(rows):
        cameo, goldstein = CODES[quad]
        values = (f"e{i}", f"s{i}", a, b, cameo[:2], cameo, [cameo], day, "day", goldstein,
                  quad, len(outlets), len(outlets), outlets, [f"d{i}"], False)  # fmt: skip
        for key, value in zip(columns, values, strict=True):
            columns[key].append(value)
    return columns


def _day(rng: np.random.Generator, week: int) -> date:
    return START + timedelta(weeks=week, days=int(rng.integers(0, 7)))


def _outlets(rng: np.random.Generator) -> list[str]:
    return sorted(rng.choice(OUTLETS, size=int(rng.integers(1, 4)), replace=False).tolist())


def _flags(tmp_path: Path, seed: int) -> list[dict[str, Any]]:
    with Store.open(tmp_path / f"s{seed}.duckdb") as store:
        store.replace_table("corroborated", _events(seed))
        detect_shifts(store)
        return store.records("SELECT * FROM shifts ORDER BY a, b, period")


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_planted_shifts_are_flagged_in_their_weeks_and_noise_is_not(
    tmp_path: Path, seed: int
) -> None:
    flags = _flags(tmp_path, seed)
    for pair, _, first, weeks, _, measure in PLANTED:
        start, end = START + timedelta(weeks=first - 1), START + timedelta(weeks=first + weeks)
        hits = [
            f for f in flags
            if (f["a"], f["b"]) == pair and f["measure"].endswith(measure)
            and start <= f["period"] <= end
        ]  # fmt: skip
        assert len(hits) == 1, (pair, flags)  # one flag per shift, not one per week
    planted = {p[0] for p in PLANTED}
    false = [f for f in flags if (f["a"], f["b"]) not in planted]
    assert len(false) <= 1, false  # 80 bursty noise pairs over 30 weeks: at most one


def test_a_flag_explains_itself(tmp_path: Path) -> None:
    flags = _flags(tmp_path, 1)
    quiet = next(f for f in flags if (f["a"], f["b"]) == ("PHL", "VNM"))
    assert quiet["n_outlets"] >= 2 and quiet["value"] >= 3
    assert quiet["p_value"] <= quiet["q_value"] <= 0.01
    assert "events from" in quiet["explanation"] and "p = " in quiet["explanation"]
    assert len(json.loads(quiet["events"])) == quiet["value"]


@pytest.mark.parametrize(
    ("dates", "outlets", "flagged"),
    [
        # visits, praise and a pact: seven events in two weeks after twenty quiet ones
        ([20, 20, 20, 20, 21, 21, 21], [["Outlet 1", "Outlet 2"]] * 7, True),
        ([20], [["Outlet 1", "Outlet 2"]], False),  # one event, however quiet the pair
        ([20, 20, 20, 20, 21, 21, 21], [["Outlet 3"]] * 7, False),  # the same from one outlet
        ([2, 5, 8, 11, 14, 18, 22], [["Outlet 1", "Outlet 2"]] * 7, False),  # over months
    ],
)
def test_a_lone_jump_needs_its_evidence(
    tmp_path: Path, dates: list[int], outlets: list[list[str]], flagged: bool
) -> None:
    """A quiet pair among busy noise pairs only (no other shift loosens the adjustment, and
    the median pair is busy, so a quiet pair's prior is not very quiet: the hard case)."""
    columns = _events(4)
    keep = [i for i, a in enumerate(columns["source"]) if a.startswith("N")]
    noise = {k: [v[i] for i in keep] for k, v in columns.items()}
    extra = {k: [v[0]] * len(dates) for k, v in noise.items()}
    extra.update(
        event_id=[f"x{i}" for i in range(len(dates))], source=["ISL"] * len(dates),
        target=["NZL"] * len(dates), sources=outlets, quad_class=[1] * len(dates),
        date=[START + timedelta(weeks=w, days=1) for w in dates],
    )  # fmt: skip
    with Store.open(tmp_path / "thin.duckdb") as store:
        store.replace_table("corroborated", {k: v + extra[k] for k, v in noise.items()})
        flags = detect_shifts(store)
    assert bool([f for f in flags if "ISL" in (f["a"], f["b"])]) is flagged


def test_the_predictive_tail_and_the_adjustment() -> None:
    # a Gamma(1, 1) rate over one week: P(X >= k) = 2^-k (a geometric predictive)
    assert predictive_tail(3, 1.0, 1.0, 1) == pytest.approx(0.125)
    assert predictive_tail(0, 1.0, 1.0, 1) == 1.0
    assert predictive_tail(50, 1.0, 1.0, 1) == pytest.approx(2.0**-50)
    assert benjamini_hochberg([0.01, 0.04, 0.03, 0.5]) == pytest.approx(
        [0.04, 0.04 * 4 / 3, 0.04 * 4 / 3, 0.5]
    )
