"""What editors do to the timeline: confirm, reject, merge, undo a merge, split evidence
off, merge actors.

Every operation leaves the events it touches owned by editors (status other than
automatic) and records claims on their readings, so re-extraction puts each reading
back where the editor left it (services.record_extraction) and never rewrites the
event's fields. The admin records who did what in each object's history.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from .models import (
    Actor,
    ActorAlias,
    Event,
    EventActor,
    EventMerge,
    Evidence,
    EvidenceClaim,
)
from .services import apply_evidence, lock_timeline, refresh_events, with_links


def claim(events: Iterable[Event]) -> None:
    """Point the claims of every reading of these events at them."""
    rows = list(
        Evidence.objects.filter(event__in=list(events)).values_list(
            "fingerprint", "event_id"
        )
    )
    if not rows:
        return
    fingerprints = [f for f, _ in rows]
    EvidenceClaim.objects.filter(fingerprint__in=fingerprints).delete()
    EvidenceClaim.objects.bulk_create(
        EvidenceClaim(fingerprint=f, event_id=e) for f, e in rows if f
    )


@transaction.atomic
def set_status(events: Sequence[Event], status: str) -> list[Event]:
    """Confirm or reject events; returns those whose status changed."""
    lock_timeline()
    changed = [e for e in events if e.status != status]
    for event in changed:
        event.status = status
    Event.objects.bulk_update(changed, ["status"])
    claim(events)
    return changed


@transaction.atomic
def take_over(event: Event) -> None:
    """An editor saved the event: its fields are the editor's from now on."""
    lock_timeline()
    if event.status == Event.Status.AUTO:
        event.status = Event.Status.CONFIRMED
        event.save(update_fields=["status"])
    claim([event])


@transaction.atomic
def merge_events(events: Sequence[Event], *, user=None) -> EventMerge:
    """Merge events into the one with most evidence (the earliest on a tie). Evidence,
    actors and places move to it; the others are kept, marked merged, so the merge can
    be undone."""
    lock_timeline()
    kept, others = _survivor(Event, events, "evidence", "events")
    held_actors = set(kept.event_actors.values_list("actor_id", flat=True))
    held_places = set(kept.places.values_list("pk", flat=True))
    record = []
    for other in others:
        moved = list(other.evidence.values_list("fingerprint", flat=True))
        actors = (
            set(other.event_actors.values_list("actor_id", flat=True)) - held_actors
        )
        places = set(other.places.values_list("pk", flat=True)) - held_places
        EventActor.objects.bulk_create(
            EventActor(event=kept, actor_id=a) for a in sorted(actors)
        )
        kept.places.add(*places)
        held_actors |= actors
        held_places |= places
        other.evidence.update(event=kept)
        record.append(
            {
                "event": other.pk,
                "status": other.status,
                "fingerprints": moved,
                "actors": sorted(actors),
                "places": sorted(places),
            }
        )
        other.status = Event.Status.MERGED
        other.merged_into = kept
        other.save(update_fields=["status", "merged_into"])
    if kept.status == Event.Status.AUTO:
        # Until now the evidence decided its fields: let all of it decide once more.
        apply_evidence(kept, with_links(list(_pieces(kept))))
        kept.status = Event.Status.CONFIRMED
        kept.save()
    claim([kept])
    return EventMerge.objects.create(kept=kept, absorbed=record, user=user)


@transaction.atomic
def undo_merge(merge: EventMerge) -> list[Event]:
    """Give each absorbed event back its evidence, actors, places and status."""
    lock_timeline()
    # Claimed by one conditional write: of two editors undoing the same merge at once,
    # the second finds it undone (the row's lock makes it wait for the first's commit).
    if not EventMerge.objects.filter(pk=merge.pk, undone_at__isnull=True).update(
        undone_at=timezone.now()
    ):
        raise ValueError("This merge was already undone.")
    merge.refresh_from_db()
    restored = []
    for entry in merge.absorbed:
        event = Event.objects.filter(pk=entry["event"]).first()
        if event is None:
            continue
        Evidence.objects.filter(
            event=merge.kept, fingerprint__in=entry["fingerprints"]
        ).update(event=event)
        EventActor.objects.filter(
            event=merge.kept, actor_id__in=entry["actors"]
        ).delete()
        merge.kept.places.remove(*entry["places"])
        event.status = entry["status"]
        event.merged_into = None
        event.save(update_fields=["status", "merged_into"])
        restored.append(event)
    claim([merge.kept, *restored])
    refresh_events(event_ids=[e.pk for e in restored])
    return restored


SPLIT_ALL = (
    "Leave at least one sentence on the event: splitting off all of them would only "
    "copy it."
)


@transaction.atomic
def split_evidence(evidence: Sequence[Evidence]) -> Event:
    """Move some evidence of an event to a new event of its own, owned by editors."""
    lock_timeline()
    pieces = with_links(
        list(
            Evidence.objects.filter(pk__in=[e.pk for e in evidence]).select_related(
                "sentence__article"
            )
        )
    )
    if not pieces:
        raise ValueError("Choose the evidence to split off.")
    sources = {p.event_id for p in pieces}
    left = Evidence.objects.filter(event_id__in=sources).exclude(
        pk__in=[p.pk for p in pieces]
    )
    if sources - set(left.values_list("event_id", flat=True)):
        raise ValueError(SPLIT_ALL)
    event = Event(status=Event.Status.CONFIRMED)
    apply_evidence(event, pieces)
    event.save()
    Evidence.objects.filter(pk__in=[p.pk for p in pieces]).update(event=event)
    EventActor.objects.bulk_create(
        EventActor(event=event, actor_id=a)
        for a in sorted({a for p in pieces for a in p.actor_ids})
    )
    event.places.add(*{pl for p in pieces for pl in p.place_ids})
    claim([event])
    refresh_events(
        event_ids=sources
    )  # automatic sources follow their remaining evidence
    return event


@transaction.atomic
def merge_actors(actors: Sequence[Actor]) -> Actor:
    """Merge actors into the one with most aliases (the earliest on a tie): aliases,
    event roles and evidence links move to it; the others are deleted."""
    lock_timeline()
    kept, absorbed = _survivor(Actor, actors, "aliases", "actors")
    others = [a.pk for a in absorbed]
    ActorAlias.objects.filter(actor_id__in=others).update(
        actor=kept, is_canonical=False
    )
    held = set(kept.event_roles.values_list("event_id", flat=True))
    moving, doubled = [], []
    for pk, event_id in (
        EventActor.objects.filter(actor_id__in=others)
        .order_by("pk")
        .values_list("pk", "event_id")
    ):
        (doubled if event_id in held else moving).append(pk)
        held.add(event_id)
    EventActor.objects.filter(pk__in=doubled).delete()
    EventActor.objects.filter(pk__in=moving).update(actor=kept)
    Link = Evidence.actors.through
    linked = set(Link.objects.filter(actor=kept).values_list("evidence_id", flat=True))
    moving = list(Link.objects.filter(actor_id__in=others))
    Link.objects.bulk_create(
        Link(evidence_id=pk, actor=kept)
        for pk in sorted({m.evidence_id for m in moving} - linked)
    )
    Actor.objects.filter(pk__in=others).delete()
    return kept


def _survivor(model, chosen: Sequence, counted: str, plural: str):
    """What a merge keeps: of the chosen rows, the one with most ``counted`` (the
    earliest on a tie); and the others."""
    if len({c.pk for c in chosen}) < 2:
        raise ValueError(f"Choose two or more {plural} to merge.")
    rows = model.objects.filter(pk__in=[c.pk for c in chosen]).annotate(
        n=Count(counted)
    )
    kept = min(rows, key=lambda r: (-r.n, r.pk))
    return kept, [r for r in rows if r.pk != kept.pk]


def _pieces(event: Event):
    return Evidence.objects.filter(event=event).select_related("sentence__article")
