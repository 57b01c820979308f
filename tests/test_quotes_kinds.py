"""Quote kinds a new user found on real articles: the writer's scare quotes given speakers, the
wrong speaker (an object, a passive, a book's title, a speaker behind a nearer one), broken
spans (a lost paragraph break, an addressee in the content, a clause printed twice) and named
speakers with post-nominals. Every sentence here is written for the test."""

from __future__ import annotations

from datetime import date

import pytest

from detente.actors.link import get_linker
from detente.model import Quote
from detente.parse.units import text_units
from detente.quotes import find_quotes

DAY = date(2005, 3, 1)


def quotes_of(text: str) -> list[Quote]:
    units = text_units(text)
    return find_quotes(units, get_linker(()).link(units, DAY))


def by_text(text: str) -> dict[str, Quote]:
    return {q.text: q for q in quotes_of(text)}


# ---- kind 1: the writer's scare quotes --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("Labour will fight the election as \"New\" Labour again, the prime minister said.", "New"),
        ("The party continued to operate as a \"broad church\" under his leadership.", "broad church"),
        ("Officials dismissed the report as \"lies\" on Monday.", "lies"),
        ("\"Errors\" doomed the first sale of the dome.", "Errors"),
        ("‘Errors’ doomed the first sale of the dome.", "Errors"),
        ("The campaign expects the moderator to call out Trump for his supposed \"lies\" during the debate.", "lies"),
        ("The ministry began a \"new chapter\" in relations with Kyiv.", "new chapter"),
        ("Critics of the self-styled \"people's budget\" said it would cost jobs.", "people's budget"),
        ("An unashamedly \"Old\" Labour manifesto will stress public ownership, aides said.", "Old"),
    ],
)  # fmt: skip
def test_a_quoted_term_nobody_is_said_to_speak_is_a_scare_quote(text: str, term: str) -> None:
    quote = by_text(text)[term]
    assert quote.kind == "scare" and quote.speaker_text is None


@pytest.mark.parametrize(
    ("text", "term", "speaker"),
    [
        ("Officials said the report was \"lies\".", "the report was \"lies\"", "Officials"),
        ("He called the claims \"lies\".", "lies", "He"),
        ("\"Errors were made,\" the minister said.", "Errors were made,", "the minister"),
        ("The Tories dismissed the plan, and Ms Hewitt said it was \"desperate\".", "it was \"desperate\"", "Ms Hewitt"),
    ],
)  # fmt: skip
def test_twins_quoted_words_a_speaker_says_keep_their_speaker(
    text: str, term: str, speaker: str
) -> None:
    quote = by_text(text)[term]
    assert quote.kind in ("partial", "direct") and quote.speaker_text == speaker


# ---- kind 2: the wrong speaker ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "term", "speaker"),
    [
        ("The Tory leader said his team had reached a \"collective view\", but admitted it was \"not an easy issue\".",
         "it was \"not an easy issue\"", "Tory leader"),
        ("The minister said the cabinet had agreed a plan but conceded it was \"far from perfect\".",
         "it was \"far from perfect\"", "The minister"),
    ],
)  # fmt: skip
def test_a_speech_verb_joined_to_a_reported_clause_is_the_reporter_s(
    text: str, term: str, speaker: str
) -> None:
    assert by_text(text)[term].speaker_text == speaker


@pytest.mark.parametrize(
    ("text", "term", "speaker"),
    [
        ("The scheme was branded a \"disgraceful waste\" by MPs.", "disgraceful waste", "MPs"),
        ("The e-University was branded a \"costly failure\" by the committee.", "costly failure", "the committee"),
    ],
)  # fmt: skip
def test_a_passive_speech_verb_s_speaker_is_its_agent(text: str, term: str, speaker: str) -> None:
    assert by_text(text)[term].speaker_text == speaker


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ('The plan has been described as "reckless" in the press.', "reckless"),
        ('The deal was called "a betrayal" in a statement on Monday.', "a betrayal"),
    ],
)
def test_a_passive_speech_verb_without_agent_gives_its_subject_no_voice(
    text: str, term: str
) -> None:
    quote = by_text(text)[term]
    assert quote.speaker_text is None


@pytest.mark.parametrize(
    ("text", "source", "content"),
    [
        ("According to a new book, Brown's Britain, Mr Blair broke a pledge to stand down.",
         "a new book", "Mr Blair broke a pledge to stand down"),
        ("According to a new report, Waste Not, the council lost millions on the scheme.",
         "a new report", "the council lost millions on the scheme"),
        ("According to a documentary, Cold Harbour, the ministry knew of the leak.",
         "a documentary", "the ministry knew of the leak"),
    ],
)  # fmt: skip
def test_a_work_s_title_is_neither_speaker_nor_content(
    text: str, source: str, content: str
) -> None:
    (quote,) = quotes_of(text)
    assert quote.speaker_text == source and quote.text == content


@pytest.mark.parametrize(
    ("text", "source", "content"),
    [
        ("According to the report, the council lost millions on the scheme.", "the report",
         "the council lost millions on the scheme"),
        ("According to police, Smith, 42, was arrested at the scene.", "police",
         "Smith, 42, was arrested at the scene"),
    ],
)  # fmt: skip
def test_twins_according_to_keeps_its_clause(text: str, source: str, content: str) -> None:
    (quote,) = quotes_of(text)
    assert quote.speaker_text == source and quote.text == content


@pytest.mark.parametrize(
    ("text", "speaker", "words"),
    [
        ("Rush Limbaugh: Hillary plan ‘reeks of fear.’", "Rush Limbaugh", "reeks of fear."),
        ("Maria Lopez: The deal is “a good start.”", "Maria Lopez", "a good start."),
    ],
)
def test_a_name_and_a_colon_opening_a_headline_speak_its_quotation(
    text: str, speaker: str, words: str
) -> None:
    assert by_text(text)[words].speaker_text == speaker


def test_twin_a_dateline_colon_is_no_speaker() -> None:
    quote = by_text("LONDON: The deal is “a good start,” officials said.")
    assert [q.speaker_text for q in quote.values()] == ["officials"]


@pytest.mark.parametrize(
    ("text", "term", "speaker"),
    [
        ("But Mr Howard denied Mr Yeo, his transport spokesman, said the plans \"stink\".", "stink", "Mr Yeo"),
        ("The chairman of the Bar Council, Guy Mansfield QC, warned there was a \"real risk\" of unrest.",
         "there was a \"real risk\" of unrest", "Guy Mansfield QC"),
        ("The chairman of the Bar Council, Guy Mansfield QC warned there was a \"real risk\" of unrest.",
         "there was a \"real risk\" of unrest", "Guy Mansfield QC"),
        ("\"We will not give up,\" said Glenys Kinnock MEP.", "We will not give up,", "Glenys Kinnock MEP"),
        ("\"The vote was a farce,\" said Sir Menzies Campbell MP, the party's foreign affairs spokesman.",
         "The vote was a farce,", "Sir Menzies Campbell"),
    ],
)  # fmt: skip
def test_a_named_speaker_with_a_description_or_post_nominal_is_found(
    text: str, term: str, speaker: str
) -> None:
    assert by_text(text)[term].speaker_text == speaker


# ---- kind 3: broken spans ---------------------------------------------------------------------


def test_a_quotation_over_a_lost_paragraph_break_stays_two_quotations_of_one_speaker() -> None:
    text = (
        'Mark Oaten said: "This is a mess. "The Tories should think again." The chairman warned '
        'of "grave risks".'
    )
    found = by_text(text)
    assert found["This is a mess."].speaker_text == "Mark Oaten"
    assert found["The Tories should think again."].speaker_text == "Mark Oaten"
    assert found["grave risks"].speaker_text == "The chairman"


@pytest.mark.parametrize(
    "text",
    [
        '"We will win," he said. "It is over."',
        'The rules were "weighted overwhelmingly" in favour of the householder, he said.',
        'He accused them of"squabbling like schoolboys". Then he left.',
    ],
)
def test_twins_straight_quotation_marks_pair_as_written(text: str) -> None:
    texts = {q.text.strip(" ,.") for q in quotes_of(text)}
    assert texts & {"We will win", "weighted overwhelmingly", "squabbling like schoolboys"}
    assert not any(t.startswith(("he said", "Then")) for t in texts)


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("Sources told the BBC Mr Howard had always backed the cards.", "Mr Howard had always backed the cards"),
        ("A minister told the Guardian Mr Davies was wrong about the budget.", "Mr Davies was wrong about the budget"),
        ("Aides told Reuters the talks would resume on Monday.", "the talks would resume on Monday"),
        ("The envoy told the Security Council Dr Okafor would lead the mission.", "Dr Okafor would lead the mission"),
    ],
)  # fmt: skip
def test_a_reported_clause_leaves_the_addressee_out(text: str, content: str) -> None:
    (quote,) = [q for q in quotes_of(text) if q.kind == "indirect"]
    assert quote.text == content


def test_a_copula_the_parse_left_bare_is_no_clause_of_its_own() -> None:
    text = 'He also said he was confident Mr Davis would "set out the position" soon.'
    assert all(q.text != "he was" for q in quotes_of(text))


def test_several_quoted_words_in_one_clause_print_the_clause_once() -> None:
    text = 'The leader said the team had reached a "collective view" after a "good discussion".'
    found = quotes_of(text)
    assert len({q.text for q in found}) == len(found) == 2
    assert found[0].text.startswith("the team had reached") and found[1].text == "good discussion"
    assert {q.speaker_text for q in found} == {"The leader"}
