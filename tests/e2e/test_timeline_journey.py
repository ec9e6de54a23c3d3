"""What only a browser shows: the timeline, following evidence to its sentence."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_reader_follows_evidence_to_the_highlighted_sentence(
    live_server, demo_articles, page, screenshot
):
    page.goto(live_server.url + "/")
    events = page.get_by_test_id("event")
    assert events.count() >= 3
    truce = page.locator('[data-testid="event"]', has_text="12:00").first
    assert truce.get_by_test_id("evidence").count() >= 2
    screenshot("timeline")

    truce.get_by_role("link", name="read in the article").first.click()
    page.wait_for_url("**/articles/*/#s-*")
    target = page.locator(".sentence:target")
    assert target.count() == 1
    background = target.evaluate("el => getComputedStyle(el).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    screenshot("article-sentence")

    page.go_back()
    assert page.url == live_server.url + "/"
