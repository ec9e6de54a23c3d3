"""Full-text search over event titles, as for sentences (articles 0002)."""

from django.db import migrations

SQLITE = [
    """CREATE VIRTUAL TABLE timeline_event_fts USING fts5(
        title, content='timeline_event', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER timeline_event_fts_insert AFTER INSERT ON timeline_event BEGIN
        INSERT INTO timeline_event_fts(rowid, title) VALUES (new.id, new.title); END""",
    """CREATE TRIGGER timeline_event_fts_delete AFTER DELETE ON timeline_event BEGIN
        INSERT INTO timeline_event_fts(timeline_event_fts, rowid, title)
        VALUES ('delete', old.id, old.title); END""",
    """CREATE TRIGGER timeline_event_fts_update AFTER UPDATE OF title ON timeline_event
        BEGIN
        INSERT INTO timeline_event_fts(timeline_event_fts, rowid, title)
        VALUES ('delete', old.id, old.title);
        INSERT INTO timeline_event_fts(rowid, title) VALUES (new.id, new.title); END""",
    "INSERT INTO timeline_event_fts(timeline_event_fts) VALUES ('rebuild')",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS timeline_event_fts_insert",
    "DROP TRIGGER IF EXISTS timeline_event_fts_delete",
    "DROP TRIGGER IF EXISTS timeline_event_fts_update",
    "DROP TABLE IF EXISTS timeline_event_fts",
]
POSTGRES = [
    """CREATE INDEX IF NOT EXISTS timeline_event_search ON timeline_event
        USING gin (to_tsvector('english'::regconfig, title))""",
]
POSTGRES_DROP = ["DROP INDEX IF EXISTS timeline_event_search"]


def run(statements_by_vendor):
    def apply(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [
        ("timeline", "0003_editors_group"),
        ("articles", "0002_sentence_search"),
    ]

    operations = [
        migrations.RunPython(
            run({"sqlite": SQLITE, "postgresql": POSTGRES}),
            run({"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}),
        )
    ]
