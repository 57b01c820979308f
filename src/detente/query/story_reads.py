"""Reads of stories: the list, and one story with its documents and corroborated events."""

from __future__ import annotations

from typing import Any

from detente.query.documents import DOCUMENT_LIST
from detente.query.paging import Filters, Page, page
from detente.store import Store

STORY_LIST = """
SELECT story_id, headline, first_seen, last_seen, n_docs, sources, key_actors, key_events,
       coalesce(strftime(last_seen, '%Y-%m-%d'), '') AS sort_date
FROM stories
"""


def list_stories(
    store: Store, *, actor: str | None = None, cursor: str | None = None, limit: int = 50
) -> Page:
    """Stories, the most recently seen first, one page: {story_id, headline, first_seen,
    last_seen (dated members only), n_docs, sources, key_actors, key_events}. `actor` keeps
    stories that have it among their key actors."""
    f = Filters()
    f.add("list_contains(key_actors, ?)", actor, when=actor)
    return page(store, STORY_LIST, f, ["sort_date", "story_id"], cursor, limit)


def story(store: Store, story_id: str) -> dict[str, Any] | None:
    """A story (the list's fields) with its `documents` (the document list's columns and each
    member's similarity, oldest first, undated last) and its corroborated `events` (most
    outlets first); None when no story has this id."""
    found = store.records(f"{STORY_LIST} WHERE story_id = ?", [story_id])
    if not found:
        return None
    members = store.records(
        f"SELECT l.*, m.similarity FROM ({DOCUMENT_LIST}) l JOIN story_members m"
        " USING (doc_id) WHERE m.story_id = ? ORDER BY l.sort_date = '', l.sort_date, l.doc_id",
        [story_id],
    )
    events = store.records(
        "SELECT * EXCLUDE (story_id) FROM corroborated WHERE story_id = ?"
        " ORDER BY n_sources DESC, event_id",
        [story_id],
    )
    return {**found[0], "documents": members, "events": events}
