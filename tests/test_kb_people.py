"""The people in the knowledge base: dated roles that hold together and agree with Phoenix's."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from datetime import date
from itertools import combinations
from pathlib import Path

import pytest
import yaml

from detente.actors.kb import DATA, Person, load_kb, normalise

PHOENIX = (
    Path(__file__).resolve().parents[1]
    / "../shared/data/events/petrarch-dictionaries/Phoenix.Countries.actors.txt"
)
#: Phoenix was generated on this day: roles that start later cannot be in it.
PHOENIX_DATE = date(2014, 1, 30)
#: Offices that really have two holders at once: the EU's Commission and Council presidents
#: both act for the EU; a government speaks through several spokespeople (presidency, ministry).
SHARED_OFFICES = {("IGOEUREEC", "president")}
SHARED_TITLES = {"spokesperson"}
#: Phoenix's country codes that are not ISO 3166 (Kosovo).
PHOENIX_CODES = {"KSV": "XKX"}
#: Roles of ours that Phoenix lacks or files elsewhere, each checked by hand against public
#: records ("name start": why); Phoenix was last updated in 2014 and is thin after about 2008.
PHOENIX_WRONG = {
    "Fumio Kishida 2012-12-26": "foreign minister under Abe 2012-2017; Phoenix has 2007-08 only",
    "Shinzo Abe 2012-12-26": "second premiership 2012-2020; Phoenix has the first only",
    "Viktor Orbán 2010-05-29": "prime minister again since 2010; Phoenix stops in 2002",
    "Queen Elizabeth II 1952-02-06": "Phoenix files her under Saint Kitts and Nevis (KNA)",
    "Robin Cook 1997-05-02": "foreign secretary 1997-2001; Phoenix has 2003 only",
    "Jack Straw 1997-05-02": "home secretary 1997-2001; Phoenix starts in 2003",
    "David Blunkett 1997-05-02": "education secretary 1997-2001; Phoenix starts in 2003",
    "Ed Miliband 2010-09-25": "Labour leader 2010-2015; Phoenix stops in 2010",
    "Liam Fox 2003-11-01": "Conservative co-chairman 2003-2005, shadow foreign and defence "
    "secretary 2005-2010; Phoenix starts in 2010",
    # Phoenix codes governments, not legislatures or shadow cabinets
    "Barack Obama 2005-01-03": "US senator for Illinois 2005-2008; Phoenix has no legislators",
    "Hillary Clinton 2001-01-03": "US senator for New York 2001-2009; Phoenix has no legislators",
    "Theresa May 1999-06-01": "shadow cabinet 1999-2010; Phoenix has no shadow cabinet",
    "Andrew Lansley 2004-06-01": "shadow health secretary 2004-2010; Phoenix has no shadow cabinet",
    "Vince Cable 2003-10-01": "Lib Dem Treasury spokesman 2003-2010; Phoenix has no opposition",
    "George Osborne 2004-06-01": "shadow chief secretary, then shadow chancellor 2004-2010; Phoenix "
    "has no shadow cabinet",
    "Alan Johnson 2010-10-08": "shadow chancellor 2010-2011; Phoenix has no shadow cabinet",
    "Iain Duncan Smith 2001-09-13": "Conservative leader 2001-2003; Phoenix starts in 2010",
    "Laurent Fabius 2012-05-16": "foreign minister 2012-2016; Phoenix stops in 1986",
    "Enrico Letta 2013-04-28": "prime minister 2013-2014; Phoenix stops in 2008",
    "Massimo D'Alema 2006-05-17": "foreign minister 2006-2008; Phoenix stops in 2000",
    "Abdullah Gül 2002-11-18": "prime minister 2002-2003; Phoenix has a gap 2000-2007",
    "Abdullah Gül 2003-03-14": "foreign minister 2003-2007; Phoenix has a gap 2000-2007",
    "Shimon Peres 2001-03-07": "foreign minister in Sharon's first cabinet; Phoenix lacks it",
    "Najib Mikati 2011-06-13": "second premiership 2011-2014; Phoenix stops in 2005",
    "Jaswant Singh 1998-12-05": "foreign minister 1998-2002; Phoenix has 2003-04 only",
    "George Fernandes 1998-03-19": "defence minister from 1998; Phoenix has 2003-04 only",
    "Julia Gillard 2010-06-24": "prime minister 2010-2013; Phoenix stops in 2010",
    "Julie Bishop 2013-09-18": "foreign minister 2013-2018; Phoenix stops in 2007",
    "Celso Amorim 2011-08-08": "defence minister 2011-2015; Phoenix stops in 2009",
    "Morgan Tsvangirai 1999-09-01": "MDC leader in opposition from 1999; Phoenix starts in 2009",
    "Alassane Ouattara 2011-04-11": "president since 2011; Phoenix stops in 1993",
    "Macky Sall 2012-04-02": "president 2012-2024; Phoenix stops in 2007",
    "Ibrahim Boubacar Keïta 2013-09-04": "president 2013-2020; Phoenix stops in 2000",
    "Benjamin Netanyahu 2002-11-06": "foreign minister under Sharon 2002-2003; Phoenix lacks it",
}


def _people() -> list[Person]:
    return list(load_kb().people.values())


def _country(code: str) -> str | None:
    """The country a role acts for (RUSGOV → RUS); None for international bodies."""
    kb = load_kb()
    return kb.country_of(code)


# ---- structure ---------------------------------------------------------------------------------


def test_every_person_is_listed_once() -> None:
    entries = yaml.safe_load((DATA / "people.yaml").read_text(encoding="utf-8"))["people"]
    names = [normalise(e["name"]) for e in entries]
    assert sorted(n for n in set(names) if names.count(n) > 1) == []


def test_no_two_people_hold_one_unique_office_at_once() -> None:
    kb = load_kb()
    unique = {t.title for t in kb.titles.values() if t.unique}
    holders: dict[tuple[str, str], list[tuple[Person, date, date]]] = defaultdict(list)
    for person in kb.people.values():
        for role in person.roles:
            shared = (role.actor, role.title) in SHARED_OFFICES or role.title in SHARED_TITLES
            if role.title in unique and not shared:
                end = role.end or date.max
                holders[(role.actor, role.title)].append((person, role.start, end))
    clashes = [
        f"{office}: {a.name} and {b.name}"
        for office, spans in holders.items()
        for (a, a0, a1), (b, b0, b1) in combinations(spans, 2)
        if a.id != b.id and a0 < b1 and b0 < a1
    ]
    assert clashes == []


def test_a_persons_roles_in_one_office_do_not_overlap() -> None:
    clashes = [
        f"{p.name}: {r.actor} {r.title}"
        for p in _people()
        for r, s in combinations(p.roles, 2)
        if (r.actor, r.title) == (s.actor, s.title)
        and r.start < (s.end or date.max)
        and s.start < (r.end or date.max)
    ]
    assert clashes == []


def test_no_alias_names_two_people_or_a_person_and_an_actor() -> None:
    """A shared short name would link to whichever entry came first (kb.py has no way to mark
    an alias ambiguous), so surnames that two people share are left out of the aliases."""
    kb = load_kb()
    shared = []
    for key, targets in kb.names.items():
        people = {t.person for t in targets if t.person}
        codes = {t.code for t in targets if t.code}
        if len(people) > 1 or (people and codes):
            shared.append(f"{key}: {sorted(people)} {sorted(codes)}")
    assert shared == []


def test_roles_use_known_titles_and_dates_in_order() -> None:
    kb = load_kb()
    titles = {t.title for t in kb.titles.values()}
    wrong = [
        f"{p.name}: {r.title} {r.start}–{r.end}"
        for p in _people()
        for r in p.roles
        if r.title not in titles or (r.end is not None and r.end <= r.start) or r.start.year < 1940
    ]
    assert wrong == []


def test_every_role_acts_for_a_country_or_a_known_body() -> None:
    kb = load_kb()
    unknown = [
        f"{p.name}: {r.actor}"
        for p in _people()
        for r in p.roles
        if r.actor not in kb.actors and _country(r.actor) is None
    ]
    assert unknown == []


def test_office_holders_of_2005_are_known() -> None:
    """Older news names the office holders of its day: Blair, Chirac, Sharon in 2005."""
    kb = load_kb()
    day = date(2005, 6, 1)
    for country, title in (("GBR", "prime minister"), ("FRA", "president"),
                           ("ISR", "prime minister"), ("USA", "foreign minister"),
                           ("DEU", "chancellor"), ("RUS", "defence minister")):  # fmt: skip
        found = kb.holders(country, kb.titles[title], day)
        assert len(found) == 1, (country, title, [p.name for p, _ in found])


# ---- against the Phoenix dictionary (MIT, read where it lies, never copied) ---------------------


def _phoenix_date(text: str) -> date:
    """YYMMDD (the two-digit year in 1915-2014) or YYYYMMDD."""
    if len(text) == 6:
        year = int(text[:2])
        text = str(2000 + year if year <= 14 else 1900 + year) + text[2:]
    return date(int(text[:4]), int(text[4:6]), int(text[6:8]))


def _span(dates: str) -> tuple[date, date] | None:
    """A role's dates, or None when undated or malformed (a few have a seven-digit date)."""
    dates = dates.replace(" ", "")
    try:
        if m := re.fullmatch(r"(\d{6}|\d{8})-(\d{6}|\d{8})", dates):
            return _phoenix_date(m[1]), _phoenix_date(m[2])
        if m := re.fullmatch(r">(\d{6}|\d{8})", dates):
            return _phoenix_date(m[1]), date.max
        if m := re.fullmatch(r"<(\d{6}|\d{8})", dates):
            return date.min, _phoenix_date(m[1])
    except ValueError:
        return None
    return None


def _fold(name: str) -> str:
    """A name as Phoenix writes it: ASCII capitals joined by underscores."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return "_".join(re.sub(r"[^A-Za-z0-9.'\- ]", " ", ascii_name).upper().split())


def _read_phoenix(path: Path) -> dict[str, list[tuple[str, date, date]]]:
    """Names (main names and + aliases of two words or more) → dated (country, start, end)."""
    spans: dict[str, list[tuple[str, date, date]]] = {}
    names: list[str] = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        body = line.split("#")[0].rstrip()
        if not body.strip():
            continue
        if not line[0].isspace() and not body.startswith("+"):
            names = [body.split("[")[0].strip().strip("_")]
        elif body.startswith("+"):
            names.append(body[1:].split("[")[0].strip().strip("_"))
        for code, dates in re.findall(r"\[([A-Z]{3})[A-Z]*\s*([^\]]*)\]", body):
            span = _span(dates)
            if span is not None:
                for name in names:
                    if "_" in name:
                        spans.setdefault(name, []).append((code, *span))
    return spans


def _disagreements() -> dict[str, str]:
    """Our roles that Phoenix does not back ("name start" → what differs)."""
    phoenix = _read_phoenix(PHOENIX)
    out = {}
    for person in _people():
        theirs = phoenix.get(_fold(person.name))
        if not theirs:
            continue
        for role in person.roles:
            country = _country(role.actor)
            if country is None or role.start >= PHOENIX_DATE:
                continue
            end = role.end or date.max
            key = f"{person.name} {role.start}"
            same = [(s, e) for c, s, e in theirs if PHOENIX_CODES.get(c, c) == country]
            if not same:
                out[key] = f"{role.actor}, Phoenix {sorted({c for c, _, _ in theirs})}"
            elif not any(s < end and role.start < e for s, e in same):
                out[key] = f"{role.actor} {role.title} {role.start}–{role.end}, Phoenix {same}"
    return out


@pytest.mark.skipif(not PHOENIX.exists(), reason=f"Phoenix dictionaries not found at {PHOENIX}")
def test_our_roles_agree_with_phoenix_where_both_know_the_person() -> None:
    found = {k: v for k, v in _disagreements().items() if k not in PHOENIX_WRONG}
    assert found == {}


@pytest.mark.skipif(not PHOENIX.exists(), reason=f"Phoenix dictionaries not found at {PHOENIX}")
def test_many_of_our_people_are_in_phoenix() -> None:
    """The comparison above means something only if it compares many people."""
    phoenix = _read_phoenix(PHOENIX)
    both = [p for p in _people() if _fold(p.name) in phoenix]
    assert len(both) >= 150


# ---- organisations -----------------------------------------------------------------------------


def test_no_organisation_code_is_defined_twice() -> None:
    """A second non-government entry with a code replaces the first and its names: only state
    bodies (kind government) may add names to a code already defined."""
    entries = yaml.safe_load((DATA / "organisations.yaml").read_text(encoding="utf-8"))["actors"]
    seen: dict[str, int] = defaultdict(int)
    for entry in entries:
        if entry["kind"] != "government":
            seen[entry["code"]] += 1
    assert sorted(code for code, n in seen.items() if n > 1) == []


# ---- what the linker makes of them (real spaCy model) --------------------------------------------


def _codes(text: str, day: date) -> dict[str, str]:
    """Actor codes by person id (the first mention of each person) or by mention text."""
    from detente.actors.link import link_text

    codes: dict[str, str] = {}
    for m in link_text(text, day):
        codes.setdefault(m.person or m.text, m.actor_code)
    return codes


def test_people_of_2005_link_by_their_2005_offices() -> None:
    text = (
        "Prime Minister Tony Blair and the Chancellor, Gordon Brown, flew to Paris to meet "
        "President Jacques Chirac. Tory leader Michael Howard said Mr Blair had been snubbed."
    )
    codes = _codes(text, date(2005, 3, 14))
    assert codes["tony-blair"] == "GBRGOV"
    assert codes["gordon-brown"] == "GBRGOV"
    assert codes["jacques-chirac"] == "FRAGOV"
    assert codes["michael-howard"] == "GBROPP"


def test_a_former_office_holder_is_an_elite_after_leaving() -> None:
    codes = _codes("Ehud Olmert criticised the plan on Sunday.", date(2015, 6, 1))
    assert codes["ehud-olmert"] == "ISRELI"
    codes = _codes("Ehud Olmert criticised the plan on Sunday.", date(2007, 6, 1))
    assert codes["ehud-olmert"] == "ISRGOV"


def test_state_bodies_and_armed_groups_are_actors() -> None:
    codes = _codes(
        "The FBI and the ACLU clashed over the raids, while Boko Haram and al-Shabaab "
        "claimed new attacks and the PKK denied involvement.",
        date(2019, 5, 2),
    )
    assert codes["FBI"] == "USACOP"
    assert codes["ACLU"] == "NGOUSAACL"
    assert codes["Boko Haram"] == "NGAREBBKH"
    assert codes["al-Shabaab"] == "SOMREBSHB"
    assert codes["PKK"] == "TURREBPKK"
