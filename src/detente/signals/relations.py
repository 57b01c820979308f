"""Directed relations between two mentions of one sentence: A praises, supports, criticises,
accuses, opposes or threatens B, read from the predicate that links them and the cue words of
`signals/data/relations.yaml`, each with its evidence sentence.

A relation needs a cue that holds the two: A is the cue verb's subject (or its agent, "was
praised by A") and B its object, the subject of its passive, or a prepositional object ("voted
against B"); a noun cue takes its holder from its possessor or the subject of its clause and its
target from a preposition ("A's criticism of B", "A voiced support for B"); an adjective cue
from the copula ("A is critical of B"). An agent noun names the holder and takes its target
from its possessor ("Trump's critics", "Putin ally Medvedev"); some verbs take a side only with
their preposition ("voted against B", "rallied behind B"). A negated cue gives nothing
(precision first), except support denied or refused ("has not endorsed B"), which is against B.
Event words are not cues: "air strikes in support of the government" relate the striker to the
government through "support", never through "strike". Neither is the sentence's tone: a
relation without a cue word or a judgement is no relation.

The cue words live in `relation_lexicon.py`, the reading of a cue's holder and target in
`relation_arguments.py`, which mention an argument stands for in `relation_phrases.py`, and
labels and judgements ("A called B naive") in `relation_fallback.py`. Sentences are pre-checked for a word of the lexicon from the lemma
array of their document, so a sentence without one costs no token objects.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterator, Sequence

from spacy.attrs import LEMMA
from spacy.tokens import Span, Token

from detente.model import Event, Evidence, Mention, Relation
from detente.parse.units import Unit
from detente.signals.relation_arguments import (
    agent_arguments,
    cue_arguments,
    cue_part,
    hypothetical,
    negated,
    resolve_objects,
    resolve_pronouns,
    verb_holders,
)
from detente.signals.relation_fallback import verdicts
from detente.signals.relation_lexicon import Cue, Found, RelationLexicon, load_relation_lexicon
from detente.signals.relation_phrases import holds

__all__ = ["Found", "directed_relations", "find_relations", "load_relation_lexicon", "side"]


def find_relations(
    sentence: Span, mentions: Sequence[Span], words: Sequence[Token] | None = None
) -> Iterator[Found]:
    """Relations between the mentions (spans of `sentence`), one per (holder, target, cue);
    cue words first, then labels and judgements ("A called B naive"); nothing when no word of
    the lexicon is in the sentence (the cheap pre-check). `words`: the sentence's tokens whose
    lemma the lexicon knows, when the caller has found them already."""
    if len(mentions) < 2:
        return
    lexicon = load_relation_lexicon()
    if words is None:
        words = [tok for tok in sentence if tok.lemma_ in lexicon.words]
    if not words:
        return
    agents = lexicon.agents
    found = False
    for tok in words:
        for cue, holders, targets in _readings(tok, lexicon):
            for a in mentions:
                if not any(holds(h, a, agents) for h in holders):
                    continue
                for b in mentions:
                    if b is a or b.start == a.start:
                        continue
                    if any(holds(t, b, agents) for t in targets):
                        found = True
                        yield Found(a, b, cue.kind, cue.polarity, tok)
    if not found:
        yield from verdicts(words, mentions, lexicon)


Reading = tuple[Cue, list[Token], list[Token]]


def _readings(tok: Token, lexicon: RelationLexicon) -> Iterator[Reading]:
    """The (cue, holder heads, target heads) a word gives, told as fact and not negated: an
    agent noun ("Trump's critics"), a verb with a stance preposition ("voted against B"), or a
    cue word of `relations.yaml`."""
    part = cue_part(tok)
    if part is None:
        return
    lemma = tok.lemma_
    agent = lexicon.agents.get(lemma) if part == "noun" else None
    preps: tuple[Token, ...] = ()
    if part == "verb":
        preps = tuple(c for c in tok.children if c.dep_ == "prep"
                      and (lemma, c.lower_) in lexicon.prep_cues)  # fmt: skip
    cue = lexicon.cues.get((lemma, part))
    if (agent is None and not preps and cue is None) or hypothetical(tok, lexicon):
        return
    if agent is not None:
        if not negated(tok, lexicon):
            yield (agent, *agent_arguments(tok, lexicon))
        return
    if preps and not negated(tok, lexicon):
        holders = resolve_pronouns(verb_holders(tok, list(tok.children), False, lexicon))
        for prep in preps:
            targets = [g for g in prep.children if g.dep_ == "pobj"]
            yield lexicon.prep_cues[(lemma, prep.lower_)], holders, targets
    if cue is None:
        return
    if _withheld(tok, cue, lexicon):
        cue = Cue("withhold", -1, cue.part)
    elif negated(tok, lexicon):
        return
    skip = frozenset(p.lower_ for p in preps)
    if lemma not in lexicon.noun_prep_verbs:  # "blamed the attack on B"
        skip |= lexicon.noun_preps
    holders, targets = cue_arguments(tok, lexicon, skip)
    subjects = [t for t in targets if t.dep_ == "nsubjpass"]  # "she was denounced by A"
    targets += resolve_pronouns(subjects)[len(subjects) :] + resolve_objects(targets)
    yield cue, resolve_pronouns(holders), targets


def _withheld(tok: Token, cue: Cue, lexicon: RelationLexicon) -> bool:
    """Whether support is denied ("has not endorsed B") or refused ("refused to
    back B"): against the target. Not when the negated verb undoes it ("did not rule out
    backing B")."""
    if cue.kind not in lexicon.withholding:
        return False
    head = tok.head
    if head.lemma_ in lexicon.reversing and head != tok:
        return False
    if tok.dep_ == "xcomp" and head.lemma_ in lexicon.refusal:
        return not negated(head, lexicon)  # "did not refuse to back B" is no refusal
    return negated(tok, lexicon)


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
        for sent, pairs, words in _sentences(unit, mentions):
            linked: dict[int, Mention] = {}
            for span, m in pairs:  # of two mentions of one span, the linked one
                if span.start not in linked or not linked[span.start].actor_code:
                    linked[span.start] = m
            start, end = unit.offset + sent.start_char, unit.offset + sent.end_char
            for f in find_relations(sent, [span for span, _ in pairs], words):
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


def _sentences(
    unit: Unit, mentions: Sequence[Mention]
) -> Iterator[tuple[Span, list[tuple[Span, Mention]], list[Token]]]:
    """The sentences of a unit that name two mentions or more and hold a word of the lexicon:
    (sentence, its (span, mention) pairs, those words). The lemmas are read once per unit as
    an array, so sentences without a cue cost no token objects."""
    doc = unit.doc
    ids = load_relation_lexicon().word_ids
    hits = [i for i, lemma in enumerate(doc.to_array(LEMMA).tolist()) if lemma in ids]
    if not hits:
        return
    starts = [s.start for s in doc.sents]
    by_sentence: dict[int, list[tuple[Span, Mention]]] = defaultdict(list)
    for m in mentions:
        if m.segment == unit.segment:
            span = doc.char_span(m.start - unit.offset, m.end - unit.offset, "expand")
            if span is not None:
                by_sentence[bisect_right(starts, span.start) - 1].append((span, m))
    bounds = [*starts, len(doc)]
    for k, pairs in by_sentence.items():
        first, last = bounds[k], bounds[k + 1]
        words = [doc[i] for i in hits if first <= i < last]
        if words and len({span.start for span, _ in pairs}) >= 2:
            yield doc[first:last], pairs, words


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
