"""The ingest command on good, duplicate and bad records, with the real pipeline."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from articles.extraction.extract import EXTRACTOR_VERSION, rules_version
from articles.models import Article
from tests.conftest import record
from timeline.models import Event, Evidence

pytestmark = pytest.mark.django_db


def ingest(*paths):
    call_command("ingest", *map(str, paths), "--no-progress")


def test_good_records_from_json_list_and_jsonl_are_stored_and_extracted(
    write_json, capsys
):
    one = write_json("one.json", record())
    many = write_json(
        "many.json",
        [
            record(url="https://wire.example.com/a", title="A"),
            record(url="https://wire.example.com/b", title="B"),
        ],
    )
    lines = write_json(
        "lines.jsonl", [record(url="https://wire.example.com/c", title="C")]
    )

    ingest(one, many, lines)

    assert Article.objects.count() == 4
    assert set(Article.objects.values_list("extraction_status", flat=True)) == {"done"}
    assert Evidence.objects.filter(sentence__article__url=record()["url"]).exists()
    assert "4 created" in capsys.readouterr().out


def test_same_url_and_text_again_changes_nothing(write_json, capsys):
    path = write_json("one.json", record())
    ingest(path)
    article = Article.objects.get()
    events_before = list(Event.objects.values_list("pk", "title"))
    updated_at = article.updated_at

    ingest(path)

    article.refresh_from_db()
    assert article.updated_at == updated_at
    assert list(Event.objects.values_list("pk", "title")) == events_before
    assert "1 unchanged" in capsys.readouterr().out


def test_changed_text_is_extracted_again(write_json):
    ingest(write_json("v1.json", record()))
    changed = record(
        text="Rebels shelled the airport on Tuesday, officials said on Wednesday."
    )
    ingest(write_json("v2.json", changed))

    article = Article.objects.get()
    assert article.text.startswith("Rebels shelled")
    sentences = list(article.sentences.values_list("text", flat=True))
    assert sentences == [
        "Rebels shelled the airport on Tuesday, officials said on Wednesday."
    ]
    assert not Evidence.objects.filter(sentence__text__contains="truce").exists()


@pytest.mark.parametrize(
    "bad, reason",
    [
        ({"published_at": None}, "missing field(s): published_at"),
        ({"published_at": "12/05/2019"}, "published_at is not a date"),
        ({"published_at": "2019-02-30"}, "published_at is not a date"),
        ({"published_at": "2999-01-01"}, "published_at 2999-01-01 is in the future"),
        ({"text": "   \n  "}, "text is empty"),
        ({"url": "not a url"}, "url is not an http(s) URL"),
    ],
)
def test_bad_record_is_reported_with_file_and_line_and_the_rest_stored(
    write_json, capsys, bad, reason
):
    good = record(url="https://wire.example.com/good")
    broken = record(**{"url": "https://wire.example.com/bad", **bad})
    if bad.get("published_at", "") is None:
        del broken["published_at"]
    path = write_json("batch.jsonl", [good, broken])

    with pytest.raises(CommandError) as failure:
        ingest(path)

    assert failure.value.returncode == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert err[0].startswith(f"{path}:2: {reason}")
    assert list(Article.objects.values_list("url", flat=True)) == [good["url"]]


def test_malformed_jsonl_line_is_skipped_and_named(write_json, capsys):
    good = json.dumps(record())
    path = write_json("mixed.jsonl", good + '\n{"url": "https://x.example", oops\n')

    with pytest.raises(CommandError):
        ingest(path)

    err = capsys.readouterr().err
    assert f"{path}:2: malformed JSON" in err
    assert Article.objects.count() == 1


def test_file_that_is_not_utf8_is_reported(write_json, capsys):
    path = write_json(
        "latin1.json", json.dumps(record()).replace("Truce", "Trêve").encode("latin-1")
    )

    with pytest.raises(CommandError):
        ingest(path)

    assert "not UTF-8 text" in capsys.readouterr().err
    assert Article.objects.count() == 0


def test_demo_articles_ingest_cleanly(demo_articles):
    assert {a.outlet for a in demo_articles} == {"Radio Farda", "Oman Tribune"}
    assert all(a.extraction_status == "done" for a in demo_articles)
    assert all(a.sentences.exists() for a in demo_articles)


def test_an_article_extracted_by_older_rules_is_extracted_again(write_json):
    path = write_json("one.json", record())
    ingest(path)
    Article.objects.update(extractor_version="older-rules")
    Evidence.objects.all().delete()

    ingest(path)

    article = Article.objects.get()
    assert article.extractor_version == EXTRACTOR_VERSION
    assert Evidence.objects.filter(sentence__article=article).exists()


def test_the_extractor_version_follows_the_rules_and_data(tmp_path, monkeypatch):
    from articles.extraction import extract

    assert rules_version() == EXTRACTOR_VERSION
    copy = tmp_path / "extraction"
    copy.mkdir()
    (copy / "data").mkdir()
    (copy / "rules.py").write_text("A = 1\n")
    (copy / "data" / "lexicon.json").write_text('{"verbs": ["sign"]}')
    monkeypatch.setattr(extract, "__file__", str(copy / "extract.py"))
    before = extract.rules_version()
    (copy / "data" / "lexicon.json").write_text('{"verbs": ["sign", "seal"]}')
    assert extract.rules_version() != before
