"""The digest: what is new over a period (stories, dyads that changed, shifts, who was quoted)."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from detente.query import digest as reads
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
    """What is new in the `period` up to `until` (now by default).

    Documents are placed in time by their publication date only. Undated documents are in no
    period (never dated by when they were read): the overview counts the ones read in the period
    apart, so they are not lost, and every other section leaves them out."""
    until = until or datetime.now(UTC)
    since = until - period
    digest = Digest(since, until)
    docs = reads.period_documents(store, since, until)
    digest.sections.append(("Overview", [
        f"{docs['n']} documents from {docs['outlets']} outlets",
        _undated_line(reads.undated_read(store, since, until))]))  # fmt: skip
    digest.sections.append(("New stories", [
        f"{s['headline']} ({s['outlets']} outlets, {s['n_docs']} documents; "
        f"{' '.join(s['key_actors'] or [])})" for s in reads.new_stories(store, since, until)]))  # fmt: skip
    digest.sections.append(("Dyads that changed most", [
        f"{r['a']}–{r['b']}: {r['events']} events (before: {r['before']}), Goldstein "
        f"{r['goldstein']:+.1f} (before: {r['goldstein_before']:+.1f})"
        for r in reads.dyad_changes(store, since, until) if r["events"] or r["before"]]))  # fmt: skip
    digest.sections.append(("Shifts", [
        f"{s['a']}–{s['b']}: {s['kind']}, week of {s['period']} (z {s['z']:.1f})"
        for s in reads.shifts_from(store, since - timedelta(days=7))]))  # fmt: skip
    digest.sections.append(("Most quoted", [
        f"{q['speaker']} ({q['speaker_code']}): {q['quotes']} quotes in {q['documents']} documents"
        for q in reads.most_quoted(store, since, until)]))  # fmt: skip
    return digest


def _undated_line(n: int) -> str:
    """Undated documents read in the period: said apart, because the figures leave them out."""
    return (
        f"{n} undated documents read in this period (no publication date: not counted in"
        " this digest's figures)"
    )


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
