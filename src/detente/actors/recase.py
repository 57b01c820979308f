"""Re-casing headlines written in capitals, Title Case or lower case into sentence case, with
the KB's names as the KB writes them, so the tagger and NER see ordinary text."""

from __future__ import annotations

import re
from collections.abc import Sequence
from string import ascii_lowercase, ascii_uppercase

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Span

from detente.actors.kb import KnowledgeBase
from detente.parse.units import Unit

Matchers = Sequence[PhraseMatcher]  # the linker's name matchers, case-insensitive one first

WORD = re.compile(r"[^\W\d_]+")  # a word of letters only
#: Set in a parse's `Doc.user_data` when its text already went through `recase_text` before it
#: was parsed (the pipeline re-cases every segment first): `recased` need not try again.
RECASE_TRIED = "detente.recase_tried"


def recased(unit: Unit, nlp: Language, kb: KnowledgeBase, matchers: Matchers) -> Unit:
    """A headline in capitals, Title Case or lower case, parsed again in sentence case
    (`recase_text`): the tagger and NER fail on the odd case. Every character stays where it
    was, so offsets hold; the unit keeps the written text. Other segments, comments and
    units already re-cased (or whose text `recase_text` left as it was: `RECASE_TRIED`) are
    returned as they are."""
    if unit.thread or unit.written is not None or unit.doc.user_data.get(RECASE_TRIED):
        return unit
    text = recase_text(unit.text, nlp, kb, matchers)
    if text == unit.text:
        return unit
    return Unit(unit.segment, unit.offset, nlp(text), unit.thread, unit.text)


def recase_text(text: str, nlp: Language, kb: KnowledgeBase, matchers: Matchers) -> str:
    """`text` in sentence case with the KB's names as the KB writes them when it is written
    in capitals, Title Case or lower case throughout ("PUTIN WARNS FINLAND OVER NATO BASES"
    → "Putin warns Finland over NATO bases"), else `text` itself. Same length, character for
    character; needs only the tokenizer, so a pipeline can re-case before it parses."""
    if not odd_case(text):
        return text
    doc = nlp.make_doc(text)
    capitals = mostly_capitals(text)
    chars = [c.lower() if len(c.lower()) == 1 else c for c in text]
    for matcher in matchers:
        for match_id, start, end in matcher(doc):
            span = doc[start:end]
            key = doc.vocab.strings[match_id]
            same = [
                s
                for s in kb.surfaces.get(key, ())
                if len(s) == len(span.text) and (s == span.text or not _odd_caps(s))
            ]
            if same and (not all(t.is_stop for t in span) or _acronym(span, same, capitals)):
                best = max(same, key=lambda s: (sum(c.isupper() for c in s), s))
                chars[span.start_char : span.end_char] = best
    first = next((i for i, c in enumerate(chars) if c.isalpha()), None)
    if first is not None:
        chars[first] = chars[first].upper() if len(chars[first].upper()) == 1 else chars[first]
    return "".join(chars)


def _acronym(span: Span, surfaces: list[str], capitals: bool) -> bool:
    """Whether a name that is also a stop word ("US", "WHO") is the KB's acronym: written so
    in a headline that is not all capitals ("US Imposes New Sanctions"), or in an all-capitals
    one where a name stands, first or after "the" ("US IMPOSES...", "...THE US"), not "LET US"."""
    if span.text not in surfaces or not span.text.isupper() or len(span.text) < 2:
        return False
    if not capitals:
        return True
    before = span.doc[span.start - 1] if span.start else None
    return before is None or before.lower_ == "the" or before.is_punct


def _odd_caps(surface: str) -> bool:
    """Whether a short name has capitals inside a word ("LeT"): written so or not at all, so
    "Let" in a headline is not Lashkar-e-Taiba."""
    return len(surface) <= 4 and any(c.isupper() for c in surface[1:]) and not surface.isupper()


def _cases(text: str) -> tuple[int, int, int]:
    """How many letters `text` has, how many of them are capitals and how many lower case
    (`str.isalpha`, `isupper`, `islower` on each character), counted at C speed for ASCII: a
    body segment is long, and this runs on every segment."""
    upper = sum(map(text.count, ascii_uppercase))
    lower = sum(map(text.count, ascii_lowercase))
    letters = upper + lower
    for c in _NON_ASCII.findall(text):
        if c.isalpha():
            letters += 1
            upper += c.isupper()
            lower += c.islower()
    return letters, upper, lower


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def mostly_capitals(text: str) -> bool:
    """Whether four letters in five of `text` (or more) are capitals."""
    letters, upper, _ = _cases(text)
    return bool(letters) and upper >= 0.8 * letters


def odd_case(text: str) -> bool:
    """Whether a segment is written in capitals, Title Case or lower case throughout: a
    headline style (three words at least; every word of four letters or more capitalised for
    Title Case, so a sentence full of names is not one)."""
    words = WORD.findall(text)
    if len(words) < 3:
        return False
    letters, upper, lower = _cases(text)
    if (letters and upper >= 0.8 * letters) or lower == letters:  # capitals, or all lower case
        return True
    long = [w for w in words if len(w) > 3]
    return len(long) >= 3 and all(w[:1].isupper() for w in long)
