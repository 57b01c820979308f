"""Link rate on real news: how many actor mentions per thousand words get a code.

The set (`../shared/data/news/bbc_news.jsonl`: BBC News articles of 2004–05, research use only,
never copied into the project) has one JSON object per line::

    {"id": "bbc-politics-001", "category": "politics", "title": "...", "text": "..."}

There is no gold: the figure is a rate, not a score. It says how much of a real article's cast
the knowledge base reaches (recent Guardian world news reaches 62 linked mentions per thousand
words); its precision is judged by eye on the random sample of linked mentions that `--errors`
lists (`judge` lines, drawn with a fixed seed), beside the most frequent names left without a
code (`unlinked` lines).

- Only the `CATEGORY` articles are read (politics: the set's other categories name few actors).
- Each article is a document of segments: the title, then one per paragraph (blank-line
  separated), parsed and linked as `detente analyze` would.
- **Dates**: the set has none; every article is linked as published on `DAY` (2005-06-01), so
  that office holders are those of 2005 (`detente analyze` reads a record's `published` field
  for the same purpose).
- Words are tokens that are neither punctuation nor space, as in the `sentences` table.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from rich.table import Table

from detente.errors import InputError
from detente.evaluation.scores import load_annotated

DEFAULT_DATA = Path("../shared/data/news/bbc_news.jsonl")
CATEGORY = "politics"
DAY = date(2005, 6, 1)
JUDGE = 40  # linked mentions listed for judging by eye
SEED = 16


@dataclass
class Example:
    id: str
    title: str
    text: str


@dataclass
class Report:
    articles: int = 0
    words: int = 0
    mentions: int = 0  # every mention, linked or not
    linked: int = 0  # mentions with an actor code
    by_method: Counter[str] = field(default_factory=Counter)  # linked mentions per method
    by_code: Counter[str] = field(default_factory=Counter)
    unlinked: Counter[str] = field(default_factory=Counter)  # surface text of unlinked names
    judge: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def per_thousand(self, count: int) -> float:
        """`count` per thousand words of the articles read."""
        return 1000 * count / self.words if self.words else 0.0


def load_examples(path: Path) -> list[Example]:
    """The `CATEGORY` articles of the news set (one `*.jsonl` file, or every one in a directory).

    Raises `InputError` naming the path when it is absent or a line is malformed."""
    if not path.exists():
        raise InputError(
            str(path),
            "no such file: the BBC news set is third-party data kept beside the project "
            f"(default {DEFAULT_DATA}, relative to the project root); name it with --data",
        )
    rows = load_annotated(path, "news articles", _example)
    return [ex for ex, category in rows if category == CATEGORY]


def _example(record: dict[str, Any], where: str) -> tuple[Example, str]:
    return Example(str(record["id"]), str(record.get("title") or ""), record["text"]), str(
        record.get("category") or ""
    )


def evaluate(
    examples: Sequence[Example],
    kb_files: tuple[str, ...] = (),
    day: date = DAY,
    sample: int | None = None,
) -> Report:
    """Linked mentions per thousand words over `examples` (or a seeded `sample` of that many),
    each linked as published on `day`, with our knowledge plus `kb_files` (YAML or
    PETRARCH/Phoenix dictionaries)."""
    from detente.actors.link import get_linker
    from detente.nlp import load_nlp
    from detente.parse.units import Unit

    chosen = list(examples)
    if sample is not None and sample < len(chosen):
        chosen = random.Random(SEED).sample(chosen, sample)
    linker = get_linker(kb_files)
    nlp = load_nlp()
    report = Report(articles=len(chosen))
    linked_lines: list[str] = []
    for ex in chosen:
        parts = [p.strip() for p in [ex.title, *ex.text.split("\n\n")] if p.strip()]
        text = "\n".join(parts)
        offsets = [sum(len(p) + 1 for p in parts[:i]) for i in range(len(parts))]
        units = [
            Unit(i, offset, doc)
            for i, (offset, doc) in enumerate(zip(offsets, nlp.pipe(parts), strict=True))
        ]
        report.words += sum(1 for u in units for t in u.doc if not t.is_punct and not t.is_space)
        for m in linker.link(units, day):
            report.mentions += 1
            if not m.actor_code:
                report.unlinked[m.text] += 1
                continue
            report.linked += 1
            report.by_method[m.method] += 1
            report.by_code[m.actor_code] += 1
            line_start = text.rfind("\n", 0, m.start) + 1
            line_end = text.find("\n", m.end) % (len(text) + 1)  # -1: the last line
            context = text[max(line_start, m.start - 80) : min(line_end, m.end + 60)]
            linked_lines.append(
                f"{ex.id}: {m.text!r} → {m.actor_code} ({m.actor_name}; {m.method}) | {context}"
            )
    report.judge = random.Random(SEED).sample(linked_lines, min(JUDGE, len(linked_lines)))
    report.errors = [f"judge {line}" for line in report.judge] + [
        f"unlinked {n}× {text!r}" for text, n in report.unlinked.most_common(60)
    ]
    return report


def summary(report: Report) -> list[str | Table]:
    """What `detente eval linkrate` prints: linked mentions per thousand words, by method and the
    most frequent codes."""
    methods = Table("method", "linked", "per 1000 words", title="by method", title_justify="left")
    for method, n in report.by_method.most_common():
        methods.add_row(method, str(n), f"{report.per_thousand(n):.1f}")
    codes = Table("code", "linked", title="most frequent codes", title_justify="left")
    for code, n in report.by_code.most_common(15):
        codes.add_row(code, str(n))
    return [
        f"linkrate (development figure, third-party set, {CATEGORY} articles dated {DAY}): "
        f"{report.articles} articles, {report.words} words; "
        f"{report.per_thousand(report.linked):.1f} linked mentions per 1000 words "
        f"({report.per_thousand(report.mentions):.1f} mentions, linked or not). "
        "Precision is judged by eye on the `judge` lines of --errors.",
        methods,
        codes,
    ]
