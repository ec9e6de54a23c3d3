"""A realistic synthetic timeline, written in bulk: for measuring pages at scale.

Events are spread over fifteen years at mixed precisions; each is reported by one to
five outlets, in articles of that outlet and day, one sentence per report; actors follow
a long-tailed frequency (a few in most events, most in few). Deterministic for a seed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.text import slugify

from articles.extraction.actors import actor_key
from articles.models import Article, Sentence

from .dates import iso_at_precision
from .models import (
    Actor,
    ActorAlias,
    Event,
    EventActor,
    EventKind,
    Evidence,
    Place,
    PlaceAlias,
    alias_form,
    reading_fingerprint,
)

OUTLETS = [
    "Synthetic Wire",
    "Daily Dispatch",
    "Frontline Report",
    "Evening Courier",
    "Regional Monitor",
    "Global Desk",
    "Border Herald",
    "Capital Times",
    "Field Notes",
    "Harbour Gazette",
    "Mountain Post",
    "River Chronicle",
]
KINDS = [k for k in EventKind.values]
VERBS = {
    "meeting": "met with",
    "agreement": "signed an agreement with",
    "ceasefire_start": "began observing a ceasefire with",
    "ceasefire_end": "ended the truce with",
    "statement": "issued a statement on",
    "negotiation": "held talks with",
    "attack": "shelled positions held by",
    "other": "exchanged prisoners with",
}
PRECISIONS = [
    ("day", 60),
    ("minute", 10),
    ("hour", 5),
    ("week", 5),
    ("month", 15),
    ("year", 5),
]
BATCH = 5000


@dataclass
class _Plan:
    events: list[Event] = field(default_factory=list)
    actors_of: list[list[int]] = field(default_factory=list)
    place_of: list[int] = field(default_factory=list)
    reports: dict[tuple[str, dt.date], list[tuple[int, str]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    reference: tuple[Actor, int] | None = None


REFERENCE_ACTOR = "Reference Monitoring Group"


def synthesize(
    *, events: int, seed: int = 7, actors: int | None = None, reference: int = 0
) -> dict:
    """Add ``events`` synthetic events (and their articles, actors and places).

    ``reference`` of them (at most) go to one actor, the "Reference Monitoring Group",
    and to it alone: a view of the same size whatever the size of the timeline, for
    measuring what the rest of the data costs a view."""
    rng = random.Random(seed)
    actor_count = actors or max(50, min(5000, events // 20))
    with transaction.atomic():
        actor_rows = _actors(actor_count, seed)
        place_rows = _places(max(30, min(600, events // 100)), seed)
        plan = _plan(events, rng, actor_rows, place_rows)
        if reference:
            _reference(plan, min(reference, events), seed)
        Event.objects.bulk_create(plan.events, batch_size=BATCH)
        counts = _reports(plan, seed)
        _links(plan, actor_rows, place_rows)
    return {
        "events": events,
        "actors": actor_count,
        "places": len(place_rows),
        **counts,
    }


def _actors(count: int, seed: int) -> list[Actor]:
    kinds = ["state", "group", "person", "organisation"]
    rows = Actor.objects.bulk_create(
        (
            Actor(
                name=f"Actor {seed}-{i:05d}",
                slug=f"actor-{seed}-{i:05d}",
                kind=kinds[i % len(kinds)],
            )
            for i in range(count)
        ),
        batch_size=BATCH,
    )
    ActorAlias.objects.bulk_create(
        (
            ActorAlias(
                actor=a,
                name=name,
                normalised=alias_form(name),
                key=actor_key(name),
                is_canonical=name == a.name,
            )
            for a in rows
            for name in (a.name, a.name.replace("Actor", "Akteur"))
        ),
        batch_size=BATCH,
        ignore_conflicts=True,
    )
    return rows


def _places(count: int, seed: int) -> list[Place]:
    rows = Place.objects.bulk_create(
        (
            Place(name=f"Town {seed}-{i:04d}", slug=f"town-{seed}-{i:04d}")
            for i in range(count)
        ),
        batch_size=BATCH,
    )
    PlaceAlias.objects.bulk_create(
        (PlaceAlias(place=p, name=p.name, normalised=alias_form(p.name)) for p in rows),
        batch_size=BATCH,
        ignore_conflicts=True,
    )
    return rows


def _plan(
    count: int, rng: random.Random, actors: list[Actor], places: list[Place]
) -> _Plan:
    plan = _Plan()
    first = dt.datetime(2010, 1, 1, tzinfo=dt.UTC)
    span = 15 * 365 * 24 * 3600
    weights = [1 / (rank + 1) ** 1.1 for rank in range(len(actors))]  # long tail
    precisions, shares = zip(*PRECISIONS, strict=True)
    for i in range(count):
        moment = first + dt.timedelta(seconds=rng.randrange(span))
        precision = rng.choices(precisions, shares)[0]
        start, end = _interval(moment, precision)
        kind = rng.choice(KINDS)
        who = sorted(set(rng.choices(range(len(actors)), weights, k=rng.randint(1, 3))))
        where = rng.randrange(len(places))
        title = (
            f"{actors[who[0]].name} {VERBS[kind]} "
            f"{actors[who[-1]].name if len(who) > 1 else 'local forces'} "
            f"near {places[where].name}"
        )
        plan.events.append(
            Event(title=title, kind=kind, start=start, end=end, precision=precision)
        )
        plan.actors_of.append(who)
        plan.place_of.append(where)
        published = (end + dt.timedelta(days=rng.randint(0, 2))).date()
        for outlet in rng.sample(OUTLETS, rng.randint(1, 5)):
            plan.reports[(outlet, published)].append(
                (
                    i,
                    f"{title}, {outlet} reported ({iso_at_precision(start, precision)}).",
                )
            )
    return plan


def _reference(plan: _Plan, count: int, seed: int) -> None:
    """Give the first ``count`` planned events to the reference actor alone."""
    actor = Actor.objects.create(
        name=REFERENCE_ACTOR, slug=slugify(REFERENCE_ACTOR), kind="organisation"
    )
    ActorAlias.objects.create(actor=actor, name=actor.name, is_canonical=True)
    plan.reference = (actor, count)


def _interval(moment: dt.datetime, precision: str) -> tuple[dt.datetime, dt.datetime]:
    if precision == "year":
        start = moment.replace(month=1, day=1, hour=0, minute=0, second=0)
        return start, start.replace(month=12, day=31, hour=23, minute=59)
    if precision == "month":
        start = moment.replace(day=1, hour=0, minute=0, second=0)
        following = (start + dt.timedelta(days=32)).replace(day=1)
        return start, following - dt.timedelta(minutes=1)
    if precision == "week":
        start = (moment - dt.timedelta(days=moment.weekday())).replace(
            hour=0, minute=0, second=0
        )
        return start, start + dt.timedelta(days=6, hours=23, minutes=59)
    if precision == "day":
        start = moment.replace(hour=0, minute=0, second=0)
        return start, start.replace(hour=23, minute=59)
    if precision == "hour":
        start = moment.replace(minute=0, second=0)
        return start, start.replace(minute=59)
    start = moment.replace(second=0)
    return start, start


def _reports(plan: _Plan, seed: int) -> dict:
    """One article per outlet and day; one sentence per report; one piece of evidence
    per sentence."""
    articles, bodies = [], []
    for n, ((outlet, published), reports) in enumerate(sorted(plan.reports.items())):
        text, spans = "", []
        for event_index, sentence in reports:
            spans.append((event_index, len(text), sentence))
            text += sentence + " "
        articles.append(
            Article(
                url=f"https://synthetic.example/{seed}/{slugify(outlet)}/{published}/{n}",
                outlet=outlet,
                title=f"{outlet}: the day's reports, {published:%d %B %Y}",
                published_at=published,
                text=text.strip(),
                content_hash=hashlib.sha256(text.strip().encode()).hexdigest(),
                extraction_status=Article.ExtractionStatus.DONE,
                extractor_version="synthetic",
            )
        )
        bodies.append(spans)
    Article.objects.bulk_create(articles, batch_size=BATCH)
    sentences, owners = [], []
    for article, spans in zip(articles, bodies, strict=True):
        for index, (event_index, start, text) in enumerate(spans):
            sentences.append(
                Sentence(
                    article=article,
                    index=index,
                    start=start,
                    end=start + len(text),
                    text=text,
                )
            )
            owners.append(event_index)
    Sentence.objects.bulk_create(sentences, batch_size=BATCH)
    evidence = []
    for sentence, event_index in zip(sentences, owners, strict=True):
        event = plan.events[event_index]
        evidence.append(
            Evidence(
                event=event,
                sentence=sentence,
                kind=event.kind,
                title=event.title,
                trigger=event.kind,
                trigger_start=0,
                trigger_end=5,
                start=event.start,
                end=event.end,
                precision=event.precision,
                resolution=Evidence.Resolution.ABSOLUTE,
                fingerprint=reading_fingerprint(
                    sentence.article_id, sentence.text, 0, event.kind
                ),
            )
        )
    Evidence.objects.bulk_create(evidence, batch_size=BATCH)
    return {
        "articles": len(articles),
        "sentences": len(sentences),
        "evidence": len(evidence),
    }


def _links(plan: _Plan, actors: list[Actor], places: list[Place]) -> None:
    reference, count = plan.reference or (None, 0)
    EventActor.objects.bulk_create(
        (
            EventActor(event=event, actor=reference if n < count else actors[a])
            for n, (event, who) in enumerate(
                zip(plan.events, plan.actors_of, strict=True)
            )
            for a in (who[:1] if n < count else who)
        ),
        batch_size=BATCH,
    )
    PlaceLink = Event.places.through
    PlaceLink.objects.bulk_create(
        (
            PlaceLink(event_id=event.pk, place_id=places[where].pk)
            for event, where in zip(plan.events, plan.place_of, strict=True)
        ),
        batch_size=BATCH,
    )
