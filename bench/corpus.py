"""The corpus stages at scale: a generated corpus analysed, then stories, corroboration and
shifts, each timed, with peak memory, and the analysis against bare spaCy on the same texts.

    python bench/corpus.py [--articles 10000] [--workers 2] [--out /tmp/detente-corpus]

Prints seconds per stage, documents per second, the ratio of the analysis to a bare
`nlp.pipe` over the same texts with as many processes, the story and shift scores against the
generated truth, and the peak resident memory of this process and of its workers.
"""

from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
from pathlib import Path

import spacy

from bench.make_corpus import write as make_corpus
from detente.config import Settings
from detente.corpus import run_corpus
from detente.evaluation.corpus import score_corpus
from detente.nlp import MODEL
from detente.pipeline import run
from detente.store import Store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="detente-corpus-"))
    articles = make_corpus(out, args.articles)
    texts = [json.loads(x)["text"] for x in articles.read_text().splitlines()]
    db = out / "bench.duckdb"
    db.unlink(missing_ok=True)

    start = time.perf_counter()
    list(spacy.load(MODEL).pipe(texts, batch_size=64, n_process=args.workers))
    bare = time.perf_counter() - start

    start = time.perf_counter()
    report = run([str(articles)], Settings(db=db, workers=args.workers, batch_size=64))
    analysed = time.perf_counter() - start

    corpus = run_corpus(Settings(db=db))
    with Store.open(db, read_only=True) as store:
        scores = score_corpus(store, out / "truth.json")
    me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    n = report.stored
    print(f"{args.articles:,} generated articles, {n:,} stored, {args.workers} workers")
    print(f"bare spaCy nlp.pipe      : {bare:8.1f} s  ({len(texts) / bare:6.1f} docs/s)")
    print(
        f"detente analyze          : {analysed:8.1f} s  ({n / analysed:6.1f} docs/s),"
        f" {len(texts) / bare / (n / analysed):.2f}x the bare parse's time per document"
    )
    for stage, seconds in corpus.seconds.items():
        print(f"corpus stage {stage:<12}: {seconds:8.1f} s  ({n / max(seconds, 1e-9):8.1f} docs/s)")
    print(
        f"stories {corpus.stories:,}: purity {scores.purity:.3f},"
        f" completeness {scores.completeness:.3f}"
    )
    print(
        f"shifts: {len(scores.shifts_found)} of {len(scores.shifts_found) + len(scores.shifts_missed)}"
        f" planted found, {len(scores.false_alarms)} false alarms"
    )
    print(f"peak memory: {me:,.0f} MiB (this process), {workers:,.0f} MiB (largest worker)")


if __name__ == "__main__":
    main()
