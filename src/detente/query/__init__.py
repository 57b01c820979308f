"""The read model: every question the faces (CLI, REST API, web pages, briefs, digests) ask of a
store, answered once, as typed Python functions.

The faces only render what these functions return; none of them holds SQL. The functions here
take a `Store` or a database path (`detente.query.events("x.duckdb", actor="RUS")`; see
`facade`); the modules under them take an open `Store`: `documents`, `actor_reads`,
`event_reads`, `story_reads`, `relations` (dyads, network, shifts), `overview` (stats),
`briefs` and `digest` (what `detente report` and `detente digest` read), `countries` (the
country of an actor), `lookup` (ids from prefixes, codes checked with suggestions, why a result
is empty), `names` (readable names for composed actor codes), `paging` (cursors, filters).
"""

from detente.query.facade import (
    StoreLike,
    actor,
    actors,
    document,
    dyad,
    events,
    opened,
    search,
    shifts,
    stats,
    stories,
    story,
)
from detente.query.lookup import NotFound
from detente.query.paging import BadQuery, Page

__all__ = [
    "BadQuery",
    "NotFound",
    "Page",
    "StoreLike",
    "actor",
    "actors",
    "document",
    "dyad",
    "events",
    "opened",
    "search",
    "shifts",
    "stats",
    "stories",
    "story",
]
