"""Event dates: the date and precision a time expression names, against the publication date.

The expression is resolved against the publication date (`resolve`) to a `When`: the first day
of the period it names and the period's precision (day, week, month, year). Rules: a weekday is
the most recent such day on or before the publication day, or on or after it when the event lies
ahead (future, intent, a modal or a present progressive), so "will meet on Wednesday" published
on a Wednesday is that day (wire copy's "later on Wednesday"); "last" and "next" skip the
publication day's own weekday ("last Wednesday" on a Wednesday is a week before, "next Friday" on
a Wednesday is in two days); a day or month without a year lies in the year before or after the
publication, by the same rule (one day's slack for time zones); weeks ("this week", "the
weekend") are dated to their Monday with week precision, a weekend by the weekday rule (one
under way at publication is "this weekend" either way); a season has year precision (the year
it starts in); durations ("for three years") are no date; decades ("the 1990s") leave the event
undated. An undated document gets only dates the text states in full, never today's.

The words are data (`events/data/dates.yaml`); dateparser is only the fallback for numeric forms
the rules do not know, so the common cases stay cheap on the hot path. Which expression dates an event is `events/when.py`'s
question.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache, lru_cache
from importlib import resources
from typing import Any, NamedTuple

import yaml

from detente.errors import ModelError
from detente.yamlfiles import load_yaml

PRECISIONS = ("day", "week", "month", "year")


class When(NamedTuple):
    """A date and how much of it is known; (None, None) when the time cannot be placed."""

    day: date | None
    precision: str | None


UNDATED = When(None, None)

# ---- the words ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Words:
    weekdays: dict[str, int]
    months: dict[str, int]
    seasons: dict[str, int]
    days: dict[str, int]
    relative: dict[str, int]
    numbers: dict[str, int]
    fillers: tuple[str, ...]
    parts_of_day: tuple[str, ...]
    vague: frozenset[str]
    same_time_marks: frozenset[str]
    setting_prepositions: frozenset[str]


@cache
def load_words() -> _Words:
    where = "events/data/dates.yaml"
    try:
        text = (resources.files("detente.events") / "data" / "dates.yaml").read_text("utf-8")
        data = load_yaml(text)
        return _Words(
            weekdays={w: i for i, w in enumerate(data["weekdays"])},
            months={str(k): int(v) for k, v in data["months"].items()},
            seasons={str(k): int(v) for k, v in data["seasons"].items()},
            days={str(k): int(v) for k, v in data["days"].items()},
            relative={str(k): int(v) for k, v in data["relative"].items()},
            numbers={str(k): int(v) for k, v in data["numbers"].items()},
            fillers=_strings(data["fillers"]),
            parts_of_day=_strings(data["parts_of_day"]),
            vague=frozenset(_strings(data["vague"])),
            same_time_marks=frozenset(_strings(data["same_time_marks"])),
            setting_prepositions=frozenset(_strings(data["setting_prepositions"])),
        )
    except (OSError, yaml.YAMLError, KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ModelError(f"{where}: cannot be read ({exc})") from exc


def _strings(items: list[Any]) -> tuple[str, ...]:
    wrong = [i for i in items if not isinstance(i, str)]
    if wrong:  # YAML reads a bare on, off, yes or no as a boolean
        raise ValueError(f"{wrong[0]!r} is not a word: quote it")
    return tuple(items)


def alternation(words: Any) -> str:
    """A regex alternation of words, longest first so that "end of" wins over "end"."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


# ---- resolving one expression ---------------------------------------------------------------

Rule = Callable[[re.Match[str], date | None, bool], When | None]


@cache
def _grammar() -> tuple[list[tuple[re.Pattern[str], Rule]], re.Pattern[str], re.Pattern[str]]:
    """The rules in the order they are tried, and the filler and part-of-day patterns."""
    w = load_words()
    wd, mon, rel = alternation(w.weekdays), alternation(w.months), alternation(w.relative)
    season, num = alternation(w.seasons), alternation(w.numbers)
    year = rf"(\d{{4}}|(?:{rel}) year)"
    rules: list[tuple[str, Rule]] = [
        (rf"(?:({rel}) )?({wd})(?: ({rel}) week)?", _weekday),
        (rf"(?:(?:{wd}) )?(?:(\d{{1,2}}) ({mon})|({mon}) (\d{{1,2}}))(?: (\d{{4}}))?", _day),
        (rf"(?:({rel}) )?({mon})(?: {year})?", _month),
        (rf"({rel}) (week|month|year)", _period),
        (rf"(?:({rel}) )?weekend", _weekend),
        (rf"(?:({rel}) )?({season})(?: {year})?", _season),
        (rf"(\d+|{num}) (day|week|month|year)s? ago", _ago),
        (r"(\d{4})-(\d{1,2})(?:-(\d{1,2}))?", _iso),
        (r"(\d{4})", _year),
        (r"'?(?:\d{2}|\d{4})s", lambda *_: UNDATED),  # "the 1990s", "the '90s"
        (
            rf"(?:(?:past|last|next|recent|coming|first|few|several|many|some|same|\d+|{num})"
            r" )*(?:day|week|month|year|decade|centur(?:y|ie)|hour|minute)s?",
            lambda *_: None,  # a duration ("for three years", "the past week"): no date
        ),
    ]
    compiled = [(re.compile(p), rule) for p, rule in rules]
    fillers = re.compile(rf"^(?:(?:{alternation(w.fillers)}) )+")
    parts = re.compile(rf"(?: (?:{alternation(w.parts_of_day)}))+$")
    return compiled, fillers, parts


def _normalise(text: str) -> str:
    s = text.lower().replace("’", "'").replace("‘", "'")
    s = re.sub(r"'s\b", " ", s)
    s = re.sub(r"[,.;:()\"“”]|(?<=[a-z])-|-(?=[a-z])", " ", s)
    s = re.sub(r"\b(\d{1,2})(?:st|nd|rd|th)\b", r"\1", s)
    s = " ".join(s.split())
    if s in load_words().days:
        return s  # "the day before yesterday" keeps its article
    _, fillers, parts = _grammar()
    s = fillers.sub("", s).replace(" of ", " ")
    return parts.sub("", s)


@lru_cache(maxsize=2**16)
def resolve(text: str, published: date | None, ahead: bool = False) -> When | None:
    """The date a time expression names, counted from the publication day; `ahead` when the
    event lies in the future. None when the expression is no date at all (a duration, words
    the rules do not know); `UNDATED` when it is a time that cannot be placed (the 1990s, or
    "on Wednesday" in an undated document)."""
    words = load_words()
    phrase = _normalise(text)
    if phrase in words.days:
        if published is None:
            return UNDATED
        return When(published + timedelta(days=words.days[phrase]), "day")
    if phrase in words.vague:
        return UNDATED
    rules, _, _ = _grammar()
    for pattern, rule in rules:
        found = pattern.fullmatch(phrase)
        if found is not None:
            return rule(found, published, ahead)
    if any(c.isdigit() for c in phrase):
        return _fallback(phrase, published, ahead)
    return None


def _weekday(m: re.Match[str], published: date | None, ahead: bool) -> When | None:
    if published is None:
        return UNDATED
    words = load_words()
    step, target, week = words.relative.get(m[1] or "", 0), words.weekdays[m[2]], m[3]
    if week is not None:  # "Wednesday next week": that week's day
        monday = published - timedelta(days=published.weekday() - 7 * words.relative[week])
        return When(monday + timedelta(days=target), "day")
    back = (published.weekday() - target) % 7  # 0: the publication day itself
    forth = (target - published.weekday()) % 7
    if step < 0 or (step == 0 and not ahead):
        return When(published - timedelta(days=back or (7 if step < 0 else 0)), "day")
    return When(published + timedelta(days=forth or (7 if step > 0 else 0)), "day")


def _day(m: re.Match[str], published: date | None, ahead: bool) -> When | None:
    words = load_words()
    day, month = (int(m[1]), words.months[m[2]]) if m[1] else (int(m[4]), words.months[m[3]])
    try:
        if m[5]:
            return When(date(int(m[5]), month, day), "day")
        if published is None:
            return UNDATED
        found = date(published.year, month, day)
    except ValueError:
        return None  # "30 February"
    slack = timedelta(days=1)  # the publication date may be stated in another time zone
    if not ahead and found > published + slack:
        return _in_year(found, found.year - 1)
    if ahead and found < published - slack:
        return _in_year(found, found.year + 1)
    return When(found, "day")


def _in_year(day: date, year: int) -> When | None:
    try:
        return When(day.replace(year=year), "day")
    except ValueError:
        return None  # 29 February


def _year_of(text: str | None, published: date | None) -> int | None:
    """An explicit year ("2023") or one relative to publication ("last year")."""
    if text is None or text[0].isdigit():
        return int(text) if text else None
    if published is None:
        return None
    return published.year + load_words().relative[text.split()[0]]


def _month(m: re.Match[str], published: date | None, ahead: bool) -> When | None:
    words = load_words()
    month = words.months[m[2]]
    if m[3]:
        year = _year_of(m[3], published)
        return When(date(year, month, 1), "month") if year else UNDATED
    if published is None:
        return UNDATED
    step = words.relative.get(m[1] or "", 0)
    if step < 0 or (step == 0 and m[1] is None and not ahead):
        year = published.year - (month > published.month or (step < 0 and month == published.month))
    elif step > 0 or m[1] is None:
        year = published.year + (month < published.month or (step > 0 and month == published.month))
    else:
        year = published.year  # "this March"
    return When(date(year, month, 1), "month")


def _period(m: re.Match[str], published: date | None, ahead: bool) -> When | None:
    if published is None:
        return UNDATED
    step = load_words().relative[m[1]]
    if m[2] == "week":
        return When(_monday(published) + timedelta(days=7 * step), "week")
    if m[2] == "month":
        index = published.year * 12 + published.month - 1 + step
        return When(date(index // 12, index % 12 + 1, 1), "month")
    return When(date(published.year + step, 1, 1), "year")


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _weekend(m: re.Match[str], published: date | None, ahead: bool) -> When | None:
    """A weekend is dated to its week (Monday to Sunday) with week precision."""
    if published is None:
        return UNDATED
    step = load_words().relative.get(m[1] or "", 0)
    if step == 0 and ahead and published.weekday() >= 5:
        saturday = published  # a weekend under way is on or after the publication day
    elif step > 0 or (step == 0 and ahead):
        saturday = published + timedelta(days=(5 - published.weekday()) % 7 or 7 * (step > 0))
    else:
        saturday = published - timedelta(days=(published.weekday() - 5) % 7)
    return When(_monday(saturday), "week")


def _season(m: re.Match[str], published: date | None, ahead: bool) -> When | None:
    """A season has year precision: the year it starts in."""
    words = load_words()
    if m[3]:
        year = _year_of(m[3], published)
        return When(date(year, 1, 1), "year") if year else UNDATED
    if published is None:
        return UNDATED
    start, step = words.seasons[m[2]], words.relative.get(m[1] or "", 0)
    recent = published.year - (start > published.month)  # the year of its latest start
    now = (published.month - start) % 12 < 3  # the season is on at publication
    if step < 0:
        year = recent - now
    elif step == 0 and not ahead:
        year = recent
    else:
        year = recent + (not now) + (step > 0 and now)
    return When(date(year, 1, 1), "year")


def _ago(m: re.Match[str], published: date | None, ahead: bool) -> When | None:
    if published is None:
        return UNDATED
    n = int(m[1]) if m[1].isdigit() else load_words().numbers[m[1]]
    if m[2] == "day":
        return When(published - timedelta(days=n), "day")
    if m[2] == "week":
        return When(_monday(published - timedelta(days=7 * n)), "week")
    if m[2] == "month":
        index = published.year * 12 + published.month - 1 - n
        return When(date(index // 12, index % 12 + 1, 1), "month")
    return When(date(published.year - n, 1, 1), "year")


def _iso(m: re.Match[str], published: date | None, ahead: bool) -> When | None:
    try:
        if m[3]:
            return When(date(int(m[1]), int(m[2]), int(m[3])), "day")
        return When(date(int(m[1]), int(m[2]), 1), "month")
    except ValueError:
        return None


def _year(m: re.Match[str], published: date | None, ahead: bool) -> When | None:
    year = int(m[1])
    return When(date(year, 1, 1), "year") if 1800 <= year < 2200 else None


_NUMERIC = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})")
_PERIODS = {"time": "day", "day": "day", "week": "week", "month": "month", "year": "year"}


def _fallback(phrase: str, published: date | None, ahead: bool) -> When | None:
    """dateparser for the forms the rules do not know, refusing numeric dates whose day and
    month could be swapped ("03/04/2024") and relative ones in an undated document."""
    numeric = _NUMERIC.fullmatch(phrase)
    if numeric and int(numeric[1]) <= 12 and int(numeric[2]) <= 12 and numeric[1] != numeric[2]:
        return None
    if published is None and not re.search(r"\b\d{4}\b", phrase):
        return None
    from dateparser.date import DateDataParser

    base = datetime.combine(published or date(2000, 1, 1), datetime.min.time())
    settings: dict[str, object] = {
        "RELATIVE_BASE": base,
        "PREFER_DATES_FROM": "future" if ahead else "past",
        "DATE_ORDER": "DMY" if numeric and int(numeric[1]) > 12 else "MDY",
    }
    try:
        data = DateDataParser(languages=["en"], settings=settings).get_date_data(phrase)
    except (ValueError, OverflowError, TypeError):
        return None
    if data.date_obj is None:
        return None
    day, precision = data.date_obj.date(), _PERIODS.get(data.period or "day", "day")
    if published is not None and abs((day - published).days) > 36600:
        return None  # not a date of the news
    return _truncate(day, precision)


def period_end(day: date, precision: str | None) -> date:
    """The last day of the period that starts on `day` (a day when the precision is unknown)."""
    if precision == "week":
        return day + timedelta(days=6)
    if precision == "month":
        return (day.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    if precision == "year":
        return day.replace(month=12, day=31)
    return day


def _truncate(day: date, precision: str) -> When:
    """The first day of the period, so that `date` always names where the period starts."""
    if precision == "week":
        return When(_monday(day), precision)
    if precision == "month":
        return When(day.replace(day=1), precision)
    if precision == "year":
        return When(date(day.year, 1, 1), precision)
    return When(day, "day")
