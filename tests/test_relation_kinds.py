"""Directed relations by kind of wording, on sentences written for these tests: agent nouns
("a Kremlin critic"), verbs that take a side with a preposition ("voted against B"), receiving
verbs, relative clauses, holders borrowed from the clause above, noun cues aimed at a target,
"under investigation by", pronouns, reversed negation, allegations; each kind with twins that
must keep giving nothing (or the other direction)."""

from __future__ import annotations

import pytest

from detente.errors import ModelError
from detente.nlp import load_nlp
from detente.signals.relation_lexicon import _words, load_relation_lexicon
from detente.signals.relations import find_relations


def relations(sentence: str, a: str, b: str) -> list[tuple[str, int, str]]:
    """(holder, polarity, target) of every relation found between the mentions `a` and `b`."""
    doc = load_nlp()(sentence)
    spans = []
    for name in (a, b):
        start = sentence.index(name)
        span = doc.char_span(start, start + len(name), alignment_mode="expand")
        assert span is not None
        spans.append(span)
    return [(f.holder.text, f.polarity, f.target.text) for f in find_relations(doc[:], spans)]


def first(sentence: str, a: str, b: str) -> tuple[str, int, str] | None:
    found = relations(sentence, a, b)
    return found[0] if found else None


AGENT_NOUNS = [  # the noun names the holder; its possessor, "of" or name before it, the target
    ("Ms Lindqvist, a Greenpeace supporter, spoke at the rally.", "Lindqvist", "Greenpeace", 1),
    ("Senator Hale is a fierce Kremlin critic.", "Senator Hale", "Kremlin", -1),
    ("Putin ally Ramzan Kadyrov visited Grozny on Monday.", "Ramzan Kadyrov", "Putin", 1),
    ("Viktor Orban, one of Moscow's closest allies in Europe, met reporters.", "Viktor Orban",
     "Moscow", 1),
    ("Mr Castillo has emerged as one of Maduro's staunchest defenders.", "Mr Castillo",
     "Maduro", 1),
    ("Critics of the Kremlin, including Navalny, were detained.", "Navalny", "the Kremlin", -1),
    ("Judge Amara, an outspoken opponent of Erdogan, resigned.", "Judge Amara", "Erdogan", -1),
    ("Baroness Kerr is a longtime Labour loyalist.", "Baroness Kerr", "Labour", 1),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "holder", "target", "polarity"), AGENT_NOUNS)
def test_agent_nouns_point_from_the_person_to_whom_they_back_or_oppose(
    sentence: str, holder: str, target: str, polarity: int
) -> None:
    assert first(sentence, holder, target) == (holder, polarity, target)


@pytest.mark.parametrize(
    ("sentence", "a", "b"),
    [
        ("Sanders supporters applauded Warren on Sunday.", "Sanders", "Warren"),
        ("Macron's allies praised Scholz after the summit.", "Macron", "Scholz"),
        ("Trudeau's critics met Poilievre in Ottawa.", "Trudeau", "Poilievre"),
        ("Max's friend Leo visited Paris.", "Max", "Leo"),  # friendship is no stance
    ],
)
def test_a_mention_inside_an_agent_noun_is_not_its_holder(sentence: str, a: str, b: str) -> None:
    assert relations(sentence, a, b) == []


def test_an_agent_noun_keeps_its_direction_when_named_first() -> None:  # twin of the above
    found = relations("Trump's critics, including Romney, spoke out.", "Trump", "Romney")
    assert found[:1] == [("Romney", -1, "Trump")]


PREPOSITIONS = [  # the verb takes a side only with its preposition
    ("Senator Brooks voted against Mayorkas in the Senate.", "Senator Brooks", "Mayorkas", -1),
    ("Mayor Ortiz came out against Governor Hale on Friday.", "Mayor Ortiz", "Governor Hale",
     -1),
    ("Three former ministers testified against Netanyahu.", "ministers", "Netanyahu", -1),
    ("Labour MPs rallied behind Starmer after the vote.", "Labour", "Starmer", 1),
    ("Democrats quickly lined up behind Biden.", "Democrats", "Biden", 1),
    ("The metalworkers' union campaigned for Lula in 2022.", "union", "Lula", 1),
    ("Britain stood against Russia at the United Nations.", "Britain", "Russia", -1),
    ("Britain stood with Ukraine at the United Nations.", "Britain", "Ukraine", 1),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "holder", "target", "polarity"), PREPOSITIONS)
def test_verbs_that_take_a_side_with_a_preposition(
    sentence: str, holder: str, target: str, polarity: int
) -> None:
    assert first(sentence, holder, target) == (holder, polarity, target)


@pytest.mark.parametrize(
    ("sentence", "a", "b"),
    [
        ("Senator Brooks did not vote against Mayorkas.", "Senator Brooks", "Mayorkas"),
        ("Senator Brooks might vote against Mayorkas.", "Senator Brooks", "Mayorkas"),
        ("Ortiz walked against the wind with Hale.", "Ortiz", "Hale"),
        ("Le Pen gained more support than Macron in the north.", "Le Pen", "Macron"),
        ("The Greens won far more backing than Labour.", "The Greens", "Labour"),
    ],
)
def test_prepositions_and_receiving_verbs_alone_give_nothing(sentence: str, a: str, b: str) -> None:
    assert relations(sentence, a, b) == []


CLAUSES = [  # the holder is named outside the cue's own clause
    ("Ms Ortiz, who accused Governor Hale of lying, resigned.", "Ms Ortiz", "Governor Hale", -1),
    ("Kadyrov, someone Putin trusts completely, spoke first.", "Putin", "Kadyrov", 1),
    ("Ortiz was at the stadium to cheer Messi.", "Ortiz", "Messi", 1),
    ("By praising Netanyahu, Trudeau angered his base.", "Trudeau", "Netanyahu", 1),
    ("After condemning Hamas, Macron flew to Cairo.", "Macron", "Hamas", -1),
    ("The Times skewered Johnson for attacking Starmer.", "Johnson", "Starmer", -1),
    ("Orban has been attacked for his praise of Xi.", "Orban", "Xi", 1),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "holder", "target", "polarity"), CLAUSES)
def test_holders_from_relative_clauses_and_the_clause_above(
    sentence: str, holder: str, target: str, polarity: int
) -> None:
    assert (holder, polarity, target) in relations(sentence, holder, target)


def test_being_behind_something_is_no_support() -> None:
    found = relations("Russia is behind the campaign against Navalny.", "Russia", "Navalny")
    assert all(polarity < 0 for _, polarity, _ in found)


@pytest.mark.parametrize(
    ("sentence", "a", "b"),
    [
        ("Sunak warned the Tories against blocking Starmer's bill.", "Sunak", "Starmer"),
        ("Hale was accused of snubbing Ortiz at the gala.", "Hale", "Ortiz"),
        ("The Times skewered Johnson for attacking Starmer.", "The Times", "Starmer"),
    ],
)
def test_the_clause_above_does_not_lend_the_wrong_holder(sentence: str, a: str, b: str) -> None:
    assert all(holder != a for holder, _, _ in relations(sentence, a, b))


AIMED = [  # a noun cue that is not the subject's own stance but aimed at, or suffered by, B
    ("German criticism is increasingly directed at Beijing.", "German", "Beijing", -1),
    ("More criticism was heaped on Johnson by the Labour benches.", "Labour", "Johnson", -1),
    ("Sunak heaped praise on Modi during the visit.", "Sunak", "Modi", 1),
    ("Ortiz remains under investigation by the FBI.", "the FBI", "Ortiz", -1),
    ("Johnson came under attack from Starmer on Wednesday.", "Starmer", "Johnson", -1),
    ("When Ortiz left the party, she was denounced by Hale.", "Hale", "Ortiz", -1),
    ("Mesquita's attack on Albuquerque dominated the debate.", "Mesquita", "Albuquerque", -1),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "holder", "target", "polarity"), AIMED)
def test_noun_cues_aimed_at_or_suffered_by_the_target(
    sentence: str, holder: str, target: str, polarity: int
) -> None:
    assert first(sentence, holder, target) == (holder, polarity, target)


@pytest.mark.parametrize(
    ("sentence", "a", "b"),
    [
        ("Ortiz remains under contract with Barcelona.", "Ortiz", "Barcelona"),
        ("Johnson came under the care of doctors in London.", "Johnson", "London"),
    ],
)
def test_under_without_a_cue_gives_nothing(sentence: str, a: str, b: str) -> None:
    assert relations(sentence, a, b) == []


def test_support_not_ruled_out_is_not_withheld() -> None:
    assert relations("Romney did not rule out backing Haley.", "Romney", "Haley") == []
    assert first("Romney has not endorsed Haley.", "Romney", "Haley") == ("Romney", -1, "Haley")


@pytest.mark.parametrize(
    ("sentence", "holder", "target", "polarity"),
    [
        ("Ms Ortiz alleged that Hale is corrupt.", "Ms Ortiz", "Hale", -1),
        ("Sunak described Starmer's plan as unacceptable.", "Sunak", "Starmer", -1),
        ("Arguing that Hale is guilty, the prosecutor Ortiz rested her case.", "Ortiz", "Hale",
         -1),
    ],
)  # fmt: skip
def test_allegations_and_verdicts(sentence: str, holder: str, target: str, polarity: int) -> None:
    assert (holder, polarity, target) in relations(sentence, holder, target)


def test_sentences_without_a_lexicon_word_give_nothing() -> None:
    assert relations("Ortiz met Hale in Madrid on Monday.", "Ortiz", "Hale") == []


def test_the_lexicon_refuses_words_yaml_read_as_booleans() -> None:
    assert "on" in load_relation_lexicon().target_preps
    with pytest.raises(ValueError, match="quote"):
        _words({"target_preps": ["of", True]}, "target_preps")
    assert issubclass(ModelError, Exception)


MORE_ARGUMENTS = [  # datives, coordinated holders, "quick to", "blamed ... on B"
    ("Scholz gave Kyiv his full backing on Monday.", "Scholz", "Kyiv", 1),
    ("Paris offered Rabat its warm support.", "Paris", "Rabat", 1),
    ("The unions, the churches and the Labour establishment condemned Sunak.", "Labour",
     "Sunak", -1),
    ("Democrats were quick to condemn Mayorkas.", "Democrats", "Mayorkas", -1),
    ("Ankara was eager to praise Baku after the ceasefire.", "Ankara", "Baku", 1),
    ("Seoul blamed the sinking on Pyongyang.", "Seoul", "Pyongyang", -1),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "holder", "target", "polarity"), MORE_ARGUMENTS)
def test_datives_coordination_and_keen_adjectives(
    sentence: str, holder: str, target: str, polarity: int
) -> None:
    assert first(sentence, holder, target) == (holder, polarity, target)


@pytest.mark.parametrize(
    ("sentence", "a", "b"),
    [
        ("Ortiz was wrong to trust Hale.", "Ortiz", "Hale"),  # regret, not trust
        ("Ortiz was reluctant to criticise Hale.", "Ortiz", "Hale"),
        ("Nobody in Madrid praised Hale.", "Madrid", "Hale"),
        ("No minister from Lisbon criticised Hale.", "Lisbon", "Hale"),
        ("London will stand firm on Brussels and its rebate.", "London", "Brussels"),
        ("Ortiz warns the BBC on Hale.", "Ortiz", "Hale"),
    ],
)
def test_reluctance_subjects_that_name_no_one_and_verbs_with_on_give_nothing(
    sentence: str, a: str, b: str
) -> None:
    assert relations(sentence, a, b) == []


def test_help_denied_by_a_subject_naming_no_one_is_withheld_not_given() -> None:
    found = relations("Neither Ortiz nor her deputies will help Hale.", "Ortiz", "Hale")
    assert found == [("Ortiz", -1, "Hale")]
    assert first("Ortiz and her deputies will help Hale.", "Ortiz", "Hale") == ("Ortiz", 1, "Hale")


PRONOUN_TARGETS = [  # an object pronoun stands for the subject of the clause above its own
    ("Hale's bid did not falter, and Ortiz has since endorsed him for governor.", "Ortiz",
     "Hale", 1),
    ("Ortiz said the Hale campaign coordinated this attack on him.", "Hale", "Ortiz", -1),
    ("Senator Ortiz picked up an early endorsement from Governor Hale.", "Governor Hale",
     "Senator Ortiz", 1),
    ("Ortiz was publicly shamed by Hale on television.", "Hale", "Ortiz", -1),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "holder", "target", "polarity"), PRONOUN_TARGETS)
def test_object_pronouns_receiving_verbs_and_shaming(
    sentence: str, holder: str, target: str, polarity: int
) -> None:
    assert first(sentence, holder, target) == (holder, polarity, target)


def test_an_object_pronoun_never_stands_for_its_own_clause_subject() -> None:
    assert relations("Ortiz met Hale and praised him warmly.", "Ortiz", "Hale") == []


LAST_KINDS = [  # adjectives after their noun, "with" nouns, "that" clauses, chained subjects
    ("The auditors released a report sharply critical of Governor Hale.", "auditors",
     "Governor Hale", -1),
    ("Tokyo has long treated Pyongyang with suspicion.", "Tokyo", "Pyongyang", -1),
    ("Ortiz's accusation that Hale had lied stunned the chamber.", "Ortiz", "Hale", -1),
    ("More Tories are going further, not just refusing to back Sunak but also endorsing Starmer.",
     "Tories", "Starmer", 1),
    ('Ortiz said: "I never trusted Hale, but I admire Lopez."', "Ortiz", "Lopez", 1),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "holder", "target", "polarity"), LAST_KINDS)
def test_post_nominal_adjectives_with_nouns_that_clauses_and_quoted_first_person(
    sentence: str, holder: str, target: str, polarity: int
) -> None:
    assert (holder, polarity, target) in relations(sentence, holder, target)


@pytest.mark.parametrize(
    ("sentence", "a", "b"),
    [
        ("Beijing pledged to stop supporting hackers in Manila.", "Beijing", "Manila"),
        ("Ortiz avoided criticising Hale in public.", "Ortiz", "Hale"),
        ("Ortiz denied backing Hale in the primary.", "Ortiz", "Hale"),
        ("Ortiz spoke with respect to Hale's budget.", "Ortiz", "Hale"),
    ],
)
def test_verbs_that_undo_the_cue_and_set_phrases_give_nothing(
    sentence: str, a: str, b: str
) -> None:
    assert relations(sentence, a, b) == []


@pytest.mark.parametrize(
    ("sentence", "a", "b"),
    [
        ("Senator Ortiz praised Hale's remarks in Le Monde.", "Senator Ortiz", "Le Monde"),
        ("Ortiz praised Hale to the Lagos Herald.", "Ortiz", "the Lagos Herald"),
        ("Ortiz stood up to Hale at the summit.", "Ortiz", "Hale"),
    ],
)
def test_places_audiences_and_settings_are_no_targets(sentence: str, a: str, b: str) -> None:
    assert relations(sentence, a, b) == []


def test_a_phrase_still_speaks_for_its_of_for_and_by_objects() -> None:  # twin of the above
    found = relations("A reporter for the Lagos Herald praised Hale.", "the Lagos Herald", "Hale")
    assert found[:1] == [("the Lagos Herald", 1, "Hale")]
    found = relations("The proposals of Ortiz criticised Hale.", "Ortiz", "Hale")
    assert found[:1] == [("Ortiz", -1, "Hale")]


@pytest.mark.parametrize(
    ("sentence", "holder", "target", "polarity"),
    [
        ("Ortiz needs the support of the Greens to pass the budget.", "the Greens", "Ortiz", 1),
        ("Hale is seeking the backing of Labour for the plan.", "Labour", "Hale", 1),
    ],
)
def test_support_sought_or_needed_is_held_by_its_of_object(
    sentence: str, holder: str, target: str, polarity: int
) -> None:
    assert first(sentence, holder, target) == (holder, polarity, target)


def test_the_urger_holds_the_cue_and_lost_support_is_none() -> None:
    sentence = "Ministers in Jaffna urged music fans to boycott Nelly's concert."
    assert first(sentence, "Ministers", "Nelly") == ("Ministers", -1, "Nelly")
    sentence = "Hale used a rally in Leeds to praise Ortiz."
    assert first(sentence, "Hale", "Ortiz") == ("Hale", 1, "Ortiz")
    assert relations(sentence, "Leeds", "Ortiz") == []
    assert relations("Hale lost the support of Ortiz.", "Ortiz", "Hale") == []
