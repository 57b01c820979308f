"""Who said what: direct, partial and indirect quotes with their speakers.

Per document, over headline and body segments:

- **direct**: text in quotation marks (straight or curly) attributed by a speech verb around it
  ("“...,” he told reporters", "Putin said: “...”"), or by "according to X"; a quotation that
  follows another with no attribution of its own continues it ("“...,” he said. “...”");
- **partial**: a few quoted words inside a sentence whose verb is a way of speaking ("called the
  visit a “very important moment”", "praised the “invincible brotherhood”");
- **scare**: a quoted phrase nobody is said to speak, kept apart and never given a speaker — unless
  the same words are attributed elsewhere in the document;
- **indirect**: a clause reported by a speech verb ("Kim confirmed that ...", "Seoul said it
  would ...") or by "according to X".

Speakers are the linked mentions of the subject (so "he", "the Russian leader" and "Kim" carry the
person the linker resolved them to).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Span, Token

from detente.model import Mention, Quote
from detente.parse.index import MentionIndex, first
from detente.parse.units import Unit
from detente.parse.verbs import COMMUNICATION, REPORTING, SPEECH

QUOTED = re.compile(r"“([^”]{2,}?)”|\"([^\"]{2,}?)\"|«([^»]{2,}?)»")
PARTIAL_WORDS = 8  # at most this many words inside a sentence make a partial quote


@dataclass
class _Found:
    quote: Quote
    speaker: Mention | None


def find_quotes(units: Sequence[Unit], mentions: Sequence[Mention]) -> list[Quote]:
    found: list[_Found] = []
    for unit in units:
        if unit.thread:
            continue
        index = MentionIndex(unit, [m for m in mentions if m.segment == unit.segment])
        found += _direct(unit, index, found)
        found += _indirect(unit, index)
    _share_speakers(found)
    return sorted((f.quote for f in found), key=lambda q: q.start)


# ---- direct and partial quotes ---------------------------------------------------------------


def _direct(unit: Unit, index: MentionIndex, earlier: list[_Found]) -> list[_Found]:
    doc = unit.doc
    text = unit.text  # as written; built once (spaCy builds `doc.text` anew at each use)
    out: list[_Found] = []
    for match in QUOTED.finditer(text):
        group = next(g for g in (1, 2, 3) if match.group(g) is not None)
        start, end = match.start(group), match.end(group)
        inner = doc.char_span(start, end, alignment_mode="expand")
        if inner is None or not any(t.is_alpha for t in inner):
            continue
        marks = (match.start(), match.end())
        sentences = {t.sent.start: t.sent for t in (doc[inner.start], doc[inner.end - 1])}
        words = sum(t.is_alpha for t in inner)
        text_outside = [
            t for s in sentences.values() for t in s if _outside(t, marks) and t.is_alpha
        ]
        whole = _whole(text, match.start(), end)
        verb, speaker, kind = (None, None, "scare") if whole else _partial(inner, index, words)
        if verb is None:
            verb, speaker = _attribution(list(sentences.values()), index, marks)
            kind = "direct" if whole or words > PARTIAL_WORDS else "partial"
            if verb is None:
                kind = "scare"
        if verb is None and not text_outside and earlier + out:
            previous = (earlier + out)[-1]  # “...,” he said. “...”: the quotation goes on
            if previous.quote.kind == "direct" and previous.quote.segment >= unit.segment - 1:
                verb, speaker, kind = previous.quote.verb, previous.speaker, "direct"
        if verb is None:
            kind = "scare" if words <= PARTIAL_WORDS else "direct"
        out.append(_Found(_quote(unit, start, end, kind, verb, speaker), speaker))
    return out


def _whole(text: str, opening: int, inner_end: int) -> bool:
    """A quotation that is a sentence or clause of its own: it opens a sentence or follows a
    colon, or ends with its own punctuation ("“We will win,” he said")."""
    before = text[:opening].rstrip()
    return not before or before[-1] in '.:!?”"' or text[inner_end - 1 : inner_end] in ",.!?"


def _outside(token: Token, marks: tuple[int, int]) -> bool:
    return token.idx < marks[0] or token.idx >= marks[1]


def _attribution(
    sentences: list[Span], index: MentionIndex, marks: tuple[int, int]
) -> tuple[str | None, Mention | None]:
    """A speech verb outside the quotation, and its subject; or "according to X"."""
    for sent in sentences:
        for token in sent:
            if not _outside(token, marks):
                continue
            if token.lower_ == "according":
                source = first(index.after(token, ("to",), deep=True))
                if source is not None:
                    return "according to", source
            if token.pos_ == "VERB" and token.lemma_.lower() in SPEECH:
                subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
                if subjects and _outside(subjects[0], marks):
                    return token.lemma_.lower(), first(index.at(subjects[0]))
    return None, None


def _partial(
    inner: Span, index: MentionIndex, words: int
) -> tuple[str | None, Mention | None, str]:
    """A few quoted words inside a sentence spoken by the subject of a verb of speaking."""
    if words > PARTIAL_WORDS:
        return None, None, "direct"
    for ancestor in inner.root.ancestors:
        if ancestor.pos_ == "VERB" and ancestor.lemma_.lower() in COMMUNICATION:
            speaker = first(index.subject(ancestor))
            if speaker is not None or ancestor.dep_ != "ccomp":
                return ancestor.lemma_.lower(), speaker, "partial"
        if ancestor.dep_ == "ccomp":  # "highlighted that a “strong alliance” was reached"
            head = ancestor.head
            if head.lemma_.lower() in COMMUNICATION:
                return head.lemma_.lower(), first(index.subject(head)), "partial"
            break
    return None, None, "scare"


# ---- indirect speech ------------------------------------------------------------------------


def _indirect(unit: Unit, index: MentionIndex) -> list[_Found]:
    doc = unit.doc
    quoted = [range(m.start(), m.end()) for m in QUOTED.finditer(unit.text)]
    out: list[_Found] = []
    for token in doc:
        if token.pos_ != "VERB" or token.lemma_.lower() not in REPORTING:
            continue
        if any(token.idx in r for r in quoted):
            continue
        clause = next((c for c in token.children if c.dep_ in ("ccomp",)), None)
        if clause is None and token.lemma_.lower() in ("confirm", "deny", "reaffirm", "reiterate"):
            clause = next((c for c in token.children if c.dep_ == "dobj"), None)
        if clause is None:
            continue
        left = clause.left_edge.i
        while left < clause.i and doc[left].dep_ == "mark":  # "said [that] ...": not said
            left += 1
        span = doc[left : clause.right_edge.i + 1]
        if any(t.idx in r for t in span for r in quoted):
            continue  # the clause holds a quotation, found above as a direct or partial quote
        subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
        speaker = first(index.at(subjects[0])) if subjects else first(index.subject(token))
        if speaker is None and not subjects:
            continue
        subject = subjects[0] if subjects else None
        quote = _quote(
            unit, span.start_char, span.end_char, "indirect", token.lemma_.lower(), speaker, subject
        )
        out.append(_Found(quote, speaker))
    for token in doc:
        if token.lower_ == "according" and not any(token.idx in r for r in quoted):
            speaker = first(index.after(token, ("to",), deep=True))
            sent = token.sent
            phrase = doc[token.i : max(t.i for t in token.subtree) + 1]
            rest = [t for t in sent if t.i < phrase.start or t.i >= phrase.end]
            if speaker is None or not rest or any(t.idx in r for t in rest for r in quoted):
                continue
            body = [t for t in rest if not t.is_punct] or rest
            end = body[-1].idx + len(body[-1])
            quote = _quote(unit, body[0].idx, end, "indirect", "according to", speaker)
            out.append(_Found(quote, speaker))
    return out


# ---- records --------------------------------------------------------------------------------


def _quote(
    unit: Unit,
    start: int,
    end: int,
    kind: str,
    verb: str | None,
    speaker: Mention | None,
    subject: Token | None = None,
) -> Quote:
    text = unit.text_at(start, end)
    return Quote(
        text=text,
        kind=kind,
        start=unit.offset + start,
        end=unit.offset + end,
        speaker_text=speaker.text if speaker else (subject.text if subject is not None else None),
        speaker_code=speaker.actor_code if speaker else "",
        speaker_name=speaker.actor_name if speaker else None,
        speaker_person=speaker.person if speaker else None,
        verb=verb,
        segment=unit.segment,
    )


def _share_speakers(found: list[_Found]) -> None:
    """The same quoted words said by someone elsewhere in the document are theirs here too."""
    spoken = {f.quote.text.strip(" ,.").lower(): f for f in found if f.speaker is not None}
    for f in found:
        key = f.quote.text.strip(" ,.").lower()
        if f.speaker is None and key in spoken:
            source = spoken[key]
            f.speaker = source.speaker
            f.quote = f.quote.model_copy(
                update={
                    "kind": "partial" if f.quote.kind == "scare" else f.quote.kind,
                    "speaker_text": source.quote.speaker_text,
                    "speaker_code": source.quote.speaker_code,
                    "speaker_name": source.quote.speaker_name,
                    "speaker_person": source.quote.speaker_person,
                    "verb": source.quote.verb,
                }
            )
