"""How the command line lays out documents, events, quotes, stories, shifts and counts: names
beside codes, whole ids that can be copied, and a compact layout for terminals narrower than a
table needs (80 columns).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from detente.events.display import event_date_text
from detente.query.lookup import cameo_name, name_of

if TYPE_CHECKING:
    from detente.model import Signals
    from detente.query.listings import DocumentFacts

WIDE = 120  # below this many columns, lists are printed compactly, a few lines per record
NEGATED = "¬"  # marks an event the text says did not happen
EVIDENCE_LINES = 3  # a narrow terminal shows this many lines of an event's evidence (--full: all)


@dataclass
class EventLine:
    """One coded event as the CLI shows it."""

    doc_id: str
    source: str
    cameo: str
    target: str
    polarity: str
    modality: str
    background: bool
    day: Any
    precision: str | None
    evidence: str
    source_person: str | None = None  # the person's name when a person acts under the code
    target_person: str | None = None

    def who(self, names: dict[str, str], source: bool = True) -> str:
        """'Jack Straw · GBRGOV' for a person, 'RUSGOV (Russian government)' otherwise."""
        code, person = (
            (self.source, self.source_person) if source else (self.target, self.target_person)
        )
        if person:
            return f"{person} · {code}" if code else person
        return name_of(names, code)

    @property
    def told(self) -> str:
        parts = ("negated" if self.polarity == "negated" else "",
                 "" if self.modality == "factual" else self.modality,
                 "background" if self.background else "")  # fmt: skip
        return ", ".join(p for p in parts if p)

    @property
    def code(self) -> str:
        return (NEGATED if self.polarity == "negated" else "") + self.cameo


def print_events(
    out: Console, rows: Sequence[EventLine], names: dict[str, str], full: bool = False
) -> None:
    """Events as a table on wide terminals, a few lines each on narrow ones: who → whom, what
    and when, then the evidence wrapped (to EVIDENCE_LINES lines with an ellipsis unless
    `full`) and the document's short id."""
    if out.width >= WIDE:
        table = Table("source", "code", "target", "event", "as told", "date", "evidence", "doc")
        table.columns[6].overflow = "fold"
        table.columns[7].no_wrap = True
        for r in rows:
            table.add_row(escape(r.who(names)), r.code, escape(r.who(names, source=False)),
                          cameo_name(r.cameo), r.told, event_date_text(r.day, r.precision),
                          escape(r.evidence), r.doc_id[:10])  # fmt: skip
        out.print(table)
        return
    for r in rows:
        told = f" · {r.told}" if r.told else ""
        when = event_date_text(r.day, r.precision)
        wrap(out, f"{r.who(names)} → {r.who(names, source=False)}", style="bold", indent=0)
        wrap(out, f"{when} · {r.code} {cameo_name(r.cameo)}{told} · doc {r.doc_id[:10]}")
        wrap(out, f"“{r.evidence}”", style="dim", lines=None if full else EVIDENCE_LINES)
    if rows:
        out.print(f"[dim]{NEGATED} = negated: the text says it did not happen[/]")


def wrap(
    out: Console, text: str, style: str = "", lines: int | None = None, indent: int = 2
) -> None:
    """`text` wrapped at word boundaries to the terminal's width, every line indented by `indent`
    spaces, at most `lines` lines (the last ending in an ellipsis when cut)."""
    width = max(20, out.width - indent)
    split = list(Text(text, style=style).wrap(out, width, overflow="fold"))
    if lines is not None and len(split) > lines:
        split = split[:lines]
        split[-1].truncate(width - 1)
        split[-1].rstrip()
        split[-1].append("…")
    for part in split:
        out.print(Text(" " * indent) + part, no_wrap=True, crop=True)


def print_quotes(out: Console, rows: Sequence[dict[str, Any]]) -> None:
    """Quotes as a table on wide terminals; on narrow ones a block each: the speaker (name,
    code, confidence) and the document's short id, then the quote wrapped in full."""
    if out.width >= WIDE:
        table = Table("doc", "speaker", "conf.", "code", "kind", "verb", "quote")
        table.columns[0].no_wrap = True  # the short id `detente quotes ID` and `detente show` take
        table.columns[6].overflow = "fold"
        for r in rows:
            table.add_row(r["doc_id"][:10], escape(r["speaker"]), r["conf"], r["code"] or "-",
                          r["kind"], r["verb"], escape(r["text"]))  # fmt: skip
        out.print(table)
        return
    for r in rows:
        conf = f" {r['conf']}" if r["conf"] else ""
        wrap(out, f"{r['speaker']} · {r['code'] or '-'}{conf}", style="bold", indent=0)
        wrap(out, f"{r['kind']}{' · ' + r['verb'] if r['verb'] else ''} · doc {r['doc_id'][:10]}")
        wrap(out, f"“{r['text']}”")


def line(out: Console, text: str, style: str = "", keep_end: int = 0) -> None:
    """One line, cut with an ellipsis to the terminal's width; the last `keep_end` characters
    (an id to copy) survive the cut."""
    width = max(20, out.width)
    if len(text) > width and keep_end:
        head, tail = text[:-keep_end], text[-keep_end:]
        text = head[: width - keep_end - 1].rstrip() + "…" + tail
    out.print(Text(text, style=style), no_wrap=True, overflow="ellipsis", crop=True)


def print_stories(out: Console, rows: Sequence[dict[str, Any]], names: dict[str, str]) -> None:
    """Stories with their whole ids (to copy into `report --story`), headline, span, actors."""
    if out.width >= WIDE:
        table = Table("story", "headline", "first", "last", "docs", "outlets", "actors")
        table.columns[0].no_wrap = True
        table.columns[0].min_width = max((len(r["story_id"]) for r in rows), default=5)
        for r in rows:
            actors = ", ".join(name_of(names, c) for c in r["actors"]) or "-"
            table.add_row(r["story_id"], escape(r["headline"] or ""), r["first"], r["last"],
                          str(r["docs"]), str(r["outlets"] or "unknown"), escape(actors))  # fmt: skip
        out.print(table)
        return
    for r in rows:
        span = r["first"] if r["first"] == r["last"] else f"{r['first']} → {r['last']}"
        outlets = _count(r["outlets"], "outlet") if r["outlets"] else "outlet unknown"
        out.print(
            Text(r["story_id"], style="bold"),
            Text(f" {_count(r['docs'], 'doc')} · {outlets} · {span}"),
            no_wrap=True,
            crop=True,
        )
        line(out, f"  {r['headline'] or ''}")
        actors = ", ".join(name_of(names, c) for c in r["actors"]) or "-"
        line(out, f"  actors: {actors}", style="dim")


def print_pairs_legend(out: Console, codes: Sequence[str], names: dict[str, str]) -> None:
    """'RUS Russia · PRK North Korea' under a table of codes."""
    known = [f"{c} {names[c]}" for c in dict.fromkeys(codes) if c in names]
    if known:
        out.print("[dim]" + escape(" · ".join(known)) + "[/]", soft_wrap=False)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


_DOCUMENT_FIELDS = ("doc_id", "title", "origin", "url", "source", "published", "language",
                    "status", "status_reason", "duplicate_of")  # fmt: skip


def print_document(out: Console, facts: DocumentFacts, names: dict[str, str]) -> None:
    """`detente show`: metadata, the segments with their kinds, then the linked actors, events,
    quotes and signals, each with the command that details it."""
    doc = facts.document
    meta = Table(show_header=False, box=None)
    for key in _DOCUMENT_FIELDS:
        value = getattr(doc, key)
        if value is not None:
            meta.add_row(f"[bold]{key}", str(value))
    meta.add_row("[bold]sentences", str(facts.sentences))
    out.print(meta)
    for i, seg in enumerate(doc.segments):
        who = f" · {seg.author}" if seg.author else ""
        parent = f" ↳ {seg.parent}" if seg.parent is not None else ""
        out.print(f"[dim]{i:>3} {seg.kind.value}{who}{parent}[/]", highlight=False)
        out.print(f"    {doc.segment_text(seg)}", highlight=False, markup=False)
    if facts.mentions:
        out.print("[bold]actors:[/] " + escape(", ".join(
            f"{t} → {name_of(names, code)}" for t, code in facts.mentions)), highlight=False)  # fmt: skip
        out.print(f"[dim]details: detente actors {doc.doc_id[:10]}[/]")
    if facts.events:
        out.print("[bold]events:[/] " + escape("; ".join(map(_event_said, facts.events))),
                  highlight=False)  # fmt: skip
        out.print(f"[dim]details: detente events {doc.doc_id[:10]}[/]")
    for q in facts.quotes:
        code = q["speaker_code"]
        said = escape(f"({q['kind']}) {q['speaker']} [{name_of(names, code) if code else '?'}]: ")
        out.print(f"[bold]quote[/] {said}", end="", highlight=False)
        out.print(q["text"], markup=False, highlight=False)
    if facts.signals is not None:
        print_signals(out, facts.signals)


def _event_said(e: dict[str, Any]) -> str:
    """'RUSGOV ¬040 Consult PRKGOV (negated) (reported) (background)'."""
    negated = e["polarity"] == "negated"
    return (
        f"{e['source'] or '?'} {NEGATED if negated else ''}{e['cameo']} {cameo_name(e['cameo'])}"
        f" {e['target'] or '?'}"
        + (" (negated)" if negated else "")
        + (f" ({e['modality']})" if e["modality"] != "factual" else "")
        + (" (background)" if e["background"] else "")
    )


def print_signals(out: Console, signals: Signals) -> None:
    """Tone, sensationalism with the reasons behind it, and the comment thread's summary."""
    sens = signals.sensationalism
    tone = f"{signals.tone:+.2f}" if signals.tone is not None else "?"
    out.print(
        f"[bold]tone[/] {tone} (VADER compound, -1 to +1)  [bold]sensationalism[/] {sens.score:.2f}"
    )
    for reason in sens.reasons:
        examples = "; ".join(reason.examples[:3])
        out.print(
            f"    {reason.feature} ×{reason.count} ({reason.contribution:+.2f}): {examples}",
            markup=False,
            highlight=False,
        )
    thread = signals.thread
    if thread.comments:
        out.print(
            f"[bold]thread[/] {thread.comments} comments, {thread.removed} removed "
            f"({thread.removed_share:.0%}); {thread.addressing_main_actors} name the article's "
            f"main actors ({', '.join(thread.main_actors)}); topics: {', '.join(thread.topics)}",
            highlight=False,
        )
        for st in thread.stances:
            out.print(
                f"    comment {st.segment}: {st.stance} {st.actor_code} ({', '.join(st.cues)})",
                markup=False,
                highlight=False,
            )


# `detente stats`: section title → the breakdown or totals of `query.overview.stats` it shows
_STATS_SECTIONS = {
    "documents by status": "by_status",
    "documents by language": "by_language",
    "segments by kind": "segments_by_kind",
    "top sources": "top_sources",
}
_ANALYSIS_COUNTS = {"sentences": "sentences", "entities": "entities", "mentions": "mentions",
                    "linked mentions": "linked_mentions"}  # fmt: skip


def print_stats(out: Console, stats: dict[str, Any], title: str) -> None:
    """The corpus counts of `query.overview.stats` as one table of sections."""
    sections = {heading: stats[key] for heading, key in _STATS_SECTIONS.items()}
    sections["analysis"] = {label: stats[key] for label, key in _ANALYSIS_COUNTS.items()}
    sections["runs"] = stats["runs"]
    table = Table("", "", "count", show_header=False, title=title, title_justify="left")
    for heading, counts in sections.items():
        table.add_section()
        for i, (name, count) in enumerate(counts.items()):
            table.add_row(f"[bold]{heading}[/]" if i == 0 else "", str(name), f"{count:,}")
    out.print(table)


def print_rows(out: Console, headers: Sequence[str], rows: Sequence[dict[str, Any]]) -> None:
    """A plain table of `rows` (dicts, values in header order): floats to two decimals, None
    as empty, everything else escaped text."""
    table = Table(*headers)
    for row in rows:
        table.add_row(
            *(
                f"{v:.2f}" if isinstance(v, float) else "" if v is None else escape(str(v))
                for v in row.values()
            )
        )
    out.print(table)
