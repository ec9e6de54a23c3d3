"""python manage.py recount: rebuild the month counts from the events."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.db.models import Sum

from timeline.counts import recount
from timeline.models import EventMonth


class Command(BaseCommand):
    help = (
        "Rebuild the month counts the timeline's axis reads (database triggers keep "
        "them on every write; rebuild after loading rows with triggers disabled, such "
        "as a data-only restore)."
    )

    def handle(self, *args, **options) -> None:
        with transaction.atomic():
            recount(connection)
        total = EventMonth.objects.aggregate(n=Sum("events"))["n"] or 0
        self.stdout.write(f"recounted: {total} dated events")
