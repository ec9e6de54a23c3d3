"""spaCy's entities that the gazetteers do not know: people (also ORG, GPE and
NORP entities that look personal), organisations, unknown places, and what to
skip (outlets, times, furniture of a news page).
"""

from __future__ import annotations

from .article import Article
from .candidates import Cand
from .gazetteer import ORGANISATION
from .metonymy import source_context
from .names import ADDRESS_WORDS, actor_key, name_shaped, name_words
from .people import add_person
from .words import (
    FACILITY_NOUNS,
    LOCATIVE_PREPS,
    ORG_HEADS,
    PLACE_NOUNS,
    TIME_WORDS,
    TITLE_WORDS,
)


def ner_mentions(article: Article, ner_cands: list[Cand]) -> None:
    """Mentions of the entities the gazetteers do not know."""
    deferred: list[Cand] = []
    for cand in ner_cands:
        if not article.found.free(cand.start, cand.end):
            continue
        text = cand.text
        words = text.split()
        lower_words = {w.lower().strip(".,") for w in words}
        if "@" in text or "#" in text:
            continue
        undotted = {w.replace(".", "") for w in lower_words}
        if (lower_words | undotted) & TIME_WORDS or any(ch.isdigit() for ch in text):
            continue  # "GMT", "p.m."
        if len(words) >= 2 and lower_words <= article.gaz.furniture_words:
            continue
        if cand.label in ("ORG", "PERSON") and _is_outlet(article, cand, lower_words):
            continue
        if cand.label == "PERSON" or (
            cand.label in ("ORG", "GPE", "NORP") and _looks_personal(article, cand)
        ):
            if _place_context(article, cand) and not _has_person_evidence(
                article, cand
            ):
                _unknown_place(article, cand)
            else:
                add_person(article, cand)
            continue
        if cand.label == "ORG":
            if _place_context(article, cand) and not (lower_words & ORG_HEADS):
                _unknown_place(article, cand)
                continue
            if words[-1].lower() in TITLE_WORDS and not lower_words & ORG_HEADS:
                continue  # "National Security Advisor": a role, not a body
            if (
                words[0].lower() in TITLE_WORDS
                and article.prev_words(cand.start, 1) == "of"
            ):
                continue  # "Secretary of State"
            if not lower_words & ORG_HEADS and name_shaped(words):
                deferred.append(
                    cand
                )  # "De Mistura": a person, if the article names one
                continue
            article.found.actor(
                cand.start, cand.end, text, " ".join(words), ORGANISATION
            )
            continue
        if cand.label in ("GPE", "LOC", "FAC"):
            if cand.label == "LOC" and not _place_context(article, cand):
                continue
            _unknown_place(article, cand)
            continue
        if cand.label == "NORP" and _place_context(article, cand):
            _unknown_place(article, cand)
    full_names = [
        actor_key(name).split()
        for _, _, name in article.people
        if len(name_words(name)) >= 2
    ]
    for cand in deferred:
        key = actor_key(cand.text).split()
        if key and any(k[-len(key) :] == key for k in full_names):
            add_person(article, cand)
        else:
            article.found.actor(
                cand.start,
                cand.end,
                cand.text,
                " ".join(cand.text.split()),
                ORGANISATION,
            )


def _is_outlet(article: Article, cand: Cand, lower_words: set[str]) -> bool:
    if lower_words & article.gaz.media_words:
        return True
    if (
        cand.label == "ORG"
        and not (lower_words & ORG_HEADS)
        and source_context(article, cand)
    ):
        return True
    after = article.text[cand.end : cand.end + 3]
    before = article.text[max(0, cand.start - 3) : cand.start]
    if before.rstrip().endswith(("\u2014", "\u2013")) and (
        cand.end == len(article.text.rstrip()) or after.startswith("\n")
    ):
        return True
    return False


def _looks_personal(article: Article, cand: Cand) -> bool:
    words = cand.text.split()
    if not 1 <= len(words) <= 4 or {w.lower() for w in words} & ORG_HEADS:
        return False
    if not all(
        w[:1].isupper()
        or w.lower() in ("de", "al", "bin", "van", "von", "el", "da", "di", "ibn")
        for w in words
    ):
        return False
    if any(w.isupper() and len(w) > 1 for w in words):
        return False
    prev = article.prev_token(cand.start)
    if prev is not None and (
        prev.lower_ in TITLE_WORDS or prev.lower_ in ADDRESS_WORDS
    ):
        return prev.lower_ not in ("the", "of", "to", "for", "state")
    return len(words) == 1 and _surname_of_known(article, words[0]) is not None


def _surname_of_known(article: Article, word: str) -> str | None:
    key = actor_key(word)
    for ent in article.doc.ents:
        if (
            ent.label_ == "PERSON"
            and len(ent.text.split()) >= 2
            and actor_key(ent.text).split()[-1:] == key.split()[-1:]
        ):
            return ent.text
    return None


def _has_person_evidence(article: Article, cand: Cand) -> bool:
    prev = article.prev_token(cand.start)
    if prev is not None and (
        prev.lower_ in ADDRESS_WORDS
        or prev.lower_ in TITLE_WORDS - {"the", "of", "to", "for"}
    ):
        return True
    return (
        _surname_of_known(article, cand.text.split()[-1]) is not None
        and len(cand.text.split()) <= 2
    )


def _place_context(article: Article, cand: Cand) -> bool:
    tok = cand.token
    seen = 0
    while tok.dep_ in ("conj", "appos") and seen < 10:
        tok = tok.head
        seen += 1
    if tok.dep_ == "pobj" and tok.head.lower_ in LOCATIVE_PREPS | {"from"}:
        return True
    if (
        tok.dep_ == "pobj"
        and tok.head.lower_ == "of"
        and tok.head.head.lemma_.lower() in PLACE_NOUNS | {"port", "city", "town"}
    ):
        return True
    if tok.dep_ in ("appos", "compound") and tok.head.lemma_.lower() in PLACE_NOUNS:
        return True
    nxt = article.next_token(cand.end)
    if nxt is not None and nxt.lower_ in FACILITY_NOUNS | {
        "district",
        "province",
        "governorate",
        "region",
        "area",
        "areas",
    }:
        return True
    # a conjunct of a known place ("in Deraa and Quneitra")
    for child in list(cand.token.children) + [cand.token.head]:
        if child.dep_ == "conj" or cand.token.dep_ == "conj":
            for p in article.found.places:
                if p.start <= child.idx < p.end:
                    return True
    return False


def _unknown_place(article: Article, cand: Cand) -> None:
    start, end = cand.start, cand.end
    text = cand.text
    nxt = article.next_token(end)
    canonical = " ".join(text.split())
    if nxt is not None and nxt.lower_ in FACILITY_NOUNS:
        end = nxt.idx + len(nxt.text)
        text = article.text[start:end]
        canonical = f"{canonical} {nxt.lower_}"
    entries = article.gaz.lookup(canonical)
    country = next((e.country for e in entries if e.country), "")
    for word in canonical.split():
        for e in article.gaz.lookup(word):
            if e.role in ("state",) and not country:
                country = e.country
    if article.found.free(start, end):
        article.found.place(start, end, text, canonical, country)
