"""The month counts the axis reads (timeline.counts) stay exact through every kind of
write: bulk inserts, saves, bulk and queryset updates, deletes, link changes, editors'
merges. Checked against a GROUP BY over the events themselves, on SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from timeline import editing
from timeline.counts import answered_by_counts, months_and_marks
from timeline.forms import TimelineFilter
from timeline.models import (
    Actor,
    ActorMonth,
    Event,
    EventActor,
    EventMonth,
    Place,
    PlaceMonth,
)

from .test_views import make_timeline

pytestmark = pytest.mark.django_db
UTC = dt.UTC


def truth() -> dict[str, Counter]:
    """What the counts should say, computed from the rows."""
    events = {
        e.pk: (dt.date(e.start.year, e.start.month, 1), e.kind, e.status)
        for e in Event.objects.filter(start__isnull=False)
    }
    actors = Counter(
        (actor_id, *events[event_id])
        for event_id, actor_id in EventActor.objects.values_list("event_id", "actor_id")
        if event_id in events
    )
    places = Counter(
        (place_id, *events[event_id])
        for event_id, place_id in Event.places.through.objects.values_list(
            "event_id", "place_id"
        )
        if event_id in events
    )
    return {"events": Counter(events.values()), "actors": actors, "places": places}


def stored() -> dict[str, Counter]:
    def rows(model, *key):
        return Counter(
            {
                tuple(row[:-1]): row[-1]
                for row in model.objects.filter(events__gt=0).values_list(
                    *key, "month", "kind", "status", "events"
                )
            }
        )

    assert not EventMonth.objects.filter(events__lt=0).exists()
    return {
        "events": rows(EventMonth),
        "actors": rows(ActorMonth, "actor_id"),
        "places": rows(PlaceMonth, "place_id"),
    }


def test_counts_follow_every_kind_of_write():
    events = make_timeline(40)  # bulk inserts of events and links
    assert stored() == truth() and sum(truth()["events"].values()) == 40

    first, second, third = events[:3]
    first.start = dt.datetime(2031, 5, 17, 8, tzinfo=UTC)  # another month, by save()
    first.end = first.start
    first.save()
    Event.objects.filter(pk=second.pk).update(kind="meeting")  # a queryset update
    editing.set_status([third], Event.Status.REJECTED)  # a bulk_update
    Event.objects.filter(pk=events[3].pk).update(start=None, end=None, precision="")
    assert stored() == truth()

    events[4].delete()  # links go first, then the event
    Event.objects.filter(pk__in=[e.pk for e in events[5:8]]).delete()
    assert stored() == truth()

    actor = Actor.objects.create(name="Southern Front", slug="southern-front")
    place = Place.objects.create(name="Hill Town", slug="hill-town")
    for event in events[8:14]:
        EventActor.objects.create(event=event, actor=actor)
        event.places.add(place)
    EventActor.objects.filter(event=events[8], actor=actor).delete()
    events[9].places.remove(place)
    EventActor.objects.filter(event=events[10], actor=actor).update(event=events[20])
    assert stored() == truth()

    editing.merge_events(events[14:17])  # marks two events merged
    editing.merge_actors([actor, Actor.objects.get(slug="northern-army")])
    assert stored() == truth()


def test_recount_rebuilds_what_the_triggers_keep():
    make_timeline(12)
    before = stored()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE timeline_eventmonth SET events = 99")
        cursor.execute("DELETE FROM timeline_actormonth")
    out = StringIO()
    call_command("recount", stdout=out)
    assert out.getvalue().strip() == "recounted: 12 dated events"
    assert stored() == before == truth()


def test_views_read_the_same_from_counts_and_from_events():
    events = make_timeline(30)
    editing.set_status(events[:4], Event.Status.REJECTED)
    actor = Actor.objects.get(slug="northern-army")
    views = [
        {},
        {"kind": "attack"},
        {"status": "rejected"},
        {"actor": actor, "kind": "attack"},
        {"place": Place.objects.get(slug="port-town")},
    ]
    window = (dt.datetime(2010, 2, 1, tzinfo=UTC), dt.datetime(2010, 3, 1, tzinfo=UTC))
    for data in views:
        form = TimelineFilter({k: getattr(v, "slug", v) for k, v in data.items()})
        assert form.is_valid() and answered_by_counts(form.cleaned_data)
        counted = months_and_marks(form.cleaned_data, form.events(), window, 5)
        # The same view through a filter the counts cannot answer (a start date
        # before every event): months and marks come from the events, in one query.
        wide = TimelineFilter({**form.data, "start": "1900-01-01"})
        assert wide.is_valid() and not answered_by_counts(wide.cleaned_data)
        together = months_and_marks(wide.cleaned_data, wide.events(), window, 5)
        assert counted == together, data
        assert counted[0], data


def test_marks_come_in_order_within_the_window_and_the_limit():
    make_timeline(30)  # an event every three days from 2010-01-01
    form = TimelineFilter({"q": "shelling port"})
    assert form.is_valid() and not answered_by_counts(form.cleaned_data)
    window = (dt.datetime(2010, 1, 10, tzinfo=UTC), dt.datetime(2010, 2, 1, tzinfo=UTC))
    months, marks = months_and_marks(form.cleaned_data, form.events(), window, 4)
    assert [(m.month, m.events) for m in months] == [
        (dt.date(2010, 1, 1), 11),
        (dt.date(2010, 2, 1), 9),
        (dt.date(2010, 3, 1), 10),
    ]
    assert [m["start"].date() for m in marks] == [
        dt.date(2010, 1, 10),
        dt.date(2010, 1, 13),
        dt.date(2010, 1, 16),
        dt.date(2010, 1, 19),
    ]
    assert all(m["start"].tzinfo is not None for m in marks)
    assert marks[0]["title"] == "Shelling of the port, day 3"


def test_a_view_that_can_match_nothing_has_no_months_and_no_marks():
    make_timeline(5)
    form = TimelineFilter({"q": "!!"})  # no word to search for: nothing matches
    assert form.is_valid()
    assert months_and_marks(form.cleaned_data, form.events(), None, 10) == ([], [])
