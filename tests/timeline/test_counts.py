"""The month counts the axis reads (timeline.counts) stay exact through every kind of
write: bulk inserts, saves, bulk and queryset updates, deletes, link changes, editors'
merges. Checked against a GROUP BY over the events themselves, on SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from django.db import connection

from timeline import editing
from timeline.counts import month_counts, recount
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
    recount(connection)
    assert stored() == before == truth()


def test_views_read_the_same_months_from_counts_and_from_events():
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
    for data in views:
        counted = month_counts(data, None)  # the counts answer alone
        # The same view, through a filter the counts cannot answer, which makes
        # month_counts aggregate the events instead.
        form = TimelineFilter(
            {
                **{k: getattr(v, "slug", v) for k, v in data.items()},
                "start": "1900-01-01",
            }
        )
        assert form.is_valid(), form.errors
        aggregated = month_counts(form.cleaned_data, form.events())
        assert counted == aggregated and counted, data
