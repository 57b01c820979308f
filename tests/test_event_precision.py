"""Precision of what the coder emits (issue 14): a refusal of a cooperative or yielding act is a
rejection (CAMEO root 12), an act whose subject is no actor is no evidence of an actor's act, and
the eval command takes PETRARCH dictionaries. Every sentence here is ours."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from detente.events.coder import code_text
from detente.events.roles import load_roles

DAY = date(2024, 9, 11)
DICTIONARIES = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "events"


def coded(text: str) -> list[tuple[str, str, str, str]]:
    """(source, code, target, polarity) of every event coded from a text."""
    return [(e.source, e.cameo, e.target, e.polarity) for e in code_text(text, DAY)]


# ---- negated cooperation and concessions are rejections ------------------------------------


@pytest.mark.parametrize(
    ("text", "source", "code"),
    [
        ("Canada will not lift its sanctions on Venezuela.", "CAN", "1244"),
        ("Ottawa refused to ease the embargo on Cuban cigars.", "CAN", "1244"),
        ("Azerbaijan did not release the Armenian detainees.", "AZE", "1243"),
        ("Hanoi declined to free the jailed bloggers.", "VNM", None),  # 12x by the lexicon
        ("Morocco would not withdraw its troops from the buffer zone.", "MAR", "1246"),
        ("Serbia refused to pull its soldiers back from the Kosovo border.", "SRB", None),
        ("Egypt will not allow UN inspectors into its prisons.", "EGY", "1245"),
        ("Poland did not send tanks to Georgia.", "POL", "1222"),
        ("Chile has not provided economic aid to Bolivia.", "CHL", "1221"),
        ("Kenya did not cooperate with Somalia on border security.", "KEN", "1212"),
        ("Vietnam did not sign the maritime accord with the Philippines.", "VNM", "127"),
        ("Kim Jong Un refused to meet the South Korean president.", "PRKGOV", "125"),
    ],
)
def test_refused_cooperation_is_a_rejection(text: str, source: str, code: str | None) -> None:
    events = [e for e in code_text(text, DAY) if e.source == source]
    assert events, text
    assert all(e.polarity == "asserted" for e in events if e.root == "12")
    assert all(e.root == "12" or e.polarity == "negated" for e in events), events
    assert any(e.root == "12" for e in events), [(e.cameo, e.polarity) for e in events]
    if code is not None:
        assert code in {e.cameo for e in events}, [e.cameo for e in events]


def test_refusal_keeps_modality_and_the_goldstein_sign() -> None:
    future = [e for e in code_text("Canada will not lift its sanctions on Venezuela.", DAY)]
    assert [(e.cameo, e.modality) for e in future] == [("1244", "future")]
    assert future[0].goldstein is not None and future[0].goldstein < 0  # hostile, as told


@pytest.mark.parametrize(
    "text",
    [
        "Hezbollah did not attack Israel.",
        "The Turkish army did not shell Kurdish positions in Syria.",
        "Pakistan has not expelled Afghan diplomats.",
        "Japan did not praise China.",
    ],
)
def test_negated_acts_of_other_kinds_stay_negated(text: str) -> None:
    events = code_text(text, DAY)
    assert events, text
    assert all(e.root != "12" and e.polarity == "negated" for e in events), coded(text)


@pytest.mark.parametrize(
    "text",
    [
        "If Iran strikes first, Israel would not lift the blockade of Gaza.",
        "Peru could not meet Ecuador in Lima.",
        "Would Ankara not release the Greek soldiers?",
        "The Bolivian prisoners were not released.",
    ],
)
def test_inability_condition_or_agentless_negation_is_no_refusal(text: str) -> None:
    assert all(e.root != "12" for e in code_text(text, DAY)), coded(text)


def test_failed_agreement_is_a_mutual_rejection() -> None:
    events = coded("Hanoi and Manila failed to reach a deal on fishing rights.")
    assert ("VNM", "127", "PHL", "asserted") in events
    assert ("PHL", "127", "VNM", "asserted") in events
    assert all(c.startswith("12") for _, c, _, _ in events), events


def test_partner_of_a_mutual_act_refuses_nothing() -> None:
    events = coded("Brazil did not meet Argentina in Montevideo.")
    assert ("BRA", "125", "ARG", "asserted") in events
    assert all(not (s == "ARG" and c.startswith("12")) for s, c, _, _ in events), events


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("The Kremlin declined a request from Reuters to comment on the report.", "120"),
        ("Chile declined an invitation to visit Cuba.", "125"),
        ("Germany declined to comment on the sanctions.", "011"),
    ],
)
def test_declining_a_request_is_a_rejection_not_a_comment(text: str, code: str) -> None:
    assert [e.cameo for e in code_text(text, DAY)] == [code]


def test_consultation_refused_needs_a_partner() -> None:
    assert all(e.root != "12" for e in code_text("Lithuania would not discuss the report.", DAY))
    assert any(e.cameo == "125" for e in code_text("Iran refused to meet Oman.", DAY))


def test_refusal_table_holds_reject_codes_only() -> None:
    roles = load_roles()
    assert roles.refusal("0871") == "1246"  # by the longest prefix, "087"
    assert roles.refusal("0354") == "1244"
    assert roles.refusal("190") is None and roles.refusal("051") is None
    assert all(code.startswith("12") for code in roles.refusals.values())


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("Caracas condemned the refusal of Washington to recognize the election.", "05"),
        ("Kyiv criticised Berlin's reluctance to send tanks to Ukraine.", "07"),
        ("Seoul regretted Tokyo's unwillingness to return the islands.", "08"),
    ],
)
def test_act_a_refusal_noun_is_about_is_not_done(text: str, gone: str) -> None:
    assert all(e.root != gone for e in code_text(text, DAY)), coded(text)


def test_background_event_of_no_known_actor_is_not_coded() -> None:
    events = code_text("Peru recalled its envoy after an attack on its embassy in Quito.", DAY)
    assert all(e.source for e in events), coded("Peru recalled its envoy after an attack.")
    claimed = code_text("Hezbollah claimed responsibility for the drone strike on Israel.", DAY)
    assert any(e.source == "LBNREBHEZ" and e.root in ("18", "19") for e in claimed), claimed


# ---- an act whose subject is no actor ---------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "My brother and I arrived in Germany last spring.",
        "We welcomed the Canadian delegation.",
        "They agreed to cooperate with Japan.",
        "Some neighbours praised the Kenyan runners.",
        "Several analysts urged Hungary to lift its veto.",
        "The families appealed to Qatar for help.",
    ],
)
def test_subject_that_is_no_actor_gives_no_event(text: str) -> None:
    assert code_text(text, DAY) == [] or all(e.source for e in code_text(text, DAY)), coded(text)


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Georgian villages were shelled overnight.", "GEO"),
        ("Two Iraqi towns were bombed on Sunday.", "IRQ"),
        ("Gunmen abducted Nigerian schoolchildren.", "NGA"),
        ("Somali soldiers were ambushed near Mogadishu.", "SOM"),
    ],
)
def test_unknown_perpetrator_of_violence_is_still_an_event(text: str, target: str) -> None:
    events = code_text(text, DAY)
    assert any(e.source == "" and e.target.startswith(target) for e in events), coded(text)


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("The rebel brigade threatened to bomb Aleppo.", "19"),
        ("The militants vowed to attack Israeli towns.", "19"),
        ("The protesters demanded to meet Macron.", "04"),
    ],
)
def test_complement_of_an_unlinked_governing_verb_is_no_event(text: str, gone: str) -> None:
    assert all(e.root != gone for e in code_text(text, DAY)), coded(text)


def test_finite_clause_of_an_unlinked_speaker_keeps_its_own_actor() -> None:
    events = coded("Analysts warned that Russia will attack Moldova.")
    assert any(s == "RUS" and c.startswith("19") for s, c, _, _ in events), events


# ---- eval --dictionaries ----------------------------------------------------------------------


def test_eval_takes_dictionaries() -> None:
    from typer.testing import CliRunner

    from detente.cli import app

    where = DICTIONARIES / "petrarch-dictionaries"
    if not where.is_dir():
        pytest.skip(f"PETRARCH dictionaries not found at {where}")
    runner = CliRunner()
    result = runner.invoke(app, ["eval", "actors", "--dictionaries", str(where)])
    assert result.exit_code != 0 and "events and plover" in result.output
