"""Scoring the corpus stages on a generated corpus with known stories and planted shifts
(`bench/make_corpus.py` writes `truth.json` beside the articles).

Story clustering: purity (each predicted story's largest true story, summed, over the documents)
and completeness (each true story's largest predicted story, summed). Shifts: a planted shift is
found when its pair is flagged between a week before its start and its end, on its measure or,
for a conflict shift, on a fall of the Goldstein sum; every other flag is a false alarm.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from detente.store import Store

KIND_MEASURES = {
    "arms": {"material_cooperation", "cooperation"},
    "exercise": {"material_cooperation", "cooperation"},
    "sanctions": {"material_conflict", "conflict", "goldstein"},
    "expulsion": {"material_conflict", "conflict", "goldstein"},
}


@dataclass
class CorpusScores:
    documents: int = 0
    stories: int = 0
    true_stories: int = 0
    purity: float = 0.0
    completeness: float = 0.0
    shifts_found: list[str] = field(default_factory=list)
    shifts_missed: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)


def score_corpus(store: Store, truth_path: Path) -> CorpusScores:
    truth: dict[str, Any] = json.loads(truth_path.read_text())
    rows = store.query(
        "SELECT d.url, m.story_id FROM documents d JOIN story_members m USING (doc_id)"
    )
    gold = {url: truth["stories"][url] for url, _ in rows if url in truth["stories"]}
    predicted = {url: story for url, story in rows if url in gold}
    clusters: dict[str, Counter[int]] = defaultdict(Counter)
    classes: dict[int, Counter[str]] = defaultdict(Counter)
    for url, story in gold.items():
        clusters[predicted[url]][story] += 1
        classes[story][predicted[url]] += 1
    n = len(gold) or 1
    scores = CorpusScores(
        documents=len(gold),
        stories=len(clusters),
        true_stories=len(classes),
        purity=round(sum(c.most_common(1)[0][1] for c in clusters.values()) / n, 3),
        completeness=round(sum(c.most_common(1)[0][1] for c in classes.values()) / n, 3),
    )
    codes = {
        name: code
        for code, name in store.query("SELECT code, name FROM actors WHERE kind = 'country'")
    }
    flags = store.query("SELECT a, b, period, measure FROM shifts ORDER BY period")
    matched = set()
    for shift in truth["shifts"]:
        a, b = sorted((codes[shift["a"]], codes[shift["b"]]))
        start = date.fromisoformat(shift["start"])
        end = start + timedelta(weeks=shift["weeks"])
        hits = [
            f for f in flags
            if (f[0], f[1]) == (a, b) and f[3] in KIND_MEASURES[shift["kind"]]
            and start - timedelta(days=7) <= f[2] <= end
        ]  # fmt: skip
        label = f"{shift['a']}–{shift['b']} {shift['kind']} from {shift['start']}"
        (scores.shifts_found if hits else scores.shifts_missed).append(
            label + (f" (flagged {hits[0][2]}, {hits[0][3]})" if hits else "")
        )
        matched |= set(hits)
    scores.false_alarms = [
        f"{a}–{b} {p} {m}" for a, b, p, m in flags if (a, b, p, m) not in matched
    ]
    return scores
