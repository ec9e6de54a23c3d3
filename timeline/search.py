"""Full-text search over event titles and evidence sentences, on either database.

PostgreSQL matches ``to_tsvector('english', ...)`` against a prefix ``to_tsquery``,
served by GIN expression indexes; SQLite matches FTS5 tables (porter stemming) kept in
step by triggers. Both are made by migrations with articles.fulltext. Every word
of the query must match, as a word or the start of one ("cease" finds "ceasefire").
"""

from __future__ import annotations

import re

from django.db import connection
from django.db.models.expressions import RawSQL

from articles.fulltext import fts_table

WORD = re.compile(r"\w+", re.UNICODE)
MAX_WORDS = 12

EVENTS_FTS = fts_table("timeline_event")
SENTENCES_FTS = fts_table("articles_sentence")
SQL = {
    "postgresql": {
        "title": "SELECT id FROM timeline_event WHERE to_tsvector('english'::regconfig, "
        "title) @@ to_tsquery('english'::regconfig, %s)",
        "sentence": "SELECT id FROM articles_sentence WHERE "
        "to_tsvector('english'::regconfig, text) @@ to_tsquery('english'::regconfig, %s)",
    },
    "sqlite": {
        "title": f"SELECT rowid FROM {EVENTS_FTS} WHERE {EVENTS_FTS} MATCH %s",
        "sentence": f"SELECT rowid FROM {SENTENCES_FTS} WHERE {SENTENCES_FTS} MATCH %s",
    },
}


def words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text)][:MAX_WORDS]


def _query(terms: list[str]) -> str:
    if connection.vendor == "postgresql":
        return " & ".join(f"{t}:*" for t in terms)
    return " ".join(f'"{t}"*' for t in terms)


def matching_events(text: str) -> RawSQL | None:
    """Ids of events whose title or one of whose sentences matches: one subquery, a
    union of the two index lookups."""
    terms = words(text)
    if not terms:
        return None
    sql = SQL[connection.vendor]
    query = _query(terms)
    return RawSQL(
        f"{sql['title']} UNION SELECT e.event_id FROM timeline_evidence e "
        f"WHERE e.sentence_id IN ({sql['sentence']})",
        [query, query],
    )
