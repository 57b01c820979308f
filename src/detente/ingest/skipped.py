"""Files under the folders of a run that its globs leave out, counted by kind, so the run can
say what it did not read instead of skipping PDFs, images and archives without a word."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from functools import cache
from importlib import resources
from pathlib import Path

from detente.ingest.files import _matches
from detente.yamlfiles import load_yaml

OTHER = "other"


@cache
def file_kinds() -> list[tuple[str, str]]:
    """(suffix, kind) pairs from data/unsupported_files.yaml, longest suffix first."""
    text = (resources.files("detente.ingest") / "data" / "unsupported_files.yaml").read_text()
    table = load_yaml(text) or {}
    pairs = [(suffix.lower(), str(kind)) for kind, suffixes in table.items() for suffix in suffixes]
    return sorted(pairs, key=lambda p: -len(p[0]))


def kind_of_file(name: str) -> str:
    lowered = name.lower()
    return next((kind for suffix, kind in file_kinds() if lowered.endswith(suffix)), OTHER)


def skipped_files(
    paths: Sequence[str], include: Sequence[str], exclude: Sequence[str]
) -> Counter[str]:
    """Kind → how many files under the directories in `paths` match no `include` glob.

    Files an `exclude` glob names were left out on purpose and are not counted; hidden files
    and folders (a name starting with '.') are not counted either.
    """
    counts: Counter[str] = Counter()
    for given in paths:
        folder = Path(given)
        if given == "-" or not folder.is_dir():
            continue
        for found in folder.rglob("*"):
            rel = found.relative_to(folder)
            if any(part.startswith(".") for part in rel.parts) or not found.is_file():
                continue
            if not _matches(found.name, include) and not _matches(str(rel), exclude):
                counts[kind_of_file(found.name)] += 1
    return counts


def skipped_summary(counts: Counter[str]) -> str:
    """'skipped 3 files: 2 PDF, 1 image — not supported' ('' when nothing was skipped)."""
    total = sum(counts.values())
    if not total:
        return ""
    ranked = sorted(counts.items(), key=lambda kn: (-kn[1], kn[0].lower()))
    parts = ", ".join(f"{n} {kind}" for kind, n in ranked)
    return f"skipped {total} file{'s' if total != 1 else ''}: {parts} — not supported"
