"""Affiliations: the state a person or organisation belongs to, from a title
phrase next to a name ("Kenyan Foreign Minister X", "X, the US ambassador to the
UN") or the words of an organisation's name ("the Ethiopian defence ministry").
"""

from __future__ import annotations

import dataclasses

from spacy.tokens import Doc, Token

from ..types import ActorMention
from .candidates import Cand
from .gazetteer import ORGANISATION, PERSON, Gazetteer, choose_entry
from .names import actor_key
from .words import (
    NOT_OF_A_STATE,
    OFFICE_WORDS,
    ORG_HEADS,
    PHRASE_PREPS,
    PHRASE_WORDS,
    STATE_ORGAN_HEADS,
)


class Affiliations:
    """Adds to actor mentions the state each person or organisation belongs to."""

    def __init__(self, doc: Doc, gaz: Gazetteer, gaz_cands: list[Cand]) -> None:
        self.doc = doc
        self.gaz = gaz
        self.tok_cand: dict[int, Cand] = {}
        for cand in gaz_cands:
            span = self.doc.char_span(cand.start, cand.end)
            if span is not None:  # a piece of a token ("UN-recognised") is no unit
                for tok in span:
                    self.tok_cand[tok.i] = cand

    def apply(self, actors: list[ActorMention]) -> list[ActorMention]:
        """The mentions, each person's and organisation's with its affiliation."""
        own = []
        for m in actors:
            if m.kind == PERSON:
                aff = self._title_affiliation(m)
            elif m.kind == ORGANISATION:
                aff = self._organisation_affiliation(m)
            else:
                aff = ""
            own.append(aff)
        # every mention of one person shares what the text says of any of them
        said: dict[str, set[str]] = {}
        for m, aff in zip(actors, own, strict=True):
            if m.kind == PERSON and aff:
                said.setdefault(actor_key(m.canonical), set()).add(aff)
        out = []
        for m, aff in zip(actors, own, strict=True):
            if m.kind == PERSON and not aff:
                key = actor_key(m.canonical)
                known = said.get(key, set())
                if len(known) == 1:
                    aff = next(iter(known))
                elif not known:
                    aff = self.gaz.people_country.get(key, "")
            out.append(dataclasses.replace(m, affiliation=aff) if aff else m)
        return out

    def _organisation_affiliation(self, m: ActorMention) -> str:
        if m.canonical in self.gaz.org_country:
            return self.gaz.org_country[m.canonical]
        if any(e.role == "organisation" for e in self.gaz.lookup(m.canonical)):
            return (
                ""  # a known organisation names its state in the gazetteer or has none
            )
        words = [w.lower().strip(".,") for w in m.text.split()]
        if set(words) & ORG_HEADS or any(w.isupper() for w in m.text.split()):
            span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                return ""
            units, _ = self._units(span.start, 1, span.end)
            if sum(len(u[2]) for u in units) != len(span):
                return ""  # a word that is no part of a state organ's name
            return self._state_of_units(units, STATE_ORGAN_HEADS)
        return self._title_affiliation(m)  # a person the model took for an organisation

    def _title_affiliation(self, m: ActorMention) -> str:
        """'Kenyan Foreign Minister X', 'Kenya's foreign minister X', 'X, the Kenyan
        foreign minister', 'X, Kenya's ambassador to the UN'."""
        span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            return ""
        # before the name
        i = span.start - 1
        while i >= 0 and self.doc[i].is_space:
            i -= 1
        comma = i >= 0 and self.doc[i].text == ","
        units, _ = self._units(i - 1 if comma else i, -1)
        if units and (not comma or self._apposed(units, span)):
            aff = self._state_of_units(units, OFFICE_WORDS, before_name=True)
            if aff:
                return aff
        # after the name, set off by a comma
        j = span.end
        while j < len(self.doc) and self.doc[j].is_space:
            j += 1
        if j < len(self.doc) and self.doc[j].text == ",":
            j += 1
            while j < len(self.doc) and (
                self.doc[j].is_space or self.doc[j].lower_ in ("the", "a", "an")
            ):
                j += 1
            units, stop = self._units(j, 1)
            if (
                stop is not None
                and stop.pos_ == "PROPN"
                and stop.i not in self.tok_cand
            ):
                return ""  # the title of the next name ("X, Kenyan Foreign Minister Y")
            return self._state_of_units(units, OFFICE_WORDS)
        return ""

    def _apposed(self, units: list[tuple], span) -> bool:
        """'US Secretary of State, Mike Pompeo': the title and the name are one phrase."""
        tokens = {t.i for u in units for t in u[2]}
        root = span.root
        if root.dep_ == "appos" and root.head.i in tokens:
            return True
        return any(
            self.doc[t].head.i == root.i
            and self.doc[t].dep_ in ("appos", "compound", "nmod")
            for t in tokens
        )

    def _units(
        self, i: int, step: int, limit: int | None = None
    ) -> tuple[list[tuple], Token | None]:
        """The title phrase from token i on (step -1: leftwards), as (kind, value, tokens)
        units in text order: "state" (value: the state), "other" (an organisation, group
        or place), "word", "prep", "poss".  Also the token the phrase stopped at."""
        units: list[tuple] = []
        stop = None
        end = len(self.doc) if limit is None else limit
        while 0 <= i < end and len(units) < 14:
            tok = self.doc[i]
            if tok.is_space:
                i += step
                continue
            cand = self.tok_cand.get(i)
            if cand is not None:
                span = self.doc.char_span(cand.start, cand.end)
                tokens = list(span)
                e = choose_entry(self.gaz.lookup(cand.text))
                if e.role in ("state", "adjective", "demonym") and e.country:
                    adjective = any(
                        x.role == "adjective" for x in self.gaz.lookup(cand.text)
                    )
                    units.append(
                        ("state" if adjective else "state-name", e.country, tokens)
                    )
                elif e.role == "organisation" and e.canonical in self.gaz.org_country:
                    units.append(
                        ("state-name", self.gaz.org_country[e.canonical], tokens)
                    )
                else:
                    units.append(("other", e.canonical, tokens))
                i = (span.start - 1) if step < 0 else span.end
                continue
            low = tok.lower_.replace("\u2019", "'")
            if low in ("'s", "'"):
                units.append(("poss", low, [tok]))
            elif low in PHRASE_PREPS:
                units.append(("prep", low, [tok]))
            elif low == "the":
                units.append(("the", low, [tok]))
            elif low in PHRASE_WORDS or low in NOT_OF_A_STATE:
                units.append(("word", low, [tok]))
            else:
                stop = tok
                break
            i += step
        if step < 0:
            units.reverse()
        return units, stop

    @staticmethod
    def _state_of_units(
        units: list[tuple], needed: frozenset[str], before_name: bool = False
    ) -> str:
        """The one state a title phrase or organisation name says, or ""."""
        # a leading preposition governs the whole phrase ("with Kenyan Foreign Minister X"),
        # except a place before a title ("in Kenya Foreign Minister X")
        while units and units[0][0] in ("the", "poss", "prep"):
            if (
                units[0][1] in ("in", "at", "on")
                and len(units) > 1
                and units[1][0] == "state-name"
            ):
                units = units[2:]
                continue
            units = units[1:]
        if before_name and units and units[-1][0] in ("prep", "the"):
            return ""  # "the ambassador to X": the name is the object
        words = [u[1] for u in units if u[0] == "word"]
        if not set(words) & needed or set(words) & NOT_OF_A_STATE:
            return ""
        states = set()
        for k, (kind, value, _) in enumerate(units):
            if kind not in ("state", "state-name", "other"):
                continue
            j = k - 1
            while j >= 0 and units[j][0] == "the":
                j -= 1
            prep = units[j][1] if j >= 0 and units[j][0] == "prep" else None
            if prep is not None and prep != "of":
                continue  # "envoy to the UN", "ambassador for Syria": what the office is about
            if kind == "other":
                return ""  # "UN envoy", "Taliban leader", "Donetsk mayor"
            nxt = units[k + 1] if k + 1 < len(units) else None
            if nxt is not None and nxt[0] == "poss":
                nxt = units[k + 2] if k + 2 < len(units) else None
            if prep is None and (nxt is None or nxt[0] != "word"):
                return ""  # a state that qualifies no office in the phrase
            states.add(value)
        return states.pop() if len(states) == 1 else ""
