"""Validation of incoming article records (files, admin, API): one clear reason per bad record."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

REQUIRED_FIELDS = ("url", "outlet", "title", "published_at", "text")
MAX_TEXT_CHARS = 2_000_000


class InvalidRecord(ValueError):
    """A record that cannot be stored; the message says why, for the person who sent it."""


@dataclass(frozen=True, slots=True)
class ArticleRecord:
    url: str
    outlet: str
    title: str
    published_at: dt.date
    text: str


def clean_text(value: str) -> str:
    """Drop NUL and other control characters that databases and browsers choke on,
    keeping newlines and tabs."""
    return "".join(ch for ch in value if ch in "\n\t" or ch >= " " and ch != "\x7f")


def clean_body(value: str) -> str:
    """An article's text without control characters; empty or oversized is refused."""
    text = clean_text(value).strip()
    if not text:
        raise InvalidRecord("text is empty")
    if len(text) > MAX_TEXT_CHARS:
        raise InvalidRecord(f"text is longer than {MAX_TEXT_CHARS:,} characters")
    return text


def parse_record(data: Any, *, today: dt.date | None = None) -> ArticleRecord:
    if not isinstance(data, dict):
        raise InvalidRecord(f"expected a JSON object, got {type(data).__name__}")
    missing = [f for f in REQUIRED_FIELDS if f not in data or data[f] is None]
    if missing:
        raise InvalidRecord(f"missing field(s): {', '.join(missing)}")
    for name in REQUIRED_FIELDS:
        if not isinstance(data[name], str):
            raise InvalidRecord(f"{name} must be a string")
    url = data["url"].strip()
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise InvalidRecord(f"url is not an http(s) URL: {url[:100]!r}") from None
    published_at = parse_published_at(data["published_at"], today=today)
    text = clean_body(data["text"])
    title = " ".join(clean_text(data["title"]).split())
    outlet = " ".join(clean_text(data["outlet"]).split())
    if not title:
        raise InvalidRecord("title is empty")
    if not outlet:
        raise InvalidRecord("outlet is empty")
    return ArticleRecord(
        url=url,
        outlet=outlet[:200],
        title=title[:500],
        published_at=published_at,
        text=text,
    )


def parse_published_at(value: str, *, today: dt.date | None = None) -> dt.date:
    raw = value.strip()
    try:
        date = dt.date.fromisoformat(raw[:10])
    except ValueError:
        raise InvalidRecord(
            f"published_at is not a date (YYYY-MM-DD): {raw[:40]!r}"
        ) from None
    if len(raw) > 10 and raw[10] not in "T ":
        raise InvalidRecord(f"published_at is not a date (YYYY-MM-DD): {raw[:40]!r}")
    check_publication_date(date, today=today)
    return date


def check_publication_date(date: dt.date, *, today: dt.date | None = None) -> None:
    """A publication date must be a day that has come (a day's grace for time zones)."""
    today = today or dt.date.today()
    if date > today + dt.timedelta(days=1):
        raise InvalidRecord(f"published_at {date.isoformat()} is in the future")
    if date.year < 1800:
        raise InvalidRecord(f"published_at {date.isoformat()} is implausibly old")
