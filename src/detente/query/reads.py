"""The read model's functions over an open `Store`, in one namespace (what the faces import as
`queries`): lists and profiles from the topic modules (`paging`, `documents`, `actor_reads`,
`event_reads`, `story_reads`, `relations`, `countries`, `overview`). The functions that also take
a database path are `detente.query`'s own."""

from __future__ import annotations

from detente.query.actor_reads import (
    actor_profile,
    all_actor_names,
    counterparts,
    quotes_by,
    search_actors,
)
from detente.query.countries import country_of
from detente.query.documents import (
    DOCUMENT_LIST,
    document,
    list_documents,
    resolve_document,
    search,
)
from detente.query.event_reads import EVENT_LIST, list_events
from detente.query.overview import stats
from detente.query.paging import MAX_LIMIT, BadQuery, Filters, Page, codes_sql, page
from detente.query.relations import dyad, list_shifts, network
from detente.query.story_reads import STORY_LIST, list_stories, story

_codes, _page = codes_sql, page  # their names before the split

__all__ = [
    "DOCUMENT_LIST",
    "EVENT_LIST",
    "MAX_LIMIT",
    "STORY_LIST",
    "BadQuery",
    "Filters",
    "Page",
    "actor_profile",
    "all_actor_names",
    "codes_sql",
    "counterparts",
    "country_of",
    "document",
    "dyad",
    "list_documents",
    "list_events",
    "list_shifts",
    "list_stories",
    "network",
    "page",
    "quotes_by",
    "resolve_document",
    "search",
    "search_actors",
    "stats",
    "story",
]
