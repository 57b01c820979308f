"""The digest: what is new over a period (stories, dyads that changed, shifts, who was quoted)."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from detente.store import Store


@dataclass
class Digest:
    since: datetime
    until: datetime
    sections: list[tuple[str, list[str]]] = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"detente digest, {self.since:%Y-%m-%d %H:%M} to {self.until:%Y-%m-%d %H:%M} UTC"


def build_digest(store: Store, period: timedelta, until: datetime | None = None) -> Digest:
    """Documents are placed in time by their publication date only. Undated documents are in no
    period (never dated by when they were read): the overview counts the ones read in the period
    apart, so they are not lost, and every other section leaves them out."""
    until = until or datetime.now(UTC)
    since = until - period
    digest = Digest(since, until)
    when = "d.published"  # NULL for undated documents, so every window leaves them out
    docs = store.records(f"SELECT count(*) AS n, count(DISTINCT d.source) AS outlets FROM documents d"
                         f" WHERE {when} >= ? AND {when} < ?", [since, until])[0]  # fmt: skip
    digest.sections.append(("Overview", [
        f"{docs['n']} documents from {docs['outlets']} outlets",
        _undated_line(store, since, until)]))  # fmt: skip
    stories = store.records(
        "SELECT story_id, headline, first_seen, n_docs, len(sources) AS outlets, key_actors"
        " FROM stories WHERE first_seen >= ?::DATE AND first_seen <= ?::DATE"
        " ORDER BY len(sources) DESC, n_docs DESC, story_id LIMIT 15",
        [since, until],
    )
    digest.sections.append(("New stories", [
        f"{s['headline']} ({s['outlets']} outlets, {s['n_docs']} documents; "
        f"{' '.join(s['key_actors'] or [])})" for s in stories]))  # fmt: skip
    digest.sections.append(("Dyads that changed most", _dyad_changes(store, since, until)))
    shifts = store.records("SELECT a, b, period, kind, z FROM shifts WHERE period >= ?::DATE"
                           " ORDER BY period, a, b", [since - timedelta(days=7)])  # fmt: skip
    digest.sections.append(("Shifts", [
        f"{s['a']}–{s['b']}: {s['kind']}, week of {s['period']} (z {s['z']:.1f})"
        for s in shifts]))  # fmt: skip
    quoted = store.records(
        f"SELECT coalesce(q.speaker_name, q.speaker_text) AS speaker, q.speaker_code,"
        f" count(*) AS quotes, count(DISTINCT q.doc_id) AS documents"
        f" FROM quotes q JOIN documents d USING (doc_id)"
        f" WHERE {when} >= ? AND {when} < ? AND q.speaker_code <> ''"
        f" GROUP BY 1, 2 ORDER BY quotes DESC, speaker LIMIT 10",
        [since, until],
    )
    digest.sections.append(("Most quoted", [
        f"{q['speaker']} ({q['speaker_code']}): {q['quotes']} quotes in {q['documents']} documents"
        for q in quoted]))  # fmt: skip
    return digest


def _undated_line(store: Store, since: datetime, until: datetime) -> str:
    """Undated documents read in the period: said apart, because the figures leave them out."""
    n = store.query(
        "SELECT count(*) FROM documents WHERE published IS NULL"
        " AND ingested_at >= ? AND ingested_at < ?",
        [since, until],
    )[0][0]
    return (
        f"{n} undated documents read in this period (no publication date: not counted in"
        " this digest's figures)"
    )


def _dyad_changes(store: Store, since: datetime, until: datetime) -> list[str]:
    """Country pairs by how much their event count and Goldstein sum moved against the
    previous period of the same length."""
    before = since - (until - since)
    rows = store.records(
        """WITH ev AS (
               SELECT least(coalesce(sa.country, e.source), coalesce(ta.country, e.target)) AS a,
                      greatest(coalesce(sa.country, e.source), coalesce(ta.country, e.target)) AS b,
                      e.goldstein, d.published >= ? AS now
               FROM events e JOIN documents d USING (doc_id)
               LEFT JOIN actors sa ON sa.code = e.source LEFT JOIN actors ta ON ta.code = e.target
               WHERE e.source <> '' AND e.target <> '' AND NOT e.background
                 AND d.published >= ? AND d.published < ?)
           SELECT * FROM (
           SELECT a, b, count(*) FILTER (WHERE now) AS events,
                  count(*) FILTER (WHERE NOT now) AS before,
                  coalesce(sum(goldstein) FILTER (WHERE now), 0) AS goldstein,
                  coalesce(sum(goldstein) FILTER (WHERE NOT now), 0) AS goldstein_before
           FROM ev WHERE a <> b GROUP BY a, b)
           ORDER BY abs(events - before) + abs(goldstein - goldstein_before) / 10 DESC, a, b
           LIMIT 10""",
        [since, before, until],
    )
    return [
        f"{r['a']}–{r['b']}: {r['events']} events (before: {r['before']}), Goldstein "
        f"{r['goldstein']:+.1f} (before: {r['goldstein_before']:+.1f})"
        for r in rows
        if r["events"] or r["before"]
    ]


def to_markdown(digest: Digest) -> str:
    lines = [f"# {digest.title}"]
    for heading, items in digest.sections:
        lines += ["", f"## {heading}", ""]
        lines += [f"- {item}" for item in items] or ["(nothing)"]
    return "\n".join(lines) + "\n"


def to_html(digest: Digest) -> str:
    e = html.escape
    parts = ["<!doctype html><html lang='en'><head><meta charset='utf-8'>",
             f"<title>{e(digest.title)}</title></head><body>", f"<h1>{e(digest.title)}</h1>"]  # fmt: skip
    for heading, items in digest.sections:
        parts.append(f"<h2>{e(heading)}</h2>")
        parts.append("<ul>" + "".join(f"<li>{e(i)}</li>" for i in items) + "</ul>"
                     if items else "<p>(nothing)</p>")  # fmt: skip
    parts.append("</body></html>")
    return "\n".join(parts)


def write_digest(digest: Digest, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    stamp = f"{digest.until:%Y%m%d-%H%M}"
    md, page = out / f"digest-{stamp}.md", out / f"digest-{stamp}.html"
    md.write_text(to_markdown(digest), encoding="utf-8")
    page.write_text(to_html(digest), encoding="utf-8")
    return [md, page]
