"""Event coding: the codebook, the lexicon, the coder on our sentences and the samples, exports."""

from __future__ import annotations

import csv
import json
import re
from datetime import date
from pathlib import Path

import pytest

from detente.config import Settings
from detente.events.cameo import CodebookError, load_codebook, load_lexicon
from detente.events.coder import code_text
from detente.events.export import GDELT_COLUMNS
from detente.model import Event
from detente.pipeline import run
from detente.store import Store

from .conftest import run_cli, run_eval

DAY = date(2024, 6, 19)  # a Wednesday


def coded(text: str, day: date = DAY) -> list[tuple[str, str, str]]:
    return [(e.source, e.cameo, e.target) for e in code_text(text, day)]


def one(text: str, day: date = DAY) -> Event:
    events = code_text(text, day)
    assert len(events) == 1, [(e.source, e.cameo, e.target, e.trigger) for e in events]
    return events[0]


# ---- codebook and lexicon ---------------------------------------------------------------------


def test_codebook_has_every_cameo_code_with_goldstein_quad_class_and_plover() -> None:
    book = load_codebook()
    assert len(book.roots) == 20 and len(book.codes) > 280
    assert {c.root for c in book.codes.values()} == set(book.roots)
    visit, sign, fight = book["042"], book["057"], book["190"]
    assert (visit.goldstein, visit.quad_class, visit.plover_type) == (1.9, 1, "CONSULT")
    assert (sign.goldstein, sign.quad_class) == (8.0, 1)
    assert (fight.goldstein, fight.quad_class, fight.plover_type) == (-10.0, 4, "ASSAULT")
    assert book["0874"].goldstein == 10.0 and book["163"].plover_type == "COERCE"
    assert book["010"].plover_type is None  # statements have no PLOVER type


def test_lexicon_codes_exist_and_cover_every_root() -> None:
    book, lexicon = load_codebook(), load_lexicon()
    codes = {p.code for ps in lexicon.verbs.values() for p in ps if p.code}
    codes |= {c for ps in lexicon.verbs.values() for p in ps for _, c in p.refine}
    codes |= {p.code for p in lexicon.nouns.values() if p.code}
    assert codes <= set(book.codes)
    assert {c[:2] for c in codes} == set(book.roots)


def test_lexicon_refuses_yaml_booleans_and_repeated_keys(tmp_path: Path) -> None:
    import yaml

    from detente.events.cameo import _pattern, _UniqueKeyLoader

    with pytest.raises(CodebookError, match="must be a word in quotes"):
        _pattern(yaml.safe_load("{lemma: call, prep: on, code: '020'}"), "x", load_codebook())
    with pytest.raises(CodebookError, match="given twice"):
        yaml.load("{lemma: a, lemma: b}", Loader=_UniqueKeyLoader)
    with pytest.raises(CodebookError, match="unknown CAMEO code"):
        _pattern({"lemma": "x", "code": "999"}, "x", load_codebook())


# ---- the coder ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Chinese President Xi Jinping visited Moscow.", ("CHNGOV", "042", "RUS")),
        ("Indonesia hosted the ASEAN foreign ministers.", ("IDN", "043", "IGOSEAASN")),
        ("The EU imposed new sanctions on Russia.", ("IGOEUREEC", "163", "RUS")),
        ("Russia was sanctioned by the European Union.", ("IGOEUREEC", "163", "RUS")),
        ("Ukraine was attacked by Russian drones.", ("RUSMIL", "190", "UKR")),
        ("North Korea sent artillery shells to Russia.", ("PRK", "072", "RUS")),
        ("Turkey paid a visit to Iraq.", ("TUR", "042", "IRQ")),
        ("Kim Jong Un expressed gratitude to Russia.", ("PRKGOV", "018", "RUS")),
        ("Russia threatened to use nuclear weapons against NATO.", ("RUS", "1385", "IGOWSTNAT")),
        ("Ukraine accused Russia of war crimes.", ("UKR", "1124", "RUS")),
        ("The Philippines called on China to stop harassing its vessels.", ("PHL", "020", "CHN")),
    ],
)  # fmt: skip
def test_verbs_light_verbs_passives_and_refinements(
    text: str, expected: tuple[str, str, str]
) -> None:
    assert coded(text) == [expected]


def test_complements_refine_the_governing_event_instead_of_adding_one() -> None:
    # "urged ... to agree to a ceasefire" is one appeal for a ceasefire, not an appeal plus a truce
    assert coded("The European Union urged Israel and Hamas to agree to a ceasefire.") == [
        ("IGOEUREEC", "0256", "ISR"),
        ("IGOEUREEC", "0256", "PSEREBHMS"),  # one appeal per target (test_event_actors.py)
    ]
    assert coded("China demanded that the United States stop arming Taiwan.") == [
        ("CHN", "100", "USA")
    ]


def test_negation_modality_and_speaker() -> None:
    assert one("The Kremlin did not criticize Beijing's peace plan.").polarity == "negated"
    talks = code_text("Russia and North Korea are set to discuss military cooperation.", DAY)
    assert len(talks) == 2 and {e.modality for e in talks} == {"intent"}  # mutual: both ways
    hypothetical = one("Russia could use tactical nuclear weapons against Ukraine.")
    assert (hypothetical.cameo, hypothetical.modality) == ("2042", "hypothetical")
    future = one("China will send a delegation to Brazil.")
    assert future.modality == "future"
    reported = one("Iran supplied drones to Russia, according to Ukrainian officials.")
    assert (reported.modality, reported.speaker) == ("reported", "UKRGOV")
    said = code_text("Kyiv said that Russia attacked Kharkiv.", DAY)
    assert [(e.cameo, e.modality, e.speaker) for e in said] == [("190", "reported", "UKR")]
    assert one("Will Russia attack NATO?").modality == "hypothetical"


def test_background_events_and_event_dates() -> None:
    events = code_text("Kim Jong Un supported Moscow's invasion of Ukraine on Monday.", DAY)
    by_code = {e.cameo: e for e in events}
    assert by_code["192"].background and (by_code["192"].source, by_code["192"].target) == (
        "RUS", "UKR"
    )  # fmt: skip
    assert not by_code["051"].background
    assert by_code["051"].date == "2024-06-17" and by_code["051"].date_text == "Monday"
    undated = one("Japan condemned the missile launch by North Korea.")
    assert undated.date == DAY.isoformat() and undated.date_text is None


def test_the_same_event_twice_in_a_document_is_merged_with_both_sentences() -> None:
    events = code_text(
        "Turkey hosted the Iraqi foreign minister.\nTurkey hosted the Iraqi foreign minister.", DAY
    )
    assert len(events) == 1 and len(events[0].evidence_all) == 2


def test_comments_are_not_coded() -> None:
    from detente.actors.link import get_linker
    from detente.events.coder import code_document
    from detente.parse.units import text_units

    units = text_units("Russia attacked Ukraine.\nChina attacked Japan.", thread_from=1)
    events = code_document(units, get_linker(()).link(units, DAY), DAY)
    assert [(e.source, e.target) for e in events] == [("RUS", "UKR")]


# ---- the shared samples, checked by hand ------------------------------------------------------


def sample_events(samples: Path, name: str, tmp_path: Path) -> list[tuple[object, ...]]:
    db = tmp_path / "s.duckdb"
    run([str(samples / name)], Settings(db=db))
    with Store.open(db, read_only=True) as store:
        return store.query(
            "SELECT source, cameo, target, modality, background, speaker, evidence_text"
            " FROM events ORDER BY idx"
        )


def test_blog_sample_events(samples: Path, tmp_path: Path) -> None:
    rows = sample_events(samples, "kim-lavrov-blog.txt", tmp_path)
    found = {(s, c, t) for s, c, t, *_ in rows}
    assert ("PRKGOV", "051", "RUS") in found  # Kim declares unconditional support for Russia
    assert ("RUSGOV", "042", "PRKGOV") in found  # Lavrov's visit, as Kim speaks of it
    assert ("PRKGOV", "040", "RUSGOV") in found  # during a meeting with Lavrov, Kim ...
    assert ("RUSGOV", "042", "CHN") in found  # Lavrov headed to China ...
    assert ("RUSGOV", "040", "IGOASASCO") in found  # ... for the SCO foreign ministers' meeting
    assert ("WST", "110", "RUS") in found  # the West is trying to isolate Russia
    assert ("WST", "072", "") in found and ("WST", "163", "") in found  # weapons and sanctions
    assert ("PRK", "051", "RUS") in found  # North Korea is now openly backing Moscow
    with Store.open(tmp_path / "s.duckdb", read_only=True) as store:
        (texts,) = store.query(
            "SELECT list(ev.text) FROM events, unnest(evidence_all) AS u(ev)"
            " WHERE source = 'PRKGOV' AND cameo = '051' AND target = 'RUS'"
        )[0]
    # said twice: the headline and the lead; the quote from the meeting ("support for all actions
    # taken by Russia") names Russia only behind a participle clause, which no target crosses
    assert any("Backs Russia" in t for t in texts)
    assert any("declared his unconditional support" in t for t in texts)
    assert ("PRKGOV", "051", "") in found


def test_forum_sample_events(samples: Path, tmp_path: Path) -> None:
    rows = sample_events(samples, "putin-kim-forum-thread.txt", tmp_path)
    by = {(s, c, t, m, bg): (speaker, text) for s, c, t, m, bg, speaker, text in rows}
    # Putin meets Kim (reported from the Kremlin's video)
    assert ("RUSGOV", "040", "PRKGOV", "reported", False) in by
    # Russia's invasion of Ukraine, told as background
    assert ("RUS", "192", "UKR", "factual", True) in by
    # Peskov: the two men are due to discuss "sensitive topics": an intent to meet (036, CAMEO's
    # code for a planned consultation), Peskov the speaker
    speaker, text = by[("RUSGOV", "036", "PRKGOV", "intent", False)]
    assert "sensitive topics" in str(text) and speaker == "RUSGOV"
    # Kim's quoted support for Putin's decisions, attributed to Kim
    assert by[("PRK", "051", "RUSGOV", "reported", False)][0] == "PRKGOV"
    # nothing is coded from the comments
    assert all("trump" not in str(text).lower() for *_, text in rows)


# ---- exports, CLI, evaluation -------------------------------------------------------------------


def test_gdelt_and_plover_exports(examples_db: Path, tmp_path: Path) -> None:
    for fmt in ("gdelt", "plover"):
        result = run_cli(
            "export", "--format", fmt, "--out", str(tmp_path), "--db", str(examples_db)
        )
        assert result.returncode == 0, result.stderr
    with (tmp_path / "events.gdelt.tsv").open() as fh:
        rows = list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    with Store.open(examples_db, read_only=True) as store:
        n_events = store.query("SELECT count(*) FROM events")[0][0]
    assert rows and len(rows) == n_events and {len(r) for r in rows} == {len(GDELT_COLUMNS)} == {61}
    dated = [r for r in rows if r[1]]
    assert dated and all(re.fullmatch(r"\d{8}", r[1]) and r[3] == r[1][:4] for r in dated)
    first = dated[0]
    assert first[26] and first[28] == first[26][:2]
    assert float(first[30]) == load_codebook()[first[26]].goldstein
    assert first[60]  # the source URL or origin
    assert len({r[0] for r in rows}) == len(rows)  # GLOBALEVENTID unique
    plover = [json.loads(x) for x in (tmp_path / "events.plover.jsonl").read_text().splitlines()]
    assert plover and all(p["event_type"] for p in plover)
    assert {"event_type", "mode", "source", "target", "text", "date"} <= set(plover[0])


def test_events_cli_filters(examples_db: Path) -> None:
    result = run_cli("events", "--actor", "RUS", "--root", "04", "--db", str(examples_db))
    assert result.returncode == 0, result.stderr
    assert "042" in result.stdout or "040" in result.stdout
    assert "Make a visit" in result.stdout or "Consult" in result.stdout


def test_eval_events_reports_root_and_code_f1() -> None:
    for data, floor in (("eval/events/dev.jsonl", 0.85), ("eval/events/heldout.jsonl", 0.8)):
        row = next(line for line in run_eval("events", data).splitlines() if "CAMEO root" in line)
        assert float(re.findall(r"\d\.\d{3}", row)[2]) >= floor, row
