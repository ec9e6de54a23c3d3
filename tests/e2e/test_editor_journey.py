"""An editor in a real browser: adds an article in the admin, sees its events on the
timeline, merges two of them, re-extracts the article, and finds the merge in place."""

from __future__ import annotations

import re

import pytest

from tests.conftest import EDITOR_PASSWORD
from timeline.models import Event, EventMerge

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TEXT = (
    "Government and rebel envoys met in Geneva on Monday to discuss a truce.\n\n"
    "The two sides agreed a ceasefire for the northern province on Tuesday, "
    "UN mediators said on Wednesday."
)


def run_action(page, label: str) -> None:
    page.select_option("select[name=action]", label=label)
    page.get_by_role("button", name=re.compile("^Go$|^Run$")).click()
    page.wait_for_load_state()


def test_editor_adds_an_article_merges_two_events_and_the_merge_survives(
    live_server, editor, page, screenshot
):
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", editor.username)
    page.fill("#id_password", EDITOR_PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")

    page.goto(live_server.url + "/admin/articles/article/add/")
    page.fill("#id_title", "Envoys agree a truce after Geneva talks")
    page.fill("#id_outlet", "Example Wire")
    page.fill("#id_url", "https://wire.example.com/2021/03/18/geneva")
    page.fill("#id_published_at", "2021-03-18")
    page.fill("#id_text", TEXT)
    page.click("input[name=_save]")
    page.wait_for_url("**/admin/articles/article/")
    assert "was added successfully" in page.inner_text(".messagelist")

    page.goto(live_server.url + "/")
    titles = page.get_by_test_id("event").all_inner_texts()
    assert any("Geneva" in t for t in titles), titles
    meeting = Event.objects.get(kind__in=["meeting", "negotiation"])
    agreement = Event.objects.get(kind="agreement")
    screenshot("editor-timeline-before-merge")

    page.goto(live_server.url + "/admin/timeline/event/")
    for event in (meeting, agreement):
        page.check(f"input[name=_selected_action][value='{event.pk}']")
    run_action(page, "Merge the selected events")
    assert "Merged into" in page.inner_text(".messagelist")
    merge = EventMerge.objects.get()
    kept = merge.kept

    page.goto(live_server.url + "/admin/articles/article/")
    page.check("input[name=_selected_action]")
    run_action(page, "Re-extract the selected articles")
    assert "Re-extraction of 1 article(s) queued" in page.inner_text(".messagelist")

    kept.refresh_from_db()
    assert kept.status == "confirmed"
    assert kept.evidence.count() == 2
    # No new automatic meeting or agreement came back beside the merged event.
    again = Event.objects.visible().filter(
        kind__in=["meeting", "negotiation", "agreement"]
    )
    assert list(again) == [kept]
    page.goto(live_server.url + f"/?event={kept.pk}")
    panel = page.get_by_test_id("event-detail")
    assert panel.get_by_test_id("evidence").count() == 2
    screenshot("editor-merge-after-reextraction")

    page.goto(live_server.url + f"/admin/timeline/event/{kept.pk}/history/")
    history = page.inner_text("#content")
    assert "Merged events" in history and editor.username in history
