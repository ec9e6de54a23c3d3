"""One search document per event (title and sentences, timeline.search) replaces the
separate indexes on event titles and on sentences."""

from django.db import migrations

from articles.fulltext import full_text_index
from timeline.search import document_index


class Migration(migrations.Migration):
    dependencies = [("timeline", "0005_month_counts")]

    operations = [
        full_text_index("timeline_event", "title", "timeline_event_search", drop=True),
        full_text_index(
            "articles_sentence", "text", "articles_sentence_search", drop=True
        ),
        document_index(),
    ]
