"""python manage.py ingest PATH... : store articles from .json and .jsonl files and extract them."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from articles.records import InvalidRecord, parse_record
from articles.services import ExtractionQueue, ingest_article


@dataclass(frozen=True, slots=True)
class RawRecord:
    path: Path
    line: int  # 1-based line of the record (JSON: where the file or list item starts)
    data: Any = None
    error: str = ""


def read_records(path: Path) -> Iterator[RawRecord]:
    """Records of one file; unreadable pieces come back as records with an error."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        yield RawRecord(path, 0, error=f"cannot read file ({exc.strerror})")
        return
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        yield RawRecord(path, 0, error=f"not UTF-8 text (byte {exc.start})")
        return
    if path.suffix.lower() == ".jsonl":
        for number, line in enumerate(content.splitlines(), 1):
            if not line.strip():
                continue
            try:
                yield RawRecord(path, number, json.loads(line))
            except json.JSONDecodeError as exc:
                yield RawRecord(
                    path,
                    number,
                    error=f"malformed JSON ({exc.msg}, column {exc.colno})",
                )
        return
    try:
        data = json.loads(content)
    except json.JSONDecodeError as exc:
        yield RawRecord(path, exc.lineno, error=f"malformed JSON ({exc.msg})")
        return
    items = data if isinstance(data, list) else [data]
    for number, item in enumerate(items, 1):
        yield RawRecord(path, number if isinstance(data, list) else 1, item)


class Command(BaseCommand):
    help = (
        "Store articles from .json files (one article or a list) and .jsonl files (one a line), "
        "then extract their events. Idempotent by URL: unchanged text does nothing, changed "
        "text is extracted again. Bad records are reported and skipped; the exit status is 1 "
        "when any record failed."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("paths", nargs="+", type=Path)
        parser.add_argument(
            "--batch-size", type=int, default=32, help="articles per nlp.pipe batch"
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="no progress bar"
        )

    def handle(
        self, *args, paths: list[Path], batch_size: int, no_progress: bool, **options
    ) -> None:
        counts = {"created": 0, "updated": 0, "unchanged": 0, "failed": 0}
        queue = ExtractionQueue(batch_size)
        records = [r for path in paths for r in read_records(path)]
        progress = tqdm(
            total=len(records),
            desc="ingest",
            unit="article",
            disable=no_progress or len(records) < 20,
            file=self.stderr._out,
        )
        for record in records:
            progress.update()
            if record.error:
                self._report(record, record.error, counts)
                continue
            try:
                outcome = ingest_article(record=parse_record(record.data))
            except InvalidRecord as exc:
                self._report(record, str(exc), counts)
                continue
            counts[outcome.action] += 1
            if outcome.needs_extraction:
                queue.add(outcome.article)
        queue.flush()
        progress.close()
        summary = ", ".join(f"{n} {k}" for k, n in counts.items())
        self.stdout.write(f"ingest: {summary}")
        if counts["failed"]:
            raise CommandError(f"{counts['failed']} record(s) failed", returncode=1)

    def _report(self, record: RawRecord, reason: str, counts: dict[str, int]) -> None:
        counts["failed"] += 1
        where = f"{record.path}:{record.line}" if record.line else str(record.path)
        self.stderr.write(f"{where}: {reason}")
