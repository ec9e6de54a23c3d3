"""python manage.py synthesize --events N [--seed S]: add a synthetic timeline in bulk."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from timeline.synthetic import synthesize


class Command(BaseCommand):
    help = (
        "Add N synthetic events over fifteen years, with articles from several outlets, "
        "long-tailed actors and places, written in bulk (for measuring pages at scale)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--events", type=int, required=True)
        parser.add_argument("--seed", type=int, default=7)

    def handle(self, *args, events: int, seed: int, **options) -> None:
        if events < 1:
            raise CommandError("--events must be at least 1")
        started = time.perf_counter()
        counts = synthesize(events=events, seed=seed)
        seconds = time.perf_counter() - started
        summary = ", ".join(f"{n} {what}" for what, n in counts.items())
        self.stdout.write(f"synthesized {summary} in {seconds:.1f} s")
