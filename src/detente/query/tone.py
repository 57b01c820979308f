"""Tone over time: the tone the signals stage stored toward an actor (`Signals.actor_tones`, in
`signals.data`), or an outlet's documents' own tone, averaged per week or month with the
number of documents behind each point.

A document counts once per point: its tone toward an actor is the mean over its sentences
naming the actor or one of its sub-actors (RUS: RUSGOV, Putin as RUSGOV…), weighted by
sentences. Undated documents are averaged apart; duplicates are left out.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from detente.query import lookup
from detente.query.explorer import check_actor, pick_outlet, read_day
from detente.query.paging import BadQuery, codes_sql
from detente.query.periods import PERIODS, check_period, check_range, choose_period, filled
from detente.store import Store

_ACTOR_TONES = """
SELECT s.doc_id, t.a.actor_code AS code, t.a.tone AS tone, t.a.sentences AS sentences
FROM signals s, unnest(from_json(json_extract(s.data, '$.actor_tones'),
                                 '[{"actor_code": "VARCHAR", "tone": "DOUBLE",
                                    "sentences": "INTEGER"}]')) AS t(a)
"""


def _toward(code_sql: str) -> str:
    """SQL: per document (doc_id, tone, sentences), the tone toward the actor family whose
    condition on `t.code` is `code_sql` (two parameters: the code twice)."""
    return f"""SELECT t.doc_id, sum(t.tone * t.sentences) / sum(t.sentences) AS tone,
                      sum(t.sentences) AS sentences
               FROM ({_ACTOR_TONES}) t WHERE {code_sql} AND t.sentences > 0 GROUP BY 1"""


def _documents(outlet: str | None, since: date | None, until: date | None) -> tuple[str, list[Any]]:
    sql = "SELECT doc_id, published FROM documents WHERE status <> 'duplicate'"
    params: list[Any] = []
    for condition, value in (("source = ?", outlet), ("published >= ?", since),
                             ("published < ? + INTERVAL 1 DAY", until)):  # fmt: skip
        if value:
            sql += f" AND {condition}"
            params.append(value)
    return sql, params


def _series(
    store: Store, per_doc: str, per_doc_params: list[Any], docs: tuple[str, list[Any]],
    period: str,
) -> list[dict[str, Any]]:  # fmt: skip
    """Rows {period (None: undated), tone, documents, sentences} of the per-document tones."""
    return store.records(
        f"""SELECT date_trunc('{period}', d.published)::DATE AS period, avg(p.tone) AS tone,
                   count(*) AS documents, sum(p.sentences)::INTEGER AS sentences
            FROM ({per_doc}) p JOIN ({docs[0]}) d USING (doc_id) GROUP BY 1 ORDER BY 1""",
        [*per_doc_params, *docs[1]],
    )


def _span(
    store: Store, wanted: list[tuple[str, str, str, list[Any]]], docs: tuple[str, list[Any]]
) -> tuple[date | None, date | None]:
    """The first and last publication day of the documents behind every series."""
    union = " UNION ALL ".join(f"SELECT doc_id FROM ({sql})" for _, _, sql, _ in wanted)
    params = [p for _, _, _, ps in wanted for p in ps]
    row = store.query(
        f"SELECT min(d.published)::DATE, max(d.published)::DATE FROM ({docs[0]}) d"
        f" WHERE d.doc_id IN ({union})",
        [*docs[1], *params],
    )[0]
    return row[0], row[1]


def tone_over_time(
    store: Store,
    *,
    actor: str | None = None,
    pair: tuple[str, str] | None = None,
    outlet: str | None = None,
    since: date | None = None,
    until: date | None = None,
    period: str | None = None,
) -> dict[str, Any]:
    """Tone per period: toward `actor`; toward each side of `pair` in the documents naming both;
    or, with only `outlet`, the outlet's documents' own tone (`outlet` also narrows the others).

    Returns {period, first, last, series: [{title, code, name, other (the dyad's other side
    or ''), points: [{period (date), label, tone
    (-1..1, None in a gap), documents, sentences}], undated: {tone, documents}, documents}]}.
    The period is `period` when given, else week or month by the span. Raises BadQuery when
    nothing is chosen or the period is not week or month.
    """
    if period is not None and period not in PERIODS[1:]:
        raise BadQuery("tone is averaged per week or per month")
    docs = _documents(outlet, since, until)
    family = codes_sql("t.code")
    wanted: list[tuple[str, str, str, list[Any]]] = []  # (title, code, per-document SQL, params)
    if pair:
        a, b = pair
        for one, other in ((a, b), (b, a)):
            per_doc = (f"SELECT x.* FROM ({_toward(family)}) x WHERE x.doc_id IN"
                       f" (SELECT y.doc_id FROM ({_toward(family)}) y)")  # fmt: skip
            wanted.append((f"toward {one}, where {other} is named", one, per_doc,
                           [one, one, other, other]))  # fmt: skip
    elif actor:
        wanted.append((f"toward {actor}", actor, _toward(family), [actor, actor]))
    elif outlet:
        per_doc = "SELECT doc_id, tone, 1 AS sentences FROM signals WHERE tone IS NOT NULL"
        wanted.append(("of its documents", "", per_doc, []))
    else:
        raise BadQuery("choose an actor, two actors or an outlet")
    first, last = _span(store, wanted, docs)
    period = period or choose_period(first, last, finest="week")
    series = [
        _shaped(title, code, _series(store, sql, params, docs, period), period, first, last)
        for title, code, sql, params in wanted
    ]
    others = [pair[1], pair[0]] if pair else [""]
    names = lookup.actor_names(store, [s["code"] for s in series])
    for s, other in zip(series, others, strict=True):
        s["name"], s["other"] = names.get(s["code"], ""), other
    return {"period": period, "first": first, "last": last, "series": series}


def _shaped(
    title: str, code: str, rows: list[dict[str, Any]], period: str, first: date | None,
    last: date | None,
) -> dict[str, Any]:  # fmt: skip
    undated = next((r for r in rows if r["period"] is None), None)
    dated = [r for r in rows if r["period"] is not None]
    empty = {"tone": None, "documents": 0, "sentences": 0}
    points = filled(dated, period, first, last, empty) if first and last else []
    return {
        "title": title,
        "code": code,
        "points": points,
        "undated": {
            "tone": undated["tone"] if undated else None,
            "documents": undated["documents"] if undated else 0,
        },
        "documents": sum(r["documents"] for r in rows),
    }


def outlets(store: Store) -> list[str]:
    """The outlets with analysed documents (a tone), by name."""
    rows = store.query(
        "SELECT DISTINCT d.source FROM documents d JOIN signals s USING (doc_id)"
        " WHERE d.source IS NOT NULL AND d.source <> '' ORDER BY 1"
    )
    return [str(r[0]) for r in rows]


def read_subject(store: Store, form: Mapping[str, str]) -> dict[str, Any]:
    """Keyword arguments for `tone_over_time` from query-string values (actor, a, b, outlet,
    since, until, period). Raises lookup.NotFound for an unknown actor and BadQuery for half a
    dyad, a dyad of one country, an unknown outlet, a bad day or period, each with a hint."""
    get = {k: (form.get(k) or "").strip() for k in ("actor", "a", "b", "outlet", "since",
                                                   "until", "period")}  # fmt: skip
    if bool(get["a"]) != bool(get["b"]):
        raise BadQuery("a dyad needs both actors: fill in a and b (e.g. RUS and UKR)")
    since, until = read_day(get["since"], "since"), read_day(get["until"], "until")
    check_range(since, until)
    period = check_period(get["period"])
    if period == "day":
        raise BadQuery("tone is averaged per week or per month")
    known = outlets(store)
    return {
        "actor": check_actor(store, get["actor"]) if get["actor"] else None,
        "pair": lookup.check_dyad(store, get["a"], get["b"]) if get["a"] else None,
        "outlet": pick_outlet(get["outlet"], known, "outlets with analysed documents"),
        "since": since,
        "until": until,
        "period": period,
    }
