"""PETRARCH/TABARI dictionaries (verbs, actors, agents) read at run time beside our own knowledge.

Users with years of curated dictionaries point `--dictionaries DIR` (`dictionaries=` in the API,
`DETENTE_DICTIONARIES`) at them; nothing of theirs is copied into the package. The formats are
those of PETRARCH2's documentation: a verb file of `&SYNSET` word lists and `--- NAME [CODE] ---`
blocks of verbs (`VERB {FORMS} [CODE]`, `+VERB_PARTICLE`) and patterns (`- * WORD [CODE]`,
`- * (PREP WORD) [CODE]`, `{A NOUN PHRASE}`); actor files of `NAME_ [CODE]` records with `+SYNONYM`
lines and tab-indented dated codes (`[GBRGOV 970502-070627]`, `[X <date]`, `[X >date]`); agent
files of `PHRASE {PLURALS} [~COP]` lines with `!MARKER! = A, B` substitutions.

What our model cannot express (patterns that constrain the subject, mark source and target with
`$ + ^ %`, or need two words at once; reciprocal codes; transformations) is skipped and counted in
each file's `ReadReport`. A line that is none of the format's kinds is a `DictionaryError` naming
the file and the line.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from fnmatch import fnmatch
from functools import cache
from importlib import resources
from itertools import product
from pathlib import Path
from typing import Any

import yaml

from detente.actors.kb import Actor, KnowledgeBase, Person, Role, Target, normalise, slug
from detente.errors import ModelError
from detente.events.cameo import Lexicon, Pattern, load_codebook, load_lexicon

log = logging.getLogger(__name__)

KINDS = ("verbs", "actors", "agents")


class DictionaryError(ModelError):
    """A PETRARCH/TABARI dictionary is missing, of an unknown kind, or has a malformed line."""


@dataclass
class ReadReport:
    """What one dictionary file gave: counts read and skipped (by reason), with examples."""

    path: str
    read: Counter[str] = field(default_factory=Counter)
    skipped: Counter[str] = field(default_factory=Counter)
    examples: dict[str, str] = field(default_factory=dict)  # reason → first "file:line: text"

    def skip(self, reason: str, line: int, text: str) -> None:
        self.skipped[reason] += 1
        self.examples.setdefault(reason, f"{self.path}:{line}: {text.strip()[:80]}")

    def summary(self) -> str:
        read = ", ".join(f"{n} {what}" for what, n in self.read.items())
        skipped = ", ".join(f"{n} {why}" for why, n in self.skipped.most_common())
        return f"{self.path}: read {read or 'nothing'}; skipped {skipped or 'nothing'}"


@dataclass(frozen=True)
class ActorEntry:
    """One actor record: its names as written in news, a default code, and dated codes.

    `roles` are (code, start, end) with `end` exclusive, as in `actors.kb.Role`; `date.min`
    stands for "since ever". A record with roles is a person; without, a name for `code`.
    """

    names: tuple[str, ...]
    code: str | None
    roles: tuple[tuple[str, date, date | None], ...]
    line: int


@dataclass(frozen=True)
class AgentEntry:
    """A generic agent phrase ("riot police") and its CAMEO agent code ("COP").

    `before` is true where the code goes before the actor's code (`NGO~`: an organisation),
    false where it follows the country (`~COP`: USA + COP).
    """

    phrase: str
    code: str
    before: bool


# ---- files ------------------------------------------------------------------------------


@cache
def _settings() -> dict[str, Any]:
    text = resources.files("detente.knowledge").joinpath("data/petrarch.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def dictionary_files(paths: Sequence[str | Path]) -> dict[str, list[Path]]:
    """The verb, actor and agent files among `paths` (directories or files), by kind.

    Raises `DictionaryError` for a path that does not exist or a file of no known kind (see
    `knowledge/data/petrarch.yaml` for the names each kind goes by).
    """
    globs = _settings()["files"]
    found: dict[str, list[Path]] = {kind: [] for kind in KINDS}
    for given in paths:
        path = Path(given)
        if not path.exists():
            raise DictionaryError(f"{path}: no such dictionary file or directory")
        files = sorted(p for p in path.iterdir() if p.is_file()) if path.is_dir() else [path]
        for file in files:
            name = file.name.lower()
            kind = next((k for k in KINDS if any(fnmatch(name, g) for g in globs[k])), None)
            if kind is None and not any(fnmatch(name, g) for g in globs["ignored"]):
                kind = sniff(file)
                if kind is None:
                    raise DictionaryError(
                        f"{file}: not a dictionary detente can tell the kind of, by its name or"
                        " its lines; name it *.verbs.txt, *.actors.txt or *.agents.txt"
                    )
            if kind is not None:
                found[kind].append(file)
    return found


_VERB_MARK = re.compile(r"---\s+\S+\s+\[[^\]]*\]\s*---|&[A-Z0-9_]+")
_SNIFF = {
    "verbs": re.compile(r"-\s.*\*.*\[.*\]"),
    "agents": re.compile(r"[^\[]+\s*(\{[^}]*\})?\s*\[\s*(~[A-Z0-9]+|[A-Z0-9]+~)\s*\]|!\w+!\s*=.*"),
    "actors": re.compile(
        r"\+?[A-Z0-9][A-Z0-9_.'&\-]*_?(\s*\([^)]*\))?(\s*\[[^\]]*\])*"
        r"|(\[\s*[A-Z0-9]+\s*[<>]?[\d\s\-]*\]\s*)+"
    ),
}
SNIFF_LINES = 200  # lines read to tell a dictionary's kind by its content


def sniff(path: str | Path) -> str | None:
    """The kind of PETRARCH/TABARI dictionary a file is by its content ("verbs", "actors" or
    "agents": the kind most of its first `SNIFF_LINES` lines are written in, comments left
    out), or None when most of them are none of these (a YAML knowledge file, say) or the file
    cannot be read."""
    counts: Counter[str] = Counter()
    seen = 0
    try:
        for _, line in _lines(Path(path)):
            text = line.strip()
            seen += 1
            if _VERB_MARK.fullmatch(text):
                return "verbs"  # a synset label or verb block: actor lines look like verb lines
            kind = next((k for k, rule in _SNIFF.items() if rule.fullmatch(text)), None)
            if kind is not None:
                counts[kind] += 1
            if seen >= SNIFF_LINES:
                break
    except DictionaryError:
        return None
    if not counts:
        return None
    kind, n = counts.most_common(1)[0]
    return kind if 2 * n > seen else None


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    """Numbered lines without comments (`#`, `;`, `<!-- -->`), blank ones left out."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise DictionaryError(f"{path}: cannot be read ({exc})") from exc
    in_comment = False
    for n, raw in enumerate(text.splitlines(), start=1):
        line = raw
        if in_comment:
            if "-->" not in line:
                continue
            line, in_comment = line.split("-->", 1)[1], False
        line = re.sub(r"<!--.*?-->", "", line)
        if "<!--" in line:
            line, in_comment = line.split("<!--", 1)[0], True
        line = re.split(r"[#;]", line, maxsplit=1)[0].rstrip()
        if line.strip():
            yield n, line


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
    """
    path = Path(path)
    report = ReadReport(str(path))
    known = frozenset(known)
    codebook = load_codebook()
    synsets: dict[str, list[list[str]]] = {}
    synset: str | None = None
    block: _Block | None = None
    senses: dict[tuple[str, str | None], _Sense] = {}

    def code_of(text: str, n: int, line: str) -> str | None:
        if not _CODE.fullmatch(text.strip()):  # "[080!]": one slip must not cost the file
            report.skip("codes we cannot read", n, line)
            return None
        first = text.strip().split(":")[0]
        if first in ("", "---"):
            return None
        if first not in codebook.codes:
            report.skip("codes not in our CAMEO codebook", n, line)
            return None
        return first

    for n, line in _lines(path):
        text = line.strip()
        if text.startswith("---"):
            match = _HEADER.match(text)
            if match is None:
                raise DictionaryError(f"{path}:{n}: a verb block opens with --- NAME [CODE] ---")
            _close(block, senses, known, report)
            block, synset = _Block(n, code_of(match.group(2), n, line)), None
            report.read["verb blocks"] += 1
        elif text.startswith("&"):
            if not re.fullmatch(r"&[A-Z0-9_]+", text):
                raise DictionaryError(f"{path}:{n}: a synset label is &NAME, got {text!r}")
            _close(block, senses, known, report)
            synset, block = text.rstrip("_"), None
            synsets[synset] = []
            report.read["synsets"] += 1
        elif text.startswith("+") and synset is not None:
            words = text[1:].rstrip("_").replace("_", " ").split()
            if not words or not all(_WORD.fullmatch(w) for w in words):
                raise DictionaryError(f"{path}:{n}: a synset member is +WORDS, got {text!r}")
            synsets[synset].append([w.lower() for w in words])
        elif text.startswith("~"):
            report.skip("transformations", n, line)
        elif text.startswith("-"):
            if block is None:
                raise DictionaryError(f"{path}:{n}: a pattern outside a verb block")
            report.read["patterns"] += 1
            _pattern(text, n, block, synsets, code_of, report)
        else:
            if block is None:
                raise DictionaryError(
                    f"{path}:{n}: a verb outside a verb block (expected --- NAME [CODE] ---, "
                    "&SYNSET, +MEMBER or a - pattern)"
                )
            match = re.fullmatch(r"(\S+)\s*(\{[^}]*\})?\s*(\[[^\]]*\])?", text)
            if match is None:
                raise DictionaryError(f"{path}:{n}: a verb line is VERB {{FORMS}} [CODE]")
            own = code_of(match.group(3)[1:-1], n, line) if match.group(3) else block.code
            block.verbs.append((n, match.group(1), own))
            report.read["verbs"] += 1
    _close(block, senses, known, report)
    patterns = []
    for (lemma, prep), sense in senses.items():
        refine = tuple(dict.fromkeys(sense.refine))
        if sense.code is None and not refine:
            continue
        patterns.append(Pattern(lemma=lemma, code=sense.code, prep=prep, refine=refine))
    report.read["verb patterns made"] = len(patterns)
    return patterns, report


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


# ---- actors -------------------------------------------------------------------------------

_RESTRICTION = re.compile(r"\[\s*([A-Za-z0-9]+|---)\s*([<>]?\s*[\d\s\-]*)\]")


def _day(text: str) -> date | None:
    """A YYMMDD or YYYYMMDD date as PETRARCH reads it (00-30 are 20YY, extra digits ignored)."""
    digits = text.strip()
    try:
        if len(digits) <= 7:
            year = int(digits[:2])
            return date(2000 + year if year <= 30 else 1900 + year, int(digits[2:4]),
                        int(digits[4:6]))  # fmt: skip
        return date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return None


Restriction = tuple[str, date | None, date | None]  # code, start, end (exclusive); None: undated


def _restriction(text: str, where: str) -> Restriction | None:
    """`[CODE]`, `[CODE <D]`, `[CODE >D]` or `[CODE D-D]`; None where the dates cannot be read
    (a slip in one of thousands of records is counted, not fatal)."""
    match = _RESTRICTION.fullmatch(text.strip())
    if match is None or not (match.group(1).isupper() or match.group(1) == "---"):
        raise DictionaryError(
            f"{where}: a code is [CODE] or [CODE date-date], got {text.strip()!r}"
        )
    code, dates = match.group(1), match.group(2).replace(" ", "")
    one_day = timedelta(days=1)
    if not dates:
        return code, None, None
    if dates[0] in "<>":
        day = _day(dates[1:])
        if day is None:
            return None
        return (code, date.min, day + one_day) if dates[0] == "<" else (code, day, None)
    if dates.count("-") != 1:
        return None
    start, end = (_day(d) for d in dates.split("-"))
    if start is None or end is None:
        return None
    return code, start, end + one_day


def written(name: str) -> str:
    """A dictionary name (`SECRETARY-GENERAL_BAN_KI-MOON_`) as news writes it
    ("Secretary-general Ban Ki-moon"): title case, small words lower, acronyms in capitals."""
    words = name.strip().rstrip("_").replace("_", " ").split()
    if not words or any(c.islower() for c in name):
        return " ".join(words)
    settings = _settings()
    if len(words) == 1 and len(words[0].replace(".", "")) <= settings["acronym_letters"]:
        return words[0]
    out = []
    for i, word in enumerate(words):
        if word in settings["acronyms"]:
            out.append(word)
        elif i and word.lower() in settings["lower_words"]:
            out.append(word.lower())
        else:
            out.append(word[:1] + word[1:].lower())
    return " ".join(out)


def read_actors(path: str | Path) -> tuple[list[ActorEntry], ReadReport]:
    """Actor records of a PETRARCH/TABARI actor dictionary.

    A record is a primary line (`NAME_ [CODE]`), `+SYNONYM` lines and indented date
    restrictions; names keep their words, in the case news writes them (`written`).
    """
    path = Path(path)
    report = ReadReport(str(path))
    entries: list[ActorEntry] = []
    current: dict[str, Any] | None = None

    def close() -> None:
        if current is None:
            return
        names = tuple(dict.fromkeys(n for n in current["names"] if n))
        if current["code"] is None and not current["roles"]:
            report.skip("records without a code", current["line"], names[0] if names else "")
        elif names:
            entries.append(ActorEntry(names, current["code"], tuple(current["roles"]),
                                      current["line"]))  # fmt: skip
            report.read["people" if current["roles"] else "actor records"] += 1
            report.read["names"] += len(names)

    for n, line in _lines(path):
        where = f"{path}:{n}"
        text = line.strip()
        if text.startswith("["):
            if current is None:
                raise DictionaryError(f"{where}: a code before any actor name")
            for bracket in re.findall(r"\[[^\]]*\]?", text):
                _restrict(current, _restriction(bracket, where), n, text, report)
        elif text.startswith("+"):
            if current is None:
                raise DictionaryError(f"{where}: a synonym (+NAME) before any actor name")
            current["names"].append(_name(text[1:], n, report))
        else:
            close()
            name, _, rest = text.partition("[")
            current = {"names": [_name(name, n, report)], "code": None, "roles": [], "line": n}
            for bracket in re.findall(r"\[[^\]]*\]?", "[" + rest if rest else ""):
                _restrict(current, _restriction(bracket, where), n, text, report)
    close()
    return entries, report


def _restrict(
    record: dict[str, Any], found: Restriction | None, n: int, text: str, report: ReadReport
) -> None:
    """Add a code restriction to the record being read, or count why it is left out."""
    if found is None:
        report.skip("dated codes whose dates we cannot read", n, text)
    elif found[0] == "---":  # the null code: no actor in that span
        report.skip("null codes [---]", n, text)
    elif found[1] is None:
        record["code"] = found[0]
    elif found[2] is not None and found[2] <= found[1]:
        report.skip("dated codes that end before they start", n, text)
    else:
        record["roles"].append(found)


def _name(text: str, n: int, report: ReadReport) -> str:
    cleaned = re.sub(r"\([^)]*\)", "", text).strip()  # "(AAIA)": an acronym aside
    if not re.fullmatch(r"[\w'.\- &]+", cleaned) or not cleaned.strip("_ "):
        report.skip("names with signs we do not read", n, text)
        return ""
    return written(cleaned)


@cache
def actor_entries(dictionaries: tuple[str, ...]) -> tuple[ActorEntry, ...]:
    """Every actor record of the actor dictionaries among `dictionaries`, in file order."""
    entries: list[ActorEntry] = []
    for path in dictionary_files(dictionaries)["actors"]:
        found, report = read_actors(path)
        log.info("%s", report.summary())
        entries += found
    return tuple(entries)


def kb_with(kb: KnowledgeBase, dictionaries: tuple[str, ...]) -> KnowledgeBase:
    """A copy of `kb` with the actors of the dictionaries added; `kb` is left as it is.

    Ours wins: a name the KB already has keeps its meaning, and a person one of whose names
    the KB knows is left out; new names, codes and people are added. A person's dated codes
    become roles (the undated default a role since ever, outranked by any dated one). The
    generic agents that follow a country's code (`~COP`: "riot squad" → USA + COP) are added to
    the agent table (`KnowledgeBase.with_agents`: ours win, theirs only as a modifier's noun);
    those written before an actor's code (`NGO~`) are left out: our agents all follow it.
    """
    agents = [(e.phrase, e.code) for e in agent_entries(dictionaries) if not e.before]
    if agents:
        kb = kb.with_agents(agents)
    out = replace(
        kb,
        actors=dict(kb.actors),
        people=dict(kb.people),
        names={k: list(v) for k, v in kb.names.items()},
        surfaces={k: set(v) for k, v in kb.surfaces.items()},
    )
    for entry in actor_entries(dictionaries):
        if entry.roles:
            _add_person(out, kb, entry)
            continue
        code = entry.code or ""
        _ensure_actor(out, code, entry.names[0])
        method = "metonym" if out.is_country(code) else "alias"
        for name in entry.names:
            if normalise(name) not in kb.names:
                _add_name(out, name, Target(code, method))
    return out


def _add_person(out: KnowledgeBase, kb: KnowledgeBase, entry: ActorEntry) -> None:
    person_id = slug(entry.names[0])
    if (
        not person_id
        or person_id in out.people
        or any(normalise(n) in kb.names for n in entry.names)
    ):
        return
    roles = [(code, start, end) for code, start, end in entry.roles]
    if entry.code:
        roles.append((entry.code, date.min, None))
    person = Person(
        id=person_id,
        name=entry.names[0],
        gender=None,
        aliases=entry.names[1:],
        roles=tuple(
            Role(code, out.role_names.get(code[3:6], code), start, end)
            for code, start, end in sorted(roles, key=lambda r: r[1])
        ),
    )
    out.people[person_id] = person
    for code, *_ in roles:
        _ensure_actor(out, code, entry.names[0])
    for name in entry.names:
        _add_name(out, name, Target("", "name" if name == person.name else "alias", person_id))


def _ensure_actor(out: KnowledgeBase, code: str, name: str) -> None:
    """Give a code no country or KB actor owns an actor of its own ("IMGMUSALQ")."""
    if code and code not in out.actors and out.country_of(code) is None:
        kind = _settings()["kinds"].get(code[:3], "group")
        out.actors[code] = Actor(code, name, kind)


def _add_name(kb: KnowledgeBase, text: str, target: Target) -> None:
    key = normalise(text)
    if not key:
        return
    kb.surfaces.setdefault(key, set()).add(text)
    bucket = kb.names.setdefault(key, [])
    if all((t.code, t.person) != (target.code, target.person) for t in bucket):
        bucket.append(target)


# ---- agents ---------------------------------------------------------------------------------


def read_agents(path: str | Path) -> tuple[list[AgentEntry], ReadReport]:
    """Agent phrases of a PETRARCH agents dictionary, singular and plural, with their codes.

    `!MARKER! = A, B` lines define substitutions; `{PLURALS}` after a phrase gives its plurals
    (`{}`: none), else the regular plural is made (-S, -IES after Y, -ES after SS).
    """
    path = Path(path)
    report = ReadReport(str(path))
    markers: dict[str, list[str]] = {}
    entries: list[AgentEntry] = []
    for n, line in _lines(path):
        where = f"{path}:{n}"
        text = line.strip()
        if re.fullmatch(r"!\w+!\s*=.*", text):
            marker, _, values = text.partition("=")
            markers[marker.strip()] = [v.strip() for v in values.split(",") if v.strip()]
            continue
        if "[" not in text:
            report.skip("phrases without a code", n, text)
            continue
        match = re.fullmatch(r"([^\[{]+?)\s*(\{[^}]*\})?\s*\[\s*(~?)([A-Z0-9]+)(~?)\s*[\]}]", text)
        if match is None or bool(match.group(3)) == bool(match.group(5)):
            raise DictionaryError(
                f"{where}: an agent line is PHRASE {{PLURALS}} [~CODE] or [CODE~]"
            )
        phrase, plurals, after, code = (
            match.group(1),
            match.group(2),
            match.group(3),
            match.group(4),
        )
        forms = _agent_forms(phrase, plurals, markers)
        if forms is None:
            report.skip("phrases with an undefined !MARKER!", n, text)
            continue
        for form in forms:
            entries.append(AgentEntry(form, code, before=not after))
        report.read["agent lines"] += 1
        report.read["phrases"] += len(forms)
    return entries, report


def _agent_forms(
    phrase: str, plurals: str | None, markers: dict[str, list[str]]
) -> list[str] | None:
    marker = re.search(r"!\w+!", phrase)
    if marker is not None:
        if marker.group(0) not in markers:
            return None
        return [
            " ".join(phrase.replace(marker.group(0), v).replace("_", " ").lower().split())
            for v in markers[marker.group(0)]
        ]
    singular = " ".join(phrase.replace("_", " ").lower().split())
    if plurals is not None:
        extra = [" ".join(p.replace("_", " ").lower().split()) for p in plurals[1:-1].split()]
    elif singular.endswith("y") and singular[-2:-1] not in "aeiou":
        extra = [singular[:-1] + "ies"]
    elif singular.endswith("ss"):
        extra = [singular + "es"]
    else:
        extra = [singular + "s"]
    return list(dict.fromkeys([singular, *extra]))


@cache
def agent_entries(dictionaries: tuple[str, ...]) -> tuple[AgentEntry, ...]:
    """Every agent phrase of the agent dictionaries among `dictionaries`."""
    entries: list[AgentEntry] = []
    for path in dictionary_files(dictionaries)["agents"]:
        found, report = read_agents(path)
        log.info("%s", report.summary())
        entries += found
    return tuple(entries)
