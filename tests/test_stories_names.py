"""What holds one happening's reports together when outlets' taggers disagree and coverage runs
long: a one-word name tagged as a person in one report and as a place in the story's reports
is that place (and no longer clashes with the story's people), a story still taking reports
stays open a little longer than a quiet one, and a lone report that matched nothing when it
came joins the story once that has grown to match it. Twins of each stay apart."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

import numpy as np
import pytest

from detente.config import StorySettings
from detente.corpus.stories import OpenStories, StoryState
from detente.corpus.story_features import anchor_agreement, clashes, same_names
from detente.corpus.story_revisit import _Grown, _match


@pytest.mark.parametrize(
    ("doc", "story", "expected"),
    [
        # "Depsang" and "Ladakh" tagged PERSON here, GPE/LOC in the story's reports
        (
            {"person:depsang", "single:depsang", "actor:CHN"},
            {"place:depsang": 2, "actor:CHN": 2},
            {"place:depsang", "single:depsang", "actor:CHN"},
        ),
        (
            {"person:ladakh", "single:ladakh", "person:singh"},
            {"place:ladakh": 1, "place:galwan": 1},
            {"place:ladakh", "single:ladakh", "person:singh"},
        ),
        (
            {"person:spratlys", "single:spratlys"},
            {"place:spratlys": 3},
            {"place:spratlys", "single:spratlys"},
        ),
        # twins left as they are: a full name ("Mao Ning") is a person whatever the story
        # tags "Ning" as
        ({"person:ning"}, {"place:ning": 2}, {"person:ning"}),
        # a one-word name the story gives as a person too, or not at all
        ({"person:reid", "single:reid"}, {"person:reid": 3}, {"person:reid", "single:reid"}),
        ({"person:lohan", "single:lohan"}, {"place:malibu": 3}, {"person:lohan", "single:lohan"}),
        # an organisation of that name is no place ("Jackman" the firm, "Chohan" the party)
        ({"person:chohan", "single:chohan"}, {"org:chohan": 2}, {"person:chohan", "single:chohan"}),
    ],
)
def test_a_one_word_person_the_story_names_as_a_place_is_that_place(
    doc: set[str], story: dict[str, int], expected: set[str]
) -> None:
    assert same_names(doc, Counter(story)) == expected


def test_the_story_side_is_read_as_tagged() -> None:
    """Only the report's names slip: the story's own person "Depsang" stays a person even when
    the report names a place Depsang (read both ways, two piracy arrests of ECB+ merged)."""
    story = Counter({"person:depsang": 2, "single:depsang": 2})
    assert same_names({"place:depsang"}, story) == {"place:depsang"}
    assert story == Counter({"person:depsang": 2, "single:depsang": 2})


def test_a_slipped_name_no_longer_clashes_with_the_storys_people() -> None:
    """The Indian army's report names Singh; the next report's "Depsang" tagged as a person
    clashed with him. Read as the place, it matches instead."""
    story = Counter({"person:singh": 2, "place:depsang": 2, "actor:CHN": 2})
    doc = {"person:depsang", "single:depsang", "actor:CHN"}
    assert clashes(doc, story, 2)
    read = same_names(doc, story)
    assert not clashes(read, story, 2)
    idf = {"person:singh": 2.0, "place:depsang": 2.0, "actor:CHN": 0.1, "single:depsang": 0.0}
    agreement, shared = anchor_agreement(read, story, idf, 2)
    assert shared[0] == "place:depsang" and "single:depsang" not in shared
    assert agreement > anchor_agreement(doc, story, idf, 2)[0]


def test_another_persons_one_word_name_still_clashes() -> None:
    """Twin: Lohan's check-in is not Reid's, however the name is written."""
    story = Counter({"person:reid": 3, "place:malibu": 3})
    doc = same_names({"person:lohan", "single:lohan", "place:malibu"}, story)
    assert clashes(doc, story, 3)


def _story(story_id: str, reports: int, last: date) -> StoryState:
    vector = np.ones(384, dtype=np.float32) / np.sqrt(384)
    return StoryState(story_id, vector, reports, last - timedelta(days=3), last)


def test_a_story_still_taking_reports_stays_open_a_day_longer() -> None:
    params = StorySettings()
    last = date(2025, 1, 27)
    open_ = OpenStories(params)
    open_.put(_story("busy", params.busy_reports, last))
    open_.put(_story("quiet", params.busy_reports - 1, last))
    open_.evict(last + timedelta(days=params.window_days))
    assert set(open_.open) == {"busy", "quiet"}
    open_.evict(last + timedelta(days=params.window_days + params.busy_days))
    assert set(open_.open) == {"busy"}  # eight days on: the standoff's late report joins
    open_.evict(last + timedelta(days=params.window_days + params.busy_days + 1))
    assert not open_.open  # and no story stays open for ever


# ---- a lone report weighed again once its story has grown -------------------------------


def _grown(anchors: dict[str, int], members: int) -> _Grown:
    centroid = np.zeros(384, dtype=np.float32)
    centroid[0] = 1.0
    story = _Grown(Counter(anchors), centroid, members, date(2025, 2, 18), date(2025, 3, 17))
    return story


def _vector(cosine: float) -> np.ndarray:
    v = np.zeros(384, dtype=np.float32)
    v[0], v[1] = cosine, np.sqrt(1 - cosine**2)
    return v


KADUNA = {"place:kaduna": 5, "actor:ITA": 4, "actor:NGA": 2, "person:tajani": 2,
          "person:hassan": 1, "place:zaria": 2}  # fmt: skip
IDF = {"place:kaduna": 2.5, "person:tajani": 2.5, "person:hassan": 3.0, "place:zaria": 3.0,
       "actor:ITA": 0.2, "actor:NGA": 0.2, "person:lohan": 3.0, "place:jos": 3.0,
       "event:4:ITA-NGA": 0.5}  # fmt: skip


@pytest.mark.parametrize(
    ("doc", "cosine", "joins"),
    [
        # Rome's crisis unit: Tajani, Kaduna, in other words
        ({"person:tajani", "place:kaduna", "actor:ITA", "actor:NGA", "event:4:ITA-NGA"}, 0.58,
         True),
        # twins that stay out: another kidnapping of Italians elsewhere (only the countries)
        ({"place:jos", "actor:ITA", "actor:NGA", "event:4:ITA-NGA"}, 0.62, False),
        # ... one that names the village but reads unlike the story
        ({"place:kaduna", "actor:ITA"}, 0.45, False),
    ],
)  # fmt: skip
def test_a_lone_report_joins_the_grown_story_it_now_matches(
    doc: set[str], cosine: float, joins: bool
) -> None:
    story = _grown(KADUNA, 5)
    found = _match(doc, _vector(cosine), story, IDF, StorySettings())
    assert (found is not None) is joins, found
    if found is not None:
        assert found[2][0] in {"place:kaduna", "person:tajani"}  # why: what it shares


def test_a_lone_report_naming_other_people_stays_out() -> None:
    """Twin: a report whose people are not the story's, where every report names the story's
    protagonist, clashes however alike it reads."""
    story = _grown({"person:reid": 4, "place:malibu": 4}, 4)
    doc = {"person:lohan", "place:malibu"}
    idf = {"person:reid": 2.0, "place:malibu": 2.0, "person:lohan": 3.0}
    assert _match(doc, _vector(0.9), story, idf, StorySettings()) is None
