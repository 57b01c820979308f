"""Exact and near-duplicate detection across the store and the documents of the current run."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

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
        self._seen: set[str] = set()
        self._pending: dict[tuple[int, int], list[str]] = defaultdict(list)
        # documents of this run not written yet, with their band keys (computed once)
        self._pending_docs: dict[str, tuple[Document, list[int]]] = {}

    def select_new(self, docs: Sequence[Document]) -> tuple[list[Document], int]:
        """The documents not stored yet (duplicates marked), and how many were already known."""
        stored = self.store.existing_ids([d.doc_id for d in docs])
        fresh: list[Document] = []
        for doc in docs:
            if doc.doc_id in stored or doc.doc_id in self._seen:
                continue
            self._seen.add(doc.doc_id)
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
            self._mark(doc, candidates[i])
            if doc.duplicate_of is None:
                for band, key in enumerate(keys[i]):
                    self._pending[(band, key)].append(doc.doc_id)
                self._pending_docs[doc.doc_id] = (doc, keys[i])
        return fresh, len(docs) - len(fresh)

    def _mark(self, doc: Document, candidates: dict[str, tuple[float, str | None]]) -> None:
        best, best_score = None, self.threshold
        for other, (score, duplicate_of) in candidates.items():
            if score >= best_score:
                best, best_score = (duplicate_of or other), score
        if best is not None:
            doc.duplicate_of = best
            doc.status = Status.DUPLICATE
            doc.status_reason = f"near-duplicate of {best} (estimated Jaccard {best_score:.2f})"

    def forget(self, docs: Sequence[Document]) -> None:
        """Drop written documents from the in-memory index: the store answers for them now."""
        for doc in docs:
            pending = self._pending_docs.pop(doc.doc_id, None)
            if pending is None:
                continue
            for band, key in enumerate(pending[1]):
                bucket = self._pending.get((band, key))
                if bucket and doc.doc_id in bucket:
                    bucket.remove(doc.doc_id)
                    if not bucket:
                        del self._pending[(band, key)]
