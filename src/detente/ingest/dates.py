"""Dates from the many ways sources write them, always timezone-aware (UTC when unstated)."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import dateparser

_SETTINGS = {"RETURN_AS_TIMEZONE_AWARE": True, "TIMEZONE": "UTC", "PREFER_DAY_OF_MONTH": "first"}


def parse_date(value: str | None) -> datetime | None:
    """Parse an ISO, RFC 822 or human-written date; None when nothing date-like is found."""
    if not value or not value.strip():
        return None
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        parsed = dateparser.parse(value, settings=_SETTINGS)  # type: ignore[arg-type]
    if parsed is None:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def from_struct_time(value: time.struct_time | None) -> datetime | None:
    if value is None:
        return None
    return datetime(*value[:6], tzinfo=UTC)
