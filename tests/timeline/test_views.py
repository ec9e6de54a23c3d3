"""The timeline page and the article page, rendered from the demo articles."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from timeline.models import Event

pytestmark = pytest.mark.django_db


def test_empty_timeline_invites_editors(client):
    response = client.get(reverse("timeline:index"))
    assert response.status_code == 200
    assert b"No events yet" in response.content


def test_timeline_lists_events_in_date_order_at_their_precision(client, demo_articles):
    response = client.get(reverse("timeline:index"))
    html = response.content.decode()
    assert response.status_code == 200
    # htmx is served by django-htmx from our own static files: no CDN.
    assert re.search(r'<script src="/static/django_htmx/htmx[^"]*\.js"', html)
    assert "unpkg" not in html and "cdn" not in html.lower()
    datetimes = re.findall(r'<p class="when"><time datetime="([^"]+)"', html)
    assert datetimes == sorted(datetimes, key=lambda d: d.ljust(16, "0"))
    assert "9 July 2017, 12:00" in html  # the truce, at minute precision
    assert "7 July 2017" in html  # the G20 meeting, at day precision


def test_event_shows_sentences_from_each_outlet_with_links_to_the_article(
    client, demo_articles
):
    truce = Event.objects.get(start__date="2017-07-09", kind="ceasefire_start")
    html = client.get(reverse("timeline:index")).content.decode()
    block = html.split(f'data-event-id="{truce.pk}"', 1)[1].split(
        'data-testid="event"', 1
    )[0]
    assert "Radio Farda" in block and "Oman Tribune" in block
    links = re.findall(r'href="(/articles/\d+/#s-\d+)"', block)
    assert len(links) >= 2
    assert re.search(r'<mark class="time">[^<]*noon on July 9</mark>', block)


def test_article_page_marks_each_sentence_with_an_anchor(client, demo_articles):
    article = demo_articles[0]
    response = client.get(article.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert article.title in html
    for sentence in article.sentences.all()[:3]:
        assert f'id="s-{sentence.index}"' in html


def test_evidence_link_lands_on_the_sentence(client, demo_articles):
    truce = Event.objects.get(start__date="2017-07-09", kind="ceasefire_start")
    evidence = truce.evidence.select_related("sentence").first()
    url = evidence.sentence.get_absolute_url()
    path, anchor = url.split("#")
    html = client.get(path).content.decode()
    assert f'id="{anchor}">{evidence.sentence.text[:40]}' in html.replace("&#x27;", "'")


def test_missing_article_is_404(client, db):
    assert client.get("/articles/999999/").status_code == 404


def test_markup_in_article_text_is_shown_as_text(client, article_factory):
    article = article_factory(
        title="<script>alert(1)</script> Truce", text="Plain text."
    )
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Truce" in html
