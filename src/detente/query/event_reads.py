"""Reads of coded events: the list with its filters, each event with its evidence."""

from __future__ import annotations

from datetime import date
from typing import Any

from detente.actors.country import country_joins
from detente.corpus.dyads import dyad_series
from detente.query.paging import Filters, Page, codes_sql, page
from detente.store import Store

EVENT_LIST = """
SELECT e.doc_id, e.idx, e.source, e.source_name, e.source_person, e.target, e.target_name,
       e.target_person, e.cameo, e.root,
       e.quad_class, e.goldstein, e.plover_type, e.plover_mode, e.polarity, e.modality,
       e.background, e.speaker, e.date, e.date_precision, e.trigger, e.evidence_start,
       e.evidence_end, e.evidence_text, e.confidence, d.title, d.source AS outlet, d.url,
       coalesce(strftime(e.date, '%Y-%m-%d'), '') AS sort_date
FROM events e JOIN documents d USING (doc_id)
"""


def list_events(
    store: Store,
    *,
    actor: str | None = None,
    dyad: tuple[str, str] | None = None,
    root: str | None = None,
    quad_class: int | None = None,
    modality: str | None = None,
    polarity: str | None = None,
    doc_id: str | None = None,
    outlet: str | None = None,
    since: date | None = None,
    until: date | None = None,
    cursor: str | None = None,
    limit: int = 50,
) -> Page:
    """Coded events (one row per event of a document, with its evidence sentence's offsets
    and text and the document's title, outlet and url), newest event date first, undated
    last, one page. `actor` and each side of `dyad` take their sub-actors too (RUS: RUSGOV);
    `root` is a CAMEO root as stored ('05'); `outlet` is a document's source as stored;
    `since`/`until` are inclusive days of the event's own date, and leave undated events out."""
    f = event_filters(
        actor=actor, dyad=dyad, root=root, quad_class=quad_class, modality=modality,
        polarity=polarity, doc_id=doc_id, outlet=outlet, since=since, until=until,
    )  # fmt: skip
    return page(store, EVENT_LIST, f, ["sort_date", "doc_id", "idx"], cursor, limit)


def event_filters(
    *,
    actor: str | None = None,
    dyad: tuple[str, str] | None = None,
    root: str | None = None,
    quad_class: int | None = None,
    modality: str | None = None,
    polarity: str | None = None,
    doc_id: str | None = None,
    outlet: str | None = None,
    since: date | None = None,
    until: date | None = None,
) -> Filters:
    """The SQL conditions of `list_events`' filters, over `events e JOIN documents d`."""
    f = Filters()
    if actor:
        f.add(f"({codes_sql('e.source')} OR {codes_sql('e.target')})", *[actor] * 4)
    if dyad:
        a, b = dyad
        f.add(
            f"(({codes_sql('e.source')} AND {codes_sql('e.target')})"
            f" OR ({codes_sql('e.source')} AND {codes_sql('e.target')}))",
            a, a, b, b, b, b, a, a,
        )  # fmt: skip
    f.add("e.root = ?", root, when=root)
    f.add("e.quad_class = ?", quad_class, when=quad_class)
    f.add("e.modality = ?", modality, when=modality)
    f.add("e.polarity = ?", polarity, when=polarity)
    f.add("e.doc_id = ?", doc_id, when=doc_id)
    f.add("d.source = ?", outlet, when=outlet)  # the outlet of the document
    # An event's date is its own (the publication day only when the coder chose it); an
    # undated event ('' sorts last in this descending order) is outside every date filter.
    f.add("e.date >= ?", since, when=since)
    f.add("e.date <= ?", until, when=until)
    return f


def count_events(store: Store, **filters: Any) -> int:
    """How many events `list_events` lists for the same filters (every page together)."""
    f = event_filters(**filters)
    found = store.query(f"SELECT count(*) FROM ({EVENT_LIST} {f.sql()}) t", f.params)
    return int(found[0][0])


def dyad_events(
    store: Store, a: str, b: str, since: date | None = None, period: str = "week"
) -> list[dict[str, Any]]:
    """The merged (corroborated) events between the countries `a` and `b`, the very set the
    dyad chart counts (`corpus.dyads.dyad_series`), newest first, undated last.

    Each: {event_id, date, date_precision, source, target, cameo, root, quad_class, goldstein,
    n_sources, charted (bool: in a bar of the `period` chart; False for an event dated too
    coarsely or not at all), reports: [{doc_id, title, outlet, evidence_text (the sentence
    a member document codes it from with the same root, or '' where the pair was inferred
    across documents), source, target, cameo}]}."""
    charted = {i for row in dyad_series(store, a, b, period, since) for i in row["event_ids"]}
    source_joins, source = country_joins("c.source", "sa")
    target_joins, target = country_joins("c.target", "ta")
    first, second = sorted((a, b))
    rows = store.records(
        f"""SELECT c.event_id, c.date, c.date_precision, c.source, c.target, c.cameo, c.root,
                   c.quad_class, c.goldstein, c.n_sources, c.doc_ids
            FROM corroborated c {source_joins} {target_joins}
            WHERE least({source}, {target}) = ? AND greatest({source}, {target}) = ?
              AND (?::DATE IS NULL OR c.date >= ?)
            ORDER BY c.date DESC NULLS LAST, c.event_id""",
        [first, second, since, since],
    )
    for row in rows:
        row["charted"] = row["event_id"] in charted
        row["reports"] = _reports(store, row.pop("doc_ids") or [], row["root"])
    return rows


def _reports(store: Store, doc_ids: list[str], root: str) -> list[dict[str, Any]]:
    """The member documents of a merged event, each with its own sentence of that root."""
    return store.records(
        """SELECT d.doc_id, d.title, d.source AS outlet,
                  coalesce(arg_min(e.evidence_text, e.idx), '') AS evidence_text,
                  coalesce(arg_min(e.source, e.idx), '') AS source,
                  coalesce(arg_min(e.target, e.idx), '') AS target,
                  coalesce(arg_min(e.cameo, e.idx), '') AS cameo
           FROM documents d LEFT JOIN events e ON e.doc_id = d.doc_id AND e.root = ?
           WHERE list_contains(?, d.doc_id)
           GROUP BY d.doc_id, d.title, d.source, d.published
           ORDER BY d.published NULLS LAST, d.doc_id""",
        [root, doc_ids],
    )
