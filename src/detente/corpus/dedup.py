"""Exact and near-duplicate detection across the store and the documents of the current run.

A copy from another outlet (or another address) is not analysed again, but it is a *sighting*
of the original: one more outlet that carried the story, which corroboration counts. An exact
copy (same content hash) is not stored as a document; a near-duplicate is stored, pointing at
its original. Both are recorded in the `sightings` table. Reading the same input again (same
outlet and address) records nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from detente.clean.dedup import band_keys, estimated_jaccard
from detente.model import Document, Status
from detente.store import Store


class DuplicateFinder:
    """Decides, batch by batch, which documents are new, already stored, or near-duplicates.

    Candidates come from LSH band keys shared with stored documents (a SQL join) or with
    earlier documents of this run not written yet; each is verified by its estimated Jaccard.
    """

    def __init__(self, store: Store, threshold: float) -> None:
        self.store = store
        self.threshold = threshold
        # documents of this run, by id: their outlet and address (an exact copy's original)
        self._seen: dict[str, tuple[str, str]] = {}
        self._pending: dict[tuple[int, int], list[str]] = defaultdict(list)
        # documents of this run not written yet, with their band keys (computed once)
        self._pending_docs: dict[str, tuple[Document, list[int]]] = {}

    def select_new(self, docs: Sequence[Document]) -> tuple[list[Document], int]:
        """The documents not stored yet (duplicates marked), and how many were already known."""
        stored = {
            doc_id: (source or "", url or origin)
            for doc_id, source, url, origin in self.store.query(
                "SELECT doc_id, source, url, origin FROM documents"
                " WHERE doc_id IN (SELECT unnest(?))",
                [[d.doc_id for d in docs]],
            )
        }
        fresh: list[Document] = []
        sightings: list[dict[str, Any]] = []
        for doc in docs:
            original = stored.get(doc.doc_id) or self._seen.get(doc.doc_id)
            if original is not None:
                if _where(doc) != original:  # the same text carried elsewhere: a sighting
                    sightings.append(_sighting(doc, doc.doc_id, "copy", 1.0))
                continue
            self._seen[doc.doc_id] = _where(doc)
            fresh.append(doc)
        keys = [band_keys(d.minhash) if d.minhash else [] for d in fresh]
        # candidates[i][other] = (estimated Jaccard, what other duplicates)
        candidates: dict[int, dict[str, tuple[float, str | None]]] = defaultdict(dict)
        queries = [(k, d.minhash or []) for k, d in zip(keys, fresh, strict=True)]
        for i, doc_id, duplicate_of, score in self.store.near_duplicates(queries, self.threshold):
            candidates[i][doc_id] = (score, duplicate_of)
        for i, doc in enumerate(fresh):
            for band, key in enumerate(keys[i]):
                for other in self._pending.get((band, key), ()):
                    if other not in candidates[i]:
                        prior, _ = self._pending_docs[other]
                        score = estimated_jaccard(doc.minhash or [], prior.minhash or [])
                        candidates[i][other] = (score, prior.duplicate_of)
            similarity = self._mark(doc, candidates[i])
            if doc.duplicate_of is not None:
                sightings.append(_sighting(doc, doc.duplicate_of, "near-duplicate", similarity))
            else:
                for band, key in enumerate(keys[i]):
                    self._pending[(band, key)].append(doc.doc_id)
                self._pending_docs[doc.doc_id] = (doc, keys[i])
        self.store.write_sightings(sightings)
        return fresh, len(docs) - len(fresh)

    def _mark(self, doc: Document, candidates: dict[str, tuple[float, str | None]]) -> float | None:
        """Mark `doc` a near-duplicate of its best match, if any; returns that match's score."""
        best, best_score = None, self.threshold
        for other, (score, duplicate_of) in candidates.items():
            if score >= best_score:
                best, best_score = (duplicate_of or other), score
        if best is not None:
            doc.duplicate_of = best
            doc.status = Status.DUPLICATE
            doc.status_reason = f"near-duplicate of {best} (estimated Jaccard {best_score:.2f})"
            return best_score
        return None

    def forget(self, docs: Sequence[Document]) -> None:
        """Drop written documents from the in-memory index: the store answers for them now."""
        self.forget_ids([doc.doc_id for doc in docs])

    def forget_ids(self, doc_ids: Sequence[str]) -> None:
        """`forget`, by document id (what a written batch reports)."""
        for doc_id in doc_ids:
            pending = self._pending_docs.pop(doc_id, None)
            if pending is None:
                continue
            for band, key in enumerate(pending[1]):
                bucket = self._pending.get((band, key))
                if bucket and doc_id in bucket:
                    bucket.remove(doc_id)
                    if not bucket:
                        del self._pending[(band, key)]


def _where(doc: Document) -> tuple[str, str]:
    """Where a document was seen: its outlet and its address (URL, else origin)."""
    return (doc.source or "", doc.url or doc.origin)


def _sighting(doc: Document, original: str, kind: str, similarity: float | None) -> dict[str, Any]:
    """A `sightings` row: `doc` seen as a copy (`kind`) of the stored document `original`."""
    outlet, url = _where(doc)
    return {
        "doc_id": original, "outlet": outlet, "url": url, "published": doc.published,
        "origin": doc.origin, "kind": kind, "similarity": similarity,
        "seen_at": datetime.now(UTC),
    }  # fmt: skip
