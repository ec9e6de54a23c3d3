"""Full-text search over event titles (articles.fulltext)."""

from django.db import migrations

from articles.fulltext import full_text_index


class Migration(migrations.Migration):
    dependencies = [
        ("timeline", "0003_editors_group"),
        ("articles", "0002_sentence_search"),
    ]

    operations = [full_text_index("timeline_event", "title", "timeline_event_search")]
