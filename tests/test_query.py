"""The read model: one typed Python API below every face, on a real store built by the pipeline."""

from __future__ import annotations

import ast
import json
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

import detente
from detente import query
from detente.actors.country import country_joins
from detente.actors.kb import load_kb
from detente.errors import StoreError
from detente.query import BadQuery, NotFound
from detente.query.countries import country_of
from detente.store import Store
from tests.conftest import ROOT

SRC = ROOT / "src" / "detente"
FACES = [*sorted((SRC / "api").glob("*.py")), *sorted((SRC / "web").glob("*.py")),
         SRC / "report.py", SRC / "monitor" / "digest.py"]  # fmt: skip
SQL = [
    re.compile(r"\bSELECT\b"),
    re.compile(r"\bFROM\s+\w+(\s+\w+)?\s+WHERE\b"),  # SQL here is written in capitals
    re.compile(r"\.execute(many)?\("),
    re.compile(r"\.sql\("),
]


# ---- faces hold no SQL; no import circle among them ------------------------------------------


def sql_in(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if any(p.search(line) for p in SQL)]


def test_faces_hold_no_sql() -> None:
    found = {str(p.relative_to(ROOT)): sql_in(p.read_text("utf-8")) for p in FACES}
    assert {p: lines for p, lines in found.items() if lines} == {}


@pytest.mark.parametrize(
    "line",
    [
        'rows = store.query("SELECT code FROM actors")',
        'cur.execute("DELETE FROM alerts")',
        'f"count(*) FROM events e WHERE {where}"',
        "store.con.sql(text)",
        'con.executemany("INSERT INTO t VALUES (?)", rows)',
    ],
)
def test_the_sql_check_catches_sql(line: str) -> None:
    assert sql_in(line)


@pytest.mark.parametrize(
    "line",
    ['"""Select an actor from the list where it is."""', "page = queries.list_events(store)"],
)
def test_the_sql_check_passes_plain_words(line: str) -> None:
    assert not sql_in(line)


def imported(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
    return names


def test_routes_and_pages_do_not_import_the_app() -> None:
    for face in (SRC / "api" / "routes.py", SRC / "api" / "server.py", SRC / "web" / "pages.py"):
        assert "detente.api.app" not in imported(face), face
    assert "detente.web.pages" not in imported(SRC / "api" / "server.py")


def test_the_routes_load_without_the_app() -> None:
    code = (
        "import sys, detente.api.routes, detente.web.pages; print('detente.api.app' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_importing_detente_loads_neither_duckdb_nor_spacy() -> None:
    code = (
        "import sys, detente; print(sorted(m for m in ('duckdb', 'spacy', 'detente.query',"
        " 'detente.store') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


# ---- the country of an actor: one rule --------------------------------------------------------


@pytest.fixture(scope="module")
def store(served_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Store:
    """The examples analysed by the CLI, with the corpus stages run (a copy, read-only)."""
    copy = tmp_path_factory.mktemp("query") / "served.duckdb"
    shutil.copy(served_db, copy)
    return Store.open(copy, read_only=True)


def test_country_of_follows_the_rule() -> None:
    kb = load_kb()
    assert kb.country_of("RUS") == "RUS"
    assert kb.country_of("RUSGOV") == "RUS"
    assert kb.country_of("GBRGOVLAB") == "GBR"  # a party as its country's government
    assert kb.country_of("RUSXYZ") is None  # not a role: no guess
    assert kb.country_of("NOSUCH") is None
    assert kb.country_of("") is None


def codes_of(store: Store) -> list[str]:
    used = store.query(
        "SELECT code FROM actors UNION SELECT source FROM events UNION SELECT target FROM events"
        " UNION SELECT actor_code FROM mentions"
    )
    countries = [str(c) for (c,) in store.query("SELECT code FROM actors WHERE kind = 'country'")]
    composed = [f"{c}GOVLAB" for c in countries[:20]] + [f"{c}OPPCON" for c in countries[:5]]
    return sorted(
        {str(c) for (c,) in used}
        | set(composed)
        | {"", "IGOXYZ", "XX", "NOSUCHCODE", "GBRGOVLAB", "RUSGOV"}
    )


def test_sql_and_python_give_every_code_the_same_country(store: Store) -> None:
    codes = codes_of(store)
    assert len(codes) > 100
    joins, expression = country_joins("x.code", "a")
    in_sql = dict(
        store.query(
            f"SELECT x.code, {expression} FROM (SELECT unnest(?) AS code) x {joins}", [codes]
        )
    )
    assert {c: in_sql[c] for c in codes} == {c: country_of(store, c) for c in codes}
    assert in_sql["RUSGOV"] == "RUS" and in_sql["GBRGOVLAB"] == "GBR" and in_sql["XX"] == "XX"


def test_the_store_and_the_knowledge_base_agree_on_every_code_the_texts_use(store: Store) -> None:
    kb = load_kb()
    used = [str(c) for (c,) in store.query(
        "SELECT DISTINCT source FROM events WHERE source <> '' UNION"
        " SELECT DISTINCT actor_code FROM mentions WHERE actor_code <> ''")]  # fmt: skip
    assert used
    assert {c: kb.country_of(c) or c for c in used} == {c: country_of(store, c) for c in used}


# ---- the Python API, with a store or a path --------------------------------------------------


def test_a_path_and_a_store_get_the_same_answers(store: Store) -> None:
    path = store.path
    assert query.stats(path) == query.stats(store)
    by_path = query.events(str(path), actor="rus", limit=200)
    assert [(e["doc_id"], e["idx"]) for e in by_path] == [
        (e["doc_id"], e["idx"]) for e in query.events(store, actor="RUS", limit=200)
    ]
    assert by_path.items and all(
        "RUS" in (country_of(store, e["source"]), country_of(store, e["target"])) for e in by_path
    )
    assert query.actors(path, "russ")[0]["code"].startswith("RUS")


def test_the_package_root_calls_the_read_model(store: Store) -> None:
    path = store.path
    assert detente.stats(path) == query.stats(path)
    assert callable(detente.events) and callable(detente.actors) and callable(detente.search)
    assert detente.events.__name__ == "detente.events"  # still the subpackage
    assert len(detente.events(path, limit=5)) == 5
    assert detente.actors(path, "rus", 3) == query.actors(path, "rus", 3)
    assert detente.stories(path).items == query.stories(path).items
    assert detente.shifts(path) == query.shifts(path)
    first = query.events(path, limit=1).items[0]
    doc = detente.document(path, first["doc_id"][:10])
    assert doc["doc_id"] == first["doc_id"] and doc["events"]
    words = doc["title"].split()[:2] if doc["title"] else doc["text"].split()[:2]
    assert first["doc_id"] in [d["doc_id"] for d in detente.search(path, " ".join(words), 200)]


def test_pages_follow_their_cursor_without_repeats(store: Store) -> None:
    seen: list[tuple[str, int]] = []
    page = query.events(store, limit=7)
    while True:
        seen += [(e["doc_id"], e["idx"]) for e in page]
        if page.next_cursor is None:
            break
        page = query.events(store, limit=7, cursor=page.next_cursor)
    assert len(seen) == len(set(seen)) == query.stats(store)["events"]


def test_dates_and_roots_are_read_as_the_cli_reads_them(store: Store) -> None:
    rows = query.events(store, root=4, since="1900-01-01", limit=200).items
    assert rows == query.events(store, root="04", since=date(1900, 1, 1), limit=200).items
    assert all(e["root"] == "04" and e["date"] is not None for e in rows)


def test_a_dyad_is_rolled_up_to_countries(store: Store) -> None:
    pair = store.query(
        "SELECT a, b FROM (SELECT least(source, target) a, greatest(source, target) b,"
        " count(*) n FROM corroborated WHERE source <> '' AND target <> '' AND date IS NOT NULL"
        " GROUP BY 1, 2) ORDER BY n DESC, a, b LIMIT 1"
    )
    if not pair:
        pytest.skip("the examples' corpus stages merged no dated events between two actors")
    a, b = pair[0]
    found = query.dyad(store.path, b, a)
    assert (found["a"], found["b"]) == tuple(sorted((country_of(store, a), country_of(store, b))))
    assert sum(r["events"] for r in found["series"]) > 0


@pytest.mark.parametrize(
    ("call", "error", "words"),
    [
        (lambda db: query.events(db, actor="NOSUCHACTOR"), NotFound, "no actor 'NOSUCHACTOR'"),
        (lambda db: query.events(db, since="last week"), BadQuery, "not a date"),
        (lambda db: query.events(db, root="99"), BadQuery, "no CAMEO root"),
        (lambda db: query.events(db, cursor="garbage!"), BadQuery, "cursor"),
        (lambda db: query.dyad(db, "RUS", "RUSGOV"), BadQuery, "both part of"),
        (lambda db: query.document(db, "fffffffffff0"), NotFound, "no document"),
        (lambda db: query.story(db, "s-zzzz"), NotFound, "no story"),
        (lambda db: query.actor(db, "NOSUCHACTOR"), NotFound, "no actor"),
    ],
)
def test_bad_questions_are_answered_with_the_reason(
    store: Store, call: object, error: type[Exception], words: str
) -> None:
    with pytest.raises(error, match=re.escape(words)):
        call(store)  # type: ignore[operator]


def test_a_missing_database_is_named_and_never_created(tmp_path: Path) -> None:
    missing = tmp_path / "none.duckdb"
    with pytest.raises(StoreError, match="no database at"):
        query.stats(missing)
    assert not missing.exists()


# ---- the same question gets the same answer ---------------------------------------------------


def test_the_api_serves_the_read_models_stats(store: Store, tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from detente.api.app import ServeConfig, create_app

    copy = tmp_path / "served.duckdb"
    shutil.copy(store.path, copy)
    app = create_app(ServeConfig(db=copy, read_only=True))
    with TestClient(app, base_url="http://127.0.0.1") as client:
        served = client.get("/api/stats").json()
    assert served == json.loads(json.dumps(query.stats(copy), default=str))
