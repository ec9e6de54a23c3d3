"""Governments named by their state, capital, backer or recognition: "the Kyiv
government", "the legitimate Yemeni government", "the government of Afghanistan",
"the UN-recognised government", "the Saudi-backed government".
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from .article import Article
from .candidates import Cand
from .gazetteer import STATE
from .words import BACKING, LEADING, RECOGNITION


def government(article: Article, head: Token, by_start: dict[int, Cand]) -> None:
    """'the Kyiv government', 'the legitimate Yemeni government', 'the government of
    Afghanistan', 'the UN-recognised government', 'the Saudi-backed government'."""
    if article.prev_words(head.idx, 2).endswith("pro -") or article.text[
        max(0, head.idx - 4) : head.idx
    ].lower().endswith("pro-"):
        return
    mods = []
    tok = head
    while tok.i > 0:
        prev = article.doc[tok.i - 1]
        if (
            prev.lower_ in ("the", "a", "an", "its", "their", "his", "her")
            or prev.is_space
        ):
            break
        if (
            prev.dep_ == "case"
            or prev.tag_ == "POS"
            or prev.is_punct
            and prev.text not in ("-", "\u2013")
        ):
            break
        if (
            prev.pos_ in ("ADP", "CCONJ", "VERB", "AUX", "NUM")
            and prev.lower_ not in BACKING | RECOGNITION | LEADING
        ):
            break
        mods.append(prev)
        tok = prev
    mods.reverse()
    country = ""
    backers: set[str] = set()
    recognised = False
    named = False
    for i, mod in enumerate(mods):
        cand = by_start.get(mod.idx)
        nxt = mods[i + 1].text if i + 1 < len(mods) else ""
        if mod.lower_ in RECOGNITION:
            recognised = True
        if cand is not None and cand.entry is not None:
            following = article.text[cand.end : cand.end + 12].lower()
            is_backer = re.match(
                r"\s*[-\u2013]\s*(backed|led|supported|sponsored|allied|aligned|funded|armed)",
                following,
            )
            if (
                cand.entry.role in ("adjective", "state", "capital")
                and cand.entry.country
            ):
                if is_backer:
                    backers.add(cand.entry.country)
                else:
                    country = cand.entry.country
            elif cand.entry.role in ("city", "region"):
                return  # a local authority ("Donetsk government")
        elif mod.pos_ == "PROPN" and nxt not in ("-", "\u2013") and mod.is_title:
            named = True
    of_country = ""
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    cand = by_start.get(obj.idx)
                    if cand is None:
                        span = [
                            c for c in by_start.values() if c.start <= obj.idx < c.end
                        ]
                        cand = span[0] if span else None
                    if (
                        cand is not None
                        and cand.entry
                        and cand.entry.role in ("state", "capital", "adjective")
                    ):
                        of_country = cand.entry.country
                        end_of = cand.end
    if not (mods or of_country):
        return
    if not (country or of_country or backers or recognised or named):
        return
    start = mods[0].idx if mods else head.idx
    end = head.idx + len(head.text)
    if of_country and not country:
        country = of_country
        end = end_of
    target_country = country
    if recognised:
        candidates = [country] if country else _countries_mentioned(article)
        known = [c for c in candidates if c in article.gaz.recognised_governments]
        if len(known) == 1:
            gov = article.gaz.recognised_governments[known[0]]
            if article.found.free(start, end):
                article.found.actor(
                    start,
                    end,
                    article.text[start:end],
                    gov.canonical,
                    gov.kind or STATE,
                )
            return
    if not target_country:
        target_country = article.focus if article.focus not in backers else ""
    if not target_country:
        return
    if article.found.free(start, end):
        article.found.actor(start, end, article.text[start:end], target_country, STATE)


def _countries_mentioned(article: Article) -> list[str]:
    seen = []
    for cand in article.gaz_cands:
        if cand.entry and cand.entry.country and cand.entry.country not in seen:
            seen.append(cand.entry.country)
    return seen
