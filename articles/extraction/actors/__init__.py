"""Actors and places of an article: who acts, and where.

Names come from two places: spaCy's entities (PERSON, ORG, GPE, NORP, LOC, FAC) and
curated gazetteers in ``data/`` (states with their aliases, adjectives, plural
demonyms and capitals; organisations; armed groups; named governments; cities
and regions; news outlets).  The small English model mislabels many names
(capitals as PERSON, states as ORG, surnames as ORG), so a gazetteer entry
always beats the entity label, and the label only decides for names the
gazetteers do not know.

A state can be an actor or a place.  The dependency parse decides: the subject,
agent, object of a verb of saying or accusing, a party "between X and Y" acts;
the object of "in", "at", "near", of "leave" or "capture" is a place.  A capital
stands for its state only in the acting positions ("Moscow said", "Baku accused
Yerevan"); otherwise it is a city.

Mention texts are the words of the article without a leading "the", except for
states whose short name takes it ("the United States"), and keep forms of
address ("Mr Lavrov", "Gen Khalifa Haftar") but not job titles ("President").
The canonical name never has either.  ``actor_key`` is the folding that decides
across articles that two canonical names are one actor.

The modules, in the order ``find_actors_and_places`` (``resolver``) uses them:

- ``names``: ``actor_key``, ``canonical_name`` and word tests of names (no spaCy);
- ``gazetteer``: the gazetteers of ``data/`` and ``state_of`` (no spaCy);
- ``words``: the closed word classes of the rules;
- ``article``: the state the stages share for one article;
- ``candidates``: gazetteer matches and spaCy's entities reconciled with them;
- ``patterns`` and ``governments``: constructed phrases ("Saudi-backed rebels",
  "the Kyiv government");
- ``metonymy``: gazetteer names in context (a state or capital acts or is a place);
- ``entities``: the entities the gazetteers do not know;
- ``people``: mentions of people and their one canonical name per article;
- ``affiliations``: the state a person or organisation belongs to;
- ``state_arms``: "Russian peacekeepers", after the other mentions.

This package imports spaCy only for what needs it: ``names`` and ``gazetteer``
(and so ``actor_key``, ``canonical_name``, ``state_of`` from here) load without
it, and the rest is imported on first use of its names, so web code that only
folds names never loads the language pipeline.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from .gazetteer import DATA_DIR, GROUP, ORGANISATION, PERSON, STATE, state_of
from .names import actor_key, canonical_name

if TYPE_CHECKING:
    from .resolver import find_actors_and_places
    from .state_arms import STATE_ARMS, state_arm_mentions

# names whose modules import spaCy: loaded on first access (PEP 562)
_LAZY = {
    "find_actors_and_places": ".resolver",
    "STATE_ARMS": ".state_arms",
    "state_arm_mentions": ".state_arms",
}

__all__ = [
    "DATA_DIR",
    "GROUP",
    "ORGANISATION",
    "PERSON",
    "STATE",
    "STATE_ARMS",
    "actor_key",
    "canonical_name",
    "find_actors_and_places",
    "state_arm_mentions",
    "state_of",
]


def __getattr__(name: str):
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name], __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
