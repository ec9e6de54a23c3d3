"""Event coreference within an article, on sentences of our own about other conflicts,
through the real spaCy pipeline."""

from __future__ import annotations

import datetime as dt

from articles.extraction.extract import extract_doc
from articles.extraction.pipeline import build_nlp
from articles.extraction.types import Anchor


def events_of(text: str, published_at: dt.date):
    return extract_doc(build_nlp()(text), published_at).events


def test_a_definite_reference_takes_the_date_of_the_event_it_refers_to():
    events = events_of(
        "Israel and Hamas agreed on Wednesday to a ceasefire brokered by Egypt. "
        "Egyptian Foreign Minister Mohamed Kamel Amr announced the deal in Cairo.",
        dt.date(2012, 11, 22),
    )
    agreements = [e for e in events if e.kind == "agreement"]
    assert len(agreements) == 2
    told, referring = sorted(agreements, key=lambda e: e.sentence_index)
    assert told.timex.anchor == Anchor.DOCUMENT
    assert referring.timex.anchor == Anchor.REFERENCE
    assert referring.timex.interval == told.timex.interval
    assert referring.confidence < told.confidence


def test_the_same_speakers_undated_remarks_join_the_dated_statement():
    events = events_of(
        "Somali President Hassan Sheikh Mohamud said on Sunday that the offensive "
        "against al-Shabaab would go on. Mohamud added that the army had retaken "
        "three towns. A United Nations envoy said aid must reach the region.",
        dt.date(2022, 9, 19),
    )
    statements = [e for e in events if e.kind == "statement"]
    by_sentence = {e.sentence_index: e for e in statements}
    assert by_sentence[1].timex.anchor == Anchor.REFERENCE
    assert by_sentence[1].timex.value == by_sentence[0].timex.value == "2022-09-18"
    # Another speaker's undated remark is neither joined to it nor an event of its own.
    assert 2 not in by_sentence


def test_a_past_tense_reference_never_takes_a_later_date():
    events = events_of(
        "Colombian President Juan Manuel Santos announced on Wednesday that the "
        "government and FARC rebels had reached a final peace agreement. "
        "The accord will be put to a referendum on October 2.",
        dt.date(2016, 8, 25),
    )
    assert not any(
        e.kind == "agreement" and e.timex and e.timex.value == "2016-10-02"
        for e in events
    ), [(e.kind, e.timex and e.timex.value, e.title) for e in events]


def test_undated_mentions_that_refer_to_nothing_are_not_events():
    events = events_of(
        "No agreement would last without guarantees, the envoy warned. "
        "Any ceasefire must include the border towns.",
        dt.date(2019, 5, 2),
    )
    assert all(e.timex is not None for e in events)


def test_an_undated_act_narrated_in_the_past_waits_for_another_outlets_date():
    events = events_of(
        "M23 rebels attacked the army base outside Goma, residents said.",
        dt.date(2012, 11, 20),
    )
    [attack] = [e for e in events if e.kind == "attack"]
    assert attack.timex.anchor == Anchor.WINDOW
    assert attack.timex.interval.start == dt.datetime(2012, 11, 13)
    assert attack.timex.interval.end == dt.datetime(2012, 11, 20, 23, 59, 59)


def test_an_undated_act_by_no_one_named_is_no_event():
    events = events_of(
        "Gunmen attacked the army base outside Goma, residents said.",
        dt.date(2012, 11, 20),
    )
    assert not [e for e in events if e.kind == "attack"]


# Events told against another: "two days after the deal was signed" -----------------


def dated(events, kind: str) -> dict[str, str]:
    return {e.title: e.timex.value for e in events if e.kind == kind and e.timex}


def test_an_event_told_days_after_a_dated_one_takes_its_day_plus_the_gap():
    events = events_of(
        "Government troops shelled the village of Tarn two days after the peace "
        "accord was signed in Lome on 5 March.",
        dt.date(2019, 3, 11),
    )
    attack = next(e for e in events if e.kind == "attack")
    assert (attack.timex.value, attack.timex.text) == ("2019-03-07", "two days after")
    assert attack.timex.anchor == Anchor.FOCUS
    assert attack.timex.interval.precision == "day"


def test_a_gap_before_goes_back_and_dates_the_told_event_too():
    events = events_of(
        "Militiamen stormed the town of Bor a day before the talks opened in Addis "
        "Ababa on Tuesday. Rebels shelled Goma on Thursday, three days after the two "
        "sides signed a truce.",
        dt.date(2019, 3, 11),
    )
    assert list(dated(events, "attack").values()) == ["2019-03-04", "2019-03-07"]
    # The event in the "after" clause is dated back from the one told against it.
    assert list(dated(events, "agreement").values()) == ["2019-03-04"]


def test_minutes_and_hours_keep_the_clock_when_the_other_event_has_one():
    events = events_of(
        "The ceasefire began at 6pm on Sunday. Gunmen attacked a police post in Jos "
        "two hours after the ceasefire began.",
        dt.date(2019, 3, 11),
    )
    attack = next(e for e in events if e.kind == "attack")
    assert attack.timex.value == "2019-03-10T20:00"


def test_a_gap_within_the_day_keeps_the_day_and_an_unsaid_gap_dates_nothing():
    events = events_of(
        "The truce between the army and the rebels took effect at midnight on Friday. "
        "Rebel fighters began shelling army positions in Kidal just minutes after the "
        "truce came into effect. After the talks in Geneva, the rebels attacked the "
        "airport.",
        dt.date(2019, 3, 11),
    )
    attacks = [e for e in events if e.kind == "attack"]
    by_sentence = {e.sentence_index: e for e in attacks}
    assert by_sentence[1].timex.value == "2019-03-08"
    assert by_sentence[1].timex.interval.precision == "day"
    assert 2 not in by_sentence or by_sentence[2].timex.anchor != Anchor.FOCUS


def test_a_participle_with_its_doer_tells_a_done_act_another_outlet_may_date():
    events = events_of(
        "On Monday evening, the rebel commander asked for more time to study the "
        "accord already signed by Sudanese army chief Abdel Fattah al-Burhan.",
        dt.date(2023, 5, 23),
    )
    signed = next(e for e in events if e.kind == "agreement")
    assert signed.timex.anchor == Anchor.WINDOW
    assert "Abdel Fattah al-Burhan" in {m.canonical for m in signed.actors}


def test_the_event_of_a_partitive_noun_is_dated_against_another():
    events = events_of(
        "The truce between the army and the rebels began on Wednesday morning, a day "
        "after the army carried out its most intense wave of airstrikes on Kidal.",
        dt.date(2021, 3, 18),
    )
    attack = next(e for e in events if e.kind == "attack")
    assert attack.timex.value == "2021-03-16"
    assert (
        attack.title == "Army carries out its most intense wave of airstrikes on Kidal"
    )


def test_a_gap_never_gives_one_sentence_two_readings_of_a_family_on_one_day():
    # Two remarks the same day in one sentence: merging could join either to another
    # outlet's, so the outcome would hang on the order articles arrive in.
    events = events_of(
        "Shortly after the Saturday announcement, Kenyan President William Ruto "
        "welcomed the agreement.",
        dt.date(2023, 5, 22),
    )
    days = [(e.sentence_index, e.kind, e.timex.value[:10]) for e in events if e.timex]
    assert len(days) == len(set(days)), days
