"""Stories: documents that report the same happening, grouped incrementally.

Each analysed document (in publication order) is embedded — headline and lead, with the offline
all-MiniLM-L6-v2 model (`corpus/encoder.py`) — and joins the open story it
matches best, or opens one. Its match with a story is the cosine similarity of its embedding with
the story's centroid plus `anchor_weight` × the agreement of its anchors with the story's
(`story_features`): the people, places, organisations, named events, numbers and years its
headline and lead name, the days its events happened on and who did what kind of thing to whom.
A name the linker took for a country or its government ("Hanoi", "Vietnamese") anchors as that
country, whatever the outlet wrote; a one-word name the tagger took for a person here and
the story's reports give as a place ("Depsang") is that place (`story_features.same_names`).
Anchors weigh by their rarity among the window's documents
times a weight of their kind (a country, or a pair of countries doing one kind of thing, says
who, not which happening), and the agreement mixes the cosine of the two weighted sets with
the evidence of what they share (`corpus/data/stories.yaml`). It joins when the match reaches
`threshold`, the similarity `min_similarity`, and it shares an anchor with the story (or is
`lone_similarity` alike: wire copy without names), unless its people, years, event days or
event pairs clash with those most of the story's reports name. Two happenings of one kind (two
earthquakes, two rehab check-ins) read alike; what separates them is who, where and when. Each
member keeps why it is there: its similarity, its score and the anchors it shares
(`story_members`).

A dated document may join stories last seen within `window_days` before it (`busy_days` more
when the story has `busy_reports` reports: coverage still coming in) and first seen at most
`span_days` before it; an undated one may join any story, by content alone. New documents
join existing stories without re-clustering the corpus: only the stories open around the new
documents' dates are loaded (with their members' anchors). Once more than `ann_above` stories
are open, a usearch HNSW index over their centroids gives the nearest candidates. After each
run, the dated stories it grew weigh again the lone reports of their days and take those they
now match (`story_revisit`: a reaction told in other words that matched nothing when it came).
A story's key
actors are ranked by how much its reports are about them (`story_features.key_actors`).
Near-duplicates join their original's story.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import numpy as np

from detente.config import StorySettings
from detente.corpus.encoder import DIMENSIONS, embed, load_encoder
from detente.corpus.story_features import (
    document_anchors,
    inverse_frequencies,
    joining,
    key_actors,
    key_events,
)
from detente.corpus.story_revisit import rejoin_lone_reports
from detente.store import Store

log = logging.getLogger(__name__)
__all__ = [
    "DIMENSIONS",
    "Match",
    "OpenStories",
    "StoryParams",
    "StoryState",
    "assign_stories",
    "embed",
    "load_encoder",
]

StoryParams = StorySettings
"""The stories step's thresholds: the `stories` part of the settings."""


@dataclass
class StoryState:
    story_id: str
    centroid: np.ndarray  # unit vector
    n_docs: int
    first_seen: date | None  # from dated members only: None while all are undated
    last_seen: date | None
    anchors: Counter[str] = field(default_factory=Counter)  # anchor → members naming it
    anchored: int = 0  # members whose anchors are counted (duplicates are not)
    sources: set[str] = field(default_factory=set)
    titles: list[tuple[float, str]] = field(default_factory=list)  # (similarity, title)
    key_actors: list[str] = field(default_factory=list)
    key_events: list[str] = field(default_factory=list)
    new_members: list[str] = field(default_factory=list)  # joined in this run


@dataclass
class Match:
    """Why a document is in its story."""

    similarity: float  # cosine of its embedding with the story's centroid
    score: float  # similarity + anchor_weight × anchor agreement
    anchors: list[str]  # anchors it shares with the story, weightiest first


def assign_stories(store: Store, params: StorySettings, device: str = "cpu") -> int:
    """Give every analysed or duplicate document without a story one; returns how many.

    Dated documents join stories open around their day, in publication order. Undated ones
    come after and may join any story by content; they never set a story's first or last seen
    (a story of undated documents only has neither). Writes the touched stories (with their
    key actors) and the new members (with why they joined) in one transaction.
    """
    todo = store.query(
        """SELECT d.doc_id, d.published::DATE AS day, d.title, d.text, d.source, d.duplicate_of
           FROM documents d LEFT JOIN story_members m USING (doc_id)
           WHERE m.doc_id IS NULL AND d.status IN ('analysed', 'duplicate')
           ORDER BY day NULLS LAST, d.doc_id"""
    )
    if not todo:
        return 0
    originals = [r for r in todo if r[5] is None]
    vectors = _vectors(store, originals, device, params.lead_tokens)
    dated = [r[1] for r in originals if r[1] is not None]
    undated = len(dated) < len(originals)
    # undated documents may join any story, so then every story is a candidate
    reach = params.window_days + params.busy_days  # the longest a story stays open
    earliest = None if undated or not dated else _shift(dated[0], -reach)
    stories, known = _open_stories(store, earliest, vectors, params)
    anchors = document_anchors(store, [r[0] for r in originals], params.anchor_chars)
    idf = inverse_frequencies([*anchors.values(), *known])
    open_stories = OpenStories(params)
    for story in stories.values():
        if story.last_seen is not None:
            open_stories.put(story)
    members: list[tuple[str, str, Match]] = []
    for (doc_id, day, title, _text, source, _), vector in zip(originals, vectors, strict=True):
        if day is None and open_stories.dated:
            open_stories = OpenStories(params, dated=False)  # from here on: undated documents
            for story in stories.values():
                open_stories.put(story)
        else:
            open_stories.evict(day)
        mine = anchors.get(doc_id, set())
        found, match = _best(open_stories, vector, day, mine, idf, params)
        if found is None:
            found = StoryState(f"s-{doc_id[:12]}", vector.copy(), 0, day, day)
            stories[found.story_id] = found
            match = Match(1.0, 1.0, [])
        _join(found, doc_id, vector, day, title or "", source, mine)
        open_stories.put(found)
        members.append((doc_id, found.story_id, match))
    members += _duplicates(store, todo, stories, members)
    touched = {story_id for _, story_id, _ in members}
    _rank_actors(store, {s: stories[s] for s in touched if s in stories})
    store.write_stories(
        [_record(s) for s in stories.values() if s.story_id in touched and s.n_docs],
        [(d, s, round(m.similarity, 4), m.anchors[:8], round(m.score, 4)) for d, s, m in members],
    )
    rejoin_lone_reports(store, touched, params)  # reports that match their grown story now
    return len(members)


def _vectors(
    store: Store, originals: Sequence[Any], device: str, max_tokens: int
) -> list[np.ndarray]:
    """Embeddings of the documents' leads, computed once and kept in the store."""
    known = dict(
        store.query(
            "SELECT doc_id, vector FROM embeddings WHERE doc_id IN (SELECT unnest(?))",
            [[r[0] for r in originals]],
        )
    )
    missing = [r for r in originals if r[0] not in known]
    leads = [_lead(title, text) for _, _, title, text, _, _ in missing]
    fresh = embed(leads, device, max_tokens=max_tokens)
    store.write_embeddings([r[0] for r in missing], fresh)
    known.update({r[0]: v for r, v in zip(missing, fresh, strict=True)})
    return [np.asarray(known[r[0]], dtype=np.float32) for r in originals]


def _duplicates(
    store: Store,
    todo: Sequence[Any],
    stories: dict[str, StoryState],
    members: list[tuple[str, str, Match]],
) -> list[tuple[str, str, Match]]:
    """Near-duplicates join their original's story."""
    by_doc = {d: s for d, s, _ in members} | dict(
        store.query("SELECT doc_id, story_id FROM story_members")
    )
    joined = []
    for doc_id, _day, _title, _, source, original in todo:
        if original is not None and original in by_doc:
            kept = stories.get(by_doc[original])
            if kept is None:  # a story out of the window: loaded to count its new member
                kept = _load_stories(store, [by_doc[original]]).get(by_doc[original])
                if kept is not None:
                    stories[kept.story_id] = kept
            if kept is not None:
                kept.sources.add(source or "")
                kept.n_docs += 1
            joined.append((doc_id, by_doc[original], Match(1.0, 1.0, ["near-duplicate"])))
    return joined


def _lead(title: str | None, text: str) -> str:
    body = text[:600]
    return f"{title}. {body}" if title and not text.startswith(title) else body


def _open_stories(
    store: Store, since: date | None, vectors: Sequence[np.ndarray], params: StorySettings
) -> tuple[dict[str, StoryState], list[set[str]]]:
    """Stories last seen on or after `since` (every story when None) that some new document
    resembles at least `min_similarity`, with their members' anchors; and those anchors, one
    set per member (for the window's document frequencies)."""
    rows = store.query(
        "SELECT story_id, centroid FROM stories WHERE ?::DATE IS NULL OR last_seen >= ?::DATE",
        [since, since],
    )
    if not rows or not vectors:
        return {}, []
    centroids = np.asarray([c for _, c in rows], dtype=np.float32)
    near = (centroids @ np.stack(vectors).T).max(axis=1) >= params.min_similarity
    wanted = [story_id for (story_id, _), keep in zip(rows, near, strict=True) if keep]
    stories = _load_stories(store, wanted)
    members: dict[str, list[str]] = {}
    for doc_id, story_id in store.query(
        "SELECT m.doc_id, m.story_id FROM story_members m JOIN documents d USING (doc_id)"
        " WHERE m.story_id IN (SELECT unnest(?)) AND d.duplicate_of IS NULL",
        [wanted],
    ):
        members.setdefault(story_id, []).append(doc_id)
    anchors = document_anchors(
        store, [d for ids in members.values() for d in ids], params.anchor_chars
    )
    for story_id, ids in members.items():
        for d in ids:
            stories[story_id].anchors.update(anchors.get(d, set()))
        stories[story_id].anchored = len(ids)
    return stories, list(anchors.values())


def _load_stories(store: Store, story_ids: Sequence[str]) -> dict[str, StoryState]:
    rows = store.query(
        """SELECT story_id, centroid, n_docs, first_seen, last_seen, sources, key_actors,
                  key_events, headline
           FROM stories WHERE story_id IN (SELECT unnest(?))""",
        [list(story_ids)],
    )
    return {
        story_id: StoryState(
            story_id=story_id,
            centroid=np.asarray(centroid, dtype=np.float32),
            n_docs=n_docs,
            first_seen=first,
            last_seen=last,
            sources=set(sources or []),
            titles=[(1.0, headline)],
            key_actors=list(actors or []),
            key_events=list(events or []),
        )
        for story_id, centroid, n_docs, first, last, sources, actors, events, headline in rows
    }


def _shift(day: date, days: int) -> date:
    """`day` moved by `days`, clamped to the calendar: stores from before dates were checked
    may hold a CMS's zero date (0001-01-01) or one near year 9999."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.min if days < 0 else date.max


class OpenStories:
    """The stories a document may join: those seen within the window of its date
    (`window_days`, and `busy_days` more for a story of at least `busy_reports` reports: one
    still being covered). Documents come in date order, so stories leave the set once the
    window has passed them. Above
    `ann_above` open stories the nearest centroids come from a usearch HNSW index (cosine);
    below it an exact matrix product is both faster and exact."""

    def __init__(self, params: StoryParams, dated: bool = True) -> None:
        self.params = params
        self.dated = dated  # False: open to undated documents, every story without a window
        self.open: dict[str, StoryState] = {}
        self.keys: dict[str, int] = {}
        self.by_key: dict[int, str] = {}
        self.index: Any = None

    def put(self, story: StoryState) -> None:
        self.open[story.story_id] = story
        if self.index is not None:
            self._index(story)
        elif len(self.open) > self.params.ann_above:
            from usearch.index import Index

            self.index = Index(ndim=DIMENSIONS, metric="cos")
            for s in self.open.values():
                self._index(s)

    def _index(self, story: StoryState) -> None:
        key = self.keys.setdefault(story.story_id, len(self.keys))
        self.by_key[key] = story.story_id
        if key in self.index:
            self.index.remove(key)
        self.index.add(key, story.centroid)

    def evict(self, day: date | None) -> None:
        if day is None:
            return
        oldest = _shift(day, -self.params.window_days)
        busy = _shift(oldest, -self.params.busy_days)  # a story still taking reports
        for story_id in [
            i for i, s in self.open.items()
            if (s.last_seen or oldest) < (busy if s.n_docs >= self.params.busy_reports else oldest)
        ]:  # fmt: skip
            del self.open[story_id]
            if self.index is not None and story_id in self.keys:
                self.index.remove(self.keys[story_id])

    def candidates(self, vector: np.ndarray, day: date | None) -> list[StoryState]:
        if self.index is not None and len(self.open) > self.params.ann_above:
            found = self.index.search(vector, self.params.ann_candidates)
            stories = [self.open.get(self.by_key[int(k)]) for k in found.keys]
        else:
            stories = list(self.open.values())
        if day is None:  # an undated document may join any story, by content alone
            return [s for s in stories if s is not None]
        limit = _shift(day, self.params.window_days)
        oldest = _shift(day, -self.params.span_days)  # coverage of one happening ends
        return [
            s for s in stories
            if s is not None and oldest <= (s.first_seen or limit) <= limit
        ]  # fmt: skip


def _best(
    open_stories: OpenStories,
    vector: np.ndarray,
    day: date | None,
    anchors: set[str],
    idf: dict[str, float],
    params: StorySettings,
) -> tuple[StoryState | None, Match]:
    """The open story the document matches best, with why; (None, no match) when none is
    close enough, shares an anchor (or is `lone_similarity` alike) and is free of a clash."""
    open_ = open_stories.candidates(vector, day)
    nothing = Match(0.0, 0.0, [])
    if not open_:
        return None, nothing
    similarity = np.stack([s.centroid for s in open_]) @ vector
    best, best_match = None, nothing
    for story, sim in zip(open_, similarity.tolist(), strict=True):
        found = joining(
            sim, anchors, story.anchors, story.anchored, idf, params, params.lone_similarity
        )
        if found is not None and found[0] > best_match.score:
            best, best_match = story, Match(sim, *found)
    return best, best_match


def _join(
    story: StoryState,
    doc_id: str,
    vector: np.ndarray,
    day: date | None,
    title: str,
    source: str | None,
    anchors: set[str],
) -> None:
    total = story.centroid * story.n_docs + vector
    story.centroid = total / max(float(np.linalg.norm(total)), 1e-9)
    story.n_docs += 1
    if day is not None:  # an undated member says nothing about when the story ran
        story.first_seen = min(story.first_seen or day, day)
        story.last_seen = max(story.last_seen or day, day)
    story.anchors.update(anchors)
    story.anchored += 1
    story.new_members.append(doc_id)
    story.sources.add(source or "")
    if title:
        story.titles.append((float(story.centroid @ vector), title))


def _rank_actors(store: Store, stories: dict[str, StoryState]) -> None:
    """Key actors and key events of the touched stories, from all their analysed members."""
    members = dict(
        store.query(
            "SELECT doc_id, story_id FROM story_members WHERE story_id IN (SELECT unnest(?))",
            [list(stories)],
        )
    )
    members.update({d: s for s, story in stories.items() for d in story.new_members})
    ranked = key_actors(store, list(members), members)
    events = key_events(store, list(members), members)
    for story_id, story in stories.items():
        story.key_actors = ranked.get(story_id, story.key_actors)
        story.key_events = events.get(story_id, story.key_events)


def _record(story: StoryState) -> dict[str, Any]:
    headline = max(story.titles)[1] if story.titles else ""
    return {
        "story_id": story.story_id,
        "headline": headline,
        "first_seen": story.first_seen,
        "last_seen": story.last_seen,
        "n_docs": story.n_docs,
        "sources": sorted(s for s in story.sources if s),
        "key_actors": story.key_actors,
        "key_events": story.key_events,
        "centroid": story.centroid.tolist(),
    }
