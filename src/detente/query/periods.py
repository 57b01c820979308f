"""Time axes for the views: which period to count by over a span, and every period of the span,
so an empty period is a gap on the chart and not a line drawn across it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from detente.query.paging import BadQuery
from detente.yamlfiles import load_yaml

_DATA = Path(__file__).parent / "data" / "views.yaml"
PERIODS = ("day", "week", "month")


@cache
def settings() -> dict[str, Any]:
    """The views' vocabularies and cut-offs (`query/data/views.yaml`)."""
    data: dict[str, Any] = load_yaml(_DATA.read_text(encoding="utf-8")) or {}
    return data


def choose_period(
    first: date | None, last: date | None, finest: str = "day", stored_days: int | None = None
) -> str:
    """The finest period, no finer than `finest`, whose steps over first..last stay under the
    caps in views.yaml (120 days, then 160 weeks, then months); `finest` when the span is
    unknown. With `stored_days` (how many days of the span have a stored document), days are
    chosen only when at least views.yaml's `min_day_fill` of them do: a day with one stored
    document would otherwise read as a 0 or 100% share."""
    caps = settings()["periods"]
    if first is None or last is None:
        return finest
    days = (last - first).days + 1
    allowed = PERIODS[PERIODS.index(finest) :]
    sparse = stored_days is not None and stored_days < float(caps["min_day_fill"]) * days
    if "day" in allowed and days <= int(caps["max_days"]) and not sparse:
        return "day"
    if "week" in allowed and days <= 7 * int(caps["max_weeks"]):
        return "week"
    return "month"


def check_period(value: str | None) -> str | None:
    """'day', 'week' or 'month' as given; None for '' or 'auto'; BadQuery otherwise."""
    if value is None or value.strip() in ("", "auto"):
        return None
    if value.strip() not in PERIODS:
        raise BadQuery(
            f"period {value[:20]!r}: choose day, week or month (or leave it to the span)"
        )
    return value.strip()


def start_of(day: date, period: str) -> date:
    """The first day of the period holding `day` (weeks start on Monday, as DuckDB's do)."""
    if period == "week":
        return day - timedelta(days=day.weekday())
    if period == "month":
        return day.replace(day=1)
    return day


def following(start: date, period: str) -> date:
    """The first day of the period after the one starting on `start`."""
    if period == "month":
        return date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return start + timedelta(days=7 if period == "week" else 1)


def every_period(first: date, last: date, period: str) -> list[date]:
    """The first day of every period from the one holding `first` to the one holding `last`."""
    out: list[date] = []
    day = start_of(first, period)
    while day <= last:
        out.append(day)
        day = following(day, period)
    return out


def label(start: date, period: str) -> str:
    """'2024-03-04' for a day, 'week of 2024-03-04', '2024-03' for a month."""
    if period == "week":
        return f"week of {start.isoformat()}"
    if period == "month":
        return start.strftime("%Y-%m")
    return start.isoformat()


def filled(
    rows: Sequence[dict[str, Any]], period: str, first: date, last: date, empty: dict[str, Any]
) -> list[dict[str, Any]]:
    """`rows` (each with a `period` date) with a copy of `empty` for every period of
    first..last that has none, in order; each row gains `label`."""
    by_start = {r["period"]: r for r in rows}
    out = []
    for start in every_period(first, last, period):
        row = dict(by_start.get(start) or {**empty, "period": start})
        row["label"] = label(start, period)
        out.append(row)
    return out


def reversed_range(since: date, until: date) -> str:
    """What every view and the API say about a date range the wrong way round."""
    return f"since {since} is after until {until}: swap them"


def check_range(since: date | None, until: date | None) -> None:
    """BadQuery (`reversed_range`'s message) when `since` is after `until`."""
    if since and until and since > until:
        raise BadQuery(reversed_range(since, until))
