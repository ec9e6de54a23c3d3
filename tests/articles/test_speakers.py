"""Who makes a remark, on sentences of our own, and when two remarks can be one."""

from __future__ import annotations

import datetime as dt

from articles.extraction.extract import extract_doc
from articles.extraction.pipeline import build_nlp
from articles.extraction.speakers import speakers_agree


def statements(text: str):
    events = extract_doc(build_nlp()(text), dt.date(2022, 8, 1)).events
    return [e for e in events if e.kind == "statement"]


def test_the_speakers_are_the_subject_of_the_verb_of_saying():
    [remark] = statements(
        "The ship will reach Istanbul on Tuesday, Kenya and Somalia said on Monday."
    )
    assert {name for name, _ in remark.speakers} == {"Kenya", "Somalia"}


def test_a_statement_noun_takes_the_subject_of_its_verb():
    [remark] = statements(
        "In a joint statement on Sunday, Kenya and Somalia urged both sides to stop."
    )
    assert {name for name, _ in remark.speakers} == {"Kenya", "Somalia"}


def test_one_speaker_named_two_ways_agrees_but_other_parties_do_not():
    # "Iran's foreign ministry spokesman" and "Bahram Qassemi, of Iran".
    assert speakers_agree(
        ["Iran"], ["Iran"], ["Bahram Qassemi"], ["Bahram Qassemi", "Iran"]
    )
    # "Ukraine and Turkey said" is not "Turkey's defence ministry said".
    assert not speakers_agree(
        ["Ukraine", "Turkey"],
        ["Ukraine", "Turkey"],
        ["Turkish Defence Ministry"],
        ["Turkish Defence Ministry", "Turkey"],
    )
    assert not speakers_agree([], [], ["Turkey"], ["Turkey"])
