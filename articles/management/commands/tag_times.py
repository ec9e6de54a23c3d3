"""Tag time expressions in JSONL documents: ``manage.py tag_times IN.jsonl > OUT.jsonl``."""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandParser

from articles.extraction.times import MODES, tag_jsonl


class Command(BaseCommand):
    help = (
        "Read JSONL documents ({doc_id, dct, text}) and write {doc_id, timexes} lines "
        "with TIMEX3 types and values; bad lines are reported on stderr and skipped."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("input", help="JSONL file to tag ('-' for stdin)")
        parser.add_argument(
            "--mode",
            choices=MODES,
            default="news",
            help="news: relative dates count from the document date; narrative: from "
            "the date in focus in the text",
        )

    def handle(self, *args, input: str, mode: str, **options) -> None:
        if input == "-":
            self._tag(sys.stdin, mode)
            return
        with open(input, encoding="utf-8") as lines:
            self._tag(lines, mode)

    def _tag(self, lines, mode: str) -> None:
        for line in tag_jsonl(lines, mode, errors=self.stderr.write):
            self.stdout.write(line)
