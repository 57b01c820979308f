"""The README's quick start beside a running server (issue 19, "Done when"): while `detente serve`
holds a store, `detente analyze` and `detente corpus` write the same file; requests made during a
long write wait or answer a clear 503 naming the writer; afterwards the server shows what was
written without a restart, and its own writes still work. Real server, real CLI, real DuckDB.

Nothing here measures time: every wait is on a condition, with generous bounds.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from detente.holders import command_of, describe, running_server, waiting_writer, wanting
from tests.conftest import API_TOKEN, CLI, run_cli, serve_store

AUTH = {"Authorization": f"Bearer {API_TOKEN}"}

# our own writing: three short reports from one invented outlet
ARTICLES = {
    "accord.txt": (
        "Chile and Peru sign a fisheries accord\n\n"
        "Chile and Peru signed a fisheries accord in Lima on Monday, ending a long dispute over "
        "the anchovy catch. The Chilean foreign minister praised the agreement."
    ),
    "talks.txt": (
        "Kenya hosts talks with Ethiopia\n\n"
        "Kenya hosted talks with Ethiopia in Nairobi on Tuesday about the shared border. Both "
        "delegations promised to meet again next month."
    ),
    "aid.txt": (
        "Norway pledges aid to Moldova\n\n"
        "Norway pledged humanitarian aid to Moldova on Wednesday, the Norwegian government said "
        "in a statement issued in Oslo."
    ),
}


def wait_for(check: Callable[[], Any], what: str, bound: float = 180) -> Any:
    """Poll `check` until it returns something truthy; fail naming `what` after `bound` s."""
    deadline = time.monotonic() + bound
    while True:
        found = check()
        if found:
            return found
        if time.monotonic() > deadline:
            pytest.fail(f"gave up waiting for {what}")
        time.sleep(0.3)


@pytest.fixture(scope="module")
def beside_db(served_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("beside") / "beside.duckdb"
    shutil.copy(served_db, db)
    return db


@pytest.fixture(scope="module")
def beside_server(beside_db: Path) -> Iterator[str]:
    yield from serve_store(beside_db)


def listed_ids(base: str, **params: str) -> set[str]:
    answer = httpx.get(f"{base}/api/documents", params={"limit": "200", **params}, timeout=120)
    assert answer.status_code == 200, answer.text
    return {d["doc_id"] for d in answer.json()["items"]}


def test_analyze_and_corpus_write_while_the_server_runs_and_it_shows_the_result(
    beside_server: str, beside_db: Path, tmp_path: Path
) -> None:
    before = listed_ids(beside_server)
    folder = tmp_path / "news"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    assert running_server(beside_db) is not None, "the server leaves its note beside the file"

    analysed = run_cli("analyze", str(folder), "--db", str(beside_db))
    assert analysed.returncode == 0, analysed.stderr
    assert "Traceback" not in analysed.stderr

    new = wait_for(lambda: listed_ids(beside_server) - before, "the server to list new documents")
    assert len(new) == len(ARTICLES)
    titles = {httpx.get(f"{beside_server}/api/documents/{d}", timeout=60).json()["title"]
              for d in new}  # fmt: skip
    assert "Kenya hosts talks with Ethiopia" in titles

    stories = run_cli("corpus", "--db", str(beside_db))
    assert stories.returncode == 0, stories.stderr
    assert "Traceback" not in stories.stderr

    def placed() -> bool:  # the corpus stages put every new document in a story
        answer = httpx.get(f"{beside_server}/api/documents", params={"limit": "200"}, timeout=120)
        found = {d["doc_id"]: d.get("story_id") for d in answer.json()["items"]}
        return all(found.get(d) for d in new)

    wait_for(placed, "the server to show the new documents' stories")
    # the full-text index follows the outside write (rebuilt by the server itself)
    wait_for(lambda: listed_ids(beside_server, q="anchovy") & new, "search to find a new document")
    page = httpx.get(f"{beside_server}/", timeout=60)
    assert page.status_code == 200
    posted = httpx.post(f"{beside_server}/api/documents", headers=AUTH, timeout=300, json={
        "title": "Ghana and Togo agree a border survey",
        "text": "Ghana and Togo agreed on Thursday to survey their shared border together.",
        "source": "Beside Wire", "published": "2024-06-06"})  # fmt: skip
    assert posted.status_code == 201, posted.text


def test_a_request_during_a_long_write_answers_a_clear_503_then_sees_the_write(
    beside_server: str, beside_db: Path
) -> None:
    # `detente analyze -` holds the file for writing until its standard input ends
    env = dict(os.environ, HF_HUB_OFFLINE="1", COLUMNS="200")
    writer = subprocess.Popen([*CLI, "analyze", "-", "--db", str(beside_db)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, env=env)  # fmt: skip
    try:

        def refused() -> httpx.Response | None:
            answer = httpx.get(f"{beside_server}/api/stats", timeout=120)
            assert answer.status_code in (200, 503), answer.text
            return answer if answer.status_code == 503 else None

        busy = wait_for(refused, "a request to meet the command's write")
        error = busy.json()["error"]
        assert error["code"] == "store_busy"
        said = error["message"]
        assert "`detente analyze`" in said and f"pid {writer.pid}" in said, said
        assert "try again in a moment" in said
        html = httpx.get(f"{beside_server}/outlets", timeout=120)
        if html.status_code == 503:  # a web page says the same, as a page
            assert "text/html" in html.headers["content-type"]
            assert "detente analyze" in html.text and "Traceback" not in html.text
        else:  # the write ended meanwhile (a very slow machine): it waited and succeeded
            assert html.status_code == 200, html.text
        text = "Iceland and Greenland agreed a fishing quota in Reykjavik on Friday."
        _, stderr = writer.communicate(json.dumps({"text": text, "title": "Quota deal",
                                                   "source": "Beside Wire"}) + "\n",
                                       timeout=600)  # fmt: skip
    finally:
        if writer.poll() is None:
            writer.kill()
            writer.wait()
    assert writer.returncode == 0, stderr
    assert "Traceback" not in stderr
    wait_for(lambda: listed_ids(beside_server, source="Beside Wire"), "the written document")
    titles = [d["title"] for d in httpx.get(f"{beside_server}/api/documents",
              params={"source": "Beside Wire", "limit": "50"}, timeout=60).json()["items"]]  # fmt: skip
    assert "Quota deal" in titles
    posted = httpx.post(f"{beside_server}/api/documents", headers=AUTH, timeout=300, json={
        "title": "Benin and Niger reopen a crossing",
        "text": "Benin and Niger reopened a border crossing at Malanville on Saturday.",
        "source": "Beside Wire"})  # fmt: skip
    assert posted.status_code == 201, posted.text


# ---- the notes and names behind the messages (no server needed) -------------------------------


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["/x/.venv/bin/python", "/x/.venv/bin/detente", "analyze", "news/"], "detente analyze"),
        (["python3", "-m", "detente.cli", "corpus", "--db", "a.duckdb"], "detente corpus"),
        (["detente", "-v", "ingest", "a.txt"], "detente ingest"),
        (["/usr/bin/detente"], "detente"),
        (["python", "-c", "import duckdb"], None),
        (["python", "/x/detente_tools.py", "analyze"], None),
    ],
)
def test_a_detente_command_is_named_from_its_command_line(
    argv: list[str], expected: str | None
) -> None:
    assert command_of(argv) == expected


def test_a_live_process_is_described_and_a_missing_one_is_not_guessed() -> None:
    me = describe(os.getpid())
    assert me.startswith(f"process {os.getpid()} (") or me.endswith(f"(pid {os.getpid()})")
    assert describe(None) == "another process"
    lock = "Conflicting lock is held in /usr/bin/python3 (PID 4194303). See also"
    assert describe(4194303, lock) == "process 4194303 (/usr/bin/python3)"


def test_a_waiting_writer_is_seen_only_while_it_waits(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    assert waiting_writer(db) is None
    with wanting(db):
        seen = waiting_writer(db)
        assert seen is not None and f"pid {os.getpid()}" in seen
    assert waiting_writer(db) is None
    # a note left by a process that is gone is no writer
    (tmp_path / "w.duckdb.serve.want").write_text(json.dumps({"pid": 4194303}), "utf-8")
    assert waiting_writer(db) is None
