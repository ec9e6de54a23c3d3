"""Validation of incoming article records (files, admin, API): one clear reason per bad record."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

REQUIRED_FIELDS = ("url", "outlet", "title", "published_at", "text")
# The parser's own limit (spaCy's nlp.max_length): a longer text is no news article, and
# the pipeline would refuse it anyway.
MAX_TEXT_CHARS = 1_000_000
MAX_URL_CHARS = 1000  # Article.url's column
# A publication date, with the time and offset some feeds add (which are not kept).
PUBLISHED_RE = re.compile(
    r"(\d{4}-\d{2}-\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?"
    r"(?:Z|[+-]\d{2}:?\d{2})?)?"
)


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
    keeping newlines and tabs; and lone surrogates (half of a UTF-16 pair, which JSON
    can spell as "\\ud800" but no UTF-8 text can hold)."""
    return "".join(
        ch
        for ch in value
        if ch in "\n\t" or ch >= " " and ch != "\x7f" and not "\ud800" <= ch <= "\udfff"
    )


def check_url(url: str) -> str:
    """An article's public link: http(s), within the column, no credentials in it."""
    if len(url) > MAX_URL_CHARS:
        raise InvalidRecord(f"url is longer than {MAX_URL_CHARS:,} characters")
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise InvalidRecord(f"url is not an http(s) URL: {url[:100]!r}") from None
    if "@" in urlsplit(url).netloc:
        raise InvalidRecord(
            "url holds a user name or password: it would be shown to every reader"
        )
    return url


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
    url = check_url(clean_text(data["url"]).strip())
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
    """The day of a publication date written as ISO 8601 (YYYY-MM-DD, maybe with a time
    and an offset, which are checked and not kept); other spellings ISO allows (20170710,
    2017-W28) are refused, since feeds that write them mean something else as often."""
    raw = value.strip()
    match = PUBLISHED_RE.fullmatch(raw)
    try:
        if match is None:
            raise ValueError
        dt.datetime.fromisoformat(raw.replace(" ", "T", 1))  # the time is a real one
        date = dt.date.fromisoformat(match[1])
    except ValueError:
        raise InvalidRecord(
            f"published_at is not a date (YYYY-MM-DD): {raw[:40]!r}"
        ) from None
    check_publication_date(date, today=today)
    return date


def check_publication_date(date: dt.date, *, today: dt.date | None = None) -> None:
    """A publication date must be a day that has come (a day's grace for time zones)."""
    today = today or dt.date.today()
    if date > today + dt.timedelta(days=1):
        raise InvalidRecord(f"published_at {date.isoformat()} is in the future")
    if date.year < 1800:
        raise InvalidRecord(f"published_at {date.isoformat()} is implausibly old")
