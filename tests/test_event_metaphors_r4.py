"""Event kinds found wrong on real articles (issue 14, round 4): verbal attacks, curbs on money
and conduct, pressure and attacks undergone, "not only", appeals for a third thing, a company's
own debt, support won, accidents, the campaign trail. Each kind with twins that keep their event.
"""

from datetime import date

import pytest

from detente.events.coder import code_text
from detente.model import Event

DAY = date(2005, 3, 10)


def _events(text: str) -> list[Event]:
    return code_text(text, DAY)


def _triples(text: str) -> set[tuple[str, str, str]]:
    return {(e.source, e.cameo, e.target) for e in _events(text)}


def _roots(text: str) -> set[str]:
    return {e.root for e in _events(text)}


# ---- 1. metaphors: a verbal attack among politicians is criticism, not force -------------------


@pytest.mark.parametrize(
    "text",
    [
        "Chancellor Gordon Brown came under attack from the Conservatives.",
        "Tony Blair came under fierce attack from the Liberal Democrats.",
        "Michael Howard launched a fierce attack on Tony Blair.",
        "Charles Kennedy launched a stinging attack on Michael Howard over immigration.",
        "The Conservatives launched an attack on Gordon Brown's budget.",
    ],
)
def test_verbal_attacks_among_politicians_are_no_force(text: str) -> None:
    assert not _roots(text) & {"18", "19", "20"}, _triples(text)


@pytest.mark.parametrize(
    "text",
    [
        "Tony Blair came under fierce attack from the Liberal Democrats.",
        "Chancellor Gordon Brown came under attack from the Conservatives.",
    ],
)
def test_verbal_attacks_with_known_parties_are_criticism(text: str) -> None:
    assert "11" in _roots(text)


@pytest.mark.parametrize(
    "text",
    [
        "Lord Butler launches attack on Tony Blair's style of government.",
        "Howard launched an attack on Blair's leadership.",
        "The Tories launched an attack on Labour's record on crime.",
    ],
)
def test_attacks_on_a_leaders_ways_are_no_force(text: str) -> None:
    assert not _roots(text) & {"18", "19", "20"}, _triples(text)


@pytest.mark.parametrize(
    ("text", "root"),
    [
        ("Hamas launched an attack on Israel.", "19"),
        ("Vladimir Putin launched an attack on Ukraine.", "19"),
        ("Insurgents launched an attack on the British embassy in Baghdad.", "19"),
    ],
)
def test_armed_attacks_keep_force(text: str, root: str) -> None:
    assert root in _roots(text)


# ---- 1b. curbs on money and conduct are no repression -----------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The Bank of England is clamping down on credit to curb the housing boom.",
        "The Conservatives promise to crack down on immigration.",
        "The government clamped down on tax avoidance.",
        "China is cracking down on lending to cool its economy.",
        "Britain cracked down on benefit fraud.",
        "France announced a crackdown on speeding.",
        "Beijing suppressed inflation with higher interest rates.",
    ],
)
def test_curbs_on_money_and_conduct_are_no_repression(text: str) -> None:
    assert "17" not in _roots(text), _triples(text)


@pytest.mark.parametrize(
    "text",
    [
        "China cracked down on protesters in Tibet.",
        "Zimbabwe clamped down on opposition activists.",
        "Uzbek troops suppressed the protesters in Andijan.",
    ],
)
def test_curbs_on_people_stay_repression(text: str) -> None:
    assert "17" in _roots(text)


# ---- 1c. pressure and attacks undergone: the subject is no attacker ----------------------------


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("Iran resisted international pressure to halt its nuclear programme.", "IRN"),
        ("North Korea withstood pressure to return to the talks.", "PRK"),
        ("America experienced attacks on its embassies in Kenya and Tanzania.", "USA"),
        ("Israel has suffered attacks from Lebanon for years.", "ISR"),
        ("Syria resisted pressure from the United States.", "SYR"),
    ],
)
def test_undergone_acts_have_their_subject_as_target(text: str, subject: str) -> None:
    assert subject not in {e.source for e in _events(text)}, _triples(text)


def test_pressure_from_a_named_actor_is_that_actors() -> None:
    assert ("USA", "130", "SYR") in _triples("Syria resisted pressure from the United States.")


# ---- 2. "not only ... but" adds; no clause says an act both happened and did not --------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Israel not only condemned the attack but also accused Syria.", "111"),
        ("Russia not just criticised Georgia but threatened it.", "111"),
        ("France not only condemned the coup but also recalled its ambassador.", "111"),
        ("The French army not only repulsed the attack but also captured their leader.", "190"),
    ],
)
def test_not_only_is_no_negation(text: str, code: str) -> None:
    found = [e for e in _events(text) if e.cameo == code]
    assert found and all(e.polarity == "asserted" for e in found), _triples(text)


@pytest.mark.parametrize(
    "text",
    [
        "Israel did not condemn the attack.",
        "France has not recalled its ambassador from Mali.",
        "The French army did not repulse the attack.",
    ],
)
def test_negation_twins_stay_negated(text: str) -> None:
    assert any(e.polarity == "negated" for e in _events(text))


@pytest.mark.parametrize(
    "text",
    [
        "The French army not only repulsed an attack by the rebels but also captured their leader.",
        "Israel not only condemned the attack but also accused Syria.",
        "Russia did not attack Georgia, but Russia attacked Georgia's allies.",
    ],
)
def test_one_sentence_never_gives_both_polarities(text: str) -> None:
    seen: dict[tuple[str, str, str], set[str]] = {}
    for e in _events(text):
        seen.setdefault((e.source, e.cameo, e.target), set()).add(e.polarity)
    assert all(len(p) == 1 for p in seen.values()), seen


# ---- 3. roles ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Mr Schroeder and Mr Chirac have both called for the embargo to be lifted.",
        "Gerhard Schroeder and Jacques Chirac called for the arms embargo to be lifted.",
        "Britain and France called for the talks to be resumed.",
        "Germany and Italy have called for the sanctions to be eased.",
    ],
)
def test_appeals_for_a_third_thing_are_not_between_co_subjects(text: str) -> None:
    events = _events(text)
    assert events and all(e.root == "02" for e in events), _triples(text)
    pairs = {(e.source, e.target) for e in events}
    assert not any((t, s) in pairs for s, t in pairs if s and t), pairs


@pytest.mark.parametrize(
    "text",
    [
        "The UN repeated its call for Syria to withdraw its troops from Lebanon.",
        "The EU renewed its call for Iran to accept the offer.",
        "Washington waited for Pyongyang to return to the talks.",
    ],
)
def test_for_to_clauses_are_not_done(text: str) -> None:
    assert not _roots(text) & {"03", "04", "08"}, _triples(text)


@pytest.mark.parametrize(
    "text",
    [
        "French drinks firm Pernod has reduced the debt it took on to fund the takeover.",
        "Russia cut its debt to the Paris Club.",
        "Germany reduced its budget deficit last year.",
        "Japan slashed its spending on roads.",
        "The French government reduced the costs it incurred to finance the project.",
    ],
)
def test_a_bodys_own_finances_are_no_aid_cut(text: str) -> None:
    assert "16" not in _roots(text), _triples(text)


@pytest.mark.parametrize(
    "text",
    ["Britain cut its aid to Zimbabwe.", "The US reduced its military aid to Pakistan."],
)
def test_aid_cuts_kept(text: str) -> None:
    assert "16" in _roots(text)


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ("Blair consolidates the support of Labour MPs.", "GBRLEG", "GBRGOV"),
        ("Iran has won the backing of Russia.", "RUS", "IRN"),
        ("Turkey secured the support of Germany.", "DEU", "TUR"),
        ("Ukraine gained the backing of Poland.", "POL", "UKR"),
    ],
)
def test_support_won_is_given_by_its_of_object(text: str, source: str, target: str) -> None:
    triples = _triples(text)
    assert (source, "051", target) in triples and (target, "051", source) not in triples, triples


@pytest.mark.parametrize(
    "text",
    [
        "A French military plane crashed in Chad, killing three soldiers.",
        "Three British soldiers were killed when their helicopter crashed in Iraq.",
        "An Indian army truck overturned, killing twelve soldiers.",
        "A fire at the Russian embassy in Kabul killed two guards.",
        "A ferry carrying Egyptian troops capsized, killing forty people.",
    ],
)
def test_accidents_are_no_violence(text: str) -> None:
    assert not _roots(text) & {"18", "19", "20"}, _triples(text)


@pytest.mark.parametrize(
    "text",
    [
        "Rebels ambushed a Sudanese army convoy, killing ten soldiers.",
        "Israeli troops killed two Palestinian gunmen in Gaza.",
        "Insurgents shot down a US helicopter, killing three soldiers.",
    ],
)
def test_violence_twins_kept(text: str) -> None:
    assert _roots(text) & {"18", "19", "20"}


# ---- 4. the campaign trail ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Kerry hit the campaign trail in Ohio on Tuesday.",
        "Tony Blair hit the campaign trail in Wales.",
        "Blair launched his campaign in Scotland, attacking the Conservatives.",
        "Michael Howard took his campaign to Wales.",
    ],
)
def test_the_campaign_trail_is_no_force(text: str) -> None:
    assert not _roots(text) & {"18", "19", "20"}, _triples(text)


def test_an_attack_on_the_trail_is_criticism() -> None:
    text = "Blair launched his campaign in Scotland, attacking the Conservatives."
    assert ("GBRGOV", "111", "GBROPPCON") in _triples(text)


# ---- found judging BBC politics articles ---------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Ministers will crack down hard on the small numbers of pupils who skip school.",
        "The council clamped down on drivers who park on pavements.",
        "The government wants to suppress the figures.",
    ],
)
def test_repression_needs_a_named_target(text: str) -> None:
    assert "17" not in _roots(text), _triples(text)


@pytest.mark.parametrize(
    "text",
    [
        "Two motions were passed on Monday asking Ken Livingstone to apologise and withdraw his "
        "comments.",
        "A letter was sent asking Tony Blair to apologise.",
        "Michael Howard refused to withdraw his remarks.",
        "The government withdrew the bill.",
    ],
)
def test_withdrawn_words_and_asked_apologies_are_not_done(text: str) -> None:
    assert not {e.cameo for e in _events(text) if e.polarity == "asserted"} & {"087", "055"}


def test_troop_withdrawal_kept() -> None:
    assert "087" in {e.cameo for e in _events("Syria withdrew its troops from Lebanon.")}


@pytest.mark.parametrize(
    "text",
    [
        "Michael Howard admitted it was not an easy issue.",
        "Tony Blair admitted that mistakes had been made.",
    ],
)
def test_admitting_a_fact_grants_no_access(text: str) -> None:
    assert "08" not in _roots(text), _triples(text)


def test_admitting_inspectors_kept() -> None:
    assert "0862" in {e.cameo for e in _events("Iran admitted UN inspectors to the site.")}
