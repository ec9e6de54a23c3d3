"""Names as strings: the folding that identifies a name across articles and
transliterations (``actor_key``), the display name among spellings of one identity
(``canonical_name``), and the word tests of personal names.

Plain Python on purpose: no spaCy, no gazetteer, so web code (the timeline's models
and services) can import these without loading the language pipeline.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

_PARTICLES = frozenset({"al", "el"})
_FOLDS = (
    ("gh", "k"),
    ("q", "k"),
    ("ck", "k"),
    ("dh", "d"),
    ("ph", "f"),
    ("dj", "j"),
    ("ou", "u"),
    ("oo", "u"),  # Mahmood, Mahmud
    ("ee", "i"),  # Tayseer, Taysir; Jameel, Jamil
    ("ie", "ei"),  # Hussein, Hussien
    ("y", "i"),
)
_DOUBLE = re.compile(r"(\w)\1+")


# British and American spellings of the words in bodies' names.
_SPELLINGS = {"defence": "defense", "centre": "center", "organisation": "organization"}


def _fold_once(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"['\u2019\u2018`\u02bc\u02bb.]", "", text)
    text = "".join(c if c.isalnum() else " " for c in text)
    words = text.split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    kept = [_SPELLINGS.get(w, w) for w in words if w not in _PARTICLES] or words
    folded = []
    for word in kept:
        if not word.isascii():
            folded.append(word)
            continue
        for old, new in _FOLDS:
            word = word.replace(old, new)
        folded.append(_DOUBLE.sub(r"\1", word))
    return " ".join(folded)


@functools.lru_cache(maxsize=8192)
def actor_key(name: str) -> str:
    """The identity of a name across articles and transliterations.

    Conservative on purpose: it joins spellings of one name (Qasemi, Qassemi,
    Ghasemi; Bashar al-Assad, Bashar Al Assad, Bashar Assad; Zelenskiy,
    Zelensky) but keeps every letter that tells names apart (Iran, Iraq).
    """
    key = name
    for _ in range(8):  # folds can expose new doubles or particles: run to a fixpoint
        nxt = _fold_once(key)
        if nxt == key:
            break
        key = nxt
    return key


# forms of address: kept in a mention ("Mr Lavrov"), never in a canonical name
ADDRESS_WORDS = frozenset(
    """mr mr. mrs mrs. ms ms. dr dr. gen gen. general mullah sheikh shaikh col col.
    colonel lt lt. maj maj. major marshal field brig brig. brigadier admiral adm adm.
    imam ayatollah sir dame prince princess king queen emir sultan sayyed sayyid""".split()
)


_SURNAME_PARTICLES = frozenset("de da di van von der den du la le bin ibn ben".split())


def name_words(name: str) -> list[str]:
    """The words of a personal name that identify someone (not "al", "de", "bin")."""
    return [w for w in actor_key(name).split() if w not in _SURNAME_PARTICLES]


def canonical_name(names: Iterable[str]) -> str:
    """The display name among spellings of one identity, whatever their order.

    The fullest form (most name words, forms of address and particles aside)
    wins, then the most frequent, then mixed case over capitals, then the
    alphabetically first: a function of the multiset of names only.
    """
    counts = Counter(" ".join(n.split()) for n in names if n and n.strip())
    if not counts:
        return ""

    def rank(name: str) -> tuple:
        words = [w for w in name.split() if w.lower() not in ADDRESS_WORDS]
        if words and words[0].lower() == "the":
            words = words[1:]
        significant = [w for w in words if actor_key(w) not in ("", *_PARTICLES)]
        return (
            -len(significant),
            -counts[name],
            name.isupper(),
            name.startswith("the "),
            name,
        )

    return min(counts, key=rank)


def name_shaped(words: list[str]) -> bool:
    """Whether one to four words look like a personal name: capitalised (not all
    capitals) or particles ("De Mistura", "Bashar al-Assad")."""
    particles = (
        "de",
        "al",
        "bin",
        "van",
        "von",
        "el",
        "da",
        "di",
        "ibn",
        "la",
        "le",
    )
    return 1 <= len(words) <= 4 and all(
        (w[:1].isupper() and not w.isupper()) or w.lower() in particles for w in words
    )


# Words of a body's generic name: "the foreign ministry", "the armed forces".
GENERIC_BODY_WORDS = frozenset(
    """the foreign defence defense interior justice health information affairs ministry
    ministries of army armed forces force military police navy air government presidency
    cabinet office department""".split()
)


def generic_reference(text: str) -> bool:
    """A body's generic name ("foreign ministry", "the Army"), which stands for one body
    within an article but no body across articles: never an alias."""
    words = [w.strip(".,").lower() for w in text.split()]
    return bool(words) and set(words) <= GENERIC_BODY_WORDS
