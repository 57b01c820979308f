"""Reads of actors: search by code or name, an actor's profile, its counterparts and quotes."""

from __future__ import annotations

from typing import Any

from detente.actors.country import country_joins
from detente.query import names
from detente.query.paging import MAX_LIMIT, BadQuery, codes_sql
from detente.store import Store


def search_actors(store: Store, q: str = "", limit: int = 50) -> list[dict[str, Any]]:
    """Actors whose code or name contains `q` (people's names find the offices they held),
    those mentioned most first: {code, name, kind, country, mentions, documents}."""
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
    """An actor: {code, name, kind, country, people (office holders), mentions_over_time (per
    `period`: day, week or month), counterparts, quotes}; None when the store has no such
    actor. BadQuery for another period."""
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
        + codes_sql("r.role.actor")
        + """ ORDER BY r.role."start" DESC NULLS LAST LIMIT 60""",
        [code, code],
    )
    timeline = store.records(
        f"""SELECT date_trunc('{period}', d.published)::DATE AS period,
                   count(*) AS mentions, count(DISTINCT m.doc_id) AS documents
            FROM mentions m JOIN documents d USING (doc_id)
            WHERE {codes_sql("m.actor_code")} AND d.published IS NOT NULL GROUP BY 1 ORDER BY 1""",
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
    """The countries (or IGOs) `code` deals with most, with the balance of those dealings:
    {code, name, events, goldstein (sum), cooperative, conflictual}. An event counts once per
    happening, however many documents tell it: one per story (or lone document), counterpart
    country and CAMEO root, as merged events are counted on the network."""
    joins, other_country = country_joins("mine.other", "o")
    return store.records(
        f"""WITH mine AS (
                SELECT CASE WHEN {codes_sql("e.source")} THEN e.target ELSE e.source END AS other,
                       e.goldstein, e.quad_class, e.root,
                       coalesce(m.story_id, e.doc_id) AS happening
                FROM events e LEFT JOIN story_members m USING (doc_id)
                WHERE ({codes_sql("e.source")} OR {codes_sql("e.target")})
                  AND e.source <> '' AND e.target <> ''),
            once AS (
                SELECT {other_country} AS code, happening, root,
                       min(goldstein) AS goldstein,
                       arg_min(quad_class, goldstein) AS quad_class
                FROM mine {joins}
                WHERE NOT {codes_sql("other")}
                GROUP BY 1, 2, 3)
            SELECT once.code, any_value(c.name) AS name,
                   count(*) AS events, round(sum(goldstein), 1) AS goldstein,
                   count(*) FILTER (WHERE quad_class IN (1, 2)) AS cooperative,
                   count(*) FILTER (WHERE quad_class IN (3, 4)) AS conflictual
            FROM once LEFT JOIN actors c ON c.code = once.code
            GROUP BY 1 ORDER BY events DESC, once.code LIMIT ?""",
        [code, code, code, code, code, code, code, code, limit],
    )


def quotes_by(store: Store, code: str, limit: int = 50) -> list[dict[str, Any]]:
    """Quotes whose speaker is `code` or one of its sub-actors, newest first, with the
    document's title, outlet and publication time."""
    return store.records(
        f"""SELECT q.doc_id, q.idx, q.text, q.kind, q.speaker_text, q.speaker_code,
                   q.speaker_name, q.verb, d.title, d.source, d.published
            FROM quotes q JOIN documents d USING (doc_id)
            WHERE {codes_sql("q.speaker_code")}
            ORDER BY d.published DESC NULLS LAST, q.doc_id, q.idx LIMIT ?""",
        [code, code, limit],
    )


def all_actor_names(store: Store) -> dict[str, str]:
    """Every actor's name by code: the knowledge base's snapshot, and a composed name for each
    code the texts use that the snapshot does not list (see `names.unlisted_actors`)."""
    rows = store.query("SELECT code, name FROM actors WHERE name IS NOT NULL")
    found = {str(code): str(name) for code, name in rows}
    found.update({a["code"]: a["name"] for a in names.unlisted_actors(store)})
    return found
