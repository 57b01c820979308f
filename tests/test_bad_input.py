"""Bad input gets one clear line naming it; the run goes on; exit status says something failed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from detente.config import Settings
from detente.errors import InputError
from detente.ingest import read_inputs
from detente.pipeline import run

from .conftest import run_cli

GOOD = (
    "Envoys meet in Cairo\n\nEgypt and Qatar envoys met in Cairo on Sunday to discuss a ceasefire."
)


def errors_for(path: Path, **settings: object) -> list[InputError]:
    items = read_inputs([str(path)], Settings(**settings))  # type: ignore[arg-type]
    return [i for i in items if isinstance(i, InputError)]


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty input"),
        ("blank.txt", b"  \n\n \t ", "empty input"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary"),
        ("nul.html", b"<html>\x00\x00\x00\x01\x02</html>", "binary"),
        ("empty.jsonl", b"", "empty input"),
        ("broken.rss", b"<?xml version='1.0'?><rss><channel><item><title>x", "malformed feed"),
        ("no-text.html", b"<html><body><script>alert(1)</script><nav>Menu</nav></body></html>", ""),
    ],
)
def test_unreadable_content_is_refused_with_a_reason(
    tmp_path: Path, name: str, content: bytes, reason: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    if name == "no-text.html":  # HTML is read as is; extraction (in the run) finds no text
        report = run([str(path)], Settings(db=tmp_path / "x.duckdb"))
        assert report.errors and "no text" in report.errors[0][1] and report.stored == 0
        return
    errors = errors_for(path)
    assert errors and reason in errors[0].reason and errors[0].origin == str(path)


def test_latin1_text_is_decoded_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes(
        "Le ministre a rencontré son homologue à Genève; la réunion était très attendue.".encode(
            "latin-1"
        )
    )
    docs = list(read_inputs([str(path)], Settings()))
    assert docs and "rencontré" in (docs[0].text or "")  # type: ignore[union-attr]
    assert "not valid UTF-8" in caplog.text


def test_mojibake_is_repaired(tmp_path: Path) -> None:
    path = tmp_path / "moji.txt"
    path.write_text(
        "Putinâ€™s envoy met Kimâ€™s sister in Pyongyang on Monday, and the two "
        "discussed the summit that is planned for the spring."
    )
    report = run([str(path)], Settings(db=tmp_path / "m.duckdb"))
    from detente.store import Store

    with Store.open(tmp_path / "m.duckdb", read_only=True) as store:
        assert store.query("SELECT text FROM documents")[0][0].startswith("Putin’s envoy met Kim’s")
    assert report.analysed == 1


def test_huge_text_is_refused_naming_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("w") as handle:
        for _ in range(50):
            handle.write(("The envoy met the minister. " * 37_000)[:1_000_000])
    errors = errors_for(path)
    assert "50.0 MB is above the 10.0 MB limit" in errors[0].reason


def test_malformed_jsonl_lines_are_skipped_one_by_one(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text(
        '{"text": "Kenya and Uganda signed a trade deal on Monday."}\n{"text": broken\n'
        '[1, 2]\n{"title": "no text"}\n{"text": "Peru and Chile agreed to talks."}\n'
    )
    items = list(read_inputs([str(path)], Settings()))
    errors = {i.origin.rsplit(":", 1)[1]: i.reason for i in items if isinstance(i, InputError)}
    assert set(errors) == {"2", "3", "4"}
    assert (
        "malformed JSON" in errors["2"] and "JSON object" in errors["3"] and "`text`" in errors["4"]
    )
    assert sum(not isinstance(i, InputError) for i in items) == 2


def test_missing_and_unreadable_paths(tmp_path: Path) -> None:
    link = tmp_path / "dangling.txt"
    os.symlink(tmp_path / "nowhere", link)
    assert "cannot read" in errors_for(link)[0].reason
    assert "no such file" in errors_for(tmp_path / "absent.txt")[0].reason


def test_cli_reports_each_bad_input_and_exits_1_but_stores_the_good(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(GOOD)
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02" * 100)
    db = tmp_path / "cli.duckdb"
    result = run_cli("analyze", str(tmp_path), str(tmp_path / "missing.txt"), "--db", str(db))
    assert result.returncode == 1
    for name, reason in [
        ("empty.txt", "empty input"),
        ("bin.txt", "binary"),
        ("missing.txt", "no such file"),
    ]:
        assert any(name in line and reason in line for line in result.stderr.splitlines()), (
            result.stderr
        )
    assert "3 inputs skipped" in result.stderr
    assert "analysed" in run_cli("stats", "--db", str(db)).stdout


def test_hostile_markup_leaves_only_text(tmp_path: Path) -> None:
    nested = "<div>" * 5000 + "deep" + "</div>" * 5000
    html = (
        "<html><head><script>steal(document.cookie)</script></head><body>"
        '<article><h1 onmouseover="alert(1)">Envoys meet in Cairo</h1>'
        "<p>Egypt and Qatar envoys met in Cairo on Sunday to discuss a ceasefire.</p>"
        '<p><a href="javascript:alert(2)">Click</a> <img src=x onerror="alert(3)">'
        "The talks will resume next week, officials said.</p></article>"
        f"<iframe src='https://evil.example'></iframe>{nested}<style>body{{}}</style></body></html>"
    )
    path = tmp_path / "hostile.html"
    path.write_text(html)
    report = run([str(path)], Settings(db=tmp_path / "h.duckdb"))
    assert report.analysed == 1 and not report.errors
    from detente.store import Store

    with Store.open(tmp_path / "h.duckdb", read_only=True) as store:
        text = store.query("SELECT text FROM documents")[0][0]
    assert "Egypt and Qatar envoys" in text
    for fragment in ("steal(", "alert(", "javascript:", "<", "onerror"):
        assert fragment not in text


def test_a_failing_analysis_step_keeps_the_document_and_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import detente.events.coder as coder
    import detente.pipeline as pipeline
    from detente.config import Settings
    from detente.store import Store

    def broken(*args: object, **kwargs: object) -> list[object]:
        raise RuntimeError("coder bug")

    monkeypatch.setattr(coder, "code_document", broken)
    doc = tmp_path / "a.txt"
    doc.write_text("Russia and China held talks in Beijing on Monday about trade and security.")
    report = pipeline.run([str(doc)], Settings(db=tmp_path / "x.duckdb"))
    assert report.analysed == 1 and not report.errors
    with Store.open(tmp_path / "x.duckdb", read_only=True) as store:
        assert store.query("SELECT count(*) FROM sentences")[0][0] == 1
        assert store.query("SELECT count(*) FROM events")[0][0] == 0
