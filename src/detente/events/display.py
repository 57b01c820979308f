"""How an event's date is written for people: only as much of it as is known (its precision).

One place for every face (web pages, `detente events`, briefs), and kept free of spaCy so the
faces can import it cheaply. A date is stored as the first day of its period, so "in March" is
2024-03-01 with month precision; writing that day in full would claim more than the text said.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

UNDATED = "undated"


def event_date_text(day: date | str | None, precision: str | None) -> str:
    """'2024-03-04' (day), 'week of 2024-03-04' (week), '2024-03' (month), '2024' (year),
    'undated' (no date). A date without a precision was stored before dates had one: a day."""
    if day is None or day == "":
        return UNDATED
    if isinstance(day, datetime):
        day = day.date()
    iso = day.isoformat() if isinstance(day, date) else str(day)[:10]
    if precision == "year":
        return iso[:4]
    if precision == "month":
        return iso[:7]
    if precision == "week":
        return f"week of {iso}"
    return iso


def event_date_of(event: Mapping[str, Any]) -> str:
    """The date of an event record (a store row, an export record, a shift's event)."""
    return event_date_text(event.get("date"), event.get("date_precision"))
