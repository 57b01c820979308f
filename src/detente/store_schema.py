"""The store's SQL schema: the migrations that build it, one per version, and its table names.

`Store` (in `store.py`) applies `MIGRATIONS` in order when it opens a file for writing;
`TABLES` are the tables a Parquet export writes, `ANALYSIS_TABLES` those an analysis replaces.
"""

from __future__ import annotations

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
ANALYSIS_TABLES = ("sentences", "entities", "mentions", "events", "quotes", "signals", "stances")
