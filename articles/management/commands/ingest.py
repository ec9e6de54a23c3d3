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
    line: int  # 1-based line where the record starts (0: the file as a whole)
    data: Any = None
    error: str = ""
    item: int = 0  # its place in a JSON list (1-based), 0 otherwise

    @property
    def where(self) -> str:
        place = f"{self.path}:{self.line}" if self.line else str(self.path)
        return f"{place}: item {self.item}" if self.item else place


def read_records(path: Path) -> Iterator[RawRecord]:
    """Records of one file; unreadable pieces come back as records with an error, and
    the records read before a break in the file are kept."""
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
            except RecursionError:
                yield RawRecord(path, number, error=NESTED)
        return
    yield from _json_document(path, content)


NESTED = "malformed JSON (nested too deeply to be an article)"
WHITESPACE = " \t\n\r"


def _json_document(path: Path, content: str) -> Iterator[RawRecord]:
    """The records of a .json file, one object or a list of them, item by item: a break
    in the middle of a list loses only what follows it."""
    decoder = json.JSONDecoder()
    line, counted = 1, 0

    def line_at(position: int) -> int:
        nonlocal line, counted
        line += content.count("\n", counted, position)
        counted = position
        return line

    def skip(position: int) -> int:
        while position < len(content) and content[position] in WHITESPACE:
            position += 1
        return position

    position = skip(0)
    try:
        if not content.startswith("[", position):
            data, end = decoder.raw_decode(content, position)
            if skip(end) != len(content):
                raise json.JSONDecodeError("Extra data", content, skip(end))
            yield RawRecord(path, line_at(position), data)
            return
        position, number = skip(position + 1), 0
        while not content.startswith("]", position):
            if number:
                if not content.startswith(",", position):
                    raise json.JSONDecodeError(
                        "Expecting ',' delimiter", content, position
                    )
                position = skip(position + 1)
            number += 1
            data, end = decoder.raw_decode(content, position)
            yield RawRecord(path, line_at(position), data, item=number)
            position = skip(end)
        if skip(position + 1) != len(content):
            raise json.JSONDecodeError("Extra data", content, skip(position + 1))
    except json.JSONDecodeError as exc:
        yield RawRecord(path, exc.lineno, error=f"malformed JSON ({exc.msg})")
    except RecursionError:
        yield RawRecord(path, line_at(min(position, len(content))), error=NESTED)


class Command(BaseCommand):
    help = (
        "Store articles from .json files (one article or a list) and .jsonl files (one a line), "
        "then extract their events. Idempotent by URL: unchanged text does nothing, changed "
        "text is extracted again. Bad records are reported as file:line: reason and skipped, "
        "every good one is stored and extracted; the exit status is 1 when any record failed."
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
        queued: dict[int, RawRecord] = {}
        progress = tqdm(
            total=len(records),
            desc="ingest",
            unit="article",
            disable=no_progress or len(records) < 20,
            file=self.stderr._out,
        )
        try:
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
                except Exception as exc:  # noqa: BLE001  (one record never stops the run)
                    self._report(record, f"not stored ({_brief(exc)})", counts)
                    continue
                counts[outcome.action] += 1
                if outcome.needs_extraction:
                    queued[outcome.article.pk] = record
                    queue.add(outcome.article)
        finally:
            queue.flush()
            progress.close()
        for pk, error in queue.failures.items():
            self._report(queued[pk], f"stored, extraction failed ({error})", counts)
        summary = ", ".join(f"{n} {k}" for k, n in counts.items())
        self.stdout.write(f"ingest: {summary}")
        if counts["failed"]:
            raise CommandError(f"{counts['failed']} record(s) failed", returncode=1)

    def _report(self, record: RawRecord, reason: str, counts: dict[str, int]) -> None:
        counts["failed"] += 1
        self.stderr.write(f"{record.where}: {reason}")


def _brief(error: BaseException) -> str:
    """An error as one line: its type and the first line of its message."""
    first = str(error).strip().splitlines()[0] if str(error).strip() else ""
    return f"{type(error).__name__}: {first[:300]}" if first else type(error).__name__
