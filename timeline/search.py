"""Full-text search over events: each event's title and the sentences of its evidence,
on either database.

Every event has one search document, its title and its sentences, kept by triggers on
events, evidence and sentences (bulk writes included). PostgreSQL stores it as a
``search_vector`` tsvector column (english configuration) with a GIN index; SQLite as
an FTS5 table (porter stemming) whose rowid is the event's id. Neither is a model field:
Django never writes them back. Every word of the query must occur in the document, as a
word or the start of one ("cease" finds "ceasefire"). ``document_index`` is the
migration operation; keep its output stable.
"""

from __future__ import annotations

import re

from django.db import connection, migrations
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL

WORD = re.compile(r"\w+", re.UNICODE)
MAX_WORDS = 12

DOCUMENTS = "timeline_event_document"  # the SQLite FTS5 table
# One event's document, from the event row "e".
DOCUMENT = {
    "postgresql": "to_tsvector('english'::regconfig, e.title || ' ' || coalesce(("
    "SELECT string_agg(s.text, ' ' ORDER BY v.id) FROM timeline_evidence v "
    "JOIN articles_sentence s ON s.id = v.sentence_id WHERE v.event_id = e.id), ''))",
    "sqlite": "e.title || ' ' || coalesce((SELECT group_concat(s.text, ' ') FROM "
    "timeline_evidence v JOIN articles_sentence s ON s.id = v.sentence_id "
    "WHERE v.event_id = e.id), '')",
}
MATCH = {
    "postgresql": "timeline_event.search_vector @@ "
    "to_tsquery('english'::regconfig, %s)",
    "sqlite": f"timeline_event.id IN (SELECT rowid FROM {DOCUMENTS} "
    f"WHERE {DOCUMENTS} MATCH %s)",
}


def words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text)][:MAX_WORDS]


def _query(terms: list[str]) -> str:
    if connection.vendor == "postgresql":
        return " & ".join(f"{t}:*" for t in terms)
    return " ".join(f'"{t}"*' for t in terms)


def matching(text: str) -> RawSQL | None:
    """A condition on the events table: the event's document has every word of
    ``text``. For the top-level events query (it names the table)."""
    terms = words(text)
    if not terms:
        return None
    return RawSQL(
        MATCH[connection.vendor], [_query(terms)], output_field=BooleanField()
    )


# -- the documents, made by a migration ------------------------------------------------


def _postgresql() -> list[str]:
    refresh = (
        "UPDATE timeline_event e SET search_vector = {document} WHERE e.id = ANY(ids)"
    ).format(document=DOCUMENT["postgresql"])
    return [
        "ALTER TABLE timeline_event ADD COLUMN search_vector tsvector",
        f"""CREATE FUNCTION timeline_event_documents(ids bigint[]) RETURNS void
        LANGUAGE sql AS $$ {refresh} $$""",
        # An event written with a new title: its own row, before it is stored.
        f"""CREATE FUNCTION timeline_event_document() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
          NEW.search_vector := (SELECT {DOCUMENT["postgresql"]}
            FROM (SELECT NEW.id AS id, NEW.title AS title) e);
          RETURN NEW;
        END $$""",
        """CREATE TRIGGER timeline_event_document BEFORE INSERT OR UPDATE OF title
        ON timeline_event FOR EACH ROW EXECUTE FUNCTION timeline_event_document()""",
        # Evidence added, removed or moved: once per statement, for the events touched.
        """CREATE FUNCTION timeline_evidence_documents() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'INSERT' THEN
            PERFORM timeline_event_documents(
              ARRAY(SELECT DISTINCT event_id FROM added));
          ELSIF TG_OP = 'DELETE' THEN
            PERFORM timeline_event_documents(
              ARRAY(SELECT DISTINCT event_id FROM removed));
          ELSE
            PERFORM timeline_event_documents(ARRAY(
              SELECT o.event_id FROM removed o JOIN added n ON n.id = o.id
              WHERE o.event_id <> n.event_id OR o.sentence_id <> n.sentence_id
              UNION SELECT n.event_id FROM removed o JOIN added n ON n.id = o.id
              WHERE o.event_id <> n.event_id OR o.sentence_id <> n.sentence_id));
          END IF;
          RETURN NULL;
        END $$""",
        """CREATE TRIGGER timeline_evidence_documents_insert AFTER INSERT
        ON timeline_evidence REFERENCING NEW TABLE AS added
        FOR EACH STATEMENT EXECUTE FUNCTION timeline_evidence_documents()""",
        """CREATE TRIGGER timeline_evidence_documents_delete AFTER DELETE
        ON timeline_evidence REFERENCING OLD TABLE AS removed
        FOR EACH STATEMENT EXECUTE FUNCTION timeline_evidence_documents()""",
        """CREATE TRIGGER timeline_evidence_documents_update AFTER UPDATE
        ON timeline_evidence REFERENCING OLD TABLE AS removed NEW TABLE AS added
        FOR EACH STATEMENT EXECUTE FUNCTION timeline_evidence_documents()""",
        # A sentence's text changed: the events citing it.
        """CREATE FUNCTION timeline_sentence_documents() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
          PERFORM timeline_event_documents(ARRAY(
            SELECT event_id FROM timeline_evidence WHERE sentence_id = NEW.id));
          RETURN NULL;
        END $$""",
        """CREATE TRIGGER timeline_sentence_documents AFTER UPDATE OF text
        ON articles_sentence FOR EACH ROW WHEN (OLD.text IS DISTINCT FROM NEW.text)
        EXECUTE FUNCTION timeline_sentence_documents()""",
        "SELECT timeline_event_documents(ARRAY(SELECT id FROM timeline_event))",
        "CREATE INDEX timeline_event_search_vector ON timeline_event "
        "USING gin (search_vector)",
    ]


def _sqlite() -> list[str]:
    def rewrite(ids: str) -> str:
        return (
            f"DELETE FROM {DOCUMENTS} WHERE rowid IN ({ids}); "
            f"INSERT INTO {DOCUMENTS}(rowid, document) "
            f"SELECT e.id, {DOCUMENT['sqlite']} FROM timeline_event e "
            f"WHERE e.id IN ({ids});"
        )

    citing = "SELECT event_id FROM timeline_evidence WHERE sentence_id = new.id"
    return [
        f"""CREATE VIRTUAL TABLE {DOCUMENTS} USING fts5(document,
        tokenize='porter unicode61 remove_diacritics 2')""",
        "CREATE TRIGGER timeline_event_document_insert AFTER INSERT ON timeline_event "
        f"BEGIN {rewrite('new.id')} END",
        "CREATE TRIGGER timeline_event_document_update AFTER UPDATE OF title "
        f"ON timeline_event BEGIN {rewrite('new.id')} END",
        "CREATE TRIGGER timeline_event_document_delete AFTER DELETE ON timeline_event "
        f"BEGIN DELETE FROM {DOCUMENTS} WHERE rowid = old.id; END",
        "CREATE TRIGGER timeline_evidence_document_insert AFTER INSERT "
        f"ON timeline_evidence BEGIN {rewrite('new.event_id')} END",
        "CREATE TRIGGER timeline_evidence_document_delete AFTER DELETE "
        f"ON timeline_evidence BEGIN {rewrite('old.event_id')} END",
        "CREATE TRIGGER timeline_evidence_document_update AFTER UPDATE OF "
        "event_id, sentence_id ON timeline_evidence "
        f"BEGIN {rewrite('old.event_id, new.event_id')} END",
        "CREATE TRIGGER timeline_sentence_document_update AFTER UPDATE OF text "
        f"ON articles_sentence BEGIN {rewrite(citing)} END",
        f"INSERT INTO {DOCUMENTS}(rowid, document) "
        f"SELECT e.id, {DOCUMENT['sqlite']} FROM timeline_event e",
    ]


def _drop(vendor: str) -> list[str]:
    if vendor == "postgresql":
        return [
            "DROP TRIGGER IF EXISTS timeline_sentence_documents ON articles_sentence",
            "DROP FUNCTION IF EXISTS timeline_sentence_documents()",
            *(
                f"DROP TRIGGER IF EXISTS timeline_evidence_documents_{op} "
                "ON timeline_evidence"
                for op in ("insert", "delete", "update")
            ),
            "DROP FUNCTION IF EXISTS timeline_evidence_documents()",
            "DROP TRIGGER IF EXISTS timeline_event_document ON timeline_event",
            "DROP FUNCTION IF EXISTS timeline_event_document()",
            "DROP FUNCTION IF EXISTS timeline_event_documents(bigint[])",
            "ALTER TABLE timeline_event DROP COLUMN IF EXISTS search_vector",
        ]
    triggers = [
        *(f"timeline_event_document_{op}" for op in ("insert", "update", "delete")),
        *(f"timeline_evidence_document_{op}" for op in ("insert", "delete", "update")),
        "timeline_sentence_document_update",
    ]
    return [
        *(f"DROP TRIGGER IF EXISTS {name}" for name in triggers),
        f"DROP TABLE IF EXISTS {DOCUMENTS}",
    ]


def document_index() -> migrations.RunPython:
    """The migration operation that makes (and, reversed, drops) the documents."""

    def forward(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for sql in {"postgresql": _postgresql, "sqlite": _sqlite}[vendor]():
            schema_editor.execute(sql, params=None)

    def backward(apps, schema_editor):
        for sql in _drop(schema_editor.connection.vendor):
            schema_editor.execute(sql, params=None)

    return migrations.RunPython(forward, backward)
