"""What analysts see: events, the actors and places taking part, and the evidence."""

from __future__ import annotations

import datetime as dt
import hashlib

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.text import slugify

from articles.extraction.actors.names import actor_key
from articles.extraction.kinds import kinds
from articles.models import Sentence

from .dates import validate_shown


def alias_form(name: str) -> str:
    """The light normalisation that makes one alias row per written form."""
    return " ".join(name.replace("\u2019", "'").split()).casefold()


class Precision(models.TextChoices):
    YEAR = "year", "Year"
    MONTH = "month", "Month"
    WEEK = "week", "Week"
    DAY = "day", "Day"
    HOUR = "hour", "Hour"
    MINUTE = "minute", "Minute"


# Finest first, for picking the most precise of several readings.
PRECISION_RANK = {p.value: i for i, p in enumerate(Precision)}


class Origin(models.TextChoices):
    AUTO = "auto", "Extraction"
    EDITOR = "editor", "Editor"


class Actor(models.Model):
    class Kind(models.TextChoices):
        PERSON = "person", "Person"
        STATE = "state", "State"
        ORGANISATION = "organisation", "Organisation"
        GROUP = "group", "Armed or political group"

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    kind = models.CharField(max_length=16, choices=Kind.choices)
    origin = models.CharField(max_length=8, choices=Origin.choices, default=Origin.AUTO)

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["kind"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("timeline:actor", args=[self.slug])


class ActorAlias(models.Model):
    """A way an actor is written; the normalised form identifies the actor across articles."""

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200)
    normalised = models.CharField(max_length=200, unique=True)
    key = models.CharField(
        max_length=200,
        db_index=True,
        help_text="Folded form that ties name variants to one actor.",
    )
    is_canonical = models.BooleanField(
        default=False,
        help_text="A full name extraction proposed for the actor (not a short form).",
    )
    origin = models.CharField(max_length=8, choices=Origin.choices, default=Origin.AUTO)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "actor aliases"

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.normalised = alias_form(self.name)
        self.key = actor_key(self.name)
        super().save(*args, **kwargs)


class Place(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    country = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("timeline:place", args=[self.slug])


class PlaceAlias(models.Model):
    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200)
    normalised = models.CharField(max_length=200, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "place aliases"

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.normalised = alias_form(self.name)
        super().save(*args, **kwargs)


# The kinds come from the extraction's registry (articles/extraction/data/event_kinds.json).
EventKind = models.TextChoices(
    "EventKind", [(k.name.upper(), (k.name, k.label)) for k in kinds().values()]
)


class EventQuerySet(models.QuerySet):
    def visible(self) -> EventQuerySet:
        return self.exclude(status__in=Event.HIDDEN)

    def search(self, text: str) -> EventQuerySet:
        """Events whose title and sentences have every word of ``text`` (full-text:
        PostgreSQL text search or SQLite FTS5, see timeline.search)."""
        from .search import matching

        condition = matching(text)
        return self.none() if condition is None else self.filter(condition)

    def automatic(self) -> EventQuerySet:
        """Events no editor has touched: the only ones extraction may rewrite."""
        return self.filter(status=Event.Status.AUTO)

    def dated(self) -> EventQuerySet:
        return self.filter(start__isnull=False)

    def undated(self) -> EventQuerySet:
        return self.filter(start__isnull=True)

    def in_window(self, start: dt.datetime, end: dt.datetime) -> EventQuerySet:
        """Events whose interval overlaps [start, end): a window of the axis."""
        return self.filter(start__lt=end, end__gte=start)

    def chronological(self) -> EventQuerySet:
        return self.order_by(models.F("start").asc(nulls_last=True), "end", "id")

    def for_timeline(self) -> EventQuerySet:
        return self.prefetch_related(
            models.Prefetch(
                "event_actors", queryset=EventActor.objects.select_related("actor")
            ),
            "places",
            models.Prefetch(
                "evidence",
                queryset=Evidence.objects.select_related("sentence__article")
                .defer("sentence__article__text")
                .order_by(
                    "sentence__article__outlet",
                    "sentence__article_id",
                    "sentence__index",
                    "trigger_start",
                ),
            ),
        )


class Event(models.Model):
    class Status(models.TextChoices):
        AUTO = "auto", "Automatic"
        CONFIRMED = "confirmed", "Confirmed"
        REJECTED = "rejected", "Rejected"
        MERGED = "merged", "Merged into another"
        PENDING = "pending", "A reference waiting for the event it refers to"
        UNSOURCED = "unsourced", "Confirmed, but no sentence tells it any more"

    # Statuses the timeline leaves out unless asked for. An event shown always has a
    # sentence to show: a confirmed event whose sentences all went (its article deleted,
    # re-extracted without them, split off) waits for review as unsourced, and is
    # confirmed again when a sentence comes back.
    HIDDEN = (Status.REJECTED, Status.MERGED, Status.PENDING, Status.UNSOURCED)
    # Statuses extraction keeps up to date (editors' events keep what editors set).
    AUTOMATIC = (Status.AUTO, Status.PENDING)

    title = models.CharField(max_length=300)
    kind = models.CharField(
        max_length=20, choices=EventKind.choices, default=EventKind.OTHER
    )
    start = models.DateTimeField(
        null=True,
        blank=True,
        validators=[validate_shown],
        help_text="Empty for undated events.",
    )
    end = models.DateTimeField(
        null=True,
        blank=True,
        validators=[validate_shown],
        help_text="Inclusive end of what the text supports.",
    )
    precision = models.CharField(max_length=8, choices=Precision.choices, blank=True)
    ordinal = models.PositiveIntegerField(
        null=True, blank=True, help_text='7 for "seventh round".'
    )
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.AUTO
    )
    sources_disagree = models.BooleanField(
        default=False, help_text="Sources give different dates for this event."
    )
    merged_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="absorbed",
        help_text="The event an editor merged this one into.",
    )
    actors = models.ManyToManyField(Actor, through="EventActor", related_name="events")
    places = models.ManyToManyField(Place, related_name="events", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = [models.F("start").asc(nulls_last=True), "id"]
        indexes = [
            models.Index(fields=["start", "end"]),
            models.Index(fields=["kind", "start"]),
            models.Index(fields=["status"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(start__isnull=True)
                | models.Q(end__gte=models.F("start")),
                name="event_end_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(start__isnull=True, precision="")
                | models.Q(start__isnull=False, end__isnull=False)
                & ~models.Q(precision=""),
                name="event_dated_has_precision",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"{reverse('timeline:index')}?event={self.pk}"


class EventActor(models.Model):
    class Role(models.TextChoices):
        PARTICIPANT = "participant", "Participant"
        SPEAKER = "speaker", "Speaker"
        TARGET = "target", "Target"
        MEDIATOR = "mediator", "Mediator"

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="event_actors"
    )
    actor = models.ForeignKey(
        Actor, on_delete=models.CASCADE, related_name="event_roles"
    )
    role = models.CharField(
        max_length=16, choices=Role.choices, default=Role.PARTICIPANT
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["event", "actor"], name="event_actor_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.actor} ({self.role}) in {self.event}"


class Evidence(models.Model):
    """One sentence telling of an event, with the time expression that dates it.

    Each piece keeps the reading of its own sentence (kind, date, ordinal), so that
    merging can be redone from the evidence alone and disagreement between sources
    stays visible.
    """

    class Resolution(models.TextChoices):
        ABSOLUTE = "absolute", "Explicit date"
        DOCUMENT = "document", "Relative to the publication date"
        FOCUS = "focus", "Relative to a date in the text"
        REFERENCE = "reference", "The date of the event it refers to"
        TENSE = "tense", "By the publication date (its tense)"
        WINDOW = "window", "Told elsewhere, in the week before publication"
        NONE = "none", "No date"

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="evidence")
    sentence = models.ForeignKey(
        Sentence, on_delete=models.CASCADE, related_name="evidence"
    )
    kind = models.CharField(max_length=20, choices=EventKind.choices)
    title = models.CharField(max_length=300)
    trigger = models.CharField(
        max_length=100, help_text="Lemma of the word that signals the event."
    )
    trigger_start = models.PositiveIntegerField(help_text="Offset within the sentence.")
    trigger_end = models.PositiveIntegerField()
    ordinal = models.PositiveIntegerField(null=True, blank=True)
    time_text = models.CharField(max_length=200, blank=True)
    time_start = models.PositiveIntegerField(
        null=True, blank=True, help_text="Offset within the sentence."
    )
    time_end = models.PositiveIntegerField(null=True, blank=True)
    time_value = models.CharField(max_length=64, blank=True, help_text="TIMEX3 value.")
    resolution = models.CharField(
        max_length=10, choices=Resolution.choices, default=Resolution.NONE
    )
    start = models.DateTimeField(null=True, blank=True)
    end = models.DateTimeField(null=True, blank=True)
    precision = models.CharField(max_length=8, choices=Precision.choices, blank=True)
    confidence = models.FloatField(default=0.5)
    mentions = models.JSONField(
        default=list, blank=True, help_text="Actor and place spans within the sentence."
    )
    # Nullable without a default, so adding it alters the table in place (SQLite would
    # otherwise rebuild the table under the search triggers).
    speakers = models.JSONField(
        null=True, blank=True, help_text="For a remark: the names of who makes it."
    )
    fingerprint = models.CharField(
        max_length=40,
        db_index=True,
        blank=True,
        help_text="The same reading of the same sentence has the same fingerprint "
        "after re-extraction: editors' decisions follow it.",
    )
    actors = models.ManyToManyField(Actor, related_name="evidence", blank=True)
    places = models.ManyToManyField(Place, related_name="evidence", blank=True)

    class Meta:
        verbose_name_plural = "evidence"
        ordering = ["sentence__article_id", "sentence__index", "trigger_start"]
        indexes = [models.Index(fields=["kind", "start"])]
        constraints = [
            models.UniqueConstraint(
                fields=["sentence", "trigger_start", "kind"],
                name="evidence_unique_reading",
            ),
            models.CheckConstraint(
                condition=models.Q(confidence__gte=0) & models.Q(confidence__lte=1),
                name="evidence_confidence_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.sentence.article.outlet}: {self.sentence.text[:80]}"

    def pieces(self) -> list[tuple[str, str]]:
        """The sentence cut into (text, role) pieces, role '' or time/actor/place, so a
        template can mark the spans while autoescaping every piece."""
        text = self.sentence.text
        spans = []
        if self.time_start is not None and self.time_end is not None:
            spans.append((self.time_start, self.time_end, "time"))
        spans += [(m["start"], m["end"], m["kind"]) for m in self.mentions or []]
        pieces, cursor = [], 0
        for start, end, role in sorted(spans):
            start, end = max(start, cursor), min(end, len(text))
            if start >= end:
                continue
            if start > cursor:
                pieces.append((text[cursor:start], ""))
            pieces.append((text[start:end], role))
            cursor = end
        if cursor < len(text):
            pieces.append((text[cursor:], ""))
        return pieces


def unique_slug(model: type[models.Model], name: str) -> str:
    """A slug for ``name`` not yet used by ``model``: the URL scheme filters by slug."""
    base = slugify(name)[:200] or "item"
    slug, n = base, 2
    while model.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def reading_fingerprint(
    article_id: int, sentence_text: str, offset: int, kind: str
) -> str:
    """Identify a reading across re-extractions: the article, the sentence's words, the
    trigger's place in it and the kind read there."""
    raw = f"{article_id}\x1f{sentence_text}\x1f{offset}\x1f{kind}"
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()


class EvidenceClaim(models.Model):
    """An editor's decision about a reading: re-extraction puts the same reading back on
    this event instead of letting the merging place it."""

    fingerprint = models.CharField(max_length=40, unique=True)
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="claims")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.fingerprint[:8]} -> {self.event_id}"


class EventMerge(models.Model):
    """A merge done by an editor, kept so that it can be undone."""

    kept = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="merges")
    absorbed = models.JSONField(
        help_text="Per absorbed event: its id, previous status, the fingerprints of "
        "the evidence moved and the actors and places added to the kept event."
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)
    undone_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        ids = ", ".join(str(a["event"]) for a in self.absorbed)
        return f"{ids} merged into {self.kept_id}"


class MonthCount(models.Model):
    """Dated events per month of their start, kind and status, kept by database
    triggers on every write (timeline.counts), so the density strip and the range of
    the axis cost the same with a thousand events or a million."""

    month = models.DateField()  # the first day of the month (UTC) the event starts in
    kind = models.CharField(max_length=20)
    status = models.CharField(max_length=10)
    events = models.IntegerField(default=0)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.kind} {self.status}: {self.events}"


class EventMonth(MonthCount):
    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["month", "kind", "status"], name="event_month_unique"
            )
        ]


class ActorMonth(MonthCount):
    """The same counts for each actor's events."""

    actor = models.ForeignKey(
        Actor, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["actor", "month", "kind", "status"], name="actor_month_unique"
            )
        ]


class PlaceMonth(MonthCount):
    """The same counts for the events at each place."""

    place = models.ForeignKey(
        Place, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["place", "month", "kind", "status"], name="place_month_unique"
            )
        ]
