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


# ---- sober titles written as news sentences, cut to a length (a feed item with no headline) ---

# Wire-style first sentences of our own, 80-200 characters: full sentences with articles,
# auxiliaries and attribution, which the headline model must not read as clickbait.
SOBER_LONG_TITLES = [
    "New figures show that the number of people waiting for hospital treatment in England has risen for a third month in a row",
    "Figures published on Thursday show that the number of asylum seekers crossing the Channel in small boats fell sharply in the",
    "A report by the UN refugee agency says that the war has displaced more than a million people from their homes since the start",
    "The government has said it will not extend the deadline for applications, despite calls from charities and opposition parties",
    "Police in the capital said on Tuesday that a man had been arrested after a car was driven into a crowd outside a railway station",
    "A study published in the journal Nature suggests that the rate of ice loss in the Antarctic has tripled over the past decade",
    "Ministers are expected to announce that the state pension age will rise to 68 earlier than planned, according to people familiar with",
    "The prime minister has told MPs that the country is facing the most serious economic crisis in a generation and urged calm",
    "It is the first time that a sitting president has been charged with a crime, and the case is likely to take months to come to trial",
    "Data from the statistics office shows that inflation fell to 4.6% in the year to October, the lowest rate in two years",
    "The European Central Bank left interest rates unchanged on Thursday and signalled that it expects inflation to keep falling next year",
    "Rescue workers were searching for survivors on Monday after a powerful earthquake struck the south of the country overnight, officials said",
    "The number of people killed in floods across the region has risen to at least 40, according to the interior ministry",
    "Voters in the state went to the polls on Sunday in an election that is seen as a test of the governing coalition's popularity",
    "A court in the capital has sentenced a former minister to seven years in prison for corruption, in a case that has gripped the country",
    "Shares in the carmaker fell by more than 10% after it cut its profit forecast for the year, blaming weaker demand in China",
    "The health ministry said that more than 2,000 new cases had been recorded in the past 24 hours, the highest daily figure since March",
    "Thousands of people marched through the city centre on Saturday to protest against plans to raise the retirement age",
    "Officials from the two countries will meet next week to discuss a ceasefire, a spokesperson for the foreign ministry told reporters",
    "The company said it would cut about 1,200 jobs as part of a restructuring plan aimed at saving $500m a year by 2026",
    "Scientists have warned that the world is on course to miss its climate targets unless emissions fall sharply within the decade",
    "A new analysis of census data shows that the population of the country's largest cities has grown faster than expected",
    "Firefighters have brought under control a wildfire that forced the evacuation of several villages in the north of the island",
    "The opposition leader said the budget would do little to help families struggling with the cost of living",
    "Parliament voted by a large majority on Wednesday to approve the bill, which now goes to the upper house for a final reading",
    "Hospital waiting lists have reached a record high, with more than seven million people now waiting for treatment, figures show",
    "The central bank raised its main interest rate by half a percentage point, the largest increase in more than two decades",
    "Negotiators said they had made progress in talks on a new trade agreement but that several issues remained unresolved",
    "It is the third time this year that the agency has had to revise its growth forecast for the economy",
    "The minister told the BBC that the government was doing everything it could to bring down energy bills for households",
    "The United Nations has called for an independent investigation into the deaths of civilians in the attack on the market",
    "An investigation by the regulator found that the bank had failed to carry out proper checks on thousands of customers",
    "The president said on Friday that he would not seek a second term, ending months of speculation about his political future",
    "Tens of thousands of teachers are to go on strike next month in a dispute over pay, their union has announced",
    "The airline has cancelled hundreds of flights this week because of staff shortages, leaving passengers stranded at airports",
    "A former soldier has been charged with murder over the deaths of two men during a military operation in 1972",
    "Police say they have found no evidence that the fire was started deliberately and are not treating it as suspicious",
    "The report found that one in five children in the country is living in poverty, a figure that has barely changed in a decade",
    "Exports fell for a second month in a row in October as demand from the country's main trading partners weakened",
]
LONG_CLICKBAIT_TWINS = [  # as long, with the habits
    "You Won't Believe What Happened When This Mum Left Her Toddler Alone With A Tub Of Paint For Five Minutes, The Photos Are Hilarious",
    "Here Are 27 Of The Most Adorable Things Dogs Have Ever Done For Their Owners, And Number 14 Will Absolutely Make You Cry",
    "This Woman Quit Her Job To Travel The World With Her Cat And What Happened Next Will Make You Want To Do The Same Thing Right Now",
    "Can You Guess Which Of These 90s Cartoon Characters Is Secretly The Most Popular Halloween Costume This Year In Every Single State",
    "We Asked 50 People What They Would Do If They Won The Lottery And Their Answers Are Honestly The Most Relatable Thing You Will Read",
    "We Tried Every Fast Food Burger In America And Here's How They Ranked From Worst To Best",
    "Here's What Happens To Your Body When You Stop Eating Sugar For A Whole Month, According To Doctors",
    "These 21 Photos Of Dogs Meeting Their Owners After Years Apart Will Absolutely Make Your Day",
]


def test_sober_long_titles_score_low_and_their_clickbait_twins_high() -> None:
    sober = scores(*SOBER_LONG_TITLES, titled=True)
    assert all(80 <= len(t) <= 200 for t in SOBER_LONG_TITLES)
    high = [(s.score, t) for s, t in zip(sober, SOBER_LONG_TITLES, strict=True) if s.score >= 0.15]
    assert not high, high
    bait = scores(*LONG_CLICKBAIT_TWINS, titled=True)
    assert all(s.score >= cutoff() for s in bait), [s.score for s in bait]


def test_glue_words_are_no_reasons_and_long_titles_say_so() -> None:
    (found,) = scores(SOBER_LONG_TITLES[0], titled=True)  # "New figures show that the ..."
    said = " ".join(e for r in found.reasons for e in r.examples)
    assert "function words" not in said, found.reasons
    features = {r.feature: r for r in found.reasons}
    assert features["long_title"].contribution < 0 and features["long_title"].count > 16
    logit = sum(r.contribution for r in found.reasons)
    assert abs(1 / (1 + math.exp(-logit)) - found.score) < 0.005


def test_glue_and_attribution_words_are_not_model_terms_but_style_words_are() -> None:
    from detente.signals.headline import model_terms

    terms = set(model_terms("Officials said that the deal is what you need", load_signal_lexicon()))
    assert not {"the", "that", "is", "that the", "said", "officials said"} & terms
    assert "the deal" in terms and "you need" in terms and "what you" in terms


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
