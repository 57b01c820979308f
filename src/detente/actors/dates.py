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
YEAR = re.compile(r"(?<![\d,.£$€-])(19[5-9]\d|20\d\d)(?!\d|[,.]\d)")  # "in 2013, the" is a year


# a year as a deadline or horizon ("cut emissions by 2030", "until 2025", "the 2030 target"):
# what is planned, not when the text was written
DEADLINE = re.compile(
    r"(?:\b(?:by|until|till|through|before)\s+(?:the\s+end\s+of\s+)?"
    r"(?:early\s+|mid-?\s*|late\s+)?$)",
    re.IGNORECASE,
)
HORIZON_AFTER = re.compile(r"^\s*(?:target|goal|deadline|agenda|plan|vision|strategy)s?\b", re.I)


def year_named(texts: Sequence[str], day: date) -> date | None:
    """1 July of the latest year from 1950 to `day`'s that a document's texts name ("in the
    2016 election" → 2016-07-01), else None. Deadlines and horizons ("by 2030", "until 2025",
    "the 2030 target") are not counted: they say what is planned, not when it was written."""
    years = []
    for text in texts:
        for found in YEAR.finditer(text):
            year = int(found.group(1))
            if not 1950 <= year <= day.year:
                continue
            before, after = text[max(0, found.start() - 24) : found.start()], text[found.end() :]
            if DEADLINE.search(before) or HORIZON_AFTER.match(after[:20]):
                continue
            years.append(year)
    return date(max(years), 7, 1) if years else None


def undated(
    mentions: list[Mention], kb: KnowledgeBase, titled: frozenset[str] | None = None
) -> list[Mention]:
    """`mentions` of a document with no publication date, the confidence of every KB person's
    (whose code comes from a role on a guessed date) multiplied by `UNDATED`.

    `titled`, given when the text names no year either (the date is the day it was read), is
    the KB people the text itself gives an office ("Prime Minister Tony Blair"); every other
    KB person whose code on that day rests on an office already left (ELI, elite) keeps the
    name but loses the code: the text may be from their years in office ("Prescott said" in an
    undated 2005 article is not GBRELI). One in office on that day keeps it (less sure): an
    undated text is most often read soon after it was written."""
    for m in mentions:
        if m.person in kb.people:
            m.confidence = round(m.confidence * UNDATED, 3)
            former = m.actor_code.endswith("ELI")
            if titled is not None and former and m.person not in titled and m.method != "title":
                m.actor_code = ""
    return mentions
