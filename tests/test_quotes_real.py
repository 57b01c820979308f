"""Quotes and speakers as real news writes them: speakers the knowledge base does not know, and
the shapes quotations take (multi-paragraph, single marks, colons, mixed quotes, names)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from detente.actors.link import get_linker
from detente.model import Quote
from detente.parse.units import text_units
from detente.quotes import find_quotes

DAY = date(2025, 6, 1)
POLNEAR = Path(__file__).resolve().parents[1] / "../shared/data/quotes/polnear_dev.jsonl"


def quotes_of(text: str) -> list[Quote]:
    units = text_units(text)
    return find_quotes(units, get_linker(()).link(units, DAY))


def spoken(text: str) -> list[Quote]:
    return [q for q in quotes_of(text) if q.kind != "scare"]


# ---- kind 1: speakers outside the knowledge base ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("“We will respond,” said Pieter van der Berg, the party's spokesman.", "Pieter van der Berg"),
        ("“It is over,” Maria Lopez told reporters on Tuesday.", "Maria Lopez"),
        ("“The figures are wrong,” Analyst Chen Wei said.", "Chen Wei"),
        ("“We expect a deal by Friday,” said Ingrid Halvorsen, who chairs the committee.", "Ingrid Halvorsen"),
        ("“Nothing has changed,” Tomasz Wiśniewski, a farmer, told the radio station.", "Tomasz Wiśniewski"),
        ("“The port is closed,” Amara Okonkwo added.", "Amara Okonkwo"),
    ],
)  # fmt: skip
def test_a_named_person_the_kb_does_not_know_is_the_speaker(text: str, speaker: str) -> None:
    quote = spoken(text)[0]
    assert quote.kind == "direct" and quote.speaker_text == speaker
    assert quote.speaker_confidence is not None and 0.5 < quote.speaker_confidence <= 1


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("“The talks have failed,” a senior official said.", "a senior official"),
        ("“We were not consulted,” the spokesman said.", "the spokesman"),
        ("“The vote will go ahead,” the party's spokesman told reporters.", "the party's spokesman"),
        ("A government source said the minister would resign on Monday.", "A government source"),
    ],
)  # fmt: skip
def test_an_unnamed_speaker_is_the_subject_as_written(text: str, speaker: str) -> None:
    quote = spoken(text)[0]
    assert quote.speaker_text == speaker and quote.speaker_person is None
    assert quote.speaker_confidence is not None and quote.speaker_confidence < 0.85


def test_known_people_keep_their_actor_code_and_most_confidence() -> None:
    quote = spoken("“We will not give up Crimea,” Volodymyr Zelensky said.")[0]
    assert quote.speaker_person == "volodymyr-zelensky" and quote.speaker_code.startswith("UKR")
    named = spoken("“The port is closed,” Amara Okonkwo added.")[0]
    assert (quote.speaker_confidence or 0) > (named.speaker_confidence or 0)


def test_a_pronoun_speaker_takes_the_person_named_before() -> None:
    found = spoken(
        "Lena Marquardt chairs the farmers' union.\n“Prices are too low,” she said on Monday."
    )
    assert found[0].speaker_text == "she" and found[0].speaker_person == "lena-marquardt"


def test_a_quote_without_any_speech_verb_gets_no_speaker() -> None:
    for q in quotes_of("The “peace plan” and the “roadmap” were both shelved in Oslo."):
        assert q.speaker_text is None and q.speaker_confidence is None


# ---- kind 2: quote shapes ----------------------------------------------------------------


def test_a_quotation_over_two_paragraphs_keeps_one_speaker() -> None:
    text = (
        "“We will fight for every vote in this district,” said Rosa Delgado, the candidate.\n\n"
        "“We have knocked on ten thousand doors and we will knock on ten thousand more.\n\n"
        "“Nobody will outwork us.”"
    )
    found = spoken(text)
    assert len(found) == 3
    assert {q.speaker_person for q in found} == {"rosa-delgado"}
    assert found[1].text.startswith("We have knocked")


def test_an_open_paragraph_takes_the_speaker_of_its_continuation() -> None:
    text = (
        "The mayor spoke for an hour.\n\n“The budget is balanced for the first time in years.\n\n"
        "“We did it without raising taxes,” Jonas Eklund said."
    )
    found = spoken(text)
    assert [q.speaker_person for q in found] == ["jonas-eklund", "jonas-eklund"]


@pytest.mark.parametrize(
    "text",
    [
        "‘We will not be bullied,’ said Fiona MacLeod, the council leader.",
        "'We will not be bullied,' said Fiona MacLeod, the council leader.",
        "Fiona MacLeod said: ‘We will not be bullied by anyone.’",
        "‘Britain’s farmers will not be bullied,’ said Fiona MacLeod.",
    ],
)
def test_british_single_quotation_marks(text: str) -> None:
    quote = spoken(text)[0]
    assert quote.kind == "direct" and quote.speaker_text == "Fiona MacLeod"
    assert "bullied" in quote.text


@pytest.mark.parametrize(
    "text",
    [
        "Britain's farmers protested in the '90s and again last year.",
        "The band played rock 'n' roll all night in Leeds.",
        "The players' union met the owners' lawyers on Friday.",
        "Rock ’n’ roll came back in the ’60s and in the ’80s.",
    ],
)
def test_apostrophes_open_no_quotation(text: str) -> None:
    assert quotes_of(text) == []


def test_a_quotation_introduced_by_a_colon_in_the_paragraph_before() -> None:
    text = "Ines Carvalho continued:\n\n“The harvest was the worst in forty years and prices fell.”"
    quote = spoken(text)[0]
    assert quote.speaker_text == "Ines Carvalho" and quote.verb == "continue"


def test_an_attribution_in_the_sentence_after() -> None:
    quote = spoken("“Does anybody know what the plan is?” Ravi Shankar asked. “Neither do I.”")
    assert [q.speaker_person for q in quote] == ["ravi-shankar", "ravi-shankar"]


def test_a_quotation_signed_after_a_dash() -> None:
    quote = spoken("“The most unqualified candidate ever to run for office.” ― Marisol Vega")[0]
    assert quote.speaker_text == "Marisol Vega"


@pytest.mark.parametrize(
    ("text", "clause"),
    [
        ("Tariq Aziz said the plan was a “reckless gamble”.", "the plan was a “reckless gamble”"),
        ("Lena Marquardt said the deal was “dead on arrival”.", "the deal was “dead on arrival”"),
        ("Analyst Chen Wei said the plan was a 'reckless gamble'.", "the plan was a 'reckless gamble'"),
    ],
)  # fmt: skip
def test_a_mixed_quote_is_the_whole_reported_clause(text: str, clause: str) -> None:
    quote = spoken(text)[0]
    assert quote.kind == "partial" and quote.text == clause and quote.speaker_person


def test_quoted_words_called_by_a_speaker_stay_partial() -> None:
    quote = spoken("Putin called the talks “constructive”.")[0]
    assert quote.kind == "partial" and quote.text == "constructive"


@pytest.mark.parametrize(
    "text",
    [
        "The boxer, known as “Tiger”, said he would fight again in May.",
        "She said the so-called “peace plan” was never published.",
        "He told “Fox News Sunday,” that the campaign would go on.",
        "The director said her film “The Long Road Home” opens next week.",
        "Marisol Vega sang “American Skin” to the crowd in Ohio.",
    ],
)
def test_names_and_titles_in_quotation_marks_are_no_quotes(text: str) -> None:
    quotes = quotes_of(text)
    named = [q for q in quotes if q.kind in ("direct", "partial")]
    assert named == [] or all("“" in q.text for q in named)  # a clause around a name is speech
    assert any(q.kind == "scare" for q in quotes)


def test_offsets_point_into_the_text_for_every_shape() -> None:
    text = (
        "Headline: ‘We will not be bullied’\n\n“We will fight on,” said Rosa Delgado.\n\n"
        "“And we will win.\n\n“Nobody will outwork us.”\n\nTariq Aziz said the plan was a "
        "“reckless gamble”."
    )
    for q in quotes_of(text):
        assert text[q.start : q.end] == q.text


# ---- the third-party set ------------------------------------------------------------------


def test_polnear_direct_quotes_and_speakers_on_a_sample() -> None:
    if not POLNEAR.exists():
        pytest.skip(f"PolNeAR is third-party data beside the project, absent here ({POLNEAR})")
    from detente.evaluation import polnear

    lines = POLNEAR.read_text(encoding="utf-8").splitlines()[:12]
    examples = [polnear._example(json.loads(line), "sample") for line in lines]
    report = polnear.evaluate(examples)
    assert report.direct.precision >= 0.9 and report.direct.recall >= 0.8
    assert report.direct_speakers.accuracy >= 0.75


def test_speaker_text_and_confidence_reach_the_store(tmp_path: Path) -> None:
    from detente.config import Settings
    from detente.pipeline import run
    from detente.store import Store

    source = tmp_path / "farmers.txt"
    source.write_text(
        "Farmers protest in Lisbon\n\n“We will not be bullied,” said Ines Carvalho, the union's "
        "leader.\n\nA senior official said the talks had failed.\n",
        encoding="utf-8",
    )
    db = tmp_path / "q.duckdb"
    run([str(source)], Settings(db=db))
    with Store.open(db, read_only=True) as store:
        rows = store.query("SELECT speaker_text, speaker_confidence FROM quotes ORDER BY idx")
    assert [r[0] for r in rows] == ["Ines Carvalho", "A senior official"]
    assert rows[0][1] > rows[1][1] > 0
