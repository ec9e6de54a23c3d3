"""Event coreference within an article: a mention with no date of its own that refers to
an event the article dates elsewhere is evidence for that event, not an event.

News tells of an event once with its date and then refers back to it: "the deal", "the
truce had begun", "Qassemi added", "a cease-fire agreement they signed". Such a mention
takes the date of the event it refers to (anchor ``REFERENCE``), so merging puts it on
that event. An undated mention of an act by named parties (a definite noun, a verb in
the past) that the article dates nowhere may be told, with its date, by another outlet:
it takes the week before publication (anchor ``WINDOW``) and merging joins it to such an
event, or leaves it waiting, hidden. The rest (aims, conditions, general remarks,
descriptions) are dropped.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from spacy.tokens import Doc, Token

from .headlines import REPORTING_VERBS
from .kinds import kind_family
from .speakers import speakers_agree
from .types import Anchor, DateInterval, EventCandidate, Precision, Timex

# Determiners and possessives that make a noun a reference to a known event.
DEFINITE = {
    "the",
    "this",
    "that",
    "these",
    "those",
    "its",
    "their",
    "his",
    "her",
    "our",
}
# Words that deny or generalise: "no agreement would succeed", "any deal".
NON_SPECIFIC = {"no", "any", "every", "each", "such", "another"}
# Kinds an undated mention of its own can stand for: acts that happen, not remarks.
STANDALONE_KINDS = {
    "attack",
    "agreement",
    "ceasefire_start",
    "ceasefire_end",
    "meeting",
}


def resolve_references(
    doc: Doc, candidates: list[EventCandidate], published_at: dt.date | None = None
) -> list[EventCandidate]:
    """Date each undated candidate by the event it refers to; drop the ones that refer to
    nothing and tell of no act of their own. Dated candidates pass unchanged."""
    dated = [c for c in candidates if c.timex is not None and c.timex.interval]
    result: list[EventCandidate] = []
    for candidate in candidates:
        if candidate.timex is not None:
            result.append(candidate)
            continue
        trigger = _trigger(doc, candidate)
        if trigger is None or _non_specific(trigger):
            continue
        antecedent = find_antecedent(
            candidate,
            _possible(dated, trigger, published_at),
            definite=_definite(trigger),
        )
        if antecedent is not None:
            if antecedent.sentence_index != candidate.sentence_index:
                result.append(refer(candidate, antecedent))
            # In the same sentence it adds nothing: the sentence is evidence already.
        elif published_at is not None and _refers_elsewhere(trigger, candidate):
            result.append(replace(candidate, timex=window(trigger, published_at)))
        elif _standalone(trigger, candidate):
            result.append(candidate)
    return result


def find_antecedent(
    candidate: EventCandidate, dated: list[EventCandidate], *, definite: bool
) -> EventCandidate | None:
    """The dated event a mention refers to: the same kind family, no contradicting
    ordinal, and shared participants. A mention naming no one refers only when it is
    definite ("the truce"); a remark refers only to one by the same speaker. Among
    several, the one sharing most participants and places, of the same kind, then the
    nearest before it."""
    family = kind_family(candidate.kind)
    names = {m.canonical for m in candidate.actors}
    places = {p.canonical for p in candidate.places}
    best: tuple | None = None
    chosen = None
    for other in dated:
        if kind_family(other.kind) != family:
            continue
        if candidate.ordinal and other.ordinal and candidate.ordinal != other.ordinal:
            continue
        shared = len(names & {m.canonical for m in other.actors})
        if names and other.actors and not shared and not definite:
            continue  # other participants: another event, unless "the deal" says so
        if family == "statement" and not _same_speaker(candidate, other):
            continue
        if not shared and not definite:
            continue
        distance = candidate.sentence_index - other.sentence_index
        rank = (
            shared + len(places & {p.canonical for p in other.places}),
            other.kind == candidate.kind,
            distance >= 0,
            -abs(distance),
        )
        if best is None or rank > best:
            best, chosen = rank, other
    return chosen


def _same_speaker(a: EventCandidate, b: EventCandidate) -> bool:
    """Two remarks by one speaker: a speaker named in both ("Qassemi said", "Qassemi
    added"). A remark whose speaker the text does not name refers to nothing."""
    return speakers_agree(
        [name for name, _ in a.speakers],
        [name for pair in a.speakers for name in pair if name],
        [name for name, _ in b.speakers],
        [name for pair in b.speakers for name in pair if name],
    )


def refer(candidate: EventCandidate, antecedent: EventCandidate) -> EventCandidate:
    """The candidate dated as the event it refers to, less sure than that event's own
    telling (so the event keeps its own title and date)."""
    timex = antecedent.timex
    assert timex is not None
    return replace(
        candidate,
        kind=antecedent.kind
        if kind_family(antecedent.kind) == "talks"
        else candidate.kind,
        timex=replace(timex, anchor=Anchor.REFERENCE),
        ordinal=candidate.ordinal or antecedent.ordinal,
        confidence=round(
            max(0.0, min(candidate.confidence, antecedent.confidence) - 0.1), 2
        ),
    )


def _possible(
    dated: list[EventCandidate], trigger: Token, published_at: dt.date | None
) -> list[EventCandidate]:
    """Events a mention can refer to by its tense: what a past tense tells of ("had
    reached the deal") happened by the publication date, not after it."""
    if published_at is None or not _past(trigger):
        return dated
    return [
        c
        for c in dated
        if c.timex is not None
        and c.timex.interval is not None
        and c.timex.interval.start.date() <= published_at
    ]


def _past(trigger: Token) -> bool:
    verb = trigger if trigger.pos_ in {"VERB", "AUX"} else trigger.head
    if verb.pos_ not in {"VERB", "AUX"}:
        return False
    auxiliaries = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    if verb.tag_ == "VBD" and not auxiliaries:
        return True
    return verb.tag_ == "VBN" and any(
        a.tag_ == "VBD" or a.lemma_ == "have" for a in auxiliaries
    )


# How far back a reference to an event told elsewhere may reach.
WINDOW_DAYS = 7


def _refers_elsewhere(trigger: Token, candidate: EventCandidate) -> bool:
    """ "The deal, announced overnight and signed by Moscow", "Lavrov said some sides had
    signed the ceasefire deal", "Armenia's defence ministry denied the allegations": a
    mention of an act done (a definite noun, or a verb in the past) by named parties,
    that the article does not date. Another outlet may tell when: merging looks for it
    in the week before publication."""
    if candidate.kind == "statement":
        named = bool(candidate.speakers)
    else:
        named = bool(candidate.actors)
    if not named:
        return False
    if trigger.pos_ in {"NOUN", "PROPN"}:
        return _definite(trigger)
    return _past(trigger) and not any(c.dep_ == "neg" for c in trigger.children)


def window(trigger: Token, published_at: dt.date) -> Timex:
    """The days a reference with no date of its own may point to: the week before the
    publication date, and that day."""
    end = dt.datetime.combine(published_at, dt.time(23, 59))
    start = dt.datetime.combine(
        published_at - dt.timedelta(days=WINDOW_DAYS), dt.time()
    )
    return Timex(
        start=trigger.idx,
        end=trigger.idx + len(trigger.text),
        text=trigger.text,
        type="DATE",
        value="PAST_REF",
        anchor=Anchor.WINDOW,
        interval=DateInterval(start, end, Precision.WEEK),
    )


def _trigger(doc: Doc, candidate: EventCandidate) -> Token | None:
    span = doc.char_span(candidate.trigger_start, candidate.trigger_end)
    return span[0] if span is not None and len(span) == 1 else None


def _definite(trigger: Token) -> bool:
    """ "the deal", "its truce", "the ceasefire had begun": a noun that names a known
    event, or a verb whose subject or object does."""
    nouns = [trigger]
    if trigger.pos_ in {"VERB", "AUX"}:
        nouns = [
            c for c in trigger.children if c.dep_ in {"nsubj", "nsubjpass", "dobj"}
        ]
    return any(
        c.dep_ == "poss" or c.dep_ == "det" and c.lower_ in DEFINITE
        for noun in nouns
        for c in noun.children
    )


def _non_specific(trigger: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in NON_SPECIFIC for c in trigger.children)


def _standalone(trigger: Token, candidate: EventCandidate) -> bool:
    """An undated act told in the simple past by the main clause, with a named
    participant and no negation: something happened, the text just does not say when."""
    if candidate.kind not in STANDALONE_KINDS or not candidate.actors:
        return False
    reported = (
        trigger.dep_ == "ccomp" and trigger.head.lemma_.lower() in REPORTING_VERBS
    )
    if trigger.pos_ != "VERB" or trigger.dep_ not in {"ROOT", "conj"} and not reported:
        return False
    if any(c.dep_ in {"neg", "aux", "auxpass"} for c in trigger.children):
        return False
    return trigger.tag_ == "VBD"
