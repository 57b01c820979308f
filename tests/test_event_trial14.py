"""Events round 6 (issue 14): a body that sanctions rather than fights "targeting" someone
imposes sanctions; a target phrase hung on the last of conjoined sanction nouns targets them
all; an event noun under "any" names no act; calls for sanctions against X threaten X.
Sentences written for this test, with twins that must keep their events."""

from __future__ import annotations

from datetime import date

import pytest

from detente.events.coder import code_text

DAY = date(2024, 5, 1)


def codes(text: str) -> set[tuple[str, str, str]]:
    return {(e.source, e.cameo, e.target) for e in code_text(text, DAY)}


# ---- 1. sanctioning bodies "target": sanctions, not force --------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The EU targeted Russian oligarchs.", ("IGOEUREEC", "163", "RUSELI")),
        ("The US Treasury targeted Russian banks on Friday.", ("USAGOV", "163", "RUSBUS")),
        ("The US Treasury Department targeted three Iranian banks.", ("USAGOV", "163", "IRNBUS")),
        (
            "The UN Security Council targeted North Korean shipping firms.",
            ("IGOUNOSEC", "163", "PRKBUS"),
        ),
        (
            "The European Union targeted Belarusian officials on Monday.",
            ("IGOEUREEC", "163", "BLRGOV"),
        ),
        ("Britain's Treasury targeted Russian oligarchs.", ("GBRGOV", "163", "RUSELI")),
        (
            "The State Department targeted Chinese officials over Hong Kong.",
            ("USAGOV", "163", "CHNGOV"),
        ),
    ],
)
def test_sanctioning_body_targeting_is_a_sanction(
    text: str, expected: tuple[str, str, str]
) -> None:
    found = codes(text)
    assert expected in found
    assert not any(c.startswith("19") for _, c, _ in found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [  # twins: states and armed bodies targeting keep force
        ("Russia targeted Ukrainian power plants with missiles.", ("RUS", "190", "UKR")),
        ("Israel targeted Hamas commanders in Gaza.", ("ISR", "190", "PSEREBHMS")),
        ("NATO targeted Serbian positions.", ("IGOWSTNAT", "190", "SRB")),
        ("The US targeted Iranian militias in Iraq.", ("USA", "190", "IRNREB")),
        ("African Union troops targeted al-Shabaab fighters.", ("IGOAFRAFU", "190", "SOMREBSHB")),
    ],
)
def test_armed_actors_targeting_keep_force(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in codes(text)


# ---- 2. "sanctions and a travel ban on X": the on-phrase of the last conjunct ------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The EU imposed sanctions and a travel ban on Belarusian officials.",
            ("IGOEUREEC", "163", "BLRGOV"),
        ),
        (
            "Canada announced sanctions and an asset freeze on Iranian officials.",
            ("CAN", "163", "IRNGOV"),
        ),
        ("The US imposed tariffs and sanctions on China.", ("USA", "163", "CHN")),
        (
            "The EU's sanctions and travel ban on Belarusian officials angered Minsk.",
            ("IGOEUREEC", "163", "BLRGOV"),
        ),
        # twins
        ("The US imposed sanctions on Iran.", ("USA", "163", "IRN")),
        (
            "Britain imposed an asset freeze and a travel ban on Russian oligarchs.",
            ("GBR", "163", "RUSELI"),
        ),
    ],
)
def test_conjoined_sanctions_take_the_last_ones_target(
    text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in codes(text)


# ---- 3. "any attack": no act made ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Syria warned it will retaliate against any attack by Israel.", "190"),
        ("Iran vowed to respond to any aggression by the United States.", "19"),
        ("Any attack on Taiwan by China would be met with force, the US said.", "19"),
    ],
)
def test_any_event_noun_is_no_event(text: str, code: str) -> None:
    assert not any(c.startswith(code) for _, c, _ in codes(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [  # twins: a definite or possessed attack is one
        ("Russia condemned the attack by Ukraine on Belgorod.", ("UKR", "190", "")),
        ("Israel's attack on Gaza killed ten people.", ("ISR", "190", "")),
    ],
)
def test_definite_event_noun_stays(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in codes(text)


# ---- 4. calls for sanctions against X threaten X ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "British lawmakers have called for sanctions against Chinese officials.",
            ("GBRLEG", "1312", "CHNGOV"),
        ),
        (
            "Netanyahu has called for sanctions against the International Criminal Court.",
            ("ISRGOV", "1312", "IGOICC"),
        ),
        ("Ukraine called for tougher sanctions on Russia.", ("UKR", "1312", "RUS")),
        # twins: calls to lift or ease sanctions, and for talks, keep their codes
        ("Iran called for the lifting of sanctions against Tehran.", ("IRN", "0254", "")),
        ("Russia called for the easing of sanctions on North Korea.", ("RUS", "0254", "PRK")),
        ("France called for talks with Iran.", ("FRA", "026", "IRN")),
    ],
)
def test_calls_for_sanctions(text: str, expected: tuple[str, str, str]) -> None:
    found = codes(text)
    assert expected in found
    if expected[1] == "1312":
        assert not any(c.startswith("02") for _, c, _ in found)


# ---- 5. "arrested a man for offering", "praised Japan for supporting": the object acts ---------


@pytest.mark.parametrize(
    ("text", "expected", "not_source"),
    [
        ("The US praised Japan for supporting Ukraine.", ("JPN", "051", "UKR"), "USA"),
        ("Iran sanctioned US officials for supporting Israel.", ("USAGOV", "051", "ISR"), "IRN"),
        ("Russia praised China's leaders for backing Moscow.", ("CHNGOV", "051", "RUS"), "RUS"),
    ],
)
def test_reason_gerund_is_the_objects_act(
    text: str, expected: tuple[str, str, str], not_source: str
) -> None:
    found = codes(text)
    assert expected in found
    assert not any(s == not_source and c == expected[1] and t == expected[2] for s, c, t in found)


@pytest.mark.parametrize(
    ("text", "subject", "code"),
    [  # the object names no actor: no one's act is told, least of all the subject's
        ("The Commission accused the legislation of attacking civil society in Hungary.", "", "19"),
        ("Police in Colombia arrested a man for offering cash to officials.", "COLCOP", "03"),
        ("Sri Lanka police arrested an employee for making a false accusation.", "LKACOP", "11"),
        ("Turkish police detained two journalists for insulting Erdogan.", "TURCOP", "11"),
    ],
)
def test_reason_gerund_is_never_the_subjects_act(text: str, subject: str, code: str) -> None:
    assert not any(s == subject and c.startswith(code) for s, c, _ in codes(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [  # twins: the subject's own gerunds and the arrest itself stay
        ("Police arrested a Syrian man for spying on Turkish troops.", ("", "173", "SYRCVL")),
        ("Russia attacked Ukraine after accusing Kyiv of shelling Donetsk.", ("RUS", "190", "UKR")),
        ("China blamed the US for provoking North Korea.", ("CHN", "112", "USA")),
    ],
)
def test_reason_gerund_twins(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in codes(text)


# ---- 6. pardons and delays granted are concessions, not aid -------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Trump granted a full pardon to Conrad Black.", ("USAELI", "081", "")),
        ("President Kiir pardoned the opposition leader.", ("SSDGOV", "081", "")),
        ("The EU granted the British government a delay.", ("IGOEUREEC", "080", "GBRGOV")),
        (
            "The EU granted Britain an extension of the Brexit deadline.",
            ("IGOEUREEC", "080", "GBR"),
        ),
        # twins: grants of money, loans and asylum stay aid
        ("Japan granted a loan to Vietnam.", ("JPN", "071", "VNM")),
        ("Germany granted asylum to Syrian refugees.", ("DEU", "075", "SYRREF")),
        ("The US granted $5 million to Haiti.", ("USA", "070", "HTI")),
    ],
)
def test_grants_of_pardons_and_delays(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in codes(text)


# ---- 7. support as the aim of another act is no act of support ----------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Germany and UNICEF handed over 30 vehicles to support health services in Somalia.",
        "The United States provided $1.7 billion in assistance to support Syrian refugees in Jordan.",
        "Cuba is not cooperating with US work to support Colombia's efforts.",
        "Japan sent engineers to Kenya to support the UN mission in South Sudan.",
        "France raised funds to back the Lebanese army.",
    ],
)
def test_support_as_an_aim_is_no_support(text: str) -> None:
    assert not any(c.startswith("05") for _, c, _ in codes(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [  # twins: support committed to, decided or voted for, or given, stays
        ("Germany decided to support Ukraine.", ("DEU", "051", "UKR")),
        ("Germany supports Ukraine.", ("DEU", "051", "UKR")),
        (
            "The Nigerian Air Force reiterated its commitment to support the Nigeria Police.",
            ("NGAMIL", "051", "NGACOP"),
        ),
    ],
)
def test_support_told_stays(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in codes(text)


# ---- 8. a threat staved off is no one's threat --------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Japan signed the trade deal while staving off the threat of higher U.S. car duties.",
        "Germany staved off the threat of US tariffs.",
        "Turkey warded off the threat of EU sanctions.",
        "Mexico fended off the threat of American tariffs.",
    ],
)
def test_staved_off_threat_is_no_threat(text: str) -> None:
    assert not any(c.startswith("13") for _, c, _ in codes(text))


def test_threat_made_stays() -> None:
    assert ("RUS", "1312", "DEU") in codes("Russia threatened Germany with tariffs.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [  # the aim names the recipient of aid when nothing else does
        (
            "The United States provided $1.7 billion in humanitarian assistance to support Syrian refugees in Jordan.",
            ("USA", "073", "SYRREF"),
        ),
        ("Britain sent food to help Yemen.", ("GBR", "073", "YEM")),
        # twin: a named recipient goes first, the aim's adversary is none
        ("Germany sent weapons to Ukraine to counter Russia.", ("DEU", "072", "UKR")),
    ],
)
def test_aid_recipient_from_its_aim(text: str, expected: tuple[str, str, str]) -> None:
    found = codes(text)
    assert expected in found
    assert not any(t == "RUS" for _, _, t in found)
