"""Corroboration counts outlets, not copies: paraphrases of one happening merge into one event
within a story, and syndicated copies from other outlets count as sightings."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from detente.config import Settings
from detente.corpus import run_corpus
from detente.corpus.corroborate import Report, by_date, compatible, group_reports, is_wire
from detente.pipeline import run
from detente.store import Store

# Three outlets' own words for one kidnapping, and a fourth outlet carrying the first's text.
# The three are written close enough for today's story grouping to put them together.
WIRE_TEXT = (
    "Gunmen in Mali kidnapped two Italian aid workers near the town of Gao on Tuesday, Italian"
    " officials said. The two women worked for a medical charity that runs clinics in the"
    " region. Italy's foreign ministry said it had set up a crisis unit and was working for"
    " their release. No group has claimed responsibility for the abduction."
)
KIDNAPPING = [
    ("Gunmen kidnap two Italian aid workers in Mali", WIRE_TEXT, "2025-03-11",
     "Sahel Wire Service", "https://sahelwire.example/a1"),
    ("Two Italians abducted in northern Mali",
     "Armed men abducted two Italian humanitarian workers in northern Mali, the government in"
     " Rome said on Wednesday. The pair were seized as they drove back from a clinic outside"
     " Gao, according to local sources. Prime Minister Giorgia Meloni said Italy would spare no"
     " effort to bring them home.", "2025-03-12", "The Continental Post",
     "https://continental.example/b1"),
    ("Two Italian aid workers kidnapped in Mali",
     "Militants in Mali seized two Italian aid workers near the town of Gao on Tuesday,"
     " officials in Bamako said. The two women work for a medical charity, and Italy has called"
     " for their release. The kidnapping is the latest in a string of attacks on foreigners in"
     " the Sahel.", "2025-03-13", "Rome Evening Courier", "https://romecourier.example/c1"),
    ("Gunmen kidnap two Italian aid workers in Mali", WIRE_TEXT, "2025-03-12",
     "Lagos Daily Mirror", "https://lagosmirror.example/x9"),
]  # fmt: skip


@pytest.fixture(scope="module")
def kidnapping(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("kidnapping")
    path = folder / "k.jsonl"
    path.write_text(
        "".join(
            json.dumps({"title": t, "text": x, "published": p, "source": s, "url": u}) + "\n"
            for t, x, p, s, u in KIDNAPPING
        )
    )
    db = folder / "k.duckdb"
    report = run([str(path)], Settings(db=db))
    assert report.stored == 3 and report.already_stored == 1
    run([str(path)], Settings(db=db))  # reading the same input again records no new sighting
    run_corpus(Settings(db=db))
    return db


def test_a_syndicated_copy_from_another_outlet_is_a_sighting(kidnapping: Path) -> None:
    with Store.open(kidnapping, read_only=True) as store:
        rows = store.query("SELECT outlet, url, kind FROM sightings")
        analysed = store.query("SELECT count(*) FROM documents")[0][0]
    assert rows == [("Lagos Daily Mirror", "https://lagosmirror.example/x9", "copy")]
    assert analysed == 3  # the copy's text is not stored or analysed twice


def test_one_kidnapping_told_by_four_outlets_is_one_event(kidnapping: Path) -> None:
    with Store.open(kidnapping, read_only=True) as store:
        stories = store.query("SELECT count(DISTINCT story_id) FROM story_members")[0][0]
        events = store.records(
            "SELECT cameo, root, codes, n_sources, sources, n_sightings, date FROM corroborated"
            " WHERE quad_class = 4"
        )
    assert stories == 1
    assert len(events) == 1, events
    event = events[0]
    assert event["n_sources"] == 4 and event["n_sightings"] == 1, event
    assert "Lagos Daily Mirror" in event["sources"]
    assert event["root"] in {"17", "18"} and event["date"] == date(2025, 3, 11)


def _r(doc: str, source: str, target: str, cameo: str, day: str, stated: bool = True) -> Report:
    return Report(doc, source, target, cameo, date.fromisoformat(day), "day", f"out-{doc}", stated)


def test_a_report_with_one_side_unknown_joins_the_one_pair_holding_its_side() -> None:
    reports = [
        ("18", _r("a", "", "ITA", "181", "2025-03-11")),
        ("17", _r("b", "MLI", "ITA", "171", "2025-03-11")),
        ("19", _r("c", "ITA", "", "190", "2025-03-12")),
    ]
    groups = group_reports(reports)
    assert list(groups) == [("ITA", "MLI", "17")]
    assert {r.doc_id for r in groups[("ITA", "MLI", "17")]} == {"a", "b", "c"}


def test_unknown_side_stays_apart_when_two_pairs_could_hold_it() -> None:
    reports = [
        ("18", _r("a", "MLI", "ITA", "181", "2025-03-11")),
        ("18", _r("b", "NER", "ITA", "181", "2025-03-11")),
        ("18", _r("c", "", "ITA", "181", "2025-03-11")),
    ]
    assert ("", "ITA", "17") in group_reports(reports)  # ambiguous: not guessed


def test_roots_of_different_families_stay_apart() -> None:
    reports = [
        ("04", _r("a", "PHL", "VNM", "042", "2025-03-11")),
        ("05", _r("b", "PHL", "VNM", "057", "2025-03-11")),
        ("05", _r("c", "VNM", "PHL", "051", "2025-03-12")),
    ]
    groups = group_reports(reports)
    assert len(groups) == 2  # a visit is not the pact; praise and the pact share root 05
    assert len(groups[("PHL", "VNM", "05")]) == 2


def test_a_publication_day_reaches_back_to_a_stated_day_but_not_forward() -> None:
    told = _r("a", "MLI", "ITA", "181", "2025-03-11")
    assert compatible(told, _r("b", "MLI", "ITA", "181", "2025-03-15", stated=False))
    assert not compatible(told, _r("b", "MLI", "ITA", "181", "2025-03-20", stated=False))
    assert not compatible(told, _r("b", "MLI", "ITA", "181", "2025-03-05", stated=False))
    # two stated days a week apart are two happenings, and so are two publication days
    assert not compatible(told, _r("b", "MLI", "ITA", "181", "2025-03-15"))
    later = _r("c", "MLI", "ITA", "181", "2025-03-15", stated=False)
    assert not compatible(_r("d", "MLI", "ITA", "181", "2025-03-11", stated=False), later)
    assert len(by_date([told, later, _r("e", "MLI", "ITA", "181", "2025-03-25")])) == 2


def test_wire_outlets_come_from_the_data_file() -> None:
    assert is_wire("Reuters") and is_wire("Agence France-Presse") and is_wire("AP")
    assert is_wire("Ministry of Foreign Affairs") and is_wire("state.gov")
    assert not is_wire("The Daily Meridian") and not is_wire("Apple Daily")
