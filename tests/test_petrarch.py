"""PETRARCH/TABARI dictionaries read beside our own knowledge (`--dictionaries DIR`)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest

from detente.actors.kb import load_kb
from detente.events.cameo import load_lexicon
from detente.events.coder import code_text
from detente.knowledge.petrarch import (
    DictionaryError,
    dictionary_files,
    lexicon_with,
    read_actors,
    read_agents,
    read_verbs,
    written,
)

from .conftest import run_cli

PHOENIX = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "events"
PHOENIX = PHOENIX / "petrarch-dictionaries"
needs_phoenix = pytest.mark.skipif(
    not (PHOENIX / "CAMEO.2.0.txt").exists(), reason="Phoenix dictionaries not in ../shared/data"
)

# Our own small dictionaries, one format feature per line or block.
VERBS = """\
# a comment line
&SHIPMENTS_
+CONVOY
+GRAIN_CARGO

--- SCOLD   [111]  ---
SCOLD
UPBRAID {UPBRAIDS UPBRAIDED UPBRAIDING} [112]
- * &SHIPMENTS                  [0233]   # a synset as the object
- * {WAR CRIMES}                [1121]   # a noun phrase
- * (OVER)                      [110]    # a bare preposition
- * (FOR LIES)                  [1122]   # a preposition and its noun
- &MILITARY * TROOPS            [190]    # constrains the subject: skipped
- * $ (TO +)                    [042]    # source and target marks: skipped
- * TALKS (WITH LEADERS)        [040]    # two words at once: skipped
- * (IN COURT)                  [:173]   # reciprocal only: skipped

--- MUSTER   [---]  ---
+ROUND_UP [173]
MUSTER
- * VOLUNTEERS                  [042:043]

--- CONDEMN   [112]  ---
CONDEMN
~ a (a b ATTACK) SAY = a b 015
"""

ACTORS = """\
NORTHLAND_  [NTH]
+NORTHLANDIC_
+REPUBLIC_OF_NORTHLAND_

GUSTAV_OKONKWO_  # a person with dated offices
+PRESIDENT_OKONKWO_
\t[NTHELI 880101-941231]
\t[NTHGOV 19950101-20031231]
\t[NTHOPP >040101]
\t[NTHELI]

OLD_FRONT_ [NTHREB]
"""

AGENTS = """\
!PERSON! = MAN, MEN, WOMAN
RIOT_POLICE {} [~COP]
MILITIA [~REB]
FERRY {FERRIES} [~BUS]
SENTRY [~MIL]
ALDER!PERSON! [~LEG]
AID_AGENCY [NGO~]
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# ---- readers on dictionaries written for the tests --------------------------------------------


def test_verb_blocks_become_patterns_with_refinements_and_prepositions(tmp_path: Path) -> None:
    patterns, report = read_verbs(write(tmp_path, "small.verbs.txt", VERBS))
    by = {(p.lemma, p.prep): p for p in patterns}
    scold = by[("scold", None)]
    assert scold.code == "111"
    assert ("convoy", "0233") in scold.refine and ("grain cargo", "0233") in scold.refine
    assert ("war crime", "1121") in scold.refine  # lemmas, as the coder compares them
    assert by[("upbraid", None)].code == "112"  # a verb's own code beats its block's
    assert by[("scold", "over")].code == "110"
    assert by[("scold", "for")].code == "111" and ("lie", "1122") in by[("scold", "for")].refine
    assert by[("round", "up")].code == "173"  # +ROUND_UP: verb and particle
    muster = by[("muster", None)]
    assert muster.code is None and ("volunteer", "042") in muster.refine  # source → target
    assert report.skipped["patterns constraining the subject"] == 1
    assert report.skipped["patterns marking source or target ($ + ^ %)"] == 1
    assert report.skipped["patterns needing several words at once"] == 1
    assert report.skipped["reciprocal-only codes"] == 1
    assert report.skipped["transformations"] == 1
    assert report.read["verb blocks"] == 3 and report.read["synsets"] == 1


def test_our_verbs_win_over_the_dictionarys(tmp_path: Path) -> None:
    path = write(tmp_path, "small.verbs.txt", VERBS)
    patterns, report = read_verbs(path, known=load_lexicon().verbs)
    assert "condemn" in load_lexicon().verbs
    assert all(p.lemma != "condemn" for p in patterns)
    assert report.skipped["verbs detente already codes (ours win)"] >= 1
    merged = lexicon_with((str(path),))
    assert merged.verbs["condemn"] == load_lexicon().verbs["condemn"]
    assert "upbraid" in merged.verbs and "upbraid" not in load_lexicon().verbs


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("- * TALKS [040]\n", 1),  # a pattern before any verb block
        ("--- TALK [040] ---\nTALK\n- * TALKS\n", 3),  # a pattern without a code
        ("--- TALK 040 ---\n", 1),  # a block header without [CODE]
    ],
)
def test_a_malformed_verb_line_is_an_error_naming_file_and_line(
    tmp_path: Path, text: str, line: int
) -> None:
    path = write(tmp_path, "bad.verbs.txt", text)
    with pytest.raises(DictionaryError, match=rf"bad\.verbs\.txt:{line}:"):
        read_verbs(path)


def test_actor_records_give_names_codes_and_dated_roles(tmp_path: Path) -> None:
    entries, report = read_actors(write(tmp_path, "small.actors.txt", ACTORS))
    country, person, group = entries
    assert country.code == "NTH" and "Republic of Northland" in country.names
    assert person.names == ("Gustav Okonkwo", "President Okonkwo") and person.code == "NTHELI"
    assert person.roles[0] == ("NTHELI", date(1988, 1, 1), date(1995, 1, 1))  # end inclusive
    assert person.roles[1] == ("NTHGOV", date(1995, 1, 1), date(2004, 1, 1))
    assert person.roles[2] == ("NTHOPP", date(2004, 1, 1), None)
    assert group.code == "NTHREB" and not group.roles
    assert report.read["people"] == 1 and report.read["actor records"] == 2


def test_dictionary_people_take_the_code_of_the_date(tmp_path: Path) -> None:
    write(tmp_path, "small.actors.txt", ACTORS)
    kb = load_kb((str(tmp_path),))
    person = kb.people["gustav-okonkwo"]
    assert kb.person_code(person, date(2000, 6, 1))[0] == "NTHGOV"
    assert kb.person_code(person, date(2010, 6, 1))[0] == "NTHOPP"
    assert kb.person_code(person, date(1970, 6, 1))[0] == "NTHELI"  # the undated default


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("\t[NTHGOV 950101-031231]\n", 1),  # a code before any name
        ("NORTHLAND_\n\t[nth gov]\n", 2),  # not a code
        ("+NORTHLANDIC_\n", 1),  # a synonym before any name
    ],
)
def test_a_malformed_actor_line_is_an_error_naming_file_and_line(
    tmp_path: Path, text: str, line: int
) -> None:
    path = write(tmp_path, "bad.actors.txt", text)
    with pytest.raises(DictionaryError, match=rf"bad\.actors\.txt:{line}:"):
        read_actors(path)


def test_agents_expand_markers_and_plurals(tmp_path: Path) -> None:
    entries, _ = read_agents(write(tmp_path, "small.agents.txt", AGENTS))
    codes = {(e.phrase, e.code, e.before) for e in entries}
    assert ("riot police", "COP", False) in codes and ("riot polices", "COP", False) not in codes
    assert {("militia", "REB", False), ("militias", "REB", False)} <= codes
    assert ("ferries", "BUS", False) in codes and ("ferrys", "BUS", False) not in codes
    assert {("alderman", "LEG", False), ("aldermen", "LEG", False)} <= codes
    assert ("aid agency", "NGO", True) in codes and ("aid agencies", "NGO", True) in codes


@pytest.mark.parametrize(
    ("text", "without", "with_them"),
    [
        ("Iraqi clerics condemned the attack.", "IRQ", "IRQREL"),
        ("Egyptian pilgrims protested in Cairo.", "EGY", "EGYREL"),
        ("Syrian jihadists attacked a Turkish convoy.", "SYRREB", "SYRREB"),  # ours win
        ("Russian troops shelled the village.", "RUSMIL", "RUSMIL"),
    ],
)
def test_dictionary_agents_join_the_linker_where_ours_have_none(
    tmp_path: Path, text: str, without: str, with_them: str
) -> None:
    path = write(tmp_path, "small.agents.txt", AGENTS + "CLERIC [~REL]\nPILGRIM [~REL]\n"
                 "JIHADIST [~UAFMUS]\nTROOPS [~CVL]\n")  # fmt: skip
    day = date(2020, 1, 1)
    assert [e.source for e in code_text(text, day)] == [without]
    assert [e.source for e in code_text(text, day, dictionaries=(str(path),))] == [with_them]


def test_a_malformed_agent_line_is_an_error_naming_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.agents.txt", "MILITIA [~REB]\nSENTRY [~mil guard]\n")
    with pytest.raises(DictionaryError, match=r"bad\.agents\.txt:2:"):
        read_agents(path)


def test_a_file_of_no_known_kind_is_named(tmp_path: Path) -> None:
    write(tmp_path, "notes.txt", "hello\n")
    with pytest.raises(DictionaryError, match=r"notes\.txt"):
        dictionary_files([tmp_path])
    with pytest.raises(DictionaryError, match="no such"):
        dictionary_files([tmp_path / "missing"])


def test_names_are_written_as_news_writes_them() -> None:
    assert written("ISLAMIC_REPUBLIC_OF_AFGHANISTAN_") == "Islamic Republic of Afghanistan"
    assert written("UN_") == "UN"
    assert written("BAN_KI-MOON") == "Ban Ki-moon"


# ---- the Phoenix dictionaries: what they add ----------------------------------------------------


@needs_phoenix
def test_a_verb_only_the_cameo_dictionary_has_is_coded_only_with_it() -> None:
    # verbs of criticism CAMEO.2.0 has; our own lexicon grows, so take one it still lacks
    scolding = {"chastise": "chastised", "reprimand": "reprimanded", "upbraid": "upbraided",
                "berate": "berated", "castigate": "castigated"}  # fmt: skip
    lacking = [verb for verb in scolding if verb not in load_lexicon().verbs]
    if not lacking:
        pytest.skip("our lexicon now has every verb of this test")
    text = f"Germany {scolding[lacking[0]]} Hungary over its vote on the budget."
    day = date(2024, 5, 2)
    assert not code_text(text, day)
    events = code_text(text, day, dictionaries=(str(PHOENIX),))
    assert [(e.source, e.target, e.root) for e in events] == [("DEU", "HUN", "11")]


@needs_phoenix
def test_an_actor_only_the_phoenix_actors_have_is_linked_only_with_them() -> None:
    # a prime minister of the 1960s and 70s, whom our own knowledge base does not list
    if "harold wilson" in {p.name.lower() for p in load_kb().people.values()}:
        pytest.skip("our knowledge base now lists Harold Wilson")
    text = "Harold Wilson criticised Rhodesia on Monday."
    assert all(e.source == "" for e in code_text(text, date(1966, 4, 5)))
    with_them = code_text(text, date(1966, 4, 5), dictionaries=(str(PHOENIX),))
    assert [e.source for e in with_them] == ["GBRGOV"]  # prime minister that day
    later = code_text(text, date(1980, 4, 5), dictionaries=(str(PHOENIX),))
    assert [e.source for e in later] == ["GBRELI"]


@needs_phoenix
def test_the_phoenix_files_load_in_a_few_seconds() -> None:
    import time

    from detente.nlp import load_nlp

    load_nlp()
    started = time.perf_counter()
    lexicon = lexicon_with((str(PHOENIX),))
    kb = load_kb((str(PHOENIX),))
    assert time.perf_counter() - started < 10
    assert len(lexicon.verbs) > 3 * len(load_lexicon().verbs)
    assert len(kb.people) > 10_000


@needs_phoenix
def test_analyze_with_dictionaries_stores_their_events(tmp_path: Path) -> None:
    article = tmp_path / "news.txt"
    article.write_text(
        "Germany berates Hungary\n\nGermany berated Hungary over its vote on the budget, "
        "officials in Berlin said on Tuesday.\n",
        encoding="utf-8",
    )
    db = tmp_path / "news.duckdb"
    proc = run_cli("analyze", str(article), "--db", str(db), "--dictionaries", str(PHOENIX))
    assert proc.returncode == 0, proc.stderr
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("SELECT source, target, root FROM events").fetchall()
    assert ("DEU", "HUN", "11") in rows
