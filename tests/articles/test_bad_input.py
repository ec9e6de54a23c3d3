"""Bad input, case by case: a clear message, nothing good lost, nothing unsafe shown.
Through the real ingest command and the real admin."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from articles.models import Article
from tests.conftest import record
from timeline.models import Event

pytestmark = pytest.mark.django_db

GERMAN = (
    "Die Regierung und die Rebellen haben sich am Freitag in Wien auf eine Waffenruhe "
    "geeinigt. Die Waffenruhe soll am Samstag um sechs Uhr beginnen, sagte ein Sprecher "
    "der Vermittler. Beide Seiten werfen sich gegenseitig Verstöße vor."
)


def ingest(*paths):
    call_command("ingest", *map(str, paths), "--no-progress")


def admin_form(**overrides) -> dict:
    data = {
        "title": "Truce in the north",
        "outlet": "Example Wire",
        "url": "https://wire.example.com/2021/03/15/truce",
        "published_at": "2021-03-15",
        "text": "The two armies agreed a truce on Friday after talks in Vienna.",
        "sentences-TOTAL_FORMS": "0",
        "sentences-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


def test_five_megabyte_article_is_refused_with_its_size_and_the_rest_stored(
    write_json, capsys
):
    huge = record(url="https://wire.example.com/huge", text="Word " * 1_000_000)
    good = record(url="https://wire.example.com/fine")
    path = write_json("big.jsonl", [huge, good])
    with pytest.raises(CommandError):
        ingest(path)
    assert "text is longer than 1,000,000 characters" in capsys.readouterr().err
    assert list(Article.objects.values_list("url", flat=True)) == [good["url"]]


def test_nul_bytes_and_control_characters_are_dropped(write_json):
    path = write_json(
        "ctrl.json",
        record(
            title="Truce\x00 agreed\x07",
            text="The truce\x00 held\x1b on Friday.\nCalm.",
        ),
    )
    ingest(path)
    article = Article.objects.get()
    assert article.title == "Truce agreed"
    assert article.text == "The truce held on Friday.\nCalm."


def test_markup_in_title_and_text_is_text_everywhere(write_json, client):
    path = write_json(
        "xss.json",
        record(
            title="<script>alert('t')</script> Truce",
            text=(
                "<script>alert('x')</script> The two armies agreed a truce on Friday "
                "after talks in <b>Vienna</b>."
            ),
        ),
    )
    ingest(path)
    article = Article.objects.get()
    event = Event.objects.filter(evidence__sentence__article=article).first()
    pages = [
        client.get(article.get_absolute_url()),
        client.get("/"),
        client.get("/", {"event": event.pk}),
        client.get(reverse("timeline:export_timelinejs")),
    ]
    for response in pages:
        html = response.content.decode()
        assert "<script>alert" not in html and "<b>Vienna</b>" not in html
    assert "&lt;script&gt;" in pages[0].content.decode()


def test_non_english_article_is_stored_flagged_and_not_extracted(write_json):
    ingest(write_json("de.json", record(text=GERMAN)))
    article = Article.objects.get()
    assert article.language != "en"
    assert "not extracted" in article.extraction_error
    assert not Event.objects.exists()
    assert article.sentences.exists()  # still readable on its page


def test_same_url_with_different_text_replaces_the_old_reading(write_json, capsys):
    first = record(
        text="The two armies agreed a truce on Friday after talks in Vienna."
    )
    ingest(write_json("a.json", first))
    before = set(Event.objects.values_list("kind", flat=True))
    second = {
        **first,
        "text": "Rebels shelled the port on Sunday, officials said on Monday.",
    }
    ingest(write_json("b.json", second))
    article = Article.objects.get()
    assert article.text == second["text"]
    assert Article.objects.count() == 1
    after = set(Event.objects.values_list("kind", flat=True))
    assert "agreement" in before and "agreement" not in after


def test_malformed_json_file_is_reported_and_other_files_stored(write_json, capsys):
    broken = write_json("broken.json", '{"url": "https://x.example", "title": ')
    good = write_json("good.json", record())
    with pytest.raises(CommandError):
        ingest(broken, good)
    assert f"{broken}:1: malformed JSON" in capsys.readouterr().err
    assert Article.objects.count() == 1


def test_record_that_is_not_an_object_is_reported(write_json, capsys):
    path = write_json("list.json", [record(), "just a string", 42])
    with pytest.raises(CommandError):
        ingest(path)
    err = capsys.readouterr().err
    assert "expected a JSON object, got str" in err and "got int" in err
    assert Article.objects.count() == 1


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"text": "   \n\t "}, "This field is required"),
        ({"published_at": "2999-01-01"}, "in the future"),
        ({"published_at": "2021-02-30"}, "Enter a valid date"),
        ({"published_at": ""}, "This field is required"),
        ({"url": "javascript:alert(1)"}, "Enter a valid URL"),
    ],
)
def test_admin_refuses_bad_articles_with_a_message(editor_client, overrides, message):
    response = editor_client.post(
        reverse("admin:articles_article_add"), admin_form(**overrides)
    )
    assert response.status_code == 200  # the form again, with its errors
    assert message in response.content.decode()
    assert not Article.objects.exists()


def test_admin_refuses_nul_bytes_with_a_message(editor_client):
    response = editor_client.post(
        reverse("admin:articles_article_add"), admin_form(text="Calm\x00 returned.")
    )
    assert "Null characters are not allowed" in response.content.decode()
    assert not Article.objects.exists()


def test_admin_stores_markup_as_text_and_strips_control_characters(
    editor_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            reverse("admin:articles_article_add"),
            admin_form(
                title="<script>x()</script>\x07 Truce",
                text="Calm\x1b returned on Friday.",
            ),
            follow=True,
        )
    assert response.status_code == 200
    article = Article.objects.get()
    assert article.title == "<script>x()</script> Truce"
    assert article.text == "Calm returned on Friday."
    listing = editor_client.get(
        reverse("admin:articles_article_changelist")
    ).content.decode()
    assert "<script>x()</script>" not in listing


@pytest.mark.parametrize(
    "url",
    [
        "/articles/1/?s=%00",
        "/articles/abc/",
        "/articles/99999999999999999999/",
        "/actors/%00/",
        "/places/no-such-place/?at=2017",
        "/export.csv?event=-1",
        "/export.ics?start=2017-99-99",
        "/?after=%FF%FE",
        "/?q=" + "x" * 5000,
    ],
)
def test_public_urls_never_answer_500(client, url):
    assert client.get(url).status_code in {200, 400, 404}


def test_json_export_of_markup_stays_data(write_json, client):
    ingest(write_json("x.json", record(title="<img src=x onerror=alert(1)>")))
    response = client.get(reverse("timeline:export_json"))
    document = json.loads(b"".join(response.streaming_content))
    assert document["events"]  # markup is data in JSON; viewers must escape it
