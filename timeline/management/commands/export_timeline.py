"""python manage.py export_timeline --format json : the whole timeline as JSON on stdout."""

import json

from django.core.management.base import BaseCommand

from timeline.exports import timeline_document


class Command(BaseCommand):
    help = (
        "Print the timeline (actors with aliases; events with their evidence) as JSON."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--format", choices=["json"], default="json")
        parser.add_argument("--indent", type=int, default=2)

    def handle(self, *args, indent: int, **options) -> None:
        self.stdout.write(
            json.dumps(timeline_document(), ensure_ascii=False, indent=indent)
        )
