from django.apps import AppConfig


class TimelineConfig(AppConfig):
    name = "timeline"
    verbose_name = "Timeline"

    def ready(self) -> None:
        from django.db.models.signals import pre_delete

        from articles.models import Article
        from articles.signals import article_extracted, extraction_replacing

        from . import receivers

        extraction_replacing.connect(
            receivers.on_extraction_replacing, dispatch_uid="tl-replacing"
        )
        article_extracted.connect(
            receivers.on_article_extracted, dispatch_uid="tl-extracted"
        )
        pre_delete.connect(
            receivers.on_article_deleting, sender=Article, dispatch_uid="tl-deleting"
        )
