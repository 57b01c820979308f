"""Story grouping on coverage as outlets write it: one happening told in different words by wire
copy, local papers, analysis, op-eds and forum threads is one story; two happenings of one kind
(two earthquakes days apart) are two; each member says why it is there; a story's key actors are
what it is about. Grouped through the real pipeline and store, batch by batch."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from detente.corpus.story_features import (
    anchor_agreement,
    clashes,
    entity_anchor,
    inverse_frequencies,
    load_anchor_rules,
    number_anchors,
)
from detente.evaluation.stories import (
    Example,
    group_examples,
    load_examples,
    score_split,
)
from detente.store import Store

FIXTURE = Path(__file__).parent / "fixtures" / "stories" / "multi_outlet.jsonl"
# 48 reports of 8 happenings by 11 outlets (wire, state media, analysis, op-eds, a sensational
# blog, forum threads with comments) over ten weeks, with a planted Philippines–Vietnam
# rapprochement (a state visit with praise, then a signed defence pact) after a quiet month
FIXTURE_48 = FIXTURE.with_name("multi_outlet_48.jsonl")
ECB = (
    Path(__file__).parent.parent.parent / "shared" / "data" / "stories" / "ecbplus_train_dev.jsonl"
)


@pytest.fixture(scope="module")
def grouped(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Example], dict[str, str], Path]:
    """Our multi-outlet set, analysed and grouped five documents at a time (later batches join
    the stories of earlier ones)."""
    examples = load_examples(FIXTURE)
    db = tmp_path_factory.mktemp("stories") / "s.duckdb"
    predicted, _ = group_examples(examples, db, batch=5)
    return examples, predicted, db


def test_reports_of_one_happening_in_different_words_form_one_story(
    grouped: tuple[list[Example], dict[str, str], Path],
) -> None:
    examples, predicted, _ = grouped
    scores = score_split("fixture", examples, predicted)
    assert scores.pair_precision == 1.0, scores  # no wrong merge
    # measured 0.86 (0.92 before country anchors and kind weights, which the generated corpus's
    # purity needed); a floor against regressions, not the aim (every story whole would be 1.0)
    assert scores.pair_f1 >= 0.8, scores
    assert scores.stories <= 10


def test_two_earthquakes_days_apart_stay_two_stories(
    grouped: tuple[list[Example], dict[str, str], Path],
) -> None:
    examples, predicted, _ = grouped
    by_story = {ex.id: ex.story_id for ex in examples}
    peru = {predicted[i] for i, s in by_story.items() if s == "peru-quake"}
    chile = {predicted[i] for i, s in by_story.items() if s == "chile-quake"}
    assert not peru & chile


def test_op_eds_and_forum_threads_join_the_happening_they_discuss(
    grouped: tuple[list[Example], dict[str, str], Path],
) -> None:
    examples, predicted, _ = grouped
    apart = []
    for ex in examples:
        if ex.title and ex.title.startswith(("Opinion:", "Thread:")):
            others = {
                predicted[e.id] for e in examples if e.story_id == ex.story_id and e is not ex
            }
            if predicted[ex.id] not in others:
                apart.append(ex.title)
    assert not apart, apart


def test_each_member_records_why_it_joined(
    grouped: tuple[list[Example], dict[str, str], Path],
) -> None:
    _, _, db = grouped
    with Store.open(db, read_only=True) as store:
        rows = store.query(
            "SELECT anchors, score, similarity FROM story_members"
            " WHERE story_id <> 's-' || substr(doc_id, 1, 12)"
        )
    assert rows  # documents that joined a story someone else opened
    for anchors, score, similarity in rows:
        assert anchors, "a joined document names what it shares with its story"
        assert score >= similarity


def test_key_actors_are_what_the_story_is_about(
    grouped: tuple[list[Example], dict[str, str], Path],
) -> None:
    examples, predicted, db = grouped
    xi = next(ex for ex in examples if ex.story_id == "xi-putin")
    with Store.open(db, read_only=True) as store:
        (actors,) = store.query(
            "SELECT key_actors FROM stories WHERE story_id = ?", [predicted[xi.id]]
        )[0]
    assert set(actors[:2]) == {"CHN", "RUS"}, actors  # not the SCO, Belarus or India


def test_stories_take_outlets_of_every_batch(
    grouped: tuple[list[Example], dict[str, str], Path],
) -> None:
    _, _, db = grouped
    with Store.open(db, read_only=True) as store:
        widest = store.query("SELECT max(len(sources)) FROM stories")[0][0]
    assert widest >= 4


# ---- anchors, as data ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "text", "anchor"),
    [
        ("PERSON", "Tara Reid", "person:reid"),
        ("PERSON", "Reid", "person:reid"),
        ("PERSON", "Lindsay Lohan's", "person:lohan"),
        ("GPE", "Arequipa", "place:arequipa"),
        ("FAC", "the Pentagon", "place:pentagon"),
        ("ORG", "Reuters", None),  # who reported, not what happened
        ("ORG", "the Associated Press", None),
        ("DATE", "Sunday", None),  # no anchor label
    ],
)
def test_entities_become_anchors_named_alike_across_outlets(
    label: str, text: str, anchor: str | None
) -> None:
    assert entity_anchor(label, text, load_anchor_rules()) == anchor


def test_numbers_and_years_in_digits_are_anchors() -> None:
    found = number_anchors(
        "A magnitude 6.8 quake killed 12 people in 2024; 1,200 homes and the 81st floor",
        load_anchor_rules(),
    )
    assert {"number:6.8", "number:12", "year:2024", "number:1,200", "number:81st"} <= found
    assert not any(a.endswith(":1") for a in found)


@pytest.mark.parametrize(
    ("doc", "clash"),
    [
        ({"person:lohan", "place:malibu"}, True),  # another star's check-in
        ({"person:reid", "person:ketsoyan"}, False),  # names the story's protagonist
        ({"place:malibu"}, False),  # names no one: nothing to clash
        ({"year:2013", "place:malibu"}, True),  # another year
        ({"year:2008", "person:reid"}, False),
    ],
)
def test_a_report_naming_other_people_or_years_clashes(doc: set[str], clash: bool) -> None:
    story = Counter({"person:reid": 4, "place:malibu": 3, "year:2008": 4, "person:ketsoyan": 1})
    assert clashes(doc, story, 4) is clash


@pytest.mark.parametrize(
    ("doc", "story", "clash"),
    [
        # a mediator: "Qatar brokered a swap between Russia and Ukraine" (two pairs through
        # Qatar) and "Russia and Ukraine swapped prisoners" (one pair) are one happening
        ({"event:1:QAT-RUS", "event:1:QAT-UKR"}, {"event:2:RUS-UKR"}, False),
        ({"event:2:RUS-UKR"}, {"event:1:QAT-RUS", "event:2:QAT-UKR"}, False),
        ({"event:1:EGY-ISR", "event:2:EGY-PSE", "event:1:USA-ISR"}, {"event:1:ISR-PSE"}, False),
        ({"event:2:TUR-RUS", "event:2:TUR-UKR"}, {"event:1:RUS-UKR"}, False),  # grain deal
        # twins that stay apart: one party of the pair only, or the other side of it
        ({"event:1:QAT-RUS"}, {"event:2:RUS-UKR"}, True),
        ({"event:1:QAT-RUS", "event:1:QAT-UKR"}, {"event:4:RUS-UKR"}, True),  # fighting
        ({"event:3:QAT-RUS", "event:3:QAT-UKR"}, {"event:2:RUS-UKR"}, True),  # condemns both
        ({"event:1:FRA-DEU", "event:1:FRA-ITA"}, {"event:1:ESP-ITA"}, True),
        ({"event:1:CHN-IND"}, {"event:4:CHN-IND"}, True),  # talks vs a clash of one pair
        ({"event:3:EST-RUS"}, {"event:4:EST-RUS"}, False),  # ordered out / expelled: one side
    ],
)
def test_event_pairs_meet_through_a_mediator_on_one_side(
    doc: set[str], story: set[str], clash: bool
) -> None:
    assert clashes(doc, Counter({a: 3 for a in story}), 3) is clash


def test_rare_shared_anchors_agree_more_than_common_ones() -> None:
    idf = {"place:united states": 0.2, "place:arequipa": 3.0, "number:6.8": 3.0}
    story = Counter({"place:united states": 3, "place:arequipa": 3, "number:6.8": 2})
    rare, shared = anchor_agreement({"place:arequipa", "number:6.8"}, story, idf)
    common, _ = anchor_agreement({"place:united states"}, story, idf)
    assert rare > common and shared[0] == "place:arequipa"


# ---- ECB+ (third-party, read in place) ---------------------------------------------------


@pytest.mark.skipif(not ECB.exists(), reason=f"ECB+ is not here ({ECB}): third-party data")
def test_ecb_plus_sample_keeps_same_kind_happenings_apart(tmp_path: Path) -> None:
    """Three dev topics, each two happenings of one kind (two Oscar hosts, two coach firings,
    two piracy arrests): grouped with precision, most reports of each together."""
    topics = {"2", "5", "12"}
    examples = [ex for ex in load_examples(ECB) if ex.split == "dev" and ex.topic_id in topics]
    predicted, _ = group_examples(examples, tmp_path / "ecb.duckdb", batch=32)
    scores = score_split("dev", examples, predicted)
    assert scores.bcubed_precision >= 0.85, scores
    assert scores.bcubed_f1 >= 0.7, scores


# ---- the 48-article set: stories, then corroboration and shifts ---------------------------


@pytest.fixture(scope="module")
def grouped_48(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[list[Example], dict[str, str], list[dict[str, object]]]:
    """The 48-article set grouped eight documents at a time, then the corpus stages run."""
    from detente.config import Settings
    from detente.corpus import run_corpus

    examples = load_examples(FIXTURE_48)
    db = tmp_path_factory.mktemp("stories48") / "s.duckdb"
    predicted, _ = group_examples(examples, db, batch=8)
    run_corpus(Settings(db=db))
    with Store.open(db, read_only=True) as store:
        flags = store.records("SELECT a, b, period, measure FROM shifts")
    return examples, predicted, flags


def test_forty_eight_reports_by_eleven_outlets_group_with_precision(
    grouped_48: tuple[list[Example], dict[str, str], list[dict[str, object]]],
) -> None:
    examples, predicted, _ = grouped_48
    scores = score_split("outlets48", examples, predicted)
    assert scores.pair_precision == 1.0, scores  # no two happenings merged
    # measured 0.879 (P 1.0, B-cubed R 0.819; 14 stories for 8 happenings), over the issue's
    # 0.85: a one-word "Depsang" tagged as a person reads as the story's place, a story of
    # three reports stays open a day longer, and a lone report joins its story once the story
    # has grown to match it (0.818 before). Anchoring every entity by name whatever
    # its label reached 0.88 here but cut the generated corpus's purity below 0.9
    assert scores.pair_f1 >= 0.85, scores


def test_a_reaction_from_the_other_capital_joins_its_story_once_it_has_grown(
    grouped_48: tuple[list[Example], dict[str, str], list[dict[str, object]]],
) -> None:
    """Rome's crisis unit on the Kaduna kidnapping came a day after the first reports and
    matched none of them then (other words, other people); once later reports name Tajani
    too, it moves into the story. The other happenings stay whole and apart."""
    examples, predicted, _ = grouped_48
    kidnap = {predicted[ex.id] for ex in examples if ex.story_id == "nigeria-kidnap"}
    assert len(kidnap) == 1, kidnap
    others = {predicted[ex.id] for ex in examples if ex.story_id != "nigeria-kidnap"}
    assert not kidnap & others


def test_threads_on_two_expulsions_of_one_kind_join_their_own_happening(
    grouped_48: tuple[list[Example], dict[str, str], list[dict[str, object]]],
) -> None:
    """Estonia's and Latvia's expulsions of Russian diplomats, a week apart, each with a forum
    thread and an op-ed or analysis: each joins its own story, none the other's."""
    examples, predicted, _ = grouped_48
    gold = {ex.id: ex.story_id for ex in examples}
    for ex in examples:
        kind = (ex.title or "").startswith(("Thread:", "Opinion:"))
        if kind and ex.story_id in {"estonia-expel", "latvia-expel"}:
            mates = {gold[i] for i, s in predicted.items() if s == predicted[ex.id]}
            assert mates == {ex.story_id}, (ex.title, mates)
            assert sum(s == predicted[ex.id] for s in predicted.values()) >= 3, ex.title


def test_the_planted_rapprochement_is_flagged_and_little_else(
    grouped_48: tuple[list[Example], dict[str, str], list[dict[str, object]]],
) -> None:
    _, _, flags = grouped_48
    planted = [
        f for f in flags
        if {f["a"], f["b"]} == {"PHL", "VNM"} and "cooperation" in str(f["measure"])
        and date(2025, 2, 10) <= f["period"] <= date(2025, 3, 10)  # type: ignore[operator]
    ]  # fmt: skip
    assert len(planted) == 1, flags
    assert len(flags) - len(planted) <= 3, flags


# ---- what a report shares with a story, and how much that says ----------------------------


@pytest.mark.parametrize(
    ("label", "text", "country", "anchor"),
    [
        ("GPE", "Vietnam", "VNM", "actor:VNM"),  # a country, however it is written
        ("GPE", "Hanoi", "VNM", "actor:VNM"),
        ("NORP", "Vietnamese", "VNM", "actor:VNM"),
        ("ORG", "the Foreign Ministry", "CHN", "actor:CHN"),
        ("PERSON", "Antonio Tajani", "ITA", "person:tajani"),  # a person stays a person
        ("GPE", "Kaduna", None, "place:kaduna"),  # no country-level actor: the name itself
        ("EVENT", "Estlink 2", None, "named:estlink 2"),  # not an `event:` pair anchor
    ],
)
def test_names_of_a_country_anchor_as_that_country(
    label: str, text: str, country: str | None, anchor: str
) -> None:
    assert entity_anchor(label, text, load_anchor_rules(), country) == anchor


@pytest.mark.parametrize(
    ("text", "country", "place", "anchor"),
    [
        ("Tallinn", "EST", True, "actor:EST"),  # a capital the tagger took for a person
        ("Kyiv", "UKR", True, "actor:UKR"),
        ("Hanoi", "VNM", True, "actor:VNM"),
        ("Vladimir Putin", "RUS", False, "person:putin"),  # linked to the government: a person
        ("Ferdinand Marcos", "PHL", False, "person:marcos"),
        ("Antonio Tajani", "ITA", False, "person:tajani"),
        ("Depsang", None, False, "person:depsang"),  # the linker knows nothing: left as tagged
    ],
)
def test_a_person_the_linker_takes_for_a_country_is_that_country(
    text: str, country: str | None, place: bool, anchor: str
) -> None:
    """Taggers call "Tallinn" or "Kyiv" a person in some reports; the linker knows it for the
    country itself, not its government, so it anchors as the country and no longer clashes
    with the story's people."""
    assert entity_anchor("PERSON", text, load_anchor_rules(), country, place) == anchor


def test_sharing_only_countries_says_less_than_sharing_a_place_of_the_happening() -> None:
    """Two reports that name the same two countries (and who did what to whom) may report two
    happenings of one pair; one that shares the village of the happening says more, even when
    it also names people the story's reports do not (a spokesman, a minister)."""
    story = Counter({"actor:NGA": 3, "actor:ITA": 3, "event:4:ITA-NGA": 2, "place:kaduna": 3,
                     "place:zaria": 2})  # fmt: skip
    docs = [*story, "person:tajani", "person:hassan", "place:rome"]
    idf = inverse_frequencies([set(docs[:3]), set(docs[:3]), set(docs[3:5]), set(docs[5:])])
    countries, _ = anchor_agreement({"actor:NGA", "actor:ITA", "event:4:ITA-NGA"}, story, idf, 3)
    village, shared = anchor_agreement(
        {"actor:NGA", "place:kaduna", "person:tajani", "person:hassan", "place:rome"}, story,
        idf, 3,
    )  # fmt: skip
    assert village > 2 * countries, (village, countries)
    assert shared[0] == "place:kaduna"
    alone, _ = anchor_agreement({"place:kaduna"}, story, idf, 3)
    assert alone > village  # names only this report gives still count a little against it
