"""Legislators' titles that only some countries use ("Senator", "Congressman"): the seat a
titled person not in the KB holds, whatever country the article is about (issue 14)."""

from __future__ import annotations

from functools import cache
from importlib import resources

from spacy.tokens import Token

from detente.yamlfiles import load_yaml


@cache
def _legislatures() -> dict[str, tuple[str, ...]]:
    """Legislators' title (lower case) → the countries whose parliaments use it, the first
    standing for the title alone (titles.yaml `legislatures`)."""
    path = resources.files("detente.actors") / "data" / "titles.yaml"
    data = load_yaml(path.read_text(encoding="utf-8")).get("legislatures") or {}
    return {str(k).lower(): tuple(v) for k, v in data.items()}


def seats_of(words: list[Token]) -> tuple[str, ...]:
    """The countries the title ending `words` is a legislator's title of ("Senator" → USA, …)."""
    table = _legislatures()
    for k in range(len(words)):
        key = " ".join(t.lower_ for t in words[k:])
        if key in table:
            return table[key]
    return ()
