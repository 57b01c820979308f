"""Tone toward a marked person on sentences of our own, by kind of failure with twins, and the
machinery under it: VADER's fast path, the parser's vectors and the fallback without them (real
spaCy model, real packaged tone model)."""

from __future__ import annotations

import numpy as np
import pytest
import spacy

from detente.nlp import load_nlp
from detente.signals.tone import LABELS, actor_tone_of, load_tone_model, target_tone
from detente.signals.tone_features import _vader, dense_vector, tone_features, vader


def span_of(sentence: str, name: str):
    doc = load_nlp()(sentence)
    start = sentence.index(name)
    span = doc.char_span(start, start + len(name), alignment_mode="expand")
    assert span is not None
    return span


def labels(cases: list[tuple[str, str]], reading=target_tone) -> list[str]:
    return [reading(span_of(sentence, name)).label for sentence, name in cases]


PRAISE = [
    ("Aid workers praised Dr Amina Yusuf for her tireless work in the camps.", "Dr Amina Yusuf"),
    ("Residents applauded Mayor Frank Bell for reopening the library.", "Mayor Frank Bell"),
    ("The report commended Ambassador Reyes for her skilful diplomacy.", "Ambassador Reyes"),
    ("Governor Ellis won wide acclaim for his calm handling of the crisis.", "Governor Ellis"),
    ("Fans cheered as Coach Harlan lifted the trophy after a brilliant season.", "Coach Harlan"),
]
CRITICISM = [
    ("Rights groups denounced General Tarkov as a brutal dictator.", "General Tarkov"),
    ("Senator Moss was condemned for his cruel remarks about refugees.", "Senator Moss"),
    ("Editorials attacked Governor Vance for his disastrous handling of the economy.",
     "Governor Vance"),
    ("Critics mocked Minister Carrow's clumsy, dishonest excuses.", "Minister Carrow"),
]  # fmt: skip
REPORTED_CRITICISM = [  # a third party's criticism, told by the writer
    ("Opposition leaders said Prime Minister Kahn had betrayed the country.",
     "Prime Minister Kahn"),
    ("According to the lawsuit, Mr Brandt defrauded hundreds of investors.", "Mr Brandt"),
    ("Former aides described Governor Pike as dishonest and vindictive.", "Governor Pike"),
    ("The watchdog said Ms Varga had misled parliament about the contracts.", "Ms Varga"),
]  # fmt: skip
WITHOUT_SENTIMENT_WORDS = [  # criticism told only by what the person did or what befell them
    ("Auditors found that Minister Ralston had spent public money on private flights.",
     "Minister Ralston"),
    ("Mr Kerr was removed from the board after the investigation.", "Mr Kerr"),
    ("The court ordered Governor Dunn to repay the money he took from the pension fund.",
     "Governor Dunn"),
    ("Prosecutors charged Senator Vale with taking bribes from a builder.", "Senator Vale"),
]  # fmt: skip
NEUTRAL_DEATH_AND_CRIME = [  # the person only reports on, or works on, a death or a crime
    ("Inspector Rahul Mehta said the killer had not yet been identified.",
     "Inspector Rahul Mehta"),
    ("Judge Olsen will hear the murder case next month.", "Judge Olsen"),
    ("Commissioner Hart published new figures on violent crime on Thursday.",
     "Commissioner Hart"),
    ("Dr Dube, a pathologist, told the court how the victim had died.", "Dr Dube"),
    ("Chief Constable Ward spoke to reporters about the fatal shooting.", "Chief Constable Ward"),
]  # fmt: skip
UPBEAT_QUOTE_NEUTRAL_SPEAKER = [
    ("“We are thrilled with this fantastic result,” said Ms Lopez, the company's spokeswoman.",
     "Ms Lopez"),
    ("“It was a beautiful, happy day for everyone,” Councillor Webb said.", "Councillor Webb"),
    ("“The festival was a wonderful success,” organiser Tom Price told reporters.", "Tom Price"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("cases", "gold", "floor"),
    [
        (PRAISE, "positive", 4),
        (CRITICISM, "negative", 3),
        (REPORTED_CRITICISM, "negative", 3),
        (WITHOUT_SENTIMENT_WORDS, "negative", 3),
    ],
)
def test_what_is_said_of_the_person_sets_the_tone(
    cases: list[tuple[str, str]], gold: str, floor: int
) -> None:
    said = labels(cases)
    assert sum(s == gold for s in said) >= floor, list(zip(cases, said, strict=True))
    opposite = {"positive": "negative", "negative": "positive"}[gold]
    assert said.count(opposite) <= 1, said  # precision first: the opposite reading is rare


def test_death_or_crime_in_a_neutral_report_does_not_make_the_reporter_negative() -> None:
    said = labels(NEUTRAL_DEATH_AND_CRIME, actor_tone_of)
    assert said.count("negative") <= 1, said
    assert "positive" not in said, said


def test_an_upbeat_quote_does_not_make_its_speaker_negative_and_mostly_not_positive() -> None:
    said = labels(UPBEAT_QUOTE_NEUTRAL_SPEAKER, actor_tone_of)
    assert "negative" not in said and said.count("neutral") >= 2, said


def test_praise_and_criticism_twins_differ_in_the_same_frame() -> None:
    frame = "The committee {} Ms Hanley for her {} of the inquiry."
    good = target_tone(span_of(frame.format("thanked", "fair and careful handling"), "Ms Hanley"))
    bad = target_tone(span_of(frame.format("rebuked", "biased and careless handling"), "Ms Hanley"))
    assert good.score > bad.score
    assert good.label != "negative" and bad.label != "positive"


# ---- the machinery ------------------------------------------------------------------------------

VADER_TEXTS = [
    "The talks were excellent and friendly.",
    "NOT good at all!!!",
    "It was kind of bad, but the ending was GREAT.",
    "no good, no way, nor happy",
    "At least it is fine; the least bad option won.",
    "I love it 😀 so much 💔",
    "The food was SUPER GOOD :) but the service was not great :(",
    "",
    "   ",
    "Plain words with no feeling at all.",
]


@pytest.mark.parametrize("text", VADER_TEXTS)
def test_the_fast_vader_gives_exactly_vaders_compound(text: str) -> None:
    expected = _vader().analyzer.polarity_scores(text)["compound"] if text.strip() else 0.0
    assert vader(text) == expected


def test_the_dense_vector_reads_the_parsers_own_token_vectors() -> None:
    span = span_of("Critics blamed Governor Ruiz for the slow response to the floods.", "Ruiz")
    width = span.doc.tensor.shape[1]
    vector = dense_vector(span)
    assert vector is not None and vector.shape == (3 * width,)
    assert np.allclose(vector[:width], span.doc.tensor[span.start : span.end].mean(axis=0))
    model = load_tone_model()
    assert model.dense_mean is not None and model.dense_mean.shape == vector.shape


def test_a_doc_without_token_vectors_falls_back_on_the_named_features() -> None:
    nlp = load_nlp()
    sentence = "Colleagues praised Judge Maria Soto for her fairness and courage."
    doc = nlp(sentence)
    features = tone_features(doc[2:5])
    doc.tensor = np.zeros((0, 96), dtype="float32")  # as a pipeline without tok2vec leaves it
    assert dense_vector(doc[2:5]) is None
    said = target_tone(doc[2:5])
    named_only = load_tone_model().probabilities(features)
    assert said.label == LABELS[max(range(3), key=named_only.__getitem__)]
    blank = spacy.blank("en")(sentence)
    assert dense_vector(blank[:2]) is None  # no parse, no vectors: no error either


def test_a_vector_of_the_wrong_width_is_ignored() -> None:
    model = load_tone_model()
    features = {"vader_sentence": 0.5}
    assert model.probabilities(features, np.ones(7, dtype="float32")) == model.probabilities(
        features
    )


@pytest.mark.parametrize(
    ("sentence", "name", "expected"),
    [
        ("Colleagues praised Judge Soto for her fairness.", "Judge Soto", "act:done_to|praised"),
        ("Ms Varga misled parliament about the contracts.", "Ms Varga", "act:doer|wrongdoing"),
        ("Ms Varga tried to mislead parliament.", "Ms Varga", "act:doer|wrongdoing"),
        ("Mr Grant was fired by the board.", "Mr Grant", "act:done_to|criticised"),
        ("The board did not fire Mr Grant.", "Mr Grant", "act:done_to|criticised|neg"),
        ("The crew was rescued by Captain Amari.", "Captain Amari", "act:doer|good_deeds"),
    ],
)
def test_the_act_told_of_the_person_in_their_role(sentence: str, name: str, expected: str) -> None:
    acts = {k for k in tone_features(span_of(sentence, name)) if k.startswith("act:")}
    assert acts == {expected}


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("The watchdog said Ms Varga had misled parliament.", "The watchdog"),  # the one telling
        ("Mr Grant praised the board.", "Mr Grant"),  # the one praising, not praised
        ("Russia helped the army crush the revolt.", "Russia"),  # the act is the army's
        ("Judge Soto spoke about the praise.", "Judge Soto"),
    ],
)
def test_no_act_is_read_for_someone_it_does_not_tell_of(sentence: str, name: str) -> None:
    assert not [k for k in tone_features(span_of(sentence, name)) if k.startswith("act:")]
