"""Directed relations between two mentions of one sentence: A praises, supports, criticises,
accuses, opposes or threatens B, read from the predicate that links them and the cue words of
`signals/data/relations.yaml`, each with its evidence sentence.

A relation needs a cue that holds the two: A is the cue verb's subject (or its agent, "was
praised by A") and B its object, the subject of its passive, or a prepositional object ("voted
against B"); a noun cue takes its holder from its possessor or the subject of its clause and its
target from a preposition ("A's criticism of B", "A voiced support for B"); an adjective cue
from the copula ("A is critical of B"). A negated cue gives nothing (precision first), except
support denied or refused ("has not endorsed B"), which is against B. Event
words are not cues: "air strikes in support of the government" relate the striker to the
government through "support", never through "strike".

The cue words live in `relation_lexicon.py`, the reading of a cue's holder and target in
`relation_arguments.py`, and what is tried when no cue links two mentions (labels, judgements,
the tone toward B) in `relation_fallback.py`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence

from spacy.tokens import Span, Token

from detente.model import Event, Evidence, Mention, Relation
from detente.parse.units import Unit
from detente.signals.relation_arguments import (
    cue_arguments,
    cue_part,
    holds,
    hypothetical,
    negated,
    resolve_pronouns,
)
from detente.signals.relation_fallback import by_tone, verdicts
from detente.signals.relation_lexicon import Cue, Found, RelationLexicon, load_relation_lexicon

__all__ = ["Found", "directed_relations", "find_relations", "load_relation_lexicon", "side"]


def find_relations(sentence: Span, mentions: Sequence[Span]) -> Iterator[Found]:
    """Relations between the mentions (spans of `sentence`), one per (holder, target, cue)."""
    lexicon = load_relation_lexicon()
    if len(mentions) < 2:
        return
    found = False
    for tok in sentence:
        part = cue_part(tok)
        cue = lexicon.cues.get((tok.lemma_.lower(), part)) if part else None
        if cue is None or hypothetical(tok, lexicon):
            continue
        if _withheld(tok, cue, lexicon):
            cue = Cue("withhold", -1, cue.part)
        elif negated(tok):
            continue
        holders, targets = cue_arguments(tok, lexicon)
        holders = resolve_pronouns(holders)
        for a in mentions:
            if not any(holds(h, a) for h in holders):
                continue
            for b in mentions:
                if b is not a and b.start != a.start and any(holds(t, b) for t in targets):
                    found = True
                    yield Found(a, b, cue.kind, cue.polarity, tok)
    if not found:
        for f in verdicts(sentence, mentions, lexicon):
            found = True
            yield f
    if not found:
        yield from by_tone(mentions, lexicon)


def _withheld(tok: Token, cue: Cue, lexicon: RelationLexicon) -> bool:
    """Whether support is denied ("has not endorsed B") or refused ("refused to
    back B"): against the target."""
    if cue.kind not in lexicon.withholding:
        return False
    head = tok.head
    if tok.dep_ == "xcomp" and head.lemma_.lower() in lexicon.refusal:
        return not negated(head)  # "did not refuse to back B" is no refusal
    return negated(tok)


NON_STATE = frozenset({"IGO", "NGO", "MNC", "IMG", "UIS", "NGM"})
"""Code prefixes that name no country: relations of two such actors are never merged."""


def side(code: str, person: str | None, text: str) -> str:
    """Who a party of a relation is, for merging: the person; else the country of a state
    actor's code (Russia and its government are one side); else the code; else the text."""
    if person:
        return person
    if len(code) >= 3 and code[:3].isalpha() and code[:3] not in NON_STATE:
        return code[:3]
    return code or text.lower()


def directed_relations(
    article: Sequence[Unit], mentions: Sequence[Mention], events: Sequence[Event] = ()
) -> list[Relation]:
    """The relations between the mentions (linked or not) of each sentence of the article, with
    the sentence as evidence (document character offsets); one per (holder side, target side,
    cue), no actor related to itself; then the stance events of `events` (CAMEO codes of
    `event_kinds`: praise, criticism, accusation) that no cue found."""
    out: list[Relation] = []
    seen: set[tuple[int, str, str, int]] = set()
    for unit in article:
        by_sentence: dict[int, list[tuple[Span, Mention]]] = defaultdict(list)
        for m in mentions:
            if m.segment != unit.segment:
                continue
            span = unit.doc.char_span(m.start - unit.offset, m.end - unit.offset, "expand")
            if span is not None:
                by_sentence[span.sent.start].append((span, m))
        for pairs in by_sentence.values():
            if len({span.start for span, _ in pairs}) < 2:
                continue
            linked: dict[int, Mention] = {}
            for span, m in pairs:  # of two mentions of one span, the linked one
                if span.start not in linked or not linked[span.start].actor_code:
                    linked[span.start] = m
            sent = pairs[0][0].sent
            start, end = unit.offset + sent.start_char, unit.offset + sent.end_char
            for f in find_relations(sent, [span for span, _ in pairs]):
                a, b = linked[f.holder.start], linked[f.target.start]
                key = (start, side(a.actor_code, a.person, a.text),
                       side(b.actor_code, b.person, b.text), f.polarity)  # fmt: skip
                if key[1] == key[2] or key in seen:
                    continue
                seen.add(key)
                out.append(Relation(
                    segment=unit.segment, source_text=a.text, source_code=a.actor_code,
                    target_text=b.text, target_code=b.actor_code, kind=f.kind,
                    polarity=f.polarity, cue=f.cue.text,
                    evidence=Evidence(start=start, end=end, text=unit.text_at(
                        sent.start_char, sent.end_char)),
                ))  # fmt: skip
    return out + _event_relations(events, seen)


def _event_relations(
    events: Sequence[Event], seen: set[tuple[int, str, str, int]]
) -> list[Relation]:
    """Relations from the coder's stance events (praise, criticism, accusation) told as fact
    or report, asserted, not background, between two actors no cue already related there."""
    lexicon = load_relation_lexicon()
    out = []
    for e in events:
        kind = lexicon.event_kinds.get(e.cameo) or lexicon.event_kinds.get(e.cameo[:3])
        if kind is None or not e.source or not e.target or e.background:
            continue
        if e.polarity != "asserted" or e.modality not in ("factual", "reported"):
            continue
        spec = next(c for c in lexicon.cues.values() if c.kind == kind)
        key = (e.evidence.start, side(e.source, e.source_person, e.source),
               side(e.target, e.target_person, e.target), spec.polarity)  # fmt: skip
        if key[1] == key[2] or key in seen:
            continue
        seen.add(key)
        out.append(Relation(
            segment=e.segment, source_text=e.source_name or e.source, source_code=e.source,
            target_text=e.target_name or e.target, target_code=e.target, kind=kind,
            polarity=spec.polarity, cue=e.trigger, evidence=e.evidence,
        ))  # fmt: skip
    return out
