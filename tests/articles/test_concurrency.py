"""Two real ingest processes fed the same files at once, on one SQLite file: no article,
event or actor is stored twice, and the timeline is the one a single process makes."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

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


def manage(*args: str, database: Path) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.Popen(
        [sys.executable, str(ROOT / "manage.py"), *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def run(*args: str, database: Path) -> str:
    process = manage(*args, database=database)
    out, err = process.communicate(timeout=600)
    assert process.returncode == 0, err
    return out


def duplicates(database: Path, sql: str) -> list:
    with sqlite3.connect(database) as db:
        return db.execute(sql).fetchall()


def test_two_processes_ingesting_the_same_files_store_everything_once(tmp_path):
    own = tmp_path / "own.jsonl"
    own.write_text(
        "\n".join(json.dumps(r) for r in OWN_RECORDS) + "\n", encoding="utf-8"
    )
    files = [str(own), *sorted(str(p) for p in DEMO_DIR.glob("*.json"))]

    together = tmp_path / "together.sqlite3"
    run("migrate", "--verbosity", "0", database=together)
    first = manage("ingest", "--no-progress", *files, database=together)
    second = manage("ingest", "--no-progress", *reversed(files), database=together)
    for process in (first, second):
        _, err = process.communicate(timeout=600)
        assert process.returncode == 0, err

    assert (
        duplicates(
            together,
            "select url from articles_article group by url having count(*) > 1",
        )
        == []
    )
    assert (
        duplicates(
            together,
            "select name from timeline_actor group by name having count(*) > 1",
        )
        == []
    )
    assert (
        duplicates(
            together,
            "select e.fingerprint from timeline_evidence e group by e.fingerprint having count(*) > 1",
        )
        == []
    )
    with sqlite3.connect(together) as db:
        assert (
            db.execute("select count(*) from articles_article").fetchone()[0]
            == len(OWN_RECORDS) + 2
        )

    alone = tmp_path / "alone.sqlite3"
    run("migrate", "--verbosity", "0", database=alone)
    run("ingest", "--no-progress", *files, database=alone)
    assert run("export_timeline", "--format", "json", database=together) == run(
        "export_timeline", "--format", "json", database=alone
    )
