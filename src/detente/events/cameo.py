"""The CAMEO codebook and the verb lexicon, loaded from data and checked on the way in.

`events/data/cameo.csv` holds every CAMEO event code with its name, Goldstein scale value, quad
class and PLOVER mapping; `events/lexicon/verbs.yaml` the verb and noun patterns that say which
code a predicate expresses. A bad row is an error naming the file and the row.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml

from detente.errors import ModelError

QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict",
              4: "material conflict"}  # fmt: skip


class CodebookError(ModelError):
    """The codebook or lexicon data is malformed."""


@dataclass(frozen=True)
class Code:
    code: str
    root: str
    name: str
    goldstein: float
    quad_class: int
    plover_type: str | None
    plover_mode: str | None
    plover_context: str | None

    @property
    def base(self) -> str:
        """The three-digit code (GDELT's EventBaseCode)."""
        return self.code[:3]


@dataclass(frozen=True)
class Pattern:
    """A verb or noun pattern: lemma, optional particle/preposition, refinements, code."""

    lemma: str
    code: str | None  # None: only the refinements code an event
    prt: str | None = None
    prep: str | None = None
    refine: tuple[tuple[str, str], ...] = ()
    # words among the complements that show no event at all (a refinement to null): "refused
    # to [deny] the claims" is neither a denial nor a refusal of cooperation
    no_event: frozenset[str] = frozenset()
    needs_target: bool = False  # the unrefined code only with an actor as target
    # head words of an object (or the light verb carrying the noun) that show another sense:
    # "struck a conciliatory tone" is no strike, "took charge" no accusation
    not_objects: frozenset[str] = frozenset()
    # dependency relations under the verb (or its object) that show another sense: "called
    # Putin a liar" (oprd) names him, it is no telephone call
    not_deps: frozenset[str] = frozenset()
    # the code when a person acts on a person, or on no one named: words, not force ("Clinton
    # attacked Trump", "he hit back at his critics"); force against a country keeps `code`
    people: str | None = None
    # only with a that-clause in the bare (subjunctive) form: "insisted that China respect ..."
    mandative: bool = False
    # words modifying an event noun, or its prepositions, that show another sense: "a trade war",
    # "5 percent support" (a poll), "Putin's threat to Europe" (a danger, no threat made)
    not_modifiers: frozenset[str] = frozenset()
    # not with a "to" clause: "agreed with France to share intelligence" agrees on an act (the
    # plain entry), it is no accord with France's views (019)
    no_to_clause: bool = False
    # the code only with a known actor doing it: "was forced to resign" (by circumstances, no
    # one named) is no coercion; "China forced the Philippines to leave" is
    needs_source: bool = False
    # only with a "to" clause: "encouraged Germany to raise spending" is an appeal; "the plan
    # encourages investment" is none
    to_clause: bool = False
    # not with a to/at/towards phrase opening an act: "aid targeted to securing the border" is a
    # purpose, no force
    purpose: bool = False
    # heads of what a verb's that-clause or "of" phrase is about that show a forecast, no threat:
    # "warned profits may decline"
    not_topics: frozenset[str] = frozenset()
    # the act names no target: "resigned over the Iraq war" gives up a post to no one
    no_target: bool = False
    # heads of a "with" object that show another sense: "targeted voters with adverts"
    not_instruments: frozenset[str] = frozenset()
    # the code when the source sanctions rather than fights (roles.yaml `sanctioner_words`,
    # `armed_bodies`): "the EU targeted Russian oligarchs" is a sanction, not force
    sanctioners: str | None = None
    # prepositions of place whose actor is the target when nothing else is: "a ceasefire in
    # Libya", "sought refuge in Turkey" (roles.yaml `place_targets` holds them by root)
    place_targets: tuple[str, ...] = ()

    @property
    def specificity(self) -> int:
        return (self.prt is not None) + (self.prep is not None) + self.mandative


@dataclass
class Lexicon:
    verbs: dict[str, list[Pattern]] = field(default_factory=dict)
    nouns: dict[str, Pattern] = field(default_factory=dict)
    light: frozenset[str] = frozenset()
    # subject heads that make a verb no political event whatever its pattern ("the storm struck
    # Florida", "prices hit a record")
    not_subjects: frozenset[str] = frozenset()


@dataclass
class Codebook:
    codes: dict[str, Code]
    roots: dict[str, str]

    def __getitem__(self, code: str) -> Code:
        return self.codes[code]


class _UniqueKeyLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """YAML that refuses a key given twice in one mapping (a silent overwrite otherwise); parsed
    by libyaml where PyYAML has it (as `detente.yamlfiles`), about seven times faster."""


def _mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode, deep: bool = False) -> Any:
    keys = [loader.construct_object(k, deep=deep) for k, _ in node.value]
    seen: set[Any] = set()
    for key in keys:
        if key in seen:
            raise CodebookError(f"line {node.start_mark.line + 1}: {key!r} is given twice")
        seen.add(key)
    return loader.construct_mapping(node, deep=deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)

DATA = resources.files("detente.events")


@cache
def load_codebook() -> Codebook:
    where = "events/data/cameo.csv"
    with (DATA / "data" / "cameo.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(line for line in fh if not line.startswith("#")))
    codes: dict[str, Code] = {}
    for n, row in enumerate(rows, start=2):
        code = row.get("code") or ""
        here = f"{where}: row {n} ({code or '?'})"
        try:
            entry = Code(
                code=code,
                root=row["root"],
                name=row["name"],
                goldstein=float(row["goldstein"]),
                quad_class=int(row["quad_class"]),
                plover_type=row["plover_type"] or None,
                plover_mode=row["plover_mode"] or None,
                plover_context=row["plover_context"] or None,
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise CodebookError(f"{here}: {exc}") from exc
        if not re.fullmatch(r"\d{3,4}", code) or not code.startswith(entry.root):
            raise CodebookError(f"{here}: a code is 3-4 digits starting with its root")
        if not -10 <= entry.goldstein <= 10 or entry.quad_class not in QUAD_NAMES:
            raise CodebookError(f"{here}: Goldstein must be in [-10, 10] and quad class 1-4")
        if code in codes:
            raise CodebookError(f"{here}: code given twice")
        codes[code] = entry
    with (DATA / "data" / "roots.csv").open(encoding="utf-8") as fh:
        roots = {r["root"]: r["name"] for r in csv.DictReader(fh)}
    missing = sorted(set(roots) - {c.root for c in codes.values()})
    if len(roots) != 20 or missing:
        raise CodebookError(f"{where}: every one of the 20 roots needs codes (missing {missing})")
    return Codebook(codes, roots)


def _words(value: Any, classes: Mapping[str, list[str]], where: str) -> list[str]:
    """A word list with `@name` references to named word classes expanded in place."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
        raise CodebookError(
            f"{where}: expected a list of words (YAML reads on/off/no as true/false)"
        )
    words: list[str] = []
    for word in value:
        if word.startswith("@"):
            if word[1:] not in classes:
                raise CodebookError(f"{where}: unknown word class {word!r}")
            words += classes[word[1:]]
        else:
            words.append(word)
    return words


def _pattern(
    spec: Mapping[str, Any],
    where: str,
    codebook: Codebook,
    classes: Mapping[str, list[str]] | None = None,
) -> Pattern:
    classes = classes or {}
    if not isinstance(spec, Mapping) or "lemma" not in spec or "code" not in spec:
        raise CodebookError(f"{where}: needs lemma and code")
    here = f"{where} ({spec['lemma']})"
    refine: dict[str, str] = {}
    no_event: set[str] = set()  # a refinement to null: "refused to [deny]" tells no event
    for key, code in (spec.get("refine") or {}).items():
        for word in _words(str(key), classes, here):
            if code is None:
                no_event.add(word)
            else:  # a word written before a class keeps its code
                refine.setdefault(word, str(code))
    if spec["code"] is None and not refine:
        raise CodebookError(f"{here}: code null needs refinements")
    codes = [spec["code"]] if spec["code"] is not None else []
    for code in [
        *codes,
        *refine.values(),
        *[spec[k] for k in ("people", "sanctioners") if spec.get(k)],
    ]:
        if str(code) not in codebook.codes:
            raise CodebookError(f"{here}: unknown CAMEO code {code!r}")
    for key in ("prt", "prep"):
        if key in spec and not isinstance(spec[key], str):
            raise CodebookError(
                f"{here}: {key} must be a word in quotes (YAML reads on/off/no as true/false)"
            )
    return Pattern(
        lemma=str(spec["lemma"]),
        code=None if spec["code"] is None else str(spec["code"]),
        prt=spec.get("prt"),
        prep=spec.get("prep"),
        refine=tuple(refine.items()),
        no_event=frozenset(no_event),
        needs_target=bool(spec.get("needs_target")),
        not_objects=frozenset(_words(spec.get("not_objects") or [], classes, here)),
        not_deps=frozenset(_words(spec.get("not_deps") or [], {}, here)),
        people=None if spec.get("people") is None else str(spec["people"]),
        sanctioners=None if spec.get("sanctioners") is None else str(spec["sanctioners"]),
        mandative=bool(spec.get("mandative")),
        not_modifiers=frozenset(_words(spec.get("not_modifiers") or [], classes, here)),
        no_to_clause=bool(spec.get("no_to_clause")),
        needs_source=bool(spec.get("needs_source")),
        to_clause=bool(spec.get("to_clause")),
        purpose=bool(spec.get("purpose")),
        not_topics=frozenset(_words(spec.get("not_topics") or [], classes, here)),
        no_target=bool(spec.get("no_target")),
        not_instruments=frozenset(_words(spec.get("not_instruments") or [], classes, here)),
        place_targets=tuple(str(p) for p in spec.get("place_targets") or ()),
    )


def _classes(data: Mapping[str, Any], where: str) -> dict[str, list[str]]:
    """Named word classes (`classes: {weapons: [weapon, missile, ...]}`); a class may use the
    classes written before it."""
    classes: dict[str, list[str]] = {}
    raw = data.get("classes") or {}
    if not isinstance(raw, Mapping):
        raise CodebookError(f"{where}: classes must map a name to a list of words")
    for name, words in raw.items():
        classes[str(name)] = _words(words, classes, f"{where}: class {name}")
    return classes


@cache
def load_lexicon() -> Lexicon:
    where = "events/lexicon/verbs.yaml"
    try:
        data = yaml.load(
            (DATA / "lexicon" / "verbs.yaml").read_text(encoding="utf-8"), Loader=_UniqueKeyLoader
        )
    except yaml.YAMLError as exc:
        raise CodebookError(f"{where}: not valid YAML ({exc})") from exc
    except CodebookError as exc:
        raise CodebookError(f"{where}: {exc}") from exc
    codebook = load_codebook()
    classes = _classes(data, where)
    senses = data.get("senses") or {}
    lexicon = Lexicon(
        light=frozenset(data.get("light") or ()),
        not_subjects=frozenset(_words(senses.get("not_subjects") or [], classes, where)),
    )
    for n, spec in enumerate(data.get("verbs") or [], start=1):
        pattern = _pattern(spec, f"{where}: verbs entry {n}", codebook, classes)
        lexicon.verbs.setdefault(pattern.lemma, []).append(pattern)
    for patterns in lexicon.verbs.values():
        patterns.sort(key=lambda p: -p.specificity)
    for n, spec in enumerate(data.get("nouns") or [], start=1):
        pattern = _pattern(spec, f"{where}: nouns entry {n}", codebook, classes)
        lexicon.nouns[pattern.lemma] = pattern
    return lexicon
