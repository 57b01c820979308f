"""End-to-end throughput at scale against bare spaCy, per stage, per engine and worker count.

    python -m bench.scale [--articles 20000] [--workers 1 2] [--engines local ray]
                          [--stages 2000] [--out DIR] [--results bench/RESULTS.md]

(also `detente bench` from a checkout). Writes a generated corpus (`bench/make_corpus.py`) in
JSONL shards and, in one run on this machine:

1. the baseline: bare `nlp.pipe` over the same texts (title and body, exact copies once: detente
   does not parse a copy twice either) with as many processes as detente gets workers, right
   before each end-to-end run (a machine's speed drifts over minutes);
2. per stage, in this process over the first `--stages` articles: reading, cleaning with
   language identification, duplicate detection, the parse, actor linking, event coding,
   quotes and signals, and the store write, as docs/s and words/s;
3. end to end, `detente analyze` on a fresh database for every engine and worker count, with
   the peak memory of all its processes (Ray's workers included), and its throughput as a
   ratio of the baseline with the same worker count;
4. the corpus stages (stories, corroboration, shifts) on the last database.

Prints the tables and writes them, with the machine they ran on, to `--results`.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psutil
import spacy

from bench.make_corpus import write as make_corpus
from detente import analyze
from detente.actors.link import get_linker
from detente.clean import prepare_document
from detente.config import Settings
from detente.corpus import run_corpus
from detente.corpus.dedup import DuplicateFinder
from detente.events.coder import code_document
from detente.ingest import DEFAULT_GLOBS, read_inputs
from detente.model import ANALYSED_KINDS, Document, RawDocument, SegmentKind
from detente.nlp import MODEL, load_nlp
from detente.parse.units import Unit
from detente.pipeline import analyze_selected
from detente.quotes import find_quotes
from detente.run.document import parsed_unit
from detente.signals import compute_signals
from detente.store import Store

SHARDS = 16


@dataclass
class Row:
    what: str
    seconds: float
    docs: int
    words: int
    peak_mib: float | None = None
    ratio: float | None = None

    def cells(self) -> list[str]:
        return [
            self.what,
            f"{self.seconds:.1f}",
            f"{self.docs / self.seconds:,.1f}",
            f"{self.words / self.seconds:,.0f}",
            "" if self.ratio is None else f"{self.ratio:.2f}×",
            "" if self.peak_mib is None else f"{self.peak_mib:,.0f}",
        ]


HEADER = ["", "seconds", "docs/s", "words/s", "vs bare", "peak MiB"]


class PeakMemory:
    """Samples the summed RSS of this process, its children and Ray's workers every 0.2 s.

    Processes already running when sampling starts (the local engine's fork server, which
    outlives its run) count only for the run that started them."""

    def __init__(self) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._before = {p.pid for p in self._others()}

    @staticmethod
    def _others() -> list[psutil.Process]:
        me = psutil.Process()
        procs: list[psutil.Process] = list(me.children(recursive=True))
        procs += [
            p for p in psutil.process_iter(["name"]) if (p.info["name"] or "").startswith("ray::")
        ]
        return procs

    def _sample(self) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            procs = [me, *(p for p in self._others() if p.pid not in self._before)]
            total = 0
            for p in {p.pid: p for p in procs}.values():
                with suppress(psutil.Error):  # a process that ended meanwhile
                    total += p.memory_info().rss
            self.peak = max(self.peak, total)
            self._stop.wait(0.2)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def mib(self) -> float:
        return self.peak / 2**20


def write_shards(out: Path, articles: int) -> tuple[Path, list[str]]:
    """The generated corpus in `SHARDS` JSONL files; the texts the baseline parses."""
    lines = make_corpus(out / "generated", articles).read_text().splitlines()
    shards = out / "shards"
    shards.mkdir(exist_ok=True)
    size = -(-len(lines) // SHARDS)
    for i in range(SHARDS):
        (shards / f"part-{i:02d}.jsonl").write_text(
            "".join(x + "\n" for x in lines[i * size : (i + 1) * size])
        )
    records = [json.loads(x) for x in lines]
    texts = list(dict.fromkeys(f"{r['title']}\n\n{r['text']}" for r in records))
    return shards, texts


def words_of(doc: Any) -> int:
    return sum(1 for t in doc if not t.is_punct and not t.is_space)


def bare(texts: list[str], workers: int, batch_size: int) -> Row:
    nlp = spacy.load(MODEL)  # spaCy as installed: not detente's `load_nlp` (compiled ruler)
    with PeakMemory() as memory:
        start = time.perf_counter()
        words = sum(words_of(d) for d in nlp.pipe(texts, batch_size=batch_size, n_process=workers))
        seconds = time.perf_counter() - start
    return Row(f"bare nlp.pipe, {workers} worker(s)", seconds, len(texts), words, memory.mib)


@contextmanager
def timed(into: dict[str, float], stage: str) -> Iterator[None]:
    start = time.perf_counter()
    yield
    into[stage] = into.get(stage, 0.0) + time.perf_counter() - start


def stages(shards: Path, limit: int, settings: Settings) -> list[Row]:
    """Each per-document stage alone, in this process, over the first `limit` articles."""
    seconds: dict[str, float] = {}
    with timed(seconds, "read"):
        raws = [
            r
            for r in read_inputs([str(shards)], settings, DEFAULT_GLOBS, ())
            if isinstance(r, RawDocument)
        ][:limit]
    with timed(seconds, "clean, segment, language"):
        docs = [prepare_document(r, settings) for r in raws]
    with Store.open(settings.db) as store:
        with timed(seconds, "duplicates"):
            docs, _ = DuplicateFinder(store, settings.near_duplicate_threshold).select_new(docs)
        nlp, linker = load_nlp(), get_linker(settings.kb)
        todo = [d for d in docs if d.language == "en" and d.duplicate_of is None]
        segments = [
            (d, i, s) for d in todo for i, s in enumerate(d.segments) if s.kind in ANALYSED_KINDS
        ]
        with timed(seconds, "parse (nlp.pipe)"):
            parsed = list(
                nlp.pipe(
                    (d.segment_text(s) for d, _, s in segments), batch_size=settings.batch_size
                )
            )
        words = sum(words_of(p) for p in parsed)
        units: dict[str, list[Unit]] = {}
        for (d, i, s), p in zip(segments, parsed, strict=True):
            text, thread = d.segment_text(s), s.kind is SegmentKind.COMMENT
            units.setdefault(d.doc_id, []).append(parsed_unit(i, s.start, p, text, text, thread))
        run_stage = _stage_runner(todo, units, seconds)
        linked = run_stage(
            "actor linking", lambda d, u: linker.link(u, (d.published or d.ingested_at).date())
        )
        run_stage(
            "event coding",
            lambda d, u: code_document(
                u, linked[d.doc_id], d.published.date() if d.published else None
            ),
        )
        run_stage(
            "quotes and signals",
            lambda d, u: (
                find_quotes(u, linked[d.doc_id]),
                compute_signals(d, u, linked[d.doc_id]),
            ),
        )
        analyses = analyze_selected(todo, settings)  # (untimed: the stages above, together)
        run_id = store.start_run("bench", settings)
        with timed(seconds, "store write"):
            store.write_batch(docs, analyses, run_id)
        store.finish_run(run_id, "ok", {}, [])
    return [Row(stage, s, len(todo), words) for stage, s in seconds.items()]


def _stage_runner(
    docs: list[Document], units: dict[str, list[Unit]], seconds: dict[str, float]
) -> Callable[[str, Callable[[Document, list[Unit]], Any]], dict[str, Any]]:
    def run_stage(stage: str, fn: Callable[[Document, list[Unit]], Any]) -> dict[str, Any]:
        with timed(seconds, stage):
            return {d.doc_id: fn(d, units[d.doc_id]) for d in docs if d.doc_id in units}

    return run_stage


def end_to_end(
    shards: Path, out: Path, engine: str, workers: int, batch_size: int
) -> tuple[Row, Path]:
    db = out / f"{engine}-{workers}.duckdb"
    db.unlink(missing_ok=True)
    with PeakMemory() as memory:
        start = time.perf_counter()
        report = analyze(
            [str(shards)], db=db, workers=workers, batch_size=batch_size, engine=engine
        )
        seconds = time.perf_counter() - start
    assert not report.errors, report.errors[:3]
    return Row(
        f"detente {engine}, {workers} worker(s)", seconds, report.analysed, report.words, memory.mib
    ), db


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = psutil.virtual_memory().total / 2**30
    return (
        f"{cpu}, {os.cpu_count()} cores, {ram:.0f} GiB RAM, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, spaCy {spacy.__version__} with {MODEL}"
    )


def table(rows: list[Row]) -> str:
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    lines += ["| " + " | ".join(r.cells()) + " |" for r in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--engines", nargs="+", default=["local", "ray"], choices=["local", "ray"])
    parser.add_argument("--stages", type=int, default=2000, help="articles timed stage by stage")
    parser.add_argument("--batch-size", type=int, default=128)
    parser.add_argument("--device", default="cpu", help="cpu or cuda for the story embeddings")
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--results", type=Path, default=Path("bench/RESULTS.md"))
    args = parser.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    out = args.out or Path(tempfile.mkdtemp(prefix="detente-scale-"))
    out.mkdir(parents=True, exist_ok=True)
    shards, texts = write_shards(out, args.articles)
    load_nlp()  # model load is start-up cost, not throughput
    print(f"{args.articles:,} generated articles ({len(texts):,} distinct) in {shards}")

    settings = Settings(db=out / "stages.duckdb", batch_size=args.batch_size)
    settings.db.unlink(missing_ok=True)
    per_stage = stages(shards, args.stages, settings)
    runs: list[Row] = []
    db = None
    for engine in args.engines:
        for workers in args.workers:
            # The baseline right before each run: this machine's speed drifts over minutes.
            base = bare(texts, workers, args.batch_size)
            row, db = end_to_end(shards, out, engine, workers, args.batch_size)
            row.ratio = (row.docs / row.seconds) / (base.docs / base.seconds)
            runs += [base, row]
            print("\n".join(table([base, row]).splitlines()[-2:]), flush=True)
    corpus_rows: list[Row] = []
    if db is not None:
        with PeakMemory() as memory:
            corpus = run_corpus(Settings(db=db), args.device)
        n = runs[-1].docs
        corpus_rows = [
            Row(f"corpus: {stage}", s, n, runs[-1].words) for stage, s in corpus.seconds.items()
        ]
        corpus_rows[-1].peak_mib = memory.mib

    parse = next(r for r in per_stage if r.what.startswith("parse"))
    for r in per_stage:
        r.ratio = parse.seconds / r.seconds
    report = "\n\n".join([
        "# Benchmark results",
        f"`python -m bench.scale --articles {args.articles} --workers {' '.join(map(str, args.workers))}"
        f" --engines {' '.join(args.engines)}`, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, on {machine()}.",
        f"{args.articles:,} generated articles ({len(texts):,} distinct texts, "
        f"{runs[0].words:,} words). \"vs bare\" is throughput (docs/s) as a ratio of bare "
        "spaCy `nlp.pipe` over the same texts with the same model and worker count, measured just before it; "
        "peak MiB is the summed resident memory of every process of the run.",
        "## End to end",
        table(runs),
        f"## Per stage (one process, first {args.stages:,} articles; \"vs bare\" is the parse's time over the stage's)",
        table(per_stage),
        "## Corpus stages (on the last database)",
        table(corpus_rows) if corpus_rows else "not run",
    ]) + "\n"  # fmt: skip
    print(report)
    args.results.parent.mkdir(parents=True, exist_ok=True)
    args.results.write_text(report, encoding="utf-8")
    print(f"written to {args.results}")


if __name__ == "__main__":
    main()
