"""Event titles as headlines, on sentences of our own about other conflicts, through the
real spaCy pipeline: who did what, in the present tense, short, never a date."""

from __future__ import annotations

import datetime as dt

import pytest

from articles.extraction.extract import extract_doc
from articles.extraction.headlines import MAX_WORDS, _third_person
from articles.extraction.pipeline import build_nlp


def titles(text: str, published_at: dt.date = dt.date(2022, 11, 3)) -> dict[str, str]:
    events = extract_doc(build_nlp()(text), published_at).events
    return {e.kind: e.title for e in events}


def test_subject_verb_object_in_the_present_without_the_date():
    title = titles(
        "The Ethiopian government and Tigrayan forces signed a permanent cessation "
        "of hostilities in Pretoria on Wednesday."
    )["agreement"]
    assert title == (
        "Ethiopian government and Tigrayan forces sign permanent cessation of "
        "hostilities in Pretoria"
    )


def test_a_ceasefire_start_takes_effect_at_its_clock_time():
    title = titles("The truce took effect at midnight on Thursday across Tigray.")[
        "ceasefire_start"
    ]
    assert title.startswith("Truce takes effect")
    assert title.endswith("at midnight")
    assert "Thursday" not in title


def test_people_by_surname_and_a_passive_agent_as_the_doer():
    title = titles(
        "A ceasefire in Gaza was brokered by Egyptian President Abdel Fattah al-Sisi "
        "on Friday.",
        dt.date(2021, 5, 22),
    )["agreement"]
    assert title.lower().startswith(("sisi brokers", "al-sisi brokers"))
    assert "President" not in title and "Friday" not in title


def test_an_event_noun_keeps_the_clause_that_describes_it():
    title = titles(
        "Residents described a night of terror after a car bomb attack that killed "
        "nine soldiers near Mogadishu on Sunday.",
        dt.date(2023, 3, 14),
    )["attack"]
    assert "kills nine soldiers" in title


def test_a_report_says_what_was_said():
    title = titles(
        "Kosovo Prime Minister Albin Kurti said on Monday that the border crossings "
        "would reopen.",
        dt.date(2022, 12, 13),
    )["statement"]
    assert title.startswith("Kurti says")
    assert "reopen" in title and "Monday" not in title


def test_a_dateline_is_no_subject():
    found = titles(
        "KHARTOUM, June 3 (Reuters) - The army and the Rapid Support Forces agreed "
        "to a new truce on Saturday.",
        dt.date(2023, 6, 3),
    )
    assert not found["agreement"].startswith("KHARTOUM")


@pytest.mark.parametrize(
    "text",
    [
        "Houthi rebels fired missiles at Marib on Tuesday, the coalition said.",
        "The talks in Doha collapsed on Friday after both sides walked out.",
        "Russian forces shelled Kharkiv early on Saturday, killing three civilians.",
        "The UN envoy met rebel leaders in Juba on Monday to discuss the truce.",
    ],
)
def test_headlines_are_short_and_start_with_a_capital(text):
    for title in titles(text, dt.date(2022, 3, 7)).values():
        assert len(title.split()) <= MAX_WORDS + 4
        assert title[0].isupper()
        assert not title.lower().startswith(("the ", "a ", "and ", "but "))


@pytest.mark.parametrize(
    ("lemma", "form"),
    [
        ("agree", "agrees"),
        ("reach", "reaches"),
        ("deny", "denies"),
        ("say", "says"),
        ("be", "is"),
        ("take place", "takes place"),
    ],
)
def test_third_person_present(lemma, form):
    assert _third_person(lemma) == form


def test_a_title_with_the_person_in_apposition_names_the_person():
    title = titles(
        "Kenyan President, William Ruto, met rebel envoys in Nairobi on Monday.",
        dt.date(2023, 5, 2),
    )["meeting"]
    assert title.startswith("Ruto meets")


@pytest.mark.parametrize(
    "dateline",
    ["Gaza City, August 7 (RHC)--", "GAZA CITY:", "KHARTOUM, June 3 (Reuters) -"],
)
def test_no_dateline_in_a_headline(dateline):
    for title in titles(
        f"{dateline} The militants agreed to a truce with the army on Sunday.",
        dt.date(2022, 8, 7),
    ).values():
        assert not title.lower().startswith(
            dateline.split(",")[0].split(":")[0].lower()
        )


def test_a_ceasefire_coming_into_effect_says_it_once():
    title = titles(
        "The truce came into effect at midnight on Sunday across Donbas.",
        dt.date(2015, 2, 15),
    )["ceasefire_start"]
    assert title.count("effect") == 1 and "into" not in title
