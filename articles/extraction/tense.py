"""Tense: which way in time a clause points (past, present, future), and whether a
verb tells of an act done. Time expressions resolve relative dates by it ("on Friday"
in a past clause is the Friday before), and events decide by it whether an undated
mention tells of something that happened.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from .components import covering_span, token_starts
from .dates import FUTURE, PAST, PRESENT

# Verbs whose infinitive complement is about the future ("is scheduled to meet").
_FUTURE_GOVERNORS = frozenset(
    {
        "schedule",
        "plan",
        "expect",
        "set",
        "due",
        "intend",
        "hope",
        "aim",
        "prepare",
        "go",
        "vow",
        "promise",
        "threaten",
        "pledge",
        "agree",
        "decide",
        "want",
        "seek",
        "propose",
        "announce",
        "likely",
        "slate",
        "poise",
        "ready",
        "about",
        "will",
    }
)
_FUTURE_MODALS = frozenset(
    {"will", "'ll", "shall", "wo", "going", "gon", "should", "must"}
)
# Participles and adjectives that put what they govern ahead: "talks planned for
# January", "is scheduled for Thursday", "the vote is due on Monday".
_FUTURE_PARTICIPLES = frozenset(
    {
        "plan",
        "schedule",
        "expect",
        "set",
        "slate",
        "due",
        "intend",
        "propose",
        "timetable",
        "likely",
        "poise",
        "ready",
        "earmark",
        "pencil",
        "tentative",
        "forecast",
        "predict",
    }
)
# Verbs of saying, thinking and committing: what they report is told from the time of
# the report ("said the truce would start on Thursday" is the future). Headlines have
# their own, narrower list of verbs of saying (headlines.REPORTING_VERBS).
ATTITUDE_VERBS = frozenset(
    {
        "say",
        "announce",
        "tell",
        "add",
        "state",
        "declare",
        "confirm",
        "report",
        "warn",
        "insist",
        "agree",
        "promise",
        "pledge",
        "vow",
        "claim",
        "write",
        "predict",
        "indicate",
        "signal",
        "suggest",
        "expect",
        "believe",
        "think",
        "hope",
        "decide",
        "explain",
    }
)
_PAST_PREPOSITIONS = frozenset({"since", "ago"})
_FUTURE_PREPOSITIONS = frozenset({"until", "till", "by", "before"})


def clause_tense(
    doc: Doc, start: int, end: int, starts: list[int] | None = None
) -> str | None:
    """Direction implied by the clause governing the span at [start, end).

    PAST for past tense and perfects, FUTURE for "will", modals of obligation
    and "is scheduled to", PRESENT for present tense, None when the clause has
    no verb (a headline).
    """
    span = covering_span(
        doc, starts if starts is not None else token_starts(doc), start, end
    )
    if span is None or len(span) == 0:
        return None
    token = span.root
    prep = token.head if token.dep_ == "pobj" else None
    if prep is not None and prep.lower_ in _PAST_PREPOSITIONS:
        return PAST
    for _ in range(12):
        if token.pos_ in {"VERB", "AUX"} and token.dep_ not in {"amod"}:
            break
        if token.head is token:
            return None
        token = token.head
    else:
        return None
    tense = _verb_tense(token, depth=0)
    if prep is not None and prep.lower_ in _FUTURE_PREPOSITIONS:
        if tense == PRESENT or (
            prep.lower_ in {"until", "till"} and not _simple_past(token)
        ):
            return FUTURE
        if prep.lower_ in {"until", "till"} and any(
            c.dep_ == "aux" and c.lower_ == "had" for c in token.children
        ):
            return None  # "had asked until Tuesday": a deadline either side of the dct
    return tense


def _simple_past(verb) -> bool:
    """Is the first finite verb up the tree in the simple past ("was closed until")?

    "has kept markets closed until Friday" is not: the closure lasts into the future.
    """
    for _ in range(6):
        auxes = [
            c
            for c in verb.children
            if c.dep_ in {"aux", "auxpass"} and c.lower_ != "to"
        ]
        if auxes:
            return any(a.tag_ == "VBD" for a in auxes)
        if verb.tag_ in {"VBD", "VBZ", "VBP"}:
            return verb.tag_ == "VBD"
        if verb.head is verb:
            break
        verb = verb.head
    return False


def _verb_tense(verb, depth: int) -> str | None:
    auxes = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    lowers = {a.lower_ for a in auxes}
    if lowers & _FUTURE_MODALS:
        return FUTURE
    if "to" in lowers or (verb.tag_ == "VB" and not auxes):
        head = verb.head
        if head is not verb and depth < 4:
            if head.lemma_.lower() in _FUTURE_GOVERNORS:
                return FUTURE
            if verb.dep_ in {"acl", "relcl"} and head.pos_ in {"NOUN", "PROPN"}:
                return FUTURE  # "a ceasefire to take effect at midnight": ahead of it
            if verb.dep_ == "advcl" and "to" in lowers:
                return FUTURE  # "reached a truce to take effect at midnight": a purpose
            if verb.dep_ in {"xcomp", "ccomp", "advcl", "conj", "relcl", "acl"}:
                return _verb_tense(head, depth + 1)
        return None
    if verb.tag_ == "VBN" and verb.lemma_.lower() in _FUTURE_PARTICIPLES:
        # "is planned for the end of January", "talks scheduled for Friday": ahead,
        # unless the planning is itself told in the past ("was scheduled for").
        if not auxes and verb.dep_ in {"acl", "amod", "relcl", "advcl"}:
            return FUTURE
        if (
            auxes
            and all(
                a.lower_ in {"is", "are", "am", "'s", "'re", "be", "been", "being"}
                for a in auxes
            )
            and any(a.dep_ == "auxpass" for a in auxes)
        ):
            return FUTURE if not any(a.lower_ == "been" for a in auxes) else PAST
    if "would" in lowers:
        # "would have been held": counterfactual past; "said the truce would start
        # on Thursday": the future of a report.
        if lowers & {"have", "'ve"}:
            return PAST
        if _reported(verb):
            return FUTURE
    for aux in auxes:
        if aux.tag_ == "VBD" or aux.lower_ in {"had", "was", "were", "did"}:
            return PAST
        if aux.lower_ in {"has", "have", "'ve"} and verb.tag_ == "VBN":
            return PAST
        if aux.tag_ == "MD":
            return PRESENT if aux.lower_ in {"would", "could", "might"} else FUTURE
    if verb.tag_ in {"VBD"}:
        return PAST
    if verb.tag_ == "VBN":
        if verb.dep_ in {"conj", "xcomp"} and depth < 4 and verb.head is not verb:
            return _verb_tense(verb.head, depth + 1)
        return PAST
    if verb.tag_ == "VBG":
        if auxes:
            # "is meeting on Friday" is an arrangement: the future.
            progressive = any(
                a.lower_ in {"is", "are", "am", "'s", "'re"} for a in auxes
            )
            return FUTURE if progressive else PRESENT
        if verb.head is not verb and depth < 4:
            return _verb_tense(verb.head, depth + 1)
        return None
    if verb.tag_ in {"VBZ", "VBP"}:
        if verb.lemma_.lower() == "be" and any(
            c.dep_ == "acomp" and c.lemma_.lower() in _FUTURE_PARTICIPLES
            for c in verb.children
        ):
            return FUTURE  # "the vote is due on Monday"
        return PRESENT
    return None


def _reported(verb) -> bool:
    """Is the clause of ``verb`` what someone said ("said the truce would start")?"""
    token = verb
    for _ in range(4):
        if (
            token.dep_ in {"ccomp", "xcomp", "advcl", "conj"}
            and token.head is not token
        ):
            head = token.head
            if head.lemma_.lower() in ATTITUDE_VERBS:
                return True
            token = head
            continue
        break
    # "The ceasefire would take effect at 8:00, the ministry said."
    root = verb
    for _ in range(40):
        if root.head.i == root.i:
            break
        root = root.head
    return (
        root.i != verb.i
        and root.lemma_.lower() in ATTITUDE_VERBS
        and any(
            c.dep_ == "ccomp" and any(t.i == verb.i for t in c.subtree)
            for c in root.children
        )
        or (
            root.i == verb.i
            and any(
                c.dep_ in {"parataxis", "ccomp"} and c.lemma_.lower() in ATTITUDE_VERBS
                for c in verb.children
            )
        )
    )


def narrated_past(verb: Token) -> bool:
    """A verb in the simple past or past perfect heading its clause or reported by one
    ("signed", "had signed"): not a description, a condition or a plan."""
    if verb.pos_ != "VERB" or verb.dep_ not in {"ROOT", "conj", "ccomp"}:
        return False
    if any(c.dep_ == "neg" for c in verb.children):
        return False  # "did not sign": nothing happened
    auxiliaries = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    if verb.tag_ == "VBD":
        return not auxiliaries
    return verb.tag_ == "VBN" and any(
        a.tag_ == "VBD" and a.lemma_ in {"have", "be"} for a in auxiliaries
    )


def done_act(trigger: Token) -> bool:
    """A trigger telling of an act done: a verb (or the verb of a noun) in the simple
    past or a perfect, or a participle with its doer ("the accord signed by X")."""
    verb = trigger if trigger.pos_ in {"VERB", "AUX"} else trigger.head
    if verb.pos_ not in {"VERB", "AUX"}:
        return False
    auxiliaries = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    if verb.tag_ == "VBD" and not auxiliaries:
        return True
    if verb.tag_ == "VBN" and verb.dep_ == "acl":
        # "the agreement already signed by al-Sarraj": a done act, told of its noun.
        return any(c.dep_ == "agent" for c in verb.children)
    return verb.tag_ == "VBN" and any(
        a.tag_ == "VBD" or a.lemma_ == "have" for a in auxiliaries
    )
