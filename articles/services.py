"""Write paths for articles: storing what came in and extracting from it."""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from spacy.tokens import Doc

from .extraction.extract import EXTRACTOR_VERSION, extract_doc
from .extraction.pipeline import build_nlp
from .extraction.types import ArticleExtraction
from .models import Article, Sentence, content_hash
from .records import ArticleRecord
from .signals import article_extracted, extraction_replacing

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class IngestOutcome:
    article: Article
    action: str  # created, updated or unchanged

    @property
    def needs_extraction(self) -> bool:
        return (
            self.action != "unchanged"
            or self.article.extraction_status != Article.ExtractionStatus.DONE
            # Extracted by other rules: the same text gives other events now.
            or self.article.extractor_version != EXTRACTOR_VERSION
        )


def ingest_article(*, record: ArticleRecord) -> IngestOutcome:
    """Store one article, idempotent by URL: the same text again changes nothing."""
    with transaction.atomic():
        article = Article.objects.select_for_update().filter(url=record.url).first()
        if article is None:
            try:
                with transaction.atomic():
                    article = Article.objects.create(
                        url=record.url,
                        outlet=record.outlet,
                        title=record.title,
                        published_at=record.published_at,
                        text=record.text,
                    )
                return IngestOutcome(article, "created")
            except IntegrityError:
                # Another process stored the same URL a moment ago.
                article = Article.objects.select_for_update().get(url=record.url)
        same = (
            article.content_hash == content_hash(record.text)
            and article.published_at == record.published_at
        )
        if same and article.title == record.title and article.outlet == record.outlet:
            return IngestOutcome(article, "unchanged")
        article.title, article.outlet = record.title, record.outlet
        article.published_at, article.text = record.published_at, record.text
        if not same:
            article.extraction_status = Article.ExtractionStatus.PENDING
        article.save()
        return IngestOutcome(article, "updated" if not same else "unchanged")


def nlp():
    return build_nlp(settings.SPACY_MODEL)


def extract_articles(
    *, articles: Sequence[Article], batch_size: int = 16
) -> dict[int, str]:
    """Extract several articles with one pass of the pipeline, one transaction each.

    A failure leaves that article's previous extraction whole and records the error;
    the other articles go on. Returns the error of each article that failed, by id.
    """
    failures: dict[int, str] = {}
    try:
        pipeline = nlp()
    except Exception as exc:  # noqa: BLE001  (a pipeline that will not load fails them all)
        for article in articles:
            failures[article.pk] = record_failure(article=article, error=exc)
        return failures
    parseable = []
    for article in articles:
        if len(article.text) > pipeline.max_length:
            failures[article.pk] = record_failure(
                article=article,
                error=ValueError(
                    f"the text has {len(article.text):,} characters, more than the "
                    f"parser reads ({pipeline.max_length:,})"
                ),
            )
        else:
            parseable.append(article)
    for article, doc in _parsed(pipeline, parseable, batch_size):
        try:
            if isinstance(doc, Exception):
                raise doc
            store_extraction(
                article=article, extraction=extract_doc(doc, article.published_at)
            )
        except Exception as exc:  # noqa: BLE001  (any failure becomes the article's error)
            logger.exception("extraction failed for article %s", article.pk)
            failures[article.pk] = record_failure(article=article, error=exc)
    return failures


def _parsed(
    pipeline, articles: Sequence[Article], batch_size: int
) -> Iterator[tuple[Article, Doc | Exception]]:
    """Each article with its parse, or the error parsing it raised. ``nlp.pipe`` reads
    ahead, so one bad text can break a batch at an article before it: from there on the
    texts are parsed one at a time, and each error stays its own article's."""
    done = 0
    try:
        for doc in pipeline.pipe((a.text for a in articles), batch_size=batch_size):
            yield articles[done], doc
            done += 1
    except Exception:  # noqa: BLE001
        logger.warning("a batch broke at article %s; parsing one at a time", done)
        for article in articles[done:]:
            try:
                doc = pipeline(article.text)
            except Exception as exc:  # noqa: BLE001
                yield article, exc
            else:
                yield article, doc


class ExtractionQueue:
    """Collects articles and extracts them a batch at a time, one ``nlp.pipe`` pass each;
    ``failures`` keeps the error of every article that failed, by id."""

    def __init__(self, batch_size: int = 32) -> None:
        self.batch_size = batch_size
        self.pending: dict[int, Article] = {}
        self.failures: dict[int, str] = {}

    def add(self, article: Article) -> None:
        self.pending[article.pk] = article
        if len(self.pending) >= self.batch_size:
            self.flush()

    def flush(self) -> None:
        if self.pending:
            self.failures |= extract_articles(
                articles=list(self.pending.values()), batch_size=self.batch_size
            )
            self.pending = {}


def extract_article(*, article: Article) -> Article:
    extract_articles(articles=[article])
    article.refresh_from_db()
    return article


def store_extraction(*, article: Article, extraction: ArticleExtraction) -> None:
    """Replace the article's sentences and let the timeline record its events."""
    with transaction.atomic():
        extraction_replacing.send(sender=Article, article=article)
        article.sentences.all().delete()
        sentences = Sentence.objects.bulk_create(
            Sentence(
                article=article, index=s.index, start=s.start, end=s.end, text=s.text
            )
            for s in extraction.sentences
        )
        if extraction.language == "en":
            article_extracted.send(
                sender=Article,
                article=article,
                extraction=extraction,
                sentences=sentences,
            )
        Article.objects.filter(pk=article.pk).update(
            extraction_status=Article.ExtractionStatus.DONE,
            extraction_error=""
            if extraction.language == "en"
            else f"not extracted: the text does not read as English ({extraction.language})",
            extractor_version=EXTRACTOR_VERSION,
            language=extraction.language,
        )


def record_failure(*, article: Article, error: BaseException) -> str:
    """Mark the article failed with the error (its text and earlier extraction kept);
    returns the message stored."""
    message = f"{type(error).__name__}: {error}"[:2000]
    Article.objects.filter(pk=article.pk).update(
        extraction_status=Article.ExtractionStatus.FAILED, extraction_error=message
    )
    return message
