"""Generated bad input (hypothesis): a thousand bad records around good ones, and a
thousand odd query strings on every public URL. No 500, no good record lost."""

from __future__ import annotations

import datetime as dt
import json
import re
import string

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.models import Article
from tests.conftest import record

pytestmark = pytest.mark.django_db

FIELDS = ["url", "outlet", "title", "published_at", "text"]
junk = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=40),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)
bad_dates = st.one_of(
    st.text(max_size=12),
    st.sampled_from(
        ["2999-01-01", "2021-02-30", "0001-01-01", "12/05/2019", "", "2021-13-01"]
    ),
)
bad_urls = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["javascript:alert(1)", "ftp://x.example/a", "http://", "//x", ""]),
)


@st.composite
def bad_record(draw):
    """A record that breaks at least one rule: a field missing, of the wrong type, or a
    value no article can have."""
    base = record(url=f"https://fuzz.example/{draw(st.integers(0, 10**9))}")
    flaw = draw(
        st.sampled_from(
            ["missing", "type", "date", "url", "empty", "not_object", "hostile"]
        )
    )
    if flaw == "not_object":
        return draw(st.one_of(junk, st.lists(st.text(max_size=5), max_size=3)))
    if flaw == "missing":
        for name in draw(st.lists(st.sampled_from(FIELDS), min_size=1, unique=True)):
            base.pop(name)
    elif flaw == "type":
        base[draw(st.sampled_from(FIELDS))] = draw(
            junk.filter(lambda v: not isinstance(v, str))
        )
    elif flaw == "date":
        base["published_at"] = draw(bad_dates.filter(lambda d: not _plausible_date(d)))
    elif flaw == "hostile":
        # What only looks right: ISO forms that are not a plain date, a URL too long for
        # its column or carrying credentials.
        name, value = draw(
            st.sampled_from(
                [
                    ("published_at", "20170710"),
                    ("published_at", "2017-W28"),
                    ("published_at", "2017-07-10T99:99"),
                    ("url", "https://wire.example/" + "a" * 1500),
                    ("url", "https://user:pass@wire.example/a"),
                    ("url", "https://user@wire.example/a"),
                ]
            )
        )
        base[name] = value
    elif flaw == "url":
        base["url"] = draw(
            bad_urls.filter(
                lambda u: not u.startswith(("http://", "https://")) or u in {"http://"}
            )
        )
    else:
        base[draw(st.sampled_from(["text", "title", "outlet"]))] = draw(
            st.text(alphabet=" \t\n\r\x00\x07", max_size=5)
        )
    return base


def _plausible_date(value: str) -> bool:
    try:
        day = dt.date.fromisoformat(value[:10])
    except ValueError:
        return False
    return len(value) <= 10 and 1800 <= day.year and day <= dt.date.today()


@settings(
    max_examples=1,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.data_too_large, HealthCheck.too_slow],
)
@given(bad=st.lists(bad_record(), min_size=1000, max_size=1000))
def test_a_thousand_bad_records_are_reported_and_every_good_one_stored(
    tmp_path_factory, bad
):
    good = [
        record(
            url=f"https://good.example/{i}",
            text=f"Envoys met in Geneva on Friday, round {i}.",
        )
        for i in range(4)
    ]
    lines = [json.dumps(r) for r in bad]
    for position, item in zip((0, 250, 600, 1000), good, strict=True):
        lines.insert(position, json.dumps(item))
    lines.insert(
        500, '{"url": "https://x.example", broken'
    )  # and a line that is not JSON
    path = tmp_path_factory.mktemp("fuzz") / "batch.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    Article.objects.all().delete()

    with pytest.raises(CommandError) as failure:
        call_command("ingest", str(path), "--no-progress")

    assert (
        str(failure.value) == "1001 record(s) failed" and failure.value.returncode == 1
    )
    assert sorted(Article.objects.values_list("url", flat=True)) == sorted(
        r["url"] for r in good
    )
    assert set(Article.objects.values_list("extraction_status", flat=True)) == {"done"}


PARAMS = [
    "q",
    "actor",
    "place",
    "kind",
    "outlet",
    "status",
    "start",
    "end",
    "at",
    "event",
    "after",
    "x",
]
values = st.one_of(
    st.text(max_size=30),
    st.text(alphabet=string.digits + "-:T~+", max_size=25),
    st.integers(-(2**70), 2**70).map(str),
    st.sampled_from(
        ["2017", "2017-07", "2017-07-09", "0000", "9999-12-31", "auto", "meeting"]
    ),
)
paths = st.sampled_from(
    [
        "/",
        "/actors/northern-army/",
        "/places/port-town/",
        "/export.json",
        "/export.csv",
        "/export.ics",
        "/export.timelinejs.json",
    ]
)


@pytest.fixture
def small_timeline(db):
    from tests.timeline.test_views import make_timeline

    return make_timeline(5)


@settings(
    max_examples=1000,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
@given(
    path=paths,
    params=st.dictionaries(st.sampled_from(PARAMS), values, max_size=5),
    htmx=st.booleans(),
)
def test_a_thousand_odd_query_strings_never_answer_500(
    client, small_timeline, path, params, htmx
):
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    response = client.get(path, params, **headers)
    if response.streaming:
        b"".join(response.streaming_content)
    assert response.status_code in {200, 400}, (path, params, response.status_code)


# Dates from the first year of the calendar to the last, in every date-like parameter
# and admin field. The timeline shows the years 1 to 9998 (timeline.dates): outside them
# a clear 400 or form error, never a 5xx.

moments = st.datetimes(
    min_value=dt.datetime(1, 1, 1),
    max_value=dt.datetime(9999, 12, 31, 23, 59, 59),
    timezones=st.one_of(
        st.none(),
        st.integers(-14 * 60, 14 * 60).map(
            lambda m: dt.timezone(dt.timedelta(minutes=m))
        ),
    ),
)


def _at(moment: dt.datetime, cut: int) -> str:
    return moment.isoformat()[:cut]


@st.composite
def date_params(draw) -> dict[str, str]:
    """One to four date-like parameters, each as the URL scheme writes it."""
    params = {}
    for name in draw(
        st.lists(
            st.sampled_from(["at", "start", "end", "after"]),
            min_size=1,
            max_size=4,
            unique=True,
        )
    ):
        moment = draw(moments)
        if name == "at":
            params[name] = _at(moment, draw(st.sampled_from([4, 7, 10])))
        elif name == "after":
            params[name] = f"{moment.isoformat()}~{draw(st.integers(1, 10**6))}"
        else:
            params[name] = moment.date().isoformat()
    return params


@settings(
    max_examples=300,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
@given(path=paths, params=date_params(), htmx=st.booleans())
def test_dates_of_every_year_in_every_date_parameter_never_answer_5xx(
    client, edge_timeline, path, params, htmx
):
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    response = client.get(path, params, **headers)
    if response.streaming:
        b"".join(response.streaming_content)
    assert response.status_code in {200, 400}, (path, params, response.status_code)
    if response.status_code == 200 and not response.streaming:
        # The links the page offers are in the URL scheme (four-digit years).
        assert not re.search(r"at=\d{1,3}(?:-|&|\")", response.content.decode())


@pytest.fixture
def edge_timeline(db):
    """A small timeline with events in the first and the last year shown."""
    from tests.timeline.test_views import make_timeline
    from timeline.models import Event

    events = make_timeline(4)
    for event, year in zip(events, (1, 9998), strict=False):
        start = dt.datetime(
            year, 12 if year > 1 else 1, 31 if year > 1 else 1, tzinfo=dt.UTC
        )
        Event.objects.filter(pk=event.pk).update(
            start=start, end=start + dt.timedelta(hours=23)
        )
    return events


@settings(
    max_examples=100,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
@given(start=moments, end=moments, published=moments)
def test_dates_of_every_year_in_the_admin_forms_never_answer_5xx(
    editor_client, edge_timeline, start, end, published
):
    """An event's start and end, an article's publication date, and the changelists'
    date drill-down, as an editor's browser would send them."""
    from django.urls import reverse

    from tests.timeline.test_editing import _change_form_data

    event = edge_timeline[2]
    page = reverse("admin:timeline_event_change", args=[event.pk])
    data = _change_form_data(editor_client.get(page))
    data["start_0"], data["start_1"] = start.date().isoformat(), f"{start:%H:%M:%S}"
    data["end_0"], data["end_1"] = end.date().isoformat(), f"{end:%H:%M:%S}"
    response = editor_client.post(page, data)
    assert response.status_code in {200, 302}, (start, end, response.status_code)

    response = editor_client.post(
        reverse("admin:articles_article_add"),
        {
            "title": "Truce",
            "outlet": "Wire",
            "url": f"https://wire.example.com/{published.isoformat()}",
            "published_at": published.date().isoformat(),
            "text": "Envoys met in Geneva.",
        },
    )
    assert response.status_code in {200, 302}, (published, response.status_code)

    for changelist, field in (
        ("timeline_event_changelist", "start"),
        ("articles_article_changelist", "published_at"),
    ):
        response = editor_client.get(
            reverse(f"admin:{changelist}"),
            {
                f"{field}__year": start.year,
                f"{field}__month": start.month,
                f"{field}__day": start.day,
            },
        )
        assert response.status_code in {200, 302}, (changelist, start)
        response = editor_client.get(
            reverse(f"admin:{changelist}"), {f"{field}__year": start.year}
        )
        assert response.status_code in {200, 302}, (changelist, start.year)


formula_text = st.builds(
    lambda start, rest: start + rest,
    st.sampled_from(["=", "+", "-", "@", "\t", "\r", "=HYPERLINK(", "+cmd|"]),
    st.text(min_size=0, max_size=20),
)


@settings(
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
@given(
    title=formula_text,
    actor=formula_text,
    place=formula_text,
    outlet=formula_text,
    sentence=formula_text,
)
def test_no_csv_cell_reads_as_a_formula(
    client, small_timeline, title, actor, place, outlet, sentence
):
    import csv
    import io

    from articles.models import Article, Sentence
    from articles.records import clean_text
    from timeline.models import Actor, Event, Place

    # As every input path stores text: control characters and surrogates dropped.
    title, actor, place, outlet, sentence = (
        clean_text(t) for t in (title, actor, place, outlet, sentence)
    )
    Event.objects.update(title=title[:300])
    Actor.objects.update(name=actor[:200])
    Place.objects.update(name=place[:200])
    Article.objects.update(outlet=outlet[:200])
    Sentence.objects.update(text=sentence or "=")

    response = client.get("/export.csv")
    content = b"".join(response.streaming_content).decode()
    rows = list(csv.reader(io.StringIO(content, newline="")))
    assert len(rows) == 6
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), row
