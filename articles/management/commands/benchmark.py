"""python manage.py benchmark SUITE : measure how fast a part of the project runs.

Suites are functions registered in SUITES; each returns its numbers as one JSON-able
dict and knows how to print them as a table.

``extraction`` compares bare ``nlp.pipe`` with the whole ingest path (store, parse,
extract, write sentences and events) on the same texts, in one run, so the ratio says
how much of the ingest time the statistical pipeline is. The ingest path writes to a
throwaway SQLite database, never to the configured one.
"""

from __future__ import annotations

import json
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.utils import load_backend

from articles.extraction.pipeline import build_nlp
from articles.management.commands.ingest import read_records
from articles.models import Article
from articles.records import ArticleRecord, InvalidRecord, parse_record
from articles.services import ExtractionQueue, ingest_article

SQLITE_ENGINE = "django.db.backends.sqlite3"
WARMUP_DOCUMENTS = 4


@dataclass(frozen=True, slots=True)
class Suite:
    run: Callable[[BaseCommand, dict[str, Any]], dict[str, Any]]
    render: Callable[[dict[str, Any]], list[str]]


@dataclass(frozen=True, slots=True)
class Measurement:
    documents: int
    tokens: int
    seconds: float

    def as_dict(self) -> dict[str, float | int]:
        return {
            "documents": self.documents,
            "tokens": self.tokens,
            "seconds": round(self.seconds, 4),
            "documents_per_s": round(self.documents / self.seconds, 2),
            "tokens_per_s": round(self.tokens / self.seconds, 1),
        }


def default_article_paths() -> list[Path]:
    """The demo articles shipped with the app, plus the shared dev set if present."""
    demo = Path(apps.get_app_config("articles").path) / "demo"
    devset = Path(settings.BASE_DIR).parent / "shared" / "devset" / "articles"
    return sorted(demo.glob("*.json")) + sorted(devset.glob("*.json"))


def load_corpus(command: BaseCommand, paths: list[Path]) -> list[ArticleRecord]:
    """Valid records of the files; bad ones are reported on stderr and skipped."""
    records = []
    for raw in (r for path in paths for r in read_records(path)):
        where = raw.where
        if raw.error:
            command.stderr.write(f"{where}: {raw.error} (skipped)")
            continue
        try:
            records.append(parse_record(raw.data))
        except InvalidRecord as exc:
            command.stderr.write(f"{where}: {exc} (skipped)")
    return records


@contextmanager
def throwaway_database() -> Iterator[None]:
    """Point the default connection at a fresh, migrated database for the block: an
    SQLite file, or a new database on the PostgreSQL server configured.

    The connection object is swapped rather than renamed (as the test runner's
    create_test_db does), so the configured database is never written and a connection
    already in use, with any transaction open on it, is left exactly as it was: the
    command behaves the same from a shell and from inside a test.
    """
    original = connections[DEFAULT_DB_ALIAS]
    if original.vendor == "postgresql":
        name = f"benchmark_{uuid.uuid4().hex[:10]}"
        with original._nodb_cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{name}"')
        settings_dict = {**original.settings_dict, "NAME": name}
        try:
            with _swapped(original.settings_dict["ENGINE"], settings_dict):
                yield
        finally:
            with original._nodb_cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        return
    options = original.settings_dict["OPTIONS"] if original.vendor == "sqlite" else {}
    with tempfile.TemporaryDirectory(prefix="benchmark-db-") as directory:
        settings_dict = {
            **original.settings_dict,
            "ENGINE": SQLITE_ENGINE,
            "NAME": str(Path(directory) / "benchmark.sqlite3"),
            "OPTIONS": dict(options),
        }
        with _swapped(SQLITE_ENGINE, settings_dict):
            yield


@contextmanager
def _swapped(engine: str, settings_dict: dict) -> Iterator[None]:
    original = connections[DEFAULT_DB_ALIAS]
    throwaway = load_backend(engine).DatabaseWrapper(settings_dict, DEFAULT_DB_ALIAS)
    connections[DEFAULT_DB_ALIAS] = throwaway
    try:
        call_command("migrate", verbosity=0, interactive=False)
        yield
    finally:
        throwaway.close()
        connections[DEFAULT_DB_ALIAS] = original


def ingest_corpus(records: list[ArticleRecord], *, tag: str, batch_size: int) -> None:
    """Store and extract the records as the ingest command does, URLs tagged unique."""
    queue = ExtractionQueue(batch_size)
    for record in records:
        tagged = replace(record, url=f"{record.url}#benchmark-{tag}")
        queue.add(ingest_article(record=tagged).article)
    queue.flush()


def run_extraction(command: BaseCommand, options: dict[str, Any]) -> dict[str, Any]:
    repeat, batch_size = options["repeat"], options["batch_size"]
    if repeat < 1 or batch_size < 1:
        raise CommandError("--repeat and --batch-size must be at least 1")
    records = load_corpus(command, options["articles"] or default_article_paths())
    if not records:
        raise CommandError("no valid articles to measure")
    texts = [r.text for r in records] * repeat

    nlp = build_nlp(settings.SPACY_MODEL)
    for _ in nlp.pipe(texts[:WARMUP_DOCUMENTS], batch_size=batch_size):
        pass
    started = time.perf_counter()
    tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=batch_size))
    bare = Measurement(len(texts), tokens, time.perf_counter() - started)

    with throwaway_database():
        ingest_corpus(records[:WARMUP_DOCUMENTS], tag="warmup", batch_size=batch_size)
        started = time.perf_counter()
        for round_ in range(repeat):
            ingest_corpus(records, tag=str(round_), batch_size=batch_size)
        ingest = Measurement(len(texts), tokens, time.perf_counter() - started)
        failed = (
            Article.objects.failed().exclude(url__endswith="#benchmark-warmup").count()
        )
    if failed:
        command.stderr.write(
            f"{failed} document(s) failed extraction; the numbers include them"
        )

    return {
        "suite": "extraction",
        "model": settings.SPACY_MODEL,
        "pipes": list(nlp.pipe_names),
        "articles": len(records),
        "repeat": repeat,
        "batch_size": batch_size,
        "bare": bare.as_dict(),
        "ingest": ingest.as_dict(),
        "failed": failed,
        "ratio_ingest_bare": round(bare.seconds / ingest.seconds, 3),
    }


def render_extraction(report: dict[str, Any]) -> list[str]:
    header = ("", "documents", "tokens", "seconds", "documents/s", "tokens/s")
    rows = [header] + [
        (
            label,
            str(m["documents"]),
            str(m["tokens"]),
            f"{m['seconds']:.2f}",
            f"{m['documents_per_s']:.1f}",
            f"{m['tokens_per_s']:.0f}",
        )
        for label, m in (
            ("bare nlp.pipe", report["bare"]),
            ("ingest path", report["ingest"]),
        )
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    table = [
        "  ".join(
            [row[0].ljust(widths[0])]
            + [
                cell.rjust(width)
                for cell, width in zip(row[1:], widths[1:], strict=False)
            ]
        )
        for row in rows
    ]
    return [
        f"extraction: {report['articles']} articles x {report['repeat']}, "
        f"batch size {report['batch_size']}, model {report['model']}",
        f"pipes: {', '.join(report['pipes'])}",
        *table,
        f"ratio ingest/bare = {report['ratio_ingest_bare']:.2f}x",
    ]


def run_pages(command: BaseCommand, options: dict[str, Any]) -> dict[str, Any]:
    from timeline.benchmarks import measure_pages

    with throwaway_database():
        return measure_pages(
            sizes=options["sizes"],
            browser=not options["no_browser"],
            database=dict(connections[DEFAULT_DB_ALIAS].settings_dict),
            log=lambda line: command.stderr.write(line),
        )


def render_pages(report: dict[str, Any]) -> list[str]:
    from timeline.benchmarks import render

    return render(report)


SUITES: dict[str, Suite] = {
    "extraction": Suite(run=run_extraction, render=render_extraction),
    "pages": Suite(run=run_pages, render=render_pages),
}


class Command(BaseCommand):
    help = (
        "Measure a part of the project. extraction: bare nlp.pipe against the whole "
        "ingest path on the same texts (demo articles and the shared dev set, or "
        "--articles), in a throwaway database. pages: time, queries and export memory "
        "of the timeline pages at 1,000, 10,000 and 100,000 synthetic events, in a "
        "throwaway database of the configured kind, with chromium timings."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("suite", choices=sorted(SUITES))
        parser.add_argument(
            "--articles",
            nargs="+",
            action="extend",
            type=Path,
            default=[],
            metavar="PATH",
            help=".json/.jsonl files in the ingest format (default: demo + dev set)",
        )
        parser.add_argument(
            "--repeat", type=int, default=5, help="passes over the corpus"
        )
        parser.add_argument(
            "--batch-size", type=int, default=32, help="texts per nlp.pipe batch"
        )
        parser.add_argument(
            "--sizes",
            type=lambda v: [int(n) for n in v.split(",")],
            default=[1000, 10000, 100000],
            help="pages: timeline sizes in events, comma-separated",
        )
        parser.add_argument(
            "--no-browser", action="store_true", help="pages: skip the chromium timings"
        )
        parser.add_argument("--json", action="store_true", help="print one JSON object")

    def handle(self, *args, suite: str, **options) -> None:
        report = SUITES[suite].run(self, options)
        if options["json"]:
            self.stdout.write(json.dumps(report))
        else:
            self.stdout.write("\n".join(SUITES[suite].render(report)))
