"""A cheap language check: extraction rules are English, so other languages are flagged."""

from __future__ import annotations

import re

# The most frequent English function words; news prose is dense with them.
ENGLISH_FUNCTION_WORDS = frozenset(
    "the of and to a in is that for on was with as by at from he it said his have has"
    " be are were an which not or but its they their this had been will who after".split()
)
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def guess_language(text: str) -> str:
    """'en' when the text reads as English, 'und' (undetermined) otherwise."""
    words = [w.lower() for w in WORD.findall(text[:20000])]
    if len(words) < 8:
        return "en"  # too short to judge; let extraction try
    share = sum(w in ENGLISH_FUNCTION_WORDS for w in words) / len(words)
    return "en" if share >= 0.12 else "und"
