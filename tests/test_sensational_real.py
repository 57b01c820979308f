"""Sensationalism on real headlines: clickbait habits caught, news style left alone, headlines
scored the same alone and over a sober article, short headlines identified as English."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from detente.clean import prepare_document
from detente.clean.language import detect_language
from detente.config import Settings
from detente.model import RawDocument, Sensationalism, Status
from detente.pipeline import analyze_batch
from detente.signals.headline import load_headline_model
from detente.signals.lexicon import load_signal_lexicon

CLICKBAIT = Path(__file__).parents[1] / "../shared/data/sensational/clickbait_train.jsonl"
WIRE = (
    "Finland and Sweden held talks with Turkey in Ankara on Tuesday over their bids to join the "
    "alliance. Officials from the three countries met for four hours. A further round of talks "
    "is planned for next month in Brussels."
)


def scores(*texts: str, titled: bool = False) -> list[Sensationalism]:
    """Sensationalism of plain texts run through the product's own cleaning and analysis
    (`titled`: each text is also the document's title, as a headline-only feed item)."""
    settings = Settings()
    docs = [
        prepare_document(
            RawDocument(origin=f"t{i}.txt", text=t, title=t if titled else None), settings
        )
        for i, t in enumerate(texts)
    ]
    assert all(d.status is Status.PENDING for d in docs), [d.status_reason for d in docs]
    analyses = analyze_batch(docs, settings)
    return [a.signals.sensationalism for a in analyses if a.signals]


def cutoff() -> float:
    return load_signal_lexicon().cutoff


# ---- clickbait habits, headline alone ---------------------------------------------------------

HABITS = {
    "listicle": [
        "14 Airport Snacks That Are Secretly Worth The Price",
        "9 Reasons Your Houseplants Keep Dying",
        "23 Tiny Kitchens That Somehow Fit Everything",
        "Eleven Grandparents Who Absolutely Nailed Their Halloween Costumes",
    ],
    "quiz": [
        "Which Breakfast Cereal Matches Your Personality",
        "Can You Name These Capital Cities From Their Skylines",
        "How Many Of These Board Games Have You Actually Played",
        "Are You More Of A Morning Person Or A Night Owl",
    ],
    "forward_reference": [
        "This Is Why Nobody Can Fold A Fitted Sheet",
        "Here's What Happens When You Stop Drinking Coffee For A Month",
        "You Won't Believe What This Cat Did At The Vet",
        "These Photos Of Rescue Dogs Will Make You Smile",
    ],
    "curiosity_gap": [
        "This One Simple Trick Keeps Avocados Green For Days",
        "Everyone Is Obsessed With This Tiny Village In Portugal",
        "The Truth About Those Viral Cooking Videos",
        "People Are Losing It Over This Teacher's Reply",
    ],
}


@pytest.mark.parametrize("habit", sorted(HABITS))
def test_clickbait_headlines_alone_score_above_the_cutoff(habit: str) -> None:
    found = scores(*HABITS[habit], titled=True)
    assert all(s.score >= cutoff() for s in found), [(s.score, h) for s, h in
                                                     zip(found, HABITS[habit], strict=True)]  # fmt: skip
    fired = [{r.feature for r in s.reasons} for s in found]
    assert sum(f"headline_{habit}" in f for f in fired) >= 2, fired


# ---- news style that is not hype ---------------------------------------------------------------

NEWS_STYLE = {
    "update stamps": [
        f"Russia and Ukraine agree prisoner swap\n\nUPDATE 16:40 GMT\n\n{WIRE}",
        f"UPDATE 2-Russia and Ukraine agree prisoner swap\n\n{WIRE}",
        f"Talks in Ankara end without a deal\n\nUPDATED 09:15 UTC. {WIRE}",
        f"CORRECTED-Turkey and Sweden talks continue\n\n{WIRE}",
        f"REFILE-Turkey and Sweden talks continue\n\n{WIRE}",
    ],
    "bylines and datelines": [
        f"Turkey talks continue\n\nBy JOHN SMITH and ANNA LEE\n\n{WIRE}",
        f"Turkey talks continue\n\nBY MARIA KOWALSKA\n\n{WIRE}",
        f"Turkey talks continue\n\nANKARA (Reuters) - {WIRE}",
        f"EXCLUSIVE: Turkey and Sweden near deal on NATO bid, officials say\n\n{WIRE}",
    ],
    "consent banners": [
        "Turkey talks continue\n\nWe use cookies to improve your experience. By continuing to "
        f"browse you agree to our use of cookies.\n\n{WIRE}",
        f"Turkey talks continue\n\n{WIRE} Sign up to our newsletter to get the news in your "
        "inbox every morning. You can unsubscribe at any time.",
        "Turkey talks continue\n\nYour browser does not support this video. Please enable "
        f"JavaScript or update your browser.\n\n{WIRE}",
        f"Turkey talks continue\n\n{WIRE} Manage your preferences or accept all cookies to "
        "continue reading.",
    ],
    "no source named on plain wire copy": [
        WIRE,
        f"Turkey talks continue\n\n{WIRE}",
        "Flooding closes roads in northern Italy\n\nHeavy rain closed dozens of roads in "
        "Emilia-Romagna on Monday. Schools in three towns stayed shut. Rail services between "
        "Bologna and Rimini were suspended until the evening.",
    ],
    "Title Case verbs of criticism": [
        "Trump Slams Critics Over Trade Deal",
        "Erdogan Slams Sweden Over Koran Burning Protest",
        "Germany Blasts Russia Over Gas Cuts",
        "Macron Hits Back At Critics Of Pension Reform",
        "Beijing Rips Washington Over Taiwan Arms Sale",
        f"Zelensky Slams Delay In Western Aid\n\n{WIRE}",
    ],
}


@pytest.mark.parametrize("kind", sorted(NEWS_STYLE))
def test_news_style_scores_under_the_false_positive_line(kind: str) -> None:
    found = scores(*NEWS_STYLE[kind])
    assert all(s.score < 0.15 for s in found), [(s.score, [(r.feature, r.contribution) for r in
                                                           s.reasons]) for s in found]  # fmt: skip


def body_scores(*texts: str) -> list[Sensationalism]:
    """Sensationalism of texts whose lines are the segments, the first the headline (no
    segmenter: a banner sentence stays inside the body paragraph)."""
    from detente.parse.units import text_units
    from detente.signals import sensationalism

    units = [text_units(t) for t in texts]
    return [sensationalism(u, u[0], load_signal_lexicon()) for u in units]


def test_stamps_and_banners_count_as_no_habit_but_their_twins_do() -> None:
    banner, reader, stamp, shout = body_scores(
        f"Turkey talks continue\nBy continuing to browse you agree to our use of cookies. {WIRE}",
        f"Turkey talks continue\nYou will not believe what your leaders agreed. {WIRE}",
        f"Turkey talks continue\nUPDATE 16:40 GMT. {WIRE}",
        f"Turkey talks continue\nDiplomats left the room FURIOUS and the talks were in CHAOS. {WIRE}",
    )
    assert "second_person" not in {r.feature for r in banner.reasons}
    assert "second_person" in {r.feature for r in reader.reasons}
    assert reader.score > banner.score
    assert "all_caps" not in {r.feature for r in stamp.reasons}
    shouted = next(r for r in shout.reasons if r.feature == "all_caps")
    assert {"FURIOUS", "CHAOS"} <= set(shouted.examples)


def test_hype_twins_of_news_headlines_stay_sensational() -> None:
    found = scores(
        "SHOCK: Puppet Regime Humiliates The West!\n\nYou won't believe this. Brace yourself!",
        "Erdogan DESTROYS Sweden In Blistering Attack!",
        "Kremlin's Madmen Threaten Europe — Here's What You Need To Know",
        "You Won't Believe What Beijing Just Did To Taiwan",
    )
    assert all(s.score >= cutoff() for s in found), [s.score for s in found]


# ---- one scale: a headline alone, over a sober article, as a title or a line ------------------


def test_a_headline_scores_the_same_alone_and_over_a_sober_article() -> None:
    for headline in ("17 Things Only Diplomats Will Understand", "Turkey and Sweden talks go on",
                     "Which NATO Country Are You"):  # fmt: skip
        alone, article = scores(headline, f"{headline}\n\n{WIRE}")
        (titled,) = scores(headline, titled=True)
        assert abs(alone.score - article.score) <= 0.02, (headline, alone, article)
        assert abs(alone.score - titled.score) <= 0.001


def test_reasons_add_up_to_the_score_and_name_the_words() -> None:
    (found,) = scores("21 Photos That Prove Dogs Are Better Than People")
    logit = sum(r.contribution for r in found.reasons)
    assert abs(1 / (1 + math.exp(-logit)) - found.score) < 0.005
    features = {r.feature: r for r in found.reasons}
    assert features["baseline"].contribution == pytest.approx(load_headline_model().bias, 1e-3)
    assert "headline_listicle" in features and features["headline_words"].contribution > 0
    assert all("(+" in e for e in features["headline_words"].examples)


def test_headline_model_is_small_package_data() -> None:
    from importlib import resources

    size = len((resources.files("detente.signals") / "data" / "clickbait_model.json").read_bytes())
    model = load_headline_model()
    assert size < 300_000 and len(model.terms) > 1000
    assert {"listicle", "quiz", "forward_reference", "second_person"} <= set(model.rules)


# ---- short headlines and language identification ------------------------------------------------

SHORT_ENGLISH = [  # Title Case, names, few function words: what n-gram models get wrong
    "Senate Passes Farm Bill",
    "Pilot Lands Plane On Highway",
    "Why Your Cat Ignores You",
    "Kenya Votes In Tight Race",
    "Storm Batters Coastal Towns",
    "Minister Quits Over Expenses Row",
    "Greek Ferry Strike Ends",
    "Which Pasta Shape Are You",
    "Rail Fares Rise Again",
    "Poland Buys Korean Tanks",
    "Bank Raises Interest Rates",
    "Dutch Farmers Block Roads",
    "Can You Spot The Fake Painting",
    "Floods Cut Off Alpine Villages",
    "Grain Deal Talks Stall",
]
SHORT_OTHER = [
    ("Le président rencontre le chancelier à Berlin", "fr"),
    ("Die Regierung plant neue Steuern für Unternehmen", "de"),
    ("El gobierno aprueba la reforma laboral", "es"),
    ("Il governo approva la legge di bilancio", "it"),
    ("De regering kondigt nieuwe maatregelen aan", "nl"),
    ("Neue Sanktionen Gegen Russland Beschlossen", "de"),
    ("Nouvelle Loi Sur L'Immigration Adoptée Par Le Sénat", "fr"),
    ("Rząd ogłasza nowe sankcje wobec Rosji", "pl"),
    ("Regeringen presenterar ny budget för försvaret", "sv"),
    ("Presiden bertemu dengan Perdana Menteri Jepang", "ms"),
]


def test_short_title_case_english_headlines_are_english() -> None:
    found = [(h, detect_language(h)[0]) for h in SHORT_ENGLISH]
    assert all(lang == "en" for _, lang in found), found


def test_short_headlines_in_other_languages_are_not_taken_for_english() -> None:
    found = [(h, detect_language(h)[0], want) for h, want in SHORT_OTHER]
    assert all(lang != "en" for _, lang, _ in found), found
    assert sum(lang == want for _, lang, want in found) >= 8, found


# ---- the clickbait evaluation (third-party set, read in place) -----------------------------------


def _clickbait_set() -> Path:
    if not CLICKBAIT.exists():
        pytest.skip(f"the MIT clickbait set is not here ({CLICKBAIT})")
    return CLICKBAIT


def test_clickbait_split_is_fixed_and_disjoint() -> None:
    from detente.evaluation.clickbait import load_examples, split_of

    path = _clickbait_set()
    train, dev = load_examples(path, "train"), load_examples(path, "dev")
    assert not {e.headline for e in train} & {e.headline for e in dev}
    assert 0.18 < len(dev) / (len(dev) + len(train)) < 0.22
    assert all(split_of(e.headline) == "dev" for e in dev[:200])


def test_clickbait_development_sample_clears_the_targets() -> None:
    from detente.evaluation.clickbait import evaluate, load_examples

    report = evaluate(load_examples(_clickbait_set(), "dev"), limit=400)
    assert report.auc >= 0.9 and report.accuracy >= 0.85, (report.auc, report.accuracy)
    assert report.zero_share < 0.1


def test_clickbait_evaluation_is_registered_and_says_where_its_data_lives(tmp_path: Path) -> None:
    from detente.errors import InputError
    from detente.evaluation import clickbait, task_module

    assert task_module("clickbait") is clickbait
    with pytest.raises(InputError, match="third-party data"):
        clickbait.load_examples(tmp_path / "absent.jsonl")
