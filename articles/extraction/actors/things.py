"""Names of things, not actors: ships, weapons, buildings and compass-named places.

The small English model labels "the Razoni", "Kalibr missiles", "Teaching Hospital" or
"Khartoum North" as organisations or people; what stands around the name says what it
is. Ships ("the cargo ship Razoni", "flying the flag of Sierra Leone": the flag state
does not act either) and weapons ("Kalibr missiles") are dropped; buildings and places
named with a compass point become places.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ..types import ActorMention, PlaceMention

VESSEL_NOUNS = frozenset(
    """ship ships vessel vessels freighter tanker carrier bulker boat boats ferry frigate
    corvette destroyer cruiser submarine warship flagship""".split()
)
WEAPON_NOUNS = frozenset(
    """missile missiles rocket rockets drone drones launcher launchers system systems
    howitzer howitzers tank tanks jet jets fighter fighters helicopter helicopters
    rifle rifles shell shells bomb bombs munition munitions interceptor interceptors
    artillery warhead warheads""".split()
)
BUILDING_HEADS = frozenset(
    """hospital school university mosque church cathedral temple airport bridge stadium
    palace hotel market prison jail camp station tower building mall refinery plant dam
    square barracks compound clinic academy factory terminal""".split()
)
COMPASS = frozenset(
    "north south east west northern southern eastern western central".split()
)


def separate_things(
    doc: Doc, actors: list[ActorMention], places: list[PlaceMention]
) -> tuple[list[ActorMention], list[PlaceMention]]:
    """The actors that are names of actors, and the places with the buildings and
    compass-named places moved to them."""
    kept: list[ActorMention] = []
    moved: list[PlaceMention] = []
    known = {p.canonical.lower() for p in places}
    for mention in actors:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None or mention.kind not in {
            "organisation",
            "person",
            "group",
            "state",
        }:
            kept.append(mention)
            continue
        if _vessel(span) or _weapon(span) or _flag_state(span):
            continue
        if mention.kind != "state" and (_building(span) or _compass_place(span, known)):
            moved.append(
                PlaceMention(
                    mention.start, mention.end, mention.text, mention.canonical
                )
            )
            continue
        kept.append(mention)
    places = [p for p in places if not _thing(doc, p)]
    return kept, sorted([*places, *moved], key=lambda m: (m.start, m.end))


def _thing(doc: Doc, place: PlaceMention) -> bool:
    """A place that is a weapon's or a ship's name, or a flag state."""
    span = doc.char_span(place.start, place.end, alignment_mode="expand")
    return span is not None and (
        _weapon(span) or _flag_state(span) or _named_vessel(span)
    )


def _named_vessel(span: Span) -> bool:
    root = span.root
    return root.dep_ in {"appos", "compound"} and root.head.lower_ in VESSEL_NOUNS


def _neighbours(span: Span) -> list[Token]:
    """The words the name leans on: its head, appositions, and the nouns right beside it."""
    root = span.root
    near = [root.head, *(c for c in root.children if c.dep_ in {"appos", "compound"})]
    doc = span.doc
    if span.end < len(doc):
        near.append(doc[span.end])
    if span.start > 0:
        near.append(doc[span.start - 1])
    if root.dep_ == "appos":
        near.append(root.head)
    return [t for t in near if not _inside(t, span)]


def _vessel(span: Span) -> bool:
    return any(t.lower_ in VESSEL_NOUNS for t in _neighbours(span)) or any(
        t.lower_ in VESSEL_NOUNS for t in span
    )


def _weapon(span: Span) -> bool:
    """ "Kalibr missiles": the name modifies a weapon noun."""
    root = span.root
    return (
        root.dep_ == "compound"
        and root.head.lower_ in WEAPON_NOUNS
        or (
            span.end < len(span.doc)
            and span.doc[span.end].lower_ in WEAPON_NOUNS
            and span.root.dep_ in {"compound", "nmod", "amod"}
        )
    )


def _flag_state(span: Span) -> bool:
    """ "flying the flag of Sierra Leone", "a Panama-flagged tanker"."""
    root = span.root
    if (
        root.dep_ == "pobj"
        and root.head.lower_ == "of"
        and root.head.head.lemma_ == "flag"
    ):
        return True
    after = span.doc[span.end : span.end + 2]
    return any(t.lower_ in {"flagged", "-flagged"} for t in after)


def _building(span: Span) -> bool:
    return span[-1].lower_ in BUILDING_HEADS or (
        span.end < len(span.doc)
        and span.doc[span.end].lower_ in BUILDING_HEADS
        and span.doc[span.end].text[:1].isupper()
    )


def _compass_place(span: Span, known: set[str]) -> bool:
    """ "Khartoum North", "South Kordofan": a compass word and a place name."""
    words = [t.lower_ for t in span]
    if len(words) < 2 or not (words[0] in COMPASS or words[-1] in COMPASS):
        return False
    rest = " ".join(w for w in words if w not in COMPASS)
    return rest in known or any(
        t.ent_type_ in {"GPE", "LOC"} for t in span if t.lower_ not in COMPASS
    )


def _inside(token: Token, span: Span) -> bool:
    return span.start <= token.i < span.end
