"""Candidate events: a trigger word, the time expression the parse ties to it, its
participants and places.

The lexicon lives in ``data/event_triggers.json``. An event's date comes from the
time expression attached to its trigger in the dependency parse (directly, or through
the head it depends on within the same clause), never from the nearest expression in
the sentence.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from .components import text_of
from .dates import day_span
from .headlines import PARTITIVE_NOUNS, REPORTING_VERBS, headline, in_exchange_for
from .headlines import Context as HeadlineContext
from .kinds import kind_family, preference
from .segment import content_sentences
from .tense import narrated_past
from .types import (
    ActorMention,
    Anchor,
    EventCandidate,
    PlaceMention,
    Precision,
    Timex,
)

DATA = Path(__file__).parent / "data" / "event_triggers.json"

# Dependencies that start a new clause: a date in the governing clause does not
# date what happens in it ("the ceasefire [agreed in May] should be expanded, he said
# on Monday").
CLAUSE_BOUNDARIES = {
    "ccomp",
    "acl",
    "relcl",
    "parataxis",
    "csubj",
    "csubjpass",
    "advcl",
    "xcomp",
    "pcomp",
}
# Adverbial clauses whose event shares the main clause's time frame closely enough
# for news usage ("signed the deal on Friday after the two leaders met").
TEMPORAL_MARKERS = {"after", "as", "when", "while", "before"}
SUBJECT_DEPS = {"nsubj", "nsubjpass", "agent", "csubj"}
OBJECT_DEPS = {"dobj", "pobj", "attr", "oprd", "nsubjpass"}
ORDINAL_RE = re.compile(r"^(\d+)(st|nd|rd|th)$", re.IGNORECASE)
PRONOUN_SUBJECTS = {"it", "they", "this", "that"}
VENUE_PREPOSITIONS = {"at", "during", "in"}
SEQUENCE_PREPOSITIONS = {"after", "before", "following", "for"}
ASPECTUAL_VERBS = {"start", "begin", "continue", "resume", "stop", "finish", "keep"}
# A date after these bounds another event; it is not the date of this one.
DEADLINE_PREPOSITIONS = {"by", "until", "till", "before", "ahead"}


@dataclass(frozen=True, slots=True)
class Lexicon:
    verbs: dict[str, str]  # lemma -> kind
    nouns: dict[str, str]
    ceasefire_nouns: frozenset[str]
    ceasefire_start_verbs: frozenset[str]
    ceasefire_end_verbs: frozenset[str]
    agreement_objects: frozenset[str]
    agreement_verbs: frozenset[str]
    conflict_subjects: frozenset[str]
    conflict_verbs: frozenset[str]
    ordinals: dict[str, int]
    occurrence_verbs: frozenset[str]
    event_nouns: frozenset[str]  # nouns a pronoun may stand for ("since it began")


@cache
def lexicon() -> Lexicon:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    verbs: dict[str, str] = {}
    nouns: dict[str, str] = {}
    # Later kinds never override earlier ones: the file lists specific kinds first.
    for kind, words in data["kinds"].items():
        for lemma in words.get("verbs", []):
            verbs.setdefault(lemma, kind)
        for lemma in words.get("nouns", []):
            nouns.setdefault(lemma, kind)
    return Lexicon(
        verbs=verbs,
        nouns=nouns,
        ceasefire_nouns=frozenset(data["ceasefire_nouns"]),
        ceasefire_start_verbs=frozenset(data["ceasefire_start"]["verbs"]),
        ceasefire_end_verbs=frozenset(data["ceasefire_end"]["verbs"]),
        agreement_objects=frozenset(data["agreement_objects"]),
        agreement_verbs=frozenset(data["agreement_verbs_with_object"]),
        conflict_subjects=frozenset(data["conflict_start_subjects"]),
        conflict_verbs=frozenset(data["conflict_start_verbs"]),
        ordinals=data["ordinals"],
        occurrence_verbs=frozenset(data["occurrence_verbs"]),
        event_nouns=frozenset(data["conflict_start_subjects"]) | frozenset(nouns),
    )


def find_events(
    doc: Doc,
    timexes: list[Timex],
    actors: list[ActorMention],
    places: list[PlaceMention],
    published_at: dt.date | None = None,
) -> list[EventCandidate]:
    """Every event candidate in the document, at most one per sentence, kind family and date.

    ``published_at`` lets a report in the present perfect or the historical present
    ("has signed", "denies") be dated by its tense: it happened by the publication date.
    """
    attachments = _attach_timexes(doc, timexes)
    candidates: list[EventCandidate] = []
    sentences = content_sentences(doc)
    for index, sent in enumerate(sentences):
        found: dict[tuple[str, str], EventCandidate] = {}
        for token in sent:
            kind = classify_trigger(token)
            if kind is None or _argument_of_trigger(token) or _not_an_act(token):
                continue
            candidate, direct = _candidate(
                token, kind, index, attachments, actors, places, published_at
            )
            if (_needs_own_date(token, kind) or _irrealis(token)) and not (
                candidate.timex and direct
            ):
                # "in a statement", "the war", "trying to sign", "without signing":
                # context or intention, unless a date sits on the word itself.
                continue
            if candidate.timex is None and kind == "statement" and not candidate.actors:
                continue  # "he added": an undated remark by nobody named
            if candidate.timex is not None and not direct and _borrowed_date(token):
                # "the accord will be put to a referendum on Sunday": the date is the
                # referendum's; the accord is a reference to an event told elsewhere.
                candidate = replace(candidate, timex=None)
            key = (kind_family(kind), candidate.timex.value if candidate.timex else "")
            best = found.get(key)
            if best is None or _preference(candidate) > _preference(best):
                found[key] = candidate
        candidates.extend(
            _titled(doc, c, actors)
            for c in sorted(found.values(), key=lambda c: c.trigger_start)
        )
    return _date_by_focus(
        doc, sentences, candidates, timexes, attachments, actors, published_at
    )


DAY_RANK = list(Precision).index(Precision.DAY)
# How many sentences back a past-tense report may take its date from.
FOCUS_WINDOW = 3


def _date_by_focus(
    doc: Doc,
    sentences: list[Span],
    candidates: list[EventCandidate],
    timexes: list[Timex],
    attachments: dict[int, list[tuple[Timex, Span]]],
    actors: list[ActorMention],
    published_at: dt.date | None,
) -> list[EventCandidate]:
    """Date a past-tense report that carries no date of its own by the date in focus.

    News narrates an episode once with its day and goes on in the simple past without
    repeating it ("The talks failed on Monday. Lavrov said some sides had signed.").
    An undated main-clause act of a known kind (not a statement: remarks are quoted
    freely from other days) in the past takes the day of the nearest earlier
    sentence (at most ``FOCUS_WINDOW`` back) that dates an event with an explicit
    expression of its own and names one of the same actors. The date is marked as
    resolved by focus; a sentence about other participants never lends its date.
    """
    names = [_sentence_actors(sent, actors) for sent in sentences]
    sources = _focus_sources(doc, sentences, candidates, timexes, attachments)
    dated_keys = {
        (c.sentence_index, kind_family(c.kind)) for c in candidates if c.timex
    }
    result = []
    for candidate in candidates:
        index = candidate.sentence_index
        if (
            candidate.timex is None
            and candidate.kind not in {"statement", "other"}
            and (index, kind_family(candidate.kind)) not in dated_keys
            and _narrated_past(doc, candidate)
        ):
            focus = _focus_date(index, sources, names, published_at)
            if focus is not None:
                candidate = replace(
                    candidate,
                    timex=focus,
                    confidence=round(candidate.confidence + 0.02, 2),
                )
        result.append(candidate)
    return result


def _sentence_actors(sent: Span, actors: list[ActorMention]) -> set[str]:
    return {m.canonical for m in actors if sent.start_char <= m.start < sent.end_char}


def _narrated_past(doc: Doc, candidate: EventCandidate) -> bool:
    """The candidate's trigger is a verb narrating a past act (tense.narrated_past)."""
    span = doc.char_span(candidate.trigger_start, candidate.trigger_end)
    return span is not None and len(span) == 1 and narrated_past(span[0])


def _focus_date(
    index: int,
    sources: list[list[Timex]],
    names: list[set[str]],
    published_at: dt.date | None,
) -> Timex | None:
    """The day in focus for sentence ``index``: the nearest earlier sentence that names
    one of its actors and dates an act of its own sets it."""
    if not names[index]:
        return None
    for earlier in range(index - 1, max(index - FOCUS_WINDOW, 0) - 1, -1):
        if not (names[earlier] & names[index]) or not sources[earlier]:
            continue
        timex = sources[earlier][0]
        assert timex.interval is not None
        day = timex.interval.start.date()
        if published_at is not None and day > published_at:
            return None  # a plan announced earlier is no past to narrate from
        return Timex(
            start=timex.start,
            end=timex.end,
            text=timex.text,
            type="DATE",
            value=day.isoformat(),
            anchor=Anchor.FOCUS,
            interval=day_span(day, day, Precision.DAY),
        )
    return None


def _focus_sources(
    doc: Doc,
    sentences: list[Span],
    candidates: list[EventCandidate],
    timexes: list[Timex],
    attachments: dict[int, list[tuple[Timex, Span]]],
) -> list[list[Timex]]:
    """Per sentence, the explicit day-or-finer dates of the acts it narrates: those on
    its main verb and on its dated, realised, non-statement events."""
    explicit = {(t.start, t.end) for t in timexes}

    def usable(timex: Timex | None) -> bool:
        return (
            timex is not None
            and timex.interval is not None
            and (timex.start, timex.end) in explicit
            and _precision_rank(timex) >= DAY_RANK
        )

    sources: list[list[Timex]] = [[] for _ in sentences]
    for number, sent in enumerate(sentences):
        root = sent.root
        if classify_trigger(root) != "statement" and not _irrealis(root):
            timex, _ = _timex_for(root, attachments)
            if usable(timex):
                sources[number].append(timex)
    for candidate in candidates:
        span = doc.char_span(candidate.trigger_start, candidate.trigger_end)
        if (
            candidate.kind != "statement"
            and usable(candidate.timex)
            and span is not None
            and not _irrealis(span[0])
        ):
            sources[candidate.sentence_index].append(candidate.timex)
    return sources


def _borrowed_date(token: Token) -> bool:
    """A noun naming an event, subject or object of a verb that is no event of its own
    kind and does not tell that it happens ("opened", "took place", "collapsed"): the
    verb's date is not the noun's."""
    if token.pos_ not in {"NOUN", "PROPN"} or token.dep_ not in {
        "nsubj",
        "nsubjpass",
        "dobj",
    }:
        return False
    verb = token.head
    if verb.pos_ not in {"VERB", "AUX"}:
        return False
    lemma = verb.lemma_.lower()
    if lemma in lexicon().occurrence_verbs or classify_trigger(verb) is not None:
        return False
    return True


def _argument_of_trigger(token: Token) -> bool:
    """ "The deal will begin on Friday": the noun is the subject of the event the verb
    names, not an event of its own."""
    return (
        token.pos_ in {"NOUN", "PROPN"}
        and token.dep_ in {"nsubj", "nsubjpass", "dobj"}
        and token.head.pos_ in {"VERB", "AUX"}
        and classify_trigger(token.head) is not None
    )


def _not_an_act(token: Token) -> bool:
    """Words that look like triggers and tell of no act: a participle describing a noun
    ("captured fighters", "the detained activists"), and "in exchange for", "in return
    for"."""
    return token.dep_ == "amod" and token.pos_ == "VERB" or in_exchange_for(token)


def _irrealis(token: Token) -> bool:
    """Infinitives, gerunds after prepositions and modal verbs: aims and possibilities."""
    if token.pos_ not in {"VERB", "AUX"}:
        return False
    if any(
        c.dep_ == "aux" and (c.tag_ == "TO" or c.tag_ == "MD" and c.lower_ != "will")
        for c in token.children
    ):
        return True
    if token.dep_ == "pcomp":
        return True
    if token.tag_ != "VBG" or token.dep_ not in {"xcomp", "advcl", "acl"}:
        return False
    if token.dep_ == "xcomp" and token.head.lemma_ in ASPECTUAL_VERBS:
        return False  # "has started deploying" is the deployment itself
    return not _about_ceasefire(token, _subjects(token), lexicon())


def _needs_own_date(token: Token, kind: str) -> bool:
    """Nouns that name an event only when a date sits on them ("the statement of Oct. 5"),
    and meetings named as the setting of another event ("agreed at talks in Sweden")."""
    if token.pos_ not in {"NOUN", "PROPN"}:
        return False
    if token.dep_ == "pobj":
        if token.head.lower_ == "of" and token.head.head.lemma_ in PARTITIVE_NOUNS:
            return False  # "a wave of airstrikes", "a new round of talks": the event
        if kind_family(kind) == "talks":
            return token.head.lower_ in VENUE_PREPOSITIONS
        # "deployed under a deal", "in line with the agreement": the setting of another
        # event; but "after a meeting" places an event of its own.
        return token.head.lower_ not in SEQUENCE_PREPOSITIONS
    if kind == "other" and token.lemma_.lower() in {"war", "conflict", "crisis"}:
        return True
    return kind in {"statement", "other"} and token.dep_ in {
        "pobj",
        "compound",
        "amod",
        "poss",
    }


def classify_trigger(token: Token) -> str | None:
    """The event kind a token signals, or None. Rules for the language pattern, by lemma."""
    lex = lexicon()
    lemma = token.lemma_.lower()
    if token.pos_ in {"VERB", "AUX"} or (token.pos_ == "NOUN" and token.tag_ == "VBG"):
        return _classify_verb(token, lemma, lex)
    if token.pos_ in {"NOUN", "PROPN"}:
        return _classify_noun(token, lemma, lex)
    return None


def _classify_verb(token: Token, lemma: str, lex: Lexicon) -> str | None:
    subjects = _subjects(token)
    objects = [c for c in token.children if c.dep_ in {"dobj", "nsubjpass"}]
    subject_lemmas = {s.lemma_.lower() for s in subjects}
    object_lemmas = {o.lemma_.lower() for o in objects}
    if _about_ceasefire(token, subjects, lex):
        if (
            lemma in lex.ceasefire_start_verbs
            and _is_taking_effect(token, lemma)
            # "start the countdown", but not "starting 00:01 on Sunday"
            and not (
                lemma in {"start", "begin"}
                and any(
                    any(ch.isalpha() for ch in o.text)
                    and o.ent_type_ not in {"TIME", "DATE"}
                    for o in objects
                )
            )
        ):
            return "ceasefire_start"
        if lemma in lex.ceasefire_end_verbs and not any(
            c.dep_ == "dobj" for c in token.children
        ):
            return "ceasefire_end"  # not "the ceasefire that ended the war": it ended X
        if lemma in {"be", "become"} and _in_force(token):
            return "ceasefire_start"  # "the truce will be effective from Friday"
    if lemma in lex.conflict_verbs and subjects:
        heads = subject_lemmas | {
            g.lemma_.lower()
            for s in subjects
            for c in s.children
            if c.dep_ == "prep"
            for g in c.children
        }
        if heads & {
            "fighting",
            "clash",
            "hostility",
            "violence",
            "offensive",
            "shelling",
        }:
            return "attack"
        if subject_lemmas & lex.conflict_subjects or (
            subject_lemmas & PRONOUN_SUBJECTS
            and _sentence_mentions(token, lex.conflict_subjects)
        ):
            return "other"
    if lemma in {"leave", "depart"} and any(
        o.dep_ == "dobj" and o.ent_type_ not in {"GPE", "LOC", "FAC"} for o in objects
    ):
        return None  # "left hundreds dead" is no departure
    if lemma in {"take", "seize", "gain", "wrest"} and "control" in object_lemmas:
        return "attack"  # "rebels took control of the city"
    if lemma in lex.agreement_verbs and object_lemmas & lex.agreement_objects:
        return "agreement"
    kind = lex.verbs.get(lemma)
    if kind == "statement" and not subjects:
        return None  # "as reported", participles without a speaker
    if (
        kind == "statement"
        and lemma == "call"
        and not any(
            c.dep_ == "prep" and c.lower_ in {"for", "on"} for c in token.children
        )
    ):
        return None
    if kind == "meeting" and lemma == "meet" and _has_negotiation_object(token, lex):
        return "negotiation"
    if lemma in {"speak", "talk"} and any(
        c.dep_ == "prep" and c.lower_ == "with" for c in token.children
    ):
        return "meeting"  # "spoke with his counterparts over the phone"
    return kind


def _classify_noun(token: Token, lemma: str, lex: Lexicon) -> str | None:
    if token.dep_ == "compound":
        return None  # "missile attack": the head names the event
    kind = lex.nouns.get(lemma)
    if kind == "statement" and _named_document(token):
        return "agreement"  # "the Moscow Statement", "the Astana Declaration"
    if (
        kind == "negotiation"
        and lemma == "round"
        and not (
            _ordinal(token)
            or any(
                c.lemma_.lower() in {"talk", "talks", "negotiation"}
                for c in token.subtree
            )
        )
    ):
        return None
    if lemma == "talk" and token.tag_ == "NNS":
        return "negotiation"
    return kind


def _named_document(token: Token) -> bool:
    """A capitalised statement or declaration named after a place is an accord."""
    return (
        token.text[:1].isupper()
        and token.i != token.sent.start
        and any(
            c.dep_ == "compound" and c.ent_type_ in {"GPE", "LOC"}
            for c in token.children
        )
    )


def _in_force(token: Token) -> bool:
    """ "is effective", "will be in force", "became operative": said of a ceasefire,
    it takes effect."""
    for child in token.children:
        if child.dep_ == "acomp" and child.lemma_.lower() in {"effective", "operative"}:
            return True
        if child.dep_ == "prep" and child.lower_ == "in":
            if any(g.lemma_.lower() in {"force", "effect"} for g in child.children):
                return True
    return False


def _is_taking_effect(token: Token, lemma: str) -> bool:
    if lemma in {"begin", "start", "kick", "go", "implement", "apply"}:
        return True
    words = {c.lemma_.lower() for c in token.subtree}
    return bool(words & {"effect", "force"})


def _subjects(token: Token) -> list[Token]:
    """The subject of a verb, looking through "is due to enter", "has started deploying"
    and relative clauses ("a truce that began Sunday": the truce)."""
    current = token
    for _ in range(4):
        found = [c for c in current.children if c.dep_ in SUBJECT_DEPS]
        if current.dep_ in {"relcl", "acl"}:
            relative = [c for c in found if c.tag_ in {"WDT", "WP"}]
            if relative or not found:
                return [current.head]
        if found:
            return found
        if (
            current is not token
            and current.pos_ == "ADJ"
            and current.head.pos_
            in {
                "NOUN",
                "PROPN",
            }
        ):
            return [current.head]  # "the ceasefire, due to enter into force at noon"
        if (
            current.dep_ not in {"xcomp", "acomp", "conj", "ccomp"}
            or current.head is current
        ):
            return []
        current = current.head
    return []


def _about_ceasefire(token: Token, subjects: list[Token], lex: Lexicon) -> bool:
    """Whether a start/end verb is said of a ceasefire: its subject, the object of the
    verb it is conjoined to, or a pronoun standing for a ceasefire just mentioned."""
    named = {s.lemma_.lower() for s in subjects} | {
        c.lemma_.lower()
        for s in subjects
        for c in s.children
        if c.dep_ in {"compound", "amod"}
    }
    # "an agreement on a humanitarian ceasefire ... came into effect"
    named |= {
        g.lemma_.lower()
        for s in subjects
        for c in s.children
        if c.dep_ == "prep" and c.lower_ in {"on", "of", "for"}
        for g in c.children
        if g.dep_ == "pobj"
    }
    if named & lex.ceasefire_nouns:
        return True
    if any(s.pos_ == "PRON" for s in subjects) and _recent_ceasefire(token, lex):
        return True
    if subjects:
        return False  # "militias began shelling": the verb has a doer of its own
    # "announced a ceasefire in its push to take the city, starting on Sunday": the
    # participle may hang from any verb of the chain that has the ceasefire as object.
    current = token
    for _ in range(3):
        if current.dep_ not in {"conj", "advcl", "xcomp"} or current.head is current:
            return False
        current = current.head
        if any(
            c.dep_ in {"dobj", "nsubjpass"}
            and c.lemma_.lower() in lex.ceasefire_nouns
            or c.dep_ == "dobj"
            and any(g.lemma_.lower() in lex.ceasefire_nouns for g in c.conjuncts)
            for c in current.children
        ):
            return True
    return False


def _recent_ceasefire(token: Token, lex: Lexicon) -> bool:
    """A ceasefire noun earlier in this sentence or in the one before."""
    sent = token.sent
    start = sent.start
    if start > 0:
        start = token.doc[start - 1].sent.start
    return any(
        t.lemma_.lower() in lex.ceasefire_nouns for t in token.doc[start : token.i]
    )


def _sentence_mentions(token: Token, lemmas: frozenset[str]) -> bool:
    return any(t.lemma_.lower() in lemmas for t in token.sent)


def _has_negotiation_object(token: Token, lex: Lexicon) -> bool:
    return any(
        t.lemma_.lower() in {"talk", "talks", "negotiation", "round"} and t is not token
        for t in token.subtree
    )


def _ordinal(token: Token) -> int | None:
    lex = lexicon()
    for child in token.children:
        if child.dep_ not in {"amod", "nummod", "compound"}:
            continue
        word = child.lower_
        if word in lex.ordinals:
            return lex.ordinals[word]
        match = ORDINAL_RE.match(word)
        if match:
            return int(match.group(1))
    return None


def _attach_timexes(
    doc: Doc, timexes: list[Timex]
) -> dict[int, list[tuple[Timex, Span]]]:
    """Map the token each time expression modifies to the expressions attached to it."""
    attached: dict[int, list[tuple[Timex, Span]]] = {}
    doc.user_data["time_spans"] = tuple((t.start, t.end) for t in timexes)
    for timex in timexes:
        span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        head = span.root.head
        if (
            head.lower_ in DEADLINE_PREPOSITIONS
            or span[0].lower_ in DEADLINE_PREPOSITIONS
        ):
            continue  # "asked for time until Tuesday morning": a deadline, not the date
        if head.lower_ == "since" and head.head.pos_ not in {"VERB", "AUX"}:
            continue  # "the worst fighting since 2014": a comparison, not its date
        while (
            (head.pos_ == "ADP" or head.dep_ == "prep")
            and head.head is not head
            and not _inside(head.head, span)
        ):
            head = head.head
        if _inside(head, span):
            head = span.root
        attached.setdefault(head.i, []).append((timex, span))
    return attached


def _inside(token: Token, span: Span) -> bool:
    return span.start <= token.i < span.end


def _timex_for(
    trigger: Token, attachments: dict[int, list[tuple[Timex, Span]]]
) -> tuple[Timex | None, bool]:
    """The time expression dating ``trigger``, and whether it was attached directly.

    Walks up the parse from the trigger within its clause. An event placed "after" or
    "before" another takes the time frame of the main predicate, not of a participle
    describing its object ("announced a truce on Friday, starting on Sunday, after a
    meeting": the meeting goes with Friday).
    """
    if trigger.pos_ in {"NOUN", "PROPN"}:
        # "an attack that killed 13 early on Saturday": the clause describing the event
        # dates it.
        clauses = [c for c in trigger.children if c.dep_ in {"relcl", "acl"}]
        for child in clauses + [c for clause in clauses for c in clause.conjuncts]:
            if child.i != trigger.i:
                options = [
                    t for t, _ in attachments.get(child.i, []) if t.interval is not None
                ]
                if options:
                    return max(
                        options, key=lambda t: (_precision_rank(t), t.end - t.start)
                    ), True
        dated_by_of = _date_of_phrase(trigger, attachments)
        if dated_by_of is not None:
            return dated_by_of, True
    current = trigger
    direct = True
    sequenced = False
    sibling = False  # at a noun the trigger is conjoined to: its dates are its own
    for _ in range(12):
        options = [
            t for t, _ in attachments.get(current.i, []) if t.interval is not None
        ]
        if sibling:
            options, sibling = [], False
        if options and not (sequenced and _is_participle(current)):
            # Several expressions on one head ("at noon on July 9"): the most precise.
            options.sort(
                key=lambda t: (_precision_rank(t), t.end - t.start), reverse=True
            )
            return options[0], direct
        if current.dep_ in CLAUSE_BOUNDARIES and not _temporal_clause(current):
            return None, direct
        if current.head is current:
            return None, direct
        if (
            current.dep_ == "conj"
            and current.pos_ == "VERB" == current.head.pos_
            and (
                current.tag_ != current.head.tag_
                or any(c.dep_ in SUBJECT_DEPS | {"mark"} for c in current.children)
            )
        ):
            return None, direct  # "will begin at noon and follows talks": another time
        if current.lower_ in TEMPORAL_MARKERS or _temporal_clause(current):
            sequenced = True
        # "agreed to a February 15 ceasefire and the withdrawal of weapons": the date
        # on "ceasefire" is not the withdrawal's.
        sibling = current.dep_ == "conj" and {current.pos_, current.head.pos_} <= {
            "NOUN",
            "PROPN",
        }
        current = current.head
        if current.pos_ in {"VERB", "AUX"}:
            direct = False
    return None, direct


def _object_timex(
    verb: Token, attachments: dict[int, list[tuple[Timex, Span]]]
) -> Timex | None:
    """ "agreed a ceasefire on Tuesday": the parser often hangs a day or a clock time
    on the verb's object; for a day-or-finer "on"/"at" phrase that dates the act."""
    if verb.pos_ != "VERB":
        return None
    for obj in (c for c in verb.children if c.dep_ == "dobj"):
        for timex in _days_hung_on(obj, attachments):
            return timex
    return None


def _days_hung_on(
    noun: Token, attachments: dict[int, list[tuple[Timex, Span]]]
) -> list[Timex]:
    """Day-or-finer times the parse hangs on a noun by "on" or "at" ("a ceasefire on
    Tuesday", "detainees on Sunday")."""
    return [
        timex
        for timex, span in attachments.get(noun.i, [])
        if timex.interval is not None
        and span.root.head.lower_ in {"on", "at"}
        and span.root.head.head.i == noun.i
        and _precision_rank(timex) >= DAY_RANK
    ]


def _stray_clause_timex(
    trigger: Token, attachments: dict[int, list[tuple[Timex, Span]]]
) -> Timex | None:
    """ "They carried out a prisoner swap in exchange for detainees on Sunday": the parser
    hangs the day on a nearby noun that names no event (or on an idiom, "in exchange").
    The clause's only "on"/"at" day (or finer) hung on such a noun dates the clause's
    event."""
    doc = trigger.doc
    found = {}
    for index in _clause_tokens(_clause_head(trigger)):
        holder = doc[index]
        if holder.pos_ not in {"NOUN", "PROPN"} or holder.i == trigger.i:
            continue
        if classify_trigger(holder) is not None and not _not_an_act(holder):
            continue  # another event's date
        for timex in _days_hung_on(holder, attachments):
            found[timex.value] = timex
    return next(iter(found.values())) if len(found) == 1 else None


def _date_of_phrase(
    trigger: Token, attachments: dict[int, list[tuple[Timex, Span]]]
) -> Timex | None:
    """ "The statement of the presidents of France and Russia of Oct. 1": an "of <date>"
    inside the noun phrase of a statement or agreement dates it, unless another event
    noun stands between them."""
    if lexicon().nouns.get(trigger.lemma_.lower()) not in {"statement", "agreement"}:
        return None
    for token in trigger.subtree:
        for timex, span in attachments.get(token.i, []):
            preposition = span.root.head
            if timex.interval is None or preposition.lower_ != "of":
                continue
            path = list(preposition.ancestors)
            if trigger in path and not any(
                t is not trigger and t.pos_ == "NOUN" and classify_trigger(t)
                for t in path[: path.index(trigger)]
            ):
                return timex
    return None


def _is_participle(token: Token) -> bool:
    return token.tag_ in {"VBG", "VBN"} and not any(
        c.dep_ in {"aux", "auxpass"} for c in token.children
    )


def _temporal_clause(token: Token) -> bool:
    return token.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in TEMPORAL_MARKERS for c in token.children
    )


def _precision_rank(timex: Timex) -> int:
    """Coarsest 0: Precision lists its members coarsest first."""
    assert timex.interval is not None
    return list(Precision).index(timex.interval.precision)


def _clause_head(trigger: Token) -> Token:
    current = trigger
    for _ in range(12):
        if current.pos_ in {"VERB", "AUX"} or current.head is current:
            return current
        current = current.head
    return current


def _clause_tokens(head: Token) -> set[int]:
    """Token indices of the clause: the head's subtree minus embedded clauses."""
    keep: set[int] = set()
    stack = [head]
    while stack:
        tok = stack.pop()
        keep.add(tok.i)
        for child in tok.children:
            if (
                child.dep_ in {"ccomp", "relcl", "parataxis", "advcl"}
                and child is not head
            ):
                continue
            stack.append(child)
    return keep


def _candidate(
    token: Token,
    kind: str,
    index: int,
    attachments: dict[int, list[tuple[Timex, Span]]],
    actors: list[ActorMention],
    places: list[PlaceMention],
    published_at: dt.date | None,
) -> tuple[EventCandidate, bool]:
    timex, direct = _timex_for(token, attachments)
    if timex is None:
        timex = _object_timex(token, attachments)
        direct = timex is not None
    if timex is None:
        timex = _stray_clause_timex(token, attachments)
    if timex is None and token.lemma_ in {"be", "become"}:
        # "will be effective on Friday": the date hangs on the complement.
        for complement in (c for c in token.children if c.dep_ == "acomp"):
            timex, direct = _timex_for(complement, attachments)
            if timex is not None:
                break
    if timex is None and published_at is not None:
        timex = _tense_date(token, published_at)
        direct = False
    head = _clause_head(token)
    scope = {t.i for t in token.subtree} if token.pos_ in {"NOUN", "PROPN"} else set()
    clause = _clause_tokens(head) | {t.i for t in token.subtree}
    if head.dep_ == "xcomp":
        # "militias began shelling the town": the doer is the subject of "began".
        clause |= {
            t.i for c in head.head.children if c.dep_ in SUBJECT_DEPS for t in c.subtree
        }
    doc = token.doc
    in_scope = [m for m in actors if _mention_tokens(doc, m) & scope]
    if not in_scope:
        in_scope = [m for m in actors if _mention_tokens(doc, m) & clause]
    in_scope += _reporter_as_pronoun(head, clause, actors)
    place_scope = [p for p in places if _mention_tokens(doc, p) & (clause | scope)]
    ordinal = _ordinal(token)
    if ordinal is None and token.dep_ == "pobj" and token.head.head.pos_ == "NOUN":
        ordinal = _ordinal(token.head.head)
    confidence = 0.5 + (0.2 if timex and direct else 0.05 if timex else 0.0)
    confidence += 0.1 if in_scope else 0.0
    candidate = EventCandidate(
        kind=kind,
        title="",  # written once the sentence's candidates are chosen (_titled)
        sentence_index=index,
        trigger=token.lemma_.lower(),
        trigger_start=token.idx,
        trigger_end=token.idx + len(token.text),
        timex=timex,
        ordinal=ordinal,
        actors=tuple(_unique(in_scope)),
        places=tuple(_unique(place_scope)),
        confidence=round(min(confidence, 1.0), 2),
        speakers=_speakers(token, kind, actors) if kind == "statement" else (),
    )
    return candidate, direct


def _speakers(
    token: Token, kind: str, actors: list[ActorMention]
) -> tuple[tuple[str, str], ...]:
    """Who makes a remark: the actors named in the subject of the verb of saying
    ("Ukraine and Turkey said", "Turkey's defence ministry said"), or in the "by"
    phrase of a statement noun ("a statement by the ministry")."""
    doc = token.doc
    heads = _subjects(token) if token.pos_ in {"VERB", "AUX"} else []
    if token.pos_ in {"NOUN", "PROPN"}:
        heads = [
            g
            for c in token.children
            if c.dep_ == "prep" and c.lower_ in {"by", "from", "of"}
            for g in c.children
            if g.dep_ == "pobj"
        ] + [c for c in token.children if c.dep_ == "poss"]
        if not heads:
            # "In a joint statement, the US and Saudi Arabia signalled": the speakers
            # are the subject of the verb the statement goes with.
            verb = next((t for t in token.ancestors if t.pos_ in {"VERB", "AUX"}), None)
            heads = _subjects(verb) if verb is not None else []
    tokens: set[int] = set()
    for head in heads:
        stack = [head]
        while stack:
            current = stack.pop()
            tokens.add(current.i)
            stack.extend(
                c
                for c in current.children
                if c.dep_ not in {"relcl", "acl", "prep"} or c.lower_ == "of"
            )
    names = [
        (m.canonical, m.affiliation) for m in actors if _mention_tokens(doc, m) & tokens
    ]
    return tuple(dict.fromkeys(names))


def _titled(doc: Doc, candidate: EventCandidate, actors: list[ActorMention]):
    """The candidate with its headline (written only for the candidates kept)."""
    span = doc.char_span(candidate.trigger_start, candidate.trigger_end)
    assert span is not None
    lex = lexicon()
    context = HeadlineContext(
        actors=candidate.actors,
        mentions=tuple(actors),
        places=candidate.places,
        timex=candidate.timex,
        kind=candidate.kind,
        ceasefire_nouns=lex.ceasefire_nouns,
        event_nouns=lex.event_nouns,
        times=_time_spans(doc),
    )
    return replace(candidate, title=headline(span[0], context))


def _time_spans(doc: Doc) -> tuple[tuple[int, int], ...]:
    """Character spans of the document's time expressions (kept by _attach_timexes)."""
    return tuple(doc.user_data.get("time_spans", ()))


def _reports_in_present(verb: Token) -> bool:
    """A statement verb in the simple present, heading its sentence, said by a named
    body, outside quotation marks ("The defence ministry declares that ...")."""
    if (
        verb.tag_ != "VBZ"
        or verb.dep_ != "ROOT"
        or lexicon().verbs.get(verb.lemma_) != "statement"
    ):
        return False
    if verb.lemma_ in {"say", "tell", "add", "note"}:
        return False  # "officials say": attribution, not a dated act
    if any(t.text in {'"', "“", "”"} for t in verb.sent):
        return False
    subjects = _subjects(verb)
    return bool(subjects) and all(s.pos_ in {"NOUN", "PROPN"} for s in subjects)


def _tense_date(trigger: Token, published_at: dt.date) -> Timex | None:
    """Date a report by its tense when nothing else dates it: in news, the present perfect
    of an act ("have signed", "has called for") tells of something done by the day of
    publication. The verb group is the time expression, resolved against that day."""
    verb = trigger if trigger.pos_ in {"VERB", "AUX"} else None
    if verb is None:
        return None
    group = [verb]
    current = verb
    while current.dep_ == "xcomp" and current.head is not current:
        current = current.head
        group.append(current)
    auxiliaries = [c for v in group for c in v.children if c.dep_ in {"aux", "auxpass"}]
    perfect = any(
        a.lemma_ == "have" and a.tag_ in {"VBZ", "VBP"} for a in auxiliaries
    ) and any(v.tag_ == "VBN" for v in group)
    passive = any(a.dep_ == "auxpass" for a in auxiliaries)
    if not perfect and _reports_in_present(group[-1]):
        perfect = True  # "The ministry denies the claims": a report of the day
    if any(t.like_num for s in _subjects(verb) for t in s.subtree):
        return None  # "one million have fled": a running count, not a dated act
    if not perfect or passive or group[-1].dep_ in {"relcl", "acl", "advcl"}:
        return None  # "the war that has killed 14,000": a running toll, not a dated act
    tokens = sorted([*group, *auxiliaries], key=lambda t: t.i)
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    return Timex(
        start=start,
        end=end,
        text=text_of(trigger.doc)[start:end],
        type="DATE",
        value=published_at.isoformat(),
        anchor=Anchor.TENSE,
        interval=day_span(published_at, published_at, Precision.DAY),
    )


def _reporter_as_pronoun(
    head: Token, clause: set[int], actors: list[ActorMention]
) -> list[ActorMention]:
    """ "Putin said Aliyev, Pashinyan and he signed a statement": a "he" or "she" among
    the participants of a reported clause is the person who reports it."""
    doc = head.doc
    if not any(
        doc[i].lower_ in {"he", "she"} and doc[i].dep_ in {"nsubj", "conj"}
        for i in clause
    ):
        return []
    verb = head
    while verb.dep_ in {"conj", "ccomp"} and verb.head is not verb:
        verb = verb.head
        if verb.lemma_.lower() in REPORTING_VERBS:
            subjects = {
                t.i
                for child in verb.children
                if child.dep_ == "nsubj"
                for t in child.subtree
            }
            return [
                m
                for m in actors
                if m.kind == "person" and _mention_tokens(doc, m) & subjects
            ]
    return []


def _mention_tokens(doc: Doc, mention: ActorMention | PlaceMention) -> frozenset[int]:
    """Indices of the tokens a mention covers, cached on the document (every candidate
    of the document asks for every mention)."""
    cache = doc.user_data.setdefault("event_mention_tokens", {})
    key = (mention.start, mention.end)
    tokens = cache.get(key)
    if tokens is None:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        tokens = frozenset(t.i for t in span) if span is not None else frozenset()
        cache[key] = tokens
    return tokens


def _unique(mentions):
    seen: dict[str, object] = {}
    for m in mentions:
        seen.setdefault(m.canonical, m)
    return list(seen.values())


def _preference(candidate: EventCandidate) -> tuple:
    """Which of two same-family candidates in a sentence to keep."""
    return (
        candidate.timex is not None,
        candidate.ordinal is not None,
        preference(candidate.kind),
        candidate.confidence,
        -candidate.trigger_start,
    )
