"""The registry of event kinds, read from ``data/event_kinds.json``: each kind's label,
family, preference, whether it is distinctive, its look-alikes, and the trigger words
that name the same act. The model's choices, the extraction, the merger and the synthetic
data all read it; nothing here imports spaCy or Django."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data" / "event_kinds.json"


@dataclass(frozen=True, slots=True)
class Kind:
    name: str
    label: str
    family: str
    preference: int
    distinctive: bool
    look_alikes: tuple[str, ...]


@cache
def _registry() -> tuple[dict[str, Kind], dict[str, str]]:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    kinds = {
        name: Kind(
            name=name,
            label=spec["label"],
            family=spec["family"],
            preference=spec["preference"],
            distinctive=spec["distinctive"],
            look_alikes=tuple(spec["look_alikes"]),
        )
        for name, spec in data["kinds"].items()
    }
    acts = {word: act for act, words in data["same_act"].items() for word in words}
    return kinds, acts


def kinds() -> dict[str, Kind]:
    """Every kind by name, in the registry's order."""
    return _registry()[0]


def kind_family(kind: str) -> str:
    """Kinds that can describe the same real event (a meeting that is a round of talks)."""
    spec = kinds().get(kind)
    return spec.family if spec else kind


def family_kinds(family: str) -> list[str]:
    return [k.name for k in kinds().values() if k.family == family]


def preference(kind: str) -> int:
    spec = kinds().get(kind)
    return spec.preference if spec else 0


def distinctive(family: str) -> bool:
    return any(k.distinctive for k in kinds().values() if k.family == family)


def same_act(a: str, b: str) -> bool:
    """Whether two trigger lemmas name the same act ("signed" and "sealed" a deal)."""
    acts = _registry()[1]
    return acts.get(a, a) == acts.get(b, b)
