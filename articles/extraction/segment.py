"""Sentences with character offsets into the article text."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from .types import SentenceSpan


def content_sentences(doc: Doc) -> list[Span]:
    """spaCy's sentences without the blank ones (paragraph breaks): their list index is
    the sentence number everywhere else."""
    return [sent for sent in doc.sents if sent.text.strip()]


def sentence_spans(doc: Doc) -> list[SentenceSpan]:
    spans = []
    for index, sent in enumerate(content_sentences(doc)):
        text = sent.text.strip()
        start = sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
        spans.append(
            SentenceSpan(index=index, start=start, end=start + len(text), text=text)
        )
    return spans
