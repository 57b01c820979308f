"""What the tone model reads about one mention in its parsed sentence: named, sparse features
and a small dense vector from the parser's own token vectors.

The same functions serve the training script (`train/train_tone.py`) and inference, so the
model sees at run time exactly what it was trained on. Every feature is cheap: the parse is
already there, VADER's lexicon is a dictionary look-up, and the only full VADER score read is
the sentence's own (passed in by the caller, who has it already). The parse is read once per
sentence into plain lists (`tone_parse.TokenTable`, kept with the `Doc`), and the features walk
its indices: the same features a walk over spaCy's `Token`s gives, at a fraction of the cost.

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
from spacy.tokens import Span, Token

from detente.signals.tone_lexicon import _vader as _vader
from detente.signals.tone_lexicon import vader as vader
from detente.signals.tone_parse import TokenTable, sentence_table
from detente.yamlfiles import load_yaml

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


def _lemmas(tab: TokenTable, indices: Iterable[int], start: int, end: int) -> set[str]:
    lemma, alpha, text, pos = tab.lemma, tab.alpha, tab.lower, tab.pos
    return {
        lemma[i]
        for i in indices
        if not start <= i < end and (alpha[i] or text[i] in "!?") and pos[i] != "PROPN"
    }


def _climb(tab: TokenTable, i: int) -> int:
    """From the mention's root up through the deps that keep it inside a name or a list."""
    dep, head = tab.dep, tab.head
    while dep[i] in ("compound", "flat", "appos", "conj", "poss") and head[i] != i:
        i = head[i]
    return i


def _role(tab: TokenTable, root: int) -> str:
    """subject, object or other: the mention's place in its clause."""
    i = _climb(tab, root)
    dep = tab.dep[i]
    if dep in ("nsubj", "csubj"):
        return "subject"
    if dep in ("dobj", "nsubjpass", "dative", "attr", "pobj"):
        return "object" if dep != "pobj" else f"pobj_{tab.lower[tab.head[i]]}"
    return "other"


def _governor_at(tab: TokenTable, i: int) -> int:
    pos, head = tab.pos, tab.head
    while pos[i] not in ("VERB", "AUX") and head[i] != i:
        i = head[i]
    return i


def _clause_at(tab: TokenTable, gov: int, start: int, end: int) -> list[int]:
    """`clause_tokens` by index: the governor's subtree less the clauses without the mention."""
    skip: set[int] = set()
    dep = tab.dep
    for child in tab.kids(gov):
        if dep[child] in CLAUSES:
            sub = tab.subtree(child)
            if not any(start <= i < end for i in sub):
                skip.update(sub)
    return [i for i in tab.subtree(gov) if i not in skip]


def _quote_features(
    tab: TokenTable, start: int, end: int, within: tuple[int, int], gov: int,
    out: dict[str, float],
) -> None:  # fmt: skip
    c_open, c_close, c_straight, c_single, c_single_close = tab.quotes_before(within[0], start)
    opened = c_open + c_straight + c_single - c_close - c_single_close
    quoted = c_open > c_close or c_straight % 2 == 1 or opened > 0
    out["quoted"] = 1.0 if quoted else 0.0
    if tab.lemma[gov] in SPEECH:
        dep = tab.dep
        subject = any(dep[c] == "nsubj" and start <= c < end for c in tab.kids(gov))
        out["q:speaker" if subject else "q:in_speech"] = 1.0
    if tab.has_quote_in(*within):
        out["q:sentence_has_quote"] = 1.0


def _valence_features(
    tab: TokenTable, root: int, start: int, end: int, within: tuple[int, int], clause: set[int],
    out: dict[str, float],
) -> None:  # fmt: skip
    """`val_near`, `val_clause`, `val_sub`, `val_anc`, `d2:pos`, `d2:neg` (see the module)."""
    head, dep, neg = tab.head, tab.dep, tab.neg
    up: dict[int, int] = {root: 0}  # the mention's root and its ancestors → arcs from the root
    i = root
    while head[i] != i:
        i = head[i]
        up[i] = len(up)
    near = in_clause = under = on_path = 0.0
    valences: list[float] = tab.valence
    lo, hi = within
    for i in [i for i, v in enumerate(valences) if v]:
        if start <= i < end or not lo <= i < hi:
            continue
        negated = neg[i] or (dep[i] in NEGATED_ARGS and neg[head[i]])
        value = valences[i] * (N_SCALAR if negated else 1.0)
        arcs, meet = 0, i
        while meet not in up and head[meet] != meet:
            meet = head[meet]
            arcs += 1
        distance = arcs + up.get(meet, FAR)
        near += value / (1 + distance)
        if i in clause:
            in_clause += value
        if i in up:
            on_path += value
        elif start <= meet < end:
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

    from detente.errors import ModelError

    try:
        data = load_yaml(
            (resources.files("detente.signals") / "data" / "tone_acts.yaml").read_text()
        )
        kinds = [kind for kinds in ACT_ROLES.values() for kind in kinds]
        return {kind: frozenset(str(v).lower() for v in data[kind]) for kind in kinds}
    except (OSError, KeyError, TypeError, AttributeError) as exc:
        raise ModelError(f"signals/data/tone_acts.yaml: {exc}") from exc


def _act_features(tab: TokenTable, root: int, gov: int, out: dict[str, float]) -> None:
    """`act:ROLE|KIND` when the governing verb is of a kind of `tone_acts.yaml` that tells of
    the mention in its role: the doer (subject, or the passive's "by"; the verb's open
    complement is the act when it has one, and a clausal complement leaves no act) or the one
    done to (object, passive subject)."""
    dep, head = tab.dep, tab.head
    i = _climb(tab, root)
    if dep[i] in ("nsubj", "csubj") or (dep[i] == "pobj" and dep[head[i]] == "agent"):
        role = "doer"
    elif dep[i] in ("dobj", "nsubjpass", "dative"):
        role = "done_to"
    else:
        return
    negated = "|neg" if tab.neg[gov] else ""
    if role == "doer":  # with a complement, the act is in it: "tried to mislead", "helped
        # them crush" (not the doer's own act when someone else does it: no feature)
        comp = next((c for c in tab.kids(gov) if dep[c] in ("xcomp", "ccomp")), None)
        if comp is not None and dep[comp] == "ccomp":
            return
        gov = gov if comp is None else comp
    lemma = tab.lemma[gov]
    verbs = act_verbs()
    for kind in ACT_ROLES[role]:
        if lemma in verbs[kind]:
            out[f"act:{role}|{kind}{negated}"] = 1.0


def tone_features(span: Span, sentence_vader: float | None = None) -> dict[str, float]:
    """The named features of one mention (a span of a parsed sentence), as {name: value}.

    `sentence_vader`: the sentence's VADER compound score when the caller has it (computed
    here otherwise)."""
    return mention_reading(span, sentence_vader, dense=False)[0]


def mention_reading(
    span: Span, sentence_vader: float | None = None, dense: bool = True
) -> tuple[dict[str, float], np.ndarray | None]:
    """`tone_features` and (with `dense`) `dense_vector` of one mention, reading its sentence,
    root and governor once for both."""
    sent = span.sent
    tab = _table_of(span, sent)  # indices from here on count from the table's start
    start, end, root = span.start - tab.start, span.end - tab.start, span.root.i - tab.start
    within = (sent.start - tab.start, sent.end - tab.start)  # the sentence in the table
    out: dict[str, float] = {}
    for lemma in _lemmas(tab, range(*within), start, end):
        out[f"s:{lemma}"] = 1.0
    gov = _governor_at(tab, root)
    clause = _clause_at(tab, gov, start, end)
    for lemma in _lemmas(tab, clause, start, end):
        out[f"c:{lemma}"] = 1.0
    _word_features(tab, root, start, end, within, clause, out)
    out[f"r:gov|{tab.lemma[gov]}"] = 1.0
    _tree_features(tab, root, start, end, out)
    _quote_features(tab, start, end, within, gov, out)
    _act_features(tab, root, gov, out)
    dep = tab.dep
    out["negated"] = 1.0 if any(dep[i] == "neg" for i in clause) else 0.0
    _valence_features(tab, root, start, end, within, set(clause), out)
    if sentence_vader is None:
        sentence_vader = vader(sent.text)
    out["vader_sentence"] = sentence_vader
    vector = _dense(span, sent, tab.start + gov) if dense else None
    return out, vector


def _table_of(span: Span, sent: Span) -> TokenTable:
    """The table of the mention's sentence; of the whole `Doc` for a mention that runs across
    sentences (its tree walks then leave the sentence, as `Token.head` does)."""
    if sent.start <= span.start and span.end <= sent.end:
        return sentence_table(span.doc, (sent.start, sent.end))
    return sentence_table(span.doc, (0, len(span.doc)))


def _word_features(
    tab: TokenTable, root: int, start: int, end: int, within: tuple[int, int],
    clause: list[int], out: dict[str, float],
) -> None:  # fmt: skip
    """`v:` (clause content words by the mention's role), `w:` (words beside it), `r:` (its
    dependency and head)."""
    role = _role(tab, root)
    pos, alpha, lemma, lower = tab.pos, tab.alpha, tab.lemma, tab.lower
    for i in clause:
        if not start <= i < end and pos[i] in ("VERB", "ADJ", "NOUN", "ADV") and alpha[i]:
            out[f"v:{role}|{lemma[i]}"] = 1.0
    for i in range(max(within[0], start - 3), min(within[1], end + 3)):
        if not start <= i < end and alpha[i]:
            out[f"w:{lower[i]}"] = 1.0
    dep = tab.dep[root]
    out[f"r:{dep}"] = 1.0
    out[f"r:{dep}|{lemma[tab.head[root]]}"] = 1.0


def _tree_features(tab: TokenTable, root: int, start: int, end: int, out: dict[str, float]) -> None:
    """`m:` (words modifying the mention) and `p:` (its path to the sentence's root)."""
    dep, alpha, pos, lemma, head = tab.dep, tab.alpha, tab.pos, tab.lemma, tab.head
    for child in tab.kids(root):
        if dep[child] in MODIFIERS and not start <= child < end:
            for i in tab.subtree(child):
                if alpha[i] and pos[i] != "PROPN":
                    out[f"m:{lemma[i]}"] = 1.0
    i = root
    while head[i] != i:
        i = head[i]
        out[f"p:{lemma[i]}"] = 1.0


DENSE_PARTS = ("mention", "governor", "sentence")
"""The blocks of `dense_vector`, in order, each `Doc.tensor`'s width (96 for en_core_web_sm)."""


def dense_vector(span: Span) -> np.ndarray | None:
    """The parser's contextual vectors around a mention, concatenated (`DENSE_PARTS`): the mean
    over the mention's tokens, its governing verb's vector and the sentence's mean, as a float32
    array of 3 × the tensor's width; None when the `Doc` carries no token tensor (a pipeline
    without `tok2vec`, or a `Doc` built by hand)."""
    tensor = span.doc.tensor
    if tensor is None or tensor.ndim != 2 or tensor.shape[0] != len(span.doc):
        return None  # before reading the sentence: a `Doc` without a parse has none
    sent = span.sent
    tab = _table_of(span, sent)
    return _dense(span, sent, tab.start + _governor_at(tab, span.root.i - tab.start))


def _dense(span: Span, sent: Span, governor_at: int) -> np.ndarray | None:
    tensor = span.doc.tensor
    if tensor is None or tensor.ndim != 2 or tensor.shape[0] != len(span.doc):
        return None
    mention, sentence = tensor[span.start : span.end], tensor[sent.start : sent.end]
    return np.concatenate(  # add.reduce / n: what .mean computes, without its Python overhead
        [
            np.add.reduce(mention, axis=0) / len(mention),
            tensor[governor_at],
            np.add.reduce(sentence, axis=0) / len(sentence),
        ]
    )
