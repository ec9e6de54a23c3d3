"""Event candidates from sentences of our own, through the real spaCy pipeline."""

from __future__ import annotations

import datetime as dt

import pytest

from articles.extraction.extract import extract_doc
from articles.extraction.pipeline import build_nlp

MONDAY = dt.date(2021, 3, 15)


def events_of(text: str, published_at: dt.date = MONDAY):
    return extract_doc(build_nlp()(text), published_at).events


def only(text: str, kind: str, published_at: dt.date = MONDAY):
    matches = [e for e in events_of(text, published_at) if e.kind == kind]
    assert len(matches) == 1, [
        (e.kind, e.trigger, e.timex) for e in events_of(text, published_at)
    ]
    return matches[0]


def no_date_of_its_own(candidate) -> bool:
    """Undated, or waiting for another outlet's date (the week before publication)."""
    return candidate.timex is None or candidate.timex.anchor == "window"


def day(candidate) -> str:
    assert candidate.timex is not None and candidate.timex.interval is not None
    return candidate.timex.interval.start.date().isoformat()


def test_meeting_on_a_weekday_in_a_past_report():
    event = only(
        "Rebel commanders and government envoys met in Vienna on Friday.", "meeting"
    )
    assert day(event) == "2021-03-12"
    assert [p.canonical for p in event.places] == ["Vienna"]


def test_ceasefire_taking_effect_at_a_clock_time():
    event = only(
        "The truce took effect at 6am on Saturday across the province.",
        "ceasefire_start",
    )
    assert event.timex.interval.start == dt.datetime(2021, 3, 13, 6, 0)
    assert str(event.timex.interval.precision) == "minute"


def test_ceasefire_ending():
    event = only(
        "The ceasefire collapsed on Sunday as artillery hit the port.", "ceasefire_end"
    )
    assert day(event) == "2021-03-14"


def test_round_of_talks_carries_its_ordinal_and_looks_forward():
    event = only(
        "The delegations will meet on Thursday for a fourth round of negotiations.",
        "negotiation",
    )
    assert event.ordinal == 4
    assert day(event) == "2021-03-18"


def test_date_comes_from_the_trigger_clause_not_the_nearest_expression():
    events = events_of(
        "The minister, who arrived on Tuesday, said the accord was signed in January."
    )
    agreement = next(e for e in events if e.kind == "agreement")
    assert agreement.timex.value == "2021-01"
    assert str(agreement.timex.interval.precision) == "month"


def test_start_of_a_war_at_year_precision():
    event = only("The war began in 2014 and has displaced millions.", "other")
    assert event.timex.value == "2014"


def test_agreement_announced_by_states():
    event = only(
        "Egypt and Qatar announced a truce for Gaza on Wednesday.", "agreement"
    )
    assert day(event) == "2021-03-10"
    assert {a.canonical for a in event.actors} >= {"Egypt", "Qatar"}


@pytest.mark.parametrize(
    "text",
    [
        "The weather was mild.",
        "Analysts expect more diplomacy.",
    ],
)
def test_sentences_without_events_give_none(text):
    assert events_of(text) == []


def test_present_perfect_report_is_dated_by_its_tense():
    event = only("Ethiopia and Eritrea have signed a border accord.", "agreement")
    assert day(event) == MONDAY.isoformat()
    assert event.timex.anchor == "tense"
    assert event.timex.text == "have signed"


def test_running_toll_in_the_present_perfect_is_not_dated():
    events = events_of(
        "More than 2,000 people have been killed since the fighting erupted."
    )
    assert all(e.timex is None or e.timex.text != "have been killed" for e in events)


def test_deadline_is_not_the_date_of_the_event():
    events = events_of(
        "The commander asked for time until Wednesday morning to review the plan."
    )
    assert all(e.timex is None for e in events)


def test_statement_named_with_its_date():
    events = events_of(
        "The decision follows the statement of the foreign ministers of Chile and Peru of 3 March."
    )
    statement = next(e for e in events if e.kind == "statement")
    assert statement.timex.value == "2021-03-03"


def test_subject_of_an_event_verb_is_not_a_second_event():
    events = events_of("The truce deal will begin on Thursday at dawn.")
    assert [e.kind for e in events] == ["ceasefire_start"]


def test_speaking_with_counterparts_is_a_meeting():
    event = only(
        "The minister spoke with his Kenyan counterpart by phone on Sunday.", "meeting"
    )
    assert day(event) == "2021-03-14"


def test_a_line_break_ends_a_sentence():
    doc = build_nlp()(
        "Kenya: talks resume\nThe mediators announce in a statement that talks resume."
    )
    assert [s.text.strip() for s in doc.sents] == [
        "Kenya: talks resume",
        "The mediators announce in a statement that talks resume.",
    ]


def test_truce_announced_with_its_start_in_a_trailing_participle():
    event = only(
        "The rebel army announced on Thursday a truce in its drive to seize the port, "
        "starting 06:00 on Saturday.",
        "ceasefire_start",
        published_at=dt.date(2021, 3, 12),
    )
    assert event.timex.interval.start == dt.datetime(2021, 3, 13, 6, 0)


def test_undated_past_act_takes_the_day_in_focus_from_the_same_actors():
    text = (
        "Sudanese army and RSF envoys met in Jeddah on Thursday. "
        "The talks ran late into the night. "
        "The RSF signed a pledge to protect civilians."
    )
    event = only(text, "agreement")
    assert day(event) == "2021-03-11"
    assert str(event.timex.anchor) == "focus"


def test_focus_never_comes_from_other_actors_statements_or_plans():
    other_actors = (
        "Ethiopian and Eritrean officials met in Asmara on Thursday. "
        "The RSF signed a pledge to protect civilians."
    )
    assert no_date_of_its_own(only(other_actors, "agreement"))
    after_a_remark = (
        "The RSF said on Thursday it wanted peace. "
        "The RSF signed a pledge to protect civilians."
    )
    assert no_date_of_its_own(only(after_a_remark, "agreement"))
    after_a_plan = (
        "RSF envoys will meet army officers in Jeddah on Friday. "
        "The RSF signed a pledge to protect civilians."
    )
    assert no_date_of_its_own(only(after_a_plan, "agreement"))


def test_day_hung_on_the_object_dates_the_act():
    event = only(
        "The army and the militia agreed a truce for the valley on Thursday, "
        "mediators said on Friday.",
        "agreement",
    )
    assert day(event) == "2021-03-11"


@pytest.mark.parametrize(
    "text",
    [
        "The cease-fire will be effective on Friday, 24 hours after the signing.",
        "The truce between the army and the rebels was in force on Friday.",
    ],
)
def test_a_ceasefire_that_is_effective_takes_effect(text):
    event = only(text, "ceasefire_start")
    assert day(event) == "2021-03-19" or day(event) == "2021-03-12"


def test_a_ceasefire_that_ends_a_war_is_not_its_own_end():
    events = events_of(
        "Egypt brokered the ceasefire that ended an 11-day war in May of last year."
    )
    assert not any(e.kind == "ceasefire_end" for e in events)


def test_a_future_told_in_the_past_takes_the_nearest_weekday():
    event = only(
        "The ministry announced on Sunday that the truce would take effect on Sunday "
        "evening.",
        "ceasefire_start",
    )
    assert day(event) == "2021-03-14"


@pytest.mark.parametrize(
    "text",
    [
        "Government forces and the rebels carried out a prisoner swap near Bunia on "
        "Saturday.",
        "The two sides conducted an exchange of detainees at the Rafah crossing on "
        "Saturday.",
    ],
)
def test_a_light_verb_tells_that_its_event_noun_happens_on_its_date(text):
    # "carried out a swap on Saturday": the date is the swap's, not borrowed.
    event = only(text, "other")
    assert day(event) == "2021-03-13"


def test_a_day_the_parser_hangs_on_a_nearby_noun_dates_the_clause_event():
    # The parse puts "on Sunday" under "exchange" (in "in exchange for"), no event.
    event = only(
        "Kurdish forces and the Syrian army carried out a landmark prisoner swap of "
        "Kurdish fighters in exchange for army-held detainees on Sunday near the "
        "border town of Qamishli.",
        "other",
    )
    assert event.trigger == "swap"
    assert day(event) == "2021-03-14"
    assert "exchange" not in event.title.split()


def test_participles_describing_a_noun_and_in_exchange_for_are_no_events():
    events = events_of(
        "The Taliban and the government carried out a major swap of captured soldiers "
        "in exchange for Kabul-held insurgents on Sunday near the city of Ghazni."
    )
    assert [(e.kind, e.trigger) for e in events] == [("other", "swap")]


@pytest.mark.parametrize(
    "text, names",
    [
        (
            "Colombian President Juan Manuel Santos said he and rebel commander "
            "Rodrigo Londono signed the accord in Havana on Monday.",
            {"Juan Manuel Santos", "Rodrigo Londono"},
        ),
        (
            "Ethiopian Prime Minister Abiy Ahmed said on Tuesday that he signed a "
            "peace deal with Eritrea in Asmara on Monday.",
            {"Abiy Ahmed", "Eritrea"},
        ),
    ],
)
def test_he_in_a_reported_clause_is_the_person_who_reports_it(text, names):
    event = only(text, "agreement")
    assert names <= {m.canonical for m in event.actors}


def test_a_verb_with_its_own_doer_is_no_start_of_a_ceasefire_named_above_it():
    # "began" has "Taliban fighters" for subject: they begin shelling, not the truce.
    events = events_of(
        "A fragile truce in Ghazni was called into doubt after Taliban fighters began "
        "shelling army positions on Friday."
    )
    assert [e.kind for e in events] == ["attack"]
    # The doer of "shelling" is the subject of "began".
    assert {m.canonical for m in events[0].actors} == {"Taliban"}


def test_a_ceasefire_due_to_start_at_a_time_starts_then():
    event = only(
        "It was unclear whether the truce, due to enter into force at noon local "
        "time on Sunday, would hold, residents of Idlib said.",
        "ceasefire_start",
        published_at=dt.date(2021, 3, 13),
    )
    assert event.timex.value == "2021-03-14T12:00"


def test_a_date_on_one_conjoined_noun_is_not_the_others():
    # "a March 20 truce and the withdrawal": March 20 is the truce's, not the
    # withdrawal's.
    events = events_of(
        "Rebels and the army agreed on Thursday to a March 20 ceasefire and the "
        "withdrawal of heavy weapons from the front lines."
    )
    assert not [e for e in events if e.timex and e.timex.value == "2021-03-20"], [
        (e.kind, e.title, e.timex and e.timex.value) for e in events
    ]


def test_since_a_date_on_a_verb_is_when_the_act_began_and_on_a_noun_a_comparison():
    shelling = only("The army has shelled the town of Bor since April.", "attack")
    assert shelling.timex.value == "2020-04"  # the April before a report of March
    assert shelling.timex.anchor != "tense"
    events = events_of(
        "It was the worst fighting since 2014, residents said on Monday."
    )
    assert not [e for e in events if e.timex and e.timex.value == "2014"]
