"""The timeline as data: the export_timeline schema, read by the golden scorer."""

from __future__ import annotations

import json
from collections.abc import Iterator

from .dates import iso_at_precision
from .models import Actor, Event

SCHEMA_VERSION = 1


def actor_records(ids: set[int] | None = None) -> list[dict]:
    """Actors (all, or those of ``ids``) with their aliases."""
    actors = Actor.objects.prefetch_related("aliases").order_by("name", "id")
    if ids is not None:
        actors = actors.filter(pk__in=ids)
    return [
        {
            "name": actor.name,
            "kind": actor.kind,
            "aliases": sorted({a.name for a in actor.aliases.all()} - {actor.name}),
        }
        for actor in actors
    ]


def event_record(event: Event) -> dict:
    return {
        "title": event.title,
        "kind": event.kind,
        "start": iso_at_precision(event.start, event.precision),
        "end": iso_at_precision(event.end, event.precision),
        "precision": event.precision or None,
        "ordinal": event.ordinal,
        "status": event.status,
        "sources_disagree": event.sources_disagree,
        "actors": sorted(ea.actor.name for ea in event.event_actors.all()),
        "places": sorted(p.name for p in event.places.all()),
        "evidence": [
            {
                "article_url": ev.sentence.article.url,
                "outlet": ev.sentence.article.outlet,
                "published_at": ev.sentence.article.published_at.isoformat(),
                "sentence_index": ev.sentence.index,
                "sentence": ev.sentence.text,
                "time_expression": {
                    "text": ev.time_text,
                    "start": ev.time_start,
                    "end": ev.time_end,
                    "value": ev.time_value,
                    "resolution": ev.resolution,
                }
                if ev.time_text
                else None,
            }
            for ev in sorted(
                event.evidence.all(),
                # A total order: two readings of one sentence by where their words are.
                key=lambda e: (
                    e.sentence.article.url,
                    e.sentence.index,
                    e.trigger_start,
                    e.kind,
                ),
            )
        ],
    }


def event_records(events) -> Iterator[dict]:
    records = [event_record(e) for e in events.for_timeline()]
    records.sort(key=_order)
    yield from records


def _order(record: dict) -> tuple:
    """Chronological, undated last; ties broken by content, never by database ids."""
    first = record["evidence"][0] if record["evidence"] else {}
    return (
        record["start"] is None,
        record["start"] or "",
        record["kind"],
        record["title"],
        first.get("article_url", ""),
        first.get("sentence_index", 0),
        json.dumps(record, sort_keys=True),  # the rest, so ties never fall to row ids
    )


def timeline_document(events=None) -> dict:
    events = events if events is not None else Event.objects.visible()
    return {
        "schema": SCHEMA_VERSION,
        "actors": actor_records(),
        "events": list(event_records(events)),
    }
