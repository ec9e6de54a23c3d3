"""Candidate names in an article: the longest gazetteer names, left to right, over
pieces of tokens, and spaCy's entities reconciled with them (a gazetteer match beats
the entity label; an organisation's own name or a person's name keeps its entity).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from ..components import text_of
from .gazetteer import Entry, Gazetteer
from .names import name_shaped
from .words import FACILITY_NOUNS, ORG_HEADS, PLACE_NOUNS, TITLE_WORDS

if TYPE_CHECKING:
    from .article import Article


@dataclass(slots=True)
class Cand:
    """A candidate name: a span of the text, its head token, where it comes from
    and what the gazetteer says it is."""

    start: int
    end: int
    token: Token  # the syntactic head of the candidate
    label: str  # NER label, or GAZ / PATTERN
    entry: Entry | None = None
    text: str = ""

    def overlaps(self, other: Cand) -> bool:
        return self.start < other.end and other.start < self.end

    def inside(self, other: Cand) -> bool:
        return other.start <= self.start and self.end <= other.end


@dataclass(slots=True)
class Piece:
    """A token, or a part of a hyphenated or glued one, as a span of the text."""

    start: int
    end: int
    token: Token


def token_pieces(doc: Doc) -> list[Piece]:
    """Tokens, with the parts of hyphenated and glued tokens ("U.S.-Taliban") on their own."""
    pieces = []
    for tok in doc:
        if tok.is_space:
            continue
        parts = list(re.finditer(r"[^\-_/\u2013]+", tok.text))
        if len(parts) > 1:
            pieces.extend(
                Piece(tok.idx + m.start(), tok.idx + m.end(), tok) for m in parts
            )
        else:
            pieces.append(Piece(tok.idx, tok.idx + len(tok.text), tok))
    return pieces


def gazetteer_matches(doc: Doc, pieces: list[Piece], gaz: Gazetteer) -> list[Cand]:
    """Longest gazetteer names, left to right, over pieces of tokens."""
    found = []
    full_text = text_of(doc)
    i = 0
    while i < len(pieces):
        if not gaz.may_start(full_text[pieces[i].start : pieces[i].start + 3]):
            i += 1
            continue
        for n in range(min(gaz.longest * 2, len(pieces) - i), 0, -1):
            start, end = pieces[i].start, pieces[i + n - 1].end
            text = full_text[start:end]
            if "\n" in text:
                continue
            entries = gaz.lookup(text)
            if entries:
                span = doc.char_span(start, end, alignment_mode="expand")
                root = span.root if span is not None and len(span) else pieces[i].token
                found.append(Cand(start, end, root, "GAZ", entries[0], text))
                i += n
                break
        else:
            i += 1
    return found


def ner_candidates(article: Article, gaz_cands: list[Cand]) -> list[Cand]:
    """spaCy's entities, reconciled with gazetteer matches: trimmed, outlets claimed,
    and the ones a gazetteer name already covers left out."""
    out = []
    for ent in article.doc.ents:
        if ent.label_ not in ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"):
            continue
        start, end = ent.start_char, ent.end_char
        # trim a leading article, digits and glue ("2020_Azerbaijan Republic")
        m = re.match(r"(?:(?:the|The|THE)\s+|[\W\d_]+)+", article.text[start:end])
        if m:
            start += m.end()
        m = re.search(r"(?:['\u2019]s?|[\W_]+)$", article.text[start:end])
        if m and m.start() > 0:
            end = start + m.start()
        if end <= start:
            continue
        cand = Cand(start, end, ent.root, ent.label_, None, article.text[start:end])
        words = {w.lower().strip(".,") for w in cand.text.split()}
        if ent.label_ in ("ORG", "PERSON") and words & article.gaz.media_words:
            article.found.taken.append(
                (start, end)
            )  # an outlet: no actor, no place inside
            continue
        inner = [g for g in gaz_cands if g.overlaps(cand)]
        if not inner:
            out.append(cand)
            continue
        if any(g.start == cand.start and g.end == cand.end for g in inner):
            continue  # the gazetteer names it
        if all(g.inside(cand) for g in inner) and _is_org_name(article, cand, inner):
            cand.entry = None
            out.append(cand)
            continue
        if (
            ent.label_ == "PERSON"
            and name_shaped(cand.text.split())
            and not any(w.lower() in TITLE_WORDS for w in cand.text.split())
            and all(
                g.entry and g.entry.role in ("state", "capital", "city", "region")
                for g in inner
            )
        ):
            article.person_spans.append(
                (cand.start, cand.end)
            )  # "Jordan Peterson", "Georgia Smith"
            out.append(cand)
            continue
        if ent.label_ == "PERSON":
            last = max(g.end for g in inner)
            rest = article.text[last:end]
            m = re.match(r"[\s\W]*", rest)
            new_start = last + (m.end() if m else 0)
            rest_words = [
                w.lower().strip(".,") for w in article.text[new_start:end].split()
            ]
            if (
                new_start < end
                and all(g.end <= new_start for g in inner)
                and any(w not in TITLE_WORDS for w in rest_words)
                and not set(rest_words)
                & (
                    ORG_HEADS
                    | PLACE_NOUNS
                    | FACILITY_NOUNS
                    | {"district", "province", "governorate"}
                )
            ):
                span = article.doc.char_span(new_start, end, alignment_mode="expand")
                out.append(
                    Cand(
                        new_start,
                        end,
                        span.root if span else ent.root,
                        "PERSON",
                        None,
                        article.text[new_start:end],
                    )
                )
    return out


def _is_org_name(article: Article, cand: Cand, inner: list[Cand]) -> bool:
    """An ORG entity made of a gazetteer name plus organisation words keeps its own
    identity ("Iranian Foreign Ministry"), unlike "Moscow Statement" or "Armenia's"."""
    if cand.label not in ("ORG", "FAC"):
        return False
    rest = article.text[cand.start : cand.end]
    for g in sorted(inner, key=lambda g: -g.start):
        rest = rest[: g.start - cand.start] + " " + rest[g.end - cand.start :]
    words = {w.lower().strip(".,'\u2019") for w in rest.split()}
    return bool(words & ORG_HEADS)
