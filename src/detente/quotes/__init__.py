"""Who said what: direct, partial and indirect quotes with their speakers.

Per document, over headline and body segments (paragraphs):

- **direct**: text in quotation marks (double, angle, or single ‘…’ and '…' — apostrophes such
  as "Britain's", "the '90s", "rock 'n' roll" open none) attributed by a speech verb around it
  ("“...,” he told reporters", "Putin said: “...”"), by "according to X", or by a sentence
  before it that ends in a colon; a quotation that follows another with no attribution of its
  own continues it ("“...,” he said. “...”"), also into the next paragraph, and a paragraph that
  opens a quotation without closing it goes on in the next one, whose speaker it takes when it
  has none of its own;
- **partial**: a few quoted words inside a sentence whose verb is a way of speaking ("called the
  visit a “very important moment”"); inside a reported clause the quote is the whole clause
  ("said the plan was a “reckless gamble”");
- **scare**: a quoted phrase nobody is said to speak, or one that names something ("known as
  “Tiger”", "the so-called “peace plan”", the film “13th”), kept apart and never given a
  speaker — unless the same words are attributed elsewhere in the document;
- **indirect**: a clause reported by a speech verb ("Kim confirmed that ...", "Seoul said it
  would ...") or by "according to X".

A speaker is whoever the subject names, known to the knowledge base or not (`speakers.py`): the
linked mention (so "he" and "the Russian leader" carry the person the linker resolved them to),
else the named person or organisation the linker found, else the subject as written ("a senior
official"), with a confidence for how it was found.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from detente.model import Mention, Quote
from detente.parse.units import Unit
from detente.quotes.direct import Found, find_direct
from detente.quotes.indirect import find_indirect
from detente.quotes.marks import quotations
from detente.quotes.speakers import Speaker, SpeakerFinder

__all__ = ["Speaker", "find_quotes"]


def find_quotes(units: Sequence[Unit], mentions: Sequence[Mention]) -> list[Quote]:
    """The quotes of a parsed document, in text order; `mentions` are the linker's (with those of
    people and organisations it found no actor for, `actor_code` "")."""
    found: list[Found] = []
    previous: Found | None = None  # the last quote of the last paragraph with words
    last: SpeakerFinder | None = None  # the speakers of the last paragraph with words
    for unit in units:
        if unit.thread or not unit.text.strip():
            continue
        own = [m for m in mentions if m.segment == unit.segment]
        speakers = SpeakerFinder(unit, None, own)  # its MentionIndex is built when asked
        marks = quotations(unit.text)
        direct = find_direct(unit, speakers, previous, last, marks)
        quoted = [range(m.start, m.end) for m in marks]
        here = sorted(direct + find_indirect(unit, speakers, quoted), key=lambda f: f.start)
        found += here
        previous, last = (here[-1] if here else None), speakers
    _open_paragraphs(found)
    _share_speakers(found)
    return [_quote(f) for f in _distinct(found)]


def _distinct(found: list[Found]) -> list[Found]:
    """One quote per span: of several quoted words in one reported clause ("said Israel had
    made a “mistake” and would be “punished”") the first quotes the clause, the others their own
    words; a span found twice is kept once."""
    seen: set[tuple[int, int, int]] = set()
    out = []
    for f in found:
        if (f.unit.segment, f.start, f.end) in seen and f.words is not None:
            f.start, f.end = f.words
        key = (f.unit.segment, f.start, f.end)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def _open_paragraphs(found: list[Found]) -> None:
    """A quotation left open at the end of its paragraph, with no attribution, takes the
    speaker of the quotation that goes on at the start of the next one."""
    for f, after in reversed(list(pairwise(found))):
        attributed = after.speaker is not None
        if f.open_end and f.speaker is None and after.kind == "direct" and attributed:
            starts_paragraph = not after.unit.text[: after.start].strip("“\"«‘' ")
            if starts_paragraph and after.unit.segment > f.unit.segment:
                f.kind, f.verb = "direct", after.verb
                f.speaker = after.speaker.continued() if after.speaker else None


def _share_speakers(found: list[Found]) -> None:
    """The same quoted words said by someone elsewhere in the document are theirs here too."""
    spoken = {_key(f): f for f in found if f.speaker is not None}
    for f in found:
        source = spoken.get(_key(f))
        if f.speaker is None and source is not None:
            f.speaker, f.verb = source.speaker, source.verb
            f.kind = "partial" if f.kind == "scare" else f.kind


def _key(f: Found) -> str:
    return f.unit.text_at(f.start, f.end).strip(" ,.").lower()


def _quote(f: Found) -> Quote:
    s = f.speaker
    return Quote(
        text=f.unit.text_at(f.start, f.end),
        kind=f.kind,
        start=f.unit.offset + f.start,
        end=f.unit.offset + f.end,
        speaker_text=s.text if s else None,
        speaker_code=s.code if s else "",
        speaker_name=s.name if s else None,
        speaker_person=s.person if s else None,
        speaker_confidence=round(s.confidence, 3) if s else None,
        verb=f.verb,
        segment=f.unit.segment,
    )
