"""Showing a date at the precision the text supports, never more."""

from __future__ import annotations

import datetime as dt


def format_at_precision(value: dt.datetime | None, precision: str) -> str:
    if value is None:
        return "Undated"
    if precision == "year":
        return f"{value:%Y}"
    if precision == "month":
        return f"{value:%B %Y}"
    day = f"{value.day} {value:%B %Y}"
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
    return value.strftime("%Y-%m-%dT%H:%M")[: ISO_LENGTH.get(precision, 10)]
