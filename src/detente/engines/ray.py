"""The Ray executor: the same list of blocks as the local executor, run by `ray.data`.

It walks the list (`pipeline.steps`) and gives each block a Ray form:

- `Read`: `ray.data.read_binary_files` (text, Markdown, HTML, JSONL, feeds, WARC; a file is
  one task, so big JSONL is best sharded) or `read_parquet` (`text`/`html` columns), read by
  the same readers as the local executor's, in tasks;
- a `Map` after a Ray read (`Prepare`): `map_batches` tasks over those rows;
- a block of the main process (`SelectNew`, `Write`): on the driver, over the rows taken in
  input order (streamed, never all in memory);
- a `Map` after a block of the main process (`Analyse`): its input batches are spooled to
  files (one batch a file, so every actor stays busy and results come back early), then
  analysed by an actor pool of `workers` actors, one CPU each, which load spaCy and the
  knowledge base once (`Map.needs_models`). Each result comes back through a file; the rows a
  batch adds to the store as one Parquet partition per table
  (`analysed/<table>/part-<batch>.parquet`), which DuckDB reads itself, while the pool
  analyses the next batches.

No bookkeeping here: the store, the run's record, the knowledge-base snapshot, counts and
progress are `pipeline.execute`'s, the same for both executors.

Spool and partitions live in a temporary folder that the workers must see: a local instance,
or a cluster with a shared filesystem. A local Ray instance gets `workers + 1` CPUs: the actors
hold `workers`, and the reading and writing tasks need one more, or the pipeline would wait
forever for a free CPU. On a cluster (`address`), the pool is kept one CPU below the cluster's
size for the same reason.

Order is preserved end to end, so the first of two near-duplicates is the original in both
executors, and both store the same records for the same input.
"""

from __future__ import annotations

import base64
import io
import logging
import pickle
import signal
import tempfile
import threading
from collections.abc import Iterable, Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import pyarrow as pa
import pyarrow.parquet as pq

from detente.config import Settings
from detente.errors import DetenteError, InputError
from detente.ingest.files import kind_of, read_stream, walk
from detente.ingest.records import record_dates
from detente.model import Document, RawDocument
from detente.pipeline import run
from detente.run.blocks import Block, Map, RunContext
from detente.run.document import Batch, warm_up
from detente.run.report import ProgressCallback, RunReport
from detente.run.steps import Read

if TYPE_CHECKING:
    from ray.data import Dataset

log = logging.getLogger(__name__)
T = TypeVar("T")

#: How items travel between Ray tasks and the driver: pydantic records as JSON by kind, input
#: errors as "origin\0reason", anything else pickled (base64) in `obj`.
_KINDS: dict[str, type[RawDocument] | type[Document]] = {"raw": RawDocument, "doc": Document}


def run_ray(
    inputs: Sequence[str],
    settings: Settings,
    *,
    address: str | None = None,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    progress: ProgressCallback | None = None,
) -> RunReport:
    """`detente analyze --engine ray`: `pipeline.run` with a `RayExecutor`. Reads files and
    directories (no URLs or stdin: `DetenteError`); joins the cluster at `address`, else starts
    a local instance for the run."""
    for given in inputs:
        if given == "-" or "://" in given:
            raise DetenteError(f"{given}: the Ray engine reads files and directories only")
    executor = RayExecutor(settings.workers, address)
    return run(list(inputs), settings, include=include, exclude=exclude, progress=progress,
               executor=executor)  # fmt: skip


class RayExecutor:
    """Runs a list of blocks with `ray.data` (see the module's docstring). Entering starts or
    joins Ray (raises `DetenteError` when Ray is not installed) and makes the spool folder;
    leaving removes it and shuts down a Ray instance started here."""

    name = "ray"

    def __init__(self, workers: int = 1, address: str | None = None) -> None:
        try:
            import ray  # noqa: F401
        except ImportError:
            raise DetenteError("the Ray engine needs Ray: pip install 'detente[ray]'") from None
        self.workers = max(1, workers)
        self.address = address
        self._started_here = False
        self._tmp: tempfile.TemporaryDirectory[str] | None = None
        self._pools = 0

    def __enter__(self) -> RayExecutor:
        import ray

        self._started_here = not ray.is_initialized()
        if self._started_here:
            _init_ray(self.address, self.workers)
        context = ray.data.DataContext.get_current()
        context.execution_options.preserve_order = True
        context.enable_progress_bars = False  # the CLI shows its own; Ray's would interleave
        logging.getLogger("ray.data").setLevel(logging.WARNING)
        self._tmp = tempfile.TemporaryDirectory()
        return self

    def __exit__(self, kind: type[BaseException] | None, *exc: object) -> None:
        import ray

        try:
            if self._tmp is not None:
                self._tmp.cleanup()
                self._tmp = None
        finally:
            if self._started_here:
                ray.shutdown()

    def run(self, steps: Sequence[Block], ctx: RunContext) -> Iterator[Any]:
        """The last block's stream (lazy). A plan is either Ray datasets (rows not yet on the
        driver) or a stream of batches on the driver."""
        plan: list[Dataset] | Iterator[Any] = iter(())
        for step in steps:
            if isinstance(step, Read):
                plan = self._read(step, ctx)
            elif isinstance(step, Map) and isinstance(plan, list):
                fn = partial(_apply_rows, step=step, ctx=ctx)
                plan = [d.map_batches(fn, batch_size=ctx.settings.batch_size,
                                      batch_format="numpy") for d in plan]  # fmt: skip
            elif isinstance(step, Map):
                plan = self._pool(step, iter(plan), ctx)
            else:
                plan = step(self._stream(plan, ctx), ctx)
        return self._stream(plan, ctx)

    def _read(self, step: Read, ctx: RunContext) -> list[Dataset]:
        """Datasets of rows (`raw`, `error`) in input order: the walk's errors, then the files
        (a file a task), then Parquet records."""
        import ray

        if step.items is not None:
            raise DetenteError("the Ray engine reads files and directories, not given documents")
        paths: list[str] = []
        errors: list[dict[str, str]] = []
        for found in walk(list(step.inputs), step.include, step.exclude):
            if isinstance(found, InputError):
                errors.append({"raw": "", "error": f"{found.origin}\0{found.reason}"})
            else:
                paths.append(str(found))
        tables = [p for p in paths if p.endswith(".parquet")]
        files = [p for p in paths if not p.endswith(".parquet")]
        datasets: list[Dataset] = [ray.data.from_items(errors)] if errors else []
        if files:
            reader = partial(_read_files, max_bytes=ctx.settings.max_bytes)
            read = ray.data.read_binary_files(files, include_paths=True,
                                              override_num_blocks=len(files))  # fmt: skip
            datasets.append(read.map_batches(reader, batch_format="numpy"))
        if tables:
            read = ray.data.read_parquet(tables)
            datasets.append(read.map_batches(_read_records, batch_format="numpy"))
        return datasets

    def _stream(self, plan: list[Dataset] | Iterator[Any], ctx: RunContext) -> Iterator[Any]:
        """The plan's batches on the driver, in input order."""
        if not isinstance(plan, list):
            yield from plan
            return
        size = ctx.settings.batch_size
        for dataset in plan:
            for rows in _closing(dataset.iter_batches(batch_size=size, batch_format="numpy")):
                yield _decode(rows)

    def _pool(self, step: Map, stream: Iterator[Any], ctx: RunContext) -> Iterator[Any]:
        """Spool the stream, run `step` over it in an actor pool, yield its results in order."""
        import ray

        assert self._tmp is not None, "RayExecutor.run outside its `with` block"
        self._pools += 1
        folder = Path(self._tmp.name) / f"{self._pools}-{type(step).__name__.lower()}"
        spooled = _spool(stream, folder / "in", ctx.settings.batch_size)
        if not spooled:
            return
        # One spool file per block and per call (a bigger block would go to a single actor).
        files = [{"path": str(p)} for p in spooled]
        results = ray.data.from_items(files, override_num_blocks=len(files)).map_batches(
            _Worker, fn_constructor_kwargs={"step": step, "ctx": ctx, "out": str(folder)},
            batch_size=1, compute=ray.data.ActorPoolStrategy(size=_pool_size(self.workers)),
            num_cpus=1, batch_format="numpy",
        )  # fmt: skip
        expected = 0
        for found in _closing(results.iter_batches(batch_size=None, batch_format="pyarrow")):
            block: pa.Table = found  # type: ignore[assignment]
            for row in block.to_pylist():
                if row["seq"] != expected:
                    raise DetenteError(
                        f"Ray returned batches out of order ({row['seq']}, {expected})"
                    )
                expected += 1
                path = Path(row["result"])
                result = pickle.loads(path.read_bytes())
                path.unlink()
                yield result


class _Worker:
    """One per Ray actor: applies a `Map` block to spooled batches. Loads the models once when
    the block needs them; writes each result to a file (a `Batch`'s tables as Parquet)."""

    def __init__(self, step: Map, ctx: RunContext, out: str) -> None:
        self.step = step
        self.ctx = ctx
        self.out = Path(out)
        if step.needs_models:
            warm_up(ctx.settings)

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[Any]]:
        out: dict[str, list[Any]] = {"seq": [], "result": []}
        for name in batch["path"]:
            path = Path(str(name))
            seq = int(path.stem)
            result = self.step.apply(pickle.loads(path.read_bytes()), self.ctx)
            if isinstance(result, Batch):
                result = _offload(result, self.out / "analysed", seq)
            target = self.out / "out" / f"{seq:012d}.pkl"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
            out["seq"].append(seq)
            out["result"].append(str(target))
        return out


def _offload(batch: Batch, out: Path, seq: int) -> Batch:
    """The batch with its non-empty tables written as Parquet partitions (`out/<table>/`),
    which the store loads without the rows passing through Python."""
    tables: dict[str, pa.Table | Path] = {}
    for table, data in batch.tables.items():
        if isinstance(data, pa.Table) and not data.num_rows:
            continue
        if isinstance(data, pa.Table):
            target = out / table / f"part-{seq:012d}.parquet"
            target.parent.mkdir(parents=True, exist_ok=True)
            pq.write_table(data, target)
            data = target
        tables[table] = data
    return Batch(tables, batch.counts, batch.doc_ids)


def _spool(stream: Iterable[Any], folder: Path, size: int) -> list[Path]:
    """Write the stream's batches to numbered files, lists re-cut to `size` items (one batch a
    file: blocks that small keep every actor busy and bring results back early; with four
    batches a file, the first result came after 85% of the analysis time on 2,600 articles,
    with one after 45%); the files, in order."""
    folder.mkdir(parents=True)
    paths: list[Path] = []

    def put(batch: Any) -> None:
        path = folder / f"{len(paths):012d}.pkl"
        path.write_bytes(pickle.dumps(batch, protocol=pickle.HIGHEST_PROTOCOL))
        paths.append(path)

    pending: list[Any] = []
    for batch in stream:
        if not isinstance(batch, list):
            if pending:
                put(pending)
                pending = []
            put(batch)
            continue
        pending += batch
        while len(pending) >= size:
            put(pending[:size])
            pending = pending[size:]
    if pending:
        put(pending)
    return paths


def _apply_rows(rows: dict[str, Any], step: Map, ctx: RunContext) -> dict[str, list[Any]]:
    """A `Map` block over Ray rows: decoded, applied, encoded (one row per item)."""
    return _encode(step.apply(_decode(rows), ctx))


def _decode(rows: dict[str, Any]) -> list[Any]:
    """Ray rows → items (RawDocument, Document, InputError or anything pickled)."""
    items: list[Any] = []
    for i, error in enumerate(rows["error"]):
        if error:
            items.append(InputError(*str(error).split("\0", 1)))
            continue
        for kind, model in _KINDS.items():
            if kind in rows and rows[kind][i]:
                items.append(model.model_validate_json(rows[kind][i]))
                break
        else:
            items.append(pickle.loads(base64.b64decode(rows["obj"][i])))
    return items


def _encode(items: Iterable[Any]) -> dict[str, list[Any]]:
    """Items → Ray rows, every column present in every batch (one schema)."""
    rows: dict[str, list[Any]] = {"raw": [], "doc": [], "error": [], "obj": []}
    for item in items:
        column = next((k for k, m in _KINDS.items() if isinstance(item, m)), None)
        if isinstance(item, InputError) or column is not None:
            _add_item(rows, item, column or "raw")
            for other in ("raw", "doc", "obj"):
                if other != (column or "raw"):
                    rows[other].append("")
        else:
            rows["obj"].append(base64.b64encode(pickle.dumps(item)).decode("ascii"))
            for other in ("raw", "doc", "error"):
                rows[other].append("")
    return rows


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


def _pool_size(workers: int) -> int:
    import ray

    cpus = int(ray.cluster_resources().get("CPU", 1))  # type: ignore[no-untyped-call]
    size = max(1, min(workers, cpus - 1))
    if size < workers:
        log.warning("Ray has %d CPUs: %d analysis actors, one CPU left for I/O", cpus, size)
    return size
