"""Honorifics and gender (issue 16, new-user kind 1): "Mr X" is one mention of the person of
that surname named earlier (else the one KB office holder of that surname in the document's
country on its date), a bare "Mr" is never linked on its own, and he/she never go to a person
the document gives the other gender. Every sentence is our own."""

from __future__ import annotations

from datetime import date

import pytest

from detente.actors.link import link_text
from detente.model import Mention

Y2005 = date(2005, 3, 1)


def _people(text: str, day: date = Y2005) -> list[tuple[str, str | None, str]]:
    return [(m.text, m.person, m.actor_code) for m in link_text(text, day)]


def _of(mentions: list[tuple[str, str | None, str]], surface: str) -> list[tuple[str | None, str]]:
    return [(p, c) for t, p, c in mentions if t == surface]


@pytest.mark.parametrize(
    ("text", "surface", "person"),
    [
        # a person named in full earlier, then honorific + surname
        ("Gordon Brown attacked the union. Later Mr Brown said the reforms would go on.",
         "Mr Brown", "gordon-brown"),
        ("Tony Blair met the union. Mr Blair said talks had gone well.", "Mr Blair", "tony-blair"),
        ("Tessa Jowell defended the bill. But Ms Jowell admitted changes were needed.",
         "Ms Jowell", "tessa-jowell"),
        ("Culture Secretary Tessa Jowell spoke first. Mrs Jowell then left.", "Mrs Jowell",
         "tessa-jowell"),
        ("Union leader Jonathan Baume spoke out. Mr Baume said ministers were divided.",
         "Mr Baume", "jonathan-baume"),
        ("The report was written by Harriet Kemble. Dr Kemble said it was overdue.",
         "Dr Kemble", "harriet-kemble"),
        ("The council was sued by Angus Dewar. Mr. Dewar said he had no choice.", "Mr. Dewar",
         "angus-dewar"),
        ("The peer Helen Marsh voted against. Baroness Marsh said the bill was flawed.",
         "Baroness Marsh", "helen-marsh"),
    ],
)  # fmt: skip
def test_honorific_and_surname_is_the_person_named_earlier(
    text: str, surface: str, person: str
) -> None:
    found = _of(_people(text), surface)
    assert found and all(p == person for p, _ in found), _people(text)


@pytest.mark.parametrize(
    ("text", "surface", "person", "code"),
    [
        ("Mr Brown told the Commons the economy was growing in Britain.", "Mr Brown",
         "gordon-brown", "GBRGOV"),
        ("Mr Straw flew to Brussels for talks on British rebates.", "Mr Straw", "jack-straw",
         "GBRGOV"),
        ("Mr Howard said the Tories would cut taxes in Britain.", "Mr Howard", "michael-howard",
         "GBROPP"),
    ],
)  # fmt: skip
def test_honorific_and_surname_alone_is_the_one_office_holder_of_that_name(
    text: str, surface: str, person: str, code: str
) -> None:
    assert _of(_people(text), surface) == [(person, code)], _people(text)


def test_an_honorific_and_a_surname_shared_by_office_holders_abroad_stays_unlinked() -> None:
    # John Howard (Australia) and Michael Howard (Britain) both held office in 2005: a
    # document about neither country names no one by "Mr Howard" alone
    mentions = _people("Mr Howard spoke to reporters about the weather.")
    assert all(c == "" for t, _, c in mentions if "Howard" in t), mentions


@pytest.mark.parametrize(
    "text",
    [
        'Jonathan Baume said the unions were angry. Then Mr Brown said: "Mr Blair and I agree."',
        "Tim Yeo criticised the plan. Mr Howard said the party was united.",
        "Mr Baume spoke first. Then Mr Brown replied and Mr Blair nodded.",
        "Mrs Ellison opened the debate, and Mr Carter closed it.",
    ],
)
def test_a_bare_honorific_is_never_a_mention_of_its_own(text: str) -> None:
    mentions = _people(text)
    assert not any(t.rstrip(".") in ("Mr", "Mrs", "Ms") for t, _, _ in mentions), mentions
    # and "Mr X" never goes to the person of another surname
    for t, p, _ in mentions:
        if t.startswith(("Mr ", "Mrs ")) and p:
            assert t.split()[-1].lower() in p, (t, p)


@pytest.mark.parametrize(
    ("text", "pronoun"),
    [
        # "Ms Robinson" later in the document says Anne Robinson is a woman: "he" is not her
        ("TV presenter Anne Robinson said as home secretary he gave the impression he was "
         "harsh. Ms Robinson is a friend of the Tory leader.", "he"),
        ("Writer Carol Dunmore said he had been unfair to her. Mrs Dunmore asked for an apology.",
         "he"),
        ("Critic Paul Stannard said she had misled voters. Mr Stannard wants an inquiry.", "she"),
    ],
)  # fmt: skip
def test_pronouns_never_go_to_a_person_of_the_other_gender(text: str, pronoun: str) -> None:
    mentions = link_text(text, Y2005)
    subject = mentions[0].person if mentions else None
    assert subject
    wrong = [m for m in mentions if m.text == pronoun and m.person == subject]
    assert not wrong, [(m.text, m.person) for m in mentions]


@pytest.mark.parametrize(
    ("text", "pronoun", "person"),
    [  # twins: the same gender still resolves
        ("Writer Carol Dunmore said she had been treated unfairly. Mrs Dunmore asked for an "
         "apology.", "she", "carol-dunmore"),
        ("Critic Paul Stannard said he had been misled. Mr Stannard wants an inquiry.", "he",
         "paul-stannard"),
        ("Tessa Jowell said she would change the bill.", "she", "tessa-jowell"),
    ],
)  # fmt: skip
def test_pronouns_of_the_same_gender_still_resolve(text: str, pronoun: str, person: str) -> None:
    mentions: list[Mention] = link_text(text, Y2005)
    assert any(m.text == pronoun and m.person == person for m in mentions), [
        (m.text, m.person) for m in mentions
    ]
