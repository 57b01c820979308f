"""What the tone model reads about one mention in its parsed sentence: named, sparse features
and a small dense vector from the parser's own token vectors.

The same functions serve the training script (`train/train_tone.py`) and inference, so the
model sees at run time exactly what it was trained on. Every feature is cheap: the parse is
already there, VADER's lexicon is a dictionary look-up, and the only full VADER score read is
the sentence's own (passed in by the caller, who has it already).

Feature families (prefix, then the value):

- `s:` lemmas of the sentence outside the mention (what the sentence is about);
- `c:` lemmas of the mention's clause (its governing verb's subtree, other clauses cut off);
- `v:` content words of that clause, by the mention's role (`v:subject|praise`);
- `w:` the words right beside the mention;
- `r:` the mention's role and its governing word (`r:nsubj`, `r:dobj|accuse`, `r:pobj|of`);
- `m:` words that modify the mention (adjectives, appositions, relative clauses);
- `p:` words on the dependency path from the mention up to the sentence's root;
- `q:` where the mention stands toward quotation marks and speech verbs;
- `val_*`: VADER lexicon valences of the sentence's words (sign turned by a negation in the
  parse) summed by where they stand toward the mention — weighted by tree distance (`near`),
  in its clause, under it (its modifiers), on its path to the root — and `d2:pos`/`d2:neg` for
  sentiment words at most two arcs away;
- `act:` what the mention's governing verb tells of it in its role, from the verb lists of
  `signals/data/tone_acts.yaml` (`act:doer|wrongdoing`, `act:done_to|praised`, "|neg" when the
  verb is negated);
- numbers: `vader_sentence` (-1..1), `negated`, `quoted`.

`dense_vector` adds the parser's contextual token vectors (`Doc.tensor`, computed by spaCy's
`tok2vec` during parsing at no extra cost): the mention's mean, its governing verb's and the
sentence's mean.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from functools import cache
from importlib import resources

import numpy as np
from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc, Span, Token

CLAUSES = frozenset({"ccomp", "advcl", "relcl", "conj", "parataxis", "xcomp", "csubj"})
MODIFIERS = frozenset({"amod", "appos", "acl", "relcl", "compound", "nmod", "poss", "advmod"})
SPEECH = frozenset({"say", "tell", "claim", "state", "add", "write", "argue", "insist", "warn"})
OPEN_QUOTES = '“"‘'
NEGATED_ARGS = frozenset({"acomp", "dobj", "xcomp", "attr"})
"""A sentiment word in one of these roles is negated by a negation of its head ("not happy",
"did not praise him")."""
N_SCALAR = -0.74  # VADER's own factor for a negated word
ALPHA = 15.0  # VADER's normalisation: x / sqrt(x² + ALPHA) maps a sum of valences into -1..1
FAR = 10  # tree distance counted for a word whose path never meets the mention's


class _Vader:
    """VADER's `polarity_scores` with two shortcuts that leave every score unchanged: a text
    without emoji skips the character-by-character emoji pass, and a word outside the lexicon
    (or a booster) takes valence 0 without the per-word context checks (which VADER only runs
    for lexicon words)."""

    def __init__(self) -> None:
        from vaderSentiment import vaderSentiment as vs

        self._vs = vs
        self.analyzer = vs.SentimentIntensityAnalyzer()
        self.lexicon: dict[str, float] = self.analyzer.lexicon
        self._emoji_chars = frozenset(k for k in self.analyzer.emojis if len(k) == 1)

    def compound(self, text: str) -> float:
        """VADER's compound score of `text`, exactly as `polarity_scores` gives it."""
        a, vs = self.analyzer, self._vs
        if not self._emoji_chars.isdisjoint(text):
            return float(a.polarity_scores(text)["compound"])
        sentitext = vs.SentiText(text.strip())
        words = sentitext.words_and_emoticons
        sentiments: list[float] = []
        boosters, lexicon = vs.BOOSTER_DICT, self.lexicon
        last = len(words) - 1
        for i, item in enumerate(words):
            low = item.lower()
            kind_of = i < last and low == "kind" and words[i + 1].lower() == "of"
            if low in boosters or low not in lexicon or kind_of:
                sentiments.append(0)
            else:
                sentiments = a.sentiment_valence(0, sentitext, item, i, sentiments)
        sentiments = a._but_check(words, sentiments)
        return float(a.score_valence(sentiments, sentitext.text)["compound"])


@cache
def _vader() -> _Vader:
    return _Vader()


def vader(text: str) -> float:
    """VADER's compound score of a text, -1..1 (0.0 for an empty text)."""
    if not text.strip():
        return 0.0
    return _vader().compound(text)


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


def _quote_features(span: Span, sent: Span, head: Token, out: dict[str, float]) -> None:
    before = span.doc[sent.start : span.start].text  # not Doc.text: that joins the whole doc
    opened = sum(before.count(q) for q in OPEN_QUOTES) - before.count("”") - before.count("’")
    quoted = before.count("“") > before.count("”") or before.count('"') % 2 == 1 or opened > 0
    out["quoted"] = 1.0 if quoted else 0.0
    if head.lemma_.lower() in SPEECH:
        subject = any(c.dep_ == "nsubj" and span.start <= c.i < span.end for c in head.children)
        out["q:speaker" if subject else "q:in_speech"] = 1.0
    if any(t.text in OPEN_QUOTES or t.text in "”’" for t in sent):
        out["q:sentence_has_quote"] = 1.0


@cache
def _lexicon_by_id() -> dict[int, float]:
    """VADER's lexicon keyed by spaCy's string ids, to read a whole `Doc` at once."""
    from spacy.strings import get_string_id

    return {get_string_id(word): value for word, value in _vader().lexicon.items()}


_VALENCES = "detente.valences"  # kept with the parse, as `nlp.lowers` keeps lower cases


def _doc_valences(doc: Doc) -> np.ndarray:
    """VADER's lexicon valence of every token of `doc` (its lower-case form, else its lemma;
    0.0 outside the lexicon), read once per `Doc` from spaCy's string ids and kept in
    `Doc.user_data`."""
    found: np.ndarray | None = doc.user_data.get(_VALENCES)
    if found is not None and len(found) == len(doc):
        return found
    lexicon = _lexicon_by_id()
    pairs = doc.to_array([LOWER, LEMMA]).tolist() if len(doc) else []
    found = np.array(
        [lexicon.get(lower, lexicon.get(lemma, 0.0)) for lower, lemma in pairs], dtype=float
    )
    doc.user_data[_VALENCES] = found
    return found


def _negated(tok: Token) -> bool:
    """Whether a negation turns a sentiment word: one of its own, or its head's for an
    argument ("not happy", "did not praise him")."""
    return any(c.dep_ == "neg" for c in tok.children) or (
        tok.dep_ in NEGATED_ARGS and any(c.dep_ == "neg" for c in tok.head.children)
    )


def _valence_features(
    span: Span, sent: Span, clause: set[int], inside: set[int], out: dict[str, float]
) -> None:
    """`val_near`, `val_clause`, `val_sub`, `val_anc`, `d2:pos`, `d2:neg` (see the module)."""
    doc = span.doc
    valences = _doc_valences(doc)
    up: dict[int, int] = {}  # the mention's root and its ancestors → arcs from the root
    tok = span.root
    up[tok.i] = 0
    while tok.head != tok:
        tok = tok.head
        up[tok.i] = len(up)
    near = in_clause = under = on_path = 0.0
    for i in np.flatnonzero(valences[sent.start : sent.end]).tolist():
        i += sent.start
        if i in inside:
            continue
        t = doc[i]
        value = float(valences[i]) * (N_SCALAR if _negated(t) else 1.0)
        arcs, meet = 0, t
        while meet.i not in up and meet.head != meet:
            meet = meet.head
            arcs += 1
        distance = arcs + up.get(meet.i, FAR)
        near += value / (1 + distance)
        if i in clause:
            in_clause += value
        if i in up:
            on_path += value
        elif meet.i in inside:
            under += value
        if distance <= 2:
            out["d2:pos" if value > 0 else "d2:neg"] = 1.0
    for name, total in (("near", near), ("clause", in_clause), ("sub", under), ("anc", on_path)):
        out[f"val_{name}"] = total / math.sqrt(total * total + ALPHA)


ACT_ROLES = {"doer": ("wrongdoing", "good_deeds"), "done_to": ("criticised", "praised")}


@cache
def act_verbs() -> dict[str, frozenset[str]]:
    """The verb lists of `signals/data/tone_acts.yaml` by kind (lemmas, lower case);
    `ModelError` naming the file when it is missing or malformed."""
    import yaml

    from detente.errors import ModelError

    try:
        data = yaml.safe_load(
            (resources.files("detente.signals") / "data" / "tone_acts.yaml").read_text()
        )
        kinds = [kind for kinds in ACT_ROLES.values() for kind in kinds]
        return {kind: frozenset(str(v).lower() for v in data[kind]) for kind in kinds}
    except (OSError, KeyError, TypeError, AttributeError) as exc:
        raise ModelError(f"signals/data/tone_acts.yaml: {exc}") from exc


def _act_features(span: Span, head: Token, out: dict[str, float]) -> None:
    """`act:ROLE|KIND` when the governing verb is of a kind of `tone_acts.yaml` that tells of
    the mention in its role: the doer (subject, or the passive's "by"; the verb's open
    complement is the act when it has one, and a clausal complement leaves no act) or the one done to (object, passive subject)."""
    tok = span.root
    while tok.dep_ in ("compound", "flat", "appos", "conj", "poss") and tok.head != tok:
        tok = tok.head
    if tok.dep_ in ("nsubj", "csubj") or (tok.dep_ == "pobj" and tok.head.dep_ == "agent"):
        role = "doer"
    elif tok.dep_ in ("dobj", "nsubjpass", "dative"):
        role = "done_to"
    else:
        return
    negated = "|neg" if any(c.dep_ == "neg" for c in head.children) else ""
    if role == "doer":  # with a complement, the act is in it: "tried to mislead", "helped
        # them crush" (not the doer's own act when someone else does it: no feature)
        comp = next((c for c in head.children if c.dep_ in ("xcomp", "ccomp")), None)
        if comp is not None and comp.dep_ == "ccomp":
            return
        head = comp or head
    lemma = head.lemma_.lower()
    verbs = act_verbs()
    for kind in ACT_ROLES[role]:
        if lemma in verbs[kind]:
            out[f"act:{role}|{kind}{negated}"] = 1.0


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
    for tok in root.children:
        if tok.dep_ in MODIFIERS and tok.i not in inside:
            for t in tok.subtree:
                if t.is_alpha and t.pos_ != "PROPN":
                    out[f"m:{t.lemma_.lower()}"] = 1.0
    tok = root
    while tok.head != tok:
        tok = tok.head
        out[f"p:{tok.lemma_.lower()}"] = 1.0
    _quote_features(span, sent, head, out)
    _act_features(span, head, out)
    out["negated"] = 1.0 if any(t.dep_ == "neg" for t in clause) else 0.0
    _valence_features(span, sent, {t.i for t in clause}, inside, out)
    out["vader_sentence"] = sentence_vader if sentence_vader is not None else vader(sent.text)
    return out


DENSE_PARTS = ("mention", "governor", "sentence")
"""The blocks of `dense_vector`, in order, each `Doc.tensor`'s width (96 for en_core_web_sm)."""


def dense_vector(span: Span) -> np.ndarray | None:
    """The parser's contextual vectors around a mention, concatenated (`DENSE_PARTS`): the mean
    over the mention's tokens, its governing verb's vector and the sentence's mean, as a float32
    array of 3 × the tensor's width; None when the `Doc` carries no token tensor (a pipeline
    without `tok2vec`, or a `Doc` built by hand)."""
    tensor = span.doc.tensor
    if tensor is None or tensor.ndim != 2 or tensor.shape[0] != len(span.doc):
        return None
    sent = span.sent
    mention, sentence = tensor[span.start : span.end], tensor[sent.start : sent.end]
    return np.concatenate(  # add.reduce / n: what .mean computes, without its Python overhead
        [
            np.add.reduce(mention, axis=0) / len(mention),
            tensor[governor(span).i],
            np.add.reduce(sentence, axis=0) / len(sentence),
        ]
    )
