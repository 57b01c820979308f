"""A sentence's parse read once into plain lists for the tone features (every token's lemma,
tags, head, children and quote marks), kept with the `Doc`, so that the features of each mention
walk indices instead of making a spaCy `Token` at every step."""

from __future__ import annotations

import numpy as np
from spacy.attrs import DEP, HEAD, IS_ALPHA, LEMMA, LOWER, POS
from spacy.tokens import Doc

from detente.signals.tone_lexicon import lexicon_by_id

_TABLE = "detente.tone_table"  # in `Doc.user_data`, as `nlp.lowers` keeps lower cases
_ARRAY = "detente.tone_array"
QUOTE_COUNTS = '“”"‘’'
"""The marks whose running counts the table keeps (`quotes_before`)."""


class TokenTable:
    """One sentence's parse as lists indexed by token, counted from the sentence's first token
    (`start`, in the `Doc`; `end` after its last): `lemma` (lower case), `lower`, `pos`, `dep`,
    `head` (a root, or a token whose head lies outside the sentence, is its own head), `alpha`,
    `neg` (the token has a `neg` child), `valence` (VADER's lexicon valence of its lower-case
    form, else its lemma; 0.0 outside the lexicon), `quote_marks` (the tokens that are quotation
    marks) and `quote_at` (the tokens holding one of `QUOTE_COUNTS`); `kids(i)` and `subtree(i)` walk
    the tree. Built by `sentence_table`, from a handful of lists (few objects: a list per token
    made the garbage collector's passes over a large process cost more than the reading)."""

    __slots__ = (
        "_edges", "_offsets", "_order", "alpha", "dep", "end", "head", "lemma", "lower", "neg", "pos",
        "quote_at", "quote_marks", "start", "valence",
    )  # fmt: skip
    start: int
    end: int
    lemma: list[str]
    lower: list[str]
    pos: list[str]
    dep: list[str]
    head: list[int]
    alpha: list[bool]
    neg: list[bool]
    valence: list[float]
    quote_marks: list[int]
    quote_at: list[int]
    _order: list[int]
    _offsets: list[int]
    _edges: tuple[list[int], list[int]] | None

    def kids(self, i: int) -> list[int]:
        """The children of token `i`, in order (as `Token.children`)."""
        return self._order[self._offsets[i] : self._offsets[i + 1]]

    def subtree(self, i: int) -> list[int]:
        """The token indices of `i`'s subtree in `Token.subtree`'s order (left children's
        subtrees, the token, right children's)."""
        if self._edges is not None:
            return list(range(self._edges[0][i], self._edges[1][i] + 1))
        order, offsets = self._order, self._offsets
        out: list[int] = []
        stack = [i]  # j: still to expand; ~j (negative): to emit
        while stack:
            j = stack.pop()
            if j < 0:
                out.append(~j)
                continue
            kids = order[offsets[j] : offsets[j + 1]]
            for k in reversed(kids):
                if k > j:
                    stack.append(k)
            stack.append(~j)
            for k in reversed(kids):
                if k < j:
                    stack.append(k)
        return out

    def has_quote_in(self, start: int, end: int) -> bool:
        """Whether one of the tokens `start..end-1` is a quotation mark."""
        return any(start <= i < end for i in self.quote_marks)

    def quotes_before(self, start: int, end: int) -> list[int]:
        """How many of each mark of `QUOTE_COUNTS` the tokens `start..end-1` hold."""
        text = self.lower  # lower-casing leaves quotation marks as they are
        counts = [0] * len(QUOTE_COUNTS)
        for i in self.quote_at:
            if start <= i < end:
                for k, mark in enumerate(QUOTE_COUNTS):
                    counts[k] += text[i].count(mark)
        return counts


def sentence_table(doc: Doc, bounds: tuple[int, int]) -> TokenTable:
    """The `TokenTable` of the tokens `bounds[0]..bounds[1]-1` (a mention's `Span.sent`), read
    from the parse on first use and kept in `Doc.user_data` (it pickles with the `Doc`)."""
    key = f"{_TABLE}:{bounds[0]}:{bounds[1]}"
    found: TokenTable | None = doc.user_data.get(key)
    if found is None:
        found = doc.user_data[key] = _read(doc, *bounds)
    return found


COLUMNS = [LEMMA, LOWER, POS, DEP, HEAD, IS_ALPHA]
_NAMES: dict[int, str] = {}  # string id → string: a StringStore look-up costs ~0.5 µs
_LOWER_LEMMAS: dict[int, str] = {}
_MARKS = frozenset(QUOTE_COUNTS)
_WRAP = 1 << 64  # `to_array` gives every column as uint64: a head before its token wraps round


def _strings(doc: Doc, ids: list[int], cache: dict[int, str], lower: bool = False) -> list[str]:
    """The strings of spaCy string ids (lower-cased with `lower`), through a cache kept across
    documents (ids are hashes of the strings, the same in every vocabulary)."""
    if len(cache) > 1_000_000:  # a very long run: start afresh rather than grow without end
        cache.clear()
    for h in ids:
        if h not in cache:
            found = doc.vocab.strings[h] if h else ""
            cache[h] = found.lower() if lower else found
    return [cache[h] for h in ids]


def _doc_array(doc: Doc) -> np.ndarray:
    """`doc.to_array(COLUMNS)`, read once per `Doc` (`Span.to_array` costs 3x more a token)."""
    found: np.ndarray | None = doc.user_data.get(_ARRAY)
    if found is None or len(found) != len(doc):
        found = doc.to_array(COLUMNS).reshape(len(doc), len(COLUMNS))
        doc.user_data[_ARRAY] = found
    return found


def _read(doc: Doc, start: int, end: int) -> TokenTable:
    n = end - start
    lemma, lower, pos, dep, head, alpha = _doc_array(doc)[start:end].T.tolist()
    lexicon = lexicon_by_id()
    table = TokenTable()
    table.valence = [
        lexicon[w] if w in lexicon else lexicon.get(m, 0.0)
        for w, m in zip(lower, lemma, strict=True)
    ]
    table.lower = lower = _strings(doc, lower, _NAMES)
    table.dep = dep = _strings(doc, dep, _NAMES)
    neg = [False] * n
    for i, h in enumerate(head):
        h = i + (h - _WRAP if h >= _WRAP >> 1 else h)
        if not (0 <= h < n):  # the root, or a head outside the sentence
            h = i
        elif h != i and dep[i] == "neg":
            neg[h] = True
        head[i] = h
    order = sorted((i for i in range(n) if head[i] != i), key=head.__getitem__)  # stable
    offsets = [0] * (n + 1)
    for i in order:
        offsets[head[i] + 1] += 1
    for i in range(n):
        offsets[i + 1] += offsets[i]
    table.start, table.end, table.head, table.neg = start, end, head, neg
    table.lemma = _strings(doc, lemma, _LOWER_LEMMAS, lower=True)
    table.pos = _strings(doc, pos, _NAMES)
    table.alpha = [a == 1 for a in alpha]
    table.quote_marks = [i for i, t in enumerate(lower) if t in '“"‘' or t in "”’"]
    table.quote_at = [i for i, t in enumerate(lower) if not _MARKS.isdisjoint(t)]
    table._order, table._offsets = order, offsets
    table._edges = _edges(head)
    return table


def _edges(head: list[int]) -> tuple[list[int], list[int]] | None:
    """The first and last token of every token's subtree, when every subtree is a contiguous
    run of tokens (a projective tree: then a subtree in order is that run); else None."""
    n = len(head)
    left, right, size = list(range(n)), list(range(n)), [1] * n
    for i in range(n):
        j = i
        while head[j] != j:
            j = head[j]
            size[j] += 1
            if i < left[j]:
                left[j] = i
            elif i > right[j]:
                right[j] = i
    for i in range(n):
        if right[i] - left[i] + 1 != size[i]:
            return None
    return left, right
