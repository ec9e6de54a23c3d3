"""The time axis the server draws: ticks, event marks placed by their intervals, and a
density strip over the whole filtered range. Only the window in view is queried; counts
come from aggregate queries, so a page costs the same with 20 events or 100,000."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Max, Min
from django.db.models.functions import TruncMonth, TruncYear

from .dates import format_at_precision
from .forms import Window, add_months

MARK_LIMIT = 400  # marks drawn on the axis; the list below pages through everything
LANES = 6
LANE_HEIGHT = 16  # pixels in the SVG


@dataclass(frozen=True, slots=True)
class Tick:
    left: float
    label: str
    at: str | None  # the zoom a click on it opens, if any


@dataclass(frozen=True, slots=True)
class Mark:
    pk: int
    left: float
    width: float
    lane: int
    kind: str
    title: str
    when: str
    point: bool  # narrower than the axis can show: drawn as a dot

    @property
    def y(self) -> int:
        return 4 + self.lane * LANE_HEIGHT


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    at: str
    count: int
    height: float
    current: bool
    left: float = 0.0
    width: float = 0.0

    @property
    def top(self) -> float:
        return round(100 - self.height, 1)


@dataclass(frozen=True, slots=True)
class Axis:
    window: Window | None
    start: dt.datetime
    end: dt.datetime
    ticks: list[Tick]
    marks: list[Mark]
    total: int  # events in the window
    density: list[Bar]

    @property
    def truncated(self) -> bool:
        return self.total > len(self.marks)

    @property
    def baseline(self) -> int:
        return 8 + LANES * LANE_HEIGHT

    @property
    def height(self) -> int:
        return self.baseline + 24


def build_axis(events, window: Window | None) -> Axis | None:
    """The axis for the filtered, dated ``events`` in ``window`` (everything if None);
    None when there is nothing dated to draw."""
    dated = events.filter(start__isnull=False)
    # One aggregate gives the density by year and, from it, the range and the total.
    years = _buckets(dated, TruncYear("start"), bounds=True)
    if not years:
        return None
    bounds = {
        "first": min(b["first"] for b in years),
        "last": max(b["last"] for b in years),
        "total": sum(b["n"] for b in years),
    }
    if window is None:
        first, last = bounds["first"], bounds["last"]
        start = dt.datetime(first.year, 1, 1, tzinfo=dt.UTC)
        end = dt.datetime(last.year + 1, 1, 1, tzinfo=dt.UTC)
        in_view = dated
        total = bounds["total"]
    else:
        start, end = window.start, window.end
        in_view = dated.in_window(start, end)
        total = in_view.count()
    rows = list(
        in_view.order_by("start", "id").values(
            "pk", "start", "end", "precision", "kind", "title"
        )[:MARK_LIMIT]
    )
    return Axis(
        window=window,
        start=start,
        end=end,
        # A range within one year is drawn with that year's months.
        ticks=_ticks(
            start,
            end,
            window
            or (
                Window.parse(f"{start.year:04d}")
                if end.year - start.year == 1
                else None
            ),
        ),
        marks=_marks(rows, start, end),
        total=total,
        density=_density(dated, years, bounds["first"], bounds["last"], window),
    )


def _percent(moment: dt.datetime, start: dt.datetime, end: dt.datetime) -> float:
    span = (end - start).total_seconds()
    offset = (min(max(moment, start), end) - start).total_seconds()
    return round(100 * offset / span, 3)


def _ticks(start: dt.datetime, end: dt.datetime, window: Window | None) -> list[Tick]:
    ticks = []
    if window is None:
        years = end.year - start.year
        step = 1 if years <= 12 else 5 if years <= 60 else 10
        for year in range(start.year, end.year, step):
            moment = dt.datetime(year, 1, 1, tzinfo=dt.UTC)
            ticks.append(Tick(_percent(moment, start, end), str(year), f"{year:04d}"))
    elif window.unit == "year":
        for month in range(12):
            moment = add_months(start, month)
            ticks.append(
                Tick(_percent(moment, start, end), f"{moment:%b}", f"{moment:%Y-%m}")
            )
    elif window.unit == "month":
        moment = start
        while moment < end:
            ticks.append(
                Tick(
                    _percent(moment, start, end), str(moment.day), f"{moment:%Y-%m-%d}"
                )
            )
            moment += dt.timedelta(days=1)
    else:
        for hour in range(0, 24, 3):
            moment = start + dt.timedelta(hours=hour)
            ticks.append(Tick(_percent(moment, start, end), f"{hour:02d}:00", None))
    return ticks


def _marks(rows: list[dict], start: dt.datetime, end: dt.datetime) -> list[Mark]:
    """Marks spanning what their precision covers (a month-precise event spans its
    month), stacked in lanes so they do not hide each other."""
    lane_ends = [-1.0] * LANES
    marks = []
    for row in rows:
        left = _percent(row["start"], start, end)
        right = _percent(row["end"] or row["start"], start, end)
        width = right - left
        point = width < 0.6
        lane = next(
            (i for i, taken in enumerate(lane_ends) if taken < left),
            min(range(LANES), key=lambda i: lane_ends[i]),
        )
        lane_ends[lane] = left + max(width, 1.2)
        marks.append(
            Mark(
                pk=row["pk"],
                left=left,
                width=max(width, 0.6),
                lane=lane,
                kind=row["kind"],
                title=row["title"],
                when=format_at_precision(row["start"], row["precision"]),
                point=point,
            )
        )
    return marks


def _buckets(dated, trunc, *, bounds: bool = False) -> list[dict]:
    extra = {"first": Min("start"), "last": Max("end")} if bounds else {}
    return list(
        dated.order_by()
        .annotate(bucket=trunc)
        .values("bucket")
        .annotate(n=Count("id"), **extra)
        .order_by("bucket")
    )


def _density(
    dated, years, first: dt.datetime, last: dt.datetime, window: Window | None
):
    """Events per year (per month when the range is short) over the whole filtered
    range, from aggregate queries."""
    by_month = (last.year - first.year) < 2
    counts = _buckets(dated, TruncMonth("start")) if by_month else years
    if not counts:
        return []
    peak = max(c["n"] for c in counts)
    share = 100 / len(counts)
    bars = []
    for number, c in enumerate(counts):
        bucket = c["bucket"]
        if isinstance(bucket, dt.date) and not isinstance(bucket, dt.datetime):
            bucket = dt.datetime.combine(bucket, dt.time(), tzinfo=dt.UTC)
        at = f"{bucket:%Y-%m}" if by_month else f"{bucket:%Y}"
        current = (
            window is not None
            and window.start <= bucket.replace(tzinfo=dt.UTC) < window.end
        )
        bars.append(
            Bar(
                label=f"{bucket:%b %Y}" if by_month else f"{bucket:%Y}",
                at=at,
                count=c["n"],
                height=round(100 * c["n"] / peak, 1),
                current=current,
                left=round(number * share, 3),
                width=round(share * 0.9, 3),
            )
        )
    return bars
