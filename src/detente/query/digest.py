"""What a digest reads (`detente digest`): a period's documents, new stories, the country
pairs that changed most, shifts and the most quoted speakers.

Documents are placed in time by their publication date only, so undated ones fall in no
period; `undated_read` counts those read in a period apart.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from detente.actors.country import country_joins
from detente.store import Store


def period_documents(store: Store, since: datetime, until: datetime) -> dict[str, int]:
    """{n, outlets}: documents published in [since, until) and their distinct outlets."""
    return store.records(
        "SELECT count(*) AS n, count(DISTINCT d.source) AS outlets FROM documents d"
        " WHERE d.published >= ? AND d.published < ?",
        [since, until],
    )[0]


def undated_read(store: Store, since: datetime, until: datetime) -> int:
    """Documents without a publication date that were read (ingested) in [since, until)."""
    return int(
        store.query(
            "SELECT count(*) FROM documents WHERE published IS NULL"
            " AND ingested_at >= ? AND ingested_at < ?",
            [since, until],
        )[0][0]
    )


def new_stories(
    store: Store, since: datetime, until: datetime, limit: int = 15
) -> list[dict[str, Any]]:
    """Stories first seen between the days of `since` and `until` (inclusive), most outlets
    first: {story_id, headline, first_seen, n_docs, outlets, key_actors}."""
    return store.records(
        "SELECT story_id, headline, first_seen, n_docs, len(sources) AS outlets, key_actors"
        " FROM stories WHERE first_seen >= ?::DATE AND first_seen <= ?::DATE"
        " ORDER BY len(sources) DESC, n_docs DESC, story_id LIMIT ?",
        [since, until, limit],
    )


def shifts_from(store: Store, since: datetime) -> list[dict[str, Any]]:
    """Shifts flagged for weeks from the day of `since` on: {a, b, period, kind, z}."""
    return store.records(
        "SELECT a, b, period, kind, z FROM shifts WHERE period >= ?::DATE ORDER BY period, a, b",
        [since],
    )


def most_quoted(
    store: Store, since: datetime, until: datetime, limit: int = 10
) -> list[dict[str, Any]]:
    """Speakers with a code quoted most in documents published in [since, until):
    {speaker, speaker_code, quotes, documents}."""
    return store.records(
        "SELECT coalesce(q.speaker_name, q.speaker_text) AS speaker, q.speaker_code,"
        " count(*) AS quotes, count(DISTINCT q.doc_id) AS documents"
        " FROM quotes q JOIN documents d USING (doc_id)"
        " WHERE d.published >= ? AND d.published < ? AND q.speaker_code <> ''"
        " GROUP BY 1, 2 ORDER BY quotes DESC, speaker LIMIT ?",
        [since, until, limit],
    )


def dyad_changes(
    store: Store, since: datetime, until: datetime, limit: int = 10
) -> list[dict[str, Any]]:
    """Country pairs by how much their event count and Goldstein sum moved in [since, until)
    against the period of the same length before: {a, b, events, before, goldstein,
    goldstein_before}; background events left out."""
    before = since - (until - since)
    source_joins, source = country_joins("e.source", "sa")
    target_joins, target = country_joins("e.target", "ta")
    return store.records(
        f"""WITH ev AS (
               SELECT least({source}, {target}) AS a, greatest({source}, {target}) AS b,
                      e.goldstein, d.published >= ? AS now
               FROM events e JOIN documents d USING (doc_id) {source_joins} {target_joins}
               WHERE e.source <> '' AND e.target <> '' AND NOT e.background
                 AND d.published >= ? AND d.published < ?)
           SELECT * FROM (
           SELECT a, b, count(*) FILTER (WHERE now) AS events,
                  count(*) FILTER (WHERE NOT now) AS before,
                  coalesce(sum(goldstein) FILTER (WHERE now), 0) AS goldstein,
                  coalesce(sum(goldstein) FILTER (WHERE NOT now), 0) AS goldstein_before
           FROM ev WHERE a <> b GROUP BY a, b)
           ORDER BY abs(events - before) + abs(goldstein - goldstein_before) / 10 DESC, a, b
           LIMIT ?""",
        [since, before, until, limit],
    )
