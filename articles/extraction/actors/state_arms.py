"""States named by an adjective before one of their arms ("Russian peacekeepers",
"Azerbaijani and Armenian forces"), found after the other mentions of an article.
"""

from __future__ import annotations

from spacy.tokens import Doc

from ..types import ActorMention
from .gazetteer import state_of

# Nouns for the armed or official arm of a state: "<demonym> forces" acts for the state.
STATE_ARMS = frozenset(
    """forces troops army military soldiers peacekeepers side government officials
    authorities diplomats negotiators delegation navy""".split()
)


def state_arm_mentions(doc: Doc, known: list[ActorMention]) -> list[ActorMention]:
    """States named by an adjective before one of their arms ("Azerbaijani and Armenian
    forces", "Russian peacekeepers"), where no mention covers the word already."""
    covered = {i for m in known for i in range(m.start, m.end)}
    found = []
    for token in doc:
        if token.idx in covered or token.dep_ not in {
            "amod",
            "compound",
            "conj",
            "nmod",
        }:
            continue
        if not token.text[:1].isupper():
            continue
        head = token.head
        while head.dep_ in {"conj", "nmod", "amod"} and head.head is not head:
            if head.lower_ in STATE_ARMS:
                break
            head = head.head
        if head.lower_ not in STATE_ARMS:
            continue
        state = state_of(token.text)
        if state:
            found.append(
                ActorMention(
                    start=token.idx,
                    end=token.idx + len(token.text),
                    text=token.text,
                    canonical=state,
                    kind="state",
                )
            )
    return found
