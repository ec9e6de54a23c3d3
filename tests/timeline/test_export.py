"""The export_timeline command: its schema, and the golden events of the demo articles."""

from __future__ import annotations

import importlib.util
import io
import json
import re

import pytest
from django.core.management import call_command

from tests.conftest import SHARED

pytestmark = pytest.mark.django_db

ISO_BY_PRECISION = {
    "year": r"\d{4}",
    "month": r"\d{4}-\d{2}",
    "week": r"\d{4}-\d{2}-\d{2}",
    "day": r"\d{4}-\d{2}-\d{2}",
    "hour": r"\d{4}-\d{2}-\d{2}T\d{2}",
    "minute": r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}",
}


# What every exported event carries (the export_timeline schema).
EVENT_KEYS = {"title", "kind", "start", "precision", "actors", "places", "evidence"}


def export() -> dict:
    out = io.StringIO()
    call_command("export_timeline", "--format", "json", stdout=out)
    return json.loads(out.getvalue())


def load_scorer():
    spec = importlib.util.spec_from_file_location(
        "score_timeline", SHARED / "golden" / "score_timeline.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_export_schema(demo_articles):
    data = export()
    assert set(data) >= {"actors", "events"}
    for actor in data["actors"]:
        assert isinstance(actor["name"], str) and actor["name"]
        assert isinstance(actor["aliases"], list)
    assert data["events"], "the demo articles yield events"
    for event in data["events"]:
        assert EVENT_KEYS <= set(event)
        if event["start"] is not None:
            assert re.fullmatch(ISO_BY_PRECISION[event["precision"]], event["start"]), (
                event
            )
        assert event["evidence"]
        for evidence in event["evidence"]:
            assert {"article_url", "outlet", "sentence"} <= set(evidence)
            timex = evidence["time_expression"]
            if timex and timex["start"] is None:
                # A date borrowed from another sentence: the one in focus, or the
                # event's own telling that this mention refers to.
                assert timex["resolution"] in {"focus", "reference"}, evidence
            elif timex:
                assert (
                    evidence["sentence"][timex["start"] : timex["end"]] == timex["text"]
                )


def test_empty_database_exports_an_empty_timeline(db):
    assert export()["events"] == []


@pytest.mark.skipif(
    not (SHARED / "golden").exists(),
    reason="../shared/golden is not beside the project",
)
def test_demo_articles_give_the_design_card_events(demo_articles):
    scorer = load_scorer()
    gold = json.loads(
        (SHARED / "golden" / "seed_timeline.json").read_text(encoding="utf-8")
    )
    result = scorer.score(gold, export())
    # "found" (not "partial"): evidence from every article that tells of the event.
    found = {line.split()[1] for line in result["report"] if line.startswith("found")}
    assert {
        "g20-trump-putin-meeting",
        "southwest-truce-begins",
        "geneva-round-seven",
    } <= found
    assert result["wrong_merges"] == 0


def test_two_readings_of_one_sentence_export_in_the_order_of_their_words():
    """Rows stored in the other order give the same export: the order is the text's,
    never the database's."""
    import datetime as dt

    from articles.models import Article, Sentence
    from timeline.exports import event_record
    from timeline.models import Event, Evidence

    article = Article.objects.create(
        url="https://wire.example.com/two",
        outlet="Wire",
        title="Two",
        published_at=dt.date(2021, 3, 15),
        text="Rebels shelled the port and the army bombed the hills.",
    )
    sentence = Sentence.objects.create(
        article=article, index=0, start=0, end=55, text=article.text
    )
    event = Event.objects.create(title="Fighting", kind="attack")
    for start, trigger in ((36, "bomb"), (7, "shell")):  # the later word stored first
        Evidence.objects.create(
            event=event,
            sentence=sentence,
            kind="attack",
            title=trigger,
            trigger=trigger,
            trigger_start=start,
            trigger_end=start + 6,
        )
    record = event_record(Event.objects.for_timeline().get(pk=event.pk))
    assert [e["sentence_index"] for e in record["evidence"]] == [0, 0]
    stored = list(Event.objects.for_timeline().get(pk=event.pk).evidence.all())
    assert [e.trigger for e in stored] == ["shell", "bomb"]
