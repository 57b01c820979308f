"""Directed relations between two mentions of one sentence: A praises, supports, criticises,
accuses, opposes or threatens B, read from the predicate that links them and the cue words of
`signals/data/relations.yaml`, each with its evidence sentence.

A relation needs a cue that holds the two: A is the cue verb's subject (or its agent, "was
praised by A") and B its object, the subject of its passive, or a prepositional object ("voted
against B"); a noun cue takes its holder from its possessor or the subject of its clause and its
target from a preposition ("A's criticism of B", "A voiced support for B"); an adjective cue
from the copula ("A is critical of B"). A negated cue gives nothing (precision first). Event
words are not cues: "air strikes in support of the government" relate the striker to the
government through "support", never through "strike".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml
from spacy.tokens import Span, Token

from detente.errors import ModelError
from detente.model import Evidence, Mention, Relation
from detente.parse.units import Unit

LINKS = frozenset({"compound", "flat", "appos", "conj", "cc", "amod", "det", "poss", "case",
                   "nummod", "punct", "nmod"})  # fmt: skip
"""Dependencies that keep a word inside the noun phrase of its head (climbing from a mention)."""


@dataclass(frozen=True)
class Cue:
    kind: str
    polarity: int
    part: str  # verb | noun | adjective


@dataclass(frozen=True)
class RelationLexicon:
    cues: dict[tuple[str, str], Cue]  # (lemma, part) → cue
    target_preps: frozenset[str]
    tone_confidence: float


@cache
def load_relation_lexicon() -> RelationLexicon:
    """The cue words of `signals/data/relations.yaml`; `ModelError` naming the file if broken."""
    where = "signals/data/relations.yaml"
    try:
        data = yaml.safe_load(
            (resources.files("detente.signals") / "data" / "relations.yaml").read_text()
        )
        cues: dict[tuple[str, str], Cue] = {}
        for kind, spec in data["kinds"].items():
            polarity = int(spec["polarity"])
            if polarity not in (-1, 1):
                raise ValueError(f"{kind}: polarity must be 1 or -1")
            for part, key in (("verb", "verbs"), ("noun", "nouns"), ("adjective", "adjectives")):
                for word in spec.get(key, []):
                    cues.setdefault((str(word).lower(), part), Cue(kind, polarity, part))
        return RelationLexicon(
            cues, frozenset(data["target_preps"]), float(data["tone_confidence"])
        )
    except (OSError, KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ModelError(f"{where}: {exc}") from exc


@dataclass(frozen=True)
class Found:
    """A relation found between two spans of one sentence: `holder` → `target`."""

    holder: Span
    target: Span
    kind: str
    polarity: int
    cue: Token


def _head_of_phrase(span: Span) -> Token:
    """The head of the noun phrase a mention stands in ("Putin" in "Putin's leadership" stays
    Putin: a possessor is its own argument)."""
    tok = span.root
    while tok.dep_ in LINKS - {"poss"} and tok.head != tok:
        tok = tok.head
    return tok


def _arguments(cue: Token, lexicon: RelationLexicon) -> tuple[list[Token], list[Token]]:
    """The holder and target argument heads of a cue word, by its part of speech."""
    holders: list[Token] = []
    targets: list[Token] = []
    kids = list(cue.children)
    if cue.pos_ == "VERB":
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in kids)
        for c in kids:
            if c.dep_ == "nsubj":
                holders.append(c)
            elif c.dep_ == "nsubjpass":
                targets.append(c)
            elif c.dep_ == "agent" and passive:
                holders += [g for g in c.children if g.dep_ == "pobj"]
            elif c.dep_ in ("dobj", "dative", "attr"):
                targets.append(c)
                targets += [g for g in c.children if g.dep_ == "poss"]
            elif c.dep_ == "prep" and c.lower_ in lexicon.target_preps:
                targets += [g for g in c.children if g.dep_ == "pobj"]
        if not holders and cue.dep_ in ("xcomp", "conj", "advcl") and cue.head.pos_ == "VERB":
            holders += [c for c in cue.head.children if c.dep_ == "nsubj"]
        if not holders and cue.dep_ == "acl":  # "signed a letter condemning B": the signer
            holders.append(cue.head)
            holders += [c for c in cue.head.head.children if c.dep_ == "nsubj"]
        if cue.dep_ == "relcl":  # "B, whom A attacked": the relative word stands for B
            targets += [cue.head for t in targets if t.tag_ in ("WP", "WDT")]
        return holders, targets
    holders += [c for c in kids if c.dep_ == "poss"]
    for c in kids:
        if c.dep_ == "prep" and c.lower_ in lexicon.target_preps:
            targets += [g for g in c.children if g.dep_ == "pobj"]
    head = cue.head
    if not holders and cue.dep_ in ("dobj", "attr", "acomp", "pobj", "nsubj") and head != cue:
        verb = head.head if cue.dep_ == "pobj" and head.dep_ == "prep" else head
        if cue.dep_ != "nsubj":
            holders += [c for c in verb.children if c.dep_ == "nsubj"]
    if cue.dep_ == "appos" or (cue.dep_ == "attr" and head.lemma_ == "be"):
        holders += [c for c in head.children if c.dep_ == "nsubj"] if cue.dep_ == "attr" else [head]
    return holders, targets


def _negated(cue: Token) -> bool:
    if any(c.dep_ == "neg" for c in cue.children):
        return True
    return cue.dep_ in ("xcomp", "dobj", "attr", "acomp") and any(
        c.dep_ == "neg" for c in cue.head.children
    )


def _part(tok: Token) -> str | None:
    return {"VERB": "verb", "NOUN": "noun", "ADJ": "adjective", "ADP": "adjective"}.get(tok.pos_)


def _holds(argument: Token, span: Span) -> bool:
    """Whether an argument head is the mention's phrase (the mention, or the phrase it heads)."""
    head = _head_of_phrase(span)
    return (
        argument.i == head.i
        or span.start <= argument.i < span.end
        or (argument.dep_ == "poss" and span.start <= argument.i < span.end)
    )


def find_relations(sentence: Span, mentions: Sequence[Span]) -> Iterator[Found]:
    """Relations between the mentions (spans of `sentence`), one per (holder, target, cue)."""
    lexicon = load_relation_lexicon()
    if len(mentions) < 2:
        return
    found = False
    for tok in sentence:
        part = _part(tok)
        cue = lexicon.cues.get((tok.lemma_.lower(), part)) if part else None
        if cue is None or _negated(tok):
            continue
        holders, targets = _arguments(tok, lexicon)
        for a in mentions:
            if not any(_holds(h, a) for h in holders):
                continue
            for b in mentions:
                if b is not a and b.start != a.start and any(_holds(t, b) for t in targets):
                    found = True
                    yield Found(a, b, cue.kind, cue.polarity, tok)
    if not found:
        yield from _by_tone(mentions, lexicon.tone_confidence)


def _by_tone(mentions: Sequence[Span], confidence: float) -> Iterator[Found]:
    """A subject → object pair of one verb with no cue: the tone model's reading of the object
    decides ("Brazilian courts barred Temer"), when confident enough and not negated."""
    from detente.signals.tone import target_tone
    from detente.signals.tone_features import vader

    sentence_vader: float | None = None
    for a in mentions:
        verb = _head_of_phrase(a)
        if verb.dep_ != "nsubj" or verb.head.pos_ != "VERB" or _negated(verb.head):
            continue
        verb = verb.head
        for b in mentions:
            if b is a or b.start == a.start:
                continue
            arg = _head_of_phrase(b)
            if arg.dep_ == "pobj" and arg.head.dep_ == "prep":
                arg = arg.head
            if arg.head != verb or arg.dep_ not in ("dobj", "prep"):
                continue
            if sentence_vader is None:  # once per sentence, and only when needed
                sentence_vader = vader(b.sent.text)
            said = target_tone(b, sentence_vader)
            if said.label != "neutral" and said.confidence >= confidence:
                yield Found(a, b, "tone", 1 if said.label == "positive" else -1, verb)


def directed_relations(article: Sequence[Unit], mentions: Sequence[Mention]) -> list[Relation]:
    """The relations between the mentions (linked or not) of each sentence of the article, with
    the sentence as evidence (document character offsets); one per (holder, target, cue)."""
    out: list[Relation] = []
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
                out.append(Relation(
                    segment=unit.segment, source_text=a.text, source_code=a.actor_code,
                    target_text=b.text, target_code=b.actor_code, kind=f.kind,
                    polarity=f.polarity, cue=f.cue.text,
                    evidence=Evidence(start=start, end=end, text=unit.text_at(
                        sent.start_char, sent.end_char)),
                ))  # fmt: skip
    return out
