"""Editors add articles in the admin; extraction runs on save through django-tasks."""

from __future__ import annotations

import pytest
from django.urls import reverse

from articles.models import Article
from timeline.models import Event

pytestmark = pytest.mark.django_db

FORM = {
    "title": "Talks resume in Vienna",
    "outlet": "Example Wire",
    "url": "https://wire.example.com/2021/03/15/vienna",
    "published_at": "2021-03-15",
    "text": (
        "Delegations from both governments met in Vienna on Friday for a third round of talks. "
        "A ceasefire took effect at 6am on Saturday, the mediators said."
    ),
    "sentences-TOTAL_FORMS": "0",
    "sentences-INITIAL_FORMS": "0",
}


@pytest.fixture
def editor_client(client, admin_user):
    client.force_login(admin_user)
    return client


def test_adding_an_article_extracts_its_events(
    editor_client, django_capture_on_commit_callbacks
):
    # Extraction is enqueued on commit; the test's transaction never commits, so run the
    # callbacks as the commit would.
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            reverse("admin:articles_article_add"), FORM, follow=True
        )

    assert response.status_code == 200
    article = Article.objects.get(url=FORM["url"])
    assert article.extraction_status == "done"
    assert article.sentences.count() == 2
    kinds = set(Event.objects.values_list("kind", flat=True))
    assert "ceasefire_start" in kinds
    truce = Event.objects.get(kind="ceasefire_start")
    assert truce.start.isoformat().startswith("2021-03-13T06:00")


def test_failed_extraction_keeps_the_article_and_shows_its_error(
    editor_client, settings, django_capture_on_commit_callbacks
):
    settings.SPACY_MODEL = "no_such_spacy_pipeline"

    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(reverse("admin:articles_article_add"), FORM)

    article = Article.objects.get(url=FORM["url"])
    assert article.extraction_status == "failed"
    assert "no_such_spacy_pipeline" in article.extraction_error
    change = editor_client.get(
        reverse("admin:articles_article_change", args=[article.pk])
    )
    assert "no_such_spacy_pipeline" in change.content.decode()


def test_invalid_form_shows_errors_and_stores_nothing(editor_client):
    response = editor_client.post(
        reverse("admin:articles_article_add"), {**FORM, "published_at": "yesterday"}
    )
    assert response.status_code == 200
    assert "Enter a valid date" in response.content.decode()
    assert not Article.objects.exists()


def test_event_actor_and_place_lists_have_search(editor_client, demo_articles):
    for name in ("event", "actor", "place"):
        url = reverse(f"admin:timeline_{name}_changelist")
        response = editor_client.get(url, {"q": "a"})
        assert response.status_code == 200, name
    event = Event.objects.first()
    change = editor_client.get(reverse("admin:timeline_event_change", args=[event.pk]))
    assert event.evidence.first().sentence.text[:30] in change.content.decode()
