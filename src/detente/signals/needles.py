"""Cheap pre-checks for the lexicon's regular expressions: the plain strings a pattern cannot match
without, read from its parsed form, so that a text holding none of them skips the search.

A search of a case-insensitive pattern that opens with a word boundary tries every position of a
paragraph (tens of microseconds each); `"update" in lower` is a scan at C speed. The check is
exact, never a guess: a pattern gets needles only when every match must hold one of them as
written in the pattern (a literal run of ASCII characters, or one per branch of an alternation),
and a text is judged by them only when case folding cannot hide a match from `str.lower` (no
character that `re.IGNORECASE` pairs with an ASCII letter other than its own cases).
"""

from __future__ import annotations

import re
import re._constants as _constants  # the parsed form of a pattern (sre), read by `needles`
import re._parser as _parser
from typing import Any

# The characters outside ASCII that `re.IGNORECASE` matches with an ASCII letter (İ, ı with
# i; ſ with s; the Kelvin sign with k): a text holding one is always searched.
_FOLDS_TO_ASCII = re.compile("[\u0130\u0131\u017f\u212a]")


def needles(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """Lower-cased strings of which every match of `pattern` holds one, or None when no such
    set can be read from it (then the text is always searched)."""
    try:
        parsed = _parser.parse(pattern.pattern, pattern.flags)
    except (re.error, ValueError, TypeError, IndexError):
        return None
    found = _required(list(parsed))
    if not found or not all(n and n.isascii() for n in found):
        return None
    return tuple(dict.fromkeys(n.lower() for n in found))


def may_match(text: str, lower: str, found: tuple[str, ...] | None) -> bool:
    """Whether a pattern with these `needles` may match `text` (`lower`: `text.lower()`)."""
    if found is None or any(map(lower.__contains__, found)):
        return True
    return _FOLDS_TO_ASCII.search(text) is not None


def _required(items: list[Any]) -> list[str] | None:
    """Strings one of which every match of this sequence holds: each run of literal characters
    is one such set, each alternation or group all of whose branches give one is another; the
    set whose shortest string is longest is kept (" " would let every sentence through)."""
    sets: list[list[str]] = []
    run = ""
    for op, arg in [*items, (None, None)]:
        if op is _constants.LITERAL:
            run += chr(arg)
            continue
        if run:
            sets.append([run])
        run = ""
        if op is _constants.BRANCH:
            branches = [_required(list(b)) for b in arg[1]]
            if all(branches):
                sets.append([n for b in branches for n in b or ()])
        elif op is _constants.SUBPATTERN and (inner := _required(list(arg[-1]))):
            sets.append(inner)
    return max(sets, key=lambda found: min(map(len, found)), default=None)
