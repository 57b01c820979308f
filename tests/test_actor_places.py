"""Places that are not actors, governments named by their capital, generic agents and headlines
in odd case: the linker on sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from detente.actors.kb import load_agents, load_kb
from detente.actors.link import link_text

DAY = date(2024, 5, 1)


def codes(text: str) -> list[str]:
    return [m.actor_code for m in link_text(text, DAY) if m.actor_code]


@pytest.mark.parametrize(
    ("text", "kept", "left_out"),
    [
        ("Iran seized a tanker in the Gulf of Oman on Tuesday.", {"IRN"}, "OMN"),
        ("China warned the Philippines over the South China Sea.", {"CHN", "PHL"}, None),
        ("Pirates boarded a freighter in the Gulf of Guinea.", set(), "GIN"),
        ("North Korea fired two missiles into the Sea of Japan.", {"PRK"}, "JPN"),
        ("A Chinese warship sailed through the Korea Strait.", set(), "KOR"),
        ("India sent relief ships across the Bay of Bengal.", {"IND"}, None),
        ("Tankers waited off the coast of the Indian Ocean island.", set(), "IND"),
        ("The US Navy sent a carrier into the Taiwan Strait.", set(), "TWN"),
        ("Fishermen from Vietnam crossed the Gulf of Thailand.", {"VNM"}, "THA"),
        ("Greece patrolled the Aegean Sea and the Sea of Crete.", {"GRC"}, None),
    ],
)
def test_seas_gulfs_and_straits_are_places_not_actors(
    text: str, kept: set[str], left_out: str | None
) -> None:
    found = codes(text)
    assert kept <= set(found)
    if left_out:
        assert left_out not in found
    assert found.count("CHN") <= 1 or "South China Sea" not in text


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("DOHA — Qatar's mediators said the talks would resume.", "DOHA"),
        ("MOSCOW (Reuters) - The Kremlin rejected the proposal.", "MOSCOW"),
        ("KYIV, March 3 (AP) — Ukraine asked its allies for air defence.", "KYIV"),
        ("BEIJING, Jan. 4 — China criticised the new tariffs.", "BEIJING"),
        ("ANKARA (AFP) - Turkey summoned the Swedish envoy.", "ANKARA"),
        ("TEHRAN, Iran — The foreign ministry denied the report.", "TEHRAN"),
        ("NAIROBI, Kenya, 12 May 2024 — Kenyan police fired tear gas.", "NAIROBI"),
        ("CARACAS: Venezuela expelled three diplomats.", "CARACAS"),
    ],
)
def test_datelines_name_no_actor(text: str, place: str) -> None:
    mentions = link_text(text, DAY)
    assert not [m for m in mentions if m.text.startswith(place.split()[0]) and m.start == 0]
    assert any(m.actor_code for m in mentions)  # the story's own actors are still there


def test_an_organisation_opening_a_sentence_with_a_dash_is_kept() -> None:
    assert "IGOWSTNAT" in codes("NATO - the alliance - will meet in Vilnius.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The government in Tokyo protested to Beijing.", {"JPNGOV"}),
        ("Officials in Moscow and Beijing rejected the report.", {"RUSGOV", "CHNGOV"}),
        ("Authorities in Kabul detained two aid workers.", {"AFGGOV"}),
        ("The regime in Damascus denied using chemical weapons.", {"SYRGOV"}),
        ("Leaders in Brussels criticised the Hungarian veto.", {"IGOEUREEC"}),
        ("The government of Japan lodged a protest.", {"JPNGOV"}),
        ("Diplomats from Russia walked out of the meeting.", {"RUSGOV"}),
        ("The administration in Washington imposed new tariffs.", {"USAGOV"}),
        ("Police in Karachi arrested three suspects.", {"PAKCOP"}),
        ("Karachi police arrested three suspects.", {"PAKCOP"}),
        ("A court in Lyon sentenced the man to ten years.", {"FRAJUD"}),
        ("Protesters in Yerevan blocked the main avenue.", {"ARMCVL"}),
        ("Rioters in Athens set cars on fire.", {"GRCCVL"}),
        ("Looters in Port-au-Prince emptied the warehouses.", {"HTICVL"}),
        ("A mob in Dhaka attacked the bus.", {"BGDCVL"}),
    ],
)
def test_an_agent_in_or_of_a_place_belongs_to_its_country(text: str, expected: set[str]) -> None:
    assert expected <= set(codes(text))


@pytest.mark.parametrize(
    "text",
    [
        "Troops in Syria came under fire.",  # troops in a place are often foreign
        "Refugees in Turkey marched on Sunday.",
        "Talks in Geneva ended without a deal.",
        "Reporters in Moscow were told to leave.",
    ],
)
def test_a_place_does_not_give_its_country_to_agents_that_are_often_foreign(text: str) -> None:
    assert not [c for c in codes(text) if c[3:] in {"MIL", "REF", "MED", "GOV"}]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Syrian rebels shelled the town overnight.", {"SYRREB"}),
        ("US and British activists condemned the raid.", {"USAOPP", "GBROPP"}),
        ("Palestinian security officials said the men were detained.", {"PSEGOV"}),
        ("Iraqi students demonstrated outside the ministry.", {"IRQEDU"}),
        ("Kenyan doctors went on strike over pay.", {"KENHLH"}),
        ("Nigerian soldiers repelled the attack.", {"NGAMIL"}),
        ("Pakistan's police detained the journalist.", {"PAKCOP"}),
        ("Brazilian farmers blocked the highway.", {"BRAAGR"}),
        ("Ukrainian lawmakers approved the bill.", {"UKRLEG"}),
    ],
)
def test_generic_agents_take_the_country_of_their_modifier(text: str, expected: set[str]) -> None:
    assert expected <= set(codes(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bolivia declared a state of emergency. Police arrested 40 people.", "BOLCOP"),
        ("Peru's president resigned. Protesters clashed with riot police.", "PERCVL"),
        ("Mali postponed the vote. The army said rebels had attacked a base.", "MLIMIL"),
        ("Chile debated the reform. Lawmakers rejected it.", "CHLLEG"),
        ("Ghana held elections. The opposition rejected the results.", "GHAOPP"),
        ("LIMA (Reuters) - Police fired tear gas at students.", "PERCOP"),
        ("Ecuador's economy collapsed. The government sought a loan.", "ECUGOV"),
        ("Thailand's court ruled on Monday. Judges dissolved the party.", "THAJUD"),
    ],
)
def test_a_bare_agent_takes_the_documents_one_country(text: str, expected: str) -> None:
    assert expected in codes(text)


@pytest.mark.parametrize(
    "text",
    [
        "Russia and Ukraine traded blame. Police said the blast was an accident.",
        "Police arrested dozens of protesters.",  # no country at all
        "France sent aid to Chad. Foreign troops left the capital.",
        "Any government would have acted.",
        "Bangladesh announced an interim government.",
        "Britain gave asylum to the dissident.",
        "Canada admitted more refugees.",
    ],
)
def test_a_bare_agent_with_no_sure_country_links_nothing(text: str) -> None:
    assert not [c for c in codes(text) if c[3:] in {"COP", "CVL", "MIL", "GOV", "OPP", "REF"}]


def test_someones_cabinet_is_not_the_countrys() -> None:
    mentions = link_text("Israel's prime minister convened his war cabinet.", DAY)
    assert not [m for m in mentions if "cabinet" in m.text]


@pytest.mark.parametrize(
    "headline",
    [
        "PUTIN WARNS FINLAND OVER NATO BASES",
        "Putin Warns Finland Over Nato Bases",
        "putin warns finland over nato bases",
    ],
)
def test_headlines_in_any_case_keep_their_actors(headline: str) -> None:
    mentions = link_text(headline, DAY)
    assert {"RUSGOV", "FIN", "IGOWSTNAT"} <= {m.actor_code for m in mentions}
    assert {m.text for m in mentions} >= {headline.split()[0], headline.split()[2]}


@pytest.mark.parametrize(
    ("headline", "expected"),
    [
        ("CHINA CONDEMNS JAPAN OVER TAIWAN REMARKS", {"CHN", "JPN"}),
        ("Iran Seizes British Tanker In Strait Of Hormuz", {"IRN"}),
        ("india and pakistan trade fire across border", {"IND", "PAK"}),
        ("ZELENSKY ASKS GERMANY FOR MORE TANKS", {"UKRGOV", "DEU"}),
        ("Turkey Blocks Sweden's Nato Bid", {"TUR", "SWE", "IGOWSTNAT"}),
        ("north korea fires missile toward japan", {"PRK", "JPN"}),
        ("EU LEADERS AGREE NEW SANCTIONS ON RUSSIA", {"RUS"}),
        ("Macron Meets Xi In Beijing", {"FRAGOV", "CHNGOV"}),
    ],
)
def test_headline_variants_link_their_named_actors(headline: str, expected: set[str]) -> None:
    assert expected <= set(codes(headline))


def test_a_headline_restored_to_sentence_case_is_coded() -> None:
    from detente.events.coder import code_text

    events = code_text("PUTIN WARNS FINLAND OVER NATO BASES", DAY)
    assert [(e.source, e.target) for e in events] == [("RUSGOV", "FIN")]


def test_a_sentence_full_of_names_is_not_taken_for_a_headline() -> None:
    text = "Russian President Vladimir Putin hosted North Korean leader Kim Jong Un on Wednesday."
    mentions = link_text(text, DAY)
    assert [m.text for m in mentions][:1] == ["Russian President Vladimir Putin"]


def test_agent_table_takes_extra_phrases_without_overriding_ours() -> None:
    agents = load_agents([("riot squad", "COP"), ("police", "MIL"), ("press office", "GOVMED")])
    assert agents["police"].code == "COP" and agents["police"].alone
    assert agents["riot squad"].code == "COP" and not agents["riot squad"].alone
    assert agents["press office"].code == "GOVMED"
    kb = load_kb().with_agents([("riot squad", "COP")])
    assert kb.roles["riot squad"] == "COP" and "riot squad" not in load_kb().roles


# ---- agents named by a region, a city's body, a nationality and a person noun ----------------


def linked(text: str) -> dict[str, str]:
    """Mention text → code, for the mentions that carry a code."""
    return {m.text: m.actor_code for m in link_text(text, DAY) if m.actor_code}


@pytest.mark.parametrize(
    ("text", "phrase", "code"),
    [
        ("Mumbai Police detained four suspects after the blast.", "Mumbai Police", "INDCOP"),
        ("Karachi Police have registered a case against the editor.", "Karachi Police", "PAKCOP"),
        ("The Lahore High Court suspended the sentence.", "Lahore High Court", "PAKJUD"),
        ("The Kano State Government banned the procession.", "Kano State Government", "NGAGOV"),
        ("The Oregon Senate voted against the measure.", "Oregon Senate", "USALEG"),
        ("The Bavarian government criticised Berlin's plan.", "Bavarian government", "DEUGOV"),
        ("The Scottish government asked London for a referendum.", "Scottish government",
         "GBRGOV"),
        ("Police in Nigeria's largest city arrested twelve people.",
         "Police in Nigeria's largest city", "NGACOP"),
        ("Officials in Syria's northern province reported shelling.",
         "Officials in Syria's northern province", "SYRGOV"),
    ],
)  # fmt: skip
def test_bodies_named_by_a_region_or_city_take_its_country(
    text: str, phrase: str, code: str
) -> None:
    assert linked(text).get(phrase) == code


@pytest.mark.parametrize(
    ("text", "phrase", "code"),
    [
        ("A Kyrgyz reporter was detained at the border.", "Kyrgyz reporter", "KGZMED"),
        ("Slovenian troops joined the NATO exercise.", "Slovenian troops", "SVNMIL"),
        ("An Ohio man was charged with spying for China.", "Ohio man", "USACVL"),
        ("A Nevada woman sued the federal government.", "Nevada woman", "USACVL"),
        ("Two Afghan girls were injured in the blast.", "Afghan girls", "AFGCVL"),
        ("A Dutch teenager was kidnapped in Mexico.", "Dutch teenager", "NLDCVL"),
        ("Greek rioters attacked a ministry building.", "Greek rioters", "GRCCVL"),
        ("Kenyan looters raided the shops.", "Kenyan looters", "KENCVL"),
        ("Azeri troops crossed the line of contact.", "Azeri troops", "AZEMIL"),
        ("Nepali police arrested the smugglers.", "Nepali police", "NPLCOP"),
        ("Sri Lankan Tamil rebels released two captives.", "Sri Lankan Tamil rebels", "LKAREB"),
    ],
)
def test_a_nationality_with_a_person_or_group_noun_is_an_agent(
    text: str, phrase: str, code: str
) -> None:
    assert linked(text).get(phrase) == code


@pytest.mark.parametrize(
    "text",
    [
        "The Ohio River flooded several towns.",  # a river, not an agent
        "Georgia Senate candidates debated on Tuesday.",  # the US state is not the country
        "Texas is the second-largest state.",  # a state on its own is a place
        "He moved to Kansas last year.",
        "Police in the city's north arrested twelve people.",  # no country owns the place
        "Protesters in Putin's hometown were detained.",  # a person, not a country
        "The Movement for Quality Government held a rally.",  # an organisation's name
        "The Mumbai Indians won the final.",  # a city's team, no agent noun
    ],
)
def test_places_and_names_that_are_not_agents_stay_unlinked(text: str) -> None:
    roles = [m for m in link_text(text, DAY) if m.method == "role"]
    assert not roles


def test_an_ethnic_word_after_a_nationality_does_not_take_the_country() -> None:
    # "Serb", "Croat" and "Tajik" name peoples of several countries: no country of their own
    found = linked("Bosnian Serb units threatened to shell the town.")
    assert not [c for c in found.values() if c.startswith("SRB")]
    assert not [c for c in linked("Ethnic Tajik commanders met in Kabul.").values() if "TJK" in c]


def test_a_person_named_like_a_place_stays_a_person() -> None:
    found = linked("Israel Katz met the Dutch foreign minister in Jerusalem.")
    assert found.get("Israel Katz", "").startswith("ISR")
    assert "Israel" not in found
