"""An ingest killed halfway and started again ends with exactly the export of an ingest
that was never interrupted: nothing stored twice, nothing left unextracted."""

from __future__ import annotations

import json
import signal
import time

import pytest

from tests.conftest import DEMO_DIR, SHARED, record

from .test_concurrency import fresh_database, manage, query, run

pytestmark = pytest.mark.processes


def corpus(tmp_path) -> list[str]:
    own = tmp_path / "own.jsonl"
    own.write_text(
        "\n".join(
            json.dumps(
                record(
                    url=f"https://wire.example.com/2019/05/{n}/report",
                    text=f"Envoys met in Vienna on Friday for round {n} of talks. "
                    "Shelling resumed near the port on Saturday, officials said.",
                )
            )
            for n in range(12)
        )
        + "\n",
        encoding="utf-8",
    )
    devset = sorted(str(p) for p in (SHARED / "devset" / "articles").glob("*.json"))
    return [str(own), *sorted(str(p) for p in DEMO_DIR.glob("*.json")), *devset]


@pytest.mark.django_db(transaction=True)
def test_interrupted_ingest_restarted_ends_as_an_uninterrupted_one(tmp_path):
    files = corpus(tmp_path)
    with (
        fresh_database(tmp_path, "whole") as whole,
        fresh_database(tmp_path, "resumed") as resumed,
    ):
        run("migrate", "--verbosity", "0", database=whole)
        run("ingest", "--no-progress", "--batch-size", "4", *files, database=whole)

        run("migrate", "--verbosity", "0", database=resumed)
        process = manage(
            "ingest", "--no-progress", "--batch-size", "4", *files, database=resumed
        )
        done = "select count(*) from articles_article where extraction_status = 'done'"
        deadline = time.monotonic() + 300
        while query(resumed, done)[0][0] < 8:
            assert process.poll() is None, (
                "the ingest ended before it could be interrupted"
            )
            assert time.monotonic() < deadline
            time.sleep(0.2)
        process.send_signal(signal.SIGKILL)  # no chance to tidy up
        process.wait(timeout=60)
        stored = query(resumed, "select count(*) from articles_article")[0][0]
        total = query(whole, "select count(*) from articles_article")[0][0]
        assert stored < total or query(resumed, done)[0][0] < total  # really halfway

        run("ingest", "--no-progress", "--batch-size", "4", *files, database=resumed)

        assert query(resumed, done) == [[total]]
        assert run("export_timeline", "--format", "json", database=resumed) == run(
            "export_timeline", "--format", "json", database=whole
        )
