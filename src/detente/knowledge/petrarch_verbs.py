"""PETRARCH verb dictionaries read as our lexicon's patterns (`read_verbs`, `lexicon_with`).

A verb file's `&SYNSET` word lists, `--- NAME [CODE] ---` blocks of verbs and `- * ...` patterns
become `Pattern`s (lemma [+ preposition] → code, with refinement words); what our model cannot
express is skipped and counted in the file's `ReadReport`. Our own lexicon wins on every lemma
it has.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cache
from itertools import product
from pathlib import Path
from typing import Any

from detente.events.cameo import Lexicon, Pattern, load_codebook, load_lexicon
from detente.knowledge.petrarch_files import DictionaryError, ReadReport, _lines, dictionary_files

log = logging.getLogger(__name__)


# ---- verbs ------------------------------------------------------------------------------

_HEADER = re.compile(r"---\s+(\S+)\s+\[([^\]]*)\]\s*---")
_CODE = re.compile(r"(---|\d{2,4})?(?::(---|\d{2,4})?)?")
_WORD = re.compile(r"[A-Za-z0-9&'./\-_]+")


@dataclass
class _Sense:
    """Codes gathered for one verb lemma (and preposition) across the file."""

    code: str | None = None
    refine: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class _Block:
    line: int
    code: str | None
    verbs: list[tuple[int, str, str | None]] = field(default_factory=list)  # line, verb, code
    base: list[tuple[str, str]] = field(default_factory=list)
    preps: dict[str, _Sense] = field(default_factory=dict)


def read_verbs(path: str | Path, known: Iterable[str] = ()) -> tuple[list[Pattern], ReadReport]:
    """Verb patterns of a PETRARCH verb dictionary, as our `Pattern`s (lemma → code, refine).

    Each verb takes its own code, else its block's; a pattern `- * WORD [CODE]` (or a noun
    phrase or synset in WORD's place) becomes a refinement word, `- * (PREP) [CODE]` and
    `- * (PREP WORD) [CODE]` a pattern with that preposition. Lemmas in `known` (our own
    lexicon's) are skipped: ours win. Codes our codebook lacks are skipped; of a reciprocal code
    `[042:043]` only the first (source → target) is kept.

    Raises DictionaryError (naming the file and line) for a line of no known shape.
    """
    path = Path(path)
    reader = _VerbFile(path, frozenset(known))
    for n, line in _lines(path):
        reader.read(n, line)
    return reader.patterns()


class _VerbFile:
    """The state of reading one verb file: synsets so far, the open block, senses per lemma."""

    def __init__(self, path: Path, known: frozenset[str]) -> None:
        self.path, self.known = path, known
        self.report = ReadReport(str(path))
        self.codebook = load_codebook()
        self.synsets: dict[str, list[list[str]]] = {}
        self.synset: str | None = None
        self.block: _Block | None = None
        self.senses: dict[tuple[str, str | None], _Sense] = {}

    def code_of(self, text: str, n: int, line: str) -> str | None:
        """The CAMEO code a `[CODE]` names, or None (counted) when we cannot use it."""
        if not _CODE.fullmatch(text.strip()):  # "[080!]": one slip must not cost the file
            self.report.skip("codes we cannot read", n, line)
            return None
        first = text.strip().split(":")[0]
        if first in ("", "---"):
            return None
        if first not in self.codebook.codes:
            self.report.skip("codes not in our CAMEO codebook", n, line)
            return None
        return first

    def read(self, n: int, line: str) -> None:
        """Fold line `n` of the file into the state."""
        text = line.strip()
        if text.startswith("---"):
            match = _HEADER.match(text)
            if match is None:
                raise DictionaryError(
                    f"{self.path}:{n}: a verb block opens with --- NAME [CODE] ---"
                )
            _close(self.block, self.senses, self.known, self.report)
            self.block, self.synset = _Block(n, self.code_of(match.group(2), n, line)), None
            self.report.read["verb blocks"] += 1
        elif text.startswith("&"):
            if not re.fullmatch(r"&[A-Z0-9_]+", text):
                raise DictionaryError(f"{self.path}:{n}: a synset label is &NAME, got {text!r}")
            _close(self.block, self.senses, self.known, self.report)
            self.synset, self.block = text.rstrip("_"), None
            self.synsets[self.synset] = []
            self.report.read["synsets"] += 1
        elif text.startswith("+") and self.synset is not None:
            words = text[1:].rstrip("_").replace("_", " ").split()
            if not words or not all(_WORD.fullmatch(w) for w in words):
                raise DictionaryError(f"{self.path}:{n}: a synset member is +WORDS, got {text!r}")
            self.synsets[self.synset].append([w.lower() for w in words])
        elif text.startswith("~"):
            self.report.skip("transformations", n, line)
        elif text.startswith("-"):
            if self.block is None:
                raise DictionaryError(f"{self.path}:{n}: a pattern outside a verb block")
            self.report.read["patterns"] += 1
            _pattern(text, n, self.block, self.synsets, self.code_of, self.report)
        else:
            self._verb(n, line, text)

    def _verb(self, n: int, line: str, text: str) -> None:
        if self.block is None:
            raise DictionaryError(
                f"{self.path}:{n}: a verb outside a verb block (expected --- NAME [CODE] ---, "
                "&SYNSET, +MEMBER or a - pattern)"
            )
        match = re.fullmatch(r"(\S+)\s*(\{[^}]*\})?\s*(\[[^\]]*\])?", text)
        if match is None:
            raise DictionaryError(f"{self.path}:{n}: a verb line is VERB {{FORMS}} [CODE]")
        own = self.code_of(match.group(3)[1:-1], n, line) if match.group(3) else self.block.code
        self.block.verbs.append((n, match.group(1), own))
        self.report.read["verbs"] += 1

    def patterns(self) -> tuple[list[Pattern], ReadReport]:
        """Close the last block; the patterns made and the file's report."""
        _close(self.block, self.senses, self.known, self.report)
        patterns = []
        for (lemma, prep), sense in self.senses.items():
            refine = tuple(dict.fromkeys(sense.refine))
            if sense.code is None and not refine:
                continue
            patterns.append(Pattern(lemma=lemma, code=sense.code, prep=prep, refine=refine))
        self.report.read["verb patterns made"] = len(patterns)
        return patterns, self.report


def _pattern(
    text: str, n: int, block: _Block, synsets: dict[str, list[list[str]]], code_of: Any,
    report: ReadReport,
) -> None:  # fmt: skip
    """Fold one `- ... * ... [CODE]` line into its block, or count why it cannot be."""
    codes = re.findall(r"\[([^\]]*)\]", text)
    if not codes:
        raise DictionaryError(f"{report.path}:{n}: a pattern needs a [CODE] at its end")
    body = text[1 : text.rfind("[")]
    body = re.sub(r"\[[^\]]*\]", " ", body)
    if codes[-1].strip().startswith(":"):
        return report.skip("reciprocal-only codes", n, text)
    if body.count("*") != 1:
        return report.skip("patterns without one verb place (*)", n, text)
    before, after = body.split("*")
    if before.strip():
        return report.skip("patterns constraining the subject", n, text)
    if re.search(r"(^|[\s(])[$+^%](?=[\s)]|$)", after):
        return report.skip("patterns marking source or target ($ + ^ %)", n, text)
    parsed = _phrases(after)
    if parsed is None:
        return report.skip("patterns with unbalanced brackets or signs we do not read", n, text)
    nouns, preps = parsed
    code = code_of(codes[-1], n, text)
    if code is None:
        if "---" in codes[-1]:
            report.skip("patterns coding no event ([---])", n, text)
        return None
    try:
        if nouns and not preps and len(nouns) == 1:
            block.base += [(key, code) for key in _keys(nouns[0], synsets)]
        elif not nouns and len(preps) == 1 and len(preps[0][1]) <= 1:
            prep, words = preps[0]
            sense = block.preps.setdefault(prep, _Sense())
            if not words:
                sense.code = sense.code or code
            else:
                sense.refine += [(key, code) for key in _keys(words[0], synsets)]
        else:
            return report.skip("patterns needing several words at once", n, text)
    except KeyError:
        return report.skip("patterns with an undefined synset", n, text)
    report.read["patterns used"] += 1
    return None


def _phrases(text: str) -> tuple[list[list[str]], list[tuple[str, list[list[str]]]]] | None:
    """Nouns and prepositional phrases of a pattern's post-verb part, or None if unreadable.

    `WORD` and `&SYNSET` are one-word phrases, `{A B}` a phrase; `(PREP ...)` a prepositional
    phrase whose first word is the preposition.
    """
    tokens = re.findall(r"[(){}]|[^\s(){}]+", text)
    nouns: list[list[str]] = []
    preps: list[tuple[str, list[list[str]]]] = []
    target = nouns
    phrase: list[str] | None = None
    prep_open = False
    for token in tokens:
        if token == "(":
            if prep_open or phrase is not None:
                return None
            prep_open, target = True, []
            preps.append(("", target))
        elif token == ")":
            if not prep_open or phrase is not None:
                return None
            prep_open, target = False, nouns
        elif token == "{":
            if phrase is not None:
                return None
            phrase = []
        elif token == "}":
            if not phrase:
                return None
            target.append(phrase)
            phrase = None
        elif not _WORD.fullmatch(token):
            return None
        elif phrase is not None:
            phrase.append(token.lower())
        elif prep_open and preps[-1][0] == "":
            preps[-1] = (token.lower(), target)
        else:
            target.append([token.lower()])
    if prep_open or phrase is not None:
        return None
    return nouns, preps


def _keys(words: list[str], synsets: dict[str, list[list[str]]]) -> list[str]:
    """Refinement keys of a phrase: its words as written and as lemmas, synsets expanded.

    Raises KeyError for an undefined synset (PETRARCH skips such patterns too).
    """
    choices = [synsets[w.upper().rstrip("_")] if w.startswith("&") else [[w]] for w in words]
    keys: list[str] = []
    for combination in product(*choices):
        phrase = [w.replace("_", " ") for part in combination for w in part]
        written = " ".join(phrase)
        keys += [written, " ".join(_lemma(w) for w in written.split())]
    return list(dict.fromkeys(k for k in keys if k))


@cache
def _lemma(word: str) -> str:
    """A noun's lemma as the parser's lemmatiser gives it ("sanctions" → "sanction")."""
    from spacy.tokens import Doc

    from detente.nlp import load_nlp

    nlp = load_nlp()
    doc = Doc(nlp.vocab, words=[word], pos=["NOUN"])
    return str(nlp.get_pipe("lemmatizer")(doc)[0].lemma_.lower() or word)


def _close(
    block: _Block | None,
    senses: dict[tuple[str, str | None], _Sense],
    known: frozenset[str],
    report: ReadReport,
) -> None:
    """Turn a finished block into senses per lemma; earlier blocks keep their codes."""
    if block is None:
        return
    for n, verb, code in block.verbs:
        word = verb.lower()
        prep: str | None = None
        if "_" in word:
            parts = word.lstrip("+").split("_")
            if "+" in word and not word.startswith("+"):
                report.skip("multi-word verbs with words before the verb", n, verb)
                continue
            if len(parts) != 2:
                report.skip("multi-word verbs of three words or more", n, verb)
                continue
            word, prep = parts
        word = word.lstrip("+")
        if not re.fullmatch(r"[a-z][a-z'\-]*", word):
            report.skip("verbs that are not one word", n, verb)
            continue
        if word in known:
            report.skip("verbs detente already codes (ours win)", n, verb)
            continue
        base = senses.setdefault((word, prep), _Sense())
        base.code = base.code or code
        base.refine += block.base
        if prep is None:
            for p, spec in block.preps.items():
                sense = senses.setdefault((word, p), _Sense())
                sense.code = sense.code or spec.code or code
                sense.refine += spec.refine


@cache
def lexicon_with(dictionaries: tuple[str, ...]) -> Lexicon:
    """Our lexicon plus the verbs of the PETRARCH verb dictionaries among `dictionaries`.

    Ours wins: a lemma our lexicon has keeps only our patterns; their verbs add new lemmas.
    Cached per tuple of paths; raises `DictionaryError` for unreadable or malformed files.
    """
    ours = load_lexicon()
    if not dictionaries:
        return ours
    verbs = {lemma: list(patterns) for lemma, patterns in ours.verbs.items()}
    for path in dictionary_files(dictionaries)["verbs"]:
        patterns, report = read_verbs(path, known=ours.verbs)
        log.info("%s", report.summary())
        for pattern in patterns:
            verbs.setdefault(pattern.lemma, []).append(pattern)
    for patterns in verbs.values():
        patterns.sort(key=lambda p: -p.specificity)
    return replace(ours, verbs=verbs)
