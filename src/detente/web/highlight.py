"""A document's text as HTML with its actors, quotes and event evidence marked, everything escaped.

Marks may nest or cross (a quote holds mentions; an evidence sentence holds both), so the text
is cut at every mark boundary and each piece is wrapped in the marks that cover it, outermost
first. The text itself only ever passes through `escape`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from markupsafe import Markup, escape


@dataclass
class Mark:
    start: int
    end: int
    level: int  # outer marks have lower levels
    css: str
    title: str = ""
    href: str | None = None
    data: dict[str, str] = field(default_factory=dict)

    def wrap(self, inner: Markup) -> Markup:
        attrs = f' class="{escape(self.css)}"'
        if self.title:
            attrs += f' title="{escape(self.title)}"'
        for key, value in self.data.items():
            attrs += f' data-{key}="{escape(value)}"'
        if self.href:
            return Markup(f'<a href="{escape(self.href)}"{attrs}>{inner}</a>')
        return Markup(f"<span{attrs}>{inner}</span>")


def highlight(text: str, start: int, end: int, marks: Sequence[Mark]) -> Markup:
    """HTML for text[start:end] with the marks that overlap it."""
    inside = [m for m in marks if m.start < end and m.end > start and m.end > m.start]
    cuts = sorted(
        {start, end, *(max(start, min(end, p)) for m in inside for p in (m.start, m.end))}
    )
    out: list[str] = []
    for a, b in pairwise(cuts):
        piece = Markup(escape(text[a:b]))
        covering = sorted((m for m in inside if m.start <= a and m.end >= b), key=lambda m: m.level)
        for mark in reversed(covering):
            piece = mark.wrap(piece)
        out.append(piece)
    return Markup("".join(out))


def document_marks(record: dict[str, Any]) -> list[Mark]:
    """Marks for a stored document record (the export shape): evidence, quotes, mentions."""
    marks: list[Mark] = []
    for i, event in enumerate(record["events"]):
        for evidence in event.get("evidence_all") or [event["evidence"]]:
            marks.append(Mark(evidence["start"], evidence["end"], 0, "evidence",
                              data={"event": str(i)}))  # fmt: skip
    for quote in record["quotes"]:
        speaker = quote["speaker_name"] or quote["speaker_text"] or "no speaker"
        code = f" ({quote['speaker_code']})" if quote["speaker_code"] else ""
        marks.append(Mark(quote["start"], quote["end"], 1, f"quote {quote['kind']}",
                          title=f"{quote['kind']} quote: {speaker}{code}"))  # fmt: skip
    for m in record["mentions"]:
        if m["actor_code"]:
            title = (f"{m['actor_code']} · {m['actor_name'] or ''} · {m['method']} · "
                     f"confidence {m['confidence']:.2f}")  # fmt: skip
            marks.append(Mark(m["start"], m["end"], 2, "mention", title=title,
                              href=f"/actor/{m['actor_code']}"))  # fmt: skip
        else:
            marks.append(Mark(m["start"], m["end"], 2, "mention unlinked",
                              title=f"not linked ({m['method']})"))  # fmt: skip
    return marks
