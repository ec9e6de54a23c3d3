from django import forms
from django.contrib import admin, messages
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html

from . import editing
from .models import (
    Actor,
    ActorAlias,
    Event,
    EventActor,
    EventMerge,
    Evidence,
    Origin,
    Place,
    PlaceAlias,
    alias_form,
)


class EvidenceSplitForm(forms.ModelForm):
    split_off = forms.BooleanField(
        required=False,
        label="Split off",
        help_text="Move to a new event of its own.",
    )

    class Meta:
        model = Evidence
        fields: list[str] = []


class EvidenceSplitFormSet(forms.BaseInlineFormSet):
    def clean(self) -> None:
        super().clean()
        ticked = [f for f in self.forms if f.cleaned_data.get("split_off")]
        if ticked and len(ticked) == len(self.forms):
            raise forms.ValidationError(editing.SPLIT_ALL)


class EvidenceInline(admin.StackedInline):
    model = Evidence
    form = EvidenceSplitForm
    formset = EvidenceSplitFormSet
    fields = (
        "sentence_text",
        "outlet",
        "kind",
        "time_text",
        "time_value",
        "resolution",
        "confidence",
        "split_off",
    )
    readonly_fields = fields[:-1]
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


class EvidenceLeftFilter(admin.SimpleListFilter):
    """Events an editor kept whose sentences a re-extraction no longer finds."""

    title = "evidence"
    parameter_name = "evidence"

    def lookups(self, request, model_admin):
        return [("none", "None left (review)"), ("some", "Some")]

    def queryset(self, request, queryset):
        if self.value() == "none":
            return queryset.filter(evidence_total=0)
        if self.value() == "some":
            return queryset.filter(evidence_total__gt=0)
        return queryset


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = (
        "title",
        "kind",
        "start",
        "precision",
        "status",
        "evidence_count",
    )
    list_filter = (
        "status",
        EvidenceLeftFilter,
        "kind",
        "precision",
        "sources_disagree",
    )
    search_fields = ("title", "evidence__sentence__text")
    date_hierarchy = "start"
    autocomplete_fields = ("places",)
    readonly_fields = ("merged_into", "created_at", "updated_at")
    inlines = [EventActorInline, EvidenceInline]
    actions = ["confirm", "reject", "merge"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(evidence_total=Count("evidence"))

    @admin.display(description="Evidence", ordering="evidence_total")
    def evidence_count(self, obj: Event) -> int:
        return obj.evidence_total

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        editing.take_over(obj)  # the editor's fields survive re-extraction

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        split = [
            f.instance
            for formset in formsets
            if formset.model is Evidence
            for f in formset.forms
            if f.cleaned_data.get("split_off")
        ]
        if split:
            try:
                new = editing.split_evidence(split)
            except ValueError as exc:  # the evidence changed since the form was drawn
                self.message_user(request, str(exc), messages.ERROR)
                return
            self.log_addition(
                request,
                new,
                f"Split off from event {form.instance.pk}: {len(split)} "
                "piece(s) of evidence.",
            )
            self.log_change(
                request,
                form.instance,
                f"Split {len(split)} piece(s) of evidence off into event {new.pk}.",
            )
            self.message_user(
                request,
                format_html(
                    'Split off into <a href="{}">a new event</a>.',
                    reverse("admin:timeline_event_change", args=[new.pk]),
                ),
            )

    @admin.action(description="Confirm the selected events", permissions=["change"])
    def confirm(self, request, queryset) -> None:
        for event in editing.set_status(list(queryset), Event.Status.CONFIRMED):
            self.log_change(request, event, "Confirmed.")
        self.message_user(request, f"Confirmed {queryset.count()} event(s).")

    @admin.action(description="Reject the selected events", permissions=["change"])
    def reject(self, request, queryset) -> None:
        for event in editing.set_status(list(queryset), Event.Status.REJECTED):
            self.log_change(request, event, "Rejected.")
        self.message_user(request, f"Rejected {queryset.count()} event(s).")

    @admin.action(description="Merge the selected events", permissions=["change"])
    def merge(self, request, queryset) -> None:
        try:
            merge = editing.merge_events(list(queryset), user=request.user)
        except ValueError as exc:
            self.message_user(request, str(exc), messages.ERROR)
            return
        ids = ", ".join(str(a["event"]) for a in merge.absorbed)
        self.log_change(request, merge.kept, f"Merged events {ids} into this one.")
        for entry in merge.absorbed:
            self.log_change(
                request, Event(pk=entry["event"]), f"Merged into event {merge.kept_id}."
            )
        self.message_user(
            request,
            format_html(
                'Merged into <a href="{}">{}</a>. The merge can be undone from '
                '<a href="{}">Event merges</a>.',
                reverse("admin:timeline_event_change", args=[merge.kept_id]),
                merge.kept.title,
                reverse("admin:timeline_eventmerge_changelist"),
            ),
        )


@admin.register(EventMerge)
class EventMergeAdmin(admin.ModelAdmin):
    list_display = ("__str__", "user", "created_at", "undone_at")
    list_filter = ("undone_at",)
    readonly_fields = ("kept", "absorbed", "user", "created_at", "undone_at")
    actions = ["undo"]

    def has_add_permission(self, request) -> bool:
        return False

    @admin.action(description="Undo the selected merges", permissions=["change"])
    def undo(self, request, queryset) -> None:
        undone = 0
        for merge in queryset:
            try:
                restored = editing.undo_merge(merge)
            except ValueError as exc:  # undone already, maybe by another editor
                self.message_user(request, f"{merge}: {exc}", messages.WARNING)
                continue
            undone += 1
            self.log_change(request, merge, "Undone.")
            self.log_change(
                request,
                merge.kept,
                "Merge undone: events "
                + ", ".join(str(e.pk) for e in restored)
                + " restored.",
            )
            for event in restored:
                self.log_change(request, event, f"Restored from event {merge.kept_id}.")
        if undone:
            self.message_user(request, f"Undone {undone} merge(s).")


class AliasFormSet(forms.BaseInlineFormSet):
    """Each written form names one actor (or place): a name another already has, or two
    new names that fold to one form, are refused with the holder's name."""

    def clean(self) -> None:
        super().clean()
        kept = [
            f
            for f in self.forms
            if f.cleaned_data.get("name") and not f.cleaned_data.get("DELETE")
        ]
        leaving = [f.instance.pk for f in self.deleted_forms if f.instance.pk]
        folded = {f: alias_form(f.cleaned_data["name"]) for f in kept}
        # Who already has these forms, in one query (the forms' own rows aside).
        held = {
            alias.normalised: alias
            for alias in self.model.objects.filter(normalised__in=folded.values())
            .exclude(pk__in=[*leaving, *(f.instance.pk for f in kept if f.instance.pk)])
            .select_related(self.fk.name)
        }
        seen: dict[str, str] = {}
        for form, form_key in folded.items():
            if form_key in seen:
                form.add_error(
                    "name", f"Written the same way as “{seen[form_key]}” above."
                )
                continue
            seen[form_key] = form.cleaned_data["name"]
            holder = held.get(form_key)
            if holder is not None:
                owner = getattr(holder, self.fk.name)
                form.add_error("name", f"“{holder.name}” already names {owner}.")


class ActorAliasInline(admin.TabularInline):
    model = ActorAlias
    formset = AliasFormSet
    fields = ("name", "normalised", "key", "origin")
    readonly_fields = ("normalised", "key", "origin")
    extra = 0


@admin.register(Actor)
class ActorAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "origin")
    list_filter = ("kind", "origin")
    search_fields = ("name", "aliases__name")
    prepopulated_fields = {"slug": ("name",)}
    inlines = [ActorAliasInline]
    actions = ["merge"]

    def save_formset(self, request, form, formset, change) -> None:
        for alias in formset.save(commit=False):
            if alias.pk is None:
                alias.origin = Origin.EDITOR
            alias.save()
        for alias in formset.deleted_objects:
            alias.delete()
        formset.save_m2m()

    @admin.action(description="Merge the selected actors", permissions=["change"])
    def merge(self, request, queryset) -> None:
        names = {a.pk: a.name for a in queryset}
        try:
            kept = editing.merge_actors(list(queryset))
        except ValueError as exc:
            self.message_user(request, str(exc), messages.ERROR)
            return
        merged = ", ".join(n for pk, n in sorted(names.items()) if pk != kept.pk)
        self.log_change(request, kept, f"Merged {merged} into this actor.")
        self.message_user(request, f"Merged {merged} into {kept.name}.")


class PlaceAliasInline(admin.TabularInline):
    model = PlaceAlias
    formset = AliasFormSet
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
