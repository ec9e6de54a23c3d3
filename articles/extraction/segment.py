"""Sentences with character offsets into the article text."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from .types import SentenceSpan


@Language.factory("line_breaks")
def make_line_breaks(nlp: Language, name: str) -> LineBreaks:
    return LineBreaks()


class LineBreaks:
    """A line break ends a sentence: headings, datelines, captions and quotes set on
    their own line are not run into the next sentence. Runs before the parser, which
    keeps boundaries already set."""

    def __call__(self, doc: Doc) -> Doc:
        for token in doc[1:]:
            previous = doc[token.i - 1]
            if (
                "\n" in previous.whitespace_
                or previous.is_space
                and "\n" in previous.text
            ):
                token.is_sent_start = True
        return doc


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
