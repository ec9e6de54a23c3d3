"""The temporal-expression tagger on small sentences, through the real spaCy pipeline."""

import datetime as dt
import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.extraction.pipeline import build_nlp
from articles.extraction.times import resolve_timexes, tag_document, tag_jsonl
from articles.extraction.types import Anchor, Precision

MONDAY = dt.date(2017, 7, 10)
WEEKDAYS = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
]
PRECISION_OF_SHAPE = [
    (r"^\d{4}$", Precision.YEAR),
    (r"^\d{4}-\d\d$", Precision.MONTH),
    (r"^\d{4}-W\d\d$", Precision.WEEK),
    (r"^\d{4}-\d\d-\d\d(T(MO|AF|EV|NI|MI|DT))?$", Precision.DAY),
    (r"^\d{4}-\d\d-\d\dT\d\dZ?$", Precision.HOUR),
    (r"^\d{4}-\d\d-\d\dT\d\d:\d\dZ?$", Precision.MINUTE),
]


@pytest.fixture(scope="module")
def nlp():
    return build_nlp()


def tag(nlp, text, dct=MONDAY, mode="news"):
    return resolve_timexes(nlp(text), dct, mode)


def find(timexes, expression):
    matches = [t for t in timexes if t.text == expression]
    assert matches, f"{expression!r} not among {[t.text for t in timexes]}"
    return matches[0]


NEWS_CASES = [
    # weekdays: the tense of the clause decides the direction
    ("Rebels shelled the port of Hodeidah on Friday.", "Friday", "DATE", "2017-07-07"),
    ("Negotiators will meet in Astana on Friday.", "Friday", "DATE", "2017-07-14"),
    (
        "The envoy is scheduled to arrive in Juba on Friday.",
        "Friday",
        "DATE",
        "2017-07-14",
    ),
    (
        "The foreign minister said on Monday that talks had stalled.",
        "Monday",
        "DATE",
        "2017-07-10",
    ),
    (
        "Kurdish fighters said on Sunday they had taken the dam.",
        "Sunday",
        "DATE",
        "2017-07-09",
    ),
    (
        "Fighting resumed in Marawi late on Monday.",
        "late on Monday",
        "DATE",
        "2017-07-10",
    ),
    (
        "Shelling continued on Thursday night.",
        "Thursday night",
        "TIME",
        "2017-07-06TNI",
    ),
    ("Talks will resume next Tuesday.", "next Tuesday", "DATE", "2017-07-11"),
    ("The rebels withdrew last Friday.", "last Friday", "DATE", "2017-07-07"),
    # months and month days
    ("The ceasefire in Donbas collapsed last April.", "last April", "DATE", "2017-04"),
    ("The army withdrew from Kunduz in May.", "May", "DATE", "2017-05"),
    ("The army retook the airport in September.", "September", "DATE", "2016-09"),
    ("Elections will be held in September.", "September", "DATE", "2017-09"),
    ("The uprising in Daraa began in March 2011.", "March 2011", "DATE", "2011-03"),
    ("The truce in Aleppo was signed on July 7.", "July 7", "DATE", "2017-07-07"),
    ("A new round of talks opens on 20 December.", "20 December", "DATE", "2017-12-20"),
    ("Srebrenica fell on 11 July 1995.", "11 July 1995", "DATE", "1995-07-11"),
    (
        "Troops landed on Tuesday, March 4, 2003.",
        "Tuesday, March 4, 2003",
        "DATE",
        "2003-03-04",
    ),
    (
        "Troops were withdrawn by the end of January.",
        "the end of January",
        "DATE",
        "2017-01",
    ),
    ("The offensive started in early June.", "early June", "DATE", "2017-06"),
    ("The accord took effect on 2016-09-12.", "2016-09-12", "DATE", "2016-09-12"),
    # deictic words, weeks, months, years
    (
        "Monitors will return to the line of contact next week.",
        "next week",
        "DATE",
        "2017-W29",
    ),
    (
        "Drones struck the airbase yesterday evening.",
        "yesterday evening",
        "TIME",
        "2017-07-09TEV",
    ),
    ("The government announced the curfew today.", "today", "DATE", "2017-07-10"),
    ("Mortars hit the market this morning.", "this morning", "TIME", "2017-07-10TMO"),
    ("Casualties rose sharply last year.", "last year", "DATE", "2016"),
    (
        "Aid deliveries fell earlier this month.",
        "earlier this month",
        "DATE",
        "2017-07",
    ),
    ("The rebels seized the town two days ago.", "two days ago", "DATE", "2017-07-08"),
    ("The siege began twenty-five years ago.", "twenty-five years ago", "DATE", "1992"),
    ("Fighting eased over the weekend.", "the weekend", "DATE", "2017-W27-WE"),
    # clock times
    (
        "Militias attacked the convoy at noon on July 9.",
        "noon on July 9",
        "TIME",
        "2017-07-09T12:00",
    ),
    (
        "The truce will take effect at midnight local time on Saturday.",
        "midnight local time on Saturday",
        "TIME",
        "2017-07-15T00:00",
    ),
    ("The deadline expired at 12pm.", "12pm", "TIME", "2017-07-10T12:00"),
    (
        "The first strike came at 8:30 a.m. on Sunday.",
        "8:30 a.m. on Sunday",
        "TIME",
        "2017-07-09T08:30",
    ),
    ("Sirens sounded at 0800 GMT.", "0800 GMT", "TIME", "2017-07-10T08:00Z"),
    # decades, centuries, seasons, quarters, halves, holidays
    ("The Balkan wars shaped the 1990s.", "the 1990s", "DATE", "199"),
    ("Veterans of the late '80s campaign met again.", "the late '80s", "DATE", "198"),
    ("Borders were drawn in the 19th century.", "the 19th century", "DATE", "18"),
    (
        "NATO bombed Serbia in the spring of 1999.",
        "the spring of 1999",
        "DATE",
        "1999-SP",
    ),
    (
        "Refugee arrivals peaked in the third quarter of 2016.",
        "the third quarter of 2016",
        "DATE",
        "2016-Q3",
    ),
    (
        "Defence spending rose in the first half of 2015.",
        "the first half of 2015",
        "DATE",
        "2015-H1",
    ),
    ("The Christmas truce of 1914 did not last.", "Christmas", "DATE", "2016-12-25"),
    # durations
    (
        "The siege of Sarajevo lasted almost four years.",
        "almost four years",
        "DURATION",
        "P4Y",
    ),
    ("The siege of Mosul lasted three years.", "three years", "DURATION", "P3Y"),
    (
        "Over the past 24 hours, 40 people were killed.",
        "the past 24 hours",
        "DURATION",
        "PT24H",
    ),
    (
        "The talks could drag on for several months.",
        "several months",
        "DURATION",
        "PXM",
    ),
    ("The group announced a ten-day truce.", "ten-day", "DURATION", "P10D"),
    (
        "The commander, who is 52 years old, resigned.",
        "52 years old",
        "DURATION",
        "P52Y",
    ),
    # sets
    ("Aid convoys cross the border every week.", "every week", "SET", "P1W"),
    ("Observers patrol the buffer zone daily.", "daily", "SET", "P1D"),
    ("Envoys meet every Monday in Geneva.", "every Monday", "SET", "XXXX-WXX-1"),
    ("Flights land twice a day.", "a day", "SET", "P1D"),
    # vague references
    ("The city is now under government control.", "now", "DATE", "PRESENT_REF"),
    (
        "Peacekeepers are currently deployed in Abyei.",
        "currently",
        "DATE",
        "PRESENT_REF",
    ),
    ("Clashes have recently intensified near Idlib.", "recently", "DATE", "PAST_REF"),
    ("Such attacks were rare in the past.", "in the past", "DATE", "PAST_REF"),
    (
        "A settlement is unlikely in the near future.",
        "the near future",
        "DATE",
        "FUTURE_REF",
    ),
]


@pytest.mark.parametrize(("text", "expression", "type_", "value"), NEWS_CASES)
def test_news_expressions(nlp, text, expression, type_, value):
    timex = find(tag(nlp, text), expression)
    assert (timex.type, timex.value) == (type_, value)


NARRATIVE_CASES = [
    (
        "The offensive began on 12 June 1944. The next day, the town fell.",
        "The next day",
        "1944-06-13",
    ),
    ("The siege ended in 1968. In July, the last troops left.", "July", "1968-07"),
    (
        "The war started in 1914. Two years later, the front had barely moved.",
        "Two years later",
        "1916",
    ),
    (
        "The treaty was signed in May 1921. The following year, fighting resumed.",
        "The following year",
        "1922",
    ),
    (
        "Athens was sacked in 480 BC. The following year, the Persians withdrew.",
        "The following year",
        "BC0479",
    ),
    (
        "The rising began on 24 April 1916. That same day, the rebels read the proclamation.",
        "That same day",
        "1916-04-24",
    ),
    (
        "The ceasefire was agreed in August 1988. On the 20th, the guns fell silent.",
        "the 20th",
        "1988-08-20",
    ),
    (
        "Fighting flared in 1999. By the end of the year, the town was empty.",
        "the end of the year",
        "1999",
    ),
    (
        "The army crossed the river on 3 May 1945. It was now spring.",
        "now",
        "PRESENT_REF",
    ),
    (
        "The campaign of 1812 failed; the troops suffered in the winter.",
        "the winter",
        "1812-WI",
    ),
    ("Fighting stopped in the 1940s-50s; in 1953-54 talks began.", "1953", "1953"),
    ("Heavy fighting on 6-7 January 1916 stopped the advance.", "6", "1916-01-06"),
]


@pytest.mark.parametrize(("text", "expression", "value"), NARRATIVE_CASES)
def test_narrative_expressions_follow_the_focus(nlp, text, expression, value):
    timex = find(
        tag(nlp, text, dct=dt.date(2009, 12, 19), mode="narrative"), expression
    )
    assert timex.value == value


def test_news_anaphora_use_the_last_date_mentioned(nlp):
    timexes = tag(
        nlp, "Rebels seized the airport on Friday. The next day they shelled the port."
    )
    assert find(timexes, "The next day").value == "2017-07-08"
    assert find(timexes, "The next day").anchor == Anchor.FOCUS


def test_noon_on_a_date_is_one_time_at_minute_precision(nlp):
    timexes = tag(nlp, "Militias attacked the convoy at noon on July 9.")
    assert len(timexes) == 1
    interval = timexes[0].interval
    assert interval.precision == Precision.MINUTE
    assert interval.start == dt.datetime(2017, 7, 9, 12, 0)


def test_part_of_day_keeps_the_day_as_interval(nlp):
    timex = find(
        tag(nlp, "Drones struck the airbase yesterday evening."), "yesterday evening"
    )
    assert timex.interval.precision == Precision.DAY
    assert timex.interval.start == dt.datetime(2017, 7, 9)
    late = find(
        tag(nlp, "Fighting resumed in Marawi late on Monday."), "late on Monday"
    )
    assert late.interval.precision == Precision.DAY
    assert late.interval.start.date() == MONDAY


@pytest.mark.parametrize(
    ("text", "expression", "anchor", "precision"),
    [
        (
            "The uprising began in March 2011.",
            "March 2011",
            Anchor.ABSOLUTE,
            Precision.MONTH,
        ),
        (
            "The ceasefire collapsed last April.",
            "last April",
            Anchor.DOCUMENT,
            Precision.MONTH,
        ),
        (
            "Monitors will return next week.",
            "next week",
            Anchor.DOCUMENT,
            Precision.WEEK,
        ),
        (
            "Rebels shelled the port on Friday.",
            "Friday",
            Anchor.DOCUMENT,
            Precision.DAY,
        ),
        (
            "NATO bombed Serbia in the spring of 1999.",
            "the spring of 1999",
            Anchor.ABSOLUTE,
            Precision.YEAR,
        ),
        ("The siege of Mosul lasted three years.", "three years", Anchor.NONE, None),
        ("Aid convoys cross the border every week.", "every week", Anchor.NONE, None),
        ("The city is now calm.", "now", Anchor.NONE, None),
    ],
)
def test_anchor_and_precision(nlp, text, expression, anchor, precision):
    timex = find(tag(nlp, text), expression)
    assert timex.anchor == anchor
    if precision is None:
        assert timex.interval is None
    else:
        assert timex.interval.precision == precision


def test_output_is_sorted_non_overlapping_and_offsets_point_into_the_text(nlp):
    text = (
        "On Friday, 3 March 2017, the rebels said that for three weeks they had held the "
        "pass, and that talks would resume next month or in the spring of 2018."
    )
    timexes = tag(nlp, text)
    assert [t.start for t in timexes] == sorted(t.start for t in timexes)
    for before, after in zip(timexes, timexes[1:], strict=False):
        assert before.end <= after.start
    for t in timexes:
        assert text[t.start : t.end] == t.text


def test_words_that_only_look_like_dates_are_left_alone(nlp):
    text = (
        "They may march on the capital with 1500 troops; the fall of the city is near."
    )
    assert tag(nlp, text) == []


def test_without_a_document_date_deictic_expressions_stay_unresolved(nlp):
    timexes = tag(
        nlp, "Rebels shelled the port on Friday and left on July 7.", dct=None
    )
    assert find(timexes, "Friday").value == "XXXX-WXX-5"
    assert find(timexes, "July 7").value == "XXXX-07-07"
    assert all(t.interval is None for t in timexes)


def test_tag_document_returns_plain_dicts(nlp):
    text = "Talks collapsed on 4 May 2019."
    rows = tag_document(text, MONDAY, nlp=nlp)
    start = text.index("4 May")
    assert rows == [
        {
            "start": start,
            "end": start + 10,
            "text": "4 May 2019",
            "type": "DATE",
            "value": "2019-05-04",
        }
    ]


def test_tag_jsonl_skips_bad_lines_and_reports_them(nlp):
    lines = [
        json.dumps(
            {"doc_id": "a", "dct": "2017-07-10", "text": "Rebels attacked on Friday."}
        ),
        "{not json",
        json.dumps({"doc_id": "b", "dct": "not a date", "text": "Later."}),
        json.dumps({"doc_id": "c", "dct": None, "text": "The war ended in 1995."}),
    ]
    problems = []
    out = [
        json.loads(line)
        for line in tag_jsonl(lines, "news", nlp=nlp, errors=problems.append)
    ]
    assert [o["doc_id"] for o in out] == ["a", "c"]
    assert out[0]["timexes"][0]["value"] == "2017-07-07"
    assert out[1]["timexes"][0]["value"] == "1995"
    assert len(problems) == 2


def test_documents_longer_than_max_length_are_accepted(nlp):
    text = "Fighting resumed on 4 May 2019 after a short lull. " * 100
    saved = nlp.max_length
    nlp.max_length = 1000
    try:
        rows = tag_document(text, MONDAY, nlp=nlp)
        lines = [json.dumps({"doc_id": "long", "dct": "2017-07-10", "text": text})]
        out = json.loads(next(tag_jsonl(lines, "narrative", nlp=nlp)))
    finally:
        nlp.max_length = saved
    assert len(rows) == 100 == len(out["timexes"])


# --- properties of the resolver ------------------------------------------------

dcts = st.one_of(
    st.none(), st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))
)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    text=st.text(max_size=120), dct=dcts, mode=st.sampled_from(["news", "narrative"])
)
def test_any_text_never_crashes_the_resolver(nlp, text, dct, mode):
    doc = nlp(text)
    for timex in resolve_timexes(doc, dct, mode):
        assert text[timex.start : timex.end] == timex.text


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    dct=st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2050, 12, 31)),
    weekday=st.sampled_from(WEEKDAYS),
    speaker=st.sampled_from(
        ["The minister", "A rebel spokesman", "Officials", "The UN envoy"]
    ),
)
def test_past_tense_weekday_never_lands_after_the_document_date(
    nlp, dct, weekday, speaker
):
    timex = find(
        tag(nlp, f"{speaker} said on {weekday} that the talks had failed.", dct),
        weekday,
    )
    day = dt.date.fromisoformat(timex.value)
    assert day <= dct
    assert (dct - day).days <= 6
    assert WEEKDAYS[day.weekday()] == weekday


EXPRESSIONS = st.sampled_from(
    [
        "on Friday",
        "last April",
        "in May",
        "in March 2011",
        "on July 7",
        "next week",
        "the next day",
        "yesterday evening",
        "at noon on July 9",
        "late on Monday",
        "in the spring of 1999",
        "in the third quarter",
        "in the 1990s",
        "last year",
        "this morning",
        "two weeks ago",
        "at 14:30 GMT",
        "on 11 July 1995",
        "in early June",
        "the following month",
        "by the end of the year",
        "this weekend",
        "at midnight",
    ]
)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    parts=st.lists(EXPRESSIONS, min_size=1, max_size=4),
    dct=dcts,
    mode=st.sampled_from(["news", "narrative"]),
)
def test_calendar_values_always_carry_an_interval(nlp, parts, dct, mode):
    text = " ".join(
        f"Fighting {verb} {p}."
        for verb, p in zip(["resumed", "will stop"] * 2, parts, strict=False)
    )
    for timex in resolve_timexes(nlp(text), dct, mode):
        concrete = re.match(r"^\d{4}", timex.value) and "X" not in timex.value
        if timex.type not in {"DATE", "TIME"} or not concrete:
            continue
        assert timex.interval is not None, timex
        assert timex.interval.start <= timex.interval.end
        for shape, precision in PRECISION_OF_SHAPE:
            if re.match(shape, timex.value):
                assert timex.interval.precision == precision, timex


# --- news classes: future governors, clock times with their day, bare weekdays ---

WEDNESDAY = dt.date(2022, 3, 16)  # a Wednesday
SUNDAY = dt.date(2022, 3, 20)

FUTURE_GOVERNOR_CASES = [
    # planned / scheduled / expected / due / set, passive or as a participle
    (
        "A second round of talks in Istanbul is planned for the end of January.",
        "the end of January",
        dt.date(2021, 12, 9),
        "2022-01",
    ),
    (
        "A new round of negotiations in Belarus is scheduled for Friday.",
        "Friday",
        WEDNESDAY,
        "2022-03-18",
    ),
    (
        "Parliamentary elections in Tigray are expected in February.",
        "February",
        dt.date(2021, 11, 4),
        "2022-02",
    ),
    (
        "The UN vote on the Mariupol corridor is due on Monday.",
        "Monday",
        WEDNESDAY,
        "2022-03-21",
    ),
    (
        "The donor conference on Sudan is set for April.",
        "April",
        dt.date(2021, 11, 4),
        "2022-04",
    ),
    (
        "Talks planned for Thursday in Antalya will go ahead.",
        "Thursday",
        WEDNESDAY,
        "2022-03-17",
    ),
    (
        "The envoy is due to arrive in Mekelle on Tuesday.",
        "Tuesday",
        WEDNESDAY,
        "2022-03-22",
    ),
    # reported future: "said ... would"
    (
        "The ministry said the corridor would open at 9:00 on Monday.",
        "9:00 on Monday",
        SUNDAY,
        "2022-03-21T09:00",
    ),
    (
        "The army said the truce would start on Thursday.",
        "Thursday",
        SUNDAY,
        "2022-03-24",
    ),
    (
        "Officials told reporters the convoy would leave Zaporizhzhia on Tuesday.",
        "Tuesday",
        WEDNESDAY,
        "2022-03-22",
    ),
    # but a past planning stays in the past, and "would have" is the past
    (
        "The summit was planned for Monday but collapsed.",
        "Monday",
        WEDNESDAY,
        "2022-03-14",
    ),
    (
        "Without the strike, the talks would have opened on Monday.",
        "Monday",
        WEDNESDAY,
        "2022-03-14",
    ),
]


@pytest.mark.parametrize(("text", "expression", "dct", "value"), FUTURE_GOVERNOR_CASES)
def test_future_governors_look_ahead(nlp, text, expression, dct, value):
    assert find(tag(nlp, text, dct=dct), expression).value == value


CLOCK_WITH_DAY_CASES = [
    # a glossing time zone in brackets between the time and its day
    (
        "The truce would take effect at 6:00 am local time (03H00 GMT) on Monday.",
        SUNDAY,
        {
            "6:00 am local time": "2022-03-21T06:00",
            "03H00 GMT": "2022-03-21T03:00Z",
            "Monday": "2022-03-21",
        },
    ),
    (
        "The corridor opens 00:30 (21:30 GMT) on Thursday, the mayor said.",
        WEDNESDAY,
        {"00:30": "2022-03-17T00:30", "21:30 GMT": "2022-03-16T21:30Z"},
    ),
    (
        "The pause runs from 10am Kyiv time on Friday (8am GMT on Friday).",
        WEDNESDAY,
        {
            "10am Kyiv time on Friday": "2022-03-18T10:00",
            "8am GMT on Friday": "2022-03-18T08:00Z",
        },
    ),
    (
        "Guns fell silent at the stroke of midnight on Sunday.",
        SUNDAY,
        {"midnight on Sunday": "2022-03-20T00:00"},
    ),
    (
        "The ceasefire was to take hold at midnight local time on Saturday.",
        SUNDAY,
        {"midnight local time on Saturday": "2022-03-19T00:00"},
    ),
    (
        "Evacuations resume at 8:00 (local time) on Friday.",
        WEDNESDAY,
        {"8:00": "2022-03-18T08:00", "Friday": "2022-03-18"},
    ),
]


@pytest.mark.parametrize(("text", "dct", "expected"), CLOCK_WITH_DAY_CASES)
def test_clock_time_takes_the_day_that_follows(nlp, text, dct, expected):
    timexes = tag(nlp, text, dct=dct)
    for expression, value in expected.items():
        assert find(timexes, expression).value == value, expression


def test_a_history_splits_a_time_from_its_date(nlp):
    timexes = tag(
        nlp,
        "The guns stopped at 11 a.m. on 11 November 1918.",
        dct=dt.date(2009, 12, 19),
        mode="narrative",
    )
    assert find(timexes, "11 a.m.").value == "1918-11-11T11:00"
    assert find(timexes, "11 November 1918").value == "1918-11-11"


BARE_WEEKDAY_CASES = [
    # a present-tense frame over a past event: back
    (
        "The announcement follows the rebels seizing the dam near Kakhovka on Thursday.",
        "Thursday",
        dt.date(2022, 3, 15),
        "2022-03-10",
    ),
    (
        "The agreement, signed in Istanbul on Friday, covers grain exports.",
        "Friday",
        dt.date(2022, 3, 15),
        "2022-03-11",
    ),
    (
        "The shelling of the hospital on Saturday draws wide condemnation.",
        "Saturday",
        dt.date(2022, 3, 15),
        "2022-03-12",
    ),
    (
        "Observers say the attack on Sunday killed eleven.",
        "Sunday",
        dt.date(2022, 3, 15),
        "2022-03-13",
    ),
    # a future marker keeps it ahead
    (
        "The humanitarian pause, effective Monday, covers Mariupol.",
        "Monday",
        SUNDAY,
        "2022-03-21",
    ),
    (
        "A curfew is in force starting on Thursday.",
        "Thursday",
        dt.date(2022, 3, 15),
        "2022-03-17",
    ),
    (
        "The exchange is to take place on Thursday.",
        "Thursday",
        dt.date(2022, 3, 15),
        "2022-03-17",
    ),
    (
        "Negotiators will reconvene on Thursday.",
        "Thursday",
        dt.date(2022, 3, 15),
        "2022-03-17",
    ),
    (
        "The delegation had asked for time until Thursday morning.",
        "Thursday morning",
        WEDNESDAY,
        "2022-03-17TMO",
    ),
]


@pytest.mark.parametrize(("text", "expression", "dct", "value"), BARE_WEEKDAY_CASES)
def test_bare_weekdays_in_news_look_back_unless_marked(
    nlp, text, expression, dct, value
):
    assert find(tag(nlp, text, dct=dct), expression).value == value


WEEKEND_CASES = [
    # (text, dct, value, first day, last day of the interval)
    (
        "Fighting around Kharkiv eased over the weekend.",
        dt.date(2022, 3, 15),
        "2022-W10-WE",
        "2022-03-12",
        "2022-03-13",
    ),
    (
        "A truce took hold in Idlib during the weekend.",
        dt.date(2020, 3, 9),
        "2020-W10-WE",
        "2020-03-07",
        "2020-03-08",
    ),
    (
        "Heavy rain is forecast for the weekend.",
        dt.date(2022, 3, 17),
        "2022-W11-WE",
        "2022-03-19",
        "2022-03-20",
    ),
    (
        "Talks will continue over the weekend.",
        dt.date(2022, 3, 15),
        "2022-W11-WE",
        "2022-03-19",
        "2022-03-20",
    ),
]


@pytest.mark.parametrize(("text", "dct", "value", "first", "last"), WEEKEND_CASES)
def test_the_weekend_is_the_saturday_and_sunday_meant(
    nlp, text, dct, value, first, last
):
    timex = find(tag(nlp, text, dct=dct), "the weekend")
    assert timex.value == value
    assert timex.interval.start == dt.datetime.fromisoformat(first)
    assert timex.interval.end.date() == dt.date.fromisoformat(last)
    assert timex.interval.precision in {Precision.DAY, Precision.WEEK}


MODIFIED_PERIOD_CASES = [
    # (text, expression, dct, value, first day, last day)
    (
        "Both sides pledged to free all detainees by the end of the year.",
        "the end of the year",
        dt.date(2021, 6, 2),
        "2021",
        "2021-11-01",
        "2021-12-31",
    ),
    (
        "Kabul fell in the middle of August.",
        "the middle of August",
        dt.date(2021, 9, 1),
        "2021-08",
        "2021-08-11",
        "2021-08-21",
    ),
    (
        "The offensive on Tigray began in early November.",
        "early November",
        dt.date(2020, 12, 1),
        "2020-11",
        "2020-11-01",
        "2020-11-10",
    ),
    (
        "Fighting in Darfur escalated in late 2003.",
        "late 2003",
        dt.date(2004, 5, 1),
        "2003",
        "2003-09-01",
        "2003-12-31",
    ),
    (
        "Mediators hope to meet in Addis Ababa later this month.",
        "later this month",
        dt.date(2021, 6, 9),
        "2021-06",
        "2021-06-10",
        "2021-06-30",
    ),
    (
        "The militia withdrew from Goma earlier this month.",
        "earlier this month",
        dt.date(2021, 6, 9),
        "2021-06",
        "2021-06-01",
        "2021-06-08",
    ),
]


@pytest.mark.parametrize(
    ("text", "expression", "dct", "value", "first", "last"), MODIFIED_PERIOD_CASES
)
def test_modifiers_keep_the_value_and_narrow_the_interval(
    nlp, text, expression, dct, value, first, last
):
    timex = find(tag(nlp, text, dct=dct), expression)
    assert timex.value == value
    assert timex.interval.start == dt.datetime.fromisoformat(first)
    assert timex.interval.end.date() == dt.date.fromisoformat(last)


@pytest.mark.parametrize(
    ("text", "expression"),
    [
        ("The army said the truce would start on Thursday.", "Thursday"),
        ("Talks will start in March.", "March"),
    ],
)
def test_a_verb_before_on_or_in_is_not_a_modifier(nlp, text, expression):
    timexes = tag(nlp, text, dct=SUNDAY)
    assert [t.text for t in timexes] == [expression]


def test_a_coming_midnight_starts_the_next_day(nlp):
    dct = dt.date(2020, 3, 5)
    [coming] = resolve_timexes(
        nlp("The ceasefire will take effect at midnight, the ministry said."),
        dct,
        "news",
    )
    assert coming.value == "2020-03-06T00:00"
    [past] = resolve_timexes(
        nlp("The ceasefire took effect at midnight, the ministry said."), dct, "news"
    )
    assert past.value == "2020-03-05T00:00"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Profits rose 4% in the quarter, the bank said.", "1989-Q3"),
        ("The bank expects profits to rise in the quarter.", "1989-Q4"),
        ("Sales fell in the first half, the retailer said.", "1989-H1"),
        ("Sales slipped last fall.", "1988-FA"),
        ("Sales slipped last spring.", "1989-SP"),
    ],
)
def test_parts_of_the_year_in_view_of_a_report(nlp, text, value):
    [timex] = resolve_timexes(nlp(text), dt.date(1989, 10, 26), "news")
    assert timex.value == value


def test_an_infinitive_on_a_noun_looks_ahead(nlp):
    [midnight, thursday] = resolve_timexes(
        nlp(
            "The two sides reached a truce in the province to take effect at midnight, "
            "the minister said on Thursday."
        ),
        dt.date(2020, 3, 5),
        "news",
    )
    assert midnight.value == "2020-03-06T00:00"
    assert thursday.value == "2020-03-05"
