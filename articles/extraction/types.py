"""Dataclasses that the extraction stages hand to each other and to Django.

Nothing here imports Django: the extraction package is text in, dataclasses out.
Character offsets are always into the full article text, so a service can store
them and a template can highlight them without searching the text again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class Precision(StrEnum):
    """How much of a date the text supports, coarsest first."""

    YEAR = "year"
    MONTH = "month"
    WEEK = "week"
    DAY = "day"
    HOUR = "hour"
    MINUTE = "minute"


class Anchor(StrEnum):
    """What a time expression was resolved against."""

    ABSOLUTE = "absolute"  # "March 2011": needs nothing
    DOCUMENT = "document"  # "on Friday", "last April": the publication date
    FOCUS = "focus"  # "the next day": the date in focus in the text
    REFERENCE = "reference"  # "the truce": the date of the event it refers to
    TENSE = "tense"  # "have signed": by the publication date, said by the tense alone
    WINDOW = (
        "window"  # "the deal" told elsewhere: some day of the week before publication
    )
    NONE = "none"  # durations, sets, unresolvable expressions


@dataclass(frozen=True, slots=True)
class DateInterval:
    """Inclusive bounds of what a time expression says, with its precision."""

    start: dt.datetime
    end: dt.datetime
    precision: Precision


@dataclass(frozen=True, slots=True)
class Timex:
    """A time expression found in a text and normalised to a TIMEX3 value."""

    start: int
    end: int
    text: str
    type: str  # DATE, TIME, DURATION or SET
    value: str  # TIMEX3 value: 2017-07-07, 2017-04, 2017-W28, 2017-07-09T12:00, P3Y ...
    anchor: Anchor = Anchor.ABSOLUTE
    interval: DateInterval | None = None  # None for durations, sets and vague refs


@dataclass(frozen=True, slots=True)
class SentenceSpan:
    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class ActorMention:
    """A mention of an actor, already mapped to a canonical name."""

    start: int
    end: int
    text: str
    canonical: str
    kind: str  # person, state, organisation, group
    affiliation: str = (
        ""  # the state a person or organisation belongs to, when the text says so
    )


@dataclass(frozen=True, slots=True)
class PlaceMention:
    start: int
    end: int
    text: str
    canonical: str
    country: str = ""


@dataclass(frozen=True, slots=True)
class EventCandidate:
    """One event as one sentence tells it."""

    kind: str
    title: str
    sentence_index: int
    trigger: str  # lemma of the trigger word, for merging
    trigger_start: int
    trigger_end: int
    timex: Timex | None
    ordinal: int | None = None
    actors: tuple[ActorMention, ...] = ()
    places: tuple[PlaceMention, ...] = ()
    confidence: float = 0.5
    # For a remark: who makes it, as (canonical name, the state it belongs to or "").
    speakers: tuple[tuple[str, str], ...] = ()


@dataclass(slots=True)
class ArticleExtraction:
    """Everything extraction found in one article."""

    sentences: list[SentenceSpan] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    actors: list[ActorMention] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    events: list[EventCandidate] = field(default_factory=list)
    language: str = "en"
