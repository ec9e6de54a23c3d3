"""What came in: articles and their sentences."""

from __future__ import annotations

import hashlib

from django.db import models
from django.urls import reverse

from .records import MAX_URL_CHARS


def content_hash(text: str) -> str:
    """Hash of the text that extraction reads, to tell a changed article from a re-sent one."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class ArticleQuerySet(models.QuerySet):
    def extracted(self) -> ArticleQuerySet:
        return self.filter(extraction_status=Article.ExtractionStatus.DONE)

    def failed(self) -> ArticleQuerySet:
        return self.filter(extraction_status=Article.ExtractionStatus.FAILED)


class Article(models.Model):
    class ExtractionStatus(models.TextChoices):
        PENDING = "pending", "Pending"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    url = models.URLField(max_length=MAX_URL_CHARS, unique=True)
    outlet = models.CharField(max_length=200)
    title = models.CharField(max_length=500)
    published_at = models.DateField(
        help_text="Publication date: relative dates resolve against it."
    )
    text = models.TextField()
    content_hash = models.CharField(max_length=64, editable=False)
    language = models.CharField(max_length=16, default="en")
    extraction_status = models.CharField(
        max_length=16,
        choices=ExtractionStatus.choices,
        default=ExtractionStatus.PENDING,
    )
    extraction_error = models.TextField(blank=True)
    extractor_version = models.CharField(max_length=32, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "id"]
        indexes = [
            models.Index(fields=["published_at"]),
            models.Index(fields=["outlet"]),
            models.Index(fields=["extraction_status"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(text=""), name="article_text_not_empty"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.outlet}, {self.published_at:%Y-%m-%d})"

    def save(self, *args, **kwargs) -> None:
        self.content_hash = content_hash(self.text)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("articles:detail", args=[self.pk])


class Sentence(models.Model):
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="sentences"
    )
    index = models.PositiveIntegerField()
    start = models.PositiveIntegerField(
        help_text="Character offset into the article text."
    )
    end = models.PositiveIntegerField()
    text = models.TextField()

    class Meta:
        ordering = ["article", "index"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "index"], name="sentence_unique_index"
            ),
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")),
                name="sentence_span_not_empty",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.article_id}#{self.index}: {self.text[:60]}"

    def get_absolute_url(self) -> str:
        return f"{self.article.get_absolute_url()}#{self.anchor}"

    @property
    def anchor(self) -> str:
        return f"s-{self.index}"
