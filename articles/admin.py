from django.contrib import admin
from django.db import models

from .models import Article, Sentence
from .tasks import enqueue_extraction


class SentenceInline(admin.TabularInline):
    model = Sentence
    fields = ("index", "text")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = (
        "title",
        "outlet",
        "published_at",
        "extraction_status",
        "extractor_version",
    )
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
