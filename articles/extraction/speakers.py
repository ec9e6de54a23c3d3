"""Who makes a remark, compared across tellings (no spaCy: merging reads it too)."""

from __future__ import annotations

from collections.abc import Iterable


def speakers_agree(
    speakers_a: Iterable[str],
    scope_a: Iterable[str],
    speakers_b: Iterable[str],
    scope_b: Iterable[str],
) -> bool:
    """Whether two remarks can be one speaker's: the speakers one names are all among
    the other's speakers and the states they belong to ("Iran's foreign ministry
    spokesman" and "Bahram Qassemi", of Iran), but "Ukraine and Turkey" are not
    "Turkey's defence ministry"."""
    speakers_a, speakers_b = set(speakers_a), set(speakers_b)
    if not speakers_a or not speakers_b:
        return False
    return speakers_a <= set(scope_b) or speakers_b <= set(scope_a)
