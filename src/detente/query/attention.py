"""Attention over time (the Media Cloud view): how many stored documents match a full-text
search, period by period, as a share of every document stored in that period, with the actors
and words the matches share, and the matches themselves with snippets, page by page.

Duplicates (near-copies kept for their sightings) count in neither the matches nor the totals.
Undated documents have no place on the time line: they are counted apart, and are outside any
date range.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from datetime import date
from typing import Any

from detente.query import lookup
from detente.query.paging import BadQuery
from detente.query.periods import PERIODS, check_range, choose_period, filled, settings
from detente.search import ranking_sql
from detente.store import Store

PER_PAGE = 50
_WORD = re.compile(r"[^\W\d_](?:[\w'’-]*[^\W_])?")


def _base(since: date | None, until: date | None) -> tuple[str, list[Any]]:
    """SQL for the documents counted (doc_id, published) in the range, and its parameters."""
    sql = "SELECT doc_id, published FROM documents WHERE status <> 'duplicate'"
    params: list[Any] = []
    if since:
        sql += " AND published >= ?"
        params.append(since)
    if until:
        sql += " AND published < ? + INTERVAL 1 DAY"
        params.append(until)
    return sql, params


def _hits(store: Store) -> str:
    return f"SELECT doc_id, score FROM ({ranking_sql(store)}) WHERE score IS NOT NULL"


def attention(
    store: Store,
    q: str,
    since: date | None = None,
    until: date | None = None,
    period: str | None = None,
    top: int = 15,
) -> dict[str, Any]:
    """Documents matching `q` per period as a share of all documents stored in the period.

    Returns {q, period, first, last, series: [{period (date), label, matches, total, share}],
    matches, total, undated: {matches, total}, actors: [{code, name, documents, share}],
    terms: [{term, documents, share}]}; `share` is 0..1, None for a period with no stored
    document at all (a gap). The period is `period` when given, else day, week or month by the
    span (see periods.choose_period). Raises BadQuery for an empty query or a bad period.
    """
    if not q.strip():
        raise BadQuery("give words to search for")
    if period is not None and period not in PERIODS:
        raise BadQuery("period must be day, week or month")
    check_range(since, until)
    base, params = _base(since, until)
    span = store.records(
        f"SELECT min(published)::DATE AS first, max(published)::DATE AS last,"
        f" count(DISTINCT published::DATE) AS days FROM ({base})",
        params,
    )[0]
    period = period or choose_period(span["first"], span["last"], stored_days=span["days"])
    rows = store.records(
        f"""SELECT date_trunc('{period}', b.published)::DATE AS period, count(*) AS total,
                   count(h.doc_id) AS matches
            FROM ({base}) b LEFT JOIN ({_hits(store)}) h USING (doc_id) GROUP BY 1""",
        [*params, q],
    )
    undated = next((r for r in rows if r["period"] is None), {"total": 0, "matches": 0})
    dated = [r for r in rows if r["period"] is not None]
    series = []
    if span["first"] is not None:
        empty = {"total": 0, "matches": 0}
        series = filled(dated, period, span["first"], span["last"], empty)
    for row in series:
        row["share"] = row["matches"] / row["total"] if row["total"] else None
    matches = sum(r["matches"] for r in rows)
    return {
        "q": q, "period": period, "first": span["first"], "last": span["last"],
        "series": series, "matches": matches, "total": sum(r["total"] for r in rows),
        "undated": {"matches": undated["matches"], "total": undated["total"]},
        "actors": top_actors(store, q, since, until, matches, top),
        "terms": top_terms(store, q, since, until, matches, top),
    }  # fmt: skip


def top_actors(
    store: Store, q: str, since: date | None, until: date | None, matches: int, limit: int = 15
) -> list[dict[str, Any]]:
    """The actors named in most matching documents: [{code, name, documents, mentions, share}]
    (share of the matching documents, 0..1)."""
    base, params = _base(since, until)
    rows = store.records(
        f"""SELECT m.actor_code AS code, count(DISTINCT m.doc_id) AS documents,
                   count(*) AS mentions
            FROM mentions m JOIN ({base}) b USING (doc_id) JOIN ({_hits(store)}) h USING (doc_id)
            WHERE m.actor_code <> '' GROUP BY 1
            ORDER BY documents DESC, mentions DESC, code LIMIT ?""",
        [*params, q, limit],
    )
    names = lookup.actor_names(store, [r["code"] for r in rows])
    for row in rows:
        row["name"] = names.get(row["code"], "")
        row["share"] = row["documents"] / matches if matches else 0.0
    return rows


def top_terms(
    store: Store, q: str, since: date | None, until: date | None, matches: int, limit: int = 25
) -> list[dict[str, Any]]:
    """The words most matching documents use in their headline and body: [{term, documents,
    share}], read from the best-ranked matches (views.yaml `terms`), stop words and the
    searched words left out; `share` is of the documents read."""
    conf = settings()["terms"]
    base, params = _base(since, until)
    texts = store.query(
        f"""WITH best AS (SELECT h.doc_id FROM ({base}) b JOIN ({_hits(store)}) h USING (doc_id)
                          ORDER BY h.score DESC, h.doc_id LIMIT ?)
            SELECT string_agg(substr(d.text, s.start_char + 1, s.end_char - s.start_char), ' ')
            FROM best JOIN documents d USING (doc_id) JOIN segments s USING (doc_id)
            WHERE s.kind IN ('headline', 'body') GROUP BY d.doc_id""",
        [*params, q, int(conf["documents"])],
    )
    skip = set(conf["stopwords"]) | set(query_words(q))
    shortest = int(conf["min_length"])
    counts: Counter[str] = Counter()
    for (text,) in texts:
        words = {w.strip("'’-") for w in _WORD.findall(str(text or "").lower())}
        counts.update(w for w in words if len(w) >= shortest and w not in skip)
    read = len(texts)
    return [
        {"term": term, "documents": n, "share": n / read if read else 0.0}
        for term, n in counts.most_common(min(limit, int(conf["top"])))
    ]


def query_words(q: str) -> list[str]:
    """The words of a search, lower case, in order ('"Kim Jong Un" talks' → kim, jong, un, talks)."""
    return [w.lower() for w in _WORD.findall(q)]


def matching_documents(
    store: Store, q: str, since: date | None = None, until: date | None = None, page: int = 1
) -> dict[str, Any]:
    """One page (PER_PAGE, best first) of the documents matching `q` in the range, each with a
    snippet around its first hit: {items: [{doc_id, title, source, url, published, status,
    score, events, snippet: {before, hit, after}}], page, pages, total}. Raises BadQuery for a
    page number below 1."""
    if page < 1:
        raise BadQuery("page numbers start at 1")
    base, params = _base(since, until)
    total = store.query(
        f"SELECT count(*) FROM ({base}) b JOIN ({_hits(store)}) h USING (doc_id)", [*params, q]
    )[0][0]
    rows = store.records(
        f"""SELECT d.doc_id, d.title, d.source, d.url, d.published, d.status, h.score,
                   (SELECT count(*) FROM events e WHERE e.doc_id = d.doc_id) AS events, d.text
            FROM ({base}) b JOIN ({_hits(store)}) h USING (doc_id) JOIN documents d USING (doc_id)
            ORDER BY h.score DESC, d.doc_id LIMIT ? OFFSET ?""",
        [*params, q, PER_PAGE, (page - 1) * PER_PAGE],
    )
    words = query_words(q)
    for row in rows:
        text, title = str(row.pop("text") or ""), str(row["title"] or "")
        body = text[len(title) :] if title and text.startswith(title) else text  # title shown
        row["snippet"] = snippet(body.lstrip(), words)
    return {"items": rows, "page": page, "pages": max(1, math.ceil(total / PER_PAGE)),
            "total": total}  # fmt: skip


def snippet(text: str, words: list[str], width: int | None = None) -> dict[str, str]:
    """The text around the first word that starts like one of `words` (case-insensitive; each
    less its last letters, as views.yaml `snippets` says, since the search stems), cut at
    spaces: {before, hit, after}, with '…' where it was cut; the opening when none occurs."""
    conf = settings()["snippets"]
    width = width or int(conf["chars"])
    keep, trim = int(conf["keep"]), int(conf["trim"])
    forms = {  # a short word stands for itself only
        re.escape(w[: max(keep, len(w) - trim)]) + r"\w*" if len(w) > keep else re.escape(w) + r"\b"
        for w in words
        if w
    }
    pattern = "|".join(sorted(forms, key=len, reverse=True))
    found = re.search(rf"\b(?:{pattern})", text, re.IGNORECASE) if pattern else None
    if found is None:
        head = " ".join(text[: 2 * width].split())
        return {"before": "", "hit": "", "after": head + ("…" if len(text) > 2 * width else "")}
    start, end = found.span()
    left, right = text[max(0, start - width) : start], text[end : end + width]
    if start > width and " " in left:
        left = "…" + left[left.index(" ") + 1 :]
    if end + width < len(text) and " " in right:
        right = right[: right.rindex(" ")] + "…"
    before = " ".join(left.split()) + (" " if left[-1:].isspace() else "")
    after = (" " if right[:1].isspace() else "") + " ".join(right.split())
    return {"before": before, "hit": found.group(0), "after": after}


def every_match(
    store: Store, q: str, since: date | None = None, until: date | None = None
) -> list[dict[str, Any]]:
    """Every matching document (up to views.yaml's max_download_rows), best first:
    [{doc_id, title, source, url, published, score}] for a download."""
    base, params = _base(since, until)
    return store.records(
        f"""SELECT d.doc_id, d.title, d.source, d.url, d.published, h.score
            FROM ({base}) b JOIN ({_hits(store)}) h USING (doc_id) JOIN documents d USING (doc_id)
            ORDER BY h.score DESC, d.doc_id LIMIT ?""",
        [*params, q, int(settings()["max_download_rows"])],
    )
