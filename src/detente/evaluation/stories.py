"""Scoring story grouping: documents grouped by the happening they report, as the product groups.

The default set is ECB+ (`../shared/data/stories/ecbplus_train_dev.jsonl`, CC BY 3.0; development
figures only, never copied into the project): news documents with `story_id` (the happening),
`topic_id` (its kind: each topic holds two different happenings of the same kind) and `split`
(train, dev). Our own sets (`tests/fixtures/stories/`) have the same fields plus `source` and
`published`.

How the documents are grouped: each split goes into its own temporary DuckDB store through the
real pipeline (`pipeline.run`, in batches of `batch` documents), and the stories step
(`corpus.stories.assign_stories`, with the settings' story thresholds) runs after every batch, so
later batches join the stories of earlier ones incrementally. ECB+ has no outlets and no dates:
every document is its own outlet, and it is given no publication date (the pipeline may still
read a dateline in its text, as it would for any document); undated documents may join any
story, so the whole split is one window. Documents arrive in an order shuffled with a fixed
seed, not grouped by topic. Near-duplicates the pipeline sets aside join their original's story
and are scored like every other document.

Scores: B-cubed precision and recall (per document: the share of its predicted story that is its
true story, and the share of its true story in its predicted story; averaged over documents) and
pairwise precision and recall (over pairs of documents put in one story).
"""

from __future__ import annotations

import random
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from rich.table import Table

from detente.errors import InputError
from detente.evaluation.scores import load_annotated

DEFAULT_DATA = Path("../shared/data/stories/ecbplus_train_dev.jsonl")
SEED = 17


@dataclass
class Example:
    id: str
    story_id: str
    title: str | None
    text: str
    split: str = "all"
    topic_id: str = ""
    source: str | None = None  # None: the document is its own outlet
    published: str | None = None


@dataclass
class SplitScores:
    split: str
    documents: int = 0
    true_stories: int = 0
    stories: int = 0
    bcubed_precision: float = 0.0
    bcubed_recall: float = 0.0
    pair_tp: int = 0
    pair_fp: int = 0
    pair_fn: int = 0
    analysis_seconds: float = 0.0
    story_seconds: float = 0.0

    @property
    def bcubed_f1(self) -> float:
        return _f1(self.bcubed_precision, self.bcubed_recall)

    @property
    def pair_precision(self) -> float:
        return self.pair_tp / (self.pair_tp + self.pair_fp) if self.pair_tp + self.pair_fp else 0.0

    @property
    def pair_recall(self) -> float:
        return self.pair_tp / (self.pair_tp + self.pair_fn) if self.pair_tp + self.pair_fn else 0.0

    @property
    def pair_f1(self) -> float:
        return _f1(self.pair_precision, self.pair_recall)


@dataclass
class Report:
    splits: list[SplitScores] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def load_examples(path: Path) -> list[Example]:
    """The documents of a story set (one `*.jsonl` file, or every one in a directory).

    Raises `InputError` naming the path when it is absent, holds no such file or a line is
    malformed (each record needs `id`, `story_id` and `text`)."""
    if not path.exists():
        raise InputError(
            str(path),
            "no such file: ECB+ is third-party data kept beside the project "
            f"(default {DEFAULT_DATA}, relative to the project root); name a set with --data",
        )
    return load_annotated(path, "story documents", _example)


def _example(record: dict[str, Any], where: str) -> Example:
    text = record["text"]
    if not isinstance(text, str) or not text.strip():
        raise ValueError("no `text`")
    return Example(
        id=str(record["id"]),
        story_id=str(record["story_id"]),
        title=record.get("title"),
        text=text,
        split=str(record.get("split") or "all"),
        topic_id=str(record.get("topic_id") or ""),
        source=record.get("source"),
        published=record.get("published"),
    )


def evaluate(
    examples: Sequence[Example],
    kb_files: tuple[str, ...] = (),
    *,
    splits: Sequence[str] | None = None,
    batch: int = 64,
    seed: int = SEED,
    workdir: Path | None = None,
) -> Report:
    """B-cubed and pairwise scores of story grouping, one `SplitScores` per split (in the order
    `splits` names them, else every split of `examples`). Each split is analysed into a fresh
    temporary store (under `workdir` when given) with our knowledge plus `kb_files`."""
    report = Report()
    names = list(splits or dict.fromkeys(ex.split for ex in examples))
    for name in names:
        chosen = [ex for ex in examples if ex.split == name]
        if not chosen:
            raise InputError(name, "no documents in this split")
        with tempfile.TemporaryDirectory(dir=workdir) as folder:
            db = Path(folder) / "stories.duckdb"
            predicted, seconds = group_examples(chosen, db, kb_files, batch=batch, seed=seed)
        scores = score_split(name, chosen, predicted)
        scores.analysis_seconds, scores.story_seconds = seconds
        report.splits.append(scores)
        report.errors += _error_lines(name, chosen, predicted)
    return report


def group_examples(
    examples: Sequence[Example],
    db: Path,
    kb_files: tuple[str, ...] = (),
    *,
    batch: int = 64,
    seed: int = SEED,
) -> tuple[dict[str, str], tuple[float, float]]:
    """Analyse `examples` into the store at `db` batch by batch, grouping after each batch as
    `detente corpus` does; returns the story id of each example id and the seconds spent
    analysing and grouping. Dated examples come in date order, undated ones shuffled."""
    from detente.config import Settings
    from detente.corpus.stories import assign_stories, load_encoder
    from detente.model import RawDocument
    from detente.pipeline import run, warm_up
    from detente.store import Store

    settings = Settings(db=db, kb=kb_files)
    warm_up(settings)  # models load once, outside the timings
    load_encoder()
    order = list(examples)
    random.Random(seed).shuffle(order)
    order.sort(key=lambda ex: ex.published or "9999")  # stable: undated stay shuffled, last
    analysis = grouping = 0.0
    for start in range(0, len(order), batch):
        items = [_raw(ex, RawDocument) for ex in order[start : start + batch]]
        started = time.perf_counter()
        run([], settings, items=items)
        middle = time.perf_counter()
        with Store.open(db) as store:
            assign_stories(store, settings.stories)
        analysis += middle - started
        grouping += time.perf_counter() - middle
    with Store.open(db, read_only=True) as store:
        rows = store.query(
            "SELECT d.url, m.story_id FROM documents d JOIN story_members m USING (doc_id)"
        )
    prefix = len("eval://")
    return {url[prefix:]: story for url, story in rows if url}, (analysis, grouping)


def _raw(ex: Example, raw_type: Any) -> Any:
    published = datetime.fromisoformat(ex.published) if ex.published else None
    return raw_type(
        origin=f"stories:{ex.id}",
        text=ex.text,
        title=ex.title,
        url=f"eval://{ex.id}",
        source=ex.source or f"outlet-{ex.id}",
        published=published,
        published_from="source" if published else None,
    )


def score_split(name: str, examples: Sequence[Example], predicted: dict[str, str]) -> SplitScores:
    """B-cubed and pairwise scores of `predicted` (example id → story) against the examples'
    story ids; an example with no predicted story counts as a story of its own."""
    gold = {ex.id: ex.story_id for ex in examples}
    guess = {i: predicted.get(i, f"alone:{i}") for i in gold}
    clusters: dict[str, list[str]] = defaultdict(list)
    classes: dict[str, list[str]] = defaultdict(list)
    for i in gold:
        clusters[guess[i]].append(i)
        classes[gold[i]].append(i)
    precision = recall = 0.0
    for i in gold:
        same = sum(gold[j] == gold[i] for j in clusters[guess[i]])
        precision += same / len(clusters[guess[i]])
        recall += same / len(classes[gold[i]])
    n = len(gold) or 1
    pairs_predicted = sum(len(c) * (len(c) - 1) // 2 for c in clusters.values())
    pairs_gold = sum(len(c) * (len(c) - 1) // 2 for c in classes.values())
    tp = sum(
        n_ * (n_ - 1) // 2 for c in clusters.values() for n_ in Counter(gold[i] for i in c).values()
    )
    return SplitScores(
        split=name,
        documents=len(gold),
        true_stories=len(classes),
        stories=len(clusters),
        bcubed_precision=precision / n,
        bcubed_recall=recall / n,
        pair_tp=tp,
        pair_fp=pairs_predicted - tp,
        pair_fn=pairs_gold - tp,
    )


def _error_lines(name: str, examples: Sequence[Example], predicted: dict[str, str]) -> list[str]:
    """Wrong merges (a predicted story holding several true ones) and splits (a true story
    spread over several predicted ones), with a headline of each part."""
    title = {ex.id: (ex.title or ex.text)[:80].replace("\n", " ") for ex in examples}
    gold = {ex.id: ex.story_id for ex in examples}
    by_story: dict[str, list[str]] = defaultdict(list)
    by_gold: dict[str, list[str]] = defaultdict(list)
    for i in gold:
        by_story[predicted.get(i, f"alone:{i}")].append(i)
        by_gold[gold[i]].append(i)
    lines = []
    for story, ids in sorted(by_story.items()):
        parts = Counter(gold[i] for i in ids)
        if len(parts) > 1:
            said = "; ".join(
                f"{g} ×{n} ({title[next(i for i in ids if gold[i] == g)]})"
                for g, n in parts.most_common()
            )
            lines.append(f"{name}: merged in {story}: {said}")
    for story, ids in sorted(by_gold.items()):
        parts = Counter(predicted.get(i, f"alone:{i}") for i in ids)
        if len(parts) > 1:
            sizes = "+".join(str(n) for _, n in parts.most_common())
            lines.append(f"{name}: {story} split {sizes}")
    return lines


def summary(report: Report) -> list[str | Table]:
    """What `detente eval stories` prints: B-cubed and pairwise scores per split, and the time
    the stories step took against analysis."""
    table = Table("split", "docs", "true", "found", "B³ P", "B³ R", "B³ F1", "pair P", "pair R",
                  "pair F1", "story ms/doc", "analysis ms/doc", title="story grouping",
                  title_justify="left")  # fmt: skip
    for s in report.splits:
        per = 1000 / (s.documents or 1)
        table.add_row(
            s.split, str(s.documents), str(s.true_stories), str(s.stories),
            f"{s.bcubed_precision:.3f}", f"{s.bcubed_recall:.3f}", f"{s.bcubed_f1:.3f}",
            f"{s.pair_precision:.3f}", f"{s.pair_recall:.3f}", f"{s.pair_f1:.3f}",
            f"{s.story_seconds * per:.1f}", f"{s.analysis_seconds * per:.1f}",
        )  # fmt: skip
    return [
        "stories (development figures on third-party sets; each split grouped in its own store, "
        "incrementally, batch by batch)",
        table,
    ]
