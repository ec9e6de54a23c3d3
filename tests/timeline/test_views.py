"""The timeline pages: full page, htmx partial, history restore, bad parameters, filters,
zoom, the event panel, actor and place pages, and a query count that does not grow."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article, Sentence
from timeline.models import Actor, ActorAlias, Event, EventActor, Evidence, Place

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
RESTORE = {"HTTP_HX_REQUEST": "true", "HTTP_HX_HISTORY_RESTORE_REQUEST": "true"}
UTC = dt.UTC


def html_of(response) -> str:
    return response.content.decode()


def listed_ids(html: str) -> list[int]:
    return [
        int(pk) for pk in re.findall(r'data-testid="event" data-event-id="(\d+)"', html)
    ]


def make_timeline(n: int, *, outlets=("Wire A", "Wire B")) -> list[Event]:
    """``n`` dated events over several years, each with evidence from every outlet,
    an actor and a place: written in bulk, without extraction."""
    articles = [
        Article.objects.create(
            url=f"https://{o.lower().replace(' ', '')}.example/{i}",
            outlet=o,
            title=f"Report {i}",
            published_at=dt.date(2020, 1, 1),
            text="Filler sentence.",
        )
        for i, o in enumerate(outlets)
    ]
    sentences = Sentence.objects.bulk_create(
        Sentence(
            article=a, index=i, start=0, end=10, text=f"Sentence {i} of {a.outlet}."
        )
        for a in articles
        for i in range(n)
    )
    actor = Actor.objects.create(
        name="Northern Army", slug="northern-army", kind="group"
    )
    place = Place.objects.create(name="Port Town", slug="port-town")
    base = dt.datetime(2010, 1, 1, tzinfo=UTC)
    events = Event.objects.bulk_create(
        Event(
            title=f"Shelling of the port, day {i}",
            kind="attack",
            start=base + dt.timedelta(days=3 * i),
            end=base + dt.timedelta(days=3 * i, hours=23, minutes=59),
            precision="day",
        )
        for i in range(n)
    )
    Evidence.objects.bulk_create(
        Evidence(
            event=event,
            sentence=sentences[a * n + i],
            kind="attack",
            title=event.title,
            trigger="shell",
            trigger_start=0,
            trigger_end=8,
            start=event.start,
            end=event.end,
            precision="day",
        )
        for i, event in enumerate(events)
        for a in range(len(articles))
    )
    EventActor.objects.bulk_create(EventActor(event=e, actor=actor) for e in events)
    Event.places.through.objects.bulk_create(
        Event.places.through(event_id=e.pk, place_id=place.pk) for e in events
    )
    return events


# -- the whole page and its partial -------------------------------------------------------


def test_empty_timeline_invites_editors(client):
    response = client.get(reverse("timeline:index"))
    assert response.status_code == 200
    assert b"No events yet" in response.content


def test_full_page_lists_events_in_date_order_at_their_precision(client, demo_articles):
    response = client.get(reverse("timeline:index"))
    html = html_of(response)
    assert response.status_code == 200
    # htmx is served by django-htmx from our own static files: no CDN.
    assert re.search(r'<script src="/static/django_htmx/htmx[^"]*\.js"', html)
    assert "unpkg" not in html and "cdn" not in html.lower()
    for testid in ("timeline", "filters", "results", "event"):
        assert f'data-testid="{testid}"' in html
    datetimes = re.findall(r'<p class="when"><time datetime="([^"]+)"', html)
    assert datetimes == sorted(datetimes, key=lambda d: d.ljust(16, "0"))
    assert "9 July 2017, 12:00" in html  # the truce, at minute precision
    assert "<title>Timeline · Conflict Timelines</title>" in html
    assert 'property="og:title"' in html


def test_htmx_request_gets_only_the_results_partial(client, demo_articles):
    response = client.get(reverse("timeline:index"), {"kind": "meeting"}, **HTMX)
    html = html_of(response).strip()
    assert response.status_code == 200
    assert html.startswith('<div id="results"')
    assert "<html" not in html and 'id="filters"' not in html
    assert "HX-Request" in response["Vary"]


def test_history_restore_request_gets_the_full_page(client, demo_articles):
    response = client.get(reverse("timeline:index"), {"kind": "meeting"}, **RESTORE)
    html = html_of(response)
    assert "<html" in html and 'id="filters"' in html and 'id="results"' in html
    assert "HX-Request" in response["Vary"]


@pytest.mark.parametrize(
    "params, message",
    [
        ({"at": "July 2017"}, "Zoom to a year"),
        ({"at": "2017-13"}, "Zoom to a year"),
        ({"start": "2017-07-10", "end": "2017-07-01"}, "start date is after the end"),
        ({"start": "not a date"}, "valid date"),
        ({"event": "abc"}, "whole number"),
        ({"actor": "nobody-at-all"}, "No actor is called"),
        ({"place": "atlantis"}, "No place is called"),
        ({"kind": "picnic"}, "Select a valid choice"),
        ({"after": "yesterday~x"}, "Not a page"),
    ],
)
@pytest.mark.parametrize("headers", [{}, HTMX], ids=["page", "htmx"])
def test_invalid_parameters_are_a_400_with_the_message(
    client, db, params, message, headers
):
    response = client.get(reverse("timeline:index"), params, **headers)
    assert response.status_code == 400
    assert message in html_of(response)
    assert 'data-testid="errors"' in html_of(response)


def test_unknown_parameters_are_ignored(client, demo_articles):
    response = client.get(reverse("timeline:index"), {"utm_source": "x", "page": "-1"})
    assert response.status_code == 200


# -- filters -------------------------------------------------------------------------------


def test_each_filter_narrows_the_list(client, demo_articles):
    everything = set(listed_ids(html_of(client.get("/"))))
    russia = Actor.objects.get(aliases__name="Russia")
    by_actor = set(listed_ids(html_of(client.get("/", {"actor": russia.slug}))))
    assert by_actor and by_actor < everything
    assert all(
        Event.objects.get(pk=pk).actors.filter(pk=russia.pk).exists() for pk in by_actor
    )

    meetings = set(listed_ids(html_of(client.get("/", {"kind": "meeting"}))))
    assert meetings and all(
        Event.objects.get(pk=pk).kind == "meeting" for pk in meetings
    )

    farda = set(listed_ids(html_of(client.get("/", {"outlet": "Radio Farda"}))))
    assert farda and farda <= everything
    assert all(
        Event.objects.get(pk=pk)
        .evidence.filter(sentence__article__outlet="Radio Farda")
        .exists()
        for pk in farda
    )

    geneva = set(listed_ids(html_of(client.get("/", {"q": "Geneva"}))))
    assert geneva and geneva < everything

    july_9 = set(
        listed_ids(
            html_of(client.get("/", {"start": "2017-07-09", "end": "2017-07-09"}))
        )
    )
    assert july_9 and all(
        Event.objects.get(pk=pk).start.date()
        <= dt.date(2017, 7, 9)
        <= Event.objects.get(pk=pk).end.date()
        for pk in july_9
    )


def test_rejected_events_are_hidden_unless_asked_for(client, demo_articles):
    event = Event.objects.dated().first()
    event.status = Event.Status.REJECTED
    event.save()
    assert event.pk not in listed_ids(html_of(client.get("/")))
    assert listed_ids(html_of(client.get("/", {"status": "rejected"}))) == [event.pk]


# -- zoom and the axis ---------------------------------------------------------------------


def test_zoom_levels_draw_their_ticks_and_place_events_by_interval(
    client, demo_articles
):
    year = html_of(client.get("/", {"at": "2017"}))
    assert "?at=2017-07" in year and ">Jul<" in year
    month = html_of(client.get("/", {"at": "2017-07"}))
    assert "?at=2017-07-09" in month
    day = html_of(client.get("/", {"at": "2017-07-09"}))
    assert ">12:00<" in day
    truce = Event.objects.get(start__date="2017-07-09", kind="ceasefire_start")
    # noon on the day in view sits halfway along the axis
    assert re.search(
        rf'data-event-id="{truce.pk}" tabindex="-1"><(rect x|circle cx)="50\.0+%"', day
    )
    assert "?at=2017-07" in day  # zoom out goes to the month


def test_a_month_precise_event_spans_its_month(client, db):
    event = make_timeline(1)[0]
    event.start = dt.datetime(2010, 4, 1, tzinfo=UTC)
    event.end = dt.datetime(2010, 4, 30, 23, 59, tzinfo=UTC)
    event.precision = "month"
    event.save()
    html = html_of(client.get("/", {"at": "2010"}))
    left, width = map(
        float,
        re.search(r'<rect x="([\d.]+)%" y="\d+" width="([\d.]+)%"', html).groups(),
    )
    assert 24 < left < 25 and 8 < width < 8.5  # April: days 90-120 of 365


def test_a_zoomed_window_counts_what_starts_in_it_and_lists_what_covers_it(client, db):
    events = make_timeline(30)  # every three days from 2010-01-01
    year = events[0]
    year.start = dt.datetime(2010, 1, 1, tzinfo=UTC)
    year.end = dt.datetime(2010, 12, 31, 23, 59, tzinfo=UTC)
    year.precision = "year"
    year.title = "A year-long siege"
    year.save()
    html = html_of(client.get("/", {"at": "2010-02"}))
    # Days 33 to 57 of 2010 fall in February: 9 events start in it.
    assert "9 dated events start in February 2010" in html
    listed = listed_ids(html)
    assert listed[0] == year.pk and len(listed) == 10  # the siege covers February
    assert "30 dated events in 2010." in html_of(
        client.get("/")
    )  # one year, not a range


def test_pages_of_the_list_follow_each_other(client, db):
    events = make_timeline(120)
    first = html_of(client.get("/"))
    next_link = re.search(r'href="\?([^"]*after=[^"]*)" rel="next"', first).group(1)
    second = html_of(client.get("/?" + next_link.replace("&amp;", "&")))
    ids = listed_ids(first) + listed_ids(second)
    assert ids[:100] == [e.pk for e in events[:100]]
    assert len(set(ids)) == len(ids)


# -- the event panel, actor and place pages -----------------------------------------------


def test_event_panel_shows_each_outlets_sentences_highlighted(client, demo_articles):
    truce = Event.objects.get(start__date="2017-07-09", kind="ceasefire_start")
    html = html_of(client.get("/", {"event": truce.pk}))
    panel = html.split('data-testid="event-detail"', 1)[1].split("</aside>", 1)[0]
    assert "<h3>Radio Farda</h3>" in panel and "<h3>Oman Tribune</h3>" in panel
    assert len(re.findall(r'href="(/articles/\d+/#s-\d+)"', panel)) >= 2
    assert re.search(r'<mark class="time">[^<]*noon on July 9</mark>', panel)
    assert f'<meta property="og:title" content="{truce.title}' in html


def test_a_shared_link_to_a_gone_event_says_so(client, demo_articles):
    response = client.get("/", {"event": 987654})
    assert response.status_code == 200
    assert "no longer on the timeline" in html_of(response)


def test_sources_that_disagree_are_shown_with_both_dates(client, db):
    event = make_timeline(1)[0]
    first, second = event.evidence.order_by("pk")
    second.start = second.start + dt.timedelta(days=2)
    second.end = second.end + dt.timedelta(days=2)
    second.save()
    Event.objects.filter(pk=event.pk).update(sources_disagree=True)
    html = html_of(client.get("/", {"event": event.pk}))
    assert "sources disagree" in html
    assert "1 January 2010 and 3 January 2010" in html


def test_actor_page_lists_name_variants_and_its_events(client, db):
    make_timeline(3)
    actor = Actor.objects.get(slug="northern-army")
    ActorAlias.objects.create(
        actor=actor,
        name="Northern Forces",
        normalised="northern forces",
        key="northernforces",
    )
    response = client.get(reverse("timeline:actor", args=[actor.slug]))
    html = html_of(response)
    assert response.status_code == 200
    assert "<h1>Northern Army</h1>" in html and "Northern Forces" in html
    assert len(listed_ids(html)) == 3
    assert (
        f'href="/export.csv?actor={actor.slug}"' in html
    )  # exports keep the page's filter
    assert client.get(reverse("timeline:actor", args=["nobody"])).status_code == 404
    place = html_of(client.get(reverse("timeline:place", args=["port-town"])))
    assert "<h1>Port Town</h1>" in place and len(listed_ids(place)) == 3


def test_undated_events_have_their_own_section(client, db):
    make_timeline(3)
    undated = Event.objects.create(
        title="Rebels seize a border crossing", kind="attack"
    )
    html = html_of(client.get("/"))
    assert 'id="undated"' in html
    assert f'data-event-id="{undated.pk}"' in html.split('id="undated"', 1)[1]


# -- cost ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "params",
    [{}, {"actor": "northern-army", "q": "port"}, {"at": "2010"}, {"event": "FIRST"}],
    ids=["page", "filtered", "zoomed", "panel"],
)
def test_query_count_is_the_same_for_20_and_2000_events(
    client, db, django_assert_max_num_queries, params
):
    small = make_timeline(20)
    params = {k: (small[0].pk if v == "FIRST" else v) for k, v in params.items()}
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/", params, **HTMX).status_code == 200
    budget = len(queries)
    Event.objects.all().delete()
    Article.objects.all().delete()
    Actor.objects.all().delete()
    Place.objects.all().delete()
    large = make_timeline(2000)
    params = {k: (large[0].pk if k == "event" else v) for k, v in params.items()}
    with django_assert_max_num_queries(budget):
        assert client.get("/", params, **HTMX).status_code == 200


# -- the same contract on the actor and place pages -----------------------------------


SUBJECT_PAGES = [
    ("timeline:index", None),
    ("timeline:actor", "northern-army"),
    ("timeline:place", "port-town"),
]


@pytest.mark.parametrize("name, slug", SUBJECT_PAGES)
def test_every_timeline_page_serves_page_partial_and_restore(client, db, name, slug):
    make_timeline(5)
    url = reverse(name, args=[slug] if slug else [])
    full = client.get(url)
    partial = client.get(url, {"at": "2010"}, **HTMX)
    restore = client.get(url, {"at": "2010"}, **RESTORE)
    assert full.status_code == partial.status_code == restore.status_code == 200
    assert "<html" in html_of(full) and "<html" in html_of(restore)
    assert html_of(partial).strip().startswith('<div id="results"')
    for response in (full, partial, restore):
        assert "HX-Request" in response["Vary"]
    assert len(listed_ids(html_of(partial))) == 5


@pytest.mark.parametrize("name, slug", SUBJECT_PAGES)
def test_every_timeline_page_refuses_bad_parameters(client, db, name, slug):
    make_timeline(2)
    url = reverse(name, args=[slug] if slug else [])
    response = client.get(url, {"at": "20100", "start": "yesterday"})
    assert response.status_code == 400
    assert "Zoom to a year" in html_of(response) and "valid date" in html_of(response)


@pytest.mark.parametrize("name, slug", SUBJECT_PAGES[1:])
def test_subject_pages_cost_the_same_for_20_and_2000_events(
    client, db, django_assert_max_num_queries, name, slug
):
    make_timeline(20)
    url = reverse(name, args=[slug])
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    budget = len(queries)
    Event.objects.all().delete()
    Article.objects.all().delete()
    Actor.objects.all().delete()
    Place.objects.all().delete()
    make_timeline(2000)
    with django_assert_max_num_queries(budget):
        assert client.get(url).status_code == 200
