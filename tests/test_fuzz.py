"""Generated bad input (hypothesis): a thousand bad records around good ones, and a
thousand odd query strings on every public URL. No 500, no good record lost."""

from __future__ import annotations

import json
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
        st.sampled_from(["missing", "type", "date", "url", "empty", "not_object"])
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
    import datetime as dt

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
