"""Relations found without a cue word: labels and judgements ("A called B naive", "A said B is
right", "according to A, B is guilty"). (The tone model's reading of B is not used: on DSA it was right in 10 of 25 and cost
more than the rest of the relations together.)"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from spacy.tokens import Span, Token

from detente.signals.relation_arguments import (
    hypothetical,
    is_negation,
    negated,
    resolve_pronouns,
    verb_holders,
)
from detente.signals.relation_lexicon import Found, RelationLexicon
from detente.signals.relation_phrases import holds

CORE = frozenset({"amod", "advmod", "compound", "conj"})
"""The words read with a label: its modifiers, and the labels coordinated with it ("surprising,
confusing and disappointing" is read as a whole)."""


def _verdict(label: Token, lexicon: RelationLexicon) -> int:
    """+1, -1 or 0: what a label or judgement says ("naive beyond belief", "absolutely right")."""
    word = lexicon.verdict_words.get(label.lemma_.lower()) or lexicon.verdict_words.get(
        label.lower_
    )
    if word:
        return word
    if any(is_negation(c) for c in label.children):
        return 0
    from detente.signals.tone_features import vader

    core = sorted([label, *(c for c in label.children if c.dep_ in CORE)])
    said = vader(" ".join(t.text for t in core))  # not its clause: "unlikely to be prosecuted"
    return 0 if abs(said) < lexicon.verdict_tone else (1 if said > 0 else -1)


def _sources(verb: Token, lexicon: RelationLexicon) -> list[Token]:
    """Who says or labels: the verb's subject, or the object of "according to A"."""
    if verb.lemma_ in lexicon.attributing:
        return [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "to"
                for g in c.children if g.dep_ == "pobj"]  # fmt: skip
    return verb_holders(verb, list(verb.children), False, lexicon)


def _verdict_arguments(verb: Token, lexicon: RelationLexicon) -> Iterator[tuple[Token, Token]]:
    """(target, label) pairs of a labelling verb ("called B naive", "described B as a liar") or
    of a saying verb whose clause judges its subject ("said B is right")."""
    lemma = verb.lemma_.lower()
    kids = list(verb.children)
    if lemma in lexicon.labelling:
        labels = [c for c in kids if c.dep_ in ("oprd", "xcomp", "acomp", "ccomp", "npadvmod")]
        labels += [g for c in kids if c.dep_ == "prep" and c.lower_ == "as" for g in c.children
                   if g.dep_ in ("pobj", "amod", "acomp")]  # fmt: skip
        for target in (c for c in kids if c.dep_ == "dobj"):
            own = [g for c in target.children if c.dep_ == "prep" and c.lower_ == "as"
                   for g in c.children if g.dep_ in ("pobj", "amod", "acomp")]  # fmt: skip
            for label in labels + own:  # "described B's response as unacceptable"
                yield target, label
    elif lemma in lexicon.saying:
        for clause in kids:
            if clause.dep_ == "ccomp":
                yield from _judged(clause, lexicon)
    elif lemma in lexicon.attributing and verb.dep_ == "prep":
        yield from _judged(verb.head, lexicon)  # "according to A, B is guilty"


def _judged(clause: Token, lexicon: RelationLexicon) -> Iterator[tuple[Token, Token]]:
    """(subject, label) of a copular clause told as fact: "B is right", "B is a liar"."""
    if clause.lemma_ != "be" or negated(clause) or hypothetical(clause, lexicon):
        return
    subjects = [c for c in clause.children if c.dep_ == "nsubj"]
    for label in (c for c in clause.children if c.dep_ in ("acomp", "attr")):
        for target in subjects:
            yield target, label


def verdicts(
    words: Sequence[Token], mentions: Sequence[Span], lexicon: RelationLexicon
) -> Iterator[Found]:
    """A labels or judges B: "A called B 'naive beyond belief'", "A said B is 'absolutely
    right'", "Arguing that B is guilty, A said..."; the label's verdict (`verdict_words`, else
    its VADER tone) gives the polarity. `words`: the sentence's tokens (or those of them
    whose lemma the lexicon knows: the others give nothing)."""
    for verb in words:
        if verb.pos_ != "VERB" or not (verb.lemma_ in lexicon.labelling
                                       or verb.lemma_ in lexicon.saying
                                       or verb.lemma_ in lexicon.attributing):  # fmt: skip
            continue
        if negated(verb, lexicon) or hypothetical(verb, lexicon):
            continue
        holders = resolve_pronouns(_sources(verb, lexicon))
        if not holders:
            continue
        for target, label in _verdict_arguments(verb, lexicon):
            polarity = _verdict(label, lexicon)
            if not polarity:
                continue
            for a in mentions:
                if not any(holds(h, a, lexicon.agents) for h in holders):
                    continue
                for b in mentions:
                    if b is not a and b.start != a.start and holds(target, b, lexicon.agents):
                        kind = "praise" if polarity > 0 else "criticise"
                        yield Found(a, b, kind, polarity, verb)
