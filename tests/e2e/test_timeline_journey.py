"""An analyst's journey in a real browser: filter, open an event, read its sentences in
the article, go back, and share the URL; then the same without JavaScript."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from timeline.models import Event

from .conftest import ARTIFACTS

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def the_truce() -> tuple[Event, str]:
    """A dated event both demo outlets report, with an actor to filter by."""
    for event in Event.objects.dated().order_by("start", "pk"):
        outlets = set(
            event.evidence.values_list("sentence__article__outlet", flat=True)
        )
        actor = event.actors.order_by("name").first()
        if len(outlets) == 2 and actor is not None:
            return event, actor.slug
    raise AssertionError(
        "the demo timeline has an event from both outlets with an actor"
    )


def open_event_and_check_panel(page, truce: Event) -> None:
    page.locator(f'[data-testid="event"][data-event-id="{truce.pk}"] h2 a').click()
    page.wait_for_url(re.compile(rf"[?&]event={truce.pk}"))
    panel = page.get_by_test_id("event-detail")
    panel.wait_for()
    outlets = panel.locator("section.outlet h3").all_inner_texts()
    assert {"Oman Tribune", "Radio Farda"} <= set(outlets)
    assert panel.get_by_test_id("evidence").count() >= 2
    assert panel.locator("mark").count() >= 1


def follow_evidence_to_article(page) -> None:
    panel = page.get_by_test_id("event-detail")
    panel.get_by_role("link", name="read in the article").first.click()
    page.wait_for_url("**/articles/*/#s-*")
    target = page.locator(".sentence:target")
    assert target.count() == 1
    background = target.evaluate("el => getComputedStyle(el).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")


def test_analyst_filters_opens_an_event_reads_it_and_shares_the_url(
    live_server, demo_articles, page, browser, screenshot
):
    truce, actor = the_truce()
    page.goto(live_server.url + "/")
    assert page.get_by_test_id("event").count() >= 3
    everything = page.get_by_test_id("event").count()
    screenshot("timeline")

    page.get_by_test_id("filters").locator("select[name=actor]").select_option(actor)
    page.wait_for_url(re.compile(rf"[?&]actor={actor}"))
    # Locator waits, not wait_for_function: our CSP forbids the eval it relies on.
    expect(page.get_by_test_id("event")).not_to_have_count(everything)
    filtered_url = page.url
    assert (
        page.locator(f'[data-testid="event"][data-event-id="{truce.pk}"]').count() == 1
    )

    open_event_and_check_panel(page, truce)
    panel_url = page.url
    assert f"actor={actor}" in panel_url
    screenshot("event-panel")

    follow_evidence_to_article(page)
    screenshot("article-sentence")

    page.go_back()
    page.wait_for_url(panel_url)
    page.get_by_test_id("event-detail").wait_for()
    page.go_back()
    page.wait_for_url(filtered_url)
    expect(page.get_by_test_id("event-detail")).to_have_count(0)
    assert page.locator("select[name=actor]").input_value() == actor

    # The copied URL, opened by someone else, shows the same state.
    other = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        shared = other.new_page()
        shared.goto(panel_url)
        panel = shared.get_by_test_id("event-detail")
        assert truce.title in panel.inner_text()
        assert shared.locator("select[name=actor]").input_value() == actor
        assert (
            shared.get_by_test_id("event").count()
            == page.get_by_test_id("event").count()
        )
        ARTIFACTS.mkdir(exist_ok=True)
        shared.screenshot(path=str(ARTIFACTS / "shared-phone.png"), full_page=True)
    finally:
        other.close()


def test_without_javascript_the_same_journey_reaches_the_same_pages(
    live_server, demo_articles, browser
):
    truce, actor = the_truce()
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.goto(live_server.url + "/")
        filters = page.get_by_test_id("filters")
        filters.locator("select[name=actor]").select_option(actor)
        filters.get_by_role("button", name="Apply").click()
        page.wait_for_url(re.compile(rf"[?&]actor={actor}"))
        open_event_and_check_panel(page, truce)
        follow_evidence_to_article(page)
        page.go_back()
        page.wait_for_url(re.compile(rf"event={truce.pk}"))
        assert page.get_by_test_id("event-detail").count() == 1
    finally:
        context.close()
