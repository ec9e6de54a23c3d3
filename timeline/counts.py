"""Events per month, kept by the database: the axis's range and density strip read
these counts instead of aggregating every event in view.

Three tables (timeline.models ``EventMonth``, ``ActorMonth``, ``PlaceMonth``) count
dated events by the month they start in (UTC), their kind and their status, overall and
per actor and place. Triggers on the events and on their actor and place links keep
them exact on every write, bulk inserts and raw updates included: an (event, link) pair
is counted while both rows exist, whichever is written or deleted first. Rows left at
zero stay (a later event in that month reuses them); readers skip them.

``months_and_marks`` reads them for a view when its filters are ones the counts know
(kind, status and one actor or one place); other views aggregate their filtered events
(read once for the counts and the marks in view). Migrations call ``count_triggers``;
keep its output stable.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet
from django.db import connection, migrations
from django.db.models import Sum

from .forms import FILTER_FIELDS

EVENTS = "timeline_event"
# (count table, its column, link table, the link's column)
LINKS = [
    ("timeline_actormonth", "actor_id", "timeline_eventactor", "actor_id"),
    ("timeline_placemonth", "place_id", "timeline_event_places", "place_id"),
]


# The month an event row starts in, as SQL, by database ({row}: the row's name). Django
# stores SQLite datetimes as UTC text, "2017-07-09 12:00:00".
MONTH = {
    "postgresql": "date_trunc('month', {row}.start AT TIME ZONE 'UTC')::date",
    "sqlite": "substr({row}.start, 1, 7) || '-01'",
}


# -- the triggers ---------------------------------------------------------------------


def _postgresql() -> list[str]:
    month = MONTH["postgresql"]
    old, new = month.format(row="OLD"), month.format(row="NEW")
    statements = [
        f"""CREATE OR REPLACE FUNCTION timeline_count_event() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP <> 'INSERT' AND OLD.start IS NOT NULL THEN
            UPDATE timeline_eventmonth SET events = events - 1
              WHERE month = {old} AND kind = OLD.kind AND status = OLD.status;
            {"".join(_pg_event_links(old, "OLD", -1))}
          END IF;
          IF TG_OP <> 'DELETE' AND NEW.start IS NOT NULL THEN
            INSERT INTO timeline_eventmonth (month, kind, status, events)
              VALUES ({new}, NEW.kind, NEW.status, 1)
              ON CONFLICT (month, kind, status)
              DO UPDATE SET events = timeline_eventmonth.events + 1;
            {"".join(_pg_event_links(new, "NEW", 1))}
          END IF;
          RETURN NULL;
        END $$""",
        f"""CREATE TRIGGER timeline_count_event_write
        AFTER INSERT OR DELETE ON {EVENTS}
        FOR EACH ROW EXECUTE FUNCTION timeline_count_event()""",
        f"""CREATE TRIGGER timeline_count_event_update
        AFTER UPDATE OF start, kind, status ON {EVENTS} FOR EACH ROW
        WHEN (OLD.start IS DISTINCT FROM NEW.start OR OLD.kind IS DISTINCT FROM
              NEW.kind OR OLD.status IS DISTINCT FROM NEW.status)
        EXECUTE FUNCTION timeline_count_event()""",
    ]
    for table, column, link, link_column in LINKS:
        event_month = month.format(row="e")
        function = f"{link}_count"
        statements += [
            f"""CREATE OR REPLACE FUNCTION {function}() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
              IF TG_OP <> 'INSERT' THEN
                UPDATE {table} c SET events = c.events - 1 FROM {EVENTS} e
                  WHERE e.id = OLD.event_id AND e.start IS NOT NULL
                  AND c.{column} = OLD.{link_column} AND c.month = {event_month}
                  AND c.kind = e.kind AND c.status = e.status;
              END IF;
              IF TG_OP <> 'DELETE' THEN
                INSERT INTO {table} ({column}, month, kind, status, events)
                  SELECT NEW.{link_column}, {event_month}, e.kind, e.status, 1
                  FROM {EVENTS} e WHERE e.id = NEW.event_id AND e.start IS NOT NULL
                  ON CONFLICT ({column}, month, kind, status)
                  DO UPDATE SET events = {table}.events + 1;
              END IF;
              RETURN NULL;
            END $$""",
            f"""CREATE TRIGGER {function}_write AFTER INSERT OR DELETE ON {link}
            FOR EACH ROW EXECUTE FUNCTION {function}()""",
            f"""CREATE TRIGGER {function}_update
            AFTER UPDATE OF event_id, {link_column} ON {link} FOR EACH ROW
            WHEN (OLD.event_id <> NEW.event_id OR OLD.{link_column} <>
                  NEW.{link_column})
            EXECUTE FUNCTION {function}()""",
        ]
    return statements


def _pg_event_links(month: str, row: str, step: int) -> list[str]:
    statements = []
    for table, column, link, link_column in LINKS:
        if step < 0:
            statements.append(
                f"""UPDATE {table} c SET events = c.events - 1 FROM {link} r
                WHERE r.event_id = OLD.id AND c.{column} = r.{link_column}
                AND c.month = {month} AND c.kind = OLD.kind
                AND c.status = OLD.status;"""
            )
        else:
            statements.append(
                f"""INSERT INTO {table} ({column}, month, kind, status, events)
                SELECT r.{link_column}, {month}, {row}.kind, {row}.status, 1
                FROM {link} r WHERE r.event_id = {row}.id
                ON CONFLICT ({column}, month, kind, status)
                DO UPDATE SET events = {table}.events + 1;"""
            )
    return statements


def _sqlite() -> list[str]:
    month = MONTH["sqlite"]

    def remove(row: str) -> str:
        m = month.format(row=row)
        parts = [
            f"""UPDATE timeline_eventmonth SET events = events - 1
            WHERE {row}.start IS NOT NULL AND month = {m}
            AND kind = {row}.kind AND status = {row}.status;"""
        ]
        for table, column, link, link_column in LINKS:
            parts.append(
                f"""UPDATE {table} SET events = events - 1
                WHERE {row}.start IS NOT NULL AND month = {m}
                AND kind = {row}.kind AND status = {row}.status AND {column} IN
                (SELECT {link_column} FROM {link} WHERE event_id = {row}.id);"""
            )
        return "\n".join(parts)

    def add(row: str) -> str:
        m = month.format(row=row)
        parts = [
            f"""INSERT INTO timeline_eventmonth (month, kind, status, events)
            SELECT {m}, {row}.kind, {row}.status, 1 WHERE {row}.start IS NOT NULL
            ON CONFLICT (month, kind, status) DO UPDATE SET events = events + 1;"""
        ]
        for table, column, link, link_column in LINKS:
            parts.append(
                f"""INSERT INTO {table} ({column}, month, kind, status, events)
                SELECT {link_column}, {m}, {row}.kind, {row}.status, 1 FROM {link}
                WHERE event_id = {row}.id AND {row}.start IS NOT NULL
                ON CONFLICT ({column}, month, kind, status)
                DO UPDATE SET events = events + 1;"""
            )
        return "\n".join(parts)

    statements = [
        f"CREATE TRIGGER timeline_count_event_insert AFTER INSERT ON {EVENTS} "
        f"BEGIN {add('new')} END",
        f"CREATE TRIGGER timeline_count_event_delete AFTER DELETE ON {EVENTS} "
        f"BEGIN {remove('old')} END",
        f"""CREATE TRIGGER timeline_count_event_update
        AFTER UPDATE OF start, kind, status ON {EVENTS}
        WHEN old.start IS NOT new.start OR old.kind IS NOT new.kind
          OR old.status IS NOT new.status
        BEGIN {remove("old")} {add("new")} END""",
    ]
    for spec in LINKS:
        link, link_column = spec[2], spec[3]
        moved_from = _sqlite_link_remove("old", spec)
        moved_to = _sqlite_link_add("new", spec)
        statements += [
            f"CREATE TRIGGER {link}_count_insert AFTER INSERT ON {link} "
            f"BEGIN {_sqlite_link_add('new', spec)} END",
            f"CREATE TRIGGER {link}_count_delete AFTER DELETE ON {link} "
            f"BEGIN {_sqlite_link_remove('old', spec)} END",
            f"""CREATE TRIGGER {link}_count_update
            AFTER UPDATE OF event_id, {link_column} ON {link}
            WHEN old.event_id <> new.event_id OR old.{link_column} <> new.{link_column}
            BEGIN {moved_from} {moved_to} END""",
        ]
    return statements


def _sqlite_link_remove(row: str, spec: tuple[str, str, str, str]) -> str:
    table, column, link, link_column = spec
    e = MONTH["sqlite"].format(row="e")
    return f"""UPDATE {table} SET events = events - 1
            WHERE {column} = {row}.{link_column} AND (month, kind, status) IN
            (SELECT {e}, e.kind, e.status FROM {EVENTS} e
             WHERE e.id = {row}.event_id AND e.start IS NOT NULL);"""


def _sqlite_link_add(row: str, spec: tuple[str, str, str, str]) -> str:
    table, column, link, link_column = spec
    e = MONTH["sqlite"].format(row="e")
    return f"""INSERT INTO {table} ({column}, month, kind, status, events)
            SELECT {row}.{link_column}, {e}, e.kind, e.status, 1 FROM {EVENTS} e
            WHERE e.id = {row}.event_id AND e.start IS NOT NULL
            ON CONFLICT ({column}, month, kind, status)
            DO UPDATE SET events = events + 1;"""


def _backfill(vendor: str) -> list[str]:
    month = MONTH[vendor].format(row="e")
    statements = [
        "DELETE FROM timeline_eventmonth",
        f"""INSERT INTO timeline_eventmonth (month, kind, status, events)
        SELECT {month}, e.kind, e.status, COUNT(*) FROM {EVENTS} e
        WHERE e.start IS NOT NULL GROUP BY 1, 2, 3""",
    ]
    for table, column, link, link_column in LINKS:
        statements += [
            f"DELETE FROM {table}",
            f"""INSERT INTO {table} ({column}, month, kind, status, events)
            SELECT r.{link_column}, {month}, e.kind, e.status, COUNT(*)
            FROM {link} r JOIN {EVENTS} e ON e.id = r.event_id
            WHERE e.start IS NOT NULL GROUP BY 1, 2, 3, 4""",
        ]
    return statements


def _drop(vendor: str) -> list[str]:
    if vendor == "postgresql":
        return [
            f"DROP TRIGGER IF EXISTS timeline_count_event_write ON {EVENTS}",
            f"DROP TRIGGER IF EXISTS timeline_count_event_update ON {EVENTS}",
            "DROP FUNCTION IF EXISTS timeline_count_event()",
            *(
                statement
                for _, _, link, _ in LINKS
                for statement in (
                    f"DROP TRIGGER IF EXISTS {link}_count_write ON {link}",
                    f"DROP TRIGGER IF EXISTS {link}_count_update ON {link}",
                    f"DROP FUNCTION IF EXISTS {link}_count()",
                )
            ),
        ]
    names = ["timeline_count_event_insert", "timeline_count_event_delete"]
    names += ["timeline_count_event_update"]
    for _, _, link, _ in LINKS:
        names += [f"{link}_count_{when}" for when in ("insert", "delete", "update")]
    return [f"DROP TRIGGER IF EXISTS {name}" for name in names]


def recount(connection) -> None:
    """Rebuild the counts from the events (the triggers keep them after that)."""
    with connection.cursor() as cursor:
        for sql in _backfill(connection.vendor):
            cursor.execute(sql)


def count_triggers() -> migrations.RunPython:
    """The migration operation that installs the triggers and fills the counts."""

    def forward(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        statements = {"postgresql": _postgresql, "sqlite": _sqlite}[vendor]()
        for sql in [*statements, *_backfill(vendor)]:
            schema_editor.execute(sql, params=None)

    def backward(apps, schema_editor):
        for sql in _drop(schema_editor.connection.vendor):
            schema_editor.execute(sql, params=None)

    return migrations.RunPython(forward, backward)


# -- reading them ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Month:
    month: dt.date  # its first day
    events: int


# The filters the counts answer for: the others need the events themselves.
COUNTED = frozenset({"kind", "status", "actor", "place"})
MARK_FIELDS = ("pk", "start", "end", "precision", "kind", "title")


def answered_by_counts(data: dict) -> bool:
    used = {name for name in FILTER_FIELDS if data.get(name)}
    return used <= COUNTED and not (data.get("actor") and data.get("place"))


def months_and_marks(
    data: dict, events, window: tuple[dt.datetime, dt.datetime] | None, limit: int
) -> tuple[list[Month], list[dict]]:
    """A view's dated events per month (in order, months with none left out) and the
    first ``limit`` of them (by start) in ``window`` (everything if None), as dicts of
    MARK_FIELDS. ``data`` is a TimelineFilter's cleaned data, ``events`` its filtered
    events. From the counts when they answer for the view; otherwise one query over
    the filtered events, read once for both."""
    dated = events.filter(start__isnull=False).order_by()
    if not answered_by_counts(data):
        return _together(dated, window, limit)
    months = [Month(_as_date(month), n) for month, n in _counted(data) if n]
    marks = dated if window is None else dated.in_window(*window)
    return (
        sorted(months, key=lambda m: m.month),
        list(marks.order_by("start", "id").values(*MARK_FIELDS)[:limit]),
    )


def _together(dated, window, limit: int) -> tuple[list[Month], list[dict]]:
    """The months and the marks of a filtered view in one statement: the filtered
    events are read once (a full-text search may match a large share of them)."""
    try:
        sql, params = dated.values(*MARK_FIELDS).query.sql_with_params()
    except EmptyResultSet:  # a filter that matches nothing, such as a search for "!!"
        return [], []
    ops = connection.ops
    where, window_params = "", []
    if window is not None:
        start, end = window
        where = 'WHERE v.start < %s AND v."end" >= %s'
        window_params = [
            ops.adapt_datetimefield_value(end),
            ops.adapt_datetimefield_value(start),
        ]
    statement = f"""WITH v AS MATERIALIZED ({sql})
        SELECT 0, {MONTH[connection.vendor].format(row="v")}, COUNT(*),
               NULL, NULL, NULL, NULL, NULL, NULL
        FROM v GROUP BY 2
        UNION ALL
        SELECT * FROM (
            SELECT 1, CAST(NULL AS date), CAST(NULL AS bigint),
                   v.pk, v.start, v."end", v.precision, v.kind, v.title
            FROM v {where} ORDER BY v.start, v.pk LIMIT %s
        ) marks"""
    with connection.cursor() as cursor:
        cursor.execute(statement, [*params, *window_params, limit])
        rows = cursor.fetchall()
    months = sorted(
        (Month(_as_date(month), n) for part, month, n, *_ in rows if part == 0 and n),
        key=lambda m: m.month,
    )
    marks = [
        dict(zip(MARK_FIELDS, values, strict=True))
        for part, _, _, *values in rows
        if part == 1
    ]
    for mark in marks:
        mark["start"], mark["end"] = _moment(mark["start"]), _moment(mark["end"])
    marks.sort(key=lambda m: (m["start"], m["pk"]))
    return months, marks


def _moment(value: dt.datetime | str) -> dt.datetime:
    if isinstance(value, str):  # SQLite's text
        value = dt.datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def _counted(data: dict):
    from .models import ActorMonth, Event, EventMonth, PlaceMonth

    if data.get("actor"):
        rows = ActorMonth.objects.filter(actor=data["actor"])
    elif data.get("place"):
        rows = PlaceMonth.objects.filter(place=data["place"])
    else:
        rows = EventMonth.objects.all()
    if data.get("status"):
        rows = rows.filter(status=data["status"])
    else:
        rows = rows.exclude(status__in=Event.HIDDEN)
    if data.get("kind"):
        rows = rows.filter(kind=data["kind"])
    return (
        rows.order_by()
        .values("month")
        .annotate(n=Sum("events"))
        .values_list("month", "n")
    )


def _as_date(value: dt.date | dt.datetime | str) -> dt.date:
    if isinstance(value, str):  # SQLite's text
        return dt.date.fromisoformat(value)
    return value.date() if isinstance(value, dt.datetime) else value
