"""Full-text search over sentences (articles.fulltext)."""

from django.db import migrations

from articles.fulltext import full_text_index


class Migration(migrations.Migration):
    dependencies = [("articles", "0001_initial")]

    operations = [
        full_text_index("articles_sentence", "text", "articles_sentence_search")
    ]
