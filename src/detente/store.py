"""The DuckDB store: schema and migrations, batch writes in one transaction, reads, Parquet export."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from detente import holders
from detente.actors.kb import KnowledgeBase
from detente.clean.dedup import band_keys
from detente.config import Settings
from detente.errors import StoreError
from detente.model import Analysis, Document, Segment, SegmentKind, Status
from detente.version import __version__

# Each entry upgrades the schema by one version; never edit an entry that has shipped.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE runs (
        run_id VARCHAR PRIMARY KEY, command VARCHAR, version VARCHAR, config JSON,
        config_hash VARCHAR, started_at TIMESTAMPTZ, finished_at TIMESTAMPTZ,
        status VARCHAR, counts JSON, errors JSON);
    CREATE TABLE documents (
        doc_id VARCHAR PRIMARY KEY, origin VARCHAR NOT NULL, url VARCHAR, source VARCHAR,
        title VARCHAR, published TIMESTAMPTZ, language VARCHAR, language_confidence DOUBLE,
        text VARCHAR NOT NULL, status VARCHAR NOT NULL, status_reason VARCHAR,
        duplicate_of VARCHAR, minhash BIGINT[], ingested_at TIMESTAMPTZ NOT NULL,
        run_id VARCHAR, analysed_at TIMESTAMPTZ);
    CREATE TABLE segments (
        doc_id VARCHAR NOT NULL, idx INTEGER NOT NULL, kind VARCHAR NOT NULL,
        start_char INTEGER NOT NULL, end_char INTEGER NOT NULL, author VARCHAR, parent INTEGER,
        PRIMARY KEY (doc_id, idx));
    CREATE TABLE doc_bands (band SMALLINT NOT NULL, key BIGINT NOT NULL, doc_id VARCHAR NOT NULL);
    CREATE TABLE sentences (
        doc_id VARCHAR NOT NULL, idx INTEGER NOT NULL, segment INTEGER NOT NULL,
        start_char INTEGER NOT NULL, end_char INTEGER NOT NULL, tokens INTEGER NOT NULL,
        PRIMARY KEY (doc_id, idx));
    CREATE TABLE entities (
        doc_id VARCHAR NOT NULL, start_char INTEGER NOT NULL, end_char INTEGER NOT NULL,
        label VARCHAR NOT NULL, text VARCHAR NOT NULL);
    """,
    """
    CREATE TABLE mentions (
        doc_id VARCHAR NOT NULL, idx INTEGER NOT NULL, segment INTEGER NOT NULL,
        start_char INTEGER NOT NULL, end_char INTEGER NOT NULL, text VARCHAR NOT NULL,
        actor_code VARCHAR NOT NULL, actor_name VARCHAR, person VARCHAR,
        method VARCHAR NOT NULL, confidence DOUBLE NOT NULL, PRIMARY KEY (doc_id, idx));
    CREATE TABLE actors (
        code VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, kind VARCHAR NOT NULL, country VARCHAR);
    CREATE TABLE people (
        person VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, gender VARCHAR, roles JSON);
    -- documents analysed before actors were linked are analysed again by `detente analyze`
    UPDATE documents SET status = 'pending' WHERE status = 'analysed';
    """,
    """
    CREATE TABLE events (
        doc_id VARCHAR NOT NULL, idx INTEGER NOT NULL, segment INTEGER NOT NULL,
        source VARCHAR NOT NULL, target VARCHAR NOT NULL, source_name VARCHAR,
        target_name VARCHAR, source_person VARCHAR, target_person VARCHAR,
        cameo VARCHAR NOT NULL, root VARCHAR NOT NULL, quad_class INTEGER NOT NULL,
        goldstein DOUBLE NOT NULL, plover_type VARCHAR, plover_mode VARCHAR,
        polarity VARCHAR NOT NULL, modality VARCHAR NOT NULL, background BOOLEAN NOT NULL,
        speaker VARCHAR, date DATE, date_text VARCHAR, trigger VARCHAR NOT NULL,
        evidence_start INTEGER NOT NULL, evidence_end INTEGER NOT NULL,
        evidence_text VARCHAR NOT NULL,
        evidence_all STRUCT("start" INTEGER, "end" INTEGER, text VARCHAR)[],
        confidence DOUBLE NOT NULL, PRIMARY KEY (doc_id, idx));
    -- documents analysed before events were coded are analysed again by `detente analyze`
    UPDATE documents SET status = 'pending' WHERE status = 'analysed';
    """,
    """
    ALTER TABLE sentences ADD COLUMN tone DOUBLE;
    CREATE TABLE quotes (
        doc_id VARCHAR NOT NULL, idx INTEGER NOT NULL, segment INTEGER NOT NULL,
        start_char INTEGER NOT NULL, end_char INTEGER NOT NULL, text VARCHAR NOT NULL,
        kind VARCHAR NOT NULL, speaker_text VARCHAR, speaker_code VARCHAR NOT NULL,
        speaker_name VARCHAR, speaker_person VARCHAR, verb VARCHAR, PRIMARY KEY (doc_id, idx));
    CREATE TABLE signals (
        doc_id VARCHAR PRIMARY KEY, tone DOUBLE, sensationalism DOUBLE NOT NULL,
        comments INTEGER NOT NULL, removed INTEGER NOT NULL, data JSON NOT NULL);
    CREATE TABLE stances (
        doc_id VARCHAR NOT NULL, segment INTEGER NOT NULL, actor_code VARCHAR NOT NULL,
        stance VARCHAR NOT NULL, score DOUBLE NOT NULL, cues VARCHAR[]);
    -- documents analysed before quotes and signals existed are analysed again
    UPDATE documents SET status = 'pending' WHERE status = 'analysed';
    """,
    """
    CREATE TABLE embeddings (doc_id VARCHAR PRIMARY KEY, vector FLOAT[384] NOT NULL);
    CREATE TABLE stories (
        story_id VARCHAR PRIMARY KEY, headline VARCHAR, first_seen DATE, last_seen DATE,
        n_docs INTEGER NOT NULL, sources VARCHAR[], key_actors VARCHAR[], key_events VARCHAR[],
        centroid FLOAT[384]);
    CREATE TABLE story_members (
        doc_id VARCHAR PRIMARY KEY, story_id VARCHAR NOT NULL, similarity DOUBLE);
    CREATE TABLE corroborated (
        event_id VARCHAR PRIMARY KEY, story_id VARCHAR, source VARCHAR NOT NULL,
        target VARCHAR NOT NULL, root VARCHAR NOT NULL, cameo VARCHAR NOT NULL,
        codes VARCHAR[], date DATE, goldstein DOUBLE NOT NULL, quad_class INTEGER NOT NULL,
        n_sources INTEGER NOT NULL, n_reports INTEGER NOT NULL, sources VARCHAR[],
        doc_ids VARCHAR[], wire BOOLEAN NOT NULL, disagreement VARCHAR);
    CREATE TABLE shifts (
        a VARCHAR NOT NULL, b VARCHAR NOT NULL, period DATE NOT NULL, measure VARCHAR NOT NULL,
        value DOUBLE NOT NULL, baseline DOUBLE NOT NULL, z DOUBLE NOT NULL, kind VARCHAR NOT NULL,
        events JSON, PRIMARY KEY (a, b, period, measure));
    """,
    """
    CREATE TABLE watch_sources (
        name VARCHAR PRIMARY KEY, url VARCHAR NOT NULL, etag VARCHAR, last_modified VARCHAR,
        last_polled TIMESTAMPTZ, last_success TIMESTAMPTZ, last_error VARCHAR,
        last_error_at TIMESTAMPTZ, failures INTEGER NOT NULL, items INTEGER NOT NULL);
    CREATE TABLE watch_items (
        source VARCHAR NOT NULL, item VARCHAR NOT NULL, seen_at TIMESTAMPTZ NOT NULL,
        PRIMARY KEY (source, item));
    CREATE TABLE alerts (
        alert_id VARCHAR PRIMARY KEY, rule VARCHAR NOT NULL, kind VARCHAR NOT NULL,
        created_at TIMESTAMPTZ NOT NULL, payload JSON NOT NULL, deliveries JSON);
    """,
    """
    ALTER TABLE events ADD COLUMN date_precision VARCHAR;
    ALTER TABLE corroborated ADD COLUMN date_precision VARCHAR;
    ALTER TABLE segments ADD COLUMN posted TIMESTAMPTZ;
    ALTER TABLE documents ADD COLUMN published_from VARCHAR;
    UPDATE documents SET published_from = 'source' WHERE published IS NOT NULL;
    -- event dates used to carry no precision (month and year phrases got a day): analyse again
    UPDATE documents SET status = 'pending' WHERE status = 'analysed';
    """,
    """
    -- copies of a stored document seen from other outlets: they count as sources, unanalysed
    CREATE TABLE sightings (
        doc_id VARCHAR NOT NULL, outlet VARCHAR NOT NULL, url VARCHAR NOT NULL,
        published TIMESTAMPTZ, origin VARCHAR, kind VARCHAR NOT NULL, similarity DOUBLE,
        seen_at TIMESTAMPTZ NOT NULL, PRIMARY KEY (doc_id, outlet, url));
    INSERT OR IGNORE INTO sightings
        SELECT duplicate_of, coalesce(source, ''), coalesce(url, origin), published, origin,
               'near-duplicate', NULL, ingested_at
        FROM documents WHERE duplicate_of IS NOT NULL;
    ALTER TABLE corroborated ADD COLUMN n_sightings INTEGER;
    ALTER TABLE shifts ADD COLUMN p_value DOUBLE;
    ALTER TABLE shifts ADD COLUMN q_value DOUBLE;
    ALTER TABLE shifts ADD COLUMN n_outlets INTEGER;
    ALTER TABLE shifts ADD COLUMN explanation VARCHAR;
    """,
    """
    ALTER TABLE quotes ADD COLUMN speaker_confidence DOUBLE;
    """,
    """
    -- why a document is in its story: the anchors it shares with it, and its match score
    ALTER TABLE story_members ADD COLUMN anchors VARCHAR[];
    ALTER TABLE story_members ADD COLUMN score DOUBLE;
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)
TABLES = (
    "documents", "segments", "sentences", "entities", "mentions", "events", "quotes", "signals",
    "stances", "stories", "story_members", "corroborated", "shifts", "actors", "people", "runs",
    "watch_sources", "watch_items", "alerts", "sightings",
)  # fmt: skip
MEMBER_SCHEMA = pa.schema(
    [("doc_id", pa.string()), ("story_id", pa.string()), ("similarity", pa.float64()),
     ("anchors", pa.list_(pa.string())), ("score", pa.float64())]
)  # fmt: skip
ANALYSIS_TABLES = ("sentences", "entities", "mentions", "events", "quotes", "signals", "stances")

_DOC_SCHEMA = pa.schema(
    [
        ("doc_id", pa.string()),
        ("origin", pa.string()),
        ("url", pa.string()),
        ("source", pa.string()),
        ("title", pa.string()),
        ("published", pa.timestamp("us", tz="UTC")),
        ("published_from", pa.string()),
        ("language", pa.string()),
        ("language_confidence", pa.float64()),
        ("text", pa.string()),
        ("status", pa.string()),
        ("status_reason", pa.string()),
        ("duplicate_of", pa.string()),
        ("minhash", pa.list_(pa.int64())),
        ("ingested_at", pa.timestamp("us", tz="UTC")),
        ("run_id", pa.string()),
        ("analysed_at", pa.timestamp("us", tz="UTC")),
    ]
)


_EVIDENCE = pa.struct([("start", pa.int32()), ("end", pa.int32()), ("text", pa.string())])
_EVENT_SCHEMA = pa.schema(
    [
        ("doc_id", pa.string()), ("idx", pa.int32()), ("segment", pa.int32()),
        ("source", pa.string()), ("target", pa.string()), ("source_name", pa.string()),
        ("target_name", pa.string()), ("source_person", pa.string()),
        ("target_person", pa.string()), ("cameo", pa.string()), ("root", pa.string()),
        ("quad_class", pa.int32()), ("goldstein", pa.float64()), ("plover_type", pa.string()),
        ("plover_mode", pa.string()), ("polarity", pa.string()), ("modality", pa.string()),
        ("background", pa.bool_()), ("speaker", pa.string()), ("date", pa.string()),
        ("date_text", pa.string()), ("trigger", pa.string()), ("evidence_start", pa.int32()),
        ("evidence_end", pa.int32()), ("evidence_text", pa.string()),
        ("evidence_all", pa.list_(_EVIDENCE)), ("confidence", pa.float64()),
        ("date_precision", pa.string()),
    ]
)  # fmt: skip
EVENT_COLUMNS = tuple(_EVENT_SCHEMA.names)


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


# ---- rows of a batch: pure functions, run wherever the batch was analysed -----------------------


def batch_tables(
    docs: Sequence[Document],
    analyses: dict[str, Analysis],
    run_id: str,
    now: datetime | None = None,
) -> dict[str, pa.Table]:
    """The rows a batch of new documents adds to each table, as Arrow tables.

    Analysis workers build them, so that only columns, cheap to pickle and to insert, travel
    to the process that writes; `Store.write_tables` inserts them in one transaction."""
    now = now or datetime.now(UTC)
    documents: dict[str, list[Any]] = {f.name: [] for f in _DOC_SCHEMA}
    for d in docs:
        values = d.model_dump(include=set(documents) - {"run_id", "analysed_at"})
        values["status"] = d.status.value
        values["run_id"] = run_id
        values["analysed_at"] = now if d.doc_id in analyses else None
        for key in documents:
            documents[key].append(values[key])
    segments: dict[str, list[Any]] = {
        k: []
        for k in ("doc_id", "idx", "kind", "start_char", "end_char", "author", "parent", "posted")
    }
    for d in docs:
        for i, seg in enumerate(d.segments):
            row = (d.doc_id, i, seg.kind.value, seg.start, seg.end, seg.author, seg.parent,
                   seg.posted)  # fmt: skip
            for k, v in zip(segments, row, strict=True):
                segments[k].append(v)
    bands: dict[str, list[Any]] = {"band": [], "key": [], "doc_id": []}
    for d in docs:
        if d.minhash is None or d.duplicate_of is not None:
            continue  # duplicates point at their original; only originals are matched against
        for band, band_key in enumerate(band_keys(d.minhash)):
            bands["band"].append(band)
            bands["key"].append(band_key)
            bands["doc_id"].append(d.doc_id)
    return {
        "documents": pa.table(documents, schema=_DOC_SCHEMA),
        "segments": pa.table(segments),
        "doc_bands": pa.table(bands, schema=_BAND_SCHEMA),
        **analysis_tables([analyses[d.doc_id] for d in docs if d.doc_id in analyses]),
    }


_BAND_SCHEMA = pa.schema([("band", pa.int16()), ("key", pa.int64()), ("doc_id", pa.string())])


def analysis_tables(analyses: Iterable[Analysis]) -> dict[str, pa.Table]:
    """The rows of the analysis tables for these analyses (empty tables included)."""
    analyses = list(analyses)
    tables = {
        "sentences": _rows(
            analyses, "sentences", idx=True, segment="segment", start_char="start",
            end_char="end", tokens="tokens", tone="tone",
        ),
        "entities": _rows(
            analyses, "entities", start_char="start", end_char="end", label="label", text="text"
        ),
        "mentions": _rows(
            analyses, "mentions", idx=True, segment="segment", start_char="start",
            end_char="end", text="text", actor_code="actor_code", actor_name="actor_name",
            person="person", method="method", confidence="confidence",
        ),
        "events": _event_rows(analyses),
        "quotes": _rows(
            analyses, "quotes", idx=True, segment="segment", start_char="start", end_char="end",
            text="text", kind="kind", speaker_text="speaker_text", speaker_code="speaker_code",
            speaker_name="speaker_name", speaker_person="speaker_person", verb="verb",
            speaker_confidence="speaker_confidence",
        ),
    }  # fmt: skip
    tables.update(_signal_rows(analyses))
    return tables


def _rows(analyses: Sequence[Analysis], attr: str, idx: bool = False, **fields: str) -> pa.Table:
    """One analysis table: doc_id, optionally idx, then column=record-field pairs."""
    columns: dict[str, list[Any]] = {"doc_id": [], **({"idx": []} if idx else {})}
    columns.update({column: [] for column in fields})
    for a in analyses:
        for i, record in enumerate(getattr(a, attr)):
            columns["doc_id"].append(a.doc_id)
            if idx:
                columns["idx"].append(i)
            for column, name in fields.items():
                columns[column].append(getattr(record, name))
    return pa.table(columns)


def _event_rows(analyses: Sequence[Analysis]) -> pa.Table:
    columns: dict[str, list[Any]] = {c: [] for c in EVENT_COLUMNS}
    for a in analyses:
        for i, e in enumerate(a.events):
            row = e.model_dump(exclude={"evidence", "evidence_all"})
            row.update(
                doc_id=a.doc_id,
                idx=i,
                evidence_start=e.evidence.start,
                evidence_end=e.evidence.end,
                evidence_text=e.evidence.text,
                evidence_all=[ev.model_dump() for ev in e.evidence_all],
            )
            for column in columns:
                columns[column].append(row[column])
    return pa.table(columns, schema=_EVENT_SCHEMA)


def _signal_rows(analyses: Sequence[Analysis]) -> dict[str, pa.Table]:
    signals: dict[str, list[Any]] = {
        k: [] for k in ("doc_id", "tone", "sensationalism", "comments", "removed", "data")
    }
    stances: dict[str, list[Any]] = {
        k: [] for k in ("doc_id", "segment", "actor_code", "stance", "score", "cues")
    }
    for a in analyses:
        if a.signals is None:
            continue
        s = a.signals
        row = (a.doc_id, s.tone, s.sensationalism.score, s.thread.comments,
               s.thread.removed, s.model_dump_json())  # fmt: skip
        for key, value in zip(signals, row, strict=True):
            signals[key].append(value)
        for st in s.thread.stances:
            cells = (a.doc_id, st.segment, st.actor_code, st.stance, st.score, st.cues)
            for column, cell in zip(stances, cells, strict=True):
                stances[column].append(cell)
    return {"signals": pa.table(signals), "stances": pa.table(stances)}
