"""Background work: extraction runs as a django-tasks task, enqueued on commit of a save."""

from __future__ import annotations

from django.db import transaction
from django_tasks import task

from .models import Article


@task()
def extract_article_task(article_id: int) -> str:
    from .services import extract_article

    article = Article.objects.filter(pk=article_id).first()
    if article is None:
        return "gone"
    return extract_article(article=article).extraction_status


def enqueue_extraction(article: Article) -> None:
    """Extract once the article's row is committed, so the task sees it."""
    transaction.on_commit(lambda: extract_article_task.enqueue(article.pk))
