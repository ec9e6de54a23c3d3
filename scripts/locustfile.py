"""An analyst's journey under load: open the timeline, filter by an actor, open an
event, export that actor's events of one year. Only against this machine: run it with `make load`
(bounded users and time) while `make serve` runs."""

from __future__ import annotations

import random
import re
from urllib.parse import urlparse

from locust import HttpUser, between, events, task

HTMX = {"HX-Request": "true"}


@events.test_start.add_listener
def local_only(environment, **kwargs) -> None:
    host = urlparse(environment.host or "").hostname
    if host not in {"127.0.0.1", "localhost"}:
        raise SystemExit(
            f"refusing to load {host!r}: this journey runs against 127.0.0.1"
        )


class Analyst(HttpUser):
    wait_time = between(0.5, 2)

    def on_start(self) -> None:
        page = self.client.get("/", name="/ (timeline)").text
        menu = page.split('name="actor"', 1)[-1].split("</select>", 1)[0]
        self.actors = re.findall(r'<option value="([a-z0-9-]+)"', menu) or [""]
        self.events = re.findall(
            r'data-testid="event" data-event-id="(\d+)"', page
        ) or ["1"]
        self.years = re.findall(r'<time datetime="(\d{4})', page) or ["2017"]

    @task
    def journey(self) -> None:
        self.client.get("/", name="/ (timeline)")
        actor = random.choice(self.actors)
        self.client.get(f"/?actor={actor}", headers=HTMX, name="/?actor= (htmx filter)")
        event = random.choice(self.events)
        self.client.get(
            f"/?actor={actor}&event={event}", headers=HTMX, name="/?event= (htmx panel)"
        )
        year = random.choice(self.years)
        self.client.get(
            f"/export.csv?actor={actor}&at={year}",
            name="/export.csv?actor=&at= (a year)",
        )
