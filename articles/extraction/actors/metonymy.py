"""Gazetteer names in context: organisations and groups are actors (unless quoted
as a news source); a state acts or is a place, and a capital stands for its state
("Moscow said") only where it acts, by where it stands in its sentence.
"""

from __future__ import annotations

import re

from .article import Article
from .candidates import Cand
from .gazetteer import STATE, Entry, choose_entry
from .words import (
    AGENT_NOUNS,
    AGENT_PREPS,
    EVENT_NOUNS,
    MOTION_LEMMAS,
    PLACE_NOUNS,
    PLACE_VERBS,
    SOURCE_CUES_BEFORE,
)


def gazetteer_mentions(article: Article, gaz_cands: list[Cand]) -> None:
    """Mentions of gazetteer names in context, where no earlier stage claimed them."""
    for cand in gaz_cands:
        if not article.found.free(cand.start, cand.end) or any(
            s <= cand.start and cand.end <= e for s, e in article.person_spans
        ):
            continue
        entries = article.gaz.lookup(cand.text)
        roles = {e.role for e in entries}
        e = choose_entry(entries)
        if e.role in ("source", "platform"):
            continue
        if e.role in ("organisation", "group", "government"):
            if "source" in roles and source_context(article, cand):
                continue
            article.found.actor(cand.start, cand.end, cand.text, e.canonical, e.kind)
            continue
        if e.role == "state":
            start = _mention_start(article, cand, e)
            text = article.text[start : cand.end]
            if _acts(article, cand, capital=False):
                article.found.actor(start, cand.end, text, e.canonical, STATE)
            else:
                article.found.place(start, cand.end, text, e.canonical, e.canonical)
            continue
        if e.role == "capital":
            if not cand.text.isupper() and _acts(article, cand, capital=True):
                article.found.actor(cand.start, cand.end, cand.text, e.country, STATE)
            else:
                article.found.place(
                    cand.start, cand.end, cand.text, e.canonical, e.country
                )
            continue
        if e.role in ("city", "region"):
            article.found.place(cand.start, cand.end, cand.text, e.canonical, e.country)
        # adjectives and demonyms outside the patterns are no mentions


def _mention_start(article: Article, cand: Cand, e: Entry) -> int:
    """Where the mention starts: with "the" for "the United States", not otherwise."""
    if e.takes_the and cand.text == e.canonical:
        m = re.search(
            r"\b[Tt]he\s+$", article.text[max(0, cand.start - 4) : cand.start]
        )
        if m:
            return max(0, cand.start - 4) + m.start()
    return cand.start


def source_context(article: Article, cand: Cand) -> bool:
    before = article.prev_words(cand.start, 4)
    after = article.text[cand.end : cand.end + 30].lower()
    if any(before.endswith(cue) for cue in SOURCE_CUES_BEFORE):
        return True
    return bool(
        re.match(r"\s*(news\s+)?(agency|reported|reports|said in a report)", after)
    )


# -- where a state or capital stands in its sentence
def _acts(article: Article, cand: Cand, capital: bool) -> bool:
    tok = cand.token
    # "U.S.-Taliban deal", "US-Afghan": a state joined by a hyphen to another actor
    if not capital and _paired_with_actor(article, cand):
        return True
    seen = 0
    while tok.dep_ in ("conj", "appos") and tok.head is not tok and seen < 10:
        tok = tok.head
        seen += 1
    dep, head = tok.dep_, tok.head
    hl = head.lemma_.lower()
    if dep in ("nsubj", "nsubjpass", "csubj"):
        if hl == "be" and any(
            c.dep_ == "attr" and c.lemma_.lower() in PLACE_NOUNS for c in head.children
        ):
            return False
        if hl in ("lie", "locate", "situate", "border"):
            return False
        return True
    if dep == "pobj":
        prep = head.lower_
        if prep in AGENT_PREPS:
            return head.head.lemma_.lower() not in ("border", "frontier")
        if prep in ("from", "to", "toward", "towards", "into"):
            return head.head.lemma_.lower() not in MOTION_LEMMAS and not (
                capital and prep == "into"
            )
        if prep == "of":
            return head.head.lemma_.lower() in AGENT_NOUNS
        return False
    if dep in ("dobj", "obj", "dative"):
        return hl not in PLACE_VERBS
    if dep == "agent":
        return True
    if dep == "poss":
        return hl not in PLACE_NOUNS
    if capital:
        return False
    if hl in (
        "base",
        "headquarter",
        "bear",
        "make",
        "register",
        "locate",
        "station",
        "build",
    ):
        return False  # "UK-based monitor", "Russian-made missiles"
    if dep in ("compound", "nmod", "amod", "npadvmod"):
        return hl not in PLACE_NOUNS and hl not in EVENT_NOUNS
    return True


def _paired_with_actor(article: Article, cand: Cand) -> bool:
    """'U.S.-Taliban deal', 'US-Afghan declaration': two parties joined by a hyphen
    (but not 'Syria-Jordan border' or 'UK-based')."""
    m = re.match(r"[-\u2013]([A-Z][\w.]*)", article.text[cand.end : cand.end + 30])
    if not m or cand.token.head.lemma_.lower() in (
        "border",
        "frontier",
        "boundary",
    ):
        return False
    return any(
        e.role in ("state", "adjective", "group", "organisation", "government")
        for e in article.gaz.lookup(m.group(1))
    )
