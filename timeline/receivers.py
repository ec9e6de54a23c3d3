"""The timeline follows article extraction through the articles app's signals."""

from . import services


def on_extraction_replacing(sender, *, article, **kwargs) -> None:
    services.forget_article(article=article)


def on_article_extracted(sender, *, article, extraction, sentences, **kwargs) -> None:
    services.record_extraction(
        article=article, extraction=extraction, sentences=sentences
    )
