"""Relations found without a cue word: labels and judgements ("A called B naive", "A said B is
right") and, failing those, the tone model's reading of B where A's verb acts on B or reports a
clause about B."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from spacy.tokens import Span, Token

from detente.signals.relation_arguments import (
    OWN_PHRASE,
    holds,
    hypothetical,
    negated,
    phrase_heads,
)
from detente.signals.relation_lexicon import Found, RelationLexicon


def _verdict(label: Token, lexicon: RelationLexicon) -> int:
    """+1, -1 or 0: what a label or judgement says ("naive beyond belief", "absolutely right")."""
    word = lexicon.verdict_words.get(label.lemma_.lower()) or lexicon.verdict_words.get(
        label.lower_
    )
    if word:
        return word
    if any(c.dep_ == "neg" for c in label.children):
        return 0
    from detente.signals.tone_features import vader

    core = sorted([label, *(c for c in label.children if c.dep_ in ("amod", "advmod", "compound"))])
    said = vader(" ".join(t.text for t in core))  # not its clause: "unlikely to be prosecuted"
    return 0 if abs(said) < lexicon.verdict_tone else (1 if said > 0 else -1)


def _verdict_arguments(verb: Token, lexicon: RelationLexicon) -> Iterator[tuple[Token, Token]]:
    """(target, label) pairs of a labelling verb ("called B naive", "described B as a liar") or
    of a saying verb whose clause judges its subject ("said B is right")."""
    lemma = verb.lemma_.lower()
    kids = list(verb.children)
    if lemma in lexicon.labelling:
        labels = [c for c in kids if c.dep_ in ("oprd", "xcomp", "acomp", "ccomp", "npadvmod")]
        labels += [g for c in kids if c.dep_ == "prep" and c.lower_ == "as" for g in c.children
                   if g.dep_ == "pobj"]  # fmt: skip
        for target in (c for c in kids if c.dep_ == "dobj"):
            for label in labels:
                yield target, label
    elif lemma in lexicon.saying:
        for clause in kids:
            if clause.dep_ != "ccomp" or clause.lemma_ != "be" or negated(clause):
                continue
            if hypothetical(clause, lexicon):
                continue
            subjects = [c for c in clause.children if c.dep_ == "nsubj"]
            for label in (c for c in clause.children if c.dep_ in ("acomp", "attr")):
                for target in subjects:
                    yield target, label


def verdicts(sentence: Span, mentions: Sequence[Span], lexicon: RelationLexicon) -> Iterator[Found]:
    """A labels or judges B: "A called B 'naive beyond belief'", "A said B is 'absolutely
    right'"; the label's verdict (`verdict_words`, else its VADER tone) gives the polarity."""
    for verb in sentence:
        if verb.pos_ != "VERB" or negated(verb) or hypothetical(verb, lexicon):
            continue
        holders = [c for c in verb.children if c.dep_ == "nsubj"]
        if not holders:
            continue
        for target, label in _verdict_arguments(verb, lexicon):
            polarity = _verdict(label, lexicon)
            if not polarity:
                continue
            for a in mentions:
                if not any(holds(h, a) for h in holders):
                    continue
                for b in mentions:
                    if b is not a and b.start != a.start and holds(target, b):
                        kind = "praise" if polarity > 0 else "criticise"
                        yield Found(a, b, kind, polarity, verb)


def _subject_verb(span: Span, lexicon: RelationLexicon) -> Token | None:
    """The verb whose subject phrase holds the mention (told as fact, not negated), or None."""
    for i in sorted(phrase_heads(span, OWN_PHRASE)):
        tok = span.doc[i]
        verb = tok.head
        if tok.dep_ == "nsubj" and verb.pos_ == "VERB":
            if negated(verb) or hypothetical(verb, lexicon):
                return None
            return verb
    return None


def _said_of(verb: Token, span: Span, lexicon: RelationLexicon) -> bool:
    """Whether the mention is what `verb` acts on (its object, dative or prepositional object
    phrase) or, for a saying verb, stands in the clause it reports."""
    heads = phrase_heads(span)
    for i in heads:
        arg = span.doc[i]
        if arg.dep_ == "pobj" and arg.head.dep_ == "prep":
            arg = arg.head
        if arg.head == verb and arg.dep_ in ("dobj", "dative", "prep"):
            return True
    if verb.lemma_.lower() not in lexicon.saying:
        return False
    for i in phrase_heads(span, OWN_PHRASE):  # the subject of the clause it reports
        subject = span.doc[i]
        clause = subject.head
        if (
            subject.dep_ in ("nsubj", "nsubjpass")
            and clause.head == verb
            and clause.dep_ == "ccomp"
            and clause.i > verb.i  # "A warned that B ...", not "..., said A"
            and not negated(clause)
        ):
            return True
    return False


def by_tone(mentions: Sequence[Span], lexicon: RelationLexicon) -> Iterator[Found]:
    """A → B where no cue links them: A is the subject of a verb that acts on B ("Brazilian
    courts barred Temer") or that reports a clause about B ("Netanyahu warned that Iran can't be
    trusted"); the tone model's reading of B decides, when confident enough."""
    from detente.signals.tone import target_tone
    from detente.signals.tone_features import vader

    sentence_vader: float | None = None
    for a in mentions:
        verb = _subject_verb(a, lexicon)
        if verb is None:
            continue
        for b in mentions:
            if b is a or b.start == a.start or not _said_of(verb, b, lexicon):
                continue
            if sentence_vader is None:  # once per sentence, and only when needed
                sentence_vader = vader(b.sent.text)
            said = target_tone(b, sentence_vader)
            if said.label != "neutral" and said.confidence >= lexicon.tone_confidence:
                yield Found(a, b, "tone", 1 if said.label == "positive" else -1, verb)
