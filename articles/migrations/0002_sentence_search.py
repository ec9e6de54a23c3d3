"""Full-text search over sentences: a GIN-indexed tsvector expression on PostgreSQL, an
FTS5 table kept in step by triggers on SQLite (see articles.search)."""

from django.db import migrations

SQLITE = [
    """CREATE VIRTUAL TABLE articles_sentence_fts USING fts5(
        text, content='articles_sentence', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER articles_sentence_fts_insert AFTER INSERT ON articles_sentence BEGIN
        INSERT INTO articles_sentence_fts(rowid, text) VALUES (new.id, new.text); END""",
    """CREATE TRIGGER articles_sentence_fts_delete AFTER DELETE ON articles_sentence BEGIN
        INSERT INTO articles_sentence_fts(articles_sentence_fts, rowid, text)
        VALUES ('delete', old.id, old.text); END""",
    """CREATE TRIGGER articles_sentence_fts_update AFTER UPDATE OF text ON articles_sentence
        BEGIN
        INSERT INTO articles_sentence_fts(articles_sentence_fts, rowid, text)
        VALUES ('delete', old.id, old.text);
        INSERT INTO articles_sentence_fts(rowid, text) VALUES (new.id, new.text); END""",
    "INSERT INTO articles_sentence_fts(articles_sentence_fts) VALUES ('rebuild')",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS articles_sentence_fts_insert",
    "DROP TRIGGER IF EXISTS articles_sentence_fts_delete",
    "DROP TRIGGER IF EXISTS articles_sentence_fts_update",
    "DROP TABLE IF EXISTS articles_sentence_fts",
]
POSTGRES = [
    """CREATE INDEX IF NOT EXISTS articles_sentence_search ON articles_sentence
        USING gin (to_tsvector('english'::regconfig, text))""",
]
POSTGRES_DROP = ["DROP INDEX IF EXISTS articles_sentence_search"]


def run(statements_by_vendor):
    def apply(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [("articles", "0001_initial")]

    operations = [
        migrations.RunPython(
            run({"sqlite": SQLITE, "postgresql": POSTGRES}),
            run({"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}),
        )
    ]
