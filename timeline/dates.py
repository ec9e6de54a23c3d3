"""Dates on the timeline: which ones it can show, and showing each at the precision the
text supports, never more.

One rule for every way a date comes in (an editor's form, a filter in the URL, a paging
cursor, an extracted time expression): the timeline shows the years 1 to 9998. Python's
and the databases' calendars stop at 9999; the year of margin keeps every window's end,
its next window and a time zone's offset inside them, so no page can step off the
calendar.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError

FIRST_YEAR, LAST_YEAR = 1, 9998
EARLIEST = dt.datetime(FIRST_YEAR, 1, 1, tzinfo=dt.UTC)
LATEST = dt.datetime(LAST_YEAR, 12, 31, 23, 59, 59, 999999, tzinfo=dt.UTC)
RANGE_MESSAGE = f"The timeline shows dates from the year {FIRST_YEAR} to {LAST_YEAR}."


def shown(value: dt.date | dt.datetime | None) -> bool:
    """Whether the timeline can show this date (None, undated, always can)."""
    if value is None:
        return True
    return FIRST_YEAR <= value.year <= LAST_YEAR


def validate_shown(value: dt.date | dt.datetime | None) -> None:
    """The validator of every date field the timeline reads (model and form fields)."""
    if not shown(value):
        raise ValidationError(RANGE_MESSAGE, code="out_of_range")


def as_utc(moment: dt.datetime) -> dt.datetime | None:
    """An aware moment in UTC (a naive one is taken as UTC); None when the offset takes
    it off the calendar or off the years shown."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    try:
        moment = moment.astimezone(dt.UTC)
    except OverflowError:
        return None
    return moment if shown(moment) else None


def year_iso(year: int) -> str:
    """A year as ISO 8601 writes it, four digits (strftime's %Y drops the zeros of years
    before 1000 on glibc)."""
    return f"{year:04d}"


def format_at_precision(value: dt.datetime | None, precision: str) -> str:
    if value is None:
        return "Undated"
    year = year_iso(value.year)
    if precision == "year":
        return year
    if precision == "month":
        return f"{value:%B} {year}"
    day = f"{value.day} {value:%B} {year}"
    if precision == "week":
        return f"Week of {day}"
    if precision == "hour":
        return f"{day}, {value:%H}:00"
    if precision == "minute":
        return f"{day}, {value:%H:%M}"
    return day


ISO_LENGTH = {"year": 4, "month": 7, "week": 10, "day": 10, "hour": 13, "minute": 16}


def iso_at_precision(value: dt.datetime | None, precision: str) -> str | None:
    """ISO 8601 cut to the precision: 2017-04 for a month, 2017-07-09T12:00 for a
    minute."""
    if value is None:
        return None
    return value.isoformat(timespec="minutes")[: ISO_LENGTH.get(precision, 10)]
