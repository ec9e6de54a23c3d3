"""``benchmark pages``: what the timeline's pages cost as the timeline grows.

For each size the synthetic timeline is grown to that many events (timeline.synthetic),
then each page is requested in process through Django's test client: the best of
several runs is the time, with the number of queries; exports also report their peak
memory (tracemalloc). With a browser, a real server is started on the same database and
chromium measures the first screen and a filter and a zoom as an analyst sees them.
"""

from __future__ import annotations

import os
import shutil
import socket
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils.text import slugify

from .models import Actor, Event
from .synthetic import REFERENCE_ACTOR, synthesize

RUNS = 5
REFERENCE = 50  # events of one actor, the same at every size: the exported view
HTMX = {"HTTP_HX_REQUEST": "true"}
# Debian's chromium, driven by Playwright (here and in the browser tests). The machine
# has no internet: without these flags Chromium stalls on background requests.
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def measure_pages(
    *, sizes: list[int], browser: bool, database: dict, log: Callable[[str], None]
) -> dict[str, Any]:
    results: list[dict[str, Any]] = []
    have = 0
    for number, size in enumerate(sorted(sizes)):
        if size > have:
            log(f"synthesizing {size - have} events (to {size})")
            synthesize(
                events=size - have,
                seed=number + 1,
                reference=REFERENCE if not have else 0,
            )
            have = size
        connection.close()
        if connection.vendor == "postgresql":
            # After a bulk load, what autovacuum would soon do: statistics for the
            # planner, dead row versions (left by the triggers' updates) cleared, the
            # GIN index's pending entries merged.
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
        pages = _pages()
        row = {"events": size, "pages": {}}
        client = Client()
        for name, (path, headers, export) in pages.items():
            row["pages"][name] = _measure(client, path, headers, export)
        if browser:
            log(f"chromium at {size} events")
            row["browser"] = _browser(database, pages)
        results.append(row)
    return {
        "suite": "pages",
        "database": connection.vendor,
        "sizes": sorted(sizes),
        "results": results,
    }


def _pages() -> dict[str, tuple[str, dict, bool]]:
    """The requests an analyst makes, on the data as it now is."""
    top = Actor.objects.annotate(n=Count("event_roles")).order_by("-n", "pk").first()
    middle = Event.objects.order_by("start", "pk").values_list("pk", "start")[
        Event.objects.count() // 2
    ]
    event_id, moment = middle
    year = f"{moment:%Y}"
    view = f"actor={slugify(REFERENCE_ACTOR)}"  # the same 50 events at every size
    return {
        "timeline page": ("/", {}, False),
        "filtered (htmx)": (f"/?actor={top.slug}&kind=meeting", HTMX, False),
        "zoomed to a year (htmx)": (f"/?at={year}", HTMX, False),
        "text search (htmx)": ("/?q=shelled+positions", HTMX, False),
        "event panel (htmx)": (f"/?event={event_id}", HTMX, False),
        "export JSON": (f"/export.json?{view}", {}, True),
        "export CSV": (f"/export.csv?{view}", {}, True),
        "export iCalendar": (f"/export.ics?{view}", {}, True),
        "export TimelineJS": (f"/export.timelinejs.json?{view}", {}, True),
    }


def _measure(client: Client, path: str, headers: dict, export: bool) -> dict[str, Any]:
    def fetch() -> int:
        response = client.get(path, **headers)
        assert response.status_code == 200, (path, response.status_code)
        if response.streaming:
            return sum(len(chunk) for chunk in response.streaming_content)
        return len(response.content)

    fetch()  # warm caches
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        size = fetch()
        times.append(time.perf_counter() - started)
    with CaptureQueriesContext(connection) as queries:
        fetch()
    result = {
        "ms": round(min(times) * 1000, 1),
        "median_ms": round(statistics.median(times) * 1000, 1),
        "queries": len(queries),
        "bytes": size,
    }
    if export:
        tracemalloc.start()
        fetch()
        result["peak_kib"] = round(tracemalloc.get_traced_memory()[1] / 1024)
        tracemalloc.stop()
    return result


def _browser(database: dict, pages: dict) -> dict[str, float]:
    """First screen, a filter and a zoom, in chromium against a real server."""
    from playwright.sync_api import sync_playwright

    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": _url(database),
        "DEBUG": "1",
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(base)
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=CHROMIUM, args=CHROMIUM_ARGS
            )
            # The timing hooks are evaluated scripts, which our CSP forbids to pages.
            page = chromium.new_page(
                viewport={"width": 1280, "height": 900}, bypass_csp=True
            )
            page.goto(base + "/")  # warm the server
            firsts, filters, zooms = [], [], []
            actor = pages["filtered (htmx)"][0].split("actor=")[1].split("&")[0]
            for _ in range(3):
                page.goto(base + "/", wait_until="load")
                firsts.append(
                    page.evaluate(
                        "() => { const e = performance.getEntriesByType('paint')"
                        ".find(p => p.name === 'first-contentful-paint');"
                        " return e ? e.startTime : performance.timing.loadEventEnd"
                        " - performance.timing.navigationStart; }"
                    )
                )
                filters.append(_swap_time(page, lambda: _choose_actor(page, actor)))
                zooms.append(
                    _swap_time(
                        page,
                        lambda: page.locator("svg.axis a.tick-label").nth(1).click(),
                    )
                )
            chromium.close()
        return {
            "first_screen_ms": round(min(firsts), 1),
            "filter_ms": round(min(filters), 1),
            "zoom_ms": round(min(zooms), 1),
        }
    finally:
        server.terminate()
        server.wait(timeout=30)


def _choose_actor(page, slug: str) -> None:
    select = page.locator("select[name=actor]")
    if select.locator(f"option[value='{slug}']").count() == 0:
        slug = select.locator("option").nth(1).get_attribute("value")
    select.select_option(slug)


def _swap_time(page, action: Callable[[], None]) -> float:
    """Milliseconds from the action to htmx settling the swapped results."""
    page.evaluate(
        "() => { window.__settled = null; document.body.addEventListener("
        "'htmx:afterSettle', () => { window.__settled = performance.now(); },"
        " { once: true }); window.__started = performance.now(); }"
    )
    action()
    page.wait_for_function("() => window.__settled !== null", timeout=30_000)
    return page.evaluate("() => window.__settled - window.__started")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(base: str) -> None:
    import urllib.request

    for _ in range(200):
        try:
            urllib.request.urlopen(base + "/static/css/app.css", timeout=2)
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("the benchmark server did not start")


def _url(database: dict) -> str:
    if database["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{Path(database['NAME'])}"
    host = database.get("HOST") or "127.0.0.1"
    port = database.get("PORT") or 5432
    user = database.get("USER") or "postgres"
    return f"postgres://{user}@{host}:{port}/{database['NAME']}"


def render(report: dict[str, Any]) -> list[str]:
    sizes = report["sizes"]
    first, last = report["results"][0], report["results"][-1]
    lines = [
        f"pages on {report['database']}: best of {RUNS} requests in process "
        f"(ms / queries; exports also peak KiB)",
        f"exports: one actor's view, the same {REFERENCE} events at every size",
    ]
    header = ["page", *[f"{n:,} events" for n in sizes], f"{sizes[-1]:,}/{sizes[0]:,}"]
    rows = [header]
    for name in first["pages"]:
        cells = [name]
        for result in report["results"]:
            m = result["pages"][name]
            cell = f"{m['ms']:.1f} ms / {m['queries']} q"
            if "peak_kib" in m:
                cell += f" / {m['peak_kib']} KiB"
            cells.append(cell)
        ratio = last["pages"][name]["ms"] / max(first["pages"][name]["ms"], 0.001)
        cells.append(f"{ratio:.2f}")
        rows.append(cells)
    if "browser" in first:
        for key, label in (
            ("first_screen_ms", "chromium: first screen"),
            ("filter_ms", "chromium: filter (htmx swap)"),
            ("zoom_ms", "chromium: zoom (htmx swap)"),
        ):
            cells = [label, *[f"{r['browser'][key]:.0f} ms" for r in report["results"]]]
            ratio = last["browser"][key] / max(first["browser"][key], 0.001)
            rows.append([*cells, f"{ratio:.2f}"])
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines += [
        "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in rows
    ]
    return lines
