"""What an analyst asks of the timeline, read from the URL alone.

``TimelineFilter`` validates the query string (unknown parameters are ignored, bad
values are a 400 with the form's message) and turns it into a queryset and a window on
the time axis. The same form serves the page, its htmx partials and the exports, so a
shared URL shows, and exports, exactly what its sender saw.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.db import connection
from django.db.models import Exists, OuterRef

from articles.models import Article

from .dates import (
    FIRST_YEAR,
    LAST_YEAR,
    as_utc,
    format_at_precision,
    shown,
    validate_shown,
    year_iso,
)
from .models import Actor, Event, EventActor, EventKind, Evidence, Place

# The window in view: nothing (the whole range), a year, a month or a day.
AT_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
FILTER_FIELDS = ("q", "actor", "place", "kind", "outlet", "status", "start", "end")


class TimelineFilter(forms.Form):
    q = forms.CharField(
        required=False,
        max_length=200,
        label="Text",
        strip=True,
        help_text="Words in event titles or their sentences.",
    )
    actor = forms.CharField(required=False, max_length=200)
    place = forms.CharField(required=False, max_length=200)
    kind = forms.ChoiceField(
        required=False, choices=[("", "Any kind"), *EventKind.choices]
    )
    outlet = forms.CharField(required=False, max_length=200)
    status = forms.ChoiceField(
        required=False,
        choices=[("", "Not rejected"), *Event.Status.choices],
    )
    start = forms.DateField(required=False, label="From", validators=[validate_shown])
    end = forms.DateField(required=False, label="To", validators=[validate_shown])
    at = forms.CharField(required=False, max_length=10, label="Zoom")
    event = forms.IntegerField(required=False, min_value=1, max_value=2**62)
    after = forms.CharField(required=False, max_length=80)

    def __init__(self, *args, fixed: frozenset[str] = frozenset(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fixed = fixed  # set by the page's URL (an actor's page), not the query

    def clean_actor(self) -> Actor | None:
        return _by_slug(Actor, self.cleaned_data["actor"], "actor")

    def clean_place(self) -> Place | None:
        return _by_slug(Place, self.cleaned_data["place"], "place")

    def clean_at(self) -> Window | None:
        value = self.cleaned_data["at"]
        if not value:
            return None
        window = Window.parse(value)
        if window is None:
            raise forms.ValidationError(
                "Zoom to a year (2017), a month (2017-07) or a day (2017-07-09), "
                f"from the year {FIRST_YEAR} to {LAST_YEAR}."
            )
        return window

    def clean_after(self) -> tuple[dt.datetime, int] | None:
        value = self.cleaned_data["after"]
        if not value:
            return None
        moment, _, pk = value.rpartition("~")
        try:
            parsed, number = dt.datetime.fromisoformat(moment), int(pk)
        except ValueError:
            parsed = number = None
        utc = as_utc(parsed) if parsed else None
        if utc is None or number is None:
            raise forms.ValidationError("Not a page of this timeline.")
        return utc, number

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            raise forms.ValidationError("The start date is after the end date.")
        return data

    # -- reading the valid form

    def events(self):
        """Events matching every filter (the window and paging not applied)."""
        data = self.cleaned_data
        events = Event.objects.all()
        status = data.get("status")
        events = events.filter(status=status) if status else events.visible()
        if data.get("kind"):
            events = events.filter(kind=data["kind"])
        if data.get("actor"):
            events = events.filter(
                Exists(
                    EventActor.objects.filter(event=OuterRef("pk"), actor=data["actor"])
                )
            )
        if data.get("place"):
            events = events.filter(
                Exists(
                    Event.places.through.objects.filter(
                        event_id=OuterRef("pk"), place_id=data["place"].pk
                    )
                )
            )
        if data.get("outlet"):
            events = events.filter(
                Exists(
                    Evidence.objects.filter(
                        event=OuterRef("pk"), sentence__article__outlet=data["outlet"]
                    )
                )
            )
        if data.get("q"):
            events = events.search(data["q"])
        if data.get("start"):
            events = events.filter(end__gte=_day_start(data["start"]))
        if data.get("end"):
            events = events.filter(start__lte=_day_end(data["end"]))
        return events

    def query(self, include_fixed: bool = False, **changes: object) -> str:
        """This state's query string with some parameters changed (None drops one).
        Filters fixed by the page's path are left out, unless ``include_fixed`` (for
        links to other paths, such as the exports)."""
        params: dict[str, str] = {}
        for name in (*FILTER_FIELDS, "at", "event"):
            if name in self.fixed and not include_fixed:
                continue
            value = self.data.get(name, "")
            if value not in ("", None):
                params[name] = str(value)
        for name, value in changes.items():
            if value in ("", None):
                params.pop(name, None)
            else:
                params[name] = str(value)
        return urlencode(params)

    def export_query(self) -> str:
        """The view in its exports: filters and window, not the open event."""
        return self.query(include_fixed=True, event=None)


@dataclass(frozen=True, slots=True)
class Window:
    """A stretch of the time axis: a year, a month or a day (or everything)."""

    start: dt.datetime
    end: dt.datetime  # exclusive
    unit: str  # "year", "month" or "day": the zoom level
    label: str

    @classmethod
    def parse(cls, value: str) -> Window | None:
        """The window of an ``at`` value; None if it is not one, or not a stretch of the
        years the timeline shows."""
        match = AT_RE.match(value)
        if match is None:
            return None
        year, month, day = (int(g) if g else None for g in match.groups())
        if not FIRST_YEAR <= year <= LAST_YEAR:
            return None
        try:
            if day is not None:
                start = dt.datetime(year, month, day, tzinfo=dt.UTC)
                return cls(
                    start,
                    start + dt.timedelta(days=1),
                    "day",
                    format_at_precision(start, "day"),
                )
            if month is not None:
                start = dt.datetime(year, month, 1, tzinfo=dt.UTC)
                return cls(
                    start,
                    add_months(start, 1),
                    "month",
                    format_at_precision(start, "month"),
                )
            start = dt.datetime(year, 1, 1, tzinfo=dt.UTC)
            return cls(start, start.replace(year=year + 1), "year", year_iso(year))
        except ValueError:  # 2017-02-30, 2017-13
            return None

    @property
    def at(self) -> str:
        """This window as the URL's ``at``."""
        return at_value(self.start, self.unit)

    @property
    def parent(self) -> str | None:
        """The ``at`` of the window one level out ("" for everything)."""
        if self.unit == "day":
            return at_value(self.start, "month")
        if self.unit == "month":
            return at_value(self.start, "year")
        return ""

    def neighbour(self, step: int) -> str | None:
        """The ``at`` of the window ``step`` windows away; None past the years shown."""
        if self.unit == "day":
            try:
                moment = self.start + dt.timedelta(days=step)
            except OverflowError:
                return None
            return at_value(moment, "day") if shown(moment) else None
        if self.unit == "month":
            index = self.start.year * 12 + self.start.month - 1 + step
            if not FIRST_YEAR <= index // 12 <= LAST_YEAR:
                return None
            return at_value(add_months(self.start, step), "month")
        if not FIRST_YEAR <= self.start.year + step <= LAST_YEAR:
            return None
        return year_iso(self.start.year + step)


def at_value(moment: dt.datetime | dt.date, unit: str) -> str:
    """The URL's ``at`` for the year, month or day holding ``moment``."""
    text = f"{year_iso(moment.year)}-{moment.month:02d}-{moment.day:02d}"
    return text[: {"year": 4, "month": 7}.get(unit, 10)]


def _by_slug(model, slug: str, noun: str):
    if not slug:
        return None
    found = model.objects.filter(slug=slug).first()
    if found is None:
        raise forms.ValidationError(f"No {noun} is called “{slug}”.")
    return found


def add_months(moment: dt.datetime, months: int) -> dt.datetime:
    index = moment.year * 12 + moment.month - 1 + months
    return moment.replace(year=index // 12, month=index % 12 + 1, day=1)


def _day_start(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)


def _day_end(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(23, 59, 59), tzinfo=dt.UTC)


def outlets() -> list[str]:
    """The outlets of the collection, in order. A loose index scan (one index probe
    per outlet, a recursive query both databases run) instead of DISTINCT over every
    article: the cost follows the number of outlets, not of articles."""
    table = Article._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"""WITH RECURSIVE outlets(outlet) AS (
                SELECT MIN(outlet) FROM {table}
                UNION ALL
                SELECT (SELECT MIN(outlet) FROM {table} WHERE outlet > outlets.outlet)
                FROM outlets WHERE outlets.outlet IS NOT NULL
            ) SELECT outlet FROM outlets WHERE outlet IS NOT NULL"""
        )
        return [outlet for (outlet,) in cursor.fetchall()]
