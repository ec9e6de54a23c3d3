"""Extraction as a background task with django-tasks' database backend and its worker,
and a failure in the middle of an extraction that leaves the previous state whole."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse

from articles.models import Article
from articles.services import extract_article
from articles.signals import article_extracted
from timeline.exports import timeline_document
from timeline.models import Event

pytestmark = pytest.mark.django_db(transaction=True)

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
FORM = {
    "title": "Talks resume in Vienna",
    "outlet": "Example Wire",
    "url": "https://wire.example.com/2021/03/15/vienna",
    "published_at": "2021-03-15",
    "text": "Delegations met in Vienna on Friday. A ceasefire took effect at 6am on Saturday.",
    "sentences-TOTAL_FORMS": "0",
    "sentences-INITIAL_FORMS": "0",
}


def test_saved_article_waits_for_the_worker_then_is_extracted(admin_client, settings):
    settings.TASKS = DATABASE_TASKS  # django-tasks follows the setting_changed signal
    response = admin_client.post(reverse("admin:articles_article_add"), FORM)
    assert response.status_code == 302
    article = Article.objects.get(url=FORM["url"])
    assert article.extraction_status == "pending"
    assert not Event.objects.exists()

    call_command(
        "db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0
    )

    article.refresh_from_db()
    assert article.extraction_status == "done"
    assert Event.objects.filter(kind="ceasefire_start").exists()


def test_failure_mid_extraction_keeps_the_previous_state_and_records_the_error(
    demo_articles,
):
    article = demo_articles[0]
    before = timeline_document()
    sentences = list(article.sentences.values_list("text", flat=True))

    def broken_listener(**kwargs):
        raise RuntimeError("the timeline store is unavailable")

    # A receiver of the extraction signal failing halfway: after the article's old
    # sentences and evidence were replaced inside the transaction.
    article_extracted.connect(broken_listener, dispatch_uid="test-broken")
    try:
        extract_article(article=article)
    finally:
        article_extracted.disconnect(dispatch_uid="test-broken")

    article.refresh_from_db()
    assert article.extraction_status == "failed"
    assert "the timeline store is unavailable" in article.extraction_error
    assert list(article.sentences.values_list("text", flat=True)) == sentences
    assert timeline_document() == before
