"""Showing a date at the precision the text supports, never more."""

from __future__ import annotations

import datetime as dt


def format_at_precision(value: dt.datetime | None, precision: str) -> str:
    if value is None:
        return "Undated"
    day = f"{value.day} {value:%B %Y}"
    return {
        "year": f"{value:%Y}",
        "month": f"{value:%B %Y}",
        "week": f"Week of {day}",
        "day": day,
        "hour": f"{day}, {value:%H}:00",
        "minute": f"{day}, {value:%H:%M}",
    }.get(precision, day)


ISO_LENGTH = {"year": 4, "month": 7, "week": 10, "day": 10, "hour": 13, "minute": 16}


def iso_at_precision(value: dt.datetime | None, precision: str) -> str | None:
    """ISO 8601 cut to the precision: 2017-04 for a month, 2017-07-09T12:00 for a minute."""
    if value is None:
        return None
    return value.strftime("%Y-%m-%dT%H:%M")[: ISO_LENGTH.get(precision, 10)]
