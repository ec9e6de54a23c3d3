"""Full-text indexes on a text column, for PostgreSQL and SQLite, made by migrations.

PostgreSQL: a GIN index on ``to_tsvector('english', column)``, which queries written
with the same expression use. SQLite: an external-content FTS5 table named
``<table>_fts`` (porter stemming) kept in step with the table by triggers. The queries
are in timeline/search.py. Migrations call ``full_text_index``; keep its output stable,
since applied migrations depend on it.
"""

from __future__ import annotations

from django.db import migrations


def fts_table(table: str) -> str:
    return f"{table}_fts"


def _sqlite(table: str, column: str) -> list[str]:
    fts = fts_table(table)
    remove = f"INSERT INTO {fts}({fts}, rowid, {column}) VALUES ('delete', old.id, old.{column})"
    add = f"INSERT INTO {fts}(rowid, {column}) VALUES (new.id, new.{column})"
    return [
        f"""CREATE VIRTUAL TABLE {fts} USING fts5(
            {column}, content='{table}', content_rowid='id',
            tokenize='porter unicode61 remove_diacritics 2')""",
        f"CREATE TRIGGER {fts}_insert AFTER INSERT ON {table} BEGIN {add}; END",
        f"CREATE TRIGGER {fts}_delete AFTER DELETE ON {table} BEGIN {remove}; END",
        f"CREATE TRIGGER {fts}_update AFTER UPDATE OF {column} ON {table} "
        f"BEGIN {remove}; {add}; END",
        f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",
    ]


def _sqlite_drop(table: str) -> list[str]:
    fts = fts_table(table)
    return [
        *(
            f"DROP TRIGGER IF EXISTS {fts}_{event}"
            for event in ("insert", "delete", "update")
        ),
        f"DROP TABLE IF EXISTS {fts}",
    ]


def full_text_index(
    table: str, column: str, index: str, *, drop: bool = False
) -> migrations.RunPython:
    """The migration operation that makes (and, reversed, drops) the index; with
    ``drop``, the one that drops it (and, reversed, makes it again)."""
    forward = {
        "sqlite": _sqlite(table, column),
        "postgresql": [
            f"CREATE INDEX IF NOT EXISTS {index} ON {table} "
            f"USING gin (to_tsvector('english'::regconfig, {column}))"
        ],
    }
    backward = {
        "sqlite": _sqlite_drop(table),
        "postgresql": [f"DROP INDEX IF EXISTS {index}"],
    }

    def run(statements: dict[str, list[str]]):
        def apply(apps, schema_editor):
            for sql in statements.get(schema_editor.connection.vendor, []):
                schema_editor.execute(sql)

        return apply

    if drop:
        return migrations.RunPython(run(backward), run(forward))
    return migrations.RunPython(run(forward), run(backward))
