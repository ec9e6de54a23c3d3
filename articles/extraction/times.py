"""Time expressions: TIMEX3 values for the candidates the timex_finder component found.

Finding is dct-independent and happens in the spaCy pipeline
(``components.TimexFinder``); resolving needs the document creation date (dct)
and is a pure function of the parsed Doc, the dct and the mode:

* ``news``: deictic expressions ("on Friday", "last April", "July 7") resolve
  against the dct, with the tense of their clause choosing the direction;
  anaphoric ones ("the next day", "that year") against the date in focus.
* ``narrative``: histories; relative expressions resolve against the date in
  focus, the last date the text mentioned (the dct until there is one).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from dateutil.easter import easter
from spacy.language import Language
from spacy.tokens import Doc

from . import dates
from .components import (
    TimexCandidate,
    covering_span,
    text_of,
    time_vocabulary,
    token_starts,
)
from .dates import FUTURE, PAST, PRESENT
from .tense import ATTITUDE_VERBS, clause_tense
from .types import Anchor, Timex

MODES = ("news", "narrative")

# Words on the way from a weekday to its clause root that point ahead ("effective
# Monday", "starting on Tuesday", "from Sunday", "until Friday", "next", "upcoming").
_FUTURE_MARKERS = frozenset(
    {
        "will",
        "'ll",
        "shall",
        "wo",
        "would",
        "going",
        "gon",
        "plan",
        "schedule",
        "expect",
        "due",
        "set",
        "slate",
        "intend",
        "next",
        "upcoming",
        "coming",
        "effective",
        "start",
        "begin",
        "from",
        "until",
        "till",
        "ahead",
        "before",
        "by",
        "resume",
        "expire",
        "deadline",
        "propose",
        "postpone",
        "delay",
        "reschedule",
        "await",
    }
)

# Modifiers that narrow a period's interval (see _Resolver.modified).
_MOD_WORDS = re.compile(
    r"^(?:by |at |in |towards? |until )?(?:the )?(?:very )?(?P<word>beginning|start|dawn|"
    r"early part|first part|first days|opening days|first weeks|first months|earlier|early|"
    r"middle|mid|end|close|final days|last days|closing days|final weeks|last weeks|"
    r"final months|last months|latter part|last part|later|late|rest|remainder)(?![a-z])"
)
_MOD_KIND = {
    "beginning": "start",
    "start": "start",
    "dawn": "start",
    "first days": "start",
    "opening days": "start",
    "early part": "early",
    "first part": "early",
    "first weeks": "early",
    "first months": "early",
    "early": "early",
    "middle": "mid",
    "mid": "mid",
    "end": "end",
    "close": "end",
    "final days": "end",
    "last days": "end",
    "closing days": "end",
    "final weeks": "late",
    "last weeks": "late",
    "final months": "late",
    "last months": "late",
    "latter part": "late",
    "last part": "late",
    "late": "late",
}

_UNIT_DELTA = {"D": "day", "W": "week", "M": "month", "Y": "year", "Q": "quarter"}


@dataclass(slots=True)
class _Focus:
    """The date the narrative is at: the last date mentioned, as far as it was given."""

    year: int | None = None
    month: int | None = None
    day: int | None = None

    def date(self) -> dt.date | None:
        if self.year and self.month and self.day and self.year > 0:
            return dt.date(self.year, self.month, self.day)
        return None


class _Resolver:
    """Resolves one document's candidates in text order, tracking the focus."""

    def __init__(self, doc: Doc, dct: dt.date | None, mode: str) -> None:
        self.doc = doc
        self.dct = dct
        self.mode = mode
        self.focus = _Focus(dct.year, dct.month, dct.day) if dct else _Focus()
        self.last_day: dt.date | None = dct
        self.words = time_vocabulary()
        self.text = text_of(doc)
        self.starts = token_starts(doc)

    # --- references ---------------------------------------------------------

    def deictic_ref(self, cand: TimexCandidate) -> tuple[dt.date | None, Anchor]:
        """What "on Friday" or "last year" counts from: the dct in news; in a
        narrative the focus, unless the clause is in the writer's present."""
        if self.mode == "narrative":
            focus = self.focus_day()
            if focus and self.tense(cand) == PAST:
                return focus, Anchor.FOCUS
        if self.dct:
            return self.dct, Anchor.DOCUMENT
        focus = self.focus_day()
        return focus, Anchor.FOCUS

    def focus_day(self) -> dt.date | None:
        """The day in focus; in news the last day mentioned (the dct at first)."""
        day = self.focus.date()
        if day is None and self.mode == "news":
            return self.last_day
        return day

    def focus_year(self) -> int | None:
        return self.focus.year

    def year_ref(self, cand: TimexCandidate) -> tuple[int | None, Anchor]:
        """The year of "July" or "the spring": the focus in a narrative, else the dct."""
        if self.mode == "narrative" and self.focus.year is not None:
            return self.focus.year, Anchor.FOCUS
        if self.dct:
            return self.dct.year, Anchor.DOCUMENT
        return self.focus.year, Anchor.FOCUS

    def tense(self, cand: TimexCandidate) -> str | None:
        return clause_tense(self.doc, cand.start, cand.end, self.starts)

    def update_focus(self, value: str) -> None:
        m = re.match(r"^(BC)?(\d{4})(?:-(\d\d)(?:-(\d\d))?)?", value)
        if not m:
            return
        year = int(m[2])
        if m[1]:
            year = 1 - year
        self.focus = _Focus(
            year, int(m[3]) if m[3] else None, int(m[4]) if m[4] else None
        )
        if self.focus.date() is not None:
            self.last_day = self.focus.date()

    def modified(self, cand: TimexCandidate, interval, anchor: Anchor):
        """Narrow a period's interval to what its modifier says ("the end of",
        "early", "later this month"); the value stays the period's."""
        text = self.text[cand.start : cand.end].lower()
        m = _MOD_WORDS.match(text)
        if m is None:
            return interval
        word = m["word"]
        if word in {"later", "rest", "remainder"} or word == "earlier":
            ref = self.dct if anchor == Anchor.DOCUMENT else self.focus_day()
            if ref is None or not re.search(
                r"\b(?:this|that|the same)\b|^(?:the )?(?:rest|remainder)", text
            ):
                return interval
            return dates.clipped_interval(interval, ref, after=word != "earlier")
        return dates.modified_interval(interval, _MOD_KIND[word])

    # --- dispatch -----------------------------------------------------------

    def resolve(self, cand: TimexCandidate) -> tuple[str, str, Anchor] | None:
        handler = getattr(self, "_" + cand.kind, None)
        if handler is None:
            return None
        return handler(cand)

    # --- handlers: each returns (type, value, anchor) or None ---------------

    def _ref(self, cand: TimexCandidate):
        return "DATE", cand.value, Anchor.NONE

    def _fixed(self, cand: TimexCandidate):
        return (
            "DATE",
            self.words["fixed_day"][cand.groups["fixed"].lower()],
            Anchor.ABSOLUTE,
        )

    def _numeric(self, cand: TimexCandidate):
        ref = self.dct or self.focus_day() or dt.date(2000, 1, 1)
        text = self.text[cand.start : cand.end]
        parsed = dates.parse_with_dateparser(text, ref, PAST)
        if parsed is None:
            return None
        return "DATE", parsed[0].date().isoformat(), Anchor.ABSOLUTE

    def _date(self, cand: TimexCandidate):
        g = cand.groups
        if "bcyear" in g:
            month = self._month_number(g)
            day = g.get("day") or g.get("day2")
            if month is None:
                return "DATE", f"BC{int(g['bcyear']):04d}", Anchor.ABSOLUTE
            value = f"BC{int(g['bcyear']):04d}-{month:02d}"
            if day:
                value += f"-{int(re.sub(r'[^0-9]', '', day)):02d}"
            return "DATE", value, Anchor.ABSOLUTE
        if "adyear" in g or "adyear2" in g:
            return (
                "DATE",
                f"{int(g.get('adyear') or g['adyear2']):04d}",
                Anchor.ABSOLUTE,
            )
        if "yy" in g:
            yy = int(g["yy"])
            ref = self.dct.year if self.dct else 2000
            if self.mode == "narrative" and self.focus.year and self.focus.year > 0:
                base = self.focus.year - self.focus.year % 100
                year = min(
                    (base - 100 + yy, base + yy, base + 100 + yy),
                    key=lambda y: abs(y - self.focus.year),
                )
                return "DATE", f"{year:04d}", Anchor.FOCUS
            century = 1900 if 2000 + yy > ref + 10 else 2000
            return "DATE", f"{century + yy:04d}", Anchor.ABSOLUTE
        month = self._month_number(g)
        day = int(re.sub(r"\D", "", g["day"])) if "day" in g else None
        if "year" in g:
            year = int(g["year"])
            if month is None:
                return "DATE", f"{year:04d}", Anchor.ABSOLUTE
            if day is None:
                return "DATE", dates.month_value(year, month), Anchor.ABSOLUTE
            if not dates.valid_day(year, month, day):
                return "DATE", dates.month_value(year, month), Anchor.ABSOLUTE
            return "DATE", f"{year:04d}-{month:02d}-{day:02d}", Anchor.ABSOLUTE
        if "yrel" in g:
            year, anchor = self._relative_year(g["yrel"], cand)
            if year is None or month is None:
                return None
            if day and dates.valid_day(year, month, day):
                return "DATE", f"{year:04d}-{month:02d}-{day:02d}", anchor
            return "DATE", dates.month_value(year, month), anchor
        if month is None:
            if day is None:
                return None
            # "on the 12th": the day of the month in focus.
            if self.focus.year and self.focus.month and self.focus.year > 0:
                if dates.valid_day(self.focus.year, self.focus.month, day):
                    value = _ymd(self.focus.year, self.focus.month, day)
                    return "DATE", value, Anchor.FOCUS
            return None
        weekday = self._weekday_number(g)
        if self.mode == "narrative" and self.focus.year is not None:
            year = self._narrative_year(month)
            if day is not None and not dates.valid_day(
                year if year > 0 else 2000, month, day
            ):
                return "DATE", _xx_value(month, day), Anchor.NONE
            return "DATE", _ymd(year, month, day), Anchor.FOCUS
        if not self.dct:
            return "DATE", _xx_value(month, day), Anchor.NONE
        direction = self.tense(cand)
        if day is None:
            year = dates.year_for_month(month, self.dct, direction)
            return "DATE", dates.month_value(year, month), Anchor.DOCUMENT
        if weekday is not None:
            for year in (self.dct.year, self.dct.year - 1, self.dct.year + 1):
                if (
                    dates.valid_day(year, month, day)
                    and dt.date(year, month, day).weekday() == weekday
                ):
                    return "DATE", f"{year:04d}-{month:02d}-{day:02d}", Anchor.DOCUMENT
        if not dates.valid_day(2000, month, day):
            return "DATE", _xx_value(month, None), Anchor.NONE
        year = dates.year_for_month_day(month, day, self.dct, direction)
        return "DATE", f"{year:04d}-{month:02d}-{day:02d}", Anchor.DOCUMENT

    def _weekday(self, cand: TimexCandidate):
        weekday = self._weekday_number(cand.groups)
        ref, anchor = self.deictic_ref(cand)
        if ref is None:
            value = f"XXXX-WXX-{weekday + 1}"
            return "DATE", value, Anchor.NONE
        direction = self.weekday_direction(cand)
        focus = self.focus_day() if self.mode == "news" else None
        if (
            direction == FUTURE
            and focus is not None
            and focus < ref
            and self._future_in_past(cand)
        ):
            # "Israel agreed to a truce on Sunday ... announced that it would take
            # effect on Sunday", in Monday's paper: the future of the day the text
            # narrates, not of the paper's.
            ref, anchor = focus, Anchor.FOCUS
        day = dates.weekday_near(ref, weekday, direction)
        return self._with_pod(day.isoformat(), cand.groups.get("pod"), anchor)

    def weekday_direction(self, cand: TimexCandidate) -> str | None:
        """Tense of a bare weekday's clause; in news one without a future marker
        looks back, as news mostly reports what happened."""
        direction = self.tense(cand)
        if (
            self.mode == "news"
            and direction in {None, PRESENT}
            and not future_marked(self.doc, cand.start, cand.end, self.starts)
            and not _plain_present(self.doc, cand.start, cand.end, self.starts)
        ):
            return PAST
        return direction

    def _future_in_past(self, cand: TimexCandidate) -> bool:
        """The clause of the expression says "would" or "was to" under a verb in the
        past ("said the truce would start", "was to take effect")."""
        span = covering_span(self.doc, self.starts, cand.start, cand.end)
        if span is None or len(span) == 0:
            return False
        verb = next(
            (t for t in [span.root, *span.root.ancestors] if t.pos_ in {"VERB", "AUX"}),
            None,
        )
        if verb is None:
            return False
        auxiliaries = {c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass"}}
        if "would" in auxiliaries:
            return True
        return verb.lower_ == "to" or (
            "to" in auxiliaries and verb.head.lower_ in {"was", "were"}
        )

    def _deictic(self, cand: TimexCandidate):
        g = cand.groups
        word = g.get("word", "today").lower()
        pod = g.get("pod")
        offset = self.words["deictic"][word]
        text = self.text[cand.start : cand.end].lower()
        if word == "tonight":
            pod = "night"
        if "pod" in g and word == "today" and text.startswith("last"):
            offset = -1
        if text.startswith("last ") and "word" not in g:
            offset = -1
        if self.mode == "narrative" and word == "today" and pod is None:
            return "DATE", "PRESENT_REF", Anchor.NONE
        ref, anchor = (
            (self.dct, Anchor.DOCUMENT)
            if self.dct
            else (self.focus_day(), Anchor.FOCUS)
        )
        if self.mode == "narrative":
            ref, anchor = self.deictic_ref(cand)
        if ref is None:
            return "DATE", "XXXX-XX-XX", Anchor.NONE
        day = ref + dt.timedelta(days=offset)
        return self._with_pod(day.isoformat(), pod, anchor)

    def _relative(self, cand: TimexCandidate):
        g = cand.groups
        rel = g.get("rel", "this").lower()
        step = {
            "last": -1,
            "this past": -1,
            "next": 1,
            "coming": 1,
            "this coming": 1,
        }.get(rel, 0)
        ref, anchor = self.deictic_ref(cand)
        if ref is None:
            return None
        if "weekday" in g:
            weekday = self._weekday_number(g)
            if step == 0:
                day = dates.weekday_near(ref, weekday, self.tense(cand))
            else:
                day = dates.weekday_strict(ref, weekday, step)
            return self._with_pod(day.isoformat(), g.get("pod"), anchor)
        if "month" in g:
            month = self._month_number(g)
            year = ref.year
            if step < 0 and month >= ref.month:
                year -= 1
            elif step > 0 and month <= ref.month:
                year += 1
            return "DATE", dates.month_value(year, month), anchor
        unit = g["unit"].lower()
        if unit == "week":
            return "DATE", dates.week_value(ref + dt.timedelta(weeks=step)), anchor
        if unit == "weekend":
            if step == 0 and ref.weekday() < 5:
                # "over the weekend" told in the past, or on Monday to Wednesday
                # without a future marker: the Saturday and Sunday before.
                direction = self.tense(cand)
                if direction != FUTURE and ref.weekday() <= 2:
                    direction = self.weekday_direction(cand)
                if direction == PAST:
                    step = -1
            return (
                "DATE",
                dates.week_value(ref + dt.timedelta(weeks=step)) + "-WE",
                anchor,
            )
        if unit == "month":
            year, month = dates.shift_months(ref.year, ref.month, step)
            return "DATE", dates.month_value(year, month), anchor
        if unit == "year":
            return "DATE", dates.year_value(ref.year + step), anchor
        if unit == "quarter":
            quarter = (ref.month - 1) // 3 + step
            year = ref.year + quarter // 4
            return "DATE", f"{year:04d}-Q{quarter % 4 + 1}", anchor
        if unit == "decade":
            return "DATE", f"{ref.year // 10 + step:03d}", anchor
        if unit == "century":
            return "DATE", f"{ref.year // 100 + step:02d}", anchor
        return None

    def _anaphoric(self, cand: TimexCandidate):
        g = cand.groups
        rel = g.get("rel", "same").lower()
        if "mod" in g:
            rel = "same"
        step = {
            "next": 1,
            "following": 1,
            "subsequent": 1,
            "after": 1,
            "later": 1,
            "previous": -1,
            "preceding": -1,
            "before": -1,
            "earlier": -1,
            "prior": -1,
        }.get(rel, 0)
        if "month" in g:
            name = g["month"].lower()
            year = self.focus.year
            if year is None:
                return None
            if name in self.words["season"]:
                code = self.words["season"][name]
                return "DATE", f"{dates.year_value(year + step)}-{code}", Anchor.FOCUS
            month = self.words["month"][name]
            if self.focus.month is not None:
                if step > 0 and month <= self.focus.month:
                    year += 1
                elif step < 0 and month >= self.focus.month:
                    year -= 1
            return "DATE", dates.month_value(year, month), Anchor.FOCUS
        unit = g.get("unit", "day").lower()
        pod = None
        if unit in {"morning", "afternoon", "evening", "night"}:
            pod, unit = unit, "day"
        if unit in {"day", "weekend"} or unit == "week":
            day = self.focus_day()
            if day is None:
                if (
                    self.focus.year is not None
                    and unit == "day"
                    and step == 0
                    and pod is None
                ):
                    return None
                return "DATE", "XXXX-XX-XX", Anchor.NONE
            if unit == "day":
                target = day + dt.timedelta(days=step)
                return self._with_pod(target.isoformat(), pod, Anchor.FOCUS)
            value = dates.week_value(day + dt.timedelta(weeks=step))
            return "DATE", value + ("-WE" if unit == "weekend" else ""), Anchor.FOCUS
        year = self.focus.year
        if year is None:
            return None
        if unit == "month":
            if self.focus.month is None:
                return "DATE", f"{dates.year_value(year)}-XX", Anchor.NONE
            year, month = dates.shift_months(year, self.focus.month, step)
            return "DATE", dates.month_value(year, month), Anchor.FOCUS
        if unit == "year":
            return "DATE", dates.year_value(year + step), Anchor.FOCUS
        if unit == "decade" and year > 0:
            return "DATE", f"{year // 10 + step:03d}", Anchor.FOCUS
        if unit == "century" and year > 0:
            return "DATE", f"{year // 100 + step:02d}", Anchor.FOCUS
        return None

    def _week_of(self, cand: TimexCandidate):
        """ "the last week of March": the ISO week holding that part of the month."""
        g = cand.groups
        month = self._month_number(g)
        if "year" in g:
            year, anchor = int(g["year"]), Anchor.ABSOLUTE
        elif self.mode == "narrative" and self.focus.year is not None:
            year, anchor = self._narrative_year(month), Anchor.FOCUS
        elif self.dct:
            year = dates.year_for_month(month, self.dct, self.tense(cand))
            anchor = Anchor.DOCUMENT
        else:
            return None
        if year <= 0:
            return None
        word = g["word"].lower()
        if word in {"last", "final"}:
            day = dt.date(year, month, 1) + dt.timedelta(days=31)
            day = day.replace(day=1) - dt.timedelta(days=4)
        else:
            day = dt.date(year, month, 1) + dt.timedelta(
                days=7 * ["first", "second", "third", "fourth"].index(word) + 3
            )
        return "DATE", dates.week_value(day), anchor

    def _decade(self, cand: TimexCandidate):
        g = cand.groups
        if "decade" in g:
            return "DATE", g["decade"], Anchor.ABSOLUTE
        digit = int(g["decade2"])
        ref = self.dct.year if self.dct else 2000
        century = 19 if 2000 + digit * 10 > ref else 20
        return "DATE", f"{century}{digit}", Anchor.ABSOLUTE

    def _century(self, cand: TimexCandidate):
        raw = cand.groups["century"].lower()
        number = int(re.sub(r"\D", "", raw)) if raw[0].isdigit() else None
        if number is None:
            number = {"twenty-first": 21}.get(raw, self.words["ordinal"].get(raw))
        if not number or raw in {"final", "last"}:
            return None
        return "DATE", f"{number - 1:02d}", Anchor.ABSOLUTE

    def _season(self, cand: TimexCandidate):
        g = cand.groups
        code = self.words["season"][g["season"].lower()]
        if "year" in g:
            return "DATE", f"{int(g['year']):04d}-{code}", Anchor.ABSOLUTE
        rel = (g.get("rel") or g.get("yrel") or "").lower()
        if rel in {"last", "next", "this"}:
            ref, anchor = self.deictic_ref(cand)
            if ref is None:
                return "DATE", f"XXXX-{code}", Anchor.NONE
            first, last = dates.SEASON_MONTHS[code]
            year = dates.year_for_range(first, last, ref, PRESENT)
            # "last fall" said in October: the fall before the one under way.
            if (
                rel == "last"
                and (year * 12 + last - 1) >= ref.year * 12 + ref.month - 1
            ):
                year -= 1
            if (
                rel == "next"
                and (year * 12 + last - 1) <= ref.year * 12 + ref.month - 1 + 0
            ):
                year += 1
            return "DATE", f"{dates.year_value(year)}-{code}", anchor
        if rel:
            year, anchor = self._relative_year(rel, cand)
            if year is None:
                return "DATE", f"XXXX-{code}", Anchor.NONE
            return "DATE", f"{dates.year_value(year)}-{code}", anchor
        if self.mode == "narrative" or not self.dct:
            year = self.focus.year
            if year is None:
                return "DATE", f"XXXX-{code}", Anchor.NONE
            return "DATE", f"{dates.year_value(year)}-{code}", Anchor.FOCUS
        first, last = dates.SEASON_MONTHS[code]
        year = dates.year_for_range(first, last, self.dct, self.tense(cand))
        return "DATE", f"{year:04d}-{code}", Anchor.DOCUMENT

    def _quarter(self, cand: TimexCandidate):
        g = cand.groups
        if "qcode" in g:
            quarter = int(g["qcode"][1])
        elif "qord" not in g:
            return self._quarter_in_view(cand)
        else:
            raw = g["qord"].lower()
            quarter = int(raw[0]) if raw[0].isdigit() else self.words["ordinal"][raw]
        return self._part_of_year(cand, f"Q{quarter}", 3 * quarter - 2, 3 * quarter)

    def _quarter_in_view(self, cand: TimexCandidate):
        """ "Profits rose in the quarter": the quarter a report is about, the one just
        ended when told in the past, else the current one."""
        ref, anchor = self.deictic_ref(cand)
        if ref is None or self.mode == "narrative":
            return "DATE", "XXXX-QX", Anchor.NONE
        quarter = (ref.month - 1) // 3 - (self.tense(cand) == PAST)
        year = ref.year + quarter // 4
        return "DATE", f"{year:04d}-Q{quarter % 4 + 1}", anchor

    def _half(self, cand: TimexCandidate):
        half = 2 if cand.groups["hord"].lower() in {"second", "2nd", "latter"} else 1
        return self._part_of_year(cand, f"H{half}", 6 * half - 5, 6 * half)

    def _part_of_year(self, cand: TimexCandidate, code: str, first: int, last: int):
        g = cand.groups
        if "year" in g or "fyear" in g:
            return (
                "DATE",
                f"{int(g.get('year') or g['fyear']):04d}-{code}",
                Anchor.ABSOLUTE,
            )
        if "yrel" in g:
            year, anchor = self._relative_year(g["yrel"], cand)
        elif self.mode == "narrative" or not self.dct:
            year, anchor = self.focus.year, Anchor.FOCUS
        else:
            year = dates.year_for_range(first, last, self.dct, self.tense(cand))
            anchor = Anchor.DOCUMENT
        if year is None:
            return "DATE", f"XXXX-{code}", Anchor.NONE
        return "DATE", f"{dates.year_value(year)}-{code}", anchor

    def _holiday(self, cand: TimexCandidate):
        g = cand.groups
        key = self.words["holiday"][g["holiday"].lower()]
        if "year" in g:
            year, anchor = int(g["year"]), Anchor.ABSOLUTE
        elif self.mode == "narrative" or not self.dct:
            year, anchor = self.focus.year, Anchor.FOCUS
            if year is None or year <= 0:
                return None
        else:
            month = (
                12
                if key in {"thanksgiving"}
                else 4
                if key == "easter"
                else int(key[:2])
            )
            year = dates.year_for_month(month, self.dct, self.tense(cand))
            anchor = Anchor.DOCUMENT
        if key == "easter":
            return "DATE", easter(year).isoformat(), anchor
        if key == "thanksgiving":
            first = dt.date(year, 11, 1)
            thursday = first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21)
            return "DATE", thursday.isoformat(), anchor
        return "DATE", f"{year:04d}-{key}", anchor

    def _ago(self, cand: TimexCandidate):
        g = cand.groups
        ref, anchor = self.deictic_ref(cand)
        return self._shifted(g, -1, ref, anchor, vague_value="PAST_REF")

    def _shift(self, cand: TimexCandidate):
        g = cand.groups
        direction = g["dir"].lower()
        backwards = {"earlier", "before that", "beforehand", "previously", "prior"}
        sign = -1 if direction in backwards else 1
        day = self.focus_day()
        if day is None and self.focus.year is not None and self.focus.year > 0:
            day = dt.date(self.focus.year, self.focus.month or 1, 1)
        return self._shifted(
            g,
            sign,
            day,
            Anchor.FOCUS,
            vague_value="FUTURE_REF" if sign > 0 else "PAST_REF",
        )

    def _shifted(
        self,
        g: dict[str, str],
        sign: int,
        ref: dt.date | None,
        anchor: Anchor,
        vague_value: str,
    ):
        unit_word = g["unit"].lower()
        letter, factor = self.words["unit"][unit_word]
        number = parse_number(g["num"]) if "num" in g else None
        if number is None or ref is None:
            return "DATE", vague_value, Anchor.NONE
        amount = number * factor
        try:
            if letter in {"S", "TM", "H"}:
                return "DATE", ref.isoformat(), anchor
            if letter == "D":
                return (
                    "DATE",
                    (ref + dt.timedelta(days=sign * round(amount))).isoformat(),
                    anchor,
                )
            if letter == "W":
                return (
                    "DATE",
                    (ref + dt.timedelta(weeks=sign * amount)).isoformat(),
                    anchor,
                )
            if letter == "M":
                year, month = dates.shift_months(
                    ref.year, ref.month, sign * round(amount)
                )
                return "DATE", dates.month_value(year, month), anchor
            if letter == "Q":
                year, month = dates.shift_months(
                    ref.year, ref.month, sign * round(3 * amount)
                )
                return "DATE", dates.month_value(year, month), anchor
            if letter == "Y":
                year = ref.year + sign * round(amount)
                if factor == 10:
                    return "DATE", f"{year // 10:03d}", anchor
                return "DATE", dates.year_value(year), anchor
            if letter == "CE":
                return (
                    "DATE",
                    f"{(ref.year + sign * round(100 * amount)) // 100:02d}",
                    anchor,
                )
        except (OverflowError, ValueError):
            return "DATE", vague_value, Anchor.NONE
        return None

    def _duration(self, cand: TimexCandidate):
        g = cand.groups
        if "bare" in g or "bare2" in g:
            letter, _ = self.words["unit"][(g.get("bare") or g["bare2"]).lower()]
            return "DURATION", _duration_value("X", letter), Anchor.NONE
        unit = g["unit"].lower()
        letter, factor = self.words["unit"][unit]
        if "rel" in g:
            return "DURATION", _duration_value(_fmt(factor), letter), Anchor.NONE
        if "vague" in g:
            return "DURATION", _duration_value("X", letter), Anchor.NONE
        if "num" not in g:
            return "DURATION", _duration_value(_fmt(factor), letter), Anchor.NONE
        number = parse_number(g["num"])
        if number is None:
            return None
        return "DURATION", _duration_value(_fmt(number * factor), letter), Anchor.NONE

    def _set(self, cand: TimexCandidate):
        g = cand.groups
        if "weekdays" in g:
            weekday = self._weekday_number({"weekday": g["weekdays"]})
            return "SET", f"XXXX-WXX-{weekday + 1}", Anchor.NONE
        if "adverb" in g:
            adverb = g["adverb"].lower()
            value = {
                "daily": "P1D",
                "nightly": "P1D",
                "weekly": "P1W",
                "biweekly": "P2W",
                "fortnightly": "P2W",
                "monthly": "P1M",
                "quarterly": "P3M",
                "hourly": "PT1H",
                "annually": "P1Y",
                "yearly": "P1Y",
                "annual": "P1Y",
                "biannual": "P6M",
                "semiannual": "P6M",
            }[adverb]
            return "SET", value, Anchor.NONE
        unit = (g.get("unit") or g.get("unit2")).lower()
        if unit.capitalize() in self.words["weekday"] or unit in self.words["weekday"]:
            weekday = self._weekday_number({"weekday": unit.capitalize()})
            return "SET", f"XXXX-WXX-{weekday + 1}", Anchor.NONE
        if unit in self.words["season"]:
            return "SET", f"XXXX-{self.words['season'][unit]}", Anchor.NONE
        if unit in {"morning", "afternoon", "evening", "night"}:
            return "SET", f"XXXX-XX-XXT{self.words['part_of_day'][unit]}", Anchor.NONE
        if unit == "weekend":
            return "SET", "XXXX-WXX-WE", Anchor.NONE
        letter, factor = self.words["unit"][unit]
        return "SET", _duration_value(_fmt(factor), letter), Anchor.NONE

    def _clock(self, cand: TimexCandidate, day_value: str | None = None):
        g = cand.groups
        anchor = Anchor.ABSOLUTE
        hour, minute = _clock_time(g, self.words)
        if hour is None:
            return None
        if day_value is None and cand.parts:
            # A time whose day comes after it: "00:01 (22:01 GMT) on Sunday".
            linked = self.resolve(cand.parts[0])
            if linked and re.match(r"^\d{4}-\d\d-\d\d$", linked[1].split("T")[0]):
                day_value = linked[1].split("T")[0]
                anchor = linked[2]
                if len(cand.parts) > 1:
                    day_value = _glossed_day(day_value, hour, cand.parts[1], self.words)
        tz = "Z" if g.get("tz", "").upper() in {"UTC", "GMT", "Z"} else ""
        if day_value is None:
            day = self.focus_day()
            anchor = Anchor.FOCUS
            if (
                day is not None
                and hour == 0
                and g.get("named", "").lower() == "midnight"
                and self.tense(cand) == FUTURE
            ):
                # "will take effect at midnight": the coming midnight, which starts
                # the next day.
                day = day + dt.timedelta(days=1)
            day_value = day.isoformat() if day else "XXXX-XX-XX"
            if day is None:
                anchor = Anchor.NONE
        return "TIME", f"{day_value}T{hour:02d}:{minute:02d}{tz}", anchor

    def _pod(self, cand: TimexCandidate):
        pod = cand.groups["pod"].lower()
        code = self.words["part_of_day"].get(pod, "DT")
        if self.mode == "narrative":
            return "TIME", f"XXXX-XX-XXT{code}", Anchor.NONE
        day = self.focus_day()
        if day is None:
            return "TIME", f"XXXX-XX-XXT{code}", Anchor.NONE
        return "TIME", f"{day.isoformat()}T{code}", Anchor.FOCUS

    def _combo(self, cand: TimexCandidate):
        date_part, time_part = cand.parts
        resolved = self.resolve(date_part)
        if resolved is None:
            return None
        _, value, anchor = resolved
        day_value = value.split("T")[0]
        if not re.match(r"^\d{4}-\d\d-\d\d$", day_value):
            return resolved
        if time_part.kind == "pod_of":
            return self._with_pod(day_value, time_part.groups["pod"], anchor)
        result = self._clock(time_part, day_value)
        if result is None:
            return resolved
        return result[0], result[1], anchor

    # --- helpers ------------------------------------------------------------

    def _with_pod(self, day_value: str, pod: str | None, anchor: Anchor):
        if not pod:
            return "DATE", day_value, anchor
        return "TIME", f"{day_value}T{self.words['part_of_day'][pod.lower()]}", anchor

    def _month_number(self, g: dict[str, str]) -> int | None:
        if "mm" in g:
            return int(g["mm"])
        if "month" not in g:
            return None
        return self.words["month"][g["month"].lower().rstrip(".")]

    def _weekday_number(self, g: dict[str, str]) -> int | None:
        if "weekday" not in g:
            return None
        return self.words["weekday"][g["weekday"].lower()]

    def _narrative_year(self, month: int) -> int:
        """Year of a month named without one in a narrative: the year in focus.

        (Moving to the next year when the month is well before the focus month
        scored worse on WikiWars at every threshold tried, 3 to 8 months.)
        """
        assert self.focus.year is not None
        return self.focus.year

    def _relative_year(
        self, rel: str, cand: TimexCandidate
    ) -> tuple[int | None, Anchor]:
        rel = rel.lower()
        if rel in {"this", "last", "next"}:
            ref, anchor = self.deictic_ref(cand)
            if ref is None:
                return None, Anchor.NONE
            return ref.year + {"this": 0, "last": -1, "next": 1}[rel], anchor
        step = (
            1
            if rel in {"the following", "the next"}
            else -1
            if rel in {"the previous", "the preceding", "the prior"}
            else 0
        )
        if self.focus.year is None:
            return None, Anchor.NONE
        return self.focus.year + step, Anchor.FOCUS


def _ymd(year: int, month: int, day: int | None = None) -> str:
    """TIMEX3 value of a year, month and maybe day; years <= 0 are BC."""
    value = f"{dates.year_value(year)}-{month:02d}"
    return value + (f"-{day:02d}" if day else "")


def _xx_value(month: int, day: int | None) -> str:
    return f"XXXX-{month:02d}" + (f"-{day:02d}" if day else "")


def _fmt(number: float) -> str:
    if float(number).is_integer():
        return str(int(number))
    return f"{number:.1f}".rstrip("0")


def _duration_value(amount: str, letter: str) -> str:
    if letter in {"H", "S"}:
        return f"PT{amount}{letter}"
    if letter == "TM":
        return f"PT{amount}M"
    if letter == "CE":
        return f"P{amount}CE"
    return f"P{amount}{letter}"


def parse_number(text: str) -> float | None:
    """ "three" -> 3, "twenty-five" -> 25, "2 and a half" -> 2.5, "12" -> 12."""
    words = time_vocabulary()["number"]
    text = " ".join(text.lower().split())
    half = 0.0
    if text.endswith(" and a half"):
        half, text = 0.5, text[: -len(" and a half")]
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text) + half
    if text in words:
        return float(words[text]) + half
    parts = re.split(r"[- ]", text)
    if len(parts) == 2 and parts[0] in words and parts[1] in words:
        return float(words[parts[0]] + words[parts[1]]) + half
    return None


def _glossed_day(
    day_value: str, hour: int, glossed: TimexCandidate, words: dict
) -> str:
    """The day of a time that glosses another in a different zone.

    "00:01 (22:01 GMT) on Sunday": 22:01 GMT is Saturday; "8:00 (04H00 GMT) on
    Monday" is Monday. Zones are at most 14 hours apart, so a gap of more than
    12 hours means the other side of midnight.
    """
    local, _ = _clock_time(glossed.groups, words)
    if local is None:
        return day_value
    shift = 0
    if hour - local > 12:
        shift = -1
    elif local - hour > 12:
        shift = 1
    if not shift:
        return day_value
    return (dt.date.fromisoformat(day_value) + dt.timedelta(days=shift)).isoformat()


def _clock_time(g: dict[str, str], words: dict) -> tuple[int | None, int]:
    if "named" in g:
        return (0 if g["named"].lower() == "midnight" else 12), 0
    if "hhmm" in g:
        return int(g["hhmm"][:2]), int(g["hhmm"][2:])
    if "hourw" in g:
        number = parse_number(g["hourw"])
        if number is None or not 1 <= number <= 12:
            return None, 0
        hour = int(number)
        pod = (g.get("pod") or "").lower()
        if ("afternoon" in pod or "evening" in pod or "night" in pod) and hour < 12:
            hour += 12
        return hour, 0
    hour = int(g["hour"])
    minute = int(g.get("minute") or 0)
    ampm = g.get("ampm", "").lower()
    if ampm.startswith("p") and hour < 12:
        hour += 12
    elif ampm.startswith("a") and hour == 12:
        hour = 0
    if hour > 23:
        return None, 0
    return hour, minute


def _plain_present(
    doc: Doc, start: int, end: int, starts: list[int] | None = None
) -> bool:
    """Is the span governed straight by a present-tense verb that reports no speech?

    "The corridor opens on Thursday" may be ahead; "follows ... clinching a deal
    on Thursday", "the shelling on Saturday draws condemnation" and "says on
    Sunday" are not.
    """
    span = covering_span(
        doc, starts if starts is not None else token_starts(doc), start, end
    )
    if span is None or len(span) == 0:
        return False
    token = span.root
    for _ in range(12):
        if token.head.i == token.i:
            return False
        token = token.head
        if token.pos_ in {"VERB", "AUX"}:
            return (
                token.tag_ in {"VBZ", "VBP"}
                and token.lemma_.lower() not in ATTITUDE_VERBS
            )
        if token.pos_ in {"NOUN", "PROPN", "PRON"}:
            return False
    return False


def future_marked(
    doc: Doc, start: int, end: int, starts: list[int] | None = None
) -> bool:
    """Does anything between the span and its clause root point ahead?

    "effective Monday", "starting on Tuesday", "will meet on Friday", "is due on
    Monday", "until Tuesday": the weekday may lie ahead of the dct. Without such
    a marker a weekday in news is in the past ("follows ... clinching a deal on
    Thursday").
    """
    span = covering_span(
        doc, starts if starts is not None else token_starts(doc), start, end
    )
    if span is None or len(span) == 0:
        return False
    token = span.root
    for _ in range(12):
        if token.lower_ in _FUTURE_MARKERS or token.lemma_.lower() in _FUTURE_MARKERS:
            if token.i < span.start or token.i >= span.end:
                return True
        for child in token.children:
            if child.dep_ in {"aux", "auxpass"} and child.lower_ in _FUTURE_MARKERS:
                return True
            if (
                child.dep_ in {"xcomp", "acomp"}
                and child.lemma_.lower() in _FUTURE_MARKERS
            ):
                return True
        if token.lemma_.lower() == "be" and any(
            c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children)
            for c in token.children
        ):
            return True  # "the exchange is to take place on Sunday"
        if token.head is token:
            break
        token = token.head
    return False


# --- public API ---------------------------------------------------------------


def resolve_timexes(doc: Doc, dct: dt.date | None, mode: str = "news") -> list[Timex]:
    """Normalise the doc's time expressions against ``dct`` (TIMEX3 values).

    ``doc`` must have gone through the timex_finder component. Returns Timex
    objects sorted by start, non-overlapping, with offsets into ``doc.text``.
    """
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}, not {mode!r}")
    candidates = (
        doc._.timex_candidates if Doc.has_extension("timex_candidates") else None
    )
    if candidates is None:
        raise ValueError("the doc has not been through the timex_finder component")
    resolver = _Resolver(doc, dct, mode)
    text = resolver.text
    timexes: list[Timex] = []
    if mode == "narrative":
        candidates = _split_time_then_date(candidates)
    for cand in candidates:
        if cand.modes and mode not in cand.modes:
            continue
        try:
            resolved = resolver.resolve(cand)
        except (ValueError, OverflowError, KeyError):
            resolved = None
        if resolved is None:
            continue
        type_, value, anchor = resolved
        interval = (
            dates.interval_for_value(value) if type_ in {"DATE", "TIME"} else None
        )
        if interval is not None:
            interval = resolver.modified(cand, interval, anchor)
        if "X" in value or value.endswith("_REF"):
            anchor = Anchor.NONE
        timexes.append(
            Timex(
                cand.start,
                cand.end,
                text[cand.start : cand.end],
                type_,
                value,
                anchor,
                interval,
            )
        )
        if type_ in {"DATE", "TIME"} and re.match(r"^(?:BC)?\d{4}", value):
            if mode == "news" or anchor in {Anchor.ABSOLUTE, Anchor.FOCUS}:
                resolver.update_focus(value)
    return timexes


def _split_time_then_date(candidates: list[TimexCandidate]) -> list[TimexCandidate]:
    """ "11 a.m. on 11 November 1918" -> "11 a.m." (taking the day) and the date.

    Histories annotate a clock time and the date after it as two expressions
    (WikiWars); the date before a time stays one ("May 8 1:00AM").
    """
    out: list[TimexCandidate] = []
    for cand in candidates:
        if cand.kind == "combo" and len(cand.parts) == 2:
            date_part, time_part = cand.parts
            if time_part.kind == "clock" and time_part.start < date_part.start:
                out.append(
                    TimexCandidate(
                        time_part.start,
                        time_part.end,
                        "clock",
                        time_part.name,
                        time_part.groups,
                        None,
                        (),
                        (date_part,),
                    )
                )
                out.append(date_part)
                continue
        out.append(cand)
    return out


def _nlp(nlp: Language | None) -> Language:
    if nlp is not None:
        return nlp
    from .pipeline import build_nlp

    return build_nlp()


def _as_dicts(timexes: Iterable[Timex]) -> list[dict]:
    return [
        {
            "start": t.start,
            "end": t.end,
            "text": t.text,
            "type": t.type,
            "value": t.value,
        }
        for t in timexes
    ]


def tag_document(
    text: str, dct: dt.date | None, mode: str = "news", nlp: Language | None = None
) -> list[dict]:
    """Tag one text: [{start, end, text, type, value}, ...]."""
    nlp = _nlp(nlp)
    nlp.max_length = max(nlp.max_length, len(text) + 1)
    return _as_dicts(resolve_timexes(nlp(text), dct, mode))


def parse_dct(raw: object) -> dt.date | None:
    if raw in (None, ""):
        return None
    if not isinstance(raw, str):
        raise ValueError(f"dct must be a YYYY-MM-DD string, not {raw!r}")
    return dt.date.fromisoformat(raw[:10])


def tag_jsonl(
    lines: Iterable[str],
    mode: str = "news",
    nlp: Language | None = None,
    batch_size: int = 16,
    errors: Callable[[str], object] | None = None,
) -> Iterator[str]:
    """Tag JSONL documents ({doc_id, dct, text}) into {doc_id, timexes} lines.

    A line that is not a valid document is reported (to stderr by default)
    and skipped, so one bad line does not stop a batch.
    """
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}, not {mode!r}")
    nlp = _nlp(nlp)
    report = errors or (lambda message: print(message, file=sys.stderr))

    def documents() -> Iterator[tuple[str, tuple[object, dt.date | None]]]:
        for lineno, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                if not isinstance(record, dict):
                    raise ValueError("not a JSON object")
                text = record["text"]
                if not isinstance(text, str):
                    raise ValueError("text is not a string")
                dct = parse_dct(record.get("dct"))
                doc_id = record.get("doc_id", lineno)
            except (ValueError, KeyError, TypeError) as exc:
                report(f"line {lineno}: skipped: {exc!r}")
                continue
            nlp.max_length = max(nlp.max_length, len(text) + 1)
            yield text, (doc_id, dct)

    for doc, (doc_id, dct) in nlp.pipe(
        documents(), batch_size=batch_size, as_tuples=True
    ):
        timexes = _as_dicts(resolve_timexes(doc, dct, mode))
        yield json.dumps({"doc_id": doc_id, "timexes": timexes}, ensure_ascii=False)
