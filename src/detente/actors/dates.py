"""Undated documents: the year a text names stands in for its date, and offices resting on a
guessed date say so in their confidence (issue 16)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from detente.actors.kb import KnowledgeBase
from detente.actors.records import UNDATED
from detente.model import Mention

# a year as written in news ("in 2016", "the 2016 election"), not a sum ("£2,016") or a decimal
YEAR = re.compile(r"(?<![\d,.£$€-])(19[5-9]\d|20\d\d)(?![\d,]|\.\d)")


def year_named(texts: Sequence[str], day: date) -> date | None:
    """1 July of the latest year from 1950 to `day`'s that a document's texts name ("in the
    2016 election" → 2016-07-01), else None."""
    years = [int(y) for text in texts for y in YEAR.findall(text) if 1950 <= int(y) <= day.year]
    return date(max(years), 7, 1) if years else None


def undated(mentions: list[Mention], kb: KnowledgeBase) -> list[Mention]:
    """`mentions` of a document with no publication date, the confidence of every KB person's
    (whose code comes from a role on a guessed date) multiplied by `UNDATED`."""
    for m in mentions:
        if m.person in kb.people:
            m.confidence = round(m.confidence * UNDATED, 3)
    return mentions
