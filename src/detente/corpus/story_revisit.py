"""Lone reports that join their story late: a report that matched no story when it came (a
reaction from the other side, told in other words before the story named what it shares) is
weighed again once the story has grown, and moves in when it matches it now.

After each run of the stories step, every dated story the run added reports to, with at least
two reports, is weighed against the dated stories of one report seen within `window_days` of
its span, by the rules a new report meets (`stories._best`: similarity, anchor agreement,
a shared anchor, no clash). A lone report moves to the story it matches best; its own story
goes. Its member row then records the new similarity, score and shared anchors. Undated
stories are left as they are: without days, nothing says the two ran at the same time.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from detente.config import StorySettings
from detente.corpus.story_features import (
    document_anchors,
    inverse_frequencies,
    joining,
    key_actors,
    key_events,
)
from detente.store import Store


def rejoin_lone_reports(store: Store, touched: Collection[str], params: StorySettings) -> int:
    """Move lone reports into the grown stories of `touched` (story ids) they now match; returns
    how many moved. Each move is written at once (member row, the grown story's centroid,
    size, days and outlets; the lone story deleted)."""
    grown = store.query(
        """SELECT story_id, centroid, first_seen, last_seen FROM stories
           WHERE story_id IN (SELECT unnest(?)) AND n_docs >= 2 AND first_seen IS NOT NULL""",
        [list(touched)],
    )
    if not grown:
        return 0
    slack = timedelta(days=params.window_days)
    lone = store.query(
        """SELECT s.story_id, m.doc_id, s.first_seen, e.vector
           FROM stories s JOIN story_members m USING (story_id)
           JOIN embeddings e USING (doc_id)
           WHERE s.n_docs = 1 AND s.first_seen BETWEEN ? AND ?""",
        [_moved(min(g[2] for g in grown), -slack), _moved(max(g[3] for g in grown), slack)],
    )
    if not lone:
        return 0
    members = _members(store, [g[0] for g in grown])
    anchors = document_anchors(
        store, [d for ids in members.values() for d in ids] + [r[1] for r in lone],
        params.anchor_chars,
    )  # fmt: skip
    idf = inverse_frequencies(anchors.values())
    states = {
        story_id: _Grown(
            Counter(a for d in members.get(story_id, []) for a in anchors[d]),
            np.asarray(centroid, dtype=np.float32), len(members.get(story_id, [])),
            _moved(first, -slack), _moved(last, slack),
        )
        for story_id, centroid, first, last in grown
    }  # fmt: skip
    changed: set[str] = set()
    moved = 0
    for lone_id, doc_id, day, lone_vector in sorted(lone, key=lambda r: (r[2], r[1])):
        vector = np.asarray(lone_vector, dtype=np.float32)
        best: tuple[float, str, tuple[float, float, list[str]]] | None = None
        for story_id, g in states.items():
            if g.since <= day <= g.until:
                found = _match(anchors[doc_id], vector, g, idf, params)
                if found is not None and (best is None or found[1] > best[0]):
                    best = (found[1], story_id, found)
        if best is None:
            continue
        g = states[best[1]]
        total = g.centroid * g.n + vector
        g.centroid = total / max(float(np.linalg.norm(total)), 1e-9)
        g.anchors.update(anchors[doc_id])
        g.n += 1
        _move(store, doc_id, lone_id, best[1], best[2], g.centroid)
        members.setdefault(best[1], []).append(doc_id)
        changed.add(best[1])
        moved += 1
    _rank(store, {s: members[s] for s in changed})
    return moved


def _moved(day: date, by: timedelta) -> date:
    """`day` moved `by`, clamped to the calendar (a CMS's zero date 0001-01-01 may be stored)."""
    try:
        return day + by
    except OverflowError:
        return date.min if by < timedelta(0) else date.max


@dataclass
class _Grown:
    anchors: Counter[str]  # anchor → members naming it
    centroid: np.ndarray
    n: int  # members (copies left out)
    since: date  # lone reports first seen in [since, until] are weighed
    until: date


def _rank(store: Store, members: dict[str, list[str]]) -> None:
    """Key actors and events of the stories that took reports, from all their members."""
    if not members:
        return
    of = {d: s for s, ids in members.items() for d in ids}
    actors, events = key_actors(store, list(of), of), key_events(store, list(of), of)
    with store.transaction():
        for story_id in members:
            store.con.execute(
                "UPDATE stories SET key_actors = coalesce(?, key_actors),"
                " key_events = coalesce(?, key_events) WHERE story_id = ?",
                [actors.get(story_id), events.get(story_id), story_id],
            )


def _members(store: Store, story_ids: list[str]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for doc_id, story_id in store.query(
        "SELECT m.doc_id, m.story_id FROM story_members m JOIN documents d USING (doc_id)"
        " WHERE m.story_id IN (SELECT unnest(?)) AND d.duplicate_of IS NULL",
        [story_ids],
    ):
        found.setdefault(story_id, []).append(doc_id)
    return found


def _match(
    doc: set[str], vector: np.ndarray, story: _Grown, idf: dict[str, float], params: StorySettings
) -> tuple[float, float, list[str]] | None:
    """(similarity, score, shared anchors) when the report matches the story by the joining
    rules, else None."""
    similarity = float(story.centroid @ vector)
    found = joining(similarity, doc, story.anchors, story.n, idf, params)
    return None if found is None else (similarity, *found)


def _move(
    store: Store,
    doc_id: str,
    lone_id: str,
    story_id: str,
    found: tuple[float, float, list[str]],
    centroid: np.ndarray,
) -> None:
    similarity, score, shared = found
    with store.transaction():
        store.con.execute(
            "UPDATE story_members SET story_id = ?, similarity = ?, score = ?, anchors = ?"
            " WHERE doc_id = ?",
            [story_id, round(similarity, 4), round(score, 4), shared[:8], doc_id],
        )
        store.con.execute(
            """UPDATE stories SET n_docs = stories.n_docs + l.n_docs,
                      first_seen = least(stories.first_seen, l.first_seen),
                      last_seen = greatest(stories.last_seen, l.last_seen),
                      sources = list_sort(list_distinct(list_concat(stories.sources, l.sources))),
                      centroid = ?::FLOAT[384]
               FROM stories l WHERE l.story_id = ? AND stories.story_id = ?""",
            [centroid.tolist(), lone_id, story_id],
        )
        store.con.execute("DELETE FROM stories WHERE story_id = ?", [lone_id])
