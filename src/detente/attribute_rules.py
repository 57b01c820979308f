"""spaCy's attribute ruler, compiled: the model's own rules with the same outcome, a fraction of the
cost.

The English pipeline's `attribute_ruler` maps each token's fine-grained tag (and, for some
words, its lower-case form and dependency label) to its coarse part of speech, morphology and
some lemmas: 179 rules, nearly all about one token. spaCy applies them with a `Matcher` pass and
then a `Span` and an attribute assignment per match, two to three per token: 15-20% of the whole
parse of an article (more than the tagger and parser together). A one-token rule's outcome
depends only on the token's `(TAG, LOWER, DEP, IS_SPACE)`, so `CompiledAttributeRuler` works it
out once per distinct such key, caches it, and writes a document's values with one
`Doc.to_array`/`Doc.from_array` pair. Rules over several tokens ("gon na", "let 's") still go
are matched over the same per-key tests (they have a fixed length), and a token they touch is
worked out rule by rule.

Same rules, same order (a later rule overrides an earlier one, as spaCy sorts matches by rule),
same values: `tests/test_attribute_rules.py` compares every token's POS, TAG, DEP, LEMMA and
MORPH with spaCy's own ruler on real articles. A pipeline whose rules use anything this does not
understand keeps spaCy's ruler (`compile_attribute_ruler` returns `False`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple, cast

import numpy as np
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, POS, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

#: What a one-token rule may test, read per token in this order.
KEYS = ("TAG", "LOWER", "DEP", "IS_SPACE")
#: What a rule may set, written per token in this order.
OUTPUTS = (POS, TAG, DEP, LEMMA, MORPH)
_READ = [TAG, LOWER, DEP, IS_SPACE]
_OPS = frozenset({"IN", "NOT_IN", "REGEX"})
#: A lower-case form that no rule names or matches (all such forms behave alike); no token's
#: lower-case form hashes to 0, the empty string's id.
_OTHER = 0

Test = Callable[[Any], bool]


def compile_attribute_ruler(nlp: Language, name: str = "attribute_ruler") -> bool:
    """Replace the pipeline's attribute ruler `name` by its `CompiledAttributeRuler`, keeping its
    name and place; `False` (pipeline unchanged) when there is none or a rule tests or sets
    something the compiled form does not handle."""
    if name not in nlp.pipe_names:
        return False
    stock = nlp.get_pipe(name)
    if not isinstance(stock, AttributeRuler):
        return False
    try:
        compiled = CompiledAttributeRuler(stock)
    except _Unsupported:
        return False
    index = nlp.component_names.index(name)  # counting disabled components (the senter)
    nlp._components[index] = (name, compiled)  # same name, same place, same config
    nlp._link_components()
    return True


class _Unsupported(Exception):
    """A rule the compiled ruler cannot reproduce exactly."""


class StandIn:
    """A pipeline component standing in for spaCy's `stock` one: the same name and place, its
    own `__call__`, and everything else (`to_disk`, `to_bytes`, `patterns`, `mode`, ...) the
    stock component's."""

    stock: Any

    def __call__(self, doc: Doc) -> Doc:
        raise NotImplementedError

    def pipe(self, stream: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in stream:
            yield self(doc)

    def __getattr__(self, name: str) -> Any:
        if name == "stock":  # not set yet (a copy being made): no recursion
            raise AttributeError(name)
        return getattr(self.stock, name)


class CompiledAttributeRuler(StandIn):
    """The rules of a spaCy `AttributeRuler`, applied per distinct token key (see the module)."""

    def __init__(self, stock: AttributeRuler) -> None:
        self.vocab = stock.vocab
        self.stock = stock
        self.attrs: list[dict[int, int]] = list(stock.attrs)
        self.single: list[tuple[int, dict[str, Test]]] = []
        #: Several-token rules: (rule, index of the token given the values, one test per token).
        self.multi: list[tuple[int, int, list[dict[str, Test]]]] = []
        self.named: set[str] = set()
        self.regexes: list[re.Pattern[str]] = []
        for rule, entry in enumerate(stock.patterns):
            if any(key not in OUTPUTS for key in self.attrs[rule]):
                raise _Unsupported(f"rule {rule} sets {sorted(self.attrs[rule])}")
            given_index = cast(int, entry["index"])
            for pattern in cast(list[list[dict[str, Any]]], entry["patterns"]):
                tests = [_tests(spec, self.named, self.regexes) for spec in pattern]
                if len(tests) == 1:
                    self.single.append((rule, tests[0]))
                else:
                    index = given_index + (len(tests) if given_index < 0 else 0)
                    if not 0 <= index < len(tests):
                        raise _Unsupported(f"rule {rule}: index {given_index}")
                    self.multi.append((rule, index, tests))
        self.lower_class: dict[int, int] = {}
        self.outcomes: dict[tuple[int, ...], _Outcome] = {}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        keys = doc.to_array(_READ)
        values = doc.to_array(list(OUTPUTS))
        lowers, lower_at = np.unique(keys[:, 1], return_inverse=True)
        classes = np.array([self._lower_class(h) for h in lowers.tolist()], dtype=np.uint64)
        table = keys.copy()
        table[:, 1] = classes[lower_at.reshape(-1)]
        distinct, at = np.unique(table, axis=0, return_inverse=True)
        at = at.reshape(-1)
        found = [self._outcome(tuple(row)) for row in distinct.tolist()]
        wanted = np.zeros((len(found), len(OUTPUTS)), dtype=np.uint64)
        given = np.zeros((len(found), len(OUTPUTS)), dtype=bool)
        for k, outcome in enumerate(found):
            for column, value in outcome.sets.items():
                wanted[k, column], given[k, column] = value, True
        original = values
        values = cast(Any, np.where(given[at], wanted[at], values))  # uint64, as read
        for i, rules in self._multi_rules(found, at).items():
            row = self._compose(sorted({*found[int(at[i])].rules, *rules}))
            values[i] = [row.get(c, original[i, c]) for c in range(len(OUTPUTS))]
        doc.from_array(list(OUTPUTS), values)
        return doc

    def _lower_class(self, lower: int) -> int:
        """The lower-case form itself if some rule names or matches it, else `_OTHER`."""
        found = self.lower_class.get(lower)
        if found is None:
            text = self.vocab.strings[lower]
            hit = text in self.named or any(r.search(text) for r in self.regexes)
            found = self.lower_class[lower] = lower if hit else _OTHER
        return found

    def _outcome(self, key: tuple[int, ...]) -> _Outcome:
        """What the rules make of a token with this `(TAG, LOWER class, DEP, IS_SPACE)`."""
        cached = self.outcomes.get(key)
        if cached is None:
            tag, lower, dep, space = key
            strings = self.vocab.strings
            token = {
                "TAG": strings[tag],
                "LOWER": None if lower == _OTHER else strings[lower],
                "DEP": strings[dep],
                "IS_SPACE": bool(space),
            }

            def passes(tests: dict[str, Test]) -> bool:
                return all(test(token[k]) for k, test in tests.items())

            rules = tuple(rule for rule, tests in self.single if passes(tests))
            steps = tuple(tuple(passes(t) for t in tests) for _, _, tests in self.multi)
            cached = self.outcomes[key] = _Outcome(rules, self._compose(rules), steps)
        return cached

    def _compose(self, rules: Iterable[int]) -> dict[int, int]:
        """Output column -> value the rules leave, applied in order (later ones override)."""
        row: dict[int, int] = {}
        for rule in rules:
            for attr, value in self.attrs[rule].items():
                row[OUTPUTS.index(attr)] = value
        return row

    def _multi_rules(self, found: list[_Outcome], at: np.ndarray) -> dict[int, set[int]]:
        """Token index -> the several-token rules whose match puts their values on it."""
        hits: dict[int, set[int]] = {}
        n = len(at)
        for m, (rule, index, tests) in enumerate(self.multi):
            width = len(tests)
            if width > n:
                continue
            steps = np.array([f.steps[m] for f in found], dtype=bool)[at]  # (tokens, width)
            starts = np.ones(n - width + 1, dtype=bool)
            for k in range(width):
                starts &= steps[k : n - width + 1 + k, k]
            for start in np.flatnonzero(starts).tolist():
                hits.setdefault(start + index, set()).add(rule)
        return hits


class _Outcome(NamedTuple):
    rules: tuple[int, ...]  # the one-token rules that match, in order
    sets: dict[int, int]  # output column -> value they leave
    steps: tuple[tuple[bool, ...], ...]  # per several-token rule, which of its tokens it could be


def _tests(
    spec: dict[str, Any], named: set[str], regexes: list[re.Pattern[str]]
) -> dict[str, Test]:
    """One test per key of a token pattern, as spaCy's `Matcher` reads it; the LOWER forms a
    pattern names or matches are added to `named` and `regexes`."""
    tests: dict[str, Test] = {}
    for key, wanted in spec.items():
        if key not in KEYS:
            raise _Unsupported(f"pattern key {key}")
        if not isinstance(wanted, dict):
            if key == "LOWER":
                named.add(wanted)
            tests[key] = _equals(wanted)
            continue
        if set(wanted) - _OPS or len(wanted) != 1:
            raise _Unsupported(f"pattern operators {sorted(wanted)}")
        ((op, value),) = wanted.items()
        if op == "REGEX":
            pattern = re.compile(value)
            if key == "LOWER":
                regexes.append(pattern)
            tests[key] = _matches(pattern)
        else:
            if key == "LOWER":
                named.update(value)
            tests[key] = _member(frozenset(value), op == "IN")
    return tests


@dataclass(frozen=True)
class _Equals:
    wanted: Any

    def __call__(self, value: Any) -> bool:
        return value is not None and value == self.wanted


@dataclass(frozen=True)
class _Matches:
    pattern: re.Pattern[str]

    def __call__(self, value: Any) -> bool:
        return value is not None and bool(self.pattern.search(value))


@dataclass(frozen=True)
class _Member:
    values: frozenset[str]
    inside: bool

    def __call__(self, value: Any) -> bool:
        return (value is not None and value in self.values) == self.inside


_equals, _matches, _member = _Equals, _Matches, _Member  # tests that pickle (no lambdas)
