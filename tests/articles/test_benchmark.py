"""The benchmark command measures both paths; the database in use stays as it was."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

from articles.models import Article
from tests.conftest import record

pytestmark = pytest.mark.django_db

ARTICLES = [
    record(
        url="https://wire.example.com/2021/02/25/border-truce",
        title="Border truce announced",
        published_at="2021-02-25",
        text=(
            "The two armies announced a truce along the disputed border on Thursday. "
            "Commanders met at a flag meeting on Wednesday and agreed to stop firing "
            "from midnight, a defence ministry statement said."
        ),
    ),
    record(
        url="https://wire.example.com/2021/03/02/truce-holds",
        title="Border truce holds",
        published_at="2021-03-02",
        text=(
            "The truce held through the weekend, villagers near the border said on "
            "Tuesday. No shelling was reported since Friday, and schools reopened "
            "on Monday."
        ),
    ),
    record(url="not a url", title="A record the benchmark must skip"),
]


def benchmark(*args: str) -> tuple[dict, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("benchmark", "extraction", *args, stdout=out, stderr=err)
    return json.loads(out.getvalue()), err.getvalue()


def test_both_paths_are_measured_on_the_valid_articles(write_json):
    path = write_json("articles.json", ARTICLES)

    report, err = benchmark("--articles", str(path), "--repeat", "1", "--json")

    assert report["articles"] == 2
    assert "ner" in report["pipes"]
    for name in ("bare", "ingest"):
        assert report[name]["documents"] == 2
        assert report[name]["documents_per_s"] > 0
        assert report[name]["tokens_per_s"] > 0
    assert report["failed"] == 0
    assert report["ratio_ingest_bare"] > 0
    assert f"{path}:1: item 3: url is not an http(s) URL" in err


def test_the_database_in_use_is_untouched(write_json, article_factory):
    existing = article_factory()
    path = write_json("articles.jsonl", ARTICLES[:2])

    benchmark("--articles", str(path), "--repeat", "2", "--json")

    assert list(Article.objects.all()) == [existing]
    assert not Article.objects.filter(url__contains="#benchmark").exists()


def test_the_table_names_both_measurements_and_the_ratio(write_json):
    path = write_json("articles.json", ARTICLES[:1])
    out = io.StringIO()

    call_command(
        "benchmark", "extraction", "--articles", str(path), "--repeat", "1", stdout=out
    )

    lines = out.getvalue().splitlines()
    assert any(line.startswith("bare nlp.pipe") for line in lines)
    assert any(line.startswith("ingest path") for line in lines)
    assert lines[-1].startswith("ratio ingest/bare = ")
