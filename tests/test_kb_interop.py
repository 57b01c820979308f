"""`--kb` reads PETRARCH/Phoenix actor and agent dictionaries as well as our YAML, told apart by
content whatever the file is called (issue 16, kind 5), and what they add on older text."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from detente.actors.kb import KBError, load_kb
from detente.actors.link import link_text
from detente.knowledge.petrarch import DictionaryError, dictionary_files, sniff

PHOENIX = Path(__file__).resolve().parents[1] / "../shared/data/events/petrarch-dictionaries"

# Our own records, in the dictionaries' formats: a fictional minister with dated codes and a
# fictional agent phrase.
ACTORS = """\
# a people file in TABARI's actor format
ODALRIC_VENNSTRAND_  # our own test person
+MINISTER_VENNSTRAND_
\t[NORGOV 030101-061231]
\t[NORELI]
GRAVENHOLM_PEACE_TRUST_ [NGONOR]
"""
AGENTS = """\
!PERSON! = MAN, MEN, WOMAN, WOMEN
HARBOUR_WARDEN [~COP]
FERRY!PERSON! [~LAB]
"""
YAML = """\
actors:
  - {code: NGOXYZ, name: Tessaly Relief Fund, kind: organisation, aliases: [Tessaly Relief Fund]}
"""


def _write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_dictionary_kinds_are_told_by_content(tmp_path: Path) -> None:
    assert sniff(_write(tmp_path, "people.dict", ACTORS)) == "actors"
    assert sniff(_write(tmp_path, "jobs.lst", AGENTS)) == "agents"
    assert sniff(_write(tmp_path, "mine.txt", YAML)) is None
    assert sniff(_write(tmp_path, "notes.txt", "Some notes, in prose.\nNothing else.\n")) is None


def test_kb_reads_an_actor_dictionary_whatever_its_name(tmp_path: Path) -> None:
    path = _write(tmp_path, "people.dict", ACTORS)
    text = "Odalric Vennstrand met the Gravenholm Peace Trust in Oslo."
    in_office = {m.text: m.actor_code for m in link_text(text, date(2005, 3, 1), (path,))}
    assert in_office["Odalric Vennstrand"] == "NORGOV"
    assert in_office["Gravenholm Peace Trust"] == "NGONOR"
    later = {m.text: m.actor_code for m in link_text(text, date(2009, 3, 1), (path,))}
    assert later["Odalric Vennstrand"] == "NORELI"
    ours = {m.text: m.actor_code for m in link_text(text, date(2005, 3, 1))}
    assert not ours.get("Odalric Vennstrand")


def test_kb_reads_an_agent_dictionary_whatever_its_name(tmp_path: Path) -> None:
    path = _write(tmp_path, "jobs.lst", AGENTS)
    kb = load_kb((path,))
    assert kb.agents["harbour warden"].code == "COP"
    assert kb.agents["ferrymen"].code == "LAB"
    assert "harbour warden" not in load_kb().agents


def test_yaml_knowledge_still_loads_as_yaml_whatever_its_name(tmp_path: Path) -> None:
    path = _write(tmp_path, "mine.txt", YAML)
    assert load_kb((path,)).targets("Tessaly Relief Fund")[0].code == "NGOXYZ"


def test_a_file_of_neither_kind_is_an_error_naming_it(tmp_path: Path) -> None:
    path = _write(tmp_path, "notes.txt", "Some notes, in prose.\nNothing else.\n")
    with pytest.raises(KBError, match=r"notes\.txt"):
        load_kb((path,))
    with pytest.raises(DictionaryError, match=r"notes\.txt"):
        dictionary_files([path])


@pytest.mark.skipif(not PHOENIX.exists(), reason=f"Phoenix dictionaries not found at {PHOENIX}")
def test_phoenix_adds_then_ministers_on_older_text() -> None:
    """Baroness Amos led the House of Lords in 2005 (Phoenix: GBRGOV 2003-11 to 2007-06);
    Clare Short had left the cabinet (Phoenix's dated codes end in 2003). Our KB knows neither:
    with the file both get their 2005 codes, without it neither gets one."""
    countries = str(PHOENIX / "Phoenix.Countries.actors.txt")
    text = "Baroness Amos met Clare Short in London on Monday."
    theirs = [m for m in link_text(text, date(2005, 3, 1), (countries,)) if m.actor_code]
    ours = [m for m in link_text(text, date(2005, 3, 1)) if m.actor_code]
    assert {(m.text, m.actor_code) for m in theirs} >= {
        ("Baroness Amos", "GBRGOV"),
        ("Clare Short", "GBRELI"),
    }
    assert not [m for m in ours if "Amos" in m.text or "Short" in m.text]
