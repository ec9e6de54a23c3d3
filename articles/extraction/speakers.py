"""Who makes a remark, compared across tellings (no spaCy: merging reads it too)."""

from __future__ import annotations


def speakers_agree(
    speakers_a: list[str], scope_a: list[str], speakers_b: list[str], scope_b: list[str]
) -> bool:
    """Whether two remarks can be one speaker's: the speakers one names are all among
    the other's speakers and the states they belong to ("Iran's foreign ministry
    spokesman" and "Bahram Qassemi", of Iran), but "Ukraine and Turkey" are not
    "Turkey's defence ministry"."""
    if not speakers_a or not speakers_b:
        return False
    return set(speakers_a) <= set(scope_b) or set(speakers_b) <= set(scope_a)
