"""Reported speech without quotation marks: a clause reported by a speech verb ("Kim confirmed that
…", "Seoul said it would …") or by "according to X"."""

from __future__ import annotations

from detente.parse.units import Unit
from detente.parse.verbs import REPORTING
from detente.quotes.direct import Found, according_to
from detente.quotes.speakers import SpeakerFinder

OBJECT_CLAUSES = frozenset({"confirm", "deny", "reaffirm", "reiterate"})  # "denied the report"


def find_indirect(unit: Unit, speakers: SpeakerFinder, quoted: list[range]) -> list[Found]:
    """The reported clauses of one paragraph, outside the character ranges in `quoted` (the
    quotations found there, which are direct or partial quotes)."""
    return _reported(unit, speakers, quoted) + _according(unit, speakers, quoted)


def _reported(unit: Unit, speakers: SpeakerFinder, quoted: list[range]) -> list[Found]:
    doc = unit.doc
    out: list[Found] = []
    for token in doc:
        if token.pos_ != "VERB" or token.lemma_.lower() not in REPORTING:
            continue
        if any(token.idx in r for r in quoted):
            continue
        clause = next((c for c in token.children if c.dep_ == "ccomp"), None)
        if clause is None and token.lemma_.lower() in OBJECT_CLAUSES:
            clause = next((c for c in token.children if c.dep_ == "dobj"), None)
        if clause is None:
            continue
        left = clause.left_edge.i
        while left < clause.i and doc[left].dep_ == "mark":  # "said [that] ...": not said
            left += 1
        span = doc[left : clause.right_edge.i + 1]
        if any(t.idx in r for t in span for r in quoted):
            continue  # the clause holds a quotation, found as a direct or partial quote
        speaker = speakers.of_verb(token)
        if speaker is None:
            continue
        verb = token.lemma_.lower()
        out.append(Found(unit, span.start_char, span.end_char, "indirect", verb, speaker))
    return out


def _according(unit: Unit, speakers: SpeakerFinder, quoted: list[range]) -> list[Found]:
    doc = unit.doc
    out: list[Found] = []
    for token in doc:
        if token.lower_ != "according" or any(token.idx in r for r in quoted):
            continue
        speaker = according_to(token, speakers)
        sent = token.sent
        phrase = doc[token.i : max(t.i for t in token.subtree) + 1]
        rest = [t for t in sent if t.i < phrase.start or t.i >= phrase.end]
        if speaker is None or not rest or any(t.idx in r for t in rest for r in quoted):
            continue
        body = [t for t in rest if not t.is_punct] or rest
        end = body[-1].idx + len(body[-1])
        out.append(Found(unit, body[0].idx, end, "indirect", "according to", speaker))
    return out
