"""Editors' work through the real admin, logged in as a member of the Editors group, and
what re-extraction does to it: nothing."""

from __future__ import annotations

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from articles.models import Article
from tests.timeline.test_views import listed_ids
from timeline.models import Actor, ActorAlias, Event, EventMerge

pytestmark = pytest.mark.django_db


@pytest.fixture
def reextract(editor_client, django_capture_on_commit_callbacks):
    """Re-extract every article through the admin action, as an editor would."""

    def run() -> None:
        with django_capture_on_commit_callbacks(execute=True):
            response = editor_client.post(
                reverse("admin:articles_article_changelist"),
                {
                    "action": "reextract",
                    "_selected_action": list(
                        Article.objects.values_list("pk", flat=True)
                    ),
                },
                follow=True,
            )
        assert response.status_code == 200
        assert set(Article.objects.values_list("extraction_status", flat=True)) == {
            "done"
        }

    return run


def history(client, event) -> str:
    """The event's history page in the admin."""
    url = reverse("admin:timeline_event_history", args=[event.pk])
    return client.get(url).content.decode()


def act(client, model: str, action: str, objects) -> None:
    response = client.post(
        reverse(f"admin:timeline_{model}_changelist"),
        {"action": action, "_selected_action": [o.pk for o in objects]},
        follow=True,
    )
    assert response.status_code == 200, response.content[:500]


def two_events(kind: str | None = None) -> list[Event]:
    events = Event.objects.visible().dated().order_by("start", "pk")
    if kind:
        events = events.filter(kind=kind)
    return list(events[:2])


def test_editors_group_reaches_the_timeline_admin_but_not_user_management(
    editor_client,
):
    for name in (
        "articles_article_changelist",
        "articles_article_add",
        "timeline_event_changelist",
        "timeline_actor_changelist",
        "timeline_place_changelist",
        "timeline_eventmerge_changelist",
    ):
        assert editor_client.get(reverse(f"admin:{name}")).status_code == 200, name
    assert editor_client.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert editor_client.get(reverse("admin:auth_group_changelist")).status_code == 403


def test_article_list_and_page_show_extraction_and_the_events_citing_each_sentence(
    editor_client, demo_articles
):
    listing = editor_client.get(
        reverse("admin:articles_article_changelist")
    ).content.decode()
    assert (
        "Extraction status" in listing
        and "Error" in listing
        and "Extractor version" in listing
    )
    article = demo_articles[0]
    page = editor_client.get(
        reverse("admin:articles_article_change", args=[article.pk])
    ).content.decode()
    assert "Events citing it" in page
    cited = Event.objects.filter(evidence__sentence__article=article).first()
    assert reverse("admin:timeline_event_change", args=[cited.pk]) in page


def test_confirm_and_reject_are_recorded_and_survive_reextraction(
    editor_client, editor, demo_articles, reextract
):
    confirmed, rejected = two_events()
    act(editor_client, "event", "confirm", [confirmed])
    act(editor_client, "event", "reject", [rejected])
    rejected_sentences = set(rejected.evidence.values_list("sentence__text", flat=True))

    reextract()

    confirmed.refresh_from_db()
    rejected.refresh_from_db()
    assert confirmed.status == "confirmed" and confirmed.evidence.exists()
    assert rejected.status == "rejected" and rejected.evidence.exists()
    # The rejected readings went back to the rejected event, not to a new visible one.
    visible = Event.objects.visible().filter(
        evidence__sentence__text__in=rejected_sentences
    )
    assert not visible.filter(kind=rejected.kind, start=rejected.start).exists()
    assert rejected.pk not in listed_ids(editor_client.get("/").content.decode())
    page = history(editor_client, rejected)
    assert "Rejected." in page and "editor" in page


def test_edited_fields_are_kept_on_reextraction(
    editor_client, demo_articles, reextract
):
    event = two_events()[0]
    page = reverse("admin:timeline_event_change", args=[event.pk])
    form = editor_client.get(page).context["adminform"].form
    data = {
        **{
            k: v
            for k, v in form.initial.items()
            if v is not None and k not in {"places"}
        },
        "title": "Corrected headline by the desk",
        "kind": "negotiation",
        "start_0": "2017-07-06",
        "start_1": "00:00:00",
        "end_0": "2017-07-06",
        "end_1": "23:59:00",
        "precision": "day",
        "status": "auto",
        "event_actors-TOTAL_FORMS": "0",
        "event_actors-INITIAL_FORMS": "0",
        "evidence-TOTAL_FORMS": "0",
        "evidence-INITIAL_FORMS": "0",
    }
    data.pop("start", None)
    data.pop("end", None)
    response = editor_client.post(page, data, follow=True)
    assert response.status_code == 200
    event.refresh_from_db()
    assert event.title == "Corrected headline by the desk"
    assert event.status == "confirmed"  # edited: the editor's now

    reextract()

    event.refresh_from_db()
    assert (event.title, event.kind, event.start.date().isoformat()) == (
        "Corrected headline by the desk",
        "negotiation",
        "2017-07-06",
    )
    assert event.evidence.exists()
    page = history(editor_client, event)
    assert "Changed" in page and "Title" in page


def test_merge_survives_reextraction_and_can_be_undone(
    editor_client, demo_articles, reextract
):
    first, second = two_events()
    sentences = set(first.evidence.values_list("pk", flat=True)) | set(
        second.evidence.values_list("pk", flat=True)
    )
    act(editor_client, "event", "merge", [first, second])
    merge = EventMerge.objects.get()
    kept = merge.kept
    assert kept.evidence.count() == len(sentences)
    absorbed = Event.objects.get(pk=merge.absorbed[0]["event"])
    assert absorbed.status == "merged" and absorbed.merged_into == kept

    reextract()

    kept.refresh_from_db()
    assert kept.evidence.count() == len(sentences)
    assert not Event.objects.get(pk=absorbed.pk).evidence.exists()

    act(editor_client, "eventmerge", "undo", [merge])
    absorbed.refresh_from_db()
    assert absorbed.status != "merged" and absorbed.evidence.exists()
    assert kept.evidence.count() + absorbed.evidence.count() == len(sentences)
    assert LogEntry.objects.filter(
        object_id=str(kept.pk), change_message__contains="Merge undone"
    ).exists()


def test_split_evidence_off_into_a_new_event(editor_client, demo_articles, reextract):
    candidates = [e for e in Event.objects.visible().dated() if e.evidence.count() >= 2]
    event = candidates[0]
    pieces = list(event.evidence.order_by("pk"))
    page = reverse("admin:timeline_event_change", args=[event.pk])
    response = editor_client.get(page)
    data = _change_form_data(response)
    data["evidence-0-split_off"] = "on"
    response = editor_client.post(page, data, follow=True)
    assert response.status_code == 200
    assert "Split off into" in response.content.decode()
    moved = pieces[0]
    moved.refresh_from_db()
    new = moved.event
    assert new.pk != event.pk and new.status == "confirmed"
    text = moved.sentence.text

    reextract()

    assert Event.objects.get(pk=new.pk).evidence.filter(sentence__text=text).exists()
    assert (
        not Event.objects.get(pk=event.pk).evidence.filter(sentence__text=text).exists()
    )


def test_merge_actors_moves_aliases_and_later_articles_follow(
    editor_client, demo_articles, reextract
):
    actors = list(Actor.objects.filter(kind="person").order_by("pk")[:2])
    names = {a.name for a in actors}
    act(editor_client, "actor", "merge", actors)
    remaining = Actor.objects.filter(pk__in=[a.pk for a in actors])
    assert remaining.count() == 1
    kept = remaining.get()
    assert names <= set(kept.aliases.values_list("name", flat=True))

    # An editor adds a spelling variant by hand.
    page = reverse("admin:timeline_actor_change", args=[kept.pk])
    data = _change_form_data(editor_client.get(page))
    total = int(data["aliases-TOTAL_FORMS"])
    data.update(
        {
            "aliases-TOTAL_FORMS": str(total + 1),
            f"aliases-{total}-name": "Variant Spelling",
        }
    )
    assert editor_client.post(page, data, follow=True).status_code == 200
    assert ActorAlias.objects.get(name="Variant Spelling").origin == "editor"

    reextract()

    assert Actor.objects.filter(aliases__name__in=names).distinct().count() == 1
    assert ActorAlias.objects.filter(name="Variant Spelling", actor=kept).exists()


def _change_form_data(response) -> dict:
    """The values a change form would post back as it stands (inlines included)."""
    data = {}
    adminform = response.context["adminform"].form
    for name in adminform.fields:
        value = adminform[name].value()
        if value is None:
            continue
        widget = adminform[name].field.widget
        if hasattr(widget, "widgets") and isinstance(value, (list, tuple)):
            for i, part in enumerate(value):
                data[f"{name}_{i}"] = part
        elif hasattr(widget, "widgets"):
            for i, part in enumerate(widget.decompress(value)):
                data[f"{name}_{i}"] = "" if part is None else part
        elif isinstance(value, (list, tuple)):
            data[name] = [str(v) for v in value]
        else:
            data[name] = value
    for formset in response.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        for name in management.fields:
            data[f"{formset.formset.prefix}-{name}"] = management[name].value()
        for form in formset.formset.forms:
            for name in form.fields:
                value = form[name].value()
                if value is not None and value is not False:
                    data[form.add_prefix(name)] = value
    return data


def test_kept_events_whose_sentences_are_gone_can_be_found_for_review(
    editor_client, demo_articles, django_capture_on_commit_callbacks
):
    article = demo_articles[0]
    event = next(
        e
        for e in Event.objects.visible().order_by("pk")
        if set(e.evidence.values_list("sentence__article", flat=True)) == {article.pk}
    )
    act(editor_client, "event", "confirm", [event])
    page = reverse("admin:articles_article_change", args=[article.pk])
    data = _change_form_data(editor_client.get(page))
    data["text"] = "An unrelated paragraph about the weather in the mountains."
    with django_capture_on_commit_callbacks(execute=True):
        assert editor_client.post(page, data, follow=True).status_code == 200
    orphans = Event.objects.filter(evidence__isnull=True)
    assert event in orphans
    listing = editor_client.get(
        reverse("admin:timeline_event_changelist"), {"evidence": "none"}
    ).content.decode()
    for orphan in orphans:
        assert reverse("admin:timeline_event_change", args=[orphan.pk]) in listing
    event.refresh_from_db()
    # Kept, for an editor to decide; off the public timeline, with nothing to show.
    assert event.status == "unsourced"
    assert event not in Event.objects.visible()
