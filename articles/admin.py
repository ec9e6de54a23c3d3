from django import forms
from django.contrib import admin
from django.db import models
from django.db.models import Prefetch
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator

from .models import Article, Sentence
from .records import (
    InvalidRecord,
    check_publication_date,
    check_url,
    clean_body,
    clean_text,
)
from .tasks import enqueue_extraction


class ArticleForm(forms.ModelForm):
    """The same rules as the ingest command: control characters dropped, a real
    publication date, a text of news size."""

    class Meta:
        model = Article
        fields = ("title", "outlet", "url", "published_at", "text")

    def clean_url(self) -> str:
        try:
            return check_url(self.cleaned_data["url"])
        except InvalidRecord as exc:
            raise forms.ValidationError(str(exc)) from None

    def clean_title(self) -> str:
        return clean_text(self.cleaned_data["title"]).strip()

    def clean_outlet(self) -> str:
        return clean_text(self.cleaned_data["outlet"]).strip()

    def clean_text(self) -> str:
        try:
            return clean_body(self.cleaned_data["text"])
        except InvalidRecord as exc:
            raise forms.ValidationError(str(exc)) from None

    def clean_published_at(self):
        date = self.cleaned_data["published_at"]
        try:
            check_publication_date(date)
        except InvalidRecord as exc:
            raise forms.ValidationError(str(exc)) from None
        return date


class SentenceInline(admin.TabularInline):
    """The article's sentences, each with the events that cite it."""

    model = Sentence
    fields = ("index", "text", "events")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def get_queryset(self, request):
        from timeline.models import Evidence

        return (
            super()
            .get_queryset(request)
            .prefetch_related(
                Prefetch("evidence", queryset=Evidence.objects.select_related("event"))
            )
        )

    @admin.display(description="Events citing it")
    def events(self, sentence: Sentence) -> str:
        events = {e.event_id: e.event for e in sentence.evidence.all()}
        return (
            format_html_join(
                ", ",
                '<a href="{}">{}</a> ({})',
                (
                    (
                        reverse("admin:timeline_event_change", args=[pk]),
                        Truncator(event.title).chars(60),
                        event.get_status_display().lower(),
                    )
                    for pk, event in sorted(events.items())
                ),
            )
            or "—"
        )


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleForm
    list_display = (
        "title",
        "outlet",
        "published_at",
        "extraction_status",
        "error",
        "extractor_version",
    )
    actions = ["reextract"]
    list_filter = ("extraction_status", "outlet", "language")
    search_fields = ("title", "url", "outlet")
    date_hierarchy = "published_at"
    readonly_fields = (
        "extraction_status",
        "extraction_error",
        "extractor_version",
        "language",
        "content_hash",
        "created_at",
        "updated_at",
    )
    fieldsets = (
        (None, {"fields": ("title", "outlet", "url", "published_at", "text")}),
        ("Extraction", {"fields": readonly_fields}),
    )
    inlines = [SentenceInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def save_model(self, request, obj, form, change) -> None:
        text_changed = not change or {"text", "published_at"} & set(form.changed_data)
        if text_changed:
            obj.extraction_status = Article.ExtractionStatus.PENDING
        super().save_model(request, obj, form, change)
        if text_changed:
            enqueue_extraction(obj)

    @admin.display(description="Error")
    def error(self, obj: Article) -> str:
        return Truncator(obj.extraction_error).chars(80)

    @admin.action(
        description="Re-extract the selected articles", permissions=["change"]
    )
    def reextract(self, request, queryset) -> None:
        articles = list(queryset)
        Article.objects.filter(pk__in=[a.pk for a in articles]).update(
            extraction_status=Article.ExtractionStatus.PENDING
        )
        for article in articles:
            enqueue_extraction(article)
            self.log_change(request, article, "Re-extraction requested.")
        self.message_user(
            request,
            format_html(
                "Re-extraction of {} article(s) queued. Editors' confirmations, "
                "rejections and merges are kept.",
                len(articles),
            ),
        )
