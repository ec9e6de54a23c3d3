"""The timeline pages and their exports.

One view draws the timeline for the whole collection, an actor or a place. The URL
holds the whole state (filters, zoom, page, open event); an htmx request gets only the
``results`` partial, a history-restore request the full page, and every response says
it varies on HX-Request so caches keep the two apart.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterator

from django.db.models import Q
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.html import escape
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from .axis import build_axis
from .dates import format_at_precision, iso_at_precision
from .exports import SCHEMA_VERSION, actor_records, event_record
from .forms import TimelineFilter, outlets
from .models import Actor, Event, Evidence, Place

PAGE_SIZE = 50
UNDATED_LIMIT = 50


def index(request: HttpRequest) -> HttpResponse:
    """The whole collection's timeline."""
    return _timeline(request, subject=None)


def actor_page(request: HttpRequest, slug: str) -> HttpResponse:
    """One actor's events on the same timeline, with the names it goes by."""
    actor = get_object_or_404(Actor.objects.prefetch_related("aliases"), slug=slug)
    return _timeline(request, subject=actor)


def place_page(request: HttpRequest, slug: str) -> HttpResponse:
    place = get_object_or_404(Place.objects.prefetch_related("aliases"), slug=slug)
    return _timeline(request, subject=place)


def _form(request: HttpRequest, subject: Actor | Place | None) -> TimelineFilter:
    data = request.GET.copy()
    if isinstance(subject, Actor):
        data["actor"] = subject.slug
        return TimelineFilter(data, fixed=frozenset({"actor"}))
    if isinstance(subject, Place):
        data["place"] = subject.slug
        return TimelineFilter(data, fixed=frozenset({"place"}))
    return TimelineFilter(data)


def _timeline(request: HttpRequest, subject: Actor | Place | None) -> HttpResponse:
    form = _form(request, subject)
    partial = bool(request.htmx) and not request.htmx.history_restore_request
    template = "timeline/index.html#results" if partial else "timeline/index.html"
    context = {
        "form": form,
        "subject": subject,
        "subject_kind": type(subject).__name__.lower() if subject else "",
        "variants": sorted({a.name for a in subject.aliases.all()} - {subject.name})
        if subject
        else [],
        "page_path": request.path,
        "actors": [],
        "outlets": outlets(),
    }
    if not form.is_valid():
        return _vary(render(request, template, context, status=400))
    data = form.cleaned_data
    events = form.events()
    window = data.get("at")
    axis = build_axis(data, events, window)
    if data.get("after"):
        moment, pk = data["after"]
        listed = events.dated().order_by("start", "id")
        if window is not None:
            listed = listed.in_window(window.start, window.end)
        listed = listed.filter(Q(start__gt=moment) | Q(start=moment, pk__gt=pk))
    else:
        # The first page is the axis's first marks (same order, same window): fetched
        # by key instead of filtering and sorting the events a second time.
        keys = [mark.pk for mark in axis.marks[: PAGE_SIZE + 1]] if axis else []
        listed = Event.objects.filter(pk__in=keys).order_by("start", "id")
    page = list(listed.for_timeline()[: PAGE_SIZE + 1])
    more = page[PAGE_SIZE - 1] if len(page) > PAGE_SIZE else None
    undated = []
    undated_total = 0
    if window is None and not data.get("start") and not data.get("end"):
        undated_events = events.undated()
        undated_total = undated_events.count()
        undated = list(
            undated_events.order_by("title", "id").for_timeline()[:UNDATED_LIMIT]
        )
    # The actor menu offers the actors of the events in view (and the one chosen):
    # bounded whatever the size of the timeline; every actor has its own page.
    shown = {
        (role.actor.name, role.actor.slug)
        for event in page[:PAGE_SIZE]
        for role in event.event_actors.all()
    }
    if data.get("actor"):
        shown.add((data["actor"].name, data["actor"].slug))
    context.update(
        {
            "actors": [(slug, name) for name, slug in sorted(shown)],
            "axis": axis,
            "window": window,
            "window_prev": window.neighbour(-1) if window else None,
            "window_next": window.neighbour(1) if window else None,
            "events": page[:PAGE_SIZE],
            "next_page": form.query(after=f"{more.start.isoformat()}~{more.pk}")
            if more
            else None,
            "undated": undated,
            "undated_total": undated_total,
            "detail": _detail(data.get("event")),
            "detail_requested": data.get("event"),
        }
    )
    return _vary(render(request, template, context))


def _vary(response: HttpResponse) -> HttpResponse:
    patch_vary_headers(response, ["HX-Request", "HX-History-Restore-Request"])
    return response


def _detail(pk: int | None) -> dict | None:
    """The open event: its evidence grouped by outlet."""
    if pk is None:
        return None
    event = Event.objects.visible().filter(pk=pk).for_timeline().first()
    if event is None:
        return None
    by_outlet: dict[str, list[Evidence]] = {}
    for evidence in event.evidence.all():
        by_outlet.setdefault(evidence.sentence.article.outlet, []).append(evidence)
    dates = sorted(
        {
            format_at_precision(e.start, e.precision)
            for e in event.evidence.all()
            if e.start
        }
    )
    return {"event": event, "by_outlet": sorted(by_outlet.items()), "dates": dates}


# Exports of the current filtered view -------------------------------------------------


def _export_events(request: HttpRequest):
    """The filtered events in the window in view, or a 400 response."""
    form = TimelineFilter(request.GET)
    if not form.is_valid():
        message = "; ".join(
            f"{field}: {' '.join(errors)}" if field != "__all__" else " ".join(errors)
            for field, errors in form.errors.items()
        )
        return None, HttpResponse(message, status=400, content_type="text/plain")
    events = form.events()
    window = form.cleaned_data.get("at")
    if window is not None:
        events = events.in_window(window.start, window.end)
    return events, None


def export_json(request: HttpRequest) -> HttpResponse:
    """The export_timeline schema, streamed: events one by one, then the actors they
    name with their aliases, so memory stays flat however many events the view holds."""
    events, error = _export_events(request)
    if error:
        return error

    def document() -> Iterator[str]:
        yield f'{{"schema": {SCHEMA_VERSION}, "events": ['
        actor_ids: set[int] = set()
        separator = ""
        for event in (
            events.order_by("start", "id").for_timeline().iterator(chunk_size=500)
        ):
            actor_ids.update(r.actor_id for r in event.event_actors.all())
            yield separator + json.dumps(event_record(event), ensure_ascii=False)
            separator = ", "
        yield '], "actors": '
        yield json.dumps(actor_records(actor_ids), ensure_ascii=False)
        yield "}"

    response = StreamingHttpResponse(document(), content_type="application/json")
    response["Content-Disposition"] = 'attachment; filename="timeline.json"'
    return response


CSV_HEADER = [
    "date",
    "precision",
    "kind",
    "title",
    "actors",
    "places",
    "outlets",
    "first_sentence",
    "first_sentence_url",
]


class _Echo:
    def write(self, value: str) -> str:
        return value


def export_csv(request: HttpRequest) -> HttpResponse:
    events, error = _export_events(request)
    if error:
        return error
    writer = csv.writer(_Echo())

    def rows() -> Iterator[str]:
        yield writer.writerow(CSV_HEADER)
        for event in (
            events.order_by("start", "id").for_timeline().iterator(chunk_size=500)
        ):
            evidence = list(event.evidence.all())
            first = min(evidence, key=_reading_order, default=None)
            yield writer.writerow(
                _cell(value)
                for value in [
                    iso_at_precision(event.start, event.precision) or "",
                    event.precision,
                    event.kind,
                    event.title,
                    "; ".join(sorted(r.actor.name for r in event.event_actors.all())),
                    "; ".join(sorted(p.name for p in event.places.all())),
                    "; ".join(sorted({e.sentence.article.outlet for e in evidence})),
                    first.sentence.text if first else "",
                    request.build_absolute_uri(first.sentence.get_absolute_url())
                    if first
                    else "",
                ]
            )

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="timeline.csv"'
    return response


# A cell a spreadsheet would read as a formula (OWASP's list: = + - @, and a tab or
# carriage return before them).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: str) -> str:
    """The text of a CSV cell, kept as text by spreadsheets: a leading apostrophe
    before what would start a formula (the apostrophe is not shown)."""
    return f"'{value}" if value.startswith(FORMULA_START) else value


def _reading_order(evidence: Evidence) -> tuple:
    article = evidence.sentence.article
    return (
        article.published_at,
        article.url,
        evidence.sentence.index,
        evidence.trigger_start,
    )


def export_ics(request: HttpRequest) -> HttpResponse:
    """Dated events as calendar entries: all-day over the days a day-, month- or
    year-precise date covers; timed for hours and minutes."""
    events, error = _export_events(request)
    if error:
        return error
    calendar = Calendar()
    calendar.add("prodid", "-//Conflict Timelines//EN")
    calendar.add("version", "2.0")
    host = request.get_host()
    for event in (
        events.dated().order_by("start", "id").for_timeline().iterator(chunk_size=500)
    ):
        entry = CalendarEvent()
        entry.add("uid", f"event-{event.pk}@{host}")
        entry.add("summary", event.title)
        entry.add("dtstamp", event.updated_at)
        if event.precision in {"hour", "minute"}:
            entry.add("dtstart", event.start)
            entry.add("dtend", max(event.end, event.start + dt.timedelta(minutes=1)))
        else:
            entry.add("dtstart", event.start.date())
            entry.add("dtend", event.end.date() + dt.timedelta(days=1))
        evidence = sorted(event.evidence.all(), key=_reading_order)
        lines = [
            f"{e.sentence.article.outlet}: {e.sentence.text}" for e in evidence[:5]
        ]
        entry.add("description", "\n".join(lines))
        entry.add(
            "url",
            request.build_absolute_uri(f"{reverse('timeline:index')}?event={event.pk}"),
        )
        entry.add("categories", [event.get_kind_display()])
        calendar.add_component(entry)
    response = HttpResponse(
        calendar.to_ical(), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="timeline.ics"'
    return response


def export_timelinejs(request: HttpRequest) -> HttpResponse:
    """TimelineJS 3 JSON. TimelineJS renders text as HTML, so every text is escaped."""
    events, error = _export_events(request)
    if error:
        return error
    items = []
    for event in (
        events.dated().order_by("start", "id").for_timeline().iterator(chunk_size=500)
    ):
        record = event_record(event)
        sentences = "".join(
            f"<p>{escape(e['sentence'])} <em>({escape(e['outlet'])})</em></p>"
            for e in record["evidence"][:5]
        )
        items.append(
            {
                "unique_id": f"event-{event.pk}",
                "start_date": _timelinejs_date(event.start, event.precision),
                "end_date": _timelinejs_date(event.end, event.precision),
                "display_date": format_at_precision(event.start, event.precision),
                "text": {"headline": escape(event.title), "text": sentences},
                "group": event.get_kind_display(),
            }
        )
    document = {
        "title": {"text": {"headline": "Conflict Timelines", "text": ""}},
        "events": items,
    }
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=2),
        content_type="application/json",
    )
    response["Content-Disposition"] = 'attachment; filename="timeline-timelinejs.json"'
    return response


def _timelinejs_date(moment: dt.datetime, precision: str) -> dict:
    parts = {"year": moment.year}
    if precision != "year":
        parts["month"] = moment.month
    if precision not in {"year", "month"}:
        parts["day"] = moment.day
    if precision in {"hour", "minute"}:
        parts["hour"] = moment.hour
    if precision == "minute":
        parts["minute"] = moment.minute
    return parts
