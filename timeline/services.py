"""Write paths for the timeline: turning an article's extraction into events, merging the
same real event across articles, and keeping each event's fields true to its evidence."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Sequence

from django.db import connection, transaction
from django.db.models import Q

from articles.extraction.actors.names import (
    actor_key,
    canonical_name,
    generic_reference,
)
from articles.extraction.kinds import family_kinds, kind_family
from articles.extraction.types import (
    ActorMention,
    Anchor,
    ArticleExtraction,
    EventCandidate,
    PlaceMention,
)
from articles.models import Article, Sentence

from .dates import shown
from .matching import Reading, group_readings
from .models import (
    PRECISION_RANK,
    Actor,
    ActorAlias,
    Event,
    EventActor,
    EventKind,
    Evidence,
    EvidenceClaim,
    Place,
    PlaceAlias,
    alias_form,
    reading_fingerprint,
    unique_slug,
)

FAMILY_KINDS = {kind_family(k): family_kinds(kind_family(k)) for k in EventKind.values}


# Actors and places --------------------------------------------------------------------


def resolve_actors(mentions: Sequence[ActorMention]) -> dict[str, Actor]:
    """Stored actors by canonical name for an article's mentions, created on first sight.

    Every written form is kept as an alias, so the actor can be found by any of them;
    the folded key ties spelling variants (Qasemi, Qassemi) to one actor. The display
    name is chosen from all full names seen, so it does not depend on which article
    came first. A fixed number of queries per article."""
    written: dict[str, set[str]] = {}
    kinds: dict[str, str] = {}
    for mention in mentions:
        # "the foreign ministry" names one body in its article only: not an alias.
        forms = {mention.canonical}
        if not generic_reference(mention.text):
            forms.add(mention.text)
        written.setdefault(mention.canonical, set()).update(forms)
        kinds.setdefault(mention.canonical, mention.kind)
    if not written:
        return {}
    forms = {alias_form(n): n for names in written.values() for n in names}
    keys = {actor_key(c): c for c in written}
    known = list(
        ActorAlias.objects.select_related("actor")
        .filter(Q(normalised__in=list(forms)) | Q(key__in=list(keys)))
        .order_by("id")
    )
    by_form = {a.normalised: a.actor for a in known}
    by_key: dict[str, Actor] = {}
    for alias in known:
        by_key.setdefault(alias.key, alias.actor)
    rows: dict[str, Actor] = {}
    for canonical in sorted(written):
        actor = by_form.get(alias_form(canonical)) or by_key.get(actor_key(canonical))
        if actor is None:
            # Another way this article writes it names a stored actor ("IDF" for the
            # "Israel Defense Forces (IDF)"): the same, whichever article came first.
            holders = {
                by_form[alias_form(n)].pk: by_form[alias_form(n)]
                for n in written[canonical]
                if alias_form(n) in by_form
            }
            actor = next(iter(holders.values())) if len(holders) == 1 else None
        if actor is None and kinds[canonical] == Actor.Kind.PERSON:
            actor = _same_person(canonical)
        if actor is None:
            actor = Actor.objects.create(
                name=canonical,
                slug=unique_slug(Actor, canonical),
                kind=kinds[canonical],
            )
            by_key[actor_key(canonical)] = actor
        rows[canonical] = actor
    new_aliases = [
        ActorAlias(
            actor=rows[canonical],
            name=name,
            normalised=alias_form(name),
            key=actor_key(name),
            is_canonical=name == canonical,
        )
        for canonical, names in sorted(written.items())
        for name in sorted(names)
        if alias_form(name) not in by_form
    ]
    # Another process may add the same form meanwhile: the first one stays.
    ActorAlias.objects.bulk_create(_unique_forms(new_aliases), ignore_conflicts=True)
    renamed = {a.actor_id for a in new_aliases if a.is_canonical}
    _rename_actors(actor_ids=renamed)
    for actor in rows.values():
        if actor.pk in renamed:
            actor.refresh_from_db(fields=["name"])
    return rows


def _same_person(name: str) -> Actor | None:
    """The one person another article named, for a name this one gives: "Putin" alone
    is the one person stored in full as "... Putin"; "Vladimir Putin" is the one person
    stored only as "Putin". Either order of the articles gives the same actor."""
    words = name.split()
    if len(words) == 1:
        holders = {
            alias.actor
            for alias in ActorAlias.objects.select_related("actor").filter(
                is_canonical=True,
                actor__kind=Actor.Kind.PERSON,
                name__iendswith=f" {name}",
            )
        }
    else:
        # Only a person known by the surname alone: one named in full is someone else.
        holders = {
            alias.actor
            for alias in ActorAlias.objects.select_related("actor").filter(
                is_canonical=True,
                actor__kind=Actor.Kind.PERSON,
                key=actor_key(words[-1]),
            )
            if len(alias.name.split()) == 1
        }
        full = set(
            ActorAlias.objects.filter(
                actor__in=holders, is_canonical=True, name__contains=" "
            ).values_list("actor_id", flat=True)
        )
        holders = {actor for actor in holders if actor.pk not in full}
    return holders.pop() if len(holders) == 1 else None


def _unique_forms(aliases: list[ActorAlias]) -> list[ActorAlias]:
    seen: dict[str, ActorAlias] = {}
    for alias in aliases:
        current = seen.get(alias.normalised)
        if current is None or alias.is_canonical and not current.is_canonical:
            seen[alias.normalised] = alias
    return list(seen.values())


def _rename_actors(*, actor_ids: set[int]) -> None:
    """Give each actor the display name canonical_name picks among its full names."""
    names: dict[int, list[str]] = {}
    for actor_id, name in ActorAlias.objects.filter(
        actor_id__in=actor_ids, is_canonical=True
    ).values_list("actor_id", "name"):
        names.setdefault(actor_id, []).append(name)
    for actor_id, candidates in names.items():
        Actor.objects.filter(pk=actor_id).update(name=canonical_name(candidates))


def resolve_places(mentions: Sequence[PlaceMention]) -> dict[str, Place]:
    """Stored places by canonical name for an article's mentions, created on first
    sight, with every written form kept as an alias. A fixed number of queries."""
    written: dict[str, set[str]] = {}
    first: dict[str, PlaceMention] = {}
    for mention in mentions:
        written.setdefault(mention.canonical, set()).update(
            {mention.canonical, mention.text}
        )
        first.setdefault(mention.canonical, mention)
    if not written:
        return {}
    forms = {alias_form(n) for names in written.values() for n in names}
    by_form = {
        a.normalised: a.place
        for a in PlaceAlias.objects.select_related("place").filter(normalised__in=forms)
    }
    rows: dict[str, Place] = {}
    for canonical in sorted(written):
        place = by_form.get(alias_form(canonical))
        if place is None:
            place = Place.objects.create(
                name=canonical,
                slug=unique_slug(Place, canonical),
                country=first[canonical].country,
            )
            by_form[alias_form(canonical)] = place
        rows[canonical] = place
    new_aliases = {
        alias_form(name): PlaceAlias(
            place=rows[canonical], name=name, normalised=alias_form(name)
        )
        for canonical, names in sorted(written.items())
        for name in sorted(names)
        if alias_form(name) not in by_form or name == canonical
    }
    PlaceAlias.objects.bulk_create(new_aliases.values(), ignore_conflicts=True)
    return rows


# Recording an article's extraction -----------------------------------------------------

# One writer at a time changes the timeline: merging reads a pool of evidence and
# regroups it, and two processes regrouping overlapping pools at once could both create
# the same actor or split one event in two. SQLite's IMMEDIATE transactions already
# serialise writers; on PostgreSQL a transaction-scoped advisory lock does. Editors'
# operations take it too: besides regrouping, every writer updates the shared month
# counts (timeline.counts), and two writers doing so in different orders could deadlock.
TIMELINE_LOCK = 0x7115_E11E


def lock_timeline() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [TIMELINE_LOCK])


@transaction.atomic
def forget_article(*, article: Article) -> None:
    """Drop what an article contributed, before it is extracted again."""
    lock_timeline()
    touched = set(
        Evidence.objects.filter(sentence__article=article).values_list(
            "event_id", flat=True
        )
    )
    Evidence.objects.filter(sentence__article=article).delete()
    refresh_events(event_ids=touched)


@transaction.atomic
def record_extraction(
    *, article: Article, extraction: ArticleExtraction, sentences: Sequence[Sentence]
) -> list[Evidence]:
    """Store the article's event candidates as evidence and merge them into events."""
    lock_timeline()
    actor_rows = _actors_with_affiliations(extraction.actors)
    place_rows = resolve_places(_distinct(extraction.places))

    fields = [
        _evidence_fields(c, sentences[c.sentence_index]) for c in extraction.events
    ]
    # Readings an editor has decided on go back to the editor's event; the others
    # start as events of their own and are merged below.
    claims = dict(
        EvidenceClaim.objects.filter(
            fingerprint__in=[f["fingerprint"] for f in fields]
        ).values_list("fingerprint", "event_id")
    )
    fresh = Event.objects.bulk_create(
        _event_of(c)
        for c, f in zip(extraction.events, fields, strict=True)
        if f["fingerprint"] not in claims
    )
    new_events = iter(fresh)
    created = Evidence.objects.bulk_create(
        Evidence(
            event_id=claims[f["fingerprint"]]
            if f["fingerprint"] in claims
            else next(new_events).pk,
            sentence=sentences[c.sentence_index],
            **f,
        )
        for c, f in zip(extraction.events, fields, strict=True)
    )
    links: dict[type, list] = {
        Evidence.actors.through: [],
        Evidence.places.through: [],
        EventActor: [],
        Event.places.through: [],
    }
    for candidate, evidence in zip(extraction.events, created, strict=True):
        actor_ids = {actor_rows[m.canonical].pk for m in candidate.actors}
        actor_ids |= {
            actor_rows[m.affiliation].pk for m in candidate.actors if m.affiliation
        }
        place_ids = {place_rows[p.canonical].pk for p in candidate.places}
        # An editor's event keeps the actors and places the editor left on it; a dated
        # new event gets its links when merging refreshes it, below.
        own_event = evidence.fingerprint not in claims and evidence.start is None
        for actor_id in sorted(actor_ids):
            links[Evidence.actors.through].append(
                Evidence.actors.through(evidence_id=evidence.pk, actor_id=actor_id)
            )
            if own_event:
                links[EventActor].append(
                    EventActor(event_id=evidence.event_id, actor_id=actor_id)
                )
        for place_id in sorted(place_ids):
            links[Evidence.places.through].append(
                Evidence.places.through(evidence_id=evidence.pk, place_id=place_id)
            )
            if own_event:
                links[Event.places.through].append(
                    Event.places.through(event_id=evidence.event_id, place_id=place_id)
                )
    for model, rows in links.items():
        model.objects.bulk_create(rows)
    # An editor's event whose sentences had all gone has one again.
    Event.objects.filter(
        pk__in=set(claims.values()), status=Event.Status.UNSOURCED
    ).update(status=Event.Status.CONFIRMED)
    merge_evidence(evidence=[e for e in created if e.fingerprint not in claims])
    return created


def _event_of(candidate: EventCandidate) -> Event:
    """A new event as its one candidate tells it (merging may widen it afterwards); a
    reference to an event told elsewhere waits, hidden, for it."""
    interval = _shown_interval(candidate)
    waiting = interval is not None and candidate.timex.anchor == Anchor.WINDOW
    return Event(
        status=Event.Status.PENDING if waiting else Event.Status.AUTO,
        title=candidate.title[:300],
        kind=candidate.kind,
        ordinal=candidate.ordinal,
        start=_aware(interval.start) if interval else None,
        end=_aware(interval.end) if interval else None,
        precision=str(interval.precision) if interval else "",
    )


def _distinct(mentions):
    """One mention per (canonical name, written form): the rest add nothing to store."""
    seen = {}
    for m in mentions:
        seen.setdefault((m.canonical, m.text), m)
    return [seen[k] for k in sorted(seen)]


def _actors_with_affiliations(mentions: Sequence[ActorMention]) -> dict[str, Actor]:
    """Stored actors by canonical name, including the states that people and bodies
    belong to ("Iranian Foreign Ministry spokesman ...": Iran)."""
    states = [
        ActorMention(start=0, end=0, text=state, canonical=state, kind="state")
        for state in sorted({m.affiliation for m in mentions if m.affiliation})
    ]
    return resolve_actors([*mentions, *states])


def _evidence_fields(candidate: EventCandidate, sentence: Sentence) -> dict:
    offset = sentence.start
    timex = candidate.timex
    interval = _shown_interval(candidate)
    # A date taken from an earlier sentence (the date in focus) has no span in this one.
    spanned = timex is not None and sentence.start <= timex.start < sentence.end
    mentions = [
        {
            "start": m.start - offset,
            "end": m.end - offset,
            "kind": "actor",
            "label": m.canonical,
        }
        for m in candidate.actors
        if sentence.start <= m.start and m.end <= sentence.end
    ] + [
        {
            "start": p.start - offset,
            "end": p.end - offset,
            "kind": "place",
            "label": p.canonical,
        }
        for p in candidate.places
        if sentence.start <= p.start and p.end <= sentence.end
    ]
    return {
        "fingerprint": reading_fingerprint(
            sentence.article_id,
            sentence.text,
            candidate.trigger_start - offset,
            candidate.kind,
        ),
        "kind": candidate.kind,
        "title": candidate.title[:300],
        "trigger": candidate.trigger[:100],
        "trigger_start": candidate.trigger_start - offset,
        "trigger_end": candidate.trigger_end - offset,
        "ordinal": candidate.ordinal,
        "time_text": timex.text[:200] if timex else "",
        "time_start": timex.start - offset if spanned else None,
        "time_end": timex.end - offset if spanned else None,
        "time_value": timex.value[:64] if timex else "",
        "resolution": str(timex.anchor) if interval else Evidence.Resolution.NONE,
        "start": _aware(interval.start) if interval else None,
        "end": _aware(interval.end) if interval else None,
        "precision": str(interval.precision) if interval else "",
        "confidence": candidate.confidence,
        "mentions": sorted(mentions, key=lambda m: (m["start"], m["end"])),
        "speakers": [list(pair) for pair in candidate.speakers],
    }


def _shown_interval(candidate: EventCandidate):
    """The candidate's interval if the timeline can show it (timeline.dates): a text's
    "year 9999" is no date the timeline can place."""
    interval = candidate.timex.interval if candidate.timex else None
    if interval is None or not (shown(interval.start) and shown(interval.end)):
        return None
    return interval


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


# Merging -------------------------------------------------------------------------------


def merge_evidence(*, evidence: Iterable[Evidence]) -> None:
    """Regroup the given evidence with the evidence it may describe the same event as.

    Blocking keeps this local: only evidence of the same kind family whose dates overlap
    is compared, so adding an article never rebuilds the whole timeline. The grouping
    (matching.group_readings) depends on the content of that pool alone, not on the
    order articles came in.
    """
    seeds = [e for e in evidence if e.start is not None]
    if not seeds:
        return
    pool = _blocked_pool(seeds)
    seed_ids = {e.pk for e in seeds}
    # The events the seeds end on are refreshed too: that gives new events their links.
    touched = _regroup(pool) | {p.event_id for p in pool if p.pk in seed_ids}
    if touched:
        # The pool holds every piece of evidence of the events it touches, already
        # moved to their groups: the events are refreshed from it without reloading.
        held: dict[int, list[Evidence]] = {}
        for piece in pool:
            held.setdefault(piece.event_id, []).append(piece)
        events = Event.objects.filter(pk__in=touched)
        _refresh(events, lambda event: held.get(event.pk, []))


def _regroup(pool: list[Evidence]) -> set[int]:
    """Group the pool's evidence; returns the events whose evidence changed."""
    by_id = {evidence.pk: evidence for evidence in pool}
    groups = group_readings([Reading.of(evidence) for evidence in pool])
    touched: set[int] = set()
    for group in groups:
        touched |= _settle_group([by_id[reading.evidence_id] for reading in group])
    return touched


def _blocked_pool(seeds: list[Evidence]) -> list[Evidence]:
    """The seeds, the evidence overlapping them in date and kind family, and the rest of the
    evidence of every event those belong to (an event is regrouped as a whole)."""
    # A reference waiting for another outlet's date (resolution "window") spans a week:
    # it and the events it may join are looked for only among those that share an
    # actor with the seeds (matching.points_to asks for one).
    waiting = Evidence.Resolution.WINDOW
    actors = list(
        Evidence.actors.through.objects.filter(
            evidence_id__in=[e.pk for e in seeds]
        ).values_list("actor_id", flat=True)
    )
    told = _overlapping([e for e in seeds if e.resolution != waiting])
    # Unordered: the grouping depends on the pool's content, not on its order.
    automatic = Evidence.objects.filter(event__status__in=Event.AUTOMATIC).order_by()
    events = {e.event_id for e in seeds}
    if told:
        events |= set(
            automatic.filter(told)
            .exclude(resolution=waiting)
            .values_list("event_id", flat=True)
        )
    references = told & Q(resolution=waiting) if told else Q()
    pending = _overlapping([e for e in seeds if e.resolution == waiting])
    if pending:
        references |= pending & ~Q(resolution=waiting)
    if actors and references:
        events |= set(
            automatic.filter(references, actors__in=actors).values_list(
                "event_id", flat=True
            )
        )
    pool = list(
        automatic.filter(Q(pk__in=[e.pk for e in seeds]) | Q(event_id__in=events))
        .select_related("sentence__article")
        # Bodies are large and unused here: the article's URL and the sentence's place
        # are what grouping and the choice of a representative need.
        .defer(*UNUSED_IN_MERGING)
    )
    return with_links(pool)


def _overlapping(seeds: list[Evidence]) -> Q:
    """Evidence of the seeds' kind families whose dates overlap theirs."""
    condition = Q()
    for family, start, end in _windows(seeds):
        condition |= Q(kind__in=FAMILY_KINDS[family], start__lte=end, end__gte=start)
    return condition


def with_links(pieces: list[Evidence]) -> list[Evidence]:
    """Give each piece of evidence the ids of its actors (``actor_ids``, ``person_ids``)
    and places (``place_ids``): two queries, no model instances for the links."""
    ids = [e.pk for e in pieces]
    actors: dict[int, set[int]] = {}
    people: dict[int, set[int]] = {}
    for evidence_id, actor_id, kind in Evidence.actors.through.objects.filter(
        evidence_id__in=ids
    ).values_list("evidence_id", "actor_id", "actor__kind"):
        actors.setdefault(evidence_id, set()).add(actor_id)
        if kind == Actor.Kind.PERSON:
            people.setdefault(evidence_id, set()).add(actor_id)
    places: dict[int, set[int]] = {}
    for evidence_id, place_id in Evidence.places.through.objects.filter(
        evidence_id__in=ids
    ).values_list("evidence_id", "place_id"):
        places.setdefault(evidence_id, set()).add(place_id)
    for e in pieces:
        e.actor_ids = frozenset(actors.get(e.pk, ()))
        e.person_ids = frozenset(people.get(e.pk, ()))
        e.place_ids = frozenset(places.get(e.pk, ()))
    return pieces


def _windows(seeds: list[Evidence]) -> list[tuple[str, dt.datetime, dt.datetime]]:
    """The seeds' date intervals per kind family, overlapping ones joined: one condition
    each in the pool query instead of one per seed."""
    joined: list[tuple[str, dt.datetime, dt.datetime]] = []
    # A day on each side: a report dated by its tense may tell of the day before
    # (matching.reported_late).
    day = dt.timedelta(days=1)
    for family, start, end in sorted(
        (kind_family(e.kind), e.start - day, e.end + day) for e in seeds
    ):
        if joined and joined[-1][0] == family and start <= joined[-1][2]:
            joined[-1] = (family, joined[-1][1], max(end, joined[-1][2]))
        else:
            joined.append((family, start, end))
    return joined


def _settle_group(members: list[Evidence]) -> set[int]:
    """Put a group's evidence on one event: the one already holding most of it.
    Returns the events whose evidence changed."""
    holding = Counter(e.event_id for e in members)
    keep = min(holding, key=lambda event_id: (-holding[event_id], event_id))
    moved = [e.pk for e in members if e.event_id != keep]
    if not moved:
        return set()
    Evidence.objects.filter(pk__in=moved).update(event_id=keep)
    for member in members:
        member.event_id = keep
    return set(holding)


# Columns grouping and refreshing never read: large text and JSON left in the database.
UNUSED_IN_MERGING = (
    "mentions",
    "time_text",
    "time_value",
    "fingerprint",
    "sentence__text",
    "sentence__article__text",
    "sentence__article__title",
    "sentence__article__extraction_error",
)

EVENT_FIELDS = [
    "status",
    "kind",
    "title",
    "ordinal",
    "start",
    "end",
    "precision",
    "sources_disagree",
]


def refresh_events(*, event_ids: Iterable[int]) -> None:
    """Recompute automatic events from their evidence; drop those left with none.

    Done in bulk (a fixed number of queries whatever the number of events), since an
    article adds many events at once."""
    event_ids = set(event_ids)
    if not event_ids:
        return
    events = Event.objects.filter(pk__in=event_ids)
    held: dict[int, list[Evidence]] = {}
    for piece in with_links(
        list(
            Evidence.objects.filter(event_id__in=event_ids)
            .order_by()
            .select_related("sentence__article")
            .defer(*UNUSED_IN_MERGING)
        )
    ):
        held.setdefault(piece.event_id, []).append(piece)
    _refresh(events, lambda event: held.get(event.pk, []))


def _refresh(
    events: Iterable[Event], evidence_of: Callable[[Event], list[Evidence]]
) -> None:
    """Refresh events given each one's evidence (with their sentences' articles and
    the ids of with_links), in a fixed number of queries."""
    gone, unsourced, resourced, changed = [], [], [], []
    stale_roles, new_roles, stale_places, new_places = [], [], [], []
    PlaceLink = Event.places.through
    events = list(events)
    ids = [e.pk for e in events]
    roles: dict[int, dict[int, int]] = {}
    for event_id, actor_id, pk in EventActor.objects.filter(
        event_id__in=ids
    ).values_list("event_id", "actor_id", "pk"):
        roles.setdefault(event_id, {})[actor_id] = pk
    placed: dict[int, set[int]] = {}
    for event_id, place_id in PlaceLink.objects.filter(event_id__in=ids).values_list(
        "event_id", "place_id"
    ):
        placed.setdefault(event_id, set()).add(place_id)
    for event in events:
        pieces = evidence_of(event)
        if not pieces:
            if event.status in Event.AUTOMATIC:
                gone.append(event.pk)
            elif event.status == Event.Status.CONFIRMED:
                unsourced.append(event.pk)  # kept for the editors, not shown
            continue
        if event.status == Event.Status.UNSOURCED:
            resourced.append(event.pk)
        if event.status not in Event.AUTOMATIC:
            continue
        before = [getattr(event, f) for f in EVENT_FIELDS]
        apply_evidence(event, pieces)
        if [getattr(event, f) for f in EVENT_FIELDS] != before:
            changed.append(event)
        wanted = {a for e in pieces for a in e.actor_ids}
        held = roles.get(event.pk, {})
        stale_roles += [pk for actor_id, pk in held.items() if actor_id not in wanted]
        new_roles += [
            EventActor(event=event, actor_id=a) for a in sorted(wanted - set(held))
        ]
        wanted = {p for e in pieces for p in e.place_ids}
        held = placed.get(event.pk, set())
        stale_places += [(event.pk, p) for p in held - wanted]
        new_places += [
            PlaceLink(event_id=event.pk, place_id=p) for p in sorted(wanted - held)
        ]
    Event.objects.filter(pk__in=gone).delete()
    Event.objects.filter(pk__in=unsourced).update(status=Event.Status.UNSOURCED)
    Event.objects.filter(pk__in=resourced).update(status=Event.Status.CONFIRMED)
    Event.objects.bulk_update(changed, EVENT_FIELDS, batch_size=500)
    EventActor.objects.filter(pk__in=stale_roles).delete()
    EventActor.objects.bulk_create(new_roles)
    for event_id, place_id in stale_places:
        PlaceLink.objects.filter(event_id=event_id, place_id=place_id).delete()
    PlaceLink.objects.bulk_create(new_places)


def _representative(pieces: list[Evidence]) -> Evidence:
    """The piece that tells the event best: dated, finest, surest; then a stable key
    (article URL, sentence), so the choice does not depend on arrival order."""
    return min(
        pieces,
        key=lambda e: (
            e.start is None,
            -PRECISION_RANK.get(e.precision, -1),
            -e.confidence,
            e.sentence.article.url,
            e.sentence.index,
        ),
    )


TITLE_STOP = frozenset(
    "a an the of in on at to for and or by with from as is are was were be been has have "
    "had its it that this their his her after before over into during about".split()
)


def _content_words(title: str) -> set[str]:
    words = "".join(c if c.isalnum() else " " for c in title.lower()).split()
    return {w for w in words if w not in TITLE_STOP}


def best_supported_title(pieces: list[Evidence], best: Evidence) -> str:
    """The headline of the event's best-supported telling: the one whose words the
    other outlets' tellings share most (a telling that took its date from another
    mention only when nothing else tells of the event). Ties go to the representative
    piece, so the choice is a function of the set."""
    borrowed = {Evidence.Resolution.REFERENCE, Evidence.Resolution.WINDOW}
    own = [e for e in pieces if e.resolution not in borrowed] or pieces
    if len(own) < 2:
        return best.title if best in own else own[0].title
    words = {e.pk: _content_words(e.title) for e in pieces}

    def support(piece: Evidence) -> float:
        mine = words[piece.pk]
        if not mine:
            return 0.0
        # Another outlet's telling counts twice as much as the same article's.
        return sum(
            len(mine & words[other.pk])
            / len(mine | words[other.pk])
            * (1 if other.sentence.article_id == piece.sentence.article_id else 2)
            for other in pieces
            if other.pk != piece.pk
        )

    ranked = sorted(own, key=lambda e: e.sentence.article.url)
    ranked = sorted(ranked, key=lambda e: -e.sentence.index)
    # A headline of three content words or more says who did what; fewer is a fragment.
    return max(
        ranked,
        key=lambda e: (round(support(e), 6), len(words[e.pk]) >= 3, e is best),
    ).title


def apply_evidence(event: Event, pieces: list[Evidence]) -> None:
    """Set an event's fields from its evidence (a function of the set, not its order)."""
    # References to an event told elsewhere wait, hidden, until it is found; the event
    # is what the tellings say.
    told = [e for e in pieces if e.resolution != Evidence.Resolution.WINDOW]
    if event.status in Event.AUTOMATIC:
        event.status = Event.Status.AUTO if told else Event.Status.PENDING
    basis = told or pieces
    best = _representative(basis)
    kinds = Counter(e.kind for e in basis)
    event.kind = max(kinds, key=lambda k: (kinds[k], k == best.kind, k))
    event.title = best_supported_title(pieces, best)
    event.ordinal = next((e.ordinal for e in basis if e.ordinal), None)
    dated = [e for e in basis if e.start is not None]
    # A date said by the tense alone ("have signed": by the publication date) or
    # borrowed from another mention gives way to the dates the texts say.
    said = [e for e in dated if e.resolution not in {Evidence.Resolution.TENSE}]
    dated = said or dated
    if dated:
        start = max(e.start for e in dated)
        end = min(e.end for e in dated)
        if start <= end:
            finest = max(dated, key=lambda e: PRECISION_RANK[e.precision])
            event.start, event.end, event.precision = start, end, finest.precision
            event.sources_disagree = False
        else:
            event.start, event.end, event.precision = (
                best.start,
                best.end,
                best.precision,
            )
            event.sources_disagree = True
    else:
        event.start = event.end = None
        event.precision = ""
        event.sources_disagree = False
