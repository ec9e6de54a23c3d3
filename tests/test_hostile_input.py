"""What a hostile but careful user can send (an editor's values, a file, a URL's
parameters) never breaks the timeline: each case refused with a message, or stored
safely, and the rest of the run goes on. One test (or a few) per case found by fuzzing
a copy of the demo database; the generated inputs are in tests/test_fuzz.py."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from articles.models import Article
from articles.services import _parsed, extract_articles, nlp
from tests.conftest import record
from tests.timeline.test_counts import stored, truth
from tests.timeline.test_editing import _change_form_data, act
from tests.timeline.test_export_views import body
from tests.timeline.test_views import make_timeline
from timeline import editing
from timeline.forms import Window
from timeline.models import Actor, ActorAlias, Event, EventMerge, Place, PlaceAlias

pytestmark = pytest.mark.django_db
UTC = dt.UTC


def ingest(*paths):
    call_command("ingest", *map(str, paths), "--no-progress")


# 1. An event dated at the edge of the calendar ------------------------------------------


def test_an_editor_cannot_date_an_event_past_the_years_shown(editor_client):
    event = make_timeline(3)[0]
    page = reverse("admin:timeline_event_change", args=[event.pk])
    data = _change_form_data(editor_client.get(page))
    data["start_0"], data["start_1"] = "9999-12-31", "00:00:00"
    data["end_0"], data["end_1"] = "9999-12-31", "23:59:59"

    response = editor_client.post(page, data)

    assert response.status_code == 200  # the form again, with the message
    assert "from the year 1 to 9998" in response.content.decode()
    event.refresh_from_db()
    assert event.start.year == 2010


@pytest.mark.parametrize(
    "start", [dt.datetime(1, 1, 1, tzinfo=UTC), dt.datetime(9998, 12, 31, tzinfo=UTC)]
)
def test_events_at_either_end_of_the_years_shown_render_everywhere(client, start):
    event = make_timeline(3)[0]
    Event.objects.filter(pk=event.pk).update(
        start=start, end=start + dt.timedelta(hours=23, minutes=59)
    )
    at = f"{start.year:04d}"
    urls = [
        "/",
        f"/?event={event.pk}",
        f"/?at={at}",
        f"/?at={at}-{start.month:02d}",
        f"/?at={at}-{start.month:02d}-{start.day:02d}&event={event.pk}",
        "/?q=shelling",
        "/?kind=attack",
        "/actors/northern-army/",
        "/places/port-town/",
        "/export.json",
        "/export.csv",
        "/export.ics",
        "/export.timelinejs.json",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        body(response)
    # Dates print with four-digit years, in the list and in exports.
    assert f'datetime="{at}-' in body(client.get("/"))
    assert json.loads(body(client.get(f"/export.json?at={at}")))["events"][0][
        "start"
    ].startswith(f"{at}-")


# 7. Windows and cursors at the calendar's edges ----------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "at=0001-01",
        "at=0001-01-01",
        "at=0001",
        "at=9998-12-31",
        "at=2017&at=0001-01",
    ],
)
@pytest.mark.parametrize("path", ["/", "/actors/northern-army/", "/places/port-town/"])
def test_the_first_and_last_windows_answer_and_offer_no_step_off_the_calendar(
    client, path, query
):
    make_timeline(3)
    response = client.get(f"{path}?{query}")
    assert response.status_code == 200
    html = response.content.decode()
    # Every link the page offers answers (year 1 is written 0001, never 1-01).
    assert "at=1-" not in html and "at=0000" not in html and "at=9999" not in html


@pytest.mark.parametrize(
    "query",
    [
        "after=9999-12-31T23:59:59-05:00~1",
        "after=0001-01-01T00:00%2B05:00~1",
        "at=0000",
        "at=9999",
        "at=9999-12-31",
        "start=9999-12-31",
        "end=0000-01-01",
    ],
)
def test_dates_off_the_years_shown_are_a_400_with_the_rule(client, query):
    make_timeline(3)
    for path in ("/", "/export.csv"):
        response = client.get(f"{path}?{query}")
        assert response.status_code == 400, (path, query)


def test_windows_step_within_the_years_shown():
    first, last = Window.parse("0001-01-01"), Window.parse("9998-12")
    assert (first.neighbour(-1), first.neighbour(1)) == (None, "0001-01-02")
    assert (first.parent, Window.parse(first.parent).parent) == ("0001-01", "0001")
    assert Window.parse("0001").neighbour(-1) is None
    assert (last.neighbour(1), last.neighbour(-1)) == (None, "9998-11")
    assert Window.parse("9999") is None and Window.parse("0000") is None


def test_an_offset_cursor_is_read_in_utc():
    from timeline.forms import TimelineFilter

    form = TimelineFilter({"after": "2017-07-09T23:30:00-05:00~7"})
    assert form.is_valid()
    assert form.cleaned_data["after"] == (
        dt.datetime(2017, 7, 10, 4, 30, tzinfo=UTC),
        7,
    )


# 2 and 3. Hostile files: every good record stored and extracted ------------------------


def test_a_lone_surrogate_is_dropped_and_the_record_stored(write_json):
    path = write_json(
        "surrogate.json",
        '[{"url": "https://wire.example.com/s", "outlet": "Wire\\ud800", '
        '"title": "Truce \\udfff agreed", "published_at": "2019-05-12", '
        '"text": "The two armies agreed a truce on Friday.\\ud800"}]',
    )
    ingest(path)
    article = Article.objects.get()
    assert (article.outlet, article.title) == ("Wire", "Truce agreed")
    assert article.extraction_status == "done"


def test_a_file_nested_too_deeply_is_reported_and_the_other_files_stored(
    write_json, capsys
):
    good = write_json("good.json", record())
    deep = write_json("deep.json", "[" * 200_000)
    after = write_json("after.json", record(url="https://wire.example.com/after"))

    with pytest.raises(CommandError) as failure:
        ingest(good, deep, after)

    assert failure.value.returncode == 1
    assert f"{deep}:1: malformed JSON (nested too deeply" in capsys.readouterr().err
    assert set(Article.objects.values_list("extraction_status", flat=True)) == {"done"}
    assert Article.objects.count() == 2


def test_a_url_longer_than_its_column_is_refused_and_the_rest_stored(
    write_json, capsys
):
    long_url = "https://wire.example.com/" + "a" * 1500
    path = write_json(
        "batch.jsonl",
        [
            record(url="https://wire.example.com/1"),
            record(url=long_url),
            record(url="https://wire.example.com/3"),
        ],
    )
    with pytest.raises(CommandError):
        ingest(path)
    assert f"{path}:2: url is longer than 1,000 characters" in capsys.readouterr().err
    assert sorted(Article.objects.values_list("url", flat=True)) == [
        "https://wire.example.com/1",
        "https://wire.example.com/3",
    ]
    assert set(Article.objects.values_list("extraction_status", flat=True)) == {"done"}


def test_an_oversized_text_in_a_batch_fails_alone(write_json, capsys):
    records = [
        record(url=f"https://wire.example.com/{name}", title=name)
        for name in ("a", "b", "c", "d")
    ]
    records[2]["text"] = "The truce held. " * 70_000  # 1.1 million characters
    path = write_json("batch.json", records)

    with pytest.raises(CommandError) as failure:
        ingest(path)

    assert failure.value.returncode == 1
    err = capsys.readouterr().err
    assert f"{path}:1: item 3: text is longer than 1,000,000 characters" in err
    assert dict(Article.objects.values_list("title", "extraction_status")) == {
        "a": "done",
        "b": "done",
        "d": "done",
    }


def test_an_article_the_parser_refuses_fails_alone_with_its_own_error(
    write_json, capsys, monkeypatch
):
    """The batch's read-ahead once charged one text's error to the articles before it.
    The real pipeline, with a lower length limit so the test stays small."""
    monkeypatch.setattr(nlp(), "max_length", 5_000)
    records = [
        record(url=f"https://wire.example.com/{name}", title=name)
        for name in ("a", "b", "c", "d")
    ]
    records[2]["text"] = "The truce held. " * 400  # 6,400 characters
    path = write_json("batch.jsonl", records)

    with pytest.raises(CommandError) as failure:
        ingest(path)

    assert failure.value.returncode == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"{path}:3: stored, extraction failed")
    assert "6,399 characters" in err[0]
    statuses = dict(Article.objects.values_list("title", "extraction_status"))
    assert statuses == {"a": "done", "b": "done", "c": "failed", "d": "done"}
    assert Article.objects.get(title="a").sentences.exists()


def test_a_text_that_breaks_a_batch_is_parsed_again_alone(monkeypatch):
    pipeline = nlp()
    monkeypatch.setattr(pipeline, "max_length", 200)
    articles = [
        Article(pk=n, text=text)
        for n, text in enumerate(
            ["A truce held.", "Talks resumed.", "x" * 300, "Shelling stopped."], 1
        )
    ]
    parsed = list(_parsed(pipeline, articles, batch_size=4))
    assert [a.pk for a, _ in parsed] == [1, 2, 3, 4]
    assert isinstance(parsed[2][1], ValueError)
    assert [doc.text for _, doc in parsed if not isinstance(doc, Exception)] == [
        "A truce held.",
        "Talks resumed.",
        "Shelling stopped.",
    ]


def test_extract_articles_returns_each_failure_by_article(monkeypatch):
    monkeypatch.setattr(nlp(), "max_length", 200)
    articles = [
        Article.objects.create(
            url=f"https://wire.example.com/{n}",
            outlet="Wire",
            title=str(n),
            published_at=dt.date(2019, 5, 12),
            text=text,
        )
        for n, text in enumerate(["A truce held on Friday.", "x " * 150], 1)
    ]
    failures = extract_articles(articles=articles)
    assert list(failures) == [articles[1].pk]
    assert "300 characters" in failures[articles[1].pk]


# 9. Values that only look like dates and URLs ------------------------------------------


@pytest.mark.parametrize(
    "value", ["2017-07-10T99:99", "20170710", "2017-W28", "2017-07-10T12:00junk"]
)
def test_publication_dates_must_be_written_as_dates(write_json, capsys, value):
    path = write_json("one.jsonl", [record(published_at=value)])
    with pytest.raises(CommandError):
        ingest(path)
    assert f"{path}:1: published_at is not a date" in capsys.readouterr().err
    assert not Article.objects.exists()


def test_a_publication_time_and_offset_are_accepted(write_json):
    ingest(write_json("one.jsonl", [record(published_at="2019-05-12T08:30:00+02:00")]))
    assert Article.objects.get().published_at == dt.date(2019, 5, 12)


def test_a_url_with_credentials_is_refused_in_files_and_in_the_admin(
    write_json, capsys, editor_client
):
    url = "https://reporter:secret@wire.example.com/story"
    path = write_json("one.jsonl", [record(url=url)])
    with pytest.raises(CommandError):
        ingest(path)
    assert "url holds a user name or password" in capsys.readouterr().err

    response = editor_client.post(
        reverse("admin:articles_article_add"),
        {
            "title": "Truce",
            "outlet": "Wire",
            "url": url,
            "published_at": "2019-05-12",
            "text": "The two armies agreed a truce on Friday.",
        },
    )
    assert response.status_code == 200
    assert "user name or password" in response.content.decode()
    assert not Article.objects.exists()


# 4. Deleting an article takes back what it told ----------------------------------------


def two_outlets(write_json):
    first = record(
        url="https://wire.example.com/truce",
        text=(
            "The two armies agreed a truce in Vienna on Friday. "
            "Rebels shelled the port of Marva on Thursday, killing four people."
        ),
    )
    second = record(
        url="https://gazette.example.org/truce",
        outlet="Example Gazette",
        title="Armies agree truce",
        published_at="2019-05-11",
        text="The two armies agreed a truce in Vienna on Friday, officials said.",
    )
    ingest(write_json("two.json", [first, second]))
    return Article.objects.get(url=first["url"]), Article.objects.get(url=second["url"])


def test_deleting_an_article_takes_its_events_off_the_timeline(
    write_json, editor_client, client
):
    first, second = two_outlets(write_json)
    shared = Event.objects.visible().get(kind="agreement")
    assert shared.evidence.values("sentence__article").distinct().count() == 2
    own = list(
        Event.objects.visible().exclude(evidence__sentence__article=second).distinct()
    )
    assert own, "the first article tells events of its own"
    confirmed = own[0]
    editing.set_status([confirmed], Event.Status.CONFIRMED)

    response = editor_client.post(
        reverse("admin:articles_article_delete", args=[first.pk]),
        {"post": "yes"},
        follow=True,
    )

    assert response.status_code == 200
    visible = Event.objects.visible()
    # What only the deleted article told is gone, or waits for an editor off the page.
    assert not visible.filter(evidence__isnull=True).exists()
    assert set(visible.values_list("pk", flat=True)) == {shared.pk}
    confirmed.refresh_from_db()
    assert confirmed.status == Event.Status.UNSOURCED
    shared.refresh_from_db()
    assert {e.sentence.article_id for e in shared.evidence.all()} == {second.pk}
    exported = json.loads(body(client.get("/export.json")))["events"]
    assert [len(e["evidence"]) for e in exported] == [1]
    assert stored() == truth()


def test_a_sentence_coming_back_brings_an_unsourced_event_back(write_json):
    first, _ = two_outlets(write_json)
    own = Event.objects.visible().filter(kind="attack").get()
    editing.set_status([own], Event.Status.CONFIRMED)
    text = first.text
    first.text = "An unrelated paragraph about the weather in the mountains."
    first.save()
    extract_articles(articles=[first])
    own.refresh_from_db()
    assert own.status == Event.Status.UNSOURCED

    first.text = text
    first.save()
    extract_articles(articles=[first])
    own.refresh_from_db()
    assert own.status == Event.Status.CONFIRMED and own.evidence.exists()
    assert stored() == truth()


# 5. CSV cells are never formulas -------------------------------------------------------


def test_csv_cells_that_would_be_formulas_stay_text(client):
    event = make_timeline(2)[0]
    Article.objects.filter(outlet="Wire A").update(outlet='=HYPERLINK("http://x")')
    Event.objects.filter(pk=event.pk).update(title="=SUM(1,2)")
    Actor.objects.update(name="@attacker")
    Place.objects.update(name="-Port Town")
    Event.objects.exclude(pk=event.pk).update(title="+1 shelling")

    rows = list(csv.reader(io.StringIO(body(client.get("/export.csv")))))

    cells = [cell for row in rows[1:] for cell in row]
    assert not [c for c in cells if c[:1] in {"=", "+", "-", "@", "\t", "\r"}]
    assert "'=SUM(1,2)" in cells and "'+1 shelling" in cells
    assert "'@attacker" in cells and "'-Port Town" in cells
    assert any(c.startswith("'=HYPERLINK") for c in cells)
    assert rows[1][0].startswith("2010-")  # dates are left as they are


# 6. An alias another actor or place has ------------------------------------------------


def alias_form(editor_client, model: str, obj, *names: str):
    page = reverse(f"admin:timeline_{model}_change", args=[obj.pk])
    data = _change_form_data(editor_client.get(page))
    prefix = "aliases"
    total = int(data[f"{prefix}-TOTAL_FORMS"])
    for offset, name in enumerate(names):
        data[f"{prefix}-{total + offset}-name"] = name
        data[f"{prefix}-{total + offset}-{model}"] = obj.pk
    data[f"{prefix}-TOTAL_FORMS"] = total + len(names)
    return editor_client.post(page, data)


def test_an_alias_another_actor_has_is_refused_with_its_holder(editor_client):
    army = Actor.objects.create(
        name="Northern Army", slug="northern-army", kind="group"
    )
    ActorAlias.objects.create(actor=army, name="Northern Army")
    rebels = Actor.objects.create(name="Rebels", slug="rebels", kind="group")

    response = alias_form(editor_client, "actor", rebels, "northern  ARMY")

    assert response.status_code == 200
    assert "already names Northern Army" in response.content.decode()
    assert ActorAlias.objects.filter(actor=rebels).count() == 0


def test_two_new_aliases_written_the_same_way_are_refused(editor_client):
    rebels = Actor.objects.create(name="Rebels", slug="rebels", kind="group")
    response = alias_form(editor_client, "actor", rebels, "The Front", "the front")
    assert response.status_code == 200
    assert "Written the same way as" in response.content.decode()
    assert not ActorAlias.objects.exists()


def test_a_place_alias_another_place_has_is_refused(editor_client):
    port = Place.objects.create(name="Port Town", slug="port-town")
    PlaceAlias.objects.create(place=port, name="Port Town")
    other = Place.objects.create(name="Harbour", slug="harbour")
    response = alias_form(editor_client, "place", other, "Port Town")
    assert response.status_code == 200
    assert "already names Port Town" in response.content.decode()


# 8. Splitting off every sentence -------------------------------------------------------


def test_splitting_off_every_sentence_is_refused(editor_client):
    event = make_timeline(1)[0]
    editing.set_status([event], Event.Status.CONFIRMED)
    page = reverse("admin:timeline_event_change", args=[event.pk])
    data = _change_form_data(editor_client.get(page))
    total = int(data["evidence-TOTAL_FORMS"])
    assert total == 2
    for n in range(total):
        data[f"evidence-{n}-split_off"] = "on"

    response = editor_client.post(page, data)

    assert response.status_code == 200
    assert "Leave at least one sentence" in response.content.decode()
    assert Event.objects.count() == 1 and event.evidence.count() == 2
    with pytest.raises(ValueError, match="Leave at least one sentence"):
        editing.split_evidence(list(event.evidence.all()))


# 10. Undoing the same merge twice ------------------------------------------------------


def test_the_same_merge_is_undone_once(editor_client):
    events = make_timeline(2)
    merge = editing.merge_events(events)
    # Two editors opened the merge before either undid it.
    seen_by_one, seen_by_other = (EventMerge.objects.get(pk=merge.pk) for _ in "ab")
    editing.undo_merge(seen_by_one)
    with pytest.raises(ValueError, match="already undone"):
        editing.undo_merge(seen_by_other)

    act(editor_client, "eventmerge", "undo", [merge])
    from django.contrib.admin.models import LogEntry

    assert not LogEntry.objects.filter(change_message="Undone.").exists()
    assert Event.objects.visible().count() == 2
