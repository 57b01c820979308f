"""The parsed segment every per-document stage reads, and parsing a plain text into segments."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from spacy.tokens import Doc


@dataclass(frozen=True)
class Unit:
    """One analysed segment: its index in the document, its character offset in the document's
    text and its spaCy parse."""

    segment: int
    offset: int
    doc: Doc
    thread: bool = False  # a comment: pronouns do not reach back across it
    written: str | None = None  # the text as written, when `doc` parses a re-cased copy of it

    @cached_property
    def text(self) -> str:
        """The segment's text as written, built once (`Doc.text` joins every token anew)."""
        return self.written if self.written is not None else self.doc.text

    @classmethod
    def of_text(
        cls, segment: int, offset: int, doc: Doc, text: str, parsed: str, thread: bool = False
    ) -> Unit:
        """The unit of a segment whose text is known: `text` as written, `parsed` what `doc`
        parses (`text` re-cased, or `text` itself). `text` is then never rebuilt from the
        tokens (`Doc.text` costs about 2 ms a paragraph, more than linking it)."""
        unit = cls(segment, offset, doc, thread, text if parsed != text else None)
        unit.__dict__["text"] = text  # the cached property's value (frozen: set it directly)
        return unit

    def text_at(self, start: int, end: int) -> str:
        """The segment's text as written between two character offsets of `doc` (a re-cased
        parse keeps every character in place, so its offsets hold for the written text)."""
        return self.text[start:end]


def text_units(text: str, thread_from: int | None = None) -> list[Unit]:
    """Parse a plain text whose lines are its segments (lines from `thread_from` on are comments)."""
    from detente.nlp import load_nlp

    lines = text.split("\n")
    offsets = [sum(len(line) + 1 for line in lines[:i]) for i in range(len(lines))]
    parses = load_nlp().pipe(lines)
    return [
        Unit(i, offset, parsed, thread_from is not None and i >= thread_from)
        for i, (offset, parsed) in enumerate(zip(offsets, parses, strict=True))
    ]
