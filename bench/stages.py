"""What linking, event coding, quotes and signals add to the bare spaCy parse, same run.

    python bench/stages.py [--repeat 5] [PATH ...]

Reads the bundled examples (and any PATHs, such as ../shared/samples) through detente's own
reading and cleaning, then times, over every analysed segment: bare `nlp.pipe` (the baseline),
`Linker.link`, the event coder, and quotes with signals (tone, sensationalism, threads) on the
parses it produced. Prints each, and each as a share of parsing. The targets: linking at most 30%, coding at most 50% on top of the parse.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from detente.actors.link import get_linker
from detente.clean import prepare_document
from detente.config import Settings
from detente.events.coder import code_document
from detente.ingest import DEFAULT_GLOBS, read_inputs
from detente.model import ANALYSED_KINDS, Document, RawDocument, SegmentKind
from detente.nlp import load_nlp
from detente.parse.units import Unit
from detente.quotes import find_quotes
from detente.run.document import parsed_unit
from detente.signals import compute_signals

ROOT = Path(__file__).resolve().parent.parent


def documents(paths: list[str]) -> list[Document]:
    settings = Settings()
    docs = []
    for item in read_inputs(paths, settings, DEFAULT_GLOBS, ()):
        if isinstance(item, RawDocument):
            doc = prepare_document(item, settings)
            if doc.language == "en":
                docs.append(doc)
    return docs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="*", default=[str(ROOT / "examples")])
    parser.add_argument("--repeat", type=int, default=5, help="timed passes over the corpus")
    args = parser.parse_args()
    nlp, linker = load_nlp(), get_linker(())
    docs = documents(args.paths)
    segments = [
        (d, i, seg) for d in docs for i, seg in enumerate(d.segments) if seg.kind in ANALYSED_KINDS
    ]
    written = [d.segment_text(seg) for d, _, seg in segments]
    # as the pipeline does: headlines in capitals or Title Case are parsed re-cased
    texts = [
        t if seg.kind is SegmentKind.COMMENT else linker.recase_text(t)
        for (_, _, seg), t in zip(segments, written, strict=True)
    ]
    words = sum(len(t.split()) for t in texts)
    list(nlp.pipe(texts[:10]))  # warm up both
    parse_s = link_s = code_s = told_s = 0.0
    for _ in range(args.repeat):
        start = time.perf_counter()
        parsed = list(nlp.pipe(texts, batch_size=32))
        parse_s += time.perf_counter() - start
        by_doc: dict[str, list[Unit]] = {}
        for (doc, i, seg), parse, text, as_written in zip(
            segments, parsed, texts, written, strict=True
        ):
            unit = parsed_unit(
                i, seg.start, parse, as_written, text, seg.kind is SegmentKind.COMMENT
            )
            by_doc.setdefault(doc.doc_id, []).append(unit)
        linked = {}
        start = time.perf_counter()
        for d in docs:
            if d.doc_id in by_doc:
                linked[d.doc_id] = linker.link(
                    by_doc[d.doc_id], (d.published or d.ingested_at).date()
                )
        link_s += time.perf_counter() - start
        start = time.perf_counter()
        events = sum(
            len(code_document(by_doc[i], linked[i], d.published.date() if d.published else None))
            for d in docs
            if (i := d.doc_id) in by_doc
        )
        code_s += time.perf_counter() - start
        start = time.perf_counter()
        for d in docs:
            if d.doc_id in by_doc:
                find_quotes(by_doc[d.doc_id], linked[d.doc_id])
                compute_signals(d, by_doc[d.doc_id], linked[d.doc_id])
        told_s += time.perf_counter() - start
        mentions = sum(len(m) for m in linked.values())
    print(
        f"{len(docs)} documents, {len(texts)} segments, {words:,} words, {mentions} mentions,"
        f" {events} events"
    )
    print(f"bare spaCy nlp.pipe : {parse_s / args.repeat * 1000:8.1f} ms per pass")
    print(f"actor linking       : {link_s / args.repeat * 1000:8.1f} ms per pass")
    print(f"event coding        : {code_s / args.repeat * 1000:8.1f} ms per pass")
    print(f"linking / parsing   : {link_s / parse_s:8.1%}  (target: at most 30%)")
    print(f"quotes and signals  : {told_s / args.repeat * 1000:8.1f} ms per pass")
    print(f"coding / parsing    : {code_s / parse_s:8.1%}  (target: at most 50%)")
    print(f"quotes+signals / parsing: {told_s / parse_s:8.1%}")


if __name__ == "__main__":
    main()
