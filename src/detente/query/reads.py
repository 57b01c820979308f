"""The read model behind the REST API and the web pages: plain SQL over the store, paginated.

Lists use keyset pagination: a cursor is the sort key of the last row served, so a page is
stable while documents are added. Every function takes a `Store` and opens its own cursor, so
the server's threads can read at once.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from detente.corpus.dyads import dyad_series
from detente.errors import DetenteError
from detente.export import document_records
from detente.query import names
from detente.search import matching_sql, ranking_sql
from detente.store import Store

MAX_LIMIT = 200


class BadQuery(DetenteError):
    """A parameter that cannot be used as given (a malformed cursor, an unknown filter value)."""


@dataclass
class Page:
    items: list[dict[str, Any]]
    next_cursor: str | None

    def as_dict(self) -> dict[str, Any]:
        return {"items": self.items, "next_cursor": self.next_cursor}


@dataclass
class Filters:
    """SQL conditions and their parameters, built up one optional filter at a time."""

    where: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)

    def add(self, condition: str, *params: Any, when: object = True) -> None:
        if when is not None and when is not False and when != "":
            self.where.append(condition)
            self.params.extend(params)

    def sql(self) -> str:
        return f"WHERE {' AND '.join(self.where)}" if self.where else ""


def _encode_cursor(key: list[Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(key).encode()).decode().rstrip("=")


def _decode_cursor(cursor: str, width: int) -> list[Any]:
    try:
        key = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (ValueError, binascii.Error) as exc:
        raise BadQuery(f"cursor {cursor[:40]!r} is not one this server gave out") from exc
    if not isinstance(key, list) or len(key) != width:
        raise BadQuery(f"cursor {cursor[:40]!r} is not one this server gave out")
    return key


def _page(
    store: Store, sql: str, filters: Filters, keys: list[str], cursor: str | None, limit: int
) -> Page:
    """Rows of `sql` (which selects the `keys` columns) in descending key order, one page."""
    limit = max(1, min(limit, MAX_LIMIT))
    outer = Filters()
    if cursor:
        key = _decode_cursor(cursor, len(keys))
        outer.add(f"({', '.join(keys)}) < ({', '.join('?' * len(keys))})", *key)
    order = ", ".join(f"{k} DESC" for k in keys)
    rows = store.records(
        f"SELECT * FROM ({sql} {filters.sql()}) t {outer.sql()} ORDER BY {order} LIMIT ?",
        [*filters.params, *outer.params, limit + 1],
    )
    more = len(rows) > limit
    rows = rows[:limit]
    following = _encode_cursor([rows[-1][k] for k in keys]) if more else None
    return Page(rows, following)


def _codes(column: str) -> str:
    """SQL: `column` is the actor code given, or one of its sub-actors (RUS → RUSGOV, RUSMIL)."""
    return f"({column} = ? OR {column} IN (SELECT code FROM actors WHERE country = ?))"


# ---- corpus overview ------------------------------------------------------------------


def stats(store: Store) -> dict[str, Any]:
    row = store.records(
        """SELECT (SELECT count(*) FROM documents) AS documents,
                  (SELECT count(*) FROM documents WHERE status = 'analysed') AS analysed,
                  (SELECT count(*) FROM documents WHERE status = 'duplicate') AS duplicates,
                  (SELECT count(*) FROM documents WHERE status = 'not_analysed') AS not_analysed,
                  (SELECT count(DISTINCT source) FROM documents) AS sources,
                  (SELECT count(*) FROM mentions WHERE actor_code <> '') AS linked_mentions,
                  (SELECT count(DISTINCT actor_code) FROM mentions WHERE actor_code <> '') AS actors,
                  (SELECT count(*) FROM events) AS events,
                  (SELECT count(*) FROM quotes) AS quotes,
                  (SELECT count(*) FROM stories) AS stories,
                  (SELECT count(*) FROM shifts) AS shifts,
                  (SELECT min(published)::DATE FROM documents) AS first_published,
                  (SELECT max(published)::DATE FROM documents) AS last_published,
                  (SELECT count(*) FROM documents WHERE published IS NULL) AS undated""",
    )
    return row[0]


# ---- documents -----------------------------------------------------------------------

_DOCUMENT_LIST = """
SELECT d.doc_id, d.title, d.source, d.url, d.origin, d.published, d.language, d.status,
       d.duplicate_of, s.tone, s.sensationalism, s.comments, s.removed,
       (SELECT count(*) FROM events e WHERE e.doc_id = d.doc_id) AS events,
       m.story_id,
       coalesce(strftime(d.published, '%Y-%m-%dT%H:%M:%S'), '') AS sort_date
FROM documents d LEFT JOIN signals s USING (doc_id) LEFT JOIN story_members m USING (doc_id)
"""


def list_documents(
    store: Store,
    *,
    q: str | None = None,
    source: str | None = None,
    language: str | None = None,
    status: str | None = None,
    actor: str | None = None,
    story: str | None = None,
    since: date | None = None,
    until: date | None = None,
    cursor: str | None = None,
    limit: int = 50,
) -> Page:
    f = Filters()
    f.add("d.source = ?", source, when=source)
    f.add("d.language = ?", language, when=language)
    f.add("d.status = ?", status, when=status)
    f.add("m.story_id = ?", story, when=story)
    f.add("d.published >= ?", since, when=since)
    f.add("d.published < ? + INTERVAL 1 DAY", until, when=until)
    f.add(
        f"d.doc_id IN (SELECT doc_id FROM mentions WHERE {_codes('actor_code')})",
        actor,
        actor,
        when=actor,
    )
    f.add(f"d.doc_id IN ({matching_sql(store)})", q, when=q)
    return _page(store, _DOCUMENT_LIST, f, ["sort_date", "doc_id"], cursor, limit)


def search(store: Store, q: str, limit: int = 50) -> list[dict[str, Any]]:
    """Documents matching `q`, best first (BM25 over title and text), with the list's columns."""
    ranked = f"SELECT doc_id, score FROM ({ranking_sql(store)}) WHERE score IS NOT NULL"
    return store.records(
        f"SELECT l.*, r.score FROM ({_DOCUMENT_LIST}) l JOIN ({ranked}) r USING (doc_id)"
        " ORDER BY r.score DESC, l.doc_id LIMIT ?",
        [q, max(1, min(limit, MAX_LIMIT))],
    )


def document(store: Store, doc_id: str) -> dict[str, Any] | None:
    """The stored document with segments, mentions, events, quotes and signals (the export shape)."""
    for record in document_records(store, doc_id):
        return record
    return None


def resolve_document(store: Store, prefix: str) -> str | None:
    rows = store.records(
        "SELECT doc_id FROM documents WHERE starts_with(doc_id, ?) LIMIT 2", [prefix]
    )
    return str(rows[0]["doc_id"]) if len(rows) == 1 else None


# ---- actors --------------------------------------------------------------------------


def search_actors(store: Store, q: str = "", limit: int = 50) -> list[dict[str, Any]]:
    """Actors by code or name (people too), those mentioned most first."""
    like = f"%{q.strip().lower()}%"
    return store.records(
        """WITH counts AS (SELECT actor_code AS code, count(*) AS mentions,
                                  count(DISTINCT doc_id) AS documents
                           FROM mentions WHERE actor_code <> '' GROUP BY 1)
           SELECT a.code, a.name, a.kind, a.country, coalesce(c.mentions, 0) AS mentions,
                  coalesce(c.documents, 0) AS documents
           FROM actors a LEFT JOIN counts c USING (code)
           WHERE ? = '%%' OR lower(a.code) LIKE ? OR lower(a.name) LIKE ?
              OR a.code IN (SELECT DISTINCT m.actor_code FROM mentions m JOIN people p
                            ON p.person = m.person WHERE lower(p.name) LIKE ?)
           ORDER BY mentions DESC, a.code LIMIT ?""",
        [like, like, like, like, max(1, min(limit, MAX_LIMIT))],
    )


def actor_profile(store: Store, code: str, period: str = "month") -> dict[str, Any] | None:
    """An actor: what it is, who held office in it, mentions over time, counterparts, quotes."""
    found = store.records("SELECT code, name, kind, country FROM actors WHERE code = ?", [code])
    found = found or names.unlisted_actors(store, code)  # GBRGOVLAB: a party in government
    if not found:
        return None
    if period not in ("day", "week", "month"):
        raise BadQuery("period must be day, week or month")
    people = store.records(
        """SELECT p.person, p.name, r.role.title AS title, r.role."start" AS "start",
                  r.role."end" AS "end", r.role.actor AS actor
           FROM people p, unnest(from_json(p.roles, '[{"actor":"VARCHAR","title":"VARCHAR",
                "start":"VARCHAR","end":"VARCHAR"}]')) AS r(role)
           WHERE """
        + _codes("r.role.actor")
        + """ ORDER BY r.role."start" DESC NULLS LAST LIMIT 60""",
        [code, code],
    )
    timeline = store.records(
        f"""SELECT date_trunc('{period}', d.published)::DATE AS period,
                   count(*) AS mentions, count(DISTINCT m.doc_id) AS documents
            FROM mentions m JOIN documents d USING (doc_id)
            WHERE {_codes("m.actor_code")} AND d.published IS NOT NULL GROUP BY 1 ORDER BY 1""",
        [code, code],
    )
    return {
        **found[0],
        "people": people,
        "mentions_over_time": timeline,
        "counterparts": counterparts(store, code),
        "quotes": quotes_by(store, code),
    }


def counterparts(store: Store, code: str, limit: int = 15) -> list[dict[str, Any]]:
    """The actors `code` deals with most in coded events, with the balance of those dealings."""
    return store.records(
        f"""WITH mine AS (
                SELECT CASE WHEN {_codes("e.source")} THEN e.target ELSE e.source END AS other,
                       e.goldstein, e.quad_class
                FROM events e
                WHERE ({_codes("e.source")} OR {_codes("e.target")})
                  AND e.source <> '' AND e.target <> '')
            SELECT coalesce(o.country, p.code, other) AS code, any_value(c.name) AS name,
                   count(*) AS events, round(sum(goldstein), 1) AS goldstein,
                   count(*) FILTER (WHERE quad_class IN (1, 2)) AS cooperative,
                   count(*) FILTER (WHERE quad_class IN (3, 4)) AS conflictual
            FROM mine LEFT JOIN actors o ON o.code = mine.other
            LEFT JOIN actors p ON o.code IS NULL AND p.kind = 'country'
                 AND p.code = left(mine.other, 3)  -- a composed code: GBROPPCON → GBR
            LEFT JOIN actors c ON c.code = coalesce(o.country, p.code, other)
            WHERE NOT {_codes("other")}
            GROUP BY 1 ORDER BY events DESC, code LIMIT ?""",
        [code, code, code, code, code, code, code, code, limit],
    )


def quotes_by(store: Store, code: str, limit: int = 50) -> list[dict[str, Any]]:
    return store.records(
        f"""SELECT q.doc_id, q.idx, q.text, q.kind, q.speaker_text, q.speaker_code,
                   q.speaker_name, q.verb, d.title, d.source, d.published
            FROM quotes q JOIN documents d USING (doc_id)
            WHERE {_codes("q.speaker_code")}
            ORDER BY d.published DESC NULLS LAST, q.doc_id, q.idx LIMIT ?""",
        [code, code, limit],
    )


# ---- events --------------------------------------------------------------------------

_EVENT_LIST = """
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
    since: date | None = None,
    until: date | None = None,
    cursor: str | None = None,
    limit: int = 50,
) -> Page:
    f = Filters()
    if actor:
        f.add(f"({_codes('e.source')} OR {_codes('e.target')})", *[actor] * 4)
    if dyad:
        a, b = dyad
        f.add(
            f"(({_codes('e.source')} AND {_codes('e.target')})"
            f" OR ({_codes('e.source')} AND {_codes('e.target')}))",
            a, a, b, b, b, b, a, a,
        )  # fmt: skip
    f.add("e.root = ?", root, when=root)
    f.add("e.quad_class = ?", quad_class, when=quad_class)
    f.add("e.modality = ?", modality, when=modality)
    f.add("e.polarity = ?", polarity, when=polarity)
    f.add("e.doc_id = ?", doc_id, when=doc_id)
    # An event's date is its own (the publication day only when the coder chose it); an
    # undated event ('' sorts last in this descending order) is outside every date filter.
    f.add("e.date >= ?", since, when=since)
    f.add("e.date <= ?", until, when=until)
    return _page(store, _EVENT_LIST, f, ["sort_date", "doc_id", "idx"], cursor, limit)


# ---- stories, dyads, the network -------------------------------------------------------

_STORY_LIST = """
SELECT story_id, headline, first_seen, last_seen, n_docs, sources, key_actors, key_events,
       coalesce(strftime(last_seen, '%Y-%m-%d'), '') AS sort_date
FROM stories
"""


def list_stories(
    store: Store, *, actor: str | None = None, cursor: str | None = None, limit: int = 50
) -> Page:
    f = Filters()
    f.add("list_contains(key_actors, ?)", actor, when=actor)
    return _page(store, _STORY_LIST, f, ["sort_date", "story_id"], cursor, limit)


def story(store: Store, story_id: str) -> dict[str, Any] | None:
    found = store.records(f"{_STORY_LIST} WHERE story_id = ?", [story_id])
    if not found:
        return None
    members = store.records(
        f"SELECT l.*, m.similarity FROM ({_DOCUMENT_LIST}) l JOIN story_members m"
        " USING (doc_id) WHERE m.story_id = ? ORDER BY l.sort_date = '', l.sort_date, l.doc_id",
        [story_id],
    )
    events = store.records(
        "SELECT * EXCLUDE (story_id) FROM corroborated WHERE story_id = ?"
        " ORDER BY n_sources DESC, event_id",
        [story_id],
    )
    return {**found[0], "documents": members, "events": events}


def dyad(
    store: Store, a: str, b: str, period: str = "week", since: date | None = None
) -> dict[str, Any]:
    """Two actors' relations over time (rolled up to countries), with the pair's shifts."""
    a, b = country_of(store, a), country_of(store, b)
    try:
        series = dyad_series(store, a, b, period=period, since=since)
    except ValueError as exc:
        raise BadQuery(str(exc)) from exc
    first, second = sorted((a, b))
    shifts = store.records(
        "SELECT period, measure, kind, value, baseline, z, events FROM shifts"
        " WHERE a = ? AND b = ? ORDER BY period",
        [first, second],
    )
    for shift in shifts:
        shift["events"] = json.loads(shift["events"] or "[]")
        shift["event_list"] = _corroborated_events(store, shift["events"])
    names = {r["code"]: r["name"] for r in store.records("SELECT code, name FROM actors WHERE code IN (?, ?)", [a, b])}  # fmt: skip
    for row in series:
        row.pop("event_ids", None)
    return {"a": first, "b": second, "names": names, "period": period, "series": series,
            "shifts": shifts}  # fmt: skip


def _corroborated_events(store: Store, event_ids: list[str]) -> list[dict[str, Any]]:
    """The merged events behind a shift (its `events` are their ids), undated last."""
    if not event_ids:
        return []
    return store.records(
        "SELECT event_id, date, date_precision, cameo, source, target, n_sources"
        " FROM corroborated WHERE list_contains(?, event_id)"
        " ORDER BY date NULLS LAST, event_id",
        [event_ids],
    )


def country_of(store: Store, code: str) -> str:
    """The country an actor belongs to (RUSGOV → RUS); the code itself for countries and IGOs."""
    found = store.records(
        "SELECT code, kind, country FROM actors WHERE code = ? OR code = ? ORDER BY len(code) DESC",
        [code, code[: names.ROLE]],
    )
    if found and found[0]["code"] == code:
        return str(found[0]["country"]) if found[0]["country"] else code
    if found and found[0]["kind"] == "country":  # a composed code (GBRGOVLAB → GBR)
        return str(found[0]["code"])
    return code


def network(
    store: Store, since: date | None = None, until: date | None = None, limit: int = 60
) -> dict[str, Any]:
    """Country-level pairs with their corroborated events: the edges of the alignment graph."""
    edges = store.records(
        """WITH ev AS (
               SELECT least(coalesce(sa.country, c.source), coalesce(ta.country, c.target)) AS a,
                      greatest(coalesce(sa.country, c.source), coalesce(ta.country, c.target)) AS b,
                      c.goldstein
               FROM corroborated c
               LEFT JOIN actors sa ON sa.code = c.source LEFT JOIN actors ta ON ta.code = c.target
               WHERE c.source <> '' AND c.target <> ''
                 AND (?::DATE IS NULL OR c.date >= ?) AND (?::DATE IS NULL OR c.date <= ?))
           SELECT a, b, count(*) AS events, round(sum(goldstein), 1) AS goldstein,
                  round(sum(greatest(goldstein, 0)), 1) AS cooperation,
                  round(sum(greatest(-goldstein, 0)), 1) AS conflict
           FROM ev WHERE a <> b GROUP BY a, b ORDER BY events DESC, a, b LIMIT ?""",
        [since, since, until, until, limit],
    )
    codes = sorted({e["a"] for e in edges} | {e["b"] for e in edges})
    names = {
        r["code"]: r["name"]
        for r in store.records(
            "SELECT code, name FROM actors WHERE list_contains(?, code)", [codes]
        )
    }
    nodes = [{"code": c, "name": names.get(c, c)} for c in codes]
    return {"nodes": nodes, "edges": edges}


def list_shifts(store: Store, actor: str | None = None) -> list[dict[str, Any]]:
    f = Filters()
    f.add("(a = ? OR b = ?)", actor, actor, when=actor)
    rows = store.records(
        f"SELECT a, b, period, measure, kind, value, baseline, z, events FROM shifts {f.sql()}"
        " ORDER BY period DESC, a, b",
        f.params,
    )
    for row in rows:
        row["events"] = json.loads(row["events"] or "[]")
    return rows
