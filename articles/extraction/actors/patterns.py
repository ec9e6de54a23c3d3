"""Constructed phrases that name an actor: "the Russian side", "Saudi-backed
rebels", "pro-Iranian militias", "the Houthi movement", "the UN chief" (the person
who holds the office), "the Russians agreed", "the separatists"; and the country an
article is about, for "the Saudi-backed government".  Governments are in
``governments``.
"""

from __future__ import annotations

import re
from collections import Counter

from spacy.tokens import Token

from .article import Article
from .candidates import Cand
from .gazetteer import GROUP, ORGANISATION, STATE, choose_entry
from .governments import government
from .words import (
    BACKING,
    GOVERNMENT_HEADS,
    GROUP_HEADS,
    LEADING,
    SEPARATIST_HEADS,
)


def focus_country(article: Article, gaz_cands: list[Cand]) -> str:
    """The country an article is about (for "the Saudi-backed government")."""
    counts: Counter[str] = Counter()
    for cand in gaz_cands:
        e = cand.entry
        if e is None or not e.country:
            continue
        nxt = article.text[cand.end : cand.end + 8].lower()
        if re.match(r"\s*-\s*(backed|led|supported|sponsored|brokered)", nxt):
            continue
        counts[e.country] += 1
    if not counts:
        return ""
    best = max(counts.values())
    return min(c for c, n in counts.items() if n == best)


def constructed_phrases(article: Article, gaz_cands: list[Cand]) -> None:
    """Constructed phrases: "<adj> side", governments, backed groups, roles."""
    by_start = {c.start: c for c in gaz_cands}
    for cand in gaz_cands:
        _side_phrase(article, cand)
    for cand in gaz_cands:
        _backed_group(article, cand)
    for tok in article.doc:
        if tok.lower_ == "pro":
            _pro_group(article, tok)
    for tok in article.doc:
        if tok.lower_ in GOVERNMENT_HEADS:
            government(article, tok, by_start)
    for cand in gaz_cands:
        _group_with_head(article, cand)
        _role_phrase(article, cand)
        _demonym(article, cand)


def _side_phrase(article: Article, cand: Cand) -> None:
    e = cand.entry
    if e is None or e.role not in ("adjective", "state", "capital"):
        return
    m = re.match(r"\s+side\b", article.text[cand.end :])
    if not m:
        return
    end = cand.end + m.end()
    if article.found.free(cand.start, end):
        article.found.actor(
            cand.start, end, article.text[cand.start : end], e.country, STATE
        )


def _backed_group(article: Article, cand: Cand) -> None:
    e = cand.entry
    if e is None or e.role not in ("adjective", "state", "capital", "organisation"):
        return
    m = re.match(
        r"\s*[-\u2013]\s*(\w+)\s+((?:[\w-]+\s+){0,2}?)(\w+)\b",
        article.text[cand.end :],
    )
    if not m:
        return
    verb, between, head = m.group(1).lower(), m.group(2).lower(), m.group(3).lower()
    end = cand.end + m.end()
    if verb in LEADING and head in ("coalition", "alliance", "forces", "force"):
        backer = cand.text
        canonical = f"{backer}-led {head}"
        if article.found.free(cand.start, end):
            article.found.actor(
                cand.start,
                end,
                article.text[cand.start : end],
                canonical,
                ORGANISATION if head in ("coalition", "alliance") else GROUP,
            )
        return
    if verb not in BACKING:
        return
    head_class = _head_class(between, head)
    if head_class is None:
        return
    backer = e.country or e.canonical
    if article.found.free(cand.start, end):
        article.found.actor(
            cand.start,
            end,
            article.text[cand.start : end],
            f"{backer}-backed {head_class}",
            GROUP,
        )


def _head_class(between: str, head: str) -> str | None:
    if head in SEPARATIST_HEADS or "separatist" in between:
        if head in SEPARATIST_HEADS or head in GROUP_HEADS:
            return "separatists"
        return None
    if head in GROUP_HEADS and head not in ("movement", "group", "forces"):
        return {"rebel": "rebels", "militia": "militias"}.get(head, head)
    return None


def _pro_group(article: Article, tok: Token) -> None:
    m = re.match(
        r"pro\s*[-\u2013]\s*((?-i:[A-Z][\w.]*(?:\s[A-Z][\w.]*)?))\s+((?:[\w-]+\s+){0,2}?)(\w+)\b",
        article.text[tok.idx :],
        flags=re.IGNORECASE,
    )
    if not m:
        return
    name = m.group(1)
    entries = article.gaz.lookup(name)
    if not entries:
        return
    e = choose_entry(entries)
    if not e.country:
        return
    head_class = _head_class(m.group(2).lower(), m.group(3).lower())
    if head_class is None:
        return
    start, end = tok.idx, tok.idx + m.end()
    if article.found.free(start, end):
        article.found.actor(
            start,
            end,
            article.text[start:end],
            f"{e.country}-backed {head_class}",
            GROUP,
        )


def _group_with_head(article: Article, cand: Cand) -> None:
    e = cand.entry
    if e is None or e.role != "group":
        return
    m = re.match(r"\s+(\w+)\b", article.text[cand.end :])
    if m and m.group(1).lower() in GROUP_HEADS | {"movement"}:
        end = cand.end + m.end()
        if article.found.free(cand.start, end):
            article.found.actor(
                cand.start, end, article.text[cand.start : end], e.canonical, GROUP
            )


def _role_phrase(article: Article, cand: Cand) -> None:
    """'the UN chief said' stands for the person who holds the office."""
    e = cand.entry
    if e is None or e.role != "organisation":
        return
    m = re.match(
        r"\s+(chief|head|secretary[- ]general|envoy|spokes(?:man|woman|person))\b"
        r"(?!\s+(?-i:[A-Z]))",
        article.text[cand.end :],
        flags=re.IGNORECASE,
    )
    if not m:
        return
    end = cand.end + m.end()
    if article.found.free(cand.start, end):
        article.pending_roles.append((cand.start, end, e.canonical))
        article.found.taken.append((cand.start, end))


def _demonym(article: Article, cand: Cand) -> None:
    """'the Russians agreed': a plural demonym with the article stands for its state."""
    e = cand.entry
    if e is None:
        return
    entries = article.gaz.lookup(cand.text)
    dem = next((x for x in entries if x.role == "demonym"), None)
    if dem is None or not re.search(
        r"\bthe\s+$", article.text[max(0, cand.start - 5) : cand.start], re.I
    ):
        return
    if (
        cand.token.dep_ in ("amod", "compound")
        or not cand.text.endswith("s")
        and cand.token.dep_ != "pobj"
        and cand.token.dep_ not in ("nsubj", "nsubjpass")
    ):
        return
    if article.found.free(cand.start, cand.end):
        article.found.actor(cand.start, cand.end, cand.text, dem.country, STATE)


def bare_group_nouns(article: Article) -> None:
    """'the separatists', 'separatist rebels': the one such group the article names."""
    separatists = {
        a.canonical
        for a in article.found.actors
        if a.canonical.endswith("-backed separatists")
    }
    if len(separatists) != 1:
        return
    group = separatists.pop()
    for m in re.finditer(
        r"\b[Ss]eparatist(?:s|\s+(?:rebels|fighters|militias|forces))\b", article.text
    ):
        if article.found.free(m.start(), m.end()):
            before = article.text[max(0, m.start() - 12) : m.start()].lower()
            if re.search(r"(the|between|and)\s+$", before):
                article.found.actor(m.start(), m.end(), m.group(), group, GROUP)
