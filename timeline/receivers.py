"""The timeline follows article extraction through the articles app's signals."""

from . import services


def on_extraction_replacing(sender, *, article, **kwargs) -> None:
    services.forget_article(article=article)


def on_article_deleting(sender, *, instance, **kwargs) -> None:
    """An article being deleted takes back what it told, as re-extracting it would."""
    services.forget_article(article=instance)


def on_article_extracted(sender, *, article, extraction, sentences, **kwargs) -> None:
    services.record_extraction(
        article=article, extraction=extraction, sentences=sentences
    )
