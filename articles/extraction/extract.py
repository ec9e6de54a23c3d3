"""The whole extraction of an article: sentences, time expressions, actors, places, events."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from .actors import find_actors_and_places, state_arm_mentions
from .coreference import resolve_references
from .events import find_events
from .language import guess_language
from .segment import sentence_spans
from .times import resolve_timexes
from .types import ArticleExtraction

# Bump when the output of extraction changes, so stored articles can be re-extracted.
EXTRACTOR_VERSION = "1"


def extract_doc(doc: Doc, published_at: dt.date) -> ArticleExtraction:
    """Everything in one parsed article; text that is not English is only segmented."""
    language = guess_language(doc.text)
    if language != "en":
        return ArticleExtraction(sentences=sentence_spans(doc), language=language)
    timexes = resolve_timexes(doc, published_at, mode="news")
    actors, places = find_actors_and_places(doc)
    actors = sorted([*actors, *state_arm_mentions(doc, actors)], key=lambda m: m.start)
    events = resolve_references(
        doc, find_events(doc, timexes, actors, places, published_at), published_at
    )
    sentences = sentence_spans(doc)
    return ArticleExtraction(
        sentences=sentences,
        timexes=timexes,
        actors=actors,
        places=places,
        events=events,
    )


def extract_texts(
    nlp: Language, items: Iterable[tuple[str, dt.date]], batch_size: int = 16
) -> Iterator[ArticleExtraction]:
    """Extract many articles with one ``nlp.pipe`` pass; yields in input order."""
    pairs = list(items)
    docs = nlp.pipe((text for text, _ in pairs), batch_size=batch_size)
    for doc, (_, published_at) in zip(docs, pairs, strict=True):
        yield extract_doc(doc, published_at)
