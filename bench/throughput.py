"""Throughput of `detente analyze` against bare spaCy `nlp.pipe` on the same texts, same run.

    python bench/throughput.py [--docs 400] [--workers 1 2]

Writes a generated corpus of plain-text news articles, times bare `nlp.pipe` (the baseline,
with as many processes as detente gets workers) and the full detente run (read, clean,
segment, language, dedup, parse, store), and prints docs/s, words/s and their ratio.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from detente.config import Settings
from detente.nlp import load_nlp
from detente.pipeline import run

ACTORS = [
    ("Russian Foreign Minister Sergey Lavrov", "Moscow"),
    ("Chinese President Xi Jinping", "Beijing"),
    ("North Korean leader Kim Jong Un", "Pyongyang"),
    ("Turkish President Recep Tayyip Erdogan", "Ankara"),
    ("Indian Prime Minister Narendra Modi", "New Delhi"),
    ("US Secretary of State Antony Blinken", "Washington"),
    ("Iranian Foreign Minister Abbas Araghchi", "Tehran"),
    ("Japanese Prime Minister Shigeru Ishiba", "Tokyo"),
]
VERBS = ["met", "held talks with", "criticised", "thanked", "warned", "hosted", "called", "accused"]
TOPICS = [
    "energy exports",
    "the war in Ukraine",
    "border security",
    "sanctions",
    "grain shipments",
    "nuclear talks",
    "a new trade agreement",
    "military exercises",
]
LINES = [
    "{a} {verb} {b} in {city} on {day}, officials said.",
    "The two sides discussed {topic} and agreed to continue consultations, according to a statement.",
    "{b} said the meeting was constructive but warned against outside interference in {topic}.",
    "Analysts said the talks showed how {city} was trying to widen its options amid pressure over {topic}.",
    "A spokesperson declined to say whether {topic} would be on the agenda of the next summit.",
    "Critics accused the government of ignoring concerns raised by neighbouring countries about {topic}.",
]


def make_corpus(folder: Path, n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    texts = []
    for i in range(n):
        (a, city), (b, _) = rng.sample(ACTORS, 2)
        values = {
            "a": a,
            "b": b,
            "city": city,
            "verb": rng.choice(VERBS),
            "topic": rng.choice(TOPICS),
            "day": rng.choice(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]),
        }
        title = f"{a.split()[-1]} and {b.split()[-1]} discuss {values['topic']} (report {i})"
        paragraphs = [
            " ".join(rng.choice(LINES).format(**values) for _ in range(4)) for _ in range(4)
        ]
        text = "\n\n".join([title, *paragraphs])
        (folder / f"article-{i:05d}.txt").write_text(text)
        texts.append(text)
    return texts


def bare_spacy(texts: list[str], workers: int) -> tuple[float, int]:
    nlp = load_nlp()
    started = time.perf_counter()
    words = sum(
        sum(not t.is_punct and not t.is_space for t in doc)
        for doc in nlp.pipe(texts, batch_size=32, n_process=workers)
    )
    return time.perf_counter() - started, words


def detente_run(folder: Path, workers: int, db: Path) -> tuple[float, int]:
    started = time.perf_counter()
    report = run([str(folder)], Settings(db=db, workers=workers, batch_size=32))
    assert not report.errors and report.analysed > 0, report
    return time.perf_counter() - started, report.words


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=400)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        texts = make_corpus(Path(tmp) / "corpus", args.docs)
        load_nlp()  # model load is start-up cost, not throughput
        print(f"{args.docs} generated articles, {sum(len(t.split()) for t in texts):,} words")
        print(
            f"{'workers':>7} {'spaCy docs/s':>13} {'detente docs/s':>15} {'detente words/s':>16} {'ratio':>6}"
        )
        for workers in args.workers:
            base_s, _ = bare_spacy(texts, workers)
            ours_s, words = detente_run(
                Path(tmp) / "corpus", workers, Path(tmp) / f"w{workers}.duckdb"
            )
            print(
                f"{workers:>7} {args.docs / base_s:>13.1f} {args.docs / ours_s:>15.1f} "
                f"{words / ours_s:>16,.0f} {base_s / ours_s:>6.2f}"
            )


if __name__ == "__main__":
    main()
