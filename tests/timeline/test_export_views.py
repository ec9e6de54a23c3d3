"""Exports of the current view, checked by parsing them."""

from __future__ import annotations

import csv
import io
import json

import icalendar
import pytest
from django.urls import reverse

from tests.timeline.test_export import EVENT_KEYS
from timeline.models import Actor, Event

pytestmark = pytest.mark.django_db


def body(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def test_json_export_follows_the_export_schema_and_the_filters(client, demo_articles):
    everything = json.loads(body(client.get(reverse("timeline:export_json"))))
    assert everything["schema"] == 1
    assert {"actors", "events"} <= set(everything)
    for event in everything["events"]:
        assert EVENT_KEYS <= set(event)
        for evidence in event["evidence"]:
            assert {"article_url", "outlet", "sentence"} <= set(evidence)
    meetings = json.loads(
        body(client.get(reverse("timeline:export_json"), {"kind": "meeting"}))
    )
    assert meetings["events"] and len(meetings["events"]) < len(everything["events"])
    assert {e["kind"] for e in meetings["events"]} == {"meeting"}


def test_csv_export_has_one_row_per_event(client, demo_articles):
    response = client.get(reverse("timeline:export_csv"), {"at": "2017-07"})
    rows = list(csv.DictReader(io.StringIO(body(response))))
    in_july = Event.objects.visible().filter(start__month=7, start__year=2017)
    assert response["Content-Type"].startswith("text/csv")
    assert len(rows) == in_july.count()
    truce = next(r for r in rows if r["date"] == "2017-07-09T12:00")
    assert truce["precision"] == "minute" and truce["kind"] == "ceasefire_start"
    assert set(truce["outlets"].split("; ")) == {"Oman Tribune", "Radio Farda"}
    assert truce["first_sentence"] and truce["first_sentence_url"].startswith(
        "http://testserver/articles/"
    )


def test_ics_export_parses_and_dates_events_at_their_precision(client, demo_articles):
    response = client.get(reverse("timeline:export_ics"))
    calendar = icalendar.Calendar.from_ical(response.content)
    entries = calendar.walk("VEVENT")
    assert len(entries) == Event.objects.visible().dated().count()
    by_summary = {str(e["SUMMARY"]): e for e in entries}
    truce = Event.objects.get(start__date="2017-07-09", kind="ceasefire_start")
    timed = by_summary[truce.title]
    assert timed.decoded("DTSTART").hour == 12  # a time, not an all-day entry
    day_precise = next(
        e
        for e in entries
        if str(e["SUMMARY"]) != truce.title
        and not hasattr(e.decoded("DTSTART"), "hour")
    )
    assert (day_precise.decoded("DTEND") - day_precise.decoded("DTSTART")).days >= 1


def test_timelinejs_export_escapes_markup(client, demo_articles):
    event = Event.objects.dated().first()
    event.title = "<script>alert(1)</script> Truce"
    event.save()
    document = json.loads(body(client.get(reverse("timeline:export_timelinejs"))))
    assert document["events"]
    headlines = [e["text"]["headline"] for e in document["events"]]
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Truce" in headlines
    assert all("<script>" not in json.dumps(e) for e in document["events"])
    sample = document["events"][0]
    assert {"year"} <= set(sample["start_date"])


def test_actor_filter_applies_to_every_export(client, demo_articles):
    russia = Actor.objects.get(aliases__name="Russia")
    expected = Event.objects.visible().dated().filter(actors=russia).distinct().count()
    rows = list(
        csv.DictReader(
            io.StringIO(
                body(client.get(reverse("timeline:export_csv"), {"actor": russia.slug}))
            )
        )
    )
    assert len([r for r in rows if r["date"]]) == expected
    calendar = icalendar.Calendar.from_ical(
        client.get(reverse("timeline:export_ics"), {"actor": russia.slug}).content
    )
    assert len(calendar.walk("VEVENT")) == expected


@pytest.mark.parametrize(
    "name", ["export_json", "export_csv", "export_ics", "export_timelinejs"]
)
def test_exports_refuse_bad_parameters_with_a_message(client, db, name):
    response = client.get(reverse(f"timeline:{name}"), {"at": "last year"})
    assert response.status_code == 400
    assert b"Zoom to a year" in response.content
