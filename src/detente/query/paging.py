"""What every list in the read model shares: keyset pagination, optional filters, bad input.

Lists use keyset pagination: a cursor is the sort key of the last row served, so a page is
stable while documents are added.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from detente.errors import DetenteError
from detente.store import Store

MAX_LIMIT = 200  # rows per page, at most


class BadQuery(DetenteError):
    """A parameter that cannot be used as given (a malformed cursor, an unknown filter value)."""


@dataclass
class Page:
    """One page of a list: its rows (dicts, one per record) and the cursor of the next page
    (None on the last). Iterating a page, or taking its len(), goes over its rows."""

    items: list[dict[str, Any]]
    next_cursor: str | None

    def as_dict(self) -> dict[str, Any]:
        return {"items": self.items, "next_cursor": self.next_cursor}

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


@dataclass
class Filters:
    """SQL conditions and their parameters, built up one optional filter at a time."""

    where: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)

    def add(self, condition: str, *params: Any, when: object = True) -> None:
        if when is not None and when is not False and when != "":
            self.where.append(condition)
            self.params.extend(params)

    def sql(self) -> str:
        return f"WHERE {' AND '.join(self.where)}" if self.where else ""


def _encode_cursor(key: list[Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(key).encode()).decode().rstrip("=")


def _decode_cursor(cursor: str, width: int) -> list[Any]:
    try:
        key = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (ValueError, binascii.Error) as exc:
        raise BadQuery(f"cursor {cursor[:40]!r} is not one this server gave out") from exc
    if not isinstance(key, list) or len(key) != width:
        raise BadQuery(f"cursor {cursor[:40]!r} is not one this server gave out")
    return key


def page(
    store: Store, sql: str, filters: Filters, keys: list[str], cursor: str | None, limit: int
) -> Page:
    """Rows of `sql` (which selects the `keys` columns) in descending key order, one page of
    at most `limit` (1..MAX_LIMIT) rows after `cursor`. BadQuery for a cursor not given out."""
    limit = max(1, min(limit, MAX_LIMIT))
    outer = Filters()
    if cursor:
        key = _decode_cursor(cursor, len(keys))
        outer.add(f"({', '.join(keys)}) < ({', '.join('?' * len(keys))})", *key)
    order = ", ".join(f"{k} DESC" for k in keys)
    rows = store.records(
        f"SELECT * FROM ({sql} {filters.sql()}) t {outer.sql()} ORDER BY {order} LIMIT ?",
        [*filters.params, *outer.params, limit + 1],
    )
    more = len(rows) > limit
    rows = rows[:limit]
    following = _encode_cursor([rows[-1][k] for k in keys]) if more else None
    return Page(rows, following)


def codes_sql(column: str) -> str:
    """SQL: `column` is the actor code given, or one of its sub-actors: an actor the store's
    knowledge base places in it (RUS → RUSGOV) or a code composed on it, role after role code
    (GBR → GBROPPCON, GBROPP → GBROPPCON; not GBRX). Takes the code twice as parameters."""
    return (
        f"({column} IN (SELECT code FROM actors WHERE country = ?)"
        f" OR regexp_full_match({column}, regexp_escape(?) || '(...)*'))"
    )
