"""Reported speech without quotation marks: a clause reported by a speech verb ("Kim confirmed that
…", "Seoul said it would …") or by "according to X"."""

from __future__ import annotations

from spacy.attrs import IS_ALPHA, LEMMA, POS
from spacy.parts_of_speech import VERB
from spacy.strings import StringStore
from spacy.tokens import Doc, Span, Token

from detente.nlp import lowers
from detente.parse.units import Unit
from detente.parse.verbs import REPORTING
from detente.quotes.direct import Found, according_to
from detente.quotes.marks import knowledge
from detente.quotes.speakers import SpeakerFinder, subject_of

OBJECT_CLAUSES = frozenset({"confirm", "deny", "reaffirm", "reiterate"})  # "denied the report"
ADDRESSEES = frozenset(knowledge()["addressees"])  # "told the BBC …": the BBC is told, not said
OBJECTS = frozenset({"dobj", "dative", "iobj"})
COMPLEMENTS = frozenset({"attr", "acomp", "prep", "ccomp", "xcomp", "advmod", "oprd", "neg"})
MIN_WORDS = 2  # a reported clause has at least this many words
TITLE_WORDS = 14  # a work's title and author set off by commas after it run to this many words
WORKS = frozenset(knowledge()["works"])
HONORIFICS = frozenset(knowledge()["honorifics"])  # a title opens a new name: "Mr", "Dr"


def find_indirect(unit: Unit, speakers: SpeakerFinder, quoted: list[range]) -> list[Found]:
    """The reported clauses of one paragraph, outside the character ranges in `quoted` (the
    quotations found there, which are direct or partial quotes)."""
    return _reported(unit, speakers, quoted) + _according(unit, speakers, quoted)


def _reported(unit: Unit, speakers: SpeakerFinder, quoted: list[range]) -> list[Found]:
    doc = unit.doc
    out: list[Found] = []
    strings = doc.vocab.strings
    table = doc.to_array([POS, LEMMA, IS_ALPHA]).tolist() if len(doc) else []
    for i, (tag, lemma, _) in enumerate(table):
        # tags and lemmas read at once: a `Token` made for every word cost the most here
        if tag != VERB or not _reporting(lemma, strings):
            continue
        token = doc[i]
        if any(token.idx in r for r in quoted):
            continue
        clause = _clause_of(token)
        if clause is None:
            continue
        span = _content(token, clause)
        if sum(row[2] for row in table[span.start : span.end]) < MIN_WORDS:
            continue  # "saying the original e[-]mail had been sent": a broken parse
        if quoted and any(t.idx in r for t in span for r in quoted):
            continue  # the clause holds a quotation, found as a direct or partial quote
        subject = subject_of(token)
        if subject is None or span.start <= subject.i < span.end:
            continue  # a speaker inside what they say is a parse gone wrong
        speaker = speakers.of(subject)
        if speaker is None:
            continue
        verb = token.lemma_.lower()
        out.append(Found(unit, span.start_char, span.end_char, "indirect", verb, speaker))
    return out


_REPORTING_IDS: dict[int, bool] = {}  # lemma hash → whether its lower case is in REPORTING


def _reporting(lemma: int, strings: StringStore) -> bool:
    """Whether a lemma (its string hash) is a reporting verb's, lower-cased, as `REPORTING`
    holds them; remembered by hash (a hash names one string in every vocabulary)."""
    known = _REPORTING_IDS.get(lemma)
    if known is None:
        known = _REPORTING_IDS[lemma] = strings[lemma].lower() in REPORTING
    return known


def _clause_of(verb: Token) -> Token | None:
    """The head of the clause a reporting verb reports: its largest clausal complement, or the
    object of a verb that takes a report as one ("denied the report")."""
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    if not clauses and verb.lemma_.lower() in OBJECT_CLAUSES:
        clauses = [c for c in verb.children if c.dep_ == "dobj" and c.pos_ == "NOUN"]
    return max(clauses, key=lambda c: c.right_edge.i - c.left_edge.i, default=None)


def _content(verb: Token, clause: Token) -> Span:
    """The words a clause reports: from its subject or first word, not its "that", nor the
    addressee the parse took into it ("told [the BBC] Mr Howard had …"); to the sentence's end
    when its verb is a copula the parse left without a complement ("said he was [confident …]")."""
    doc = verb.doc
    left = clause.left_edge.i
    while left < clause.i and doc[left].dep_ == "mark":  # "said [that] ...": not said
        left += 1
    if verb.lemma_.lower() in ADDRESSEES and not any(c.dep_ in OBJECTS for c in verb.children):
        left = _after_addressee(doc, left, clause)
    right = clause.right_edge.i
    bare = clause.lemma_ == "be" and not any(c.dep_ in COMPLEMENTS for c in clause.children)
    if bare and right == clause.i:
        right = clause.sent.end - 1
        while right > clause.i and doc[right].is_punct:
            right -= 1
    return doc[left : right + 1]


def _after_addressee(doc: Doc, left: int, clause: Token) -> int:
    """Where a clause starts after a named addressee the parse made part of its subject: a name
    at its start followed straight away by another name ("the BBC Mr Howard"), or by a title
    ("the Guardian Mr Davies", however the entities were cut)."""
    start = left + 1 if doc[left].dep_ == "det" else left
    for ent in doc.ents:
        if ent.start in (left, start) and ent.end < clause.i and doc[ent.end].pos_ == "PROPN":
            return ent.end
    for i in range(start + 1, clause.i):
        if doc[i].lower_.rstrip(".") in HONORIFICS:
            named = all(t.pos_ == "PROPN" for t in doc[start:i])
            return i if named else left
        if doc[i].pos_ != "PROPN":
            break
    return left


def _according(unit: Unit, speakers: SpeakerFinder, quoted: list[range]) -> list[Found]:
    doc = unit.doc
    out: list[Found] = []
    words = lowers(doc)
    if "according" not in words:  # most paragraphs: no token made at all
        return out
    for i, word in enumerate(words):
        if word != "according":
            continue
        token = doc[i]
        if any(token.idx in r for r in quoted):
            continue
        speaker = according_to(token, speakers)
        sent = token.sent
        phrase = doc[token.i : max(t.i for t in token.subtree) + 1]
        rest = [t for t in sent if t.i < phrase.start or t.i >= phrase.end]
        rest = _without_title(phrase, rest)
        if (
            speaker is None
            or not rest
            or (quoted and any(t.idx in r for t in rest for r in quoted))
        ):
            continue
        body = [t for t in rest if not t.is_punct] or rest
        end = body[-1].idx + len(body[-1])
        out.append(Found(unit, body[0].idx, end, "indirect", "according to", speaker))
    return out


def _without_title(phrase: Span, rest: list[Token]) -> list[Token]:
    """The words after "according to a new book" without the work's title set off by commas
    ("…, Brown's Britain by Robert Peston, Mr Blair …"): the title is not what the book says."""
    source = [t for t in phrase if t.dep_ == "pobj"]
    if not source or source[0].lemma_.lower() not in WORKS:
        return rest
    after = [t for t in rest if t.i >= phrase.end]
    if not after or after[0].i != phrase.end or after[0].text != ",":
        return rest
    commas = [t for t in after[1:TITLE_WORDS] if t.text == ","]
    if not commas or not after[1].text[:1].isupper():
        return rest
    return [t for t in rest if t.i < phrase.start or t.i > commas[0].i]
