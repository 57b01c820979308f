"""Runs that stop cleanly (Ctrl-C and SIGTERM at any worker count; watch and serve on SIGTERM)
and pathological inputs (huge lines, endless sentences) split with their offsets kept."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from itertools import pairwise
from pathlib import Path
from typing import Any

import psutil
import pytest

from bench.make_corpus import write as make_corpus
from detente.store import Store
from tests.conftest import CLI, free_port
from tests.test_watch import Site, make_handler

Disposition = Callable[[], None]


def default_signals() -> None:
    """A known start: SIGINT and SIGTERM as a fresh interactive process has them."""
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def sigint_ignored() -> None:
    """As a background job of a non-interactive shell starts: SIGINT ignored."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def start(args: list[str], disposition: Disposition, **kwargs: Any) -> subprocess.Popen[str]:
    """The CLI in its own session (so a signal can go to its whole process group, as a
    terminal's Ctrl-C does), with a known signal disposition whatever pytest inherited."""
    env = dict(os.environ, HF_HUB_OFFLINE="1", COLUMNS="200")
    return subprocess.Popen(
        [*CLI, *args], text=True, env=env, start_new_session=True, preexec_fn=disposition,
        **kwargs,
    )  # fmt: skip


class Lines:
    """A process's stderr read in a thread (so the pipe never fills), line by line."""

    def __init__(self, proc: subprocess.Popen[str]) -> None:
        assert proc.stderr is not None
        self.lines: list[str] = []
        self.changed = threading.Condition()
        self.thread = threading.Thread(target=self._read, args=(proc.stderr,), daemon=True)
        self.thread.start()

    def _read(self, stream: Any) -> None:
        for line in stream:
            with self.changed:
                self.lines.append(line)
                self.changed.notify_all()

    def wait_for(self, text: str, timeout: float = 240) -> bool:
        with self.changed:
            return self.changed.wait_for(
                lambda: any(text in line for line in self.lines), timeout=timeout
            )

    def text(self) -> str:
        self.thread.join(timeout=30)
        return "".join(self.lines)


def unique_articles(folder: Path, n: int) -> Path:
    """`n` generated articles, each made unique, as one JSONL file."""
    source = make_corpus(folder / "generated", n).read_text(encoding="utf-8").splitlines()
    path = folder / "articles.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for i, line in enumerate(source):
            record = json.loads(line)
            record["title"] = f"{record['title']} ({i})"
            record["text"] = f"Dispatch {i}. {record['text']} Filed as report {i}."
            fh.write(json.dumps(record) + "\n")
    return path


@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return unique_articles(tmp_path_factory.mktemp("articles"), 240)


def wait_gone(pids: list[psutil.Process], timeout: float = 30) -> list[int]:
    """Processes of `pids` still running after up to `timeout` seconds."""
    _, alive = psutil.wait_procs(pids, timeout=timeout)
    return [p.pid for p in alive]


def runs(db: Path) -> list[tuple[str, dict[str, Any]]]:
    with Store.open(db, read_only=True) as store:
        rows = store.query("SELECT status, counts FROM runs ORDER BY started_at")
    return [(status, json.loads(counts)) for status, counts in rows]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("engine", "workers", "disposition", "signum"),
    [
        ("local", 2, default_signals, signal.SIGINT),
        ("local", 1, sigint_ignored, signal.SIGINT),
        ("local", 2, sigint_ignored, signal.SIGTERM),
        ("ray", 1, default_signals, signal.SIGINT),
    ],
    ids=["two-workers-ctrl-c", "one-worker-ctrl-c-in-background", "two-workers-sigterm",
         "ray-ctrl-c"],
)  # fmt: skip
def test_interrupted_run_says_what_it_stored_and_a_rerun_finishes_it(
    articles: Path,
    tmp_path: Path,
    engine: str,
    workers: int,
    disposition: Disposition,
    signum: int,
) -> None:
    db = tmp_path / "runs.duckdb"
    command = ["-v", "analyze", str(articles), "--db", str(db), "--workers", str(workers),
               "--batch-size", "8", "--engine", engine]  # fmt: skip
    proc = start(command, disposition, stderr=subprocess.PIPE)
    lines = Lines(proc)
    try:
        assert lines.wait_for("stored a batch of"), lines.text()
        family = psutil.Process(proc.pid).children(recursive=True)
        os.killpg(proc.pid, signum)  # the whole group, as a terminal's Ctrl-C reaches it
        proc.wait(timeout=120)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    said = lines.text()
    assert proc.returncode == 128 + signum, said
    assert "Traceback" not in said and "│" not in said, said  # no plain or rich traceback
    message = [line for line in said.splitlines() if line.startswith("interrupted:")]
    assert len(message) == 1 and "run the same command again to finish the job" in message[0]
    assert not wait_gone(family), "worker processes outlived the run"
    (status, counts), *_ = runs(db)
    stored = counts["stored"]
    assert status == "interrupted" and 0 < stored < 240
    assert f"interrupted: {stored:,} documents stored" in message[0]
    with Store.open(db, read_only=True) as store:
        assert store.query("SELECT count(*) FROM documents")[0][0] == stored
    again = subprocess.run([*CLI, *command[1:]], capture_output=True, text=True, check=False,
                           env=dict(os.environ, HF_HUB_OFFLINE="1"), timeout=600)  # fmt: skip
    assert again.returncode == 0, again.stderr
    assert [status for status, _ in runs(db)] == ["interrupted", "ok"]
    with Store.open(db, read_only=True) as store:
        origins = store.query("SELECT count(*), count(DISTINCT origin) FROM documents")[0]
        pending = store.query("SELECT count(*) FROM documents WHERE status = 'pending'")[0][0]
    assert origins == (240, 240) and pending == 0
    assert runs(db)[1][1]["already_stored"] == stored


# ---- pathological inputs: parsed in pieces, offsets kept -----------------------------------


def unpunctuated(kilobytes: int, folder: Path) -> str:
    from bench.long_input import long_line

    return long_line(kilobytes, False, folder)


@pytest.mark.parametrize(
    "text",
    [
        "word " * 2000,  # one line of spaces and words, no sentence end
        "a\tb " * 1500,  # tabs count as spaces
        "x" * 2500,  # one "word" longer than any limit: cut inside it
        ("Talks went on. " * 40 + "\n\n") * 60,  # punctuated, over the piece size
        "Russia and China met " * 300 + ". Then they parted.",
    ],
    ids=["no-sentence-end", "tabs", "one-huge-word", "long-punctuated", "run-then-sentence"],
)
def test_pieces_cover_the_text_exactly_and_stay_bounded(text: str) -> None:
    from detente.nlp import MAX_PIECE_CHARS, MAX_RUN_CHARS, piece_bounds

    bounds, forced = piece_bounds(text)
    assert "".join(text[start:end] for start, end in bounds) == text
    assert all(end > start for start, end in bounds)
    assert all(end - start <= MAX_PIECE_CHARS for start, end in bounds)
    runs = [len(run) for start, end in bounds for run in re.split(r"[.!?\n]", text[start:end])]
    assert max(runs) <= MAX_RUN_CHARS
    assert (forced > 0) == (max(len(r) for r in re.split(r"[.!?\n]", text)) > MAX_RUN_CHARS)


@pytest.mark.parametrize(
    "text",
    [
        "Russia and China signed a trade deal in Moscow on Monday. " * 30,
        "Short paragraph one.\n\nShort paragraph two with Japan and India.",
        "A single line of moderate length naming Brazil and Kenya without an end" * 10,
    ],
)
def test_ordinary_text_is_one_piece(text: str) -> None:
    from detente.nlp import piece_bounds

    assert piece_bounds(text) == ([(0, len(text))], 0)


def test_joined_parse_keeps_text_sentences_and_entities_where_they_were() -> None:
    from detente.nlp import load_nlp, parse_texts

    nlp = load_nlp()
    lead = "Japanese Prime Minister met Indian officials in New Delhi "
    texts = [lead * 60, "Brazil and Kenya signed a pact. " * 700, "Norway protested."]
    docs = list(parse_texts(nlp, [(t, f"text {i}") for i, t in enumerate(texts)]))
    assert [d.text for d in docs] == texts
    long_line = docs[0]
    assert max(len(s.text) for s in long_line.sents) <= 1000 < len(texts[0])
    for entity in long_line.ents:
        assert texts[0][entity.start_char : entity.end_char] == entity.text
    assert {e.text for e in long_line.ents if e.label_ == "GPE"} >= {"New Delhi"}


@pytest.mark.slow
def test_a_huge_line_without_punctuation_is_split_with_a_warning_and_offsets_stay_exact(
    tmp_path: Path,
) -> None:
    line = unpunctuated(40, tmp_path)
    path = tmp_path / "one-line.txt"
    path.write_text(line + "\n", encoding="utf-8")
    db = tmp_path / "line.duckdb"
    result = subprocess.run([*CLI, "analyze", str(path), "--db", str(db)], capture_output=True,
                            text=True, env=dict(os.environ, HF_HUB_OFFLINE="1", COLUMNS="300"),
                            timeout=600, check=False)  # fmt: skip
    assert result.returncode == 0, result.stderr
    said = " ".join(result.stderr.split())
    assert "one-line.txt" in said and "no sentence end" in said, said
    export = tmp_path / "export"
    exported = subprocess.run([*CLI, "export", "--format", "jsonl", "--out", str(export), "--db",
                               str(db)], capture_output=True, text=True, check=False,
                              env=dict(os.environ, HF_HUB_OFFLINE="1"), timeout=300)  # fmt: skip
    assert exported.returncode == 0, exported.stderr
    (document,) = [json.loads(x) for x in (export / "documents.jsonl").read_text().splitlines()]
    text = document["text"]
    assert document["mentions"] and document["events"]
    for mention in document["mentions"]:
        assert text[mention["start"] : mention["end"]] == mention["text"]
    for event in document["events"]:
        evidence = event["evidence"]
        assert text[evidence["start"] : evidence["end"]] == evidence["text"]
    with Store.open(db, read_only=True) as store:
        sentences = store.query("SELECT start_char, end_char FROM sentences ORDER BY start_char")
    assert len(sentences) >= len(text) // 1000
    assert all(end - start <= 1000 for start, end in sentences)
    assert all(a[1] <= b[0] for a, b in pairwise(sentences))


# ---- watch and serve: SIGTERM stops them as cleanly as Ctrl-C, whatever they inherited ------


@pytest.fixture
def feed() -> Iterator[Site]:
    """A local feed server with two items (the watch tests' own)."""
    from http.server import ThreadingHTTPServer

    state = Site()
    server = ThreadingHTTPServer(("127.0.0.1", free_port()), make_handler(state))
    server.daemon_threads = True
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield state
    server.shutdown()
    server.server_close()


@pytest.mark.slow
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["sigterm", "ctrl-c"])
def test_watch_stops_cleanly_on_sigterm_or_ctrl_c_when_started_in_the_background(
    feed: Site, tmp_path: Path, signum: int
) -> None:
    db = tmp_path / "watch.duckdb"
    listing = tmp_path / "sources.yaml"
    listing.write_text(f"sources:\n  - {{name: wire, url: '{feed.base}/feed.xml'}}\n")
    command = ["watch", str(listing), "--every", "1s", "--allow-private", "--db", str(db)]
    proc = start(command, sigint_ignored, stderr=subprocess.PIPE)
    lines = Lines(proc)
    try:
        assert lines.wait_for("polled "), lines.text()
        proc.send_signal(signum)
        proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    said = lines.text()
    assert proc.returncode == 0 and "stopped" in said and "Traceback" not in said, said
    with Store.open(db) as store:  # released: it opens for writing
        assert store.query("SELECT count(*) FROM documents")[0][0] == 2


@pytest.mark.slow
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["sigterm", "ctrl-c"])
def test_serve_with_a_watcher_stops_on_sigterm_and_releases_the_store(
    feed: Site, tmp_path: Path, signum: int
) -> None:
    import httpx

    db = tmp_path / "served.duckdb"
    listing = tmp_path / "sources.yaml"
    listing.write_text(f"sources:\n  - {{name: wire, url: '{feed.base}/feed.xml', every: 1s}}\n")
    port = free_port()
    command = ["serve", "--port", str(port), "--watch", str(listing), "--allow-private",
               "--db", str(db)]  # fmt: skip
    proc = start(command, sigint_ignored, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL)
    lines = Lines(proc)
    try:
        found: list[Any] = []
        deadline = time.monotonic() + 120
        while len(found) < 2 and time.monotonic() < deadline and proc.poll() is None:
            try:
                found = httpx.get(f"http://127.0.0.1:{port}/api/documents", timeout=5).json()[
                    "items"
                ]
            except (httpx.HTTPError, ValueError):
                time.sleep(0.2)  # not listening yet: poll again
        assert len(found) == 2, lines.text()
        proc.send_signal(signum)
        proc.wait(timeout=90)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    said = lines.text()
    assert proc.returncode == 0 and "stopped" in said and "Traceback" not in said, said
    with Store.open(db) as store:  # released: it opens for writing
        assert store.query("SELECT count(*) FROM documents")[0][0] == 2


def test_sentence_entities_match_spacys_without_walking_the_document() -> None:
    from detente.nlp import load_nlp, sentence_ents

    texts = [
        "Japan and India signed a pact in New Delhi on Monday. The United Nations welcomed it.",
        "North Korean leader Kim Jong Un hosted Vladimir Putin in Pyongyang last week",
        "Talks in Geneva. Brazil",
    ]
    for doc in load_nlp().pipe(texts):
        for sent in doc.sents:
            ours = [(e.start, e.end, e.label_) for e in sentence_ents(sent)]
            assert ours == [(e.start, e.end, e.label_) for e in sent.ents]


def test_python_api_raises_run_interrupted_with_what_was_stored(tmp_path: Path) -> None:
    import detente
    from detente.pipeline import RunInterrupted, RunReport

    articles = unique_articles(tmp_path, 12)

    def stop_after_first_batch(report: RunReport) -> None:
        raise KeyboardInterrupt  # as Ctrl-C arriving while the first batch is reported

    db = tmp_path / "api.duckdb"
    with pytest.raises(RunInterrupted) as stopped:
        detente.ingest_inputs([str(articles)], db=db, batch_size=4, progress=stop_after_first_batch)
    assert isinstance(stopped.value, KeyboardInterrupt)  # a script's Ctrl-C handling still works
    assert stopped.value.report.stored == 4
    ((status, counts),) = runs(db)
    assert status == "interrupted" and counts["stored"] == 4
