"""Signals that let the timeline app follow an article's extraction without the
articles app knowing about events."""

from django.dispatch import Signal

# Sent inside the extraction transaction, before the article's sentences are replaced.
# kwargs: article
extraction_replacing = Signal()

# Sent inside the same transaction once the new sentences are stored.
# kwargs: article, extraction (ArticleExtraction), sentences (list[Sentence] by index)
article_extracted = Signal()
