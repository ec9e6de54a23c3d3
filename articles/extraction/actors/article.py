"""One article under resolution: its parse and text, the gazetteer, and what the
stages have found and claimed so far (``Found``), which every stage reads and adds to.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from ..components import text_of
from ..types import ActorMention, PlaceMention
from .candidates import Cand
from .gazetteer import load_gazetteer


@dataclass(slots=True)
class Found:
    """The mentions found so far, and the spans they claim: a later stage takes only
    free text."""

    actors: list[ActorMention] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    taken: list[tuple[int, int]] = field(default_factory=list)

    def free(self, start: int, end: int) -> bool:
        return all(end <= s or e <= start for s, e in self.taken)

    def actor(self, start: int, end: int, text: str, canonical: str, kind: str) -> None:
        self.actors.append(ActorMention(start, end, text, canonical, kind))
        self.taken.append((start, end))

    def place(
        self, start: int, end: int, text: str, canonical: str, country: str
    ) -> None:
        self.places.append(PlaceMention(start, end, text, canonical, country))
        self.taken.append((start, end))


class Article:
    """The state the stages of ``find_actors_and_places`` share for one article."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = text_of(doc)
        self.gaz = load_gazetteer()
        self.token_starts = [tok.idx for tok in doc]
        self.found = Found()
        self.pending_roles: list[tuple[int, int, str]] = []
        self.people: list[tuple[Cand, str, str]] = []  # candidate, mention text, name
        self.person_spans: list[
            tuple[int, int]
        ] = []  # names the gazetteers must not split
        self.gaz_cands: list[Cand] = []  # gazetteer matches, left to right
        self.focus = ""  # the country the article is about

    # -- helpers over the text
    def prev_words(self, start: int, n: int = 4) -> str:
        before = self.text[max(0, start - 60) : start]
        return " ".join(before.lower().split()[-n:])

    def next_token(self, end: int) -> Token | None:
        i = bisect.bisect_left(self.token_starts, end)
        while i < len(self.doc) and self.doc[i].is_space:
            i += 1
        return self.doc[i] if i < len(self.doc) else None

    def prev_token(self, start: int) -> Token | None:
        i = bisect.bisect_left(self.token_starts, start) - 1
        while i >= 0 and (
            self.doc[i].is_space or self.doc[i].idx + len(self.doc[i]) > start
        ):
            i -= 1
        return self.doc[i] if i >= 0 else None
