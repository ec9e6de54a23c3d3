from django.contrib import admin

from .models import Actor, ActorAlias, Event, EventActor, Evidence, Place, PlaceAlias


class EvidenceInline(admin.StackedInline):
    model = Evidence
    fields = (
        "sentence_text",
        "outlet",
        "kind",
        "time_text",
        "time_value",
        "resolution",
        "confidence",
    )
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description="Sentence")
    def sentence_text(self, obj: Evidence) -> str:
        return obj.sentence.text

    @admin.display(description="Outlet")
    def outlet(self, obj: Evidence) -> str:
        return obj.sentence.article.outlet


class EventActorInline(admin.TabularInline):
    model = EventActor
    autocomplete_fields = ("actor",)
    extra = 0


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "start", "precision", "status", "evidence_count")
    list_filter = ("status", "kind", "precision", "sources_disagree")
    search_fields = ("title", "evidence__sentence__text")
    date_hierarchy = "start"
    autocomplete_fields = ("places",)
    inlines = [EventActorInline, EvidenceInline]

    def get_queryset(self, request):
        from django.db.models import Count

        return super().get_queryset(request).annotate(evidence_total=Count("evidence"))

    @admin.display(description="Evidence", ordering="evidence_total")
    def evidence_count(self, obj: Event) -> int:
        return obj.evidence_total


class ActorAliasInline(admin.TabularInline):
    model = ActorAlias
    fields = ("name", "normalised", "key", "origin")
    readonly_fields = ("normalised", "key")
    extra = 0


@admin.register(Actor)
class ActorAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "origin")
    list_filter = ("kind", "origin")
    search_fields = ("name", "aliases__name")
    prepopulated_fields = {"slug": ("name",)}
    inlines = [ActorAliasInline]


class PlaceAliasInline(admin.TabularInline):
    model = PlaceAlias
    fields = ("name", "normalised")
    readonly_fields = ("normalised",)
    extra = 0


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    list_display = ("name", "country")
    list_filter = ("country",)
    search_fields = ("name", "aliases__name")
    prepopulated_fields = {"slug": ("name",)}
    inlines = [PlaceAliasInline]
