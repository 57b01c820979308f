"""Quotations in marks: whole direct quotes, a few quoted words inside reported speech (partial
or mixed), and quoted words nobody is said to speak (scare quotes, names, titles)."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import takewhile

from spacy.tokens import Span, Token

from detente.parse.index import SUBJECTS
from detente.parse.units import Unit
from detente.parse.verbs import COMMUNICATION, REPORTING, SPEECH
from detente.quotes.marks import Marked, knowledge, names_something, quotations
from detente.quotes.speakers import Speaker, SpeakerFinder, speaking_subject, subject_of

PARTIAL_WORDS = 8  # at most this many words inside a sentence make a partial quote
THAT_WORDS = 4  # "acknowledged [on Sunday] that “…”": the verb within this many words of "that"
AFTER_WORDS = 6  # an attribution after a quotation's sentence lies within this many words
SIGNATURE_WORDS = 5  # a name signing a quotation after a dash has at most this many words
DASHES = "—―–-"
SAYING = SPEECH | frozenset(knowledge()["speech"])  # verbs that introduce a quotation
SPEAKING = COMMUNICATION | SAYING  # verbs whose clause or object quoted words are spoken in
# verbs that introduce a quotation but speak no quoted words in their clause ("continued to
# operate as “New” Labour")
IN_CLAUSE = SPEAKING - frozenset(knowledge()["introduce_only"])
NOT_SPOKEN = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "agent", "expl"})
OWN_CONTENT = frozenset({"ccomp", "xcomp", "dobj", "oprd"})  # what a verb says, when it says it
CONTENT_PREPS = frozenset({"of", "about", "against", "that"})  # "warned of", "spoke about"
SCARE_WORDS = 2  # an unattributed quotation of this many words opening a sentence is a term


@dataclass
class Found:
    """A quote being found: where, what kind, the verb and speaker, and whether it was left open
    at the end of its paragraph."""

    unit: Unit
    start: int  # character offsets in the unit
    end: int
    kind: str
    verb: str | None
    speaker: Speaker | None
    open_end: bool = False
    words: tuple[int, int] | None = None  # the quoted words of a partial quote given its clause


def find_direct(
    unit: Unit,
    speakers: SpeakerFinder,
    previous: Found | None,
    last: SpeakerFinder | None,
    marks: list[Marked] | None = None,
) -> list[Found]:
    """The quotations of one paragraph; `previous` is the last quote found before it (in this
    paragraph or the one before), which a quotation with no attribution of its own continues;
    `last` the speakers of the paragraph before, whose last sentence may introduce a quotation
    ("Caddell continued:"); `marks`: `quotations(unit.text)`, when the caller has them."""
    out: list[Found] = []
    for marked in quotations(unit.text) if marks is None else marks:
        found = _one(unit, speakers, marked, last)
        if found is None:
            continue
        before = out[-1] if out else previous
        if before is not None and _goes_on(found, before, marked):
            # “...,” he said. “...”: the quotation goes on
            found.kind, found.verb = "direct", before.verb
            found.speaker = before.speaker.continued() if before.speaker else None
        out.append(found)
    return out


def _goes_on(found: Found, before: Found, marked: Marked) -> bool:
    """A quotation with no attribution of its own, alone in its sentences, right after a direct
    quote, continues it."""
    unattributed = found.verb is None and found.speaker is None and found.kind != "scare"
    return unattributed and before.kind == "direct" and _only_quotation(found.unit, marked)


def _one(
    unit: Unit, speakers: SpeakerFinder, marked: Marked, last: SpeakerFinder | None
) -> Found | None:
    doc, text = unit.doc, unit.text
    inner = doc.char_span(marked.inner_start, marked.inner_end, alignment_mode="expand")
    if inner is None or not any(t.is_alpha for t in inner):
        return None
    words = sum(t.is_alpha for t in inner)
    start, end = marked.inner_start, marked.inner_end
    opens = marked.open_end or _opens(text, marked)
    ends = text[marked.inner_end - 1 : marked.inner_end] in ",.!?"
    whole = opens or ends
    if not opens and names_something(text, marked):
        return Found(unit, start, end, "scare", None, None)
    if not opens:
        verb, speaker, clause = _partial(inner, speakers)
        if verb is not None and words > PARTIAL_WORDS:  # "acknowledged that “…”": all quoted
            return Found(unit, start, end, "direct", verb, speaker)
        if verb is not None:
            if clause is not None:  # said the plan was a “reckless gamble”: the whole clause
                start, end = min(start, clause[0]), max(marked.end, clause[1])
            words_at = (marked.inner_start, marked.inner_end)
            return Found(unit, start, end, "partial", verb, speaker, words=words_at)
    sentences = list(
        {t.sent.start: t.sent for t in (doc[inner.start], doc[inner.end - 1])}.values()
    )
    verb, speaker = _attribution(sentences, speakers, marked, SAYING if opens else IN_CLAUSE)
    if verb is None and not opens:
        verb, speaker = _reported_that(sentences[0], speakers, marked)
    if verb is None and whole:
        verb, speaker = _attribution_after(sentences[-1], speakers, marked)
    if verb is None and opens:
        verb, speaker = _introduced(sentences[0], speakers, last)
    if verb is None and speaker is None and whole:
        speaker = _signed(unit, speakers, marked)
    kind = "direct" if whole or words > PARTIAL_WORDS else "partial"
    if verb is None and speaker is None:  # "“Errors” doomed the sale": a term, not a sentence
        said = marked.open_end or (opens and (ends or words > SCARE_WORDS))
        kind = "scare" if words <= PARTIAL_WORDS and not said else "direct"
    return Found(unit, start, end, kind, verb, speaker, marked.open_end)


def _opens(text: str, marked: Marked) -> bool:
    """A quotation that is a sentence or clause of its own: it opens the paragraph or a sentence,
    or follows a colon or comma ("He said, “…”")."""
    before = text[: marked.start].rstrip()
    return not before or before[-1] in '.:!?”"’,'


def _only_quotation(unit: Unit, marked: Marked) -> bool:
    """No words of the quotation's sentences lie outside it: nothing but the quotation."""
    doc = unit.doc
    inner = doc.char_span(marked.inner_start, marked.inner_end, alignment_mode="expand")
    if inner is None:
        return False
    sentences = {doc[inner.start].sent.start: doc[inner.start].sent}
    sentences[doc[inner.end - 1].sent.start] = doc[inner.end - 1].sent
    return not any(
        t.is_alpha and not marked.start <= t.idx < marked.end for s in sentences.values() for t in s
    )


def _outside(token: Token, marked: Marked) -> bool:
    return token.idx < marked.start or token.idx >= marked.end


def _attribution(
    sentences: list[Span], speakers: SpeakerFinder, marked: Marked, verbs: frozenset[str]
) -> tuple[str | None, Speaker | None]:
    """A speech verb (of `verbs`) outside the quotation and its subject; or "according to X"."""
    # a quotation that ends in a full stop ends its sentence, wherever the parse ends it
    # (the unit's text: re-casing moves no full stop, and `Doc.text` joins every token anew)
    closed = speakers.unit.text[marked.inner_end - 1 : marked.inner_end] == "."
    for sent in sentences:
        inverted = _inverted(sent, speakers, marked) or _named_colon(sent, speakers, marked)
        if inverted is not None:
            return inverted
        for token in sent:
            if not _outside(token, marked) or (closed and token.idx >= marked.end):
                continue
            if token.lower_ == "according":
                source = according_to(token, speakers)
                if source is not None:
                    return "according to", source
            if token.pos_ == "VERB" and token.lemma_.lower() in verbs:
                # the parse may take words of the quotation for a subject too ("…,” said X")
                subjects = [c for c in token.children if c.dep_ in SUBJECTS - {"nsubjpass"}]
                outside = [c for c in subjects if _outside(c, marked)]
                subject = speaking_subject(token, outside) if outside else None
                subject = subject if subject is not None or subjects else subject_of(token)
                if subject is not None and _outside(subject, marked):
                    return token.lemma_.lower(), speakers.of(subject)
    return None, None


def _inverted(
    sent: Span, speakers: SpeakerFinder, marked: Marked
) -> tuple[str, Speaker | None] | None:
    """ "Said Ellis: “…”", "Continued Stone: “…”": a speech verb, a name and a colon open the
    sentence of the quotation (the parse often takes the verb for part of the name)."""
    head = list(takewhile(lambda t: t.idx < marked.start, sent))  # tokens run in text order
    if len(head) < 3 or head[-1].text != ":" or head[0].lemma_.lower() not in SAYING:
        return None
    names = head[1:-1]
    if len(names) > SIGNATURE_WORDS or not all(t.text[0].isupper() for t in names):
        return None
    return head[0].lemma_.lower(), speakers.of_name(names)


def _named_colon(
    sent: Span, speakers: SpeakerFinder, marked: Marked
) -> tuple[str, Speaker | None] | None:
    """ "Rush Limbaugh: Hillary's request ‘reeks of fear’": a person's name and a colon open the
    paragraph (a headline's way of saying who speaks) and the quotation follows; a dateline
    ("LONDON:") is no person."""
    doc = sent.doc
    colon = next((t for t in doc[: SIGNATURE_WORDS + 1] if t.text == ":"), None)
    if colon is None or colon.idx >= marked.start or colon.i == 0:
        return None
    names = doc[: colon.i]
    person = any(e.label_ == "PERSON" and e.start == 0 and e.end == colon.i for e in doc.ents)
    if not person or not all(t.pos_ == "PROPN" for t in names):
        return None
    return ":", speakers.of_name(list(names))


def _reported_that(
    sent: Span, speakers: SpeakerFinder, marked: Marked
) -> tuple[str | None, Speaker | None]:
    """ "Clinton acknowledged Sunday that “…”": a reporting verb a few words before the opening
    mark, the last of them "that", however the parse attached the quotation."""
    head = [t for t in sent if t.idx < marked.start and not t.is_punct]
    if not head or head[-1].lower_ != "that":
        return None, None
    for token in reversed(head[-THAT_WORDS:-1]):
        if token.pos_ == "VERB" and token.lemma_.lower() in REPORTING | SAYING:
            subject = subject_of(token)
            if subject is not None and _outside(subject, marked):
                return token.lemma_.lower(), speakers.of(subject)
    return None, None


def _attribution_after(
    sent: Span, speakers: SpeakerFinder, marked: Marked
) -> tuple[str | None, Speaker | None]:
    """A quotation that ends its sentence, attributed by the short sentence right after it
    ("“Does anybody know?” Graham asked.")."""
    doc = sent.doc
    if sent.end >= len(doc) or doc[sent.end].idx > marked.end + 2:
        return None, None
    after = doc[sent.end].sent
    for token in after[:AFTER_WORDS]:
        if any(c.dep_ in OWN_CONTENT or c.lower_ in CONTENT_PREPS for c in token.children):
            continue  # "The chairman warned of “grave risks”": it says something of its own
        if token.pos_ == "VERB" and token.lemma_.lower() in SAYING:
            subject = subject_of(token)
            if subject is not None and subject.i < after.start + AFTER_WORDS:
                return token.lemma_.lower(), speakers.of(subject)
    return None, None


def _signed(unit: Unit, speakers: SpeakerFinder, marked: Marked) -> Speaker | None:
    """A quotation signed after a dash at the end of its paragraph ("“…” ― Pamela Padilla")."""
    rest = unit.text[marked.end :].strip()
    if not rest or rest[0] not in DASHES:
        return None
    doc = unit.doc
    tail = doc.char_span(marked.end, len(unit.text.rstrip()), alignment_mode="expand")
    names = [t for t in tail or () if t.is_alpha]
    if not names or len(names) > SIGNATURE_WORDS:
        return None
    found = speakers.of(names[-1])
    if found is None or not (found.person or all(t.text[0].isupper() for t in names)):
        return None
    return found


def _introduced(
    sent: Span, speakers: SpeakerFinder, last: SpeakerFinder | None
) -> tuple[str | None, Speaker | None]:
    """A quotation introduced by the sentence before it, ending in a colon ("Trump told the
    crowd on Monday: / “…”"), in the same paragraph or at the end of the one before."""
    doc = sent.doc
    if sent.start > 0:
        before = doc[sent.start - 1].sent
    elif last is not None and len(last.unit.doc):
        speakers, before = last, last.unit.doc[-1].sent
    else:
        return None, None
    if not before.text.rstrip().endswith(":"):
        return None, None
    for token in before:
        if token.pos_ == "VERB" and token.lemma_.lower() in REPORTING | SPEAKING:
            subject = subject_of(token)
            if subject is not None:
                return token.lemma_.lower(), speakers.of(subject)
    return None, None


def according_to(token: Token, speakers: SpeakerFinder) -> Speaker | None:
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ == "to":
            for pobj in prep.children:
                if pobj.dep_ == "pobj":
                    return speakers.of(pobj)
    return None


def _partial(
    inner: Span, speakers: SpeakerFinder
) -> tuple[str | None, Speaker | None, tuple[int, int] | None]:
    """A few quoted words inside a sentence spoken by the subject of a verb of speaking; with the
    reported clause they sit in, when they sit in one ("said the plan was a “gamble”")."""
    child = inner.root
    for ancestor in inner.root.ancestors:
        speaking = ancestor.pos_ == "VERB" and ancestor.lemma_.lower() in IN_CLAUSE
        if speaking and child.dep_ in NOT_SPOKEN:  # "An unremittingly “New” Labour manifesto
            break  # will stress": words in the speaker's own name or description
        if speaking:
            speaker = speakers.of_verb(ancestor)
            if speaker is not None or ancestor.dep_ != "ccomp":
                return ancestor.lemma_.lower(), speaker, None
        if ancestor.dep_ == "ccomp":  # "highlighted that a “strong alliance” was reached"
            head = ancestor.head
            if head.lemma_.lower() in IN_CLAUSE:
                return head.lemma_.lower(), speakers.of_verb(head), _clause(ancestor)
            break
        child = ancestor
    return None, None, None


def _clause(verb: Token) -> tuple[int, int]:
    """The character span of a reported clause, without its "that"."""
    doc = verb.doc
    left = verb.left_edge.i
    while left < verb.i and doc[left].dep_ == "mark":
        left += 1
    right = verb.right_edge.i
    while right > left and doc[right].is_punct and doc[right].text not in "”\"’'":
        right -= 1
    return doc[left].idx, doc[right].idx + len(doc[right])
