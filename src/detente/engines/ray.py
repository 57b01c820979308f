"""The Ray engine: the same per-document blocks as the local engine, run by `ray.data`.

1. Read and prepare (clean, segment, language, ids) in `map_batches` tasks over
   `read_binary_files` (text, Markdown, HTML, JSONL, feeds, WARC) or `read_parquet`
   (`text`/`html` columns).
2. Deduplicate on the driver, streaming in input order, against the store (as the local engine
   does); the new documents are spooled to Parquet files, never held in memory all at once.
3. Analyse in `map_batches` with an actor pool of `workers` actors (one CPU each): each loads
   spaCy and the knowledge base once, and writes each analysed batch as the rows it adds to
   the store, one Parquet partition per table (`analysed/<table>/part-<first doc>.parquet`).
4. Take the finished batches in input order and load their partitions into the store (DuckDB
   reads Parquet itself), a batch per transaction, while the pool analyses the next ones.

Spool and partitions live in a temporary folder that the workers must see: a local instance,
or a cluster with a shared filesystem.

A local Ray instance gets `workers + 1` CPUs: the actors hold `workers`, and the reading and
writing tasks need one more, or the pipeline would wait forever for a free CPU. On a cluster
(`address`), the pool is kept one CPU below the cluster's size for the same reason.

Order is preserved end to end, so the first of two near-duplicates is the original in both
engines, and both engines store the same records for the same input.
"""

from __future__ import annotations

import io
import json
import logging
import signal
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Generator, Iterable, Iterator, Sequence
from contextlib import closing
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

import pyarrow as pa
import pyarrow.parquet as pq

from detente.actors.kb import load_kb
from detente.config import Settings
from detente.corpus.dedup import DuplicateFinder
from detente.errors import DetenteError, InputError
from detente.ingest.files import kind_of, read_stream, walk
from detente.ingest.records import record_dates
from detente.interrupt import check_stop, was_stopped
from detente.model import Document, RawDocument
from detente.pipeline import (
    ProgressCallback,
    RunInterrupted,
    RunReport,
    analyse_for_store,
    prepare_batch,
    warm_up,
)
from detente.store import Store

log = logging.getLogger(__name__)
T = TypeVar("T")


def _read_files(batch: dict[str, Any], max_bytes: int) -> dict[str, list[Any]]:
    """Bytes of whole files → one row per document (or per input error), in order."""
    rows: dict[str, list[Any]] = {"raw": [], "error": []}
    for data, path in zip(batch["bytes"], batch["path"], strict=True):
        origin = str(path)
        for item in read_stream(
            io.BytesIO(data), origin, kind_of(Path(origin), data[:4096]), max_bytes
        ):
            _add_item(rows, item)
    return rows


def _read_records(batch: dict[str, Any]) -> dict[str, list[Any]]:
    """Parquet rows with `text` or `html` (and optional title, url, source, published)."""
    rows: dict[str, list[Any]] = {"raw": [], "error": []}
    columns = list(batch)
    for i in range(len(batch[columns[0]])):
        record = {c: batch[c][i] for c in columns}
        origin = str(record.get("url") or record.get("id") or f"parquet:{i}")
        if not (record.get("text") or record.get("html")):
            _add_item(rows, InputError(origin, "record has neither text nor html"))
            continue
        fields = {k: record.get(k) for k in ("text", "html", "title", "url", "source")}
        # the same reading of `published` (and `locale`) as a JSONL record's
        _add_item(rows, RawDocument(origin=origin, **fields, **record_dates(record, origin)))
    return rows


def _add_item(
    rows: dict[str, list[Any]], item: RawDocument | Document | InputError, column: str = "raw"
) -> None:
    """A row of `column` (the item as JSON) and `error` ("origin\0reason"), one of them empty."""
    if isinstance(item, InputError):
        rows[column].append("")
        rows["error"].append(f"{item.origin}\0{item.reason}")
    else:
        rows[column].append(item.model_dump_json())
        rows["error"].append("")


def _prepare(batch: dict[str, Any], settings: Settings) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = {"doc": [], "error": []}
    raws = [RawDocument.model_validate_json(r) for r in batch["raw"] if r]
    prepared = iter(prepare_batch(raws, settings))
    for raw, error in zip(batch["raw"], batch["error"], strict=True):
        _add_item(out, next(prepared) if raw else InputError(*error.split("\0", 1)), "doc")
    return out


class Analyser:
    """One per Ray worker: the model and the knowledge base are loaded once, then reused."""

    def __init__(self, settings: Settings, run_id: str, out: str) -> None:
        self.settings = settings
        self.run_id = run_id
        self.out = Path(out)
        warm_up(settings)

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[Any]]:
        """Spool files (`path`) → each of their batches analysed and written as one Parquet
        partition per table; returns where they are, with the batches' counts."""
        out: dict[str, list[Any]] = {"seq": [], "size": [], "tables": [], "counts": []}
        for path in batch["path"]:
            spooled = pq.read_table(str(path))
            for chunk in spooled.to_batches(max_chunksize=self.settings.batch_size):
                rows = chunk.to_pydict()
                docs = [Document.model_validate_json(d) for d in rows["doc"]]
                result = analyse_for_store(docs, self.settings, self.run_id)
                first = rows["seq"][0]
                written = {}
                for table, data in result.tables.items():
                    if data.num_rows:
                        target = self.out / table / f"part-{first:012d}.parquet"
                        target.parent.mkdir(parents=True, exist_ok=True)
                        pq.write_table(data, target)
                        written[table] = str(target)
                out["seq"].append(first)
                out["size"].append(len(docs))
                out["tables"].append(json.dumps(written))
                out["counts"].append(json.dumps(result.counts))
        return out


def run_ray(
    inputs: Sequence[str],
    settings: Settings,
    *,
    address: str | None = None,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    progress: ProgressCallback | None = None,
) -> RunReport:
    """`detente analyze --engine ray`: files and directories (no URLs or stdin)."""
    for given in inputs:
        if given == "-" or "://" in given:
            raise DetenteError(f"{given}: the Ray engine reads files and directories only")
    try:
        import ray
    except ImportError:
        raise DetenteError("the Ray engine needs Ray: pip install 'detente[ray]'") from None
    report = RunReport()
    started = time.perf_counter()
    started_here = not ray.is_initialized()
    if started_here:
        _init_ray(address, settings.workers)
    context = ray.data.DataContext.get_current()
    context.execution_options.preserve_order = True
    context.enable_progress_bars = False  # the CLI shows its own; Ray's would interleave
    logging.getLogger("ray.data").setLevel(logging.WARNING)
    try:
        with Store.open(settings.db) as store, tempfile.TemporaryDirectory() as tmp:
            run_id = store.start_run("analyze --engine ray", settings)
            store.write_kb(load_kb(settings.knowledge))
            status = "failed"
            try:
                spool = Path(tmp) / "selected"
                if _select(inputs, settings, include, exclude, store, report, spool):
                    analysed = _analyse(spool, Path(tmp) / "analysed", settings, run_id)
                    with closing(analysed):
                        for tables, counts, size in analysed:
                            report.add(counts)
                            store.write_tables(tables)
                            report.stored += size
                            report.seconds = time.perf_counter() - started
                            log.info("stored a batch of %d documents (%d this run)", size,
                                     report.stored)  # fmt: skip
                            if progress:
                                progress(report)
                            check_stop()
                status = "ok" if not report.errors else "ok_with_errors"
            except BaseException as exc:
                if not was_stopped(exc):
                    raise
                status = "interrupted"
                raise RunInterrupted(report) from exc
            finally:
                report.seconds = time.perf_counter() - started
                store.finish_run(run_id, status, report.counts(), report.errors)
    finally:
        if started_here:
            ray.shutdown()
    return report


def _closing(batches: Iterable[T]) -> Iterator[T]:
    """Iterate over Ray Data's batches and close their iterator however the loop ends. Left to
    the garbage collector after an interrupt, it would be finalised after `ray.shutdown`, start
    a new local Ray instance from a background thread and print its tracebacks."""
    iterator = iter(batches)
    try:
        yield from iterator
    finally:
        close = getattr(iterator, "close", None)
        if close is not None:
            close()


def _init_ray(address: str | None, workers: int) -> None:
    """Start or join Ray, keeping the caller's SIGTERM handler: `ray.init` installs one that
    exits at once, which would leave the run marked running instead of interrupted."""
    import ray

    main = threading.current_thread() is threading.main_thread()
    handler = signal.getsignal(signal.SIGTERM) if main else None
    ray.init(address=address, num_cpus=None if address else max(1, workers) + 1,
             include_dashboard=False, log_to_driver=False)  # fmt: skip
    if handler is not None:  # None: not set from Python, nothing to restore
        signal.signal(signal.SIGTERM, handler)


_SPOOL = pa.schema([("seq", pa.int64()), ("doc", pa.string())])


def _select(
    inputs: Sequence[str],
    settings: Settings,
    include: Sequence[str],
    exclude: Sequence[str],
    store: Store,
    report: RunReport,
    spool: Path,
) -> int:
    """Read and prepare in Ray; spool the new, non-duplicate documents in input order to
    Parquet files in `spool`. Returns how many were spooled."""
    import ray

    paths: list[str] = []
    for found in walk(list(inputs), include, exclude):
        if isinstance(found, InputError):
            report.read += 1
            report.skip(found)
        else:
            paths.append(str(found))
    tables = [p for p in paths if p.endswith(".parquet")]
    files = [p for p in paths if not p.endswith(".parquet")]
    datasets = []
    if files:
        reader = partial(_read_files, max_bytes=settings.max_bytes)
        read = ray.data.read_binary_files(files, include_paths=True, override_num_blocks=len(files))
        datasets.append(read.map_batches(reader, batch_format="numpy"))
    if tables:
        datasets.append(
            ray.data.read_parquet(tables).map_batches(_read_records, batch_format="numpy")
        )
    finder = DuplicateFinder(store, settings.near_duplicate_threshold)
    spool.mkdir()
    pending: list[Document] = []
    seq = 0
    for dataset in datasets:
        prepared = dataset.map_batches(partial(_prepare, settings=settings),
                                       batch_size=settings.batch_size, batch_format="numpy")  # fmt: skip
        batches = prepared.iter_batches(batch_size=settings.batch_size, batch_format="numpy")
        for rows in _closing(batches):
            report.read += len(rows["doc"])
            docs: list[Document] = []
            for doc, error in zip(rows["doc"], rows["error"], strict=True):
                if error:
                    report.skip(InputError(*str(error).split("\0", 1)))
                else:
                    docs.append(Document.model_validate_json(doc))
            fresh, known = finder.select_new(docs)
            report.already_stored += known
            pending += fresh
            if len(pending) >= settings.batch_size:
                seq = _spool(spool, pending, seq)
                pending = []
    return _spool(spool, pending, seq) if pending else seq


def _spool(folder: Path, docs: list[Document], seq: int) -> int:
    """Write documents numbered from `seq` as the next spool file; the next free number.

    A spool file holds one batch and is one block of the analysis stage: blocks that small keep
    every actor busy and bring results back early (with four batches a file, the first result
    came after 85% of the analysis time on 2,600 articles; with one, after 45%)."""
    table = pa.table({"seq": list(range(seq, seq + len(docs))),
                      "doc": [d.model_dump_json() for d in docs]}, schema=_SPOOL)  # fmt: skip
    pq.write_table(table, folder / f"{seq:012d}.parquet")
    return seq + len(docs)


def _pool_size(workers: int) -> int:
    import ray

    cpus = int(ray.cluster_resources().get("CPU", 1))  # type: ignore[no-untyped-call]
    size = max(1, min(workers, cpus - 1))
    if size < workers:
        log.warning("Ray has %d CPUs: %d analysis actors, one CPU left for I/O", cpus, size)
    return size


def _analyse(
    spool: Path, out: Path, settings: Settings, run_id: str
) -> Generator[tuple[dict[str, Path], Counter[str], int], None, None]:
    """Analyse in an actor pool, which writes each batch as Parquet partitions (`out/<table>/`);
    hand them on in input order, to be loaded into the store while the pool works on the next.
    Yields each batch's partitions by table, its counts and its size."""
    import ray

    # One spool file per block and per call (read_parquet would merge small files into one
    # block, and then a single actor would get all the work).
    files = [{"path": str(p)} for p in sorted(spool.glob("*.parquet"))]
    analysed = ray.data.from_items(files, override_num_blocks=len(files)).map_batches(
        Analyser, fn_constructor_kwargs={"settings": settings, "run_id": run_id, "out": str(out)},
        batch_size=1, compute=ray.data.ActorPoolStrategy(size=_pool_size(settings.workers)),
        num_cpus=1, batch_format="numpy",
    )  # fmt: skip
    expected = 0
    for found in _closing(analysed.iter_batches(batch_size=None, batch_format="pyarrow")):
        block: pa.Table = found  # type: ignore[assignment]
        for row in block.to_pylist():
            if row["seq"] != expected:
                raise DetenteError(
                    f"Ray returned documents out of order ({row['seq']}, {expected})"
                )
            expected += row["size"]
            tables = {table: Path(p) for table, p in json.loads(row["tables"]).items()}
            yield tables, Counter(json.loads(row["counts"])), row["size"]
