"""Reads of coded events: the list with its filters, each event with its evidence."""

from __future__ import annotations

from datetime import date

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
    return page(store, EVENT_LIST, f, ["sort_date", "doc_id", "idx"], cursor, limit)
