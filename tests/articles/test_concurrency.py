"""Two real ingest processes fed the same files at once, on one database (an SQLite file,
or a new database on the PostgreSQL server under test): no article, event or actor is
stored twice, and the timeline is the one a single process makes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from contextlib import contextmanager
from pathlib import Path

import dj_database_url
import pytest
from django.db import connection

from tests.conftest import DEMO_DIR, ROOT, record

pytestmark = pytest.mark.processes

OWN_RECORDS = [
    record(
        url=f"https://wire.example.com/2019/05/{day}/report",
        published_at=f"2019-05-{day}",
        text=text,
    )
    for day, text in [
        (
            "12",
            "The two armies agreed a truce on Friday after talks in Vienna. "
            "The truce took effect at midnight on Saturday, a spokesman said on Sunday.",
        ),
        (
            "13",
            "The truce agreed in Vienna on Friday held overnight, the UN said on Monday. "
            "Rebel commander Ali Hassan said his forces would respect it.",
        ),
        (
            "14",
            "Shelling hit the port of Hodeidah on Tuesday, breaking the truce. "
            "The government accused the rebels of violating the ceasefire.",
        ),
    ]
]


@contextmanager
def fresh_database(tmp_path: Path, name: str):
    """The URL of a new, empty database of the kind under test."""
    if connection.vendor != "postgresql":
        yield f"sqlite:///{tmp_path / name}.sqlite3"
        return
    server = dj_database_url.parse(os.environ["DATABASE_URL"])
    database = f"{name}_{uuid.uuid4().hex[:8]}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{database}"')
    try:
        yield (
            f"postgres://{server['USER']}@{server['HOST']}:{server['PORT']}/{database}"
        )
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def manage(*args: str, database: str) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": database}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.Popen(
        [sys.executable, str(ROOT / "manage.py"), *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def run(*args: str, database: str) -> str:
    process = manage(*args, database=database)
    out, err = process.communicate(timeout=600)
    assert process.returncode == 0, err
    return out


def query(database: str, sql: str) -> list:
    """Rows of a query run by a process of its own on that database."""
    out = run("shell", "-c", SHELL.format(sql=sql), database=database)
    return json.loads(out.strip().splitlines()[-1])


SHELL = (
    "import json; from django.db import connection; c = connection.cursor(); "
    "c.execute({sql!r}); print(json.dumps(c.fetchall()))"
)


@pytest.mark.django_db(transaction=True)
def test_two_processes_ingesting_the_same_files_store_everything_once(tmp_path):
    own = tmp_path / "own.jsonl"
    own.write_text(
        "\n".join(json.dumps(r) for r in OWN_RECORDS) + "\n", encoding="utf-8"
    )
    files = [str(own), *sorted(str(p) for p in DEMO_DIR.glob("*.json"))]

    with (
        fresh_database(tmp_path, "together") as together,
        fresh_database(tmp_path, "alone") as alone,
    ):
        run("migrate", "--verbosity", "0", database=together)
        first = manage("ingest", "--no-progress", *files, database=together)
        second = manage("ingest", "--no-progress", *reversed(files), database=together)
        for process in (first, second):
            _, err = process.communicate(timeout=600)
            assert process.returncode == 0, err

        for sql in (
            "select url from articles_article group by url having count(*) > 1",
            "select name from timeline_actor group by name having count(*) > 1",
            "select fingerprint from timeline_evidence group by fingerprint "
            "having count(*) > 1",
        ):
            assert query(together, sql) == [], sql
        count = query(together, "select count(*) from articles_article")
        assert count == [[len(OWN_RECORDS) + 2]]

        run("migrate", "--verbosity", "0", database=alone)
        run("ingest", "--no-progress", *files, database=alone)
        assert run("export_timeline", "--format", "json", database=together) == run(
            "export_timeline", "--format", "json", database=alone
        )
