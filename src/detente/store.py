"""The DuckDB store: opening and migrating a file, runs, batch writes in one transaction, reads,
Parquet export.

The schema's migrations live in `store_schema.py` and the Arrow rows of a batch in
`store_rows.py`; their public names are re-exported here, so `detente.store` stays the one
place to import the store from.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from detente import holders
from detente.actors.kb import KnowledgeBase
from detente.config import Settings
from detente.errors import StoreError
from detente.model import Analysis, Document, Segment, SegmentKind, Status
from detente.store_rows import EVENT_COLUMNS, MEMBER_SCHEMA, analysis_tables, batch_tables
from detente.store_schema import ANALYSIS_TABLES, MIGRATIONS, SCHEMA_VERSION, TABLES
from detente.version import __version__

__all__ = [
    "ANALYSIS_TABLES",
    "EVENT_COLUMNS",
    "MEMBER_SCHEMA",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "TABLES",
    "Store",
    "analysis_tables",
    "batch_tables",
]


class Store:
    """One DuckDB file. Writers hold it alone; readers open it read-only."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: Path, read_only: bool) -> None:
        self.con, self.path, self.read_only = con, path, read_only

    @classmethod
    def open(cls, path: Path | str, read_only: bool = False) -> Store:
        """The store at `path`, created and migrated when opened for writing.

        Opening for writing a file that a running `detente serve` holds waits for the server to
        let go of it (it does when no request is in flight; up to `holders.SERVER_LET_GO_S`,
        saying so after a second); any other holder fails at once. Raises StoreLockedError (naming the
        holder, with its `pid`) or StoreError (no such file, a newer schema, an unreadable file).
        """
        path = Path(path)
        if read_only and not path.exists():
            raise StoreError(
                f"no database at {path}: run `detente analyze PATH` first, or pass --db"
            )
        if not read_only:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"cannot create the folder for {path}: {exc}") from exc
        con = holders.connect(path, read_only)
        con.execute("SET TimeZone = 'UTC'")
        store = cls(con, path, read_only)
        store._migrate()
        return store

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- schema ------------------------------------------------------------------------

    def schema_version(self) -> int:
        exists = self.con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
        ).fetchone()
        if not exists or not exists[0]:
            return 0
        row = self.con.execute("SELECT max(version) FROM schema_version").fetchone()
        return int(row[0] or 0) if row else 0

    def _migrate(self) -> None:
        current = self.schema_version()
        if current > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} has schema version {current}, newer than this detente "
                f"({SCHEMA_VERSION}): upgrade detente"
            )
        if current == SCHEMA_VERSION:
            return
        if self.read_only:
            raise StoreError(f"{self.path} needs a schema upgrade: open it once for writing")
        self.con.execute(
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER, applied_at TIMESTAMPTZ)"
        )
        # One transaction per version: DuckDB refuses to commit an ALTER TABLE after an UPDATE of
        # the same table in one transaction (versions 2-4 update documents, 7 alters it).
        for version in range(current + 1, SCHEMA_VERSION + 1):
            with self.transaction():
                self.con.execute(MIGRATIONS[version - 1])
                self.con.execute("INSERT INTO schema_version VALUES (?, now())", [version])

    @contextmanager
    def transaction(self) -> Iterator[None]:
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        self.con.execute("COMMIT")

    # ---- runs --------------------------------------------------------------------------

    def start_run(self, command: str, settings: Settings) -> str:
        run_id = uuid.uuid4().hex[:16]
        # One writer at a time: a run still marked running was killed before it could finish.
        self.con.execute("UPDATE runs SET status = 'interrupted' WHERE status = 'running'")
        self.con.execute(
            "INSERT INTO runs (run_id, command, version, config, config_hash, started_at, status)"
            " VALUES (?, ?, ?, ?, ?, now(), 'running')",
            [run_id, command, __version__, settings.model_dump_json(), settings.fingerprint()],
        )
        return run_id

    def finish_run(
        self, run_id: str, status: str, counts: dict[str, Any], errors: Sequence[tuple[str, str]]
    ) -> None:
        self.con.execute(
            "UPDATE runs SET finished_at = now(), status = ?, counts = ?, errors = ? WHERE run_id = ?",
            [
                status,
                json.dumps(counts),
                json.dumps([{"input": o, "reason": r} for o, r in errors]),
                run_id,
            ],
        )

    # ---- writes ------------------------------------------------------------------------

    def existing_ids(self, doc_ids: Sequence[str]) -> set[str]:
        if not doc_ids:
            return set()
        rows = self.con.execute(
            "SELECT doc_id FROM documents WHERE doc_id IN (SELECT unnest(?))", [list(doc_ids)]
        ).fetchall()
        return {r[0] for r in rows}

    def near_duplicates(
        self, queries: Sequence[tuple[Sequence[int], Sequence[int]]], threshold: float
    ) -> list[tuple[int, str, str | None, float]]:
        """Stored documents sharing an LSH band with a query (its band keys and MinHash) whose
        estimated Jaccard reaches `threshold`: (query index, doc_id, duplicate_of, score).

        Verified in SQL, so only the matches, not every candidate's signature, reach Python."""
        bands: dict[str, list[int]] = {"i": [], "band": [], "key": []}
        for i, (keys, _) in enumerate(queries):
            bands["i"].extend([i] * len(keys))
            bands["band"].extend(range(len(keys)))
            bands["key"].extend(keys)
        if not bands["i"]:
            return []
        signatures = pa.table(
            {"i": list(range(len(queries))), "minhash": [list(m) for _, m in queries]},
            schema=pa.schema([("i", pa.int64()), ("minhash", pa.list_(pa.int64()))]),
        )
        # Arrow tables, not list parameters: binding thousands of Python ints is slow.
        self.con.register("_bands", pa.table(bands))
        self.con.register("_signatures", signatures)
        try:
            rows = self.con.execute(
                """WITH candidates AS (
                       SELECT DISTINCT q.i, b.doc_id FROM _bands q
                       JOIN doc_bands b ON b.band = q.band AND b.key = q.key)
                   SELECT c.i, d.doc_id, d.duplicate_of,
                          len(list_filter(list_zip(s.minhash, d.minhash), p -> p[1] = p[2]))
                            / len(s.minhash) AS score
                   FROM candidates c JOIN _signatures s USING (i)
                   JOIN documents d ON d.doc_id = c.doc_id
                   WHERE len(s.minhash) > 0 AND len(d.minhash) = len(s.minhash)
                     AND score >= ?
                   ORDER BY c.i, d.doc_id""",
                [threshold],
            ).fetchall()
        finally:
            self.con.unregister("_bands")
            self.con.unregister("_signatures")
        return [(int(i), d, dup, float(score)) for i, d, dup, score in rows]

    def write_batch(
        self, docs: Sequence[Document], analyses: dict[str, Analysis], run_id: str
    ) -> None:
        """Store new documents with their segments and analyses, all or nothing."""
        self.write_tables(batch_tables(docs, analyses, run_id))

    def write_tables(self, tables: Mapping[str, pa.Table | Path]) -> None:
        """Add the rows of one batch (`batch_tables`, built wherever it was analysed, or Parquet
        files of them) to their tables, all or nothing."""
        with self.transaction():
            for table, rows in tables.items():
                self._insert_rows(table, rows)

    def write_analyses(self, docs: Sequence[Document], analyses: dict[str, Analysis]) -> None:
        """Store analyses of documents that were stored earlier (pending), all or nothing."""
        ids = list(analyses)
        with self.transaction():
            for table in ANALYSIS_TABLES:
                self.con.execute(f"DELETE FROM {table} WHERE doc_id IN (SELECT unnest(?))", [ids])
            for table, rows in analysis_tables(analyses.values()).items():
                self._insert_rows(table, rows)
            updates = pa.table(
                {
                    "doc_id": [d.doc_id for d in docs],
                    "status": [d.status.value for d in docs],
                    "analysed": [d.doc_id in analyses for d in docs],
                }
            )
            self.con.register("_updates", updates)
            try:
                self.con.execute(
                    "UPDATE documents SET status = u.status,"
                    " analysed_at = CASE WHEN u.analysed THEN now() END"
                    " FROM _updates u WHERE documents.doc_id = u.doc_id"
                )
            finally:
                self.con.unregister("_updates")

    # ---- corpus stages -------------------------------------------------------------------

    def write_embeddings(self, doc_ids: Sequence[str], vectors: Any) -> None:
        if not len(doc_ids):
            return
        table = pa.table(
            {"doc_id": list(doc_ids), "vector": [v.tolist() for v in vectors]},
            schema=pa.schema([("doc_id", pa.string()), ("vector", pa.list_(pa.float32()))]),
        )
        self.con.register("_vectors", table)
        try:
            with self.transaction():
                self.con.execute(
                    "INSERT OR REPLACE INTO embeddings SELECT doc_id, vector::FLOAT[384]"
                    " FROM _vectors"
                )
        finally:
            self.con.unregister("_vectors")

    def write_stories(
        self,
        stories: Sequence[dict[str, Any]],
        members: Sequence[tuple[str, str, float, list[str], float]],
    ) -> None:
        """Upsert stories and add members — (doc_id, story_id, similarity, shared anchors,
        score): why each joined — in one transaction."""
        columns = ("story_id", "headline", "first_seen", "last_seen", "n_docs", "sources",
                   "key_actors", "key_events", "centroid")  # fmt: skip
        data = {c: [s[c] for s in stories] for c in columns}
        with self.transaction():
            if stories:
                self.con.register("_stories", pa.table(data))
                try:
                    self.con.execute(
                        "INSERT OR REPLACE INTO stories SELECT story_id, headline, first_seen,"
                        " last_seen, n_docs, sources, key_actors, key_events,"
                        " centroid::FLOAT[384] FROM _stories"
                    )
                finally:
                    self.con.unregister("_stories")
            self._insert(
                "story_members",
                {
                    "doc_id": [m[0] for m in members],
                    "story_id": [m[1] for m in members],
                    "similarity": [m[2] for m in members],
                    "anchors": [m[3] for m in members],
                    "score": [m[4] for m in members],
                },
                MEMBER_SCHEMA,
            )

    def write_sightings(self, rows: Sequence[dict[str, Any]]) -> None:
        """Record copies of stored documents seen from other outlets (`sightings` columns);
        a sighting recorded before is kept as it was."""
        if not rows:
            return
        self.con.register("_sightings", pa.Table.from_pylist(list(rows)))
        try:
            with self.transaction():
                self.con.execute("INSERT OR IGNORE INTO sightings BY NAME SELECT * FROM _sightings")
        finally:
            self.con.unregister("_sightings")

    def replace_table(self, table: str, columns: dict[str, list[Any]]) -> None:
        """Recompute a derived table in one transaction (corroboration, shifts)."""
        with self.transaction():
            self.con.execute(f"DELETE FROM {table}")
            self._insert(table, columns)

    def write_kb(self, kb: KnowledgeBase) -> None:
        """A snapshot of the knowledge base the analyses were linked with, for names in queries."""
        actors: dict[str, list[Any]] = {"code": [], "name": [], "kind": [], "country": []}
        rows: list[tuple[str, str | None, str, str | None]] = [
            (a.code, a.name, a.kind, a.country) for a in kb.actors.values()
        ]
        rows += [
            (
                kb.with_role(c.code, role),
                kb.name_of(kb.with_role(c.code, role)),
                "government" if role == "GOV" else "group",
                c.code,
            )
            for c in kb.actors.values()
            if c.kind == "country"
            for role in kb.role_names
            if kb.with_role(c.code, role) not in kb.actors
        ]
        for row in rows:
            for key, value in zip(actors, row, strict=True):
                actors[key].append(value)
        people: dict[str, list[Any]] = {"person": [], "name": [], "gender": [], "roles": []}
        for p in kb.people.values():
            roles = [
                {
                    "actor": r.actor,
                    "title": r.title,
                    "start": r.start.isoformat(),
                    "end": r.end.isoformat() if r.end else None,
                    "leader": r.leader,
                }
                for r in p.roles
            ]
            for key, value in zip(people, (p.id, p.name, p.gender, json.dumps(roles)), strict=True):
                people[key].append(value)
        if self._stored_as(actors, "actors") and self._stored_as(people, "people"):
            return  # unchanged: rewriting it would conflict with readers of the old rows
        with self.transaction():
            self.con.execute("DELETE FROM actors")
            self.con.execute("DELETE FROM people")
            self._insert("actors", actors)
            self._insert("people", people)

    def _stored_as(self, columns: dict[str, list[Any]], table: str) -> bool:
        """Whether `table` holds exactly these rows (JSON compared as text)."""
        names = list(columns)
        stored = self.con.execute(f"SELECT {', '.join(names)} FROM {table}").fetchall()
        wanted = list(zip(*columns.values(), strict=True))
        return sorted(map(repr, stored)) == sorted(map(repr, wanted))

    def _insert(
        self, table: str, columns: dict[str, list[Any]], schema: pa.Schema | None = None
    ) -> None:
        if next(iter(columns.values()), []):
            self._insert_rows(table, pa.table(columns, schema=schema))

    def _insert_rows(self, table: str, rows: pa.Table | Path) -> None:
        if isinstance(rows, Path):
            names = ", ".join(pq.read_schema(rows).names)
            self.con.execute(
                f"INSERT INTO {table} ({names}) SELECT {names} FROM read_parquet(?)",
                [rows.as_posix()],
            )
            return
        if not rows.num_rows:
            return
        self.con.register("_batch", rows)
        try:
            names = ", ".join(rows.column_names)
            self.con.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM _batch")
        finally:
            self.con.unregister("_batch")

    # ---- reads -------------------------------------------------------------------------

    def pending_documents(self, batch_size: int) -> Iterator[list[Document]]:
        """Stored documents not analysed yet, in batches (snapshot taken up front)."""
        ids = [
            r[0]
            for r in self.con.execute(
                "SELECT doc_id FROM documents WHERE status = 'pending' ORDER BY ingested_at, doc_id"
            ).fetchall()
        ]
        for start in range(0, len(ids), batch_size):
            yield [d for d in (self.document(i) for i in ids[start : start + batch_size]) if d]

    def resolve_id(self, prefix: str) -> str:
        rows = self.con.execute(
            "SELECT doc_id FROM documents WHERE starts_with(doc_id, ?) LIMIT 2", [prefix]
        ).fetchall()
        if not rows:
            raise StoreError(f"no document {prefix!r} in {self.path}")
        if len(rows) > 1:
            raise StoreError(
                f"{prefix!r} matches several documents in {self.path}: give more characters"
            )
        return str(rows[0][0])

    def document(self, doc_id: str) -> Document | None:
        cur = self.con.execute("SELECT * FROM documents WHERE doc_id = ?", [doc_id])
        row = cur.fetchone()
        if row is None:
            return None
        values = dict(zip([c[0] for c in cur.description], row, strict=True))
        segments = [
            Segment(kind=SegmentKind(k), start=s, end=e, author=a, parent=p, posted=t)
            for k, s, e, a, p, t in self.con.execute(
                "SELECT kind, start_char, end_char, author, parent, posted FROM segments"
                " WHERE doc_id = ? ORDER BY idx",
                [doc_id],
            ).fetchall()
        ]
        values.pop("run_id"), values.pop("analysed_at")
        values["minhash"] = list(values["minhash"]) if values["minhash"] is not None else None
        values["status"] = Status(values["status"])
        return Document(segments=segments, **values)

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self.con.execute(sql, list(params)).fetchall()

    def records(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Rows as dicts, through a cursor of their own (safe from several threads)."""
        cur = self.con.cursor()
        cur.execute(sql, list(params))
        names = [c[0] for c in cur.description]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]

    def export_parquet(self, out: Path) -> list[Path]:
        out.mkdir(parents=True, exist_ok=True)
        written = []
        for table in TABLES:
            target = out / f"{table}.parquet"
            self.con.execute(f"COPY {table} TO '{target.as_posix()}' (FORMAT parquet)")
            written.append(target)
        return written
