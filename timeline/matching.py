"""Whether two pieces of evidence tell of the same real event.

A symmetric predicate over readings, so grouping by it does not depend on the order in
which articles arrive.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from articles.extraction.actors.names import actor_key
from articles.extraction.kinds import distinctive, kind_family, same_act
from articles.extraction.speakers import speakers_agree

FINE = {"day", "hour", "minute"}
COARSE = {"year"}


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
    people: frozenset[int]
    article: int
    sentence: int
    evidence_id: int = 0
    url: str = ""
    sentence_index: int = 0
    trigger_start: int = 0
    resolution: str = ""
    speakers: frozenset[str] = frozenset()  # actor keys of who makes a remark
    speaker_scope: frozenset[str] = frozenset()  # and of the states they belong to

    @property
    def single_day(self) -> bool:
        return self.end - self.start < dt.timedelta(days=1)

    @property
    def coarse(self) -> bool:
        return self.precision in COARSE

    def same_speaker(self, other: Reading) -> bool:
        """Whether this remark and the other can be one speaker's."""
        return speakers_agree(
            self.speakers, self.speaker_scope, other.speakers, other.speaker_scope
        )

    def key(self) -> tuple:
        """A content key, the same whatever order the evidence was stored in."""
        return (self.url, self.sentence_index, self.trigger_start)

    @classmethod
    def of(cls, evidence) -> Reading:
        """A reading of stored evidence that carries the ids services.with_links sets."""
        return cls(
            family=kind_family(evidence.kind),
            start=evidence.start,
            end=evidence.end,
            precision=evidence.precision,
            ordinal=evidence.ordinal,
            trigger=evidence.trigger,
            actors=evidence.actor_ids,
            people=evidence.person_ids,
            places=evidence.place_ids,
            article=evidence.sentence.article_id,
            sentence=evidence.sentence_id,
            evidence_id=evidence.pk,
            url=evidence.sentence.article.url,
            sentence_index=evidence.sentence.index,
            trigger_start=evidence.trigger_start,
            resolution=evidence.resolution,
            speakers=frozenset(actor_key(name) for name, _ in evidence.speakers or ()),
            speaker_scope=frozenset(
                actor_key(name)
                for pair in evidence.speakers or ()
                for name in pair
                if name
            ),
        )


def cannot_link(a: Reading, b: Reading) -> bool:
    """Readings that can never be one event, whatever else links them."""
    if a.family != b.family:
        return True
    if reported_late(a, b):
        pass  # a report by its tense may tell of the day before
    elif a.start > b.end or b.start > a.end:
        return True
    elif a.single_day and b.single_day and a.start.date() != b.start.date():
        return True
    if a.family == "statement" and a.people and b.people and not a.people & b.people:
        return True  # two named speakers: two statements, even from one government
    if a.family == "statement" and (
        a.speakers and b.speakers or a.article == b.article
    ):
        # "Ukraine and Turkey said" and "Turkey's defence ministry said": two remarks;
        # in one article, remarks by speakers not known to be one are two.
        if not refers(a, b) and not a.same_speaker(b):
            return True
    return bool(a.ordinal and b.ordinal and a.ordinal != b.ordinal)


def same_event(a: Reading, b: Reading) -> bool:
    if a.sentence == b.sentence or cannot_link(a, b):
        return False
    if "window" in {a.resolution, b.resolution}:
        return points_to(a, b)
    if a.coarse != b.coarse:
        return False  # "in 2019" says too little to be tied to a day
    shared_actors = bool(a.actors & b.actors)
    shared_places = bool(a.places & b.places)
    contradicted = (a.actors and b.actors and not shared_actors) and (
        a.places and b.places and not shared_places
    )
    if contradicted:
        return False
    if a.article == b.article and refers(a, b):
        return True  # the article dated one mention by the event the other tells of
    if a.article == b.article and not (
        shared_actors or a.ordinal and a.ordinal == b.ordinal
    ):
        # One article tells of two events of a kind more often than it repeats one.
        return False
    evidence = 2 * shared_actors + shared_places + same_act(a.trigger, b.trigger)
    evidence += 2 * bool(a.ordinal and a.ordinal == b.ordinal)
    if evidence >= 2:
        return True
    if evidence == 1 and a.family != "statement":
        return True
    return distinctive(a.family) and a.precision in FINE and b.precision in FINE


# Dates a reading did not read in its own words: its tense, or the mention it refers to.
BORROWED = {"tense", "reference"}


def reported_late(a: Reading, b: Reading) -> bool:
    """ "Have signed" in a report of Friday tells of Friday or the day before: a reading
    dated by its tense alone agrees with one of the day before that says its date.
    Not a remark: "X denies" is a remark of the day it is reported."""
    if a.family == "statement":
        return False
    for late, other in ((a, b), (b, a)):
        if (
            late.resolution == "tense"
            and other.resolution not in BORROWED
            and other.single_day
            and other.start.date() == late.start.date() - dt.timedelta(days=1)
        ):
            return True
    return False


def points_to(a: Reading, b: Reading) -> bool:
    """A reference another outlet must date ("the deal", with no date, in a report of
    Friday) and an event told with its date in that week, by the same parties: one
    event. Never two references, never within one article."""
    if a.article == b.article:
        return False
    # The other must tell the event with a date of its own, not borrow one.
    if "reference" in {a.resolution, b.resolution} or a.resolution == b.resolution:
        return False
    if a.family == "statement":
        return a.same_speaker(b)
    return bool(a.actors & b.actors) and (
        same_act(a.trigger, b.trigger)
        or bool(a.places & b.places)
        or len(a.actors & b.actors) >= 2
    )


def refers(a: Reading, b: Reading) -> bool:
    """One reading took its date from the event the other tells of (coreference within
    an article): the same interval, one of them resolved by reference."""
    return "reference" in {a.resolution, b.resolution} and (a.start, a.end) == (
        b.start,
        b.end,
    )


def group_readings(readings: list[Reading]) -> list[list[Reading]]:
    """Group readings into events: link the most similar pairs first and never join two
    groups that hold a pair that cannot be one event. Pairs are visited in an order
    given by content alone, so the groups do not depend on arrival order."""
    ordered = sorted(readings, key=Reading.key)
    index = {r.evidence_id: i for i, r in enumerate(ordered)}
    groups: dict[int, list[Reading]] = {i: [r] for i, r in enumerate(ordered)}
    owner = list(range(len(ordered)))
    # Readings of different kind families never link: pair within each family only.
    families: dict[str, list[Reading]] = {}
    for reading in ordered:
        families.setdefault(reading.family, []).append(reading)
    pairs = [
        (-affinity(a, b), a.key(), b.key(), a, b)
        for family in families.values()
        for n, a in enumerate(family)
        for b in family[n + 1 :]
        if same_event(a, b)
    ]
    for *_, a, b in sorted(pairs, key=lambda p: p[:3]):
        ga, gb = owner[index[a.evidence_id]], owner[index[b.evidence_id]]
        if ga == gb:
            continue
        if any(cannot_link(x, y) for x in groups[ga] for y in groups[gb]):
            continue
        keep, gone = min(ga, gb), max(ga, gb)
        for r in groups.pop(gone):
            owner[index[r.evidence_id]] = keep
            groups[keep].append(r)
    return list(groups.values())


def affinity(a: Reading, b: Reading) -> int:
    """How much two readings share, to link the surest pairs first."""
    return (
        2 * len(a.actors & b.actors)
        + len(a.places & b.places)
        + same_act(a.trigger, b.trigger)
        + 2 * bool(a.ordinal and a.ordinal == b.ordinal)
        + (a.precision == b.precision)
    )
