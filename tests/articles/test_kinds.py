"""The registry of event kinds is the one definition the model, extraction and merging
read."""

from __future__ import annotations

import json

from articles.extraction import kinds as registry
from articles.extraction.events import lexicon
from timeline.matching import Reading, same_event
from timeline.models import Event, EventKind


def test_model_choices_are_the_registry():
    assert EventKind.choices == [(k.name, k.label) for k in registry.kinds().values()]
    assert Event._meta.get_field("kind").choices == EventKind.choices


def test_every_kind_the_lexicon_gives_is_registered():
    assert set(lexicon().verbs.values()) | set(lexicon().nouns.values()) <= set(
        registry.kinds()
    )


def test_look_alikes_are_kinds_and_never_of_the_same_family_but_talks():
    for kind in registry.kinds().values():
        for other in kind.look_alikes:
            assert other in registry.kinds(), (kind.name, other)


def test_families_and_synonyms():
    assert registry.kind_family("meeting") == registry.kind_family("negotiation")
    assert registry.kind_family("agreement") != registry.kind_family("ceasefire_start")
    assert registry.same_act("sign", "seal") and registry.same_act("shell", "bombard")
    assert not registry.same_act("sign", "shell")
    assert registry.distinctive("ceasefire_start") and not registry.distinctive(
        "statement"
    )


def test_no_trigger_word_names_two_acts():
    data = json.loads(registry.DATA.read_text(encoding="utf-8"))
    words = [w for group in data["same_act"].values() for w in group]
    assert len(words) == len(set(words))


def test_merging_reads_distinctive_kinds_from_the_registry():
    import datetime as dt

    day = dt.datetime(2023, 5, 20, tzinfo=dt.UTC)

    def reading(kind, article, trigger):
        return Reading(
            family=registry.kind_family(kind),
            start=day,
            end=day.replace(hour=23),
            precision="day",
            ordinal=None,
            trigger=trigger,
            actors=frozenset(),
            places=frozenset(),
            people=frozenset(),
            article=article,
            sentence=article,
        )

    # Nothing shared but the kind and the day: one event only for a distinctive kind.
    assert same_event(
        reading("ceasefire_start", 1, "begin"), reading("ceasefire_start", 2, "hold")
    )
    assert not same_event(
        reading("statement", 1, "say"), reading("statement", 2, "warn")
    )
