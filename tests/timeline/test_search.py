"""Full-text search behind Event.objects.search, on SQLite (FTS5) and PostgreSQL."""

from __future__ import annotations

import pytest

from timeline.models import Event

from .test_views import make_timeline

pytestmark = pytest.mark.django_db


@pytest.fixture
def events(db):
    events = make_timeline(3)
    titles = [
        "Envoys agreed a ceasefire in Geneva",
        "Shelling of the port resumed",
        "Rebels seized the airport",
    ]
    for event, title in zip(events, titles, strict=True):
        event.title = title
        event.save()
    # A sentence of the third event says what its title does not.
    sentence = events[2].evidence.first().sentence
    sentence.text = "Militia fighters captured the runway after heavy clashes."
    sentence.save()
    return events


def found(text: str) -> list[str]:
    return sorted(Event.objects.search(text).values_list("title", flat=True))


def test_words_match_titles_with_stemming_and_prefixes(events):
    assert found("ceasefires") == ["Envoys agreed a ceasefire in Geneva"]
    assert found("cease") == ["Envoys agreed a ceasefire in Geneva"]
    assert found("GENEVA envoys") == ["Envoys agreed a ceasefire in Geneva"]
    assert found("geneva port") == []  # every word must match


def test_sentences_are_searched_too(events):
    assert found("runway clashes") == ["Rebels seized the airport"]


def test_query_syntax_is_taken_as_words(events):
    for text in [
        '"',
        "NEAR(a b)",
        "port OR airport",
        "-port",
        "*",
        "a:*|b",
        "'; drop",
        "&!",
    ]:
        list(Event.objects.search(text))  # never a database error
    assert found("port airport") == []  # OR is no operator: both words must match
    assert found("!!!") == []
