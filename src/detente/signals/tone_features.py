"""What the tone model reads about one mention in its parsed sentence: named, sparse features.

The same function serves the training script (`train/train_tone.py`) and inference, so the
model sees at run time exactly what it was trained on. Every feature is cheap: the parse is
already there, and VADER runs once on the mention's clause (the sentence's own VADER score is
passed in by the caller, who has it already).

Feature families (prefix, then the value):

- `s:` lemmas of the sentence outside the mention (what the sentence is about);
- `c:` lemmas of the mention's clause (its governing verb's subtree, other clauses cut off);
- `r:` the mention's role and its governing word (`r:nsubj`, `r:dobj|accuse`, `r:pobj|of`);
- `m:` words that modify the mention (adjectives, appositions, relative clauses);
- `p:` words on the dependency path from the mention up to the sentence's root;
- `q:` where the mention stands toward quotation marks and speech verbs;
- numbers: `vader_sentence`, `vader_clause` (-1..1), `negated`, `quoted`.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from spacy.tokens import Span, Token

CLAUSES = frozenset({"ccomp", "advcl", "relcl", "conj", "parataxis", "xcomp", "csubj"})
MODIFIERS = frozenset({"amod", "appos", "acl", "relcl", "compound", "nmod", "poss", "advmod"})
SPEECH = frozenset({"say", "tell", "claim", "state", "add", "write", "argue", "insist", "warn"})
OPEN_QUOTES = '“"‘'


@cache
def _vader() -> object:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def vader(text: str) -> float:
    """VADER's compound score of a text, -1..1 (0.0 for an empty text)."""
    if not text.strip():
        return 0.0
    return float(_vader().polarity_scores(text)["compound"])  # type: ignore[attr-defined]


def governor(span: Span) -> Token:
    """The verb (or, failing one, the sentence root) that governs a mention."""
    head = span.root
    while head.pos_ not in ("VERB", "AUX") and head.head != head:
        head = head.head
    return head


def clause_tokens(span: Span) -> list[Token]:
    """The mention's clause: its governing verb's subtree without the other clauses hanging from
    it (those that do not hold the mention)."""
    head = governor(span)
    inside = set(range(span.start, span.end))
    skip: set[int] = set()
    for child in head.children:
        if child.dep_ in CLAUSES and not inside & {t.i for t in child.subtree}:
            skip |= {t.i for t in child.subtree}
    return [t for t in head.subtree if t.i not in skip]


def _lemmas(tokens: Iterable[Token], skip: set[int]) -> set[str]:
    return {
        t.lemma_.lower()
        for t in tokens
        if t.i not in skip and (t.is_alpha or t.text in "!?") and t.pos_ != "PROPN"
    }


def _role(span: Span) -> str:
    """subject, object or other: the mention's place in its clause."""
    tok = span.root
    while tok.dep_ in ("compound", "flat", "appos", "conj", "poss") and tok.head != tok:
        tok = tok.head
    if tok.dep_ in ("nsubj", "csubj"):
        return "subject"
    if tok.dep_ in ("dobj", "nsubjpass", "dative", "attr", "pobj"):
        return "object" if tok.dep_ != "pobj" else f"pobj_{tok.head.lower_}"
    return "other"


def _quote_features(span: Span, out: dict[str, float]) -> None:
    sent = span.sent
    before = span.doc[sent.start : span.start].text  # not Doc.text: that joins the whole doc
    opened = sum(before.count(q) for q in OPEN_QUOTES) - before.count("”") - before.count("’")
    quoted = before.count("“") > before.count("”") or before.count('"') % 2 == 1 or opened > 0
    out["quoted"] = 1.0 if quoted else 0.0
    head = governor(span)
    if head.lemma_.lower() in SPEECH:
        subject = any(c.dep_ == "nsubj" and span.start <= c.i < span.end for c in head.children)
        out["q:speaker" if subject else "q:in_speech"] = 1.0
    if any(t.text in OPEN_QUOTES or t.text in "”’" for t in sent):
        out["q:sentence_has_quote"] = 1.0


def tone_features(span: Span, sentence_vader: float | None = None) -> dict[str, float]:
    """The named features of one mention (a span of a parsed sentence), as {name: value}.

    `sentence_vader`: the sentence's VADER compound score when the caller has it (computed
    here otherwise)."""
    sent = span.sent
    inside = set(range(span.start, span.end))
    out: dict[str, float] = {}
    for lemma in _lemmas(sent, inside):
        out[f"s:{lemma}"] = 1.0
    clause = clause_tokens(span)
    for lemma in _lemmas(clause, inside):
        out[f"c:{lemma}"] = 1.0
    root = span.root
    role = _role(span)
    for t in clause:
        if t.i not in inside and t.pos_ in ("VERB", "ADJ", "NOUN", "ADV") and t.is_alpha:
            out[f"v:{role}|{t.lemma_.lower()}"] = 1.0
    for t in sent.doc[max(sent.start, span.start - 3) : min(sent.end, span.end + 3)]:
        if t.i not in inside and t.is_alpha:
            out[f"w:{t.lower_}"] = 1.0
    out[f"r:{root.dep_}"] = 1.0
    out[f"r:{root.dep_}|{root.head.lemma_.lower()}"] = 1.0
    head = governor(span)
    out[f"r:gov|{head.lemma_.lower()}"] = 1.0
    for tok in span.root.children:
        if tok.dep_ in MODIFIERS and tok.i not in inside:
            for t in tok.subtree:
                if t.is_alpha and t.pos_ != "PROPN":
                    out[f"m:{t.lemma_.lower()}"] = 1.0
    tok = root
    while tok.head != tok:
        tok = tok.head
        out[f"p:{tok.lemma_.lower()}"] = 1.0
    _quote_features(span, out)
    negated = any(t.dep_ == "neg" for t in clause)
    out["negated"] = 1.0 if negated else 0.0
    clause_text = " ".join(t.text for t in clause if t.i not in inside)
    out["vader_clause"] = vader(clause_text)
    out["vader_sentence"] = sentence_vader if sentence_vader is not None else vader(sent.text)
    return out
