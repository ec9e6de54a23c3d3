"""Whether two pieces of evidence tell of the same real event.

A symmetric predicate over readings, so grouping by it does not depend on the order in
which articles arrive.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from articles.extraction.events import kind_family

FINE = {"day", "hour", "minute"}
# Kinds whose events are rare enough that the same kind on the same day, with nothing
# contradicting it, is the same event.
DISTINCTIVE_FAMILIES = {"ceasefire_start", "ceasefire_end", "agreement"}


@dataclass(frozen=True, slots=True)
class Reading:
    """What one sentence says of an event, as the matcher needs it."""

    family: str
    start: dt.datetime
    end: dt.datetime
    precision: str
    ordinal: int | None
    trigger: str
    actors: frozenset[int]
    places: frozenset[int]
    article: int
    sentence: int

    @classmethod
    def of(cls, evidence) -> Reading:
        return cls(
            family=kind_family(evidence.kind),
            start=evidence.start,
            end=evidence.end,
            precision=evidence.precision,
            ordinal=evidence.ordinal,
            trigger=evidence.trigger,
            actors=frozenset(a.pk for a in evidence.actors.all()),
            places=frozenset(p.pk for p in evidence.places.all()),
            article=evidence.sentence.article_id,
            sentence=evidence.sentence_id,
        )


def same_event(a: Reading, b: Reading) -> bool:
    if a.family != b.family or a.sentence == b.sentence:
        return False
    if a.start > b.end or b.start > a.end:
        return False
    if a.precision in FINE and b.precision in FINE and a.start.date() != b.start.date():
        return False
    if a.ordinal and b.ordinal and a.ordinal != b.ordinal:
        return False
    shared_actors = bool(a.actors & b.actors)
    shared_places = bool(a.places & b.places)
    contradicted = (a.actors and b.actors and not shared_actors) and (
        a.places and b.places and not shared_places
    )
    if contradicted:
        return False
    if a.article == b.article and not (shared_actors or a.ordinal and a.ordinal == b.ordinal):
        # One article tells of two events of a kind more often than it repeats one.
        return False
    evidence = 2 * shared_actors + shared_places + (a.trigger == b.trigger)
    evidence += 2 * bool(a.ordinal and a.ordinal == b.ordinal)
    if evidence >= 2:
        return True
    if evidence == 1 and a.family != "statement":
        return True
    return (
        a.family in DISTINCTIVE_FAMILIES
        and a.precision in FINE
        and b.precision in FINE
    )
