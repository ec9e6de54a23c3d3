"""Calendar arithmetic, TIMEX3 values as intervals, and the dateparser fallback."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from articles.extraction import dates
from articles.extraction.dates import FUTURE, PAST, PRESENT
from articles.extraction.types import Precision

MONDAY = dt.date(2017, 7, 10)
any_day = st.dates(min_value=dt.date(1800, 1, 1), max_value=dt.date(2200, 12, 31))
directions = st.sampled_from([PAST, FUTURE, PRESENT, None])


@pytest.mark.parametrize(
    ("value", "start", "end", "precision"),
    [
        ("2003", "2003-01-01T00:00:00", "2003-12-31T23:59:59", Precision.YEAR),
        ("2011-03", "2011-03-01T00:00:00", "2011-03-31T23:59:59", Precision.MONTH),
        ("2016-02", "2016-02-01T00:00:00", "2016-02-29T23:59:59", Precision.MONTH),
        ("2017-W29", "2017-07-17T00:00:00", "2017-07-23T23:59:59", Precision.WEEK),
        ("2017-W28-WE", "2017-07-15T00:00:00", "2017-07-16T23:59:59", Precision.DAY),
        ("1995-07-11", "1995-07-11T00:00:00", "1995-07-11T23:59:59", Precision.DAY),
        ("2017-07-09TEV", "2017-07-09T00:00:00", "2017-07-09T23:59:59", Precision.DAY),
        ("2017-07-09T12", "2017-07-09T12:00:00", "2017-07-09T12:59:59", Precision.HOUR),
        (
            "2017-07-09T12:00",
            "2017-07-09T12:00:00",
            "2017-07-09T12:00:59",
            Precision.MINUTE,
        ),
        (
            "2008-09-18T08:00Z",
            "2008-09-18T08:00:00",
            "2008-09-18T08:00:59",
            Precision.MINUTE,
        ),
        ("1999-SP", "1999-03-01T00:00:00", "1999-05-31T23:59:59", Precision.YEAR),
        ("1950-WI", "1950-12-01T00:00:00", "1951-02-28T23:59:59", Precision.YEAR),
        ("2016-Q3", "2016-07-01T00:00:00", "2016-09-30T23:59:59", Precision.YEAR),
        ("2016-H1", "2016-01-01T00:00:00", "2016-06-30T23:59:59", Precision.YEAR),
        ("199", "1990-01-01T00:00:00", "1999-12-31T23:59:59", Precision.YEAR),
        ("18", "1800-01-01T00:00:00", "1899-12-31T23:59:59", Precision.YEAR),
    ],
)
def test_interval_for_value(value, start, end, precision):
    interval = dates.interval_for_value(value)
    assert interval is not None
    assert interval.start == dt.datetime.fromisoformat(start)
    assert interval.end == dt.datetime.fromisoformat(end)
    assert interval.precision == precision


@pytest.mark.parametrize(
    "value",
    [
        "PRESENT_REF",
        "PAST_REF",
        "P3Y",
        "XXXX-07-07",
        "BC0480",
        "2017-02-30",
        "2017-W60",
        "",
    ],
)
def test_values_without_a_calendar_interval(value):
    assert dates.interval_for_value(value) is None


@pytest.mark.parametrize(
    ("weekday", "direction", "expected"),
    [
        (4, PAST, "2017-07-07"),  # "shelled the port on Friday"
        (4, FUTURE, "2017-07-14"),  # "will meet on Friday"
        (4, PRESENT, "2017-07-07"),  # nearest: three days back, four ahead
        (2, PRESENT, "2017-07-12"),  # nearest: two days ahead
        (0, PAST, "2017-07-10"),  # "said on Monday" in a Monday report
        (0, FUTURE, "2017-07-10"),
    ],
)
def test_weekday_near_follows_the_tense(weekday, direction, expected):
    assert dates.weekday_near(MONDAY, weekday, direction).isoformat() == expected


def test_last_and_next_weekday_never_mean_today():
    assert dates.weekday_strict(MONDAY, 0, -1) == dt.date(2017, 7, 3)
    assert dates.weekday_strict(MONDAY, 0, 1) == dt.date(2017, 7, 17)


@pytest.mark.parametrize(
    ("month", "day", "direction", "year"),
    [
        (7, 7, PAST, 2017),
        (7, 7, None, 2017),
        (12, 20, PAST, 2016),  # "was signed on December 20" in July
        (12, 20, FUTURE, 2017),
        (1, 15, FUTURE, 2018),
        (7, 12, PAST, 2017),  # two days ahead beats a year back even in past tense
    ],
)
def test_year_for_month_day(month, day, direction, year):
    assert dates.year_for_month_day(month, day, MONDAY, direction) == year


@pytest.mark.parametrize(
    ("month", "direction", "year"),
    [
        (5, PAST, 2017),
        (7, PAST, 2017),
        (9, PAST, 2016),
        (9, FUTURE, 2017),
        (3, FUTURE, 2018),
    ],
)
def test_year_for_month(month, direction, year):
    assert dates.year_for_month(month, MONDAY, direction) == year


def test_week_value_uses_iso_weeks():
    assert dates.week_value(MONDAY) == "2017-W28"
    assert dates.week_value(dt.date(2021, 1, 2)) == "2020-W53"


def test_shift_months_crosses_years():
    assert dates.shift_months(2017, 1, -1) == (2016, 12)
    assert dates.shift_months(2017, 12, 1) == (2018, 1)
    assert dates.add_months(dt.date(2017, 3, 31), -1) == dt.date(2017, 2, 28)


def test_dateparser_fallback_is_relative_to_the_reference_and_cached():
    first = dates.parse_with_dateparser("7/8/07", MONDAY, PAST)
    assert first == (dt.datetime(2007, 7, 8), Precision.DAY)
    hits = dates._parse_cached.cache_info().hits
    assert dates.parse_with_dateparser(" 7/8/07. ", MONDAY, PAST) == first
    assert dates._parse_cached.cache_info().hits == hits + 1


def test_dateparser_fallback_gives_up_quietly():
    assert dates.parse_with_dateparser("the bloodiest day of the war", MONDAY) is None
    assert dates.parse_with_dateparser("", MONDAY) is None


@given(reference=any_day, weekday=st.integers(0, 6), direction=directions)
def test_weekday_near_lands_on_the_weekday_within_a_week(reference, weekday, direction):
    day = dates.weekday_near(reference, weekday, direction)
    assert day.weekday() == weekday
    assert abs((day - reference).days) <= 6
    if direction == PAST:
        assert day <= reference
    if direction == FUTURE:
        assert day >= reference


@given(
    reference=any_day,
    month=st.integers(1, 12),
    day=st.integers(1, 28),
    direction=directions,
)
def test_year_for_month_day_stays_within_a_year(reference, month, day, direction):
    year = dates.year_for_month_day(month, day, reference, direction)
    assert abs((dt.date(year, month, day) - reference).days) <= 366


@given(day=any_day)
def test_day_and_month_values_round_trip(day):
    interval = dates.interval_for_value(dates.day_value(day))
    assert interval.start.date() == day == interval.end.date()
    month = dates.interval_for_value(dates.month_value(day.year, day.month))
    assert month.start.date() <= day <= month.end.date()
    week = dates.interval_for_value(dates.week_value(day))
    assert week.start.date() <= day <= week.end.date()
    assert week.precision == Precision.WEEK


@settings(max_examples=300)
@given(value=st.text(max_size=30))
def test_interval_for_value_never_crashes(value):
    interval = dates.interval_for_value(value)
    assert interval is None or interval.start <= interval.end


def _interval(value):
    interval = dates.interval_for_value(value)
    assert interval is not None
    return interval


@pytest.mark.parametrize(
    ("value", "mod", "first", "last"),
    [
        ("2019", "end", "2019-11-01", "2019-12-31"),
        ("2019", "late", "2019-09-01", "2019-12-31"),
        ("2019", "early", "2019-01-01", "2019-04-30"),
        ("2019", "start", "2019-01-01", "2019-02-28"),
        ("2019", "mid", "2019-05-01", "2019-08-31"),
        ("2016-02", "end", "2016-02-25", "2016-02-29"),
        ("2016-02", "early", "2016-02-01", "2016-02-10"),
        ("2018-01", "mid", "2018-01-11", "2018-01-21"),
        ("201", "late", "2016-09-01", "2019-12-31"),  # the last 40 months
        ("2017-W28", "end", "2017-07-10", "2017-07-16"),  # a week stays whole
        ("1995-07-11", "late", "1995-07-11", "1995-07-11"),  # so does a day
    ],
)
def test_modified_interval(value, mod, first, last):
    whole = _interval(value)
    part = dates.modified_interval(whole, mod)
    assert part.start == dt.datetime.fromisoformat(first)
    assert part.end.date() == dt.date.fromisoformat(last)
    assert part.precision == whole.precision
    assert whole.start <= part.start <= part.end <= whole.end


@pytest.mark.parametrize(
    ("value", "reference", "after", "first", "last"),
    [
        ("2020-01", "2020-01-14", True, "2020-01-15", "2020-01-31"),  # later this month
        (
            "2020-01",
            "2020-01-14",
            False,
            "2020-01-01",
            "2020-01-13",
        ),  # earlier this month
        ("2020", "2020-10-01", True, "2020-10-02", "2020-12-31"),  # later this year
        (
            "2020-01",
            "2020-01-31",
            True,
            "2020-01-01",
            "2020-01-31",
        ),  # at the edge: whole
        ("2020-01", "2020-03-02", False, "2020-01-01", "2020-01-31"),  # outside: whole
    ],
)
def test_clipped_interval(value, reference, after, first, last):
    part = dates.clipped_interval(
        _interval(value), dt.date.fromisoformat(reference), after
    )
    assert part.start == dt.datetime.fromisoformat(first)
    assert part.end.date() == dt.date.fromisoformat(last)
