"""Headlines of plain text that end with a full stop: short headline-ese, or a line above a
wire dateline, told from a lead paragraph written as prose (data/headlines.yaml)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from detente.yamlfiles import load_yaml

_WORD = re.compile(r"[^\W_][\w'’.-]*")
# a sentence break inside the line: "Virginian could make history. Again."
_BREAK = re.compile(r"[.!?][’'\"”]?\s+[A-Z“\"‘]")


@dataclass(frozen=True)
class HeadlineRules:
    short_words: int
    dateline_words: int
    prose_words: frozenset[str]
    participle_before: frozenset[str]
    wire_dateline: re.Pattern[str]


@cache
def headline_rules() -> HeadlineRules:
    """The cut-offs and word lists of `data/headlines.yaml`."""
    raw = load_yaml(resources.files("detente.clean").joinpath("data/headlines.yaml").read_text())
    return HeadlineRules(
        short_words=int(raw["short_words"]),
        dateline_words=int(raw["dateline_words"]),
        prose_words=frozenset(str(w).lower() for w in raw["prose_words"]),
        participle_before=frozenset(str(w).lower() for w in raw["participle_before"]),
        wire_dateline=re.compile(raw["wire_dateline"]),
    )


def headline_with_stop(first: str, following: str) -> bool:
    """Whether `first`, a one-line first paragraph ending with "." or ";", is a headline: one
    sentence, and either short headline-ese (few words, no auxiliary or past-tense reporting
    verb) or above a paragraph `following` that opens with a wire dateline."""
    line = first.rstrip()
    if not line.endswith((".", ";")) or _BREAK.search(line[:-1]):
        return False
    words = _WORD.findall(line)
    rules = headline_rules()
    if rules.wire_dateline.match(following) and len(words) <= rules.dateline_words:
        return True
    lowered = [w.lower().rstrip(".;") for w in words]
    if len(words) > rules.short_words or set(lowered) & rules.prose_words:
        return False
    return not any(
        _past_tense(w, nxt, rules) for w, nxt in zip(words, [*lowered[1:], ""], strict=True)
    )


def _past_tense(word: str, following: str, rules: HeadlineRules) -> bool:
    """A lower-case word in -ed used as a verb of prose ("the talks ended without a deal"), not
    as a headline's passive ("candidate removed from the site") or at the line's end."""
    stem = word.rstrip(".;")
    return (
        stem.islower()
        and len(stem) > 4
        and stem.endswith("ed")
        and following != ""
        and following not in rules.participle_before
    )
