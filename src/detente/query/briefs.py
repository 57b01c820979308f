"""What a brief reads (`detente report`): a story's facts, merged events by story, id or actor,
quotes of the documents behind them, coverage signals, a pair's shifts and undated events."""

from __future__ import annotations

from typing import Any

from detente.actors.country import country_joins
from detente.corpus.dyads import dyad_series, unplaced_events
from detente.store import Store

__all__ = [
    "actor_name",
    "coverage",
    "dyad_series",
    "merged_events",
    "pair_shifts",
    "quotes_in",
    "story_facts",
    "undated_merged_events",
    "unplaced_events",
]

MAX_QUOTES = 20


def story_facts(store: Store, story_id: str) -> dict[str, Any] | None:
    """The story with this id or id prefix (the first by id when several share it):
    {story_id, headline, first_seen, last_seen, n_docs, sources, key_actors, doc_ids, undated
    (members without a publication date)}; None when there is none."""
    rows = store.records(
        "SELECT story_id, headline, first_seen, last_seen, n_docs, sources, key_actors"
        " FROM stories WHERE story_id = ? OR starts_with(story_id, ?)"
        " ORDER BY story_id <> ?, story_id LIMIT 1",
        [story_id, story_id, story_id],
    )
    if not rows:
        return None
    found = rows[0]
    members = store.query(
        "SELECT m.doc_id, d.doc_id IS NOT NULL AND d.published IS NULL FROM story_members m"
        " LEFT JOIN documents d USING (doc_id) WHERE m.story_id = ?",
        [found["story_id"]],
    )
    found["doc_ids"] = [str(doc) for doc, _ in members]
    found["undated"] = sum(1 for _, undated in members if undated)
    return found


def actor_name(store: Store, code: str) -> str:
    """The knowledge base's name of `code`, or the code itself when it has none."""
    rows = store.query("SELECT name FROM actors WHERE code = ?", [code])
    return str(rows[0][0]) if rows and rows[0][0] is not None else code


_MERGED = (
    "SELECT event_id, story_id, source, target, cameo, codes, date, date_precision,"
    " goldstein, n_sources, sources, doc_ids, wire, disagreement FROM corroborated"
)


def merged_events(
    store: Store,
    *,
    story_id: str | None = None,
    event_ids: list[str] | None = None,
    actor: str | None = None,
) -> list[dict[str, Any]]:
    """Corroborated (merged) events of a story, with these ids, or with `actor` (or a code
    starting with it: RUS → RUSGOV) on either side; oldest first, undated last. Exactly one of
    the three is given."""
    params: list[Any]
    if story_id is not None:
        where, params = "story_id = ?", [story_id]
    elif event_ids is not None:
        where, params = "event_id IN (SELECT unnest(?))", [event_ids]
    elif actor is not None:
        where = "(source = ? OR target = ? OR starts_with(source, ?) OR starts_with(target, ?))"
        params = [actor] * 4
    else:
        raise ValueError("give story_id, event_ids or actor")
    return store.records(f"{_MERGED} WHERE {where} ORDER BY date NULLS LAST, event_id", params)


def undated_merged_events(store: Store, a: str, b: str | None) -> int:
    """How many corroborated events of the pair (or of `a` with anyone), sides rolled up to
    their countries, carry no date: left out of every time series, so counted apart."""
    source_joins, source = country_joins("c.source", "sa")
    target_joins, target = country_joins("c.target", "ta")
    row = store.query(
        f"""WITH ev AS (
               SELECT {source} AS s, {target} AS t
               FROM corroborated c {source_joins} {target_joins}
               WHERE c.date IS NULL AND c.source <> '' AND c.target <> '')
           SELECT count(*) FROM ev
           WHERE s <> t AND (? IN (s, t)) AND (?::VARCHAR IS NULL OR ? IN (s, t))""",
        [a, b, b],
    )
    return int(row[0][0])


def quotes_in(
    store: Store, docs: list[str], codes: tuple[str, ...] | None = None
) -> list[tuple[str, str, str]]:
    """Attributed quotes (direct, partial, indirect) in these documents, as (speaker, speaker
    code, text with its spaces collapsed), in document order; only speakers whose code starts
    with one of `codes` when given; a quote stored twice once; MAX_QUOTES at most."""
    rows = store.query(
        "SELECT coalesce(speaker_name, speaker_text, '?'), speaker_code, text FROM quotes"
        " WHERE doc_id IN (SELECT unnest(?)) AND kind IN ('direct', 'partial', 'indirect')"
        " AND speaker_code <> '' ORDER BY doc_id, idx",
        [docs],
    )
    if codes is not None:
        rows = [r for r in rows if any(r[1].startswith(c) for c in codes)]
    unique = dict.fromkeys((str(s), str(c), " ".join(str(t).split())) for s, c, t in rows)
    return list(unique)[:MAX_QUOTES]  # direct and indirect readings of one quote: once


def coverage(store: Store, docs: list[str]) -> dict[str, Any]:
    """Signals over these documents: {documents (with signals), tone (mean, -1..1),
    sensationalism (mean, 0..1), most_sensational (max)}; None values when there are none."""
    row = store.query(
        "SELECT count(*), avg(tone), avg(sensationalism), max(sensationalism)"
        " FROM signals WHERE doc_id IN (SELECT unnest(?))",
        [docs],
    )[0]
    return {"documents": row[0], "tone": row[1], "sensationalism": row[2],
            "most_sensational": row[3]}  # fmt: skip


def pair_shifts(store: Store, a: str, b: str) -> list[dict[str, Any]]:
    """Shifts flagged for the pair (`a` < `b`, as stored), oldest first: {period, kind, value,
    baseline, z, events (a JSON list of merged event ids)}."""
    return store.records(
        "SELECT period, kind, value, baseline, z, events FROM shifts WHERE a = ? AND b = ?"
        " ORDER BY period",
        [a, b],
    )
