"""The lists a terminal reads: documents newest first, one document's facts, and the coded
events, quotes and mentions in document order, filtered by code prefixes, each with its total.

These answer the command line's questions (`detente list`, `show`, `events`, `quotes`,
`actors`, `stories`). They differ from the paginated lists in `reads` on purpose: an actor
filter here is a code prefix (RUS matches RUSGOV and RUSMIL, and composed codes the knowledge
base does not list), rows come in reading order (document, then position) and a limit is not
capped.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from detente.model import Document, Signals
from detente.store import Store


def latest_documents(
    store: Store, status: str | None = None, limit: int = 50
) -> list[dict[str, Any]]:
    """Stored documents, newest published first; undated ones last, latest ingested first.

    Dicts with `doc_id`, `status`, `day` (published, as 'YYYY-MM-DD', or 'undated'),
    `language` (None when unknown), `title` and `origin`; only `status` ones when given.
    """
    return store.records(
        "SELECT doc_id, status, coalesce(published::DATE::VARCHAR, 'undated') AS day,"
        " language, title, origin FROM documents WHERE ? IS NULL OR status = ?"
        " ORDER BY published DESC NULLS LAST, ingested_at DESC, doc_id LIMIT ?",
        [status, status, limit],
    )


@dataclass
class DocumentFacts:
    """A stored document with what the analysis found in it, as `detente show` prints it."""

    document: Document
    sentences: int
    mentions: list[tuple[str, str]]  # (text, actor code) of linked mentions, in reading order
    events: list[dict[str, Any]]  # source, cameo, target, modality, background, polarity
    quotes: list[dict[str, Any]]  # kind, speaker (name as known, else as written, else '?'),
    # speaker_code, text; scare quotes left out
    signals: Signals | None


def document_facts(store: Store, doc_id: str) -> DocumentFacts | None:
    """The document `doc_id` (a whole id) with its sentence count, linked mentions, events,
    quotes and signals, in reading order; None when the store does not hold it."""
    doc = store.document(doc_id)
    if doc is None:
        return None
    mentions = store.query(
        "SELECT text, actor_code FROM mentions WHERE doc_id = ? AND actor_code <> '' ORDER BY idx",
        [doc_id],
    )
    events = store.records(
        "SELECT source, cameo, target, modality, background, polarity FROM events"
        " WHERE doc_id = ? ORDER BY idx",
        [doc_id],
    )
    quotes = store.records(
        "SELECT kind, coalesce(speaker_name, speaker_text, '?') AS speaker, speaker_code, text"
        " FROM quotes WHERE doc_id = ? AND kind <> 'scare' ORDER BY idx",
        [doc_id],
    )
    sentences = store.query("SELECT count(*) FROM sentences WHERE doc_id = ?", [doc_id])
    signals = store.query("SELECT data FROM signals WHERE doc_id = ?", [doc_id])
    return DocumentFacts(
        document=doc,
        sentences=int(sentences[0][0]),
        mentions=[(str(text), str(code)) for text, code in mentions],
        events=events,
        quotes=quotes,
        signals=Signals.model_validate_json(signals[0][0]) if signals else None,
    )


def document_mentions(store: Store, doc_id: str) -> list[dict[str, Any]]:
    """Every actor mention of the document `doc_id` (a whole id), in reading order: dicts with
    `segment` (its index), `mention` (the text), `code` ('' when unlinked), `actor` and
    `person` ('' when none), `method` (how it was linked) and `confidence` (0-1)."""
    return store.records(
        "SELECT segment, text AS mention, actor_code AS code, coalesce(actor_name, '') AS actor,"
        " coalesce(person, '') AS person, method, confidence FROM mentions"
        " WHERE doc_id = ? ORDER BY idx",
        [doc_id],
    )


def top_actors(store: Store, limit: int = 25) -> list[dict[str, Any]]:
    """The most-mentioned actor codes of the corpus, most first: dicts with `code`, `actor`
    (its name), `mentions`, `documents` and `people` (the people mentioned under the code,
    comma-separated, None when none)."""
    return store.records(
        "SELECT m.actor_code AS code, coalesce(a.name, any_value(m.actor_name)) AS actor,"
        " count(*) AS mentions, count(DISTINCT m.doc_id) AS documents,"
        " string_agg(DISTINCT m.person, ', ') FILTER (WHERE m.person IS NOT NULL) AS people"
        " FROM mentions m LEFT JOIN actors a ON a.code = m.actor_code"
        " WHERE m.actor_code <> '' GROUP BY m.actor_code, a.name"
        " ORDER BY mentions DESC, m.actor_code LIMIT ?",
        [limit],
    )


_EVENTS_WHERE = (
    " FROM events e WHERE (? IS NULL OR e.doc_id = ?)"
    " AND (? IS NULL OR starts_with(e.source, ?) OR starts_with(e.target, ?))"
    " AND (? IS NULL OR e.root = ?) AND (? OR NOT e.background)"
)


def _event_params(
    doc_id: str | None, actor: str | None, root: str | None, background: bool
) -> list[Any]:
    return [doc_id, doc_id, actor, actor, actor, root, root, background]


def events_in_order(
    store: Store,
    *,
    doc_id: str | None = None,
    actor: str | None = None,
    root: str | None = None,
    background: bool = True,
    limit: int = 50,
) -> list[dict[str, Any]]:
    """Coded events in document order (document id, then position), at most `limit`.

    Filters: `doc_id` (a whole id), `actor` (a source or target code prefix, as stored: upper
    case), `root` (a CAMEO root as stored: '05'), `background` (False leaves background events
    out). Dicts with `doc_id`, `source`, `cameo`, `target`, `polarity`, `modality`,
    `background`, `day` (the event's date or None), `precision` (day/week/month/year or None),
    `evidence` (the sentence), `source_person` and `target_person` (the person's name when a
    person acts under the code, else None).
    """
    return store.records(
        "SELECT e.doc_id, e.source, e.cameo, e.target, e.polarity, e.modality,"
        " e.background, e.date AS day, e.date_precision AS precision, e.evidence_text AS evidence,"
        " CASE WHEN e.source_person IS NOT NULL THEN e.source_name END AS source_person,"
        " CASE WHEN e.target_person IS NOT NULL THEN e.target_name END AS target_person"
        + _EVENTS_WHERE
        + " ORDER BY e.doc_id, e.idx LIMIT ?",
        [*_event_params(doc_id, actor, root, background), limit],
    )


def count_events(
    store: Store,
    *,
    doc_id: str | None = None,
    actor: str | None = None,
    root: str | None = None,
    background: bool = True,
) -> int:
    """How many events `events_in_order` finds with the same filters, without a limit."""
    rows = store.query(
        "SELECT count(*)" + _EVENTS_WHERE, _event_params(doc_id, actor, root, background)
    )
    return int(rows[0][0])


_QUOTES_WHERE = (
    " FROM quotes WHERE (? IS NULL OR doc_id = ?)"
    " AND (? IS NULL OR starts_with(speaker_code, ?) OR speaker_person = ?"
    " OR lower(speaker_name) = lower(?))"
    " AND (? OR kind <> 'scare')"
)


def _quote_params(doc_id: str | None, speaker: str | None, scare: bool) -> list[Any]:
    from detente.actors.kb import slug

    code = speaker.strip().upper() if speaker and speaker.strip() else None
    person = slug(speaker) if speaker and code else None
    return [doc_id, doc_id, code, code, person, speaker, scare]


def quotes_in_order(
    store: Store,
    *,
    doc_id: str | None = None,
    speaker: str | None = None,
    scare: bool = False,
    limit: int = 50,
) -> list[dict[str, Any]]:
    """Quotes in document order (document id, then position), at most `limit`.

    Filters: `doc_id` (a whole id); `speaker`: a speaker code or its prefix in any case
    ('prk' finds PRKGOV), a person id or a person's name as written in the KB ('Kim Jong Un');
    `scare` (False leaves scare quotes out). Dicts with `doc_id`, `speaker_text` (as written),
    `speaker_name` (as known), `speaker_confidence` (0-1 or None), `speaker_code`, `kind`
    (direct, partial, indirect, scare), `verb` and `text`.
    """
    return store.records(
        "SELECT doc_id, speaker_text, speaker_name, speaker_confidence, speaker_code, kind,"
        " verb, text" + _QUOTES_WHERE + " ORDER BY doc_id, idx LIMIT ?",
        [*_quote_params(doc_id, speaker, scare), limit],
    )


def count_quotes(
    store: Store, *, doc_id: str | None = None, speaker: str | None = None, scare: bool = False
) -> int:
    """How many quotes `quotes_in_order` finds with the same filters, without a limit."""
    rows = store.query("SELECT count(*)" + _QUOTES_WHERE, _quote_params(doc_id, speaker, scare))
    return int(rows[0][0])


def largest_stories(store: Store, limit: int = 20) -> list[dict[str, Any]]:
    """Stories told by the most outlets first (then the most documents, then the earliest):
    dicts with `story_id`, `headline`, `first` and `last` (days as 'YYYY-MM-DD', or
    'undated'), `docs`, `outlets` (how many distinct sources) and `actors` (key actor codes)."""
    return store.records(
        "SELECT story_id, headline, coalesce(first_seen::VARCHAR, 'undated') AS first,"
        " coalesce(last_seen::VARCHAR, 'undated') AS last, n_docs AS docs,"
        " len(sources) AS outlets, coalesce(key_actors, []) AS actors FROM stories"
        " ORDER BY len(sources) DESC, n_docs DESC, first_seen NULLS LAST LIMIT ?",
        [limit],
    )
