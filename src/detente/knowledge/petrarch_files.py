"""PETRARCH/TABARI dictionary files: finding them, telling their kind, reading their lines.

`dictionary_files` sorts the paths a user gives into verb, actor and agent files, by name (the
globs in `knowledge/data/petrarch.yaml`) or, failing that, by content (`sniff`); `_lines` reads a
file's lines without comments. `ReadReport` counts what each file gave and skipped, and
`DictionaryError` names the file and line that cannot be read. The readers of each kind are
`petrarch_verbs.py` and `petrarch_actors.py`; `petrarch.py` re-exports them all.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from fnmatch import fnmatch
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from detente.errors import ModelError
from detente.yamlfiles import load_yaml

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


# ---- files ------------------------------------------------------------------------------


@cache
def _settings() -> dict[str, Any]:
    text = resources.files("detente.knowledge").joinpath("data/petrarch.yaml").read_text("utf-8")
    data: dict[str, Any] = load_yaml(text)
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
