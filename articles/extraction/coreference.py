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
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from .components import text_of, time_vocabulary, words_in
from .dates import day_span
from .headlines import REPORTING_VERBS
from .kinds import kind_family
from .speakers import speakers_agree
from .tense import done_act
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
    """Date each undated candidate by the event it refers to, or by the event it is told
    against ("minutes after the truce took effect"); drop the ones that refer to nothing
    and tell of no act of their own. Dated candidates pass unchanged."""
    dated = [c for c in candidates if c.timex is not None and c.timex.interval]
    resolved: list[EventCandidate | None] = []
    for candidate in candidates:
        if candidate.timex is not None:
            resolved.append(candidate)
            continue
        resolved.append(None)
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
                resolved[-1] = refer(candidate, antecedent)
            # In the same sentence it adds nothing: the sentence is evidence already.
        elif published_at is not None and _refers_elsewhere(trigger, candidate):
            resolved[-1] = replace(candidate, timex=window(trigger, published_at))
        elif _standalone(trigger, candidate):
            resolved[-1] = candidate
    for relation in told_against(doc, candidates):
        for target, source, gap in relation.directions():
            if relation.may_date(target, candidates[target]):
                timex = shifted(resolved[source], gap, doc, relation.words)
                if timex is not None and not _twin(
                    candidates[target], resolved[source], timex
                ):
                    resolved[target] = replace(candidates[target], timex=timex)
    return [c for c in resolved if c is not None]


# Relative to another event ------------------------------------------------------------

# Words for a gap that keeps an event on the day of the one it is told against:
# "minutes after", "hours before", "shortly after", "just after".
TELLING_WORDS = frozenset({"after", "before"})
SAME_DAY_GAPS = {"minute", "hour", "moment", "shortly", "soon", "immediately", "just"}
DAY_GAPS = {"day": 1, "week": 7}
CLOCK_GAPS = {"minute": 1, "hour": 60}  # "30 minutes before": in minutes


@dataclass(frozen=True, slots=True)
class Relation:
    """One event told against another: "rebels shelled the town (telling) two days
    after the deal was signed (told)"."""

    telling: int  # candidate indexes
    told: int
    gap: dt.timedelta | None  # from the earlier to the later (None: within the day)
    after: bool  # the telling event is the later one
    words: tuple[int, int]  # the characters saying so ("two days after")
    clause: tuple[int, int]  # the characters of the told event's clause

    def directions(self) -> list[tuple[int, int, dt.timedelta | None]]:
        """(target, source, time from the source's date to the target's), both ways."""
        if self.gap is None:
            return [(self.telling, self.told, None), (self.told, self.telling, None)]
        gap = self.gap if self.after else -self.gap
        return [(self.telling, self.told, gap), (self.told, self.telling, -gap)]

    def may_date(self, index: int, candidate: EventCandidate) -> bool:
        """Whether the relation dates this candidate: it has no date of its own (a
        reference guessed for it gives way to the gap the text states), or it took the
        other clause's date ("a day before the talks opened on Tuesday, militias stormed
        the town")."""
        timex = candidate.timex
        if timex is None:
            return True
        inside = self.clause[0] <= timex.start < self.clause[1]
        return inside if index == self.telling else not inside


def _twin(target: EventCandidate, source: EventCandidate | None, timex: Timex) -> bool:
    """Two events of one kind family on one day in one sentence ("shortly after the
    Saturday announcement, Macron welcomed it"): a sentence gives at most one reading
    per family and date (events.find_events), so the relation dates neither twice."""
    return (
        source is not None
        and source.timex is not None
        and kind_family(target.kind) == kind_family(source.kind)
        and timex.value[:10] == source.timex.value[:10]
    )


def told_against(doc: Doc, candidates: list[EventCandidate]) -> list[Relation]:
    """Pairs of events one sentence tells one against the other with a gap it states:
    "rebels shelled the town two days after the deal was signed", "hours before the
    talks opened". Only gaps of minutes, hours or whole days and weeks."""
    triggers = {i: _trigger(doc, c) for i, c in enumerate(candidates)}
    relations = []
    for word in words_in(doc, TELLING_WORDS):
        if word.dep_ not in {"mark", "prep"}:
            continue
        clause = word.head if word.dep_ == "mark" else word
        main = clause.head if word.dep_ == "mark" else word.head
        if clause is main:
            continue
        gap = _gap(word)
        if gap is None:
            continue
        length, first = gap
        inside = {t.i for t in clause.subtree} - {word.i}
        told = [i for i, t in triggers.items() if t is not None and _heads(t, clause)]
        telling = [
            i
            for i, t in triggers.items()
            if t is not None and t.i not in inside and _heads(t, main)
        ]
        span = doc[min(inside) : max(inside) + 1] if inside else None
        if span is None:
            continue
        relations += [
            Relation(
                telling=a,
                told=b,
                gap=length,
                after=word.lower_ == "after",
                words=(first.idx, word.idx + len(word)),
                clause=(span.start_char, span.end_char),
            )
            for a in telling
            for b in told
        ]
    return relations


def _heads(trigger: Token, verb: Token) -> bool:
    """The trigger is the clause's verb, or its subject, object or verb complement
    ("the truce came into effect", "began shelling"), or the "of" noun of one ("carried
    out a wave of airstrikes")."""
    arguments = {"nsubj", "nsubjpass", "dobj", "xcomp", "pobj"}
    if trigger == verb or trigger.head == verb and trigger.dep_ in arguments:
        return True
    holder = trigger.head.head
    return (
        trigger.dep_ == "pobj"
        and trigger.head.lower_ == "of"
        and holder.head == verb
        and holder.dep_ in arguments - {"xcomp"}
    )


def _gap(word: Token) -> tuple[dt.timedelta | None, Token] | None:
    """What an "after"/"before" says lies between two events, and the first word saying
    it: "two days after" two days, "30 minutes before" half an hour, "minutes after" and
    "shortly after" the same day (None: less than a day, not said how much). None when
    the gap is not said ("after the talks") or not in these units. The gap is read from
    the words right before, whatever the parse made of them ("near Mopti hours
    before")."""
    if word.i == 0:
        return None
    doc = word.doc
    unit = doc[word.i - 1]
    lemma = unit.lemma_.lower()
    count = _count(unit, doc[unit.i - 1]) if unit.i else None
    if lemma in CLOCK_GAPS and count:
        return dt.timedelta(minutes=count * CLOCK_GAPS[lemma]), doc[unit.i - 1]
    if lemma in SAME_DAY_GAPS or unit.lower_ in SAME_DAY_GAPS:
        first = unit
        while first.i > 0 and doc[first.i - 1].lower_ in SAME_DAY_GAPS:
            first = doc[first.i - 1]
        return None, first
    if lemma in DAY_GAPS and count:
        return dt.timedelta(days=count * DAY_GAPS[lemma]), doc[unit.i - 1]
    return None


def _count(unit: Token, before: Token) -> int | None:
    """How many of a unit: "two days" 2, "a day" and "the day" 1, "days" unknown."""
    if before.like_num:
        text = before.lower_
        return int(text) if text.isdigit() else time_vocabulary()["number"].get(text)
    if before.lower_ in {"a", "an", "the"} and unit.tag_ == "NN":
        return 1
    return None


def shifted(
    source: EventCandidate | None,
    gap: dt.timedelta | None,
    doc: Doc,
    span: tuple[int, int],
) -> Timex | None:
    """The date ``gap`` after (before, if negative) the source event's, as the words at
    ``span`` say: to the minute when both are that precise ("30 minutes before" a
    ceasefire at midnight), else the day. A gap of days needs a source known to the day;
    a gap within the day (None) keeps a coarser date as it is."""
    if source is None or source.timex is None or source.timex.interval is None:
        return None
    if source.timex.anchor == Anchor.WINDOW:
        return None
    interval = source.timex.interval
    clock = interval.precision in {Precision.HOUR, Precision.MINUTE}
    fine = clock or interval.precision == Precision.DAY
    if gap is not None and not fine:
        return None
    if gap is not None and clock and gap % dt.timedelta(days=1):
        moment = interval.start + gap
        value = moment.strftime("%Y-%m-%dT%H:%M")
        precision = Precision.MINUTE if moment.minute else interval.precision
        end = (
            moment.replace(second=59)
            if precision == Precision.MINUTE
            else (moment.replace(minute=59, second=59))
        )
        interval = DateInterval(moment, end, precision)
    elif fine:
        day = interval.start.date() + (gap or dt.timedelta())
        interval = day_span(day, day, Precision.DAY)
        value = day.isoformat()
    else:
        value = source.timex.value
    return Timex(
        start=span[0],
        end=span[1],
        text=text_of(doc)[span[0] : span[1]],
        type="DATE",
        value=value,
        anchor=Anchor.FOCUS,
        interval=interval,
    )


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
    if published_at is None or not done_act(trigger):
        return dated
    return [
        c
        for c in dated
        if c.timex is not None
        and c.timex.interval is not None
        and c.timex.interval.start.date() <= published_at
    ]


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
    return done_act(trigger) and not any(c.dep_ == "neg" for c in trigger.children)


def window(trigger: Token, published_at: dt.date) -> Timex:
    """The days a reference with no date of its own may point to: the week before the
    publication date, and that day."""
    days = day_span(
        published_at - dt.timedelta(days=WINDOW_DAYS), published_at, Precision.WEEK
    )
    return Timex(
        start=trigger.idx,
        end=trigger.idx + len(trigger.text),
        text=trigger.text,
        type="DATE",
        value="PAST_REF",
        anchor=Anchor.WINDOW,
        interval=days,
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
