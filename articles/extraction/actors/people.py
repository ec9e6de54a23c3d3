"""People: the mention of a person (forms of address kept, job titles dropped) and
one canonical name per person in the article, short forms ("Qasemi", "Mr Lavrov")
mapped to the one full name they end; "the UN chief" resolved to the one person named.
"""

from __future__ import annotations

import re

from ..types import ActorMention
from .article import Article
from .candidates import Cand
from .gazetteer import PERSON
from .names import ADDRESS_WORDS, actor_key, canonical_name, name_words
from .words import TITLE_WORDS


def add_person(article: Article, cand: Cand) -> None:
    """A person's mention, linked to a canonical name later by ``link_people``."""
    start, end = cand.start, cand.end
    words = list(re.finditer(r"\S+", article.text[start:end]))
    # job titles inside the entity are dropped from the mention ("Secretary Pompeo")
    i = 0
    while i < len(words) - 1 and words[i].group().lower().strip(".") in TITLE_WORDS:
        i += 1
    address_start = None
    while i < len(words) - 1 and words[i].group().lower() in ADDRESS_WORDS:
        address_start = address_start if address_start is not None else i
        i += 1
    kept_words = [w.group() for w in words[i:]]
    if not kept_words:
        return
    mention_start = (
        start + words[address_start if address_start is not None else i].start()
    )
    # a form of address just before the entity belongs to the mention ("Gen Khalifa Haftar")
    before = article.text[:mention_start]
    m = re.search(
        r"(?:\b(?:Mr|Mrs|Ms|Dr|Gen|General|Mullah|Sheikh|Col|Colonel|Lt|Marshal"
        r"|Field Marshal|Brig|Admiral|Imam|Ayatollah|Sir|Dame|Prince|King|Queen|Emir"
        r"|Sultan)\.?\s+)+$",
        before,
    )
    if m and not re.search(
        r"\b(?:Secretary|Attorney|Solicitor|Inspector|Director|Consul|Governor|Auditor|Surgeon|Procurator)\s*$",
        before[: m.start()],
    ):
        mention_start = m.start()
    text = article.text[mention_start:end]
    name = " ".join(kept_words)
    if not article.found.free(mention_start, end):
        return
    article.people.append((Cand(mention_start, end, cand.token, "PERSON"), text, name))
    article.found.taken.append((mention_start, end))


def link_people(article: Article) -> None:
    """One canonical name per person in the article: full names folded by actor_key,
    short forms ("Qasemi", "Mr Lavrov", "De Mistura") mapped to the one full name
    they end."""
    full: dict[str, list[str]] = {}
    for _, _, name in article.people:
        if len(name_words(name)) >= 2:
            full.setdefault(actor_key(name), []).append(name)
    canon_of_key = {}
    for key, names in full.items():
        canon_of_key[key] = article.gaz.people.get(key) or canonical_name(names)
    for cand, text, name in article.people:
        key = actor_key(name)
        if key in canon_of_key:
            canonical = canon_of_key[key]
        else:
            tail = key.split()
            matches = (
                {
                    canon_of_key[k]
                    for k in canon_of_key
                    if k.split()[-len(tail) :] == tail
                }
                if tail
                else set()
            )
            if len(matches) == 1:
                canonical = matches.pop()
            else:
                canonical = article.gaz.people.get(key, name)
        article.found.actors.append(
            ActorMention(cand.start, cand.end, text, canonical, PERSON)
        )
    _resolve_roles(article, canon_of_key)


def _resolve_roles(article: Article, canon_of_key: dict[str, str]) -> None:
    """ "The UN envoy said": the one person the article names, when the text names
    them with that organisation ("UN envoy Staffan de Mistura"); an envoy of another
    body is someone else."""
    people = set(canon_of_key.values())
    if len(people) != 1:
        return
    person = next(iter(people))
    starts = [
        m.start
        for m in article.found.actors
        if m.kind == PERSON and m.canonical == person
    ]
    for start, end, org in article.pending_roles:
        near = any(
            c.entry is not None and c.entry.canonical == org and 0 <= s - c.end <= 60
            for c in article.gaz_cands
            for s in starts
        )
        if near:
            article.found.actors.append(
                ActorMention(start, end, article.text[start:end], person, PERSON)
            )
