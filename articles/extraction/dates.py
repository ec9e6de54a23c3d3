"""Calendar arithmetic for relative dates, TIMEX3 values to intervals, and dateparser.

This is the only module that imports dateparser. The tagger's own rules
(``times.py``) come first; dateparser only sees what they leave, and every call
is cached by (normalised expression, reference date, direction) because a call
costs milliseconds and the same expressions recur across articles.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re

from .types import DateInterval, Precision

# Direction of an unanchored expression, from the tense of its clause.
PAST = "past"
FUTURE = "future"
PRESENT = "present"

# Season codes with the months they cover (winter runs into the next year).
SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}

# Penalty (in days) for choosing a date on the wrong side of the reference date
# when the tense says which side: a date half a year the "right" way still
# beats one a few days the "wrong" way only when the tense is explicit.
_WRONG_SIDE_DAYS = 180


def shift_months(year: int, month: int, months: int) -> tuple[int, int]:
    """(year, month) moved by a number of months."""
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day of month ``months`` later, clamped to the month's last day."""
    year, month = shift_months(day.year, day.month, months)
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def valid_day(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


def _score(delta_days: int, direction: str | None) -> int:
    """Lower is better: distance, plus a penalty for the side the tense excludes."""
    wrong = (direction == PAST and delta_days > 0) or (
        direction == FUTURE and delta_days < 0
    )
    return abs(delta_days) + (_WRONG_SIDE_DAYS if wrong else 0)


def year_for_month_day(
    month: int, day: int, reference: dt.date, direction: str | None
) -> int:
    """The year that places month/day nearest the reference on the tense's side."""
    best: tuple[int, int] | None = None
    for year in (reference.year - 1, reference.year, reference.year + 1):
        if not valid_day(year, month, day):
            continue
        delta = (dt.date(year, month, day) - reference).days
        score = _score(delta, direction)
        if best is None or score < best[0] or (score == best[0] and delta <= 0):
            best = (score, year)
    return best[1] if best else reference.year


def year_for_month(month: int, reference: dt.date, direction: str | None) -> int:
    """The year of the named month nearest the reference on the tense's side.

    Past tense looks back, future forward (the reference's own month counts as
    both: "in July" said in July is this July), present takes the nearest.
    """
    if direction == PAST:
        return reference.year if month <= reference.month else reference.year - 1
    if direction == FUTURE:
        return reference.year if month >= reference.month else reference.year + 1
    if month - reference.month > 6:
        return reference.year - 1
    if reference.month - month > 6:
        return reference.year + 1
    return reference.year


def year_for_range(
    first_month: int, last_month: int, reference: dt.date, direction: str | None
) -> int:
    """The year of a season or quarter (months first..last, last may exceed 12)."""
    ref_index = reference.year * 12 + reference.month - 1
    best: tuple[int, int] | None = None
    for year in (reference.year - 1, reference.year, reference.year + 1):
        start = year * 12 + first_month - 1
        end = year * 12 + last_month - 1
        if start <= ref_index <= end:
            return year
        months = start - ref_index if start > ref_index else end - ref_index
        score = _score(months * 30, direction)
        if best is None or score < best[0]:
            best = (score, year)
    assert best is not None
    return best[1]


def weekday_near(reference: dt.date, weekday: int, direction: str | None) -> dt.date:
    """The date of a weekday (0 = Monday) near the reference, by tense.

    Past looks back, future forward, present takes the nearest; the reference's
    own weekday is the reference itself ("said on Monday" in a Monday report).
    """
    back = (reference.weekday() - weekday) % 7
    forward = (weekday - reference.weekday()) % 7
    if direction == PAST:
        return reference - dt.timedelta(days=back)
    if direction == FUTURE:
        return reference + dt.timedelta(days=forward)
    if back <= forward:
        return reference - dt.timedelta(days=back)
    return reference + dt.timedelta(days=forward)


def weekday_strict(reference: dt.date, weekday: int, step: int) -> dt.date:
    """ "last Friday" (step -1) or "next Friday" (step 1): never the reference day."""
    if step < 0:
        back = (reference.weekday() - weekday) % 7 or 7
        return reference - dt.timedelta(days=back)
    forward = (weekday - reference.weekday()) % 7 or 7
    return reference + dt.timedelta(days=forward)


def week_value(day: dt.date) -> str:
    iso_year, week, _ = day.isocalendar()
    return f"{iso_year:04d}-W{week:02d}"


def day_value(day: dt.date) -> str:
    return day.isoformat()


def month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def year_value(year: int) -> str:
    if year <= 0:
        return f"BC{1 - year:04d}"
    return f"{year:04d}"


# --- TIMEX3 value -> interval ------------------------------------------------

_DAY_START = dt.time(0, 0)
_DAY_END = dt.time(23, 59, 59)

_VALUE = re.compile(
    r"^(?P<year>\d{4})"
    r"(?:-(?:(?P<month>\d\d)(?:-(?P<day>\d\d))?"
    r"|W(?P<week>\d\d)(?P<weekend>-WE)?"
    r"|Q(?P<quarter>[1-4])|H(?P<half>[12])"
    r"|(?P<season>SP|SU|FA|WI)))?"
    r"(?:T(?:(?P<hour>\d\d)(?::(?P<minute>\d\d))?|(?P<pod>MO|MI|AF|EV|NI|DT))Z?)?$"
)
_DECADE = re.compile(r"^(?P<decade>\d{3})$")
_CENTURY = re.compile(r"^(?P<century>\d{2})$")


def day_span(first: dt.date, last: dt.date, precision: Precision) -> DateInterval:
    """The whole days from ``first`` to ``last``, at ``precision``."""
    return DateInterval(
        dt.datetime.combine(first, _DAY_START),
        dt.datetime.combine(last, _DAY_END),
        precision,
    )


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _months(year: int, first: int, last: int) -> DateInterval:
    end_year, end_month = shift_months(year, first, last - first)
    return day_span(
        dt.date(year, first, 1), _month_end(end_year, end_month), Precision.YEAR
    )


@functools.lru_cache(maxsize=4096)
def interval_for_value(value: str) -> DateInterval | None:
    """Inclusive bounds of a concrete TIMEX3 date or time value, else None.

    Seasons, quarters, halves, decades and centuries get the covering range at
    year precision; a part of day ("2017-07-09TEV") gets its day at day
    precision. Values with unknown parts (XXXX), references (PRESENT_REF) and BC
    years (outside ``datetime``) have no interval.
    """
    try:
        return _interval(value)
    except ValueError:
        return None


def _interval(value: str) -> DateInterval | None:
    if m := _DECADE.match(value):
        first = int(m["decade"]) * 10
        return day_span(
            dt.date(max(first, 1), 1, 1), dt.date(first + 9, 12, 31), Precision.YEAR
        )
    if m := _CENTURY.match(value):
        first = int(m["century"]) * 100
        return day_span(
            dt.date(max(first, 1), 1, 1), dt.date(first + 99, 12, 31), Precision.YEAR
        )
    m = _VALUE.match(value)
    if not m or int(m["year"]) == 0:
        return None
    year = int(m["year"])
    if m["week"]:
        monday = dt.date.fromisocalendar(year, int(m["week"]), 1)
        if m["weekend"]:
            return day_span(
                monday + dt.timedelta(5), monday + dt.timedelta(6), Precision.DAY
            )
        return day_span(monday, monday + dt.timedelta(6), Precision.WEEK)
    if m["quarter"]:
        first = 3 * int(m["quarter"]) - 2
        return _months(year, first, first + 2)
    if m["half"]:
        first = 6 * int(m["half"]) - 5
        return _months(year, first, first + 5)
    if m["season"]:
        first, last = SEASON_MONTHS[m["season"]]
        return _months(year, first, last)
    if not m["month"]:
        return day_span(dt.date(year, 1, 1), dt.date(year, 12, 31), Precision.YEAR)
    month = int(m["month"])
    if not m["day"]:
        return day_span(
            dt.date(year, month, 1), _month_end(year, month), Precision.MONTH
        )
    day = dt.date(year, month, int(m["day"]))
    if m["hour"] is None:
        return day_span(day, day, Precision.DAY)
    hour = int(m["hour"])
    if m["minute"] is None:
        start = dt.datetime.combine(day, dt.time(hour % 24))
        return DateInterval(start, start.replace(minute=59, second=59), Precision.HOUR)
    start = dt.datetime.combine(day, dt.time(hour % 24, int(m["minute"])))
    return DateInterval(start, start.replace(second=59), Precision.MINUTE)


# --- modifiers: "the end of the year", "early June", "later this month" -------

# Share of the period each modifier keeps, as (first, last) fractions.
_MOD_SHARE = {
    "start": (0.0, 1 / 6),  # "the beginning of", "the start of"
    "early": (0.0, 1 / 3),
    "mid": (1 / 3, 2 / 3),
    "late": (2 / 3, 1.0),
    "end": (5 / 6, 1.0),  # "the end of", "by the end of"
}


def modified_interval(interval: DateInterval, mod: str) -> DateInterval:
    """The part of a period a modifier points to, at the period's own precision.

    "the end of the year" 2019 is November-December 2019, "early June" June 1-10,
    "late 2010s" 2017-2019: whole months for periods of months or more, whole
    days for a month; shorter periods (days, weeks) are kept whole.
    """
    if mod not in _MOD_SHARE:
        return interval
    first_share, last_share = _MOD_SHARE[mod]
    first_day, last_day = interval.start.date(), interval.end.date()
    if (last_day - first_day).days < 27:
        return interval
    if (
        first_day.day == 1
        and last_day == _month_end(last_day.year, last_day.month)
        and (
            (last_day.year - first_day.year) * 12 + last_day.month - first_day.month
            >= 1
        )
    ):
        months = (
            (last_day.year - first_day.year) * 12 + last_day.month - first_day.month + 1
        )
        lo = min(int(round(months * first_share)), months - 1)
        hi = max(int(round(months * last_share)), lo + 1)
        start = add_months(first_day, lo)
        end_year, end_month = shift_months(first_day.year, first_day.month, hi - 1)
        return day_span(start, _month_end(end_year, end_month), interval.precision)
    days = (last_day - first_day).days + 1
    lo = min(int(round(days * first_share)), days - 1)
    hi = max(int(round(days * last_share)), lo + 1)
    return day_span(
        first_day + dt.timedelta(days=lo),
        first_day + dt.timedelta(days=hi - 1),
        interval.precision,
    )


def clipped_interval(
    interval: DateInterval, reference: dt.date, after: bool
) -> DateInterval:
    """ "later this month": from the day after the reference; "earlier": up to the day before.

    Left whole when the reference is outside the period or at its edge.
    """
    first_day, last_day = interval.start.date(), interval.end.date()
    if after and first_day <= reference < last_day:
        return day_span(reference + dt.timedelta(days=1), last_day, interval.precision)
    if not after and first_day < reference <= last_day:
        return day_span(first_day, reference - dt.timedelta(days=1), interval.precision)
    return interval


# --- dateparser, for what the rules leave -----------------------------------

_PREFER = {
    PAST: "past",
    FUTURE: "future",
    PRESENT: "current_period",
    None: "current_period",
}
_PERIOD_PRECISION = {
    "year": Precision.YEAR,
    "month": Precision.MONTH,
    "week": Precision.WEEK,
    "day": Precision.DAY,
    "time": Precision.MINUTE,
}


def normalise_expression(text: str) -> str:
    """Lower case, single spaces, no surrounding punctuation: the cache key."""
    return " ".join(text.lower().split()).strip(" .,;:()\"'")


def parse_with_dateparser(
    text: str, reference: dt.date, direction: str | None = None
) -> tuple[dt.datetime, Precision] | None:
    """Parse an expression our rules could not, relative to ``reference``.

    Never reads the clock (RELATIVE_BASE is always set) and never detects
    languages; returns the date and how much of it the text gave, or None.
    """
    return _parse_cached(normalise_expression(text), reference, _PREFER[direction])


@functools.lru_cache(maxsize=8192)
def _parse_cached(
    expression: str, reference: dt.date, prefer: str
) -> tuple[dt.datetime, Precision] | None:
    if not expression or len(expression) > 60:
        return None
    parser = _date_data_parser(reference, prefer)
    try:
        data = parser.get_date_data(expression)
    except (ValueError, OverflowError, TypeError, AttributeError):
        return None
    if data is None or data.date_obj is None:
        return None
    precision = _PERIOD_PRECISION.get(data.period or "day", Precision.DAY)
    return data.date_obj.replace(tzinfo=None), precision


@functools.lru_cache(maxsize=64)
def _date_data_parser(reference: dt.date, prefer: str):
    from dateparser.date import DateDataParser

    return DateDataParser(
        languages=["en"],
        settings={
            "RELATIVE_BASE": dt.datetime.combine(reference, dt.time(0, 0)),
            "PREFER_DATES_FROM": prefer,
            "RETURN_TIME_AS_PERIOD": True,
            "PREFER_DAY_OF_MONTH": "first",
            "DATE_ORDER": "MDY",
            "PARSERS": ["absolute-time", "relative-time", "custom-formats"],
        },
    )
