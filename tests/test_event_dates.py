"""Event dates: the time expression of the event's own clause, resolved against the publication
day with its precision; precision kept by merging, the exports, corroboration and dyads."""

from __future__ import annotations

import csv
import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from detente.actors.link import get_linker
from detente.corpus.corroborate import Report, by_date, corroborate, merged_date
from detente.corpus.dyads import dyad_series, unplaced_events
from detente.events.coder import code_document, code_text, merge
from detente.events.dates import UNDATED, When, resolve
from detente.events.export import gdelt_dates
from detente.model import Event
from detente.parse.units import text_units
from detente.store import Store

from .conftest import run_cli

WED = date(2024, 3, 6)  # a Wednesday
FIXTURE = Path(__file__).parent / "fixtures" / "event_dates.jsonl"


def coded(text: str, published: date | None = WED) -> list[Event]:
    units = text_units(text)
    return code_document(units, get_linker(()).link(units, published or WED), published)


def dated(text: str, published: date | None = WED, trigger: str | None = None) -> When:
    events = [e for e in coded(text, published) if trigger in (None, e.trigger)]
    assert events, text
    day = date.fromisoformat(events[0].date) if events[0].date else None
    return When(day, events[0].date_precision)


def day(iso: str) -> When:
    return When(date.fromisoformat(iso), "day")


# ---- weekdays and days ------------------------------------------------------------------------


def test_a_weekday_is_the_latest_such_day_on_or_before_publication_or_after_when_ahead() -> None:
    names = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    for offset in range(7):  # published on each day of a week
        published = date(2024, 3, 4) + timedelta(days=offset)
        for number, name in enumerate(names):
            for text in (name, f"on {name}", f"{name} night", f"early on {name}", f"{name}'s"):
                past, ahead = resolve(text, published, False), resolve(text, published, True)
                assert past is not None and past.day is not None and past.precision == "day"
                assert ahead is not None and ahead.day is not None
                assert past.day.weekday() == number == ahead.day.weekday(), (text, published)
                assert 0 <= (published - past.day).days <= 6, (text, published, past)
                assert 0 <= (ahead.day - published).days <= 6, (text, published, ahead)


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("Russia fired missiles at Kharkiv on Wednesday.", WED, "2024-03-06"),
        ("Israel struck Gaza on Tuesday.", WED, "2024-03-05"),
        ("Ukraine attacked a Russian refinery on Thursday.", WED, "2024-02-29"),
        ("Russia attacked Kyiv on Wednesday night.", WED, "2024-03-06"),
        ("Russia struck Kyiv on Saturday.", date(2024, 3, 9), "2024-03-09"),
        ("Russia struck Kyiv on Sunday.", date(2024, 3, 9), "2024-03-03"),
        ("Israel struck Gaza on Monday.", date(2024, 3, 10), "2024-03-04"),
        ("On Monday, Germany condemned Russia.", WED, "2024-03-04"),
        ("Russia shelled Kharkiv early on Tuesday.", WED, "2024-03-05"),
        ("China condemned the United States on Monday night.", WED, "2024-03-04"),
    ],
)
def test_a_weekday_equal_to_the_publication_day_is_that_day_not_a_week_early(
    text: str, published: date, expected: str
) -> None:
    assert dated(text, published) == day(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Putin will meet Xi on Friday.", "2024-03-08"),
        ("Putin will meet Xi on Wednesday.", "2024-03-06"),  # "later on Wednesday": today
        ("Blinken will visit Kyiv later on Wednesday.", "2024-03-06"),
        ("Poland will expel Russian diplomats on Monday.", "2024-03-11"),
        ("Putin plans to visit Beijing on Tuesday.", "2024-03-12"),
        ("Russia could attack Kharkiv on Tuesday.", "2024-03-12"),
        ("Putin is visiting China on Friday.", "2024-03-08"),
        ("Putin will meet Xi next Friday.", "2024-03-08"),
        ("Turkey will host Ukraine and Russia on Wednesday next week.", "2024-03-13"),
        ("Egypt will host Israeli and Hamas negotiators tomorrow.", "2024-03-07"),
    ],
)
def test_an_event_said_to_come_takes_the_weekday_on_or_after_publication(
    text: str, expected: str
) -> None:
    assert dated(text) == day(expected)


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("last Wednesday", WED, "2024-02-28"),
        ("last Tuesday", WED, "2024-03-05"),
        ("next Wednesday", WED, "2024-03-13"),
        ("next Friday", WED, "2024-03-08"),
        ("yesterday", WED, "2024-03-05"),
        ("today", WED, "2024-03-06"),
        ("last night", WED, "2024-03-05"),
        ("this morning", WED, "2024-03-06"),
        ("the day before yesterday", WED, "2024-03-04"),
        ("three days ago", WED, "2024-03-03"),
        ("on the 4th of March", WED, "2024-03-04"),
        ("Monday, March 4", WED, "2024-03-04"),
        ("July 4", WED, "2023-07-04"),
        ("4 July 2024", WED, "2024-07-04"),
        ("Feb. 24, 2022", WED, "2022-02-24"),
        ("2024-03-02", WED, "2024-03-02"),
        ("March 7", WED, "2024-03-07"),  # a day ahead: the time zone of the publication date
    ],
)
def test_relative_and_stated_days(text: str, published: date, expected: str) -> None:
    assert resolve(text, published, False) == day(expected)


# ---- months, years, weeks: precision ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "ahead", "expected", "precision"),
    [
        ("December", False, "2023-12-01", "month"),
        ("March", False, "2024-03-01", "month"),
        ("July", True, "2024-07-01", "month"),
        ("January", True, "2025-01-01", "month"),
        ("February 2022", False, "2022-02-01", "month"),
        ("June last year", False, "2023-06-01", "month"),
        ("early March", False, "2024-03-01", "month"),
        ("late February", False, "2024-02-01", "month"),
        ("mid-January", False, "2024-01-01", "month"),
        ("last month", False, "2024-02-01", "month"),
        ("earlier this month", False, "2024-03-01", "month"),
        ("next month", True, "2024-04-01", "month"),
        ("two months ago", False, "2024-01-01", "month"),
        ("2023", False, "2023-01-01", "year"),
        ("mid-2023", False, "2023-01-01", "year"),
        ("the end of 2023", False, "2023-01-01", "year"),
        ("last year", False, "2023-01-01", "year"),
        ("earlier this year", False, "2024-01-01", "year"),
        ("next year", True, "2025-01-01", "year"),
        ("two years ago", False, "2022-01-01", "year"),
        ("last summer", False, "2023-01-01", "year"),
        ("the winter", False, "2023-01-01", "year"),  # a season is dated to the year it starts
        ("this week", False, "2024-03-04", "week"),
        ("last week", False, "2024-02-26", "week"),
        ("early next week", True, "2024-03-11", "week"),
        ("the weekend", False, "2024-02-26", "week"),
        ("a week ago", False, "2024-02-26", "week"),
    ],
)
def test_month_year_and_week_phrases_keep_their_precision(
    text: str, ahead: bool, expected: str, precision: str
) -> None:
    assert resolve(text, WED, ahead) == When(date.fromisoformat(expected), precision)


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("Turkey condemned Sweden in December.", "2023-12-01", "month"),
        ("Poland expelled Russian diplomats in 2023.", "2023-01-01", "year"),
        ("Hungary criticised Ukraine last month.", "2024-02-01", "month"),
        ("Israel attacked Hamas in early March.", "2024-03-01", "month"),
        ("The United States will host NATO leaders in July.", "2024-07-01", "month"),
        ("Iran threatened Israel this week.", "2024-03-04", "week"),
        ("China sanctioned Lithuania in mid-2023.", "2023-01-01", "year"),
    ],
)
def test_month_and_year_events_do_not_get_the_publication_day(
    text: str, expected: str, precision: str
) -> None:
    assert dated(text) == When(date.fromisoformat(expected), precision)


@pytest.mark.parametrize(
    "text", ["for three years", "ten years", "a decade", "decades", "the past week", "recent days"]
)
def test_a_duration_is_no_event_date(text: str) -> None:
    assert resolve(text, WED, False) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russia has occupied Crimea for ten years.", WED),
        ("Russia has threatened Ukraine for decades.", WED),
        ("Israel has attacked Gaza in recent days.", WED),
        ("Russia supported Serbia in the 1990s.", None),
        ("Germany criticised Russia in the 2010s.", None),
    ],
)
def test_durations_give_the_publication_day_and_decades_no_date(
    text: str, expected: date | None
) -> None:
    assert dated(text) == (When(expected, "day") if expected else UNDATED)


# ---- undated documents --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russia attacked Ukraine on Wednesday.", UNDATED),
        ("Serbia criticised Kosovo last year.", UNDATED),
        ("Russia attacked Ukraine yesterday.", UNDATED),
        ("Russia attacked Ukraine today.", UNDATED),
        ("Russia attacked Ukraine on March 2.", UNDATED),
        ("Japan condemned North Korea.", UNDATED),
        ("Russia invaded Ukraine on 24 February 2022.", day("2022-02-24")),
        ("Hungary criticised Ukraine in December 2023.", When(date(2023, 12, 1), "month")),
        ("Poland expelled Russian diplomats in 2023.", When(date(2023, 1, 1), "year")),
    ],
)
def test_an_undated_document_gets_only_dates_the_text_states_in_full(
    text: str, expected: When
) -> None:
    assert dated(text, None) == expected


def test_numeric_dates_that_read_both_ways_are_refused() -> None:
    assert resolve("03/04/2024", WED, False) is None
    assert resolve("13/04/2024", WED, False) == day("2024-04-13")
    assert resolve("04/13/2024", WED, False) == day("2024-04-13")
    assert resolve("13/04/2024", None, False) == day("2024-04-13")


# ---- whose date is it ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        (
            "Japan promised to fund the mission, which the UN Security Council approved in October.",
            "promised",
            day("2024-03-06"),
        ),
        (
            "Germany praised the treaty that Russia and Ukraine signed in 2022.",
            "praised",
            day("2024-03-06"),
        ),
        (
            "Germany praised the treaty that Russia and Ukraine signed in 2022.",
            "signed",
            When(date(2022, 1, 1), "year"),
        ),
        (
            "Japan condemned the deal signed by Russia and Iran in January.",
            "condemned",
            day("2024-03-06"),
        ),
        (
            "Turkey condemned Israel after Israel attacked Gaza on Monday.",
            "condemned",
            day("2024-03-06"),
        ),
        (
            "Turkey criticised Israel on Monday after Israel struck Gaza in January.",
            "criticised",
            day("2024-03-04"),
        ),
        (
            "Iran criticised the sanctions that the EU imposed last week.",
            "criticised",
            day("2024-03-06"),
        ),
        (
            "Germany, which criticised Russia in 2022, condemned China on Tuesday.",
            "condemned",
            day("2024-03-05"),
        ),
        ("Russia attacked Kharkiv and shelled Kyiv on Monday.", "attacked", day("2024-03-04")),
        ("Russia attacked Kharkiv on Monday and shelled Kyiv.", "shelled", day("2024-03-06")),
        ("Tuesday's attack by Russia on Ukraine killed five people.", "attack", day("2024-03-05")),
    ],
)
def test_a_date_counts_only_in_the_events_own_clause(
    text: str, trigger: str, expected: When
) -> None:
    assert dated(text, WED, trigger) == expected


@pytest.mark.parametrize(
    ("text", "published", "trigger", "expected"),
    [
        (
            "Saudi ministers gathered Thursday to condemn Qatar.",
            date(2024, 3, 10),
            "condemn",
            "2024-03-07",
        ),
        ("President Macron spoke Monday as he condemned Russia.", WED, "condemned", "2024-03-04"),
        (
            "Greek leaders gathered Saturday in Athens, criticising Turkey over its drilling.",
            date(2024, 3, 11),
            "criticising",
            "2024-03-09",
        ),
        (
            "On Monday, Turkey condemned Israel and expelled the Israeli ambassador.",
            WED,
            "expelled",
            "2024-03-04",
        ),
        (
            "The European Union on Tuesday criticised China and imposed sanctions on Beijing.",
            WED,
            "sanctions",
            "2024-03-05",
        ),
        ("Israel struck Gaza on Monday before Egypt condemned Israel.", WED, "condemned", WED),
        ("Russia massed troops on Monday because Ukraine attacked Belgorod.", WED, "attacked", WED),
        ("Russia attacked Kharkiv on Monday and shelled Kyiv.", WED, "shelled", WED),
    ],
)
def test_an_undated_clause_takes_the_date_of_the_happening_it_tells_part_of(
    text: str, published: date, trigger: str, expected: str | date
) -> None:
    """A participle, a purpose, an "as" clause or a verb coordinated after a date shares it; an
    "after", "before" or "because" clause, or a verb after the dated one, does not."""
    want = expected if isinstance(expected, date) else date.fromisoformat(expected)
    assert dated(text, published, trigger) == When(want, "day")


def test_a_participle_shares_a_year_and_a_month() -> None:
    text = "In 2019, Iran attacked Saudi oil facilities, killing two guards."
    assert dated(text, WED, "killing") == When(date(2019, 1, 1), "year")


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        (
            "NATO urged Ukraine at its July summit in Vilnius to fight corruption.",
            "urged",
            When(date(2023, 7, 1), "month"),
        ),
        ("Russia praised Iran's 2023 offer of drones.", "praised", day("2024-03-06")),
        (
            "Turkey criticised the 2022 agreement between Russia and Ukraine.",
            "criticised",
            day("2024-03-06"),
        ),
        ("Japan invited China to Monday's summit.", "invited", day("2024-03-06")),
        (
            "Europe changed after last year's flood of migrants and a wave of Russian attacks.",
            "attacks",
            When(date(2023, 1, 1), "year"),
        ),
        (
            "Europe feared last year's drought and Russian attacks on Ukraine.",
            "attacks",
            When(date(2023, 1, 1), "year"),
        ),
        ("The EU criticised Hungary on Tuesday's vote.", "criticised", day("2024-03-05")),
    ],
)
def test_a_date_before_a_participant_is_its_own_unless_the_noun_sets_the_scene(
    text: str, trigger: str, expected: When
) -> None:
    assert dated(text, WED, trigger) == expected


@pytest.mark.parametrize(
    ("text", "published", "trigger", "expected"),
    [
        ("Israel struck Gaza this weekend.", date(2024, 3, 11), "struck", "2024-03-04"),
        ("Russia attacked Kyiv over the weekend.", date(2024, 3, 11), "attacked", "2024-03-04"),
        ("Israel will strike Gaza this weekend.", date(2024, 3, 10), "strike", "2024-03-04"),
        ("Israel will strike Gaza this weekend.", date(2024, 3, 11), "strike", "2024-03-11"),
        (
            "Erdogan this week said Turkey would expel Swedish diplomats.",
            WED,
            "expel",
            "2024-03-04",
        ),
        ("Biden this week threatened China with new tariffs.", WED, "threatened", "2024-03-04"),
    ],
)
def test_weeks_and_weekends_follow_the_tense_and_the_speakers_time(
    text: str, published: date, trigger: str, expected: str
) -> None:
    assert dated(text, published, trigger) == When(date.fromisoformat(expected), "week")


def test_a_weekend_under_way_is_this_weekend_past_or_ahead() -> None:
    for published in (date(2024, 3, 9), date(2024, 3, 10)):  # Saturday, Sunday
        for ahead in (False, True):
            assert resolve("this weekend", published, ahead) == When(date(2024, 3, 4), "week")
    assert resolve("this weekend", date(2024, 3, 11), False) == When(date(2024, 3, 4), "week")
    assert resolve("this weekend", date(2024, 3, 11), True) == When(date(2024, 3, 11), "week")


def test_the_date_of_a_support_is_not_the_date_of_the_invasion_it_supports() -> None:
    text = "Kim Jong Un supported Moscow's invasion of Ukraine on Monday."
    events = {e.cameo: e for e in code_text(text, WED)}
    assert events["051"].date == "2024-03-04"
    assert events["192"].date != "2024-03-04"


def test_the_event_dates_set_is_right_and_every_stated_day_is_right_to_the_day() -> None:
    rows = [json.loads(line) for line in FIXTURE.read_text().splitlines()]
    wrong, days_wrong = [], []
    for row in rows:
        published = date.fromisoformat(row["published"]) if row["published"] else None
        got = dated(row["text"], published, row.get("trigger"))
        gold = When(date.fromisoformat(row["date"]) if row["date"] else None, row["precision"])
        if got != gold:
            wrong.append((row["id"], row["text"], got, gold))
            if gold.precision == "day":
                days_wrong.append(row["id"])
    assert len(rows) >= 140
    assert len(wrong) <= 0.03 * len(rows), wrong
    assert not days_wrong, wrong


# ---- merging and the exports --------------------------------------------------------------------


def test_events_of_the_same_day_and_of_the_same_month_start_are_not_merged() -> None:
    event = code_text("Russia attacked Ukraine on 1 March.", WED)[0]
    month = event.model_copy(update={"date_precision": "month", "date_text": "March"})
    again = event.model_copy()
    assert len(merge([event, month])) == 2
    assert len(merge([event, again])) == 1


def test_gdelt_dates_leave_unknown_parts_empty() -> None:
    assert gdelt_dates(date(2024, 3, 5), "day")[:3] == ["20240305", "202403", "2024"]
    assert gdelt_dates(date(2023, 12, 1), "month")[:3] == ["", "202312", "2023"]
    assert gdelt_dates(date(2023, 1, 1), "year")[:3] == ["", "", "2023"]
    assert gdelt_dates(date(2024, 2, 26), "week")[:3] == ["", "", "2024"]  # Feb into March
    assert gdelt_dates(date(2024, 3, 4), "week")[:3] == ["", "202403", "2024"]
    assert gdelt_dates(None, None) == ["", "", "", ""]
    middle = float(gdelt_dates(date(2023, 1, 1), "year")[3])
    assert 2023.45 < middle < 2023.55  # the middle of the period, not its first day


def _reports(*rows: tuple[str | None, str | None]) -> list[Report]:
    return [
        Report(f"d{i}", "RUS", "UKR", "190", date.fromisoformat(d) if d else None, p, f"o{i}")
        for i, (d, p) in enumerate(rows)
    ]


def test_corroboration_merges_only_reports_whose_dates_agree() -> None:
    reports = _reports(
        ("2024-03-05", "day"),
        ("2024-03-06", "day"),
        ("2024-03-01", "month"),
        ("2023-12-01", "month"),
        ("2022-02-24", "day"),
        (None, None),
        ("2024-03-04", "week"),
    )
    clusters = by_date(reports)
    ids = [sorted(r.doc_id for r in c) for c in clusters]
    assert ids[0] == ["d0", "d1", "d2", "d5", "d6"]  # the undated report joins the largest
    assert sorted(ids[1:]) == [["d3"], ["d4"]]
    assert merged_date(clusters[0]) == (date(2024, 3, 5), "day")
    assert merged_date(_reports(("2024-03-01", "month"), (None, None))) == (
        date(2024, 3, 1),
        "month",
    )
    assert merged_date(_reports((None, None))) == (None, None)
    far = by_date(_reports(("2024-03-01", "day"), ("2024-03-05", "day")))
    assert len(far) == 2  # four days apart: two happenings


ARTICLES = [
    {
        "title": "Russia strikes Ukraine",
        "source": "Wire One",
        "published": "2024-03-06T08:00:00Z",
        "text": "Russia attacked Ukraine on Tuesday, Ukrainian officials said. The strikes hit "
        "power stations across the east of the country and cut heating to thousands of homes.",
    },
    {
        "title": "Overnight strikes",
        "source": "Daily Two",
        "published": "2024-03-06T10:00:00Z",
        "text": "Russia attacked Ukraine late on Tuesday with drones and missiles. Air defence "
        "units said most were shot down. Russia attacked Ukraine in December as well, when a "
        "hospital was hit.",
    },
    {
        "title": "An undated note",
        "source": "Blog Three",
        "text": "Russia attacked Ukraine on Tuesday, the author writes from memory. Russia "
        "invaded Ukraine on 24 February 2022, a date nobody forgets.",
    },
    {
        "title": "Tokyo and Beijing",
        "source": "Wire One",
        "published": "2024-03-06T12:00:00Z",
        "text": "China criticised Japan last month over its defence budget, diplomats said. "
        "The row has simmered since the autumn without any new talks.",
    },
]


@pytest.fixture(scope="module")
def dated_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Four articles analysed by the real CLI, put in one story, and corroborated."""
    folder = tmp_path_factory.mktemp("dates")
    source = folder / "articles.jsonl"
    source.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    db = folder / "dates.duckdb"
    result = run_cli("analyze", str(source), "--db", str(db))
    assert result.returncode == 0, result.stderr
    with Store.open(db) as store:
        store.con.execute(
            "INSERT INTO story_members (doc_id, story_id, similarity)"
            " SELECT doc_id, 's1', 1.0 FROM documents WHERE status = 'analysed'"
        )
        corroborate(store)
    return db


def test_exports_carry_the_precision_and_never_invent_a_day(dated_db: Path, tmp_path: Path) -> None:
    for fmt in ("jsonl", "gdelt", "plover"):
        result = run_cli("export", "--format", fmt, "--out", str(tmp_path), "--db", str(dated_db))
        assert result.returncode == 0, result.stderr
    documents = [json.loads(line) for line in (tmp_path / "documents.jsonl").open()]
    events = [e for d in documents for e in d["events"]]
    assert events and all("date_precision" in e for e in events)
    december = [e for e in events if e["date_text"] == "December"]
    assert [(e["date"], e["date_precision"]) for e in december] == [("2023-12-01", "month")]
    undated = next(d for d in documents if d["published"] is None)
    assert {(e["date"], e["date_precision"]) for e in undated["events"]} == {
        (None, None),
        ("2022-02-24", "day"),
    }
    with (tmp_path / "events.gdelt.tsv").open() as fh:
        rows = list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert {len(r) for r in rows} == {61}
    dates = {tuple(r[1:4]) for r in rows}
    assert ("", "202312", "2023") in dates and ("20240305", "202403", "2024") in dates
    assert ("", "", "") in dates  # the undated document's Tuesday
    assert ("", "202402", "2024") in dates  # China and Japan, last month
    plover = [json.loads(line) for line in (tmp_path / "events.plover.jsonl").open()]
    assert {(p["date"], p["date_precision"]) for p in plover} >= {
        ("2023-12-01", "month"),
        ("2024-03-05", "day"),
        (None, None),
    }


def test_corroborated_events_keep_apart_what_happened_at_different_times(
    dated_db: Path,
) -> None:
    with Store.open(dated_db, read_only=True) as store:
        rows = store.query(
            "SELECT date, date_precision, n_reports FROM corroborated"
            " WHERE source = 'RUS' AND target = 'UKR' AND root = '19' ORDER BY date"
        )
    assert rows == [
        (date(2022, 2, 24), "day", 1),  # the invasion, told in the undated note
        (date(2023, 12, 1), "month", 1),
        (date(2024, 3, 5), "day", 3),  # the undated note's "on Tuesday" joins, adding no date
    ]


def test_dyad_series_place_events_only_in_periods_their_precision_allows(
    dated_db: Path,
) -> None:
    with Store.open(dated_db, read_only=True) as store:
        weekly = {(r["a"], r["b"], r["period"]) for r in dyad_series(store, period="week")}
        monthly = {(r["a"], r["b"], r["period"]) for r in dyad_series(store, period="month")}
        daily = {(r["a"], r["b"], r["period"]) for r in dyad_series(store, period="day")}
        unplaced = {(r["a"], r["b"]): r for r in unplaced_events(store, period="week")}
    assert ("RUS", "UKR", date(2024, 3, 4)) in weekly
    assert ("RUS", "UKR", date(2023, 11, 27)) not in weekly  # December is not its first week
    assert not any(p == ("CHN", "JPN") for *p, _ in weekly)
    assert ("RUS", "UKR", date(2023, 12, 1)) in monthly and ("CHN", "JPN", date(2024, 2, 1)) in (
        monthly
    )
    assert ("RUS", "UKR", date(2024, 3, 5)) in daily and ("RUS", "UKR", date(2023, 12, 1)) not in (
        daily
    )
    assert unplaced[("RUS", "UKR")]["coarser"] == 1 and unplaced[("CHN", "JPN")]["coarser"] == 1
