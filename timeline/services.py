"""Write paths for the timeline: turning an article's extraction into events, merging the
same real event across articles, and keeping each event's fields true to its evidence."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence

from django.db import transaction
from django.db.models import Q

from articles.extraction.actors import actor_key, canonical_name
from articles.extraction.events import kind_family
from articles.extraction.types import (
    ActorMention,
    ArticleExtraction,
    EventCandidate,
    PlaceMention,
)
from articles.models import Article, Sentence

from .matching import Reading, group_readings
from .models import (
    PRECISION_RANK,
    Actor,
    ActorAlias,
    Event,
    EventActor,
    EventKind,
    Evidence,
    Place,
    PlaceAlias,
    alias_form,
    unique_slug,
)

FAMILY_KINDS: dict[str, list[str]] = {}
for _kind in EventKind.values:
    FAMILY_KINDS.setdefault(kind_family(_kind), []).append(_kind)


# Actors and places --------------------------------------------------------------------


def resolve_actor(mention: ActorMention) -> Actor:
    """The stored actor for a mention, created on first sight; every written form is kept
    as an alias so the actor can be found by any of them. The display name is chosen
    from all full names seen, so it does not depend on which article came first."""
    key = actor_key(mention.canonical)
    alias = (
        ActorAlias.objects.select_related("actor")
        .filter(Q(key=key) | Q(normalised=alias_form(mention.canonical)))
        .order_by("id")
        .first()
    )
    if alias is not None:
        actor = alias.actor
    else:
        actor = Actor.objects.create(
            name=mention.canonical, slug=unique_slug(Actor, mention.canonical), kind=mention.kind
        )
    canonical, created = ActorAlias.objects.get_or_create(
        normalised=alias_form(mention.canonical),
        defaults={"actor": actor, "name": mention.canonical, "is_canonical": True},
    )
    if not created and not canonical.is_canonical and canonical.actor_id == actor.pk:
        ActorAlias.objects.filter(pk=canonical.pk).update(is_canonical=True)
    if mention.text != mention.canonical:
        ActorAlias.objects.get_or_create(
            normalised=alias_form(mention.text), defaults={"actor": actor, "name": mention.text}
        )
    names = actor.aliases.filter(is_canonical=True).values_list("name", flat=True)
    name = canonical_name(names) if names else actor.name
    if name != actor.name:
        Actor.objects.filter(pk=actor.pk).update(name=name)
        actor.name = name
    return actor


def resolve_place(mention: PlaceMention) -> Place:
    alias = PlaceAlias.objects.select_related("place").filter(
        normalised=alias_form(mention.canonical)
    ).first()
    if alias is not None:
        place = alias.place
    else:
        place = Place.objects.create(
            name=mention.canonical,
            slug=unique_slug(Place, mention.canonical),
            country=mention.country,
        )
    for name in {mention.canonical, mention.text}:
        PlaceAlias.objects.get_or_create(
            normalised=alias_form(name), defaults={"place": place, "name": name}
        )
    return place


# Recording an article's extraction -----------------------------------------------------


@transaction.atomic
def forget_article(*, article: Article) -> None:
    """Drop what an article contributed, before it is extracted again."""
    touched = set(
        Evidence.objects.filter(sentence__article=article).values_list("event_id", flat=True)
    )
    Evidence.objects.filter(sentence__article=article).delete()
    refresh_events(event_ids=touched)


@transaction.atomic
def record_extraction(
    *, article: Article, extraction: ArticleExtraction, sentences: Sequence[Sentence]
) -> list[Evidence]:
    """Store the article's event candidates as evidence and merge them into events."""
    actor_rows = {m.canonical: resolve_actor(m) for m in extraction.actors}
    places = {m.canonical: m for m in extraction.places}
    place_rows = {name: resolve_place(m) for name, m in sorted(places.items())}
    for mention in extraction.places:
        if mention.text != mention.canonical:
            resolve_place(mention)

    created = []
    for candidate in extraction.events:
        sentence = sentences[candidate.sentence_index]
        event = Event.objects.create(title=candidate.title[:300], kind=candidate.kind)
        evidence = Evidence.objects.create(
            event=event, sentence=sentence, **_evidence_fields(candidate, sentence)
        )
        evidence.actors.set({actor_rows[m.canonical] for m in candidate.actors})
        evidence.places.set({place_rows[p.canonical] for p in candidate.places})
        created.append(evidence)
    merge_evidence(evidence=created)
    return created


def _evidence_fields(candidate: EventCandidate, sentence: Sentence) -> dict:
    offset = sentence.start
    timex = candidate.timex
    interval = timex.interval if timex else None
    mentions = [
        {"start": m.start - offset, "end": m.end - offset, "kind": "actor", "label": m.canonical}
        for m in candidate.actors
        if sentence.start <= m.start and m.end <= sentence.end
    ] + [
        {"start": p.start - offset, "end": p.end - offset, "kind": "place", "label": p.canonical}
        for p in candidate.places
        if sentence.start <= p.start and p.end <= sentence.end
    ]
    return {
        "kind": candidate.kind,
        "title": candidate.title[:300],
        "trigger": candidate.trigger[:100],
        "trigger_start": candidate.trigger_start - offset,
        "trigger_end": candidate.trigger_end - offset,
        "ordinal": candidate.ordinal,
        "time_text": timex.text[:200] if timex else "",
        "time_start": timex.start - offset if timex else None,
        "time_end": timex.end - offset if timex else None,
        "time_value": timex.value[:64] if timex else "",
        "resolution": str(timex.anchor) if interval else Evidence.Resolution.NONE,
        "start": _aware(interval.start) if interval else None,
        "end": _aware(interval.end) if interval else None,
        "precision": str(interval.precision) if interval else "",
        "confidence": candidate.confidence,
        "mentions": sorted(mentions, key=lambda m: (m["start"], m["end"])),
    }


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


# Merging -------------------------------------------------------------------------------


def merge_evidence(*, evidence: Iterable[Evidence]) -> None:
    """Regroup the given evidence with the evidence it may describe the same event as.

    Blocking keeps this local: only evidence of the same kind family whose dates overlap
    is compared. The groups are the connected components of a symmetric "same event"
    relation over that pool, so the result does not depend on the order articles came in.
    """
    evidence = list(evidence)
    touched = {e.event_id for e in evidence}
    seeds = [e for e in evidence if e.start is not None]
    if seeds:
        touched |= _regroup(seeds)
    refresh_events(event_ids=touched)


def _regroup(seeds: list[Evidence]) -> set[int]:
    """Group the seeds with their blocked neighbours; returns the events touched."""
    pool = _blocked_pool(seeds)
    by_id = {evidence.pk: evidence for evidence in pool}
    groups = group_readings([Reading.of(evidence) for evidence in pool])
    touched: set[int] = set()
    for group in groups:
        touched |= _settle_group([by_id[reading.evidence_id] for reading in group])
    return touched


def _blocked_pool(seeds: list[Evidence]) -> list[Evidence]:
    """The seeds, the evidence overlapping them in date and kind family, and the rest of the
    evidence of every event those belong to (an event is regrouped as a whole)."""
    window = Q()
    for e in seeds:
        window |= Q(kind__in=FAMILY_KINDS[kind_family(e.kind)], start__lte=e.end, end__gte=e.start)
    automatic = Evidence.objects.filter(event__status=Event.Status.AUTO)
    neighbours = automatic.filter(window)
    events = set(neighbours.values_list("event_id", flat=True)) | {e.event_id for e in seeds}
    return list(
        automatic.filter(Q(pk__in=[e.pk for e in seeds]) | Q(event_id__in=events))
        .select_related("sentence__article")
        .prefetch_related("actors", "places")
    )


def _settle_group(members: list[Evidence]) -> set[int]:
    """Put a group's evidence on one event: the one already holding most of it."""
    holding = Counter(e.event_id for e in members)
    keep = min(holding, key=lambda event_id: (-holding[event_id], event_id))
    moved = [e.pk for e in members if e.event_id != keep]
    if moved:
        Evidence.objects.filter(pk__in=moved).update(event_id=keep)
    return set(holding)


def refresh_events(*, event_ids: Iterable[int]) -> None:
    """Recompute automatic events from their evidence; drop those left with none."""
    for event in Event.objects.filter(pk__in=set(event_ids)).prefetch_related(
        "evidence__actors", "evidence__places", "evidence__sentence__article"
    ):
        pieces = list(event.evidence.all())
        if not pieces:
            if event.status == Event.Status.AUTO:
                event.delete()
            continue
        if event.status != Event.Status.AUTO:
            continue
        _apply_evidence(event, pieces)


def _representative(pieces: list[Evidence]) -> Evidence:
    return max(
        pieces,
        key=lambda e: (
            e.start is not None,
            PRECISION_RANK.get(e.precision, -1),
            e.confidence,
            # Then a stable key, so the choice does not depend on arrival order.
            _reverse(e.sentence.article.url),
            -e.sentence.index,
        ),
    )


def _reverse(text: str) -> tuple[int, ...]:
    """Sorts strings in reverse inside a max() key."""
    return tuple(-ord(c) for c in text)


def _apply_evidence(event: Event, pieces: list[Evidence]) -> None:
    best = _representative(pieces)
    kinds = Counter(e.kind for e in pieces)
    event.kind = max(kinds, key=lambda k: (kinds[k], k == best.kind, k))
    event.title = best.title
    event.ordinal = next((e.ordinal for e in pieces if e.ordinal), None)
    dated = [e for e in pieces if e.start is not None]
    if dated:
        start = max(e.start for e in dated)
        end = min(e.end for e in dated)
        if start <= end:
            finest = max(dated, key=lambda e: PRECISION_RANK[e.precision])
            event.start, event.end, event.precision = start, end, finest.precision
            event.sources_disagree = False
        else:
            event.start, event.end, event.precision = best.start, best.end, best.precision
            event.sources_disagree = True
    else:
        event.start = event.end = None
        event.precision = ""
        event.sources_disagree = False
    event.save()
    actor_ids = {a.pk for e in pieces for a in e.actors.all()}
    EventActor.objects.filter(event=event).exclude(actor_id__in=actor_ids).delete()
    existing = set(EventActor.objects.filter(event=event).values_list("actor_id", flat=True))
    EventActor.objects.bulk_create(
        EventActor(event=event, actor_id=a) for a in sorted(actor_ids - existing)
    )
    event.places.set({p.pk for e in pieces for p in e.places.all()})
