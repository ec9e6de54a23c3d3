"""Our spaCy components, registered by factory name.

Each component is a class with ``__call__(self, doc)``; its rules live in data
files under ``data/`` next to this module.
"""

from __future__ import annotations

import bisect
import functools
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

# Factories added to the pipeline by build_nlp(), in order.
PIPELINE_COMPONENTS: tuple[str, ...] = ("timex_finder",)

DATA_DIR = Path(__file__).parent / "data"
TIME_PATTERNS_FILE = DATA_DIR / "time_patterns.json"

# Named groups whose text must start with a capital letter ("May", not "may").
_CAPITALISED_GROUPS = ("month", "weekday", "weekdays", "holiday")
# Plural nouns after a four-digit number that still make it a year ("the 2008 elections").
_YEAR_NOUNS = frozenset(
    {
        "election",
        "olympics",
        "games",
        "protest",
        "riot",
        "talk",
        "negotiation",
        "attack",
        "bombing",
        "agreement",
        "accords",
        "accord",
        "hostility",
        "clash",
        "offensive",
    }
)
# Gaps allowed between a clock time or part of day and the date it belongs to;
# a parenthesis may gloss the time ("at 8:00 (local time) on Monday").
_TIME_THEN_DATE = re.compile(r"^,? ?(?:\([^()]{1,40}\) ?)?(?:on |of )?(?:the )?$")
# A clock time glossed by another in brackets: "00:01 (22:01 GMT) on Sunday".
_GLOSS_OPEN = re.compile(r"^ ?\($")
_GLOSS_CLOSE = re.compile(r"^\)(?: ?,)? ?(?:on |of )?(?:the )?$")
_DATE_THEN_TIME = re.compile(
    r"^,? ?(?:at |around |about |by |from |(?:shortly|just) (?:after|before) )?$"
)
# What comes before "a day" when it is a rate: "twice a day", "$5 a day".
_RATE_BEFORE = r"(?:times|once|twice|\d|percent|%|dollars|hours|miles|people|barrels)$"
_DAY_KINDS = frozenset(
    {"date", "weekday", "deictic", "anaphoric", "relative", "holiday", "fixed"}
)


@dataclass(frozen=True, slots=True)
class TimexCandidate:
    """A time expression found in the text, before it is resolved against a date."""

    start: int
    end: int
    kind: str  # the resolver in times.py: date, weekday, duration, clock ...
    name: str  # the pattern that found it
    groups: dict[str, str] = field(hash=False, compare=False)
    value: str | None = None  # fixed value from the data (PRESENT_REF ...)
    modes: tuple[str, ...] = ()  # empty: every mode
    parts: tuple[TimexCandidate, ...] = ()  # a date and a time merged into one


@dataclass(frozen=True, slots=True)
class CompiledPattern:
    name: str
    kind: str
    regex: re.Pattern[str]
    value: str | None
    modes: tuple[str, ...]
    check: str | None
    split: bool  # a range ("6-7 January 1916"): two candidates, see _split_range


@functools.cache
def time_vocabulary() -> dict[str, dict[str, Any]]:
    """The vocabularies of the pattern file (month names, number words ...)."""
    return _load_time_data()["words"]


@functools.cache
def _load_time_data() -> dict[str, Any]:
    with TIME_PATTERNS_FILE.open(encoding="utf-8") as f:
        return json.load(f)


@functools.cache
def compiled_time_patterns() -> tuple[CompiledPattern, ...]:
    """Compile the pattern file once per process."""
    data = _load_time_data()
    macros: dict[str, str] = {}
    for name, words in data["words"].items():
        keys = sorted(words, key=len, reverse=True)
        macros[name.upper()] = "(?:" + "|".join(re.escape(k) for k in keys) + ")"
    macros.update(data["macros"])

    def expand(regex: str, depth: int = 0) -> str:
        if depth > 5:
            raise ValueError(f"macro recursion in {regex!r}")
        expanded = re.sub(
            r"\{([A-Z_]+)\}",
            lambda m: macros[m.group(1)] if m.group(1) in macros else m.group(0),
            regex,
        )
        return expanded if expanded == regex else expand(expanded, depth + 1)

    return tuple(
        CompiledPattern(
            name=p["name"],
            kind=p["kind"],
            regex=re.compile(r"(?<!\w)(?:" + expand(p["regex"]) + ")", re.IGNORECASE),
            value=p.get("value"),
            modes=tuple(p.get("modes", ())),
            check=p.get("check"),
            split=bool(p.get("split")),
        )
        for p in data["patterns"]
    )


class TimexFinder:
    """Find candidate time expressions; resolution against a date happens later.

    Candidates are dct-independent, so a parsed Doc can be resolved against
    any publication date (``times.resolve_timexes``). They are stored in
    ``doc._.timex_candidates`` (exact character offsets and pattern groups) and
    as spans in ``doc.spans["timex"]`` for other components to read.
    """

    def __init__(self, nlp: Language, name: str = "timex_finder") -> None:
        self.name = name
        self.patterns = compiled_time_patterns()
        if not Doc.has_extension("timex_candidates"):
            Doc.set_extension("timex_candidates", default=None)

    def __call__(self, doc: Doc) -> Doc:
        candidates = find_candidates(doc)
        doc._.timex_candidates = candidates
        starts = token_starts(doc)
        spans = []
        for c in candidates:
            span = covering_span(doc, starts, c.start, c.end)
            if span is not None:
                spans.append(Span(doc, span.start, span.end, label=c.kind))
        doc.spans["timex"] = spans
        return doc


@Language.factory("timex_finder")
def make_timex_finder(nlp: Language, name: str) -> TimexFinder:
    return TimexFinder(nlp, name)


def token_starts(doc: Doc) -> list[int]:
    """Character offset of each token (``doc.char_span`` rebuilds the text each call)."""
    return [t.idx for t in doc]


def text_of(doc: Doc) -> str:
    """The document's text, built once (spaCy rebuilds ``Doc.text`` on every access)."""
    text = doc.user_data.get("text")
    if text is None:
        text = doc.user_data["text"] = doc.text
    return text


def cached_token_starts(doc: Doc) -> list[int]:
    """``token_starts``, computed once per document."""
    starts = doc.user_data.get("token_starts")
    if starts is None:
        starts = doc.user_data["token_starts"] = token_starts(doc)
    return starts


@functools.lru_cache(maxsize=64)
def _word_pattern(words: frozenset[str]) -> re.Pattern[str]:
    alternatives = "|".join(sorted(map(re.escape, words), key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def words_in(doc: Doc, words: frozenset[str]) -> list[Token]:
    """The tokens that are one of ``words`` (any case), found by searching the text:
    cheaper than visiting every token of a long article."""
    starts = cached_token_starts(doc)
    found = []
    for match in _word_pattern(words).finditer(text_of(doc)):
        index = bisect.bisect_left(starts, match.start())
        if index < len(starts) and starts[index] == match.start():
            token = doc[index]
            if token.idx + len(token.text) == match.end():
                found.append(token)
    return found


def covering_span(doc: Doc, starts: list[int], start: int, end: int) -> Span | None:
    """The tokens that overlap [start, end)."""
    if not starts or end <= start:
        return None
    first = max(bisect.bisect_right(starts, start) - 1, 0)
    last = max(bisect.bisect_left(starts, end) - 1, first)
    return doc[first : last + 1]


def find_candidates(doc: Doc) -> list[TimexCandidate]:
    """All non-overlapping candidates in text order: longest match wins."""
    text = doc.text
    starts = token_starts(doc)
    found: list[tuple[int, int, int, TimexCandidate]] = []
    for priority, pattern in enumerate(compiled_time_patterns()):
        for m in pattern.regex.finditer(text):
            start, end = m.span()
            # Trailing spaces can come from optional groups; never keep them.
            while end > start and text[end - 1] in " ,":
                end -= 1
            if end <= start:
                continue
            groups = {k: v for k, v in m.groupdict().items() if v is not None}
            if not _capitalised(groups):
                continue
            if pattern.check == "year" and not _looks_like_year(
                doc, starts, m.start("year"), m.end("year")
            ):
                continue
            if pattern.check == "rate" and not _looks_like_rate(text, start):
                continue
            if pattern.check == "duration" and not _countable(groups):
                continue
            if pattern.split:
                # Both halves of a range claim the whole match, so that nothing
                # shorter inside it wins; they are split apart after selection.
                parts = _split_range(m, groups, pattern)
                found.append(
                    (
                        start,
                        end,
                        priority,
                        TimexCandidate(
                            start, end, "range", pattern.name, {}, None, (), parts
                        ),
                    )
                )
                continue
            found.append(
                (
                    start,
                    end,
                    priority,
                    TimexCandidate(
                        start,
                        end,
                        pattern.kind,
                        pattern.name,
                        groups,
                        pattern.value,
                        pattern.modes,
                    ),
                )
            )
    found.sort(key=lambda f: (-(f[1] - f[0]), f[2], f[0]))
    taken = bytearray(len(text) + 1)
    chosen: list[TimexCandidate] = []
    for start, end, _, cand in found:
        if any(taken[start:end]):
            continue
        taken[start:end] = b"\x01" * (end - start)
        chosen.append(cand)
    chosen.sort(key=lambda c: c.start)
    flat: list[TimexCandidate] = []
    for cand in chosen:
        flat.extend(cand.parts if cand.kind == "range" else (cand,))
    return _merge_date_and_time(text, flat)


def _split_range(
    m: re.Match[str], groups: dict[str, str], pattern: CompiledPattern
) -> tuple[TimexCandidate, TimexCandidate]:
    """ "6-7 January 1916" -> "6" (6 January 1916) and "7 January 1916"; "1915-17" too.

    Groups ending in 1 belong to the first half, which shares the others.
    """
    second = {
        k: v
        for k, v in groups.items()
        if not k.endswith("1") and k not in {"first", "second"}
    }
    first = dict(second)
    for key, val in groups.items():
        if key.endswith("1"):
            first[key[:-1]] = val
    if "year1" in groups and len(second.get("year", "")) == 2:
        second["year"] = groups["year1"][:2] + second["year"]
    if "year1" in groups:
        first = {"year": groups["year1"]}
    return (
        TimexCandidate(
            m.start("first"), m.end("first"), pattern.kind, pattern.name, first
        ),
        TimexCandidate(m.start("second"), m.end(), pattern.kind, pattern.name, second),
    )


def _countable(groups: dict[str, str]) -> bool:
    """ "a year" and "two years", but not "a years' time" or "a months-long"."""
    num = groups.get("num", "").lower()
    unit = groups.get("unit", "").lower()
    return not (num in {"a", "an"} and unit.endswith("s"))


def _capitalised(groups: dict[str, str]) -> bool:
    return all(groups[g][:1].isupper() for g in _CAPITALISED_GROUPS if g in groups)


def _looks_like_year(doc: Doc, starts: list[int], start: int, end: int) -> bool:
    """A four-digit number is a year unless it counts something ("1500 troops")."""
    span = covering_span(doc, starts, start, end)
    if span is None:
        return True
    token = span[-1]
    if token.i + 1 < len(doc):
        nxt = doc[token.i + 1]
        if nxt.tag_ == "NNS" and nxt.lemma_.lower() not in _YEAR_NOUNS:
            return False
        if nxt.lower_ in {
            "%",
            "percent",
            "km",
            "miles",
            "kilometres",
            "kilometers",
            "m",
            "metres",
            "meters",
            "feet",
            "tons",
            "tonnes",
            "hours",
            "hrs",
        }:
            return False
    if token.i > 0 and doc[token.i - 1].lower_ in {
        "$",
        "£",
        "€",
        "no.",
        "number",
        "resolution",
        "route",
        "highway",
        "flight",
        "article",
    }:
        return False
    return True


def _looks_like_rate(text: str, start: int) -> bool:
    """ "a day" is a set only after a count or amount ("twice a day", "$5 a day")."""
    before = text[max(0, start - 25) : start].lower().rstrip()
    if (
        text[start : start + 3].lower() in {"per", "eac"}
        or " after " in text[start : start + 12]
    ):
        return True
    return bool(re.search(_RATE_BEFORE, before))


def _merge_date_and_time(
    text: str, cands: list[TimexCandidate]
) -> list[TimexCandidate]:
    """Join "noon on July 9", "the night of 12 April" and "July 9 at 14:00" into one."""
    merged: list[TimexCandidate] = []
    i = 0
    while i < len(cands):
        cur = cands[i]
        nxt = cands[i + 1] if i + 1 < len(cands) else None
        day = cands[i + 2] if i + 2 < len(cands) else None
        if (
            nxt is not None
            and day is not None
            and cur.kind == "clock"
            and nxt.kind == "clock"
            and day.kind in _DAY_KINDS
            and _GLOSS_OPEN.match(text[cur.end : nxt.start])
            and _GLOSS_CLOSE.match(text[nxt.end : day.start].lower())
        ):
            # Both times take the day that follows; the glossing one is told
            # which time it glosses, to move to the day before or after when its
            # zone is far from the first one's ("00:01 (22:01 GMT) on Sunday").
            merged.append(
                TimexCandidate(
                    cur.start, cur.end, cur.kind, cur.name, cur.groups, None, (), (day,)
                )
            )
            merged.append(
                TimexCandidate(
                    nxt.start,
                    nxt.end,
                    nxt.kind,
                    nxt.name,
                    nxt.groups,
                    None,
                    (),
                    (day, cur),
                )
            )
            i += 2
            continue
        if nxt is not None:
            gap = text[cur.end : nxt.start].lower()
            pair = None
            if cur.kind in {"clock", "pod_of"} and nxt.kind in _DAY_KINDS:
                if _TIME_THEN_DATE.match(gap):
                    pair = (nxt, cur)
            elif cur.kind in _DAY_KINDS and nxt.kind == "clock":
                if _DATE_THEN_TIME.match(gap):
                    pair = (cur, nxt)
            if pair is not None and ("," in gap or "(" in gap):
                if cur.kind == "clock":
                    merged.append(
                        TimexCandidate(
                            cur.start,
                            cur.end,
                            cur.kind,
                            cur.name,
                            cur.groups,
                            None,
                            (),
                            (nxt,),
                        )
                    )
                    i += 1
                    continue
                pair = None
            if pair is not None:
                merged.append(
                    TimexCandidate(
                        cur.start,
                        nxt.end,
                        "combo",
                        f"{cur.name}+{nxt.name}",
                        {},
                        None,
                        (),
                        pair,
                    )
                )
                i += 2
                continue
        if cur.kind != "pod_of":
            merged.append(cur)
        i += 1
    return merged
