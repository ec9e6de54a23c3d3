"""The time axis the server draws: ticks, event marks placed by their intervals, and a
density strip over the whole filtered range. Only the window in view is queried; counts
come from aggregate queries, so a page costs the same with 20 events or 100,000."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .counts import Month, months_and_marks
from .dates import format_at_precision, year_iso
from .forms import Window, add_months, at_value

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
    total: int  # events starting in the window
    truncated: bool  # the window has events beyond the marks drawn
    density: list[Bar]

    @property
    def baseline(self) -> int:
        return 8 + LANES * LANE_HEIGHT

    @property
    def height(self) -> int:
        return self.baseline + 24


def build_axis(data: dict, events, window: Window | None) -> Axis | None:
    """The axis for a view (``data``: the filter's cleaned data, ``events``: its
    filtered events) in ``window`` (everything if None); None when nothing is dated.
    Counts come from timeline.counts; only the marks in view are read."""
    months, rows = months_and_marks(
        data,
        events,
        (window.start, window.end) if window else None,
        MARK_LIMIT + 1,
    )
    if not months:
        return None
    first, last = months[0].month, months[-1].month
    if window is None:
        start = dt.datetime(first.year, 1, 1, tzinfo=dt.UTC)
        end = dt.datetime(last.year + 1, 1, 1, tzinfo=dt.UTC)
        total = sum(m.events for m in months)
    else:
        start, end = window.start, window.end
        if window.unit == "day":  # finer than months: the day's events
            total = events.filter(start__gte=start, start__lt=end).count()
        else:
            total = sum(
                m.events for m in months if start.date() <= m.month < end.date()
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
                Window.parse(year_iso(start.year))
                if end.year - start.year == 1
                else None
            ),
        ),
        marks=_marks(rows[:MARK_LIMIT], start, end),
        total=total,
        truncated=len(rows) > MARK_LIMIT,
        density=_density(months, window),
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
            ticks.append(Tick(_percent(moment, start, end), str(year), year_iso(year)))
    elif window.unit == "year":
        for month in range(12):
            moment = add_months(start, month)
            ticks.append(
                Tick(
                    _percent(moment, start, end),
                    f"{moment:%b}",
                    at_value(moment, "month"),
                )
            )
    elif window.unit == "month":
        moment = start
        while moment < end:
            ticks.append(
                Tick(
                    _percent(moment, start, end),
                    str(moment.day),
                    at_value(moment, "day"),
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


def _density(months: list[Month], window: Window | None) -> list[Bar]:
    """Events per year (per month when the range is short) over the whole filtered
    range."""
    by_month = (months[-1].month.year - months[0].month.year) < 2
    counts: dict[dt.date, int] = {}
    for m in months:
        bucket = m.month if by_month else m.month.replace(month=1)
        counts[bucket] = counts.get(bucket, 0) + m.events
    peak = max(counts.values())
    share = 100 / len(counts)
    bars = []
    for number, (bucket, count) in enumerate(sorted(counts.items())):
        moment = dt.datetime.combine(bucket, dt.time(), tzinfo=dt.UTC)
        bars.append(
            Bar(
                label=f"{bucket:%b} {year_iso(bucket.year)}"
                if by_month
                else year_iso(bucket.year),
                at=at_value(bucket, "month" if by_month else "year"),
                count=count,
                height=round(100 * count / peak, 1),
                current=window is not None and window.start <= moment < window.end,
                left=round(number * share, 3),
                width=round(share * 0.9, 3),
            )
        )
    return bars
