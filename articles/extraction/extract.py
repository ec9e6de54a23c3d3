"""The whole extraction of an article: sentences, time expressions, actors, places, events."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from .actors import find_actors_and_places, state_arm_mentions
from .components import text_of
from .coreference import resolve_references
from .events import find_events
from .language import guess_language
from .segment import sentence_spans
from .times import resolve_timexes
from .types import ArticleExtraction


def rules_version() -> str:
    """A digest of the extraction's code and data (rules, lexicons, gazetteers): any
    change to them gives a new version, and articles extracted under another one are
    extracted again when they are next ingested."""
    digest = hashlib.sha1()
    root = Path(__file__).parent
    for path in sorted(root.rglob("*")):
        if path.suffix in {".py", ".json"} and "__pycache__" not in path.parts:
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


EXTRACTOR_VERSION = rules_version()


def extract_doc(doc: Doc, published_at: dt.date) -> ArticleExtraction:
    """Everything in one parsed article; text that is not English is only segmented."""
    language = guess_language(text_of(doc))
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
