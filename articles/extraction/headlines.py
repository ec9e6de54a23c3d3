"""Event titles as headlines: who did what (and where), in the present tense, short.

A headline is built from the parse of the clause that tells of the event, not cut out of
the sentence: the subject (people by their surname, the agent of a passive as the doer),
the verb in the present ("signed" -> "sign", "had begun" -> "begins", "will meet" -> "to
meet"), its object and the phrases that say where or with whom, without articles, dates,
relative clauses, asides or quotation marks. A noun that names the event ("a missile
attack that killed 13 people") keeps its own noun phrase and the clause describing it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Token

from .actors.words import TITLE_WORDS
from .types import ActorMention, PlaceMention, Precision, Timex

MAX_WORDS = 12
ARTICLES = {"a", "an", "the"}
# Modifiers a headline leaves out.
NOUN_SKIP = {
    "relcl",
    "acl",
    "appos",
    "punct",
    "advcl",
    "parataxis",
    "det",
    "predet",
    "dep",
    "meta",
    "intj",
    "mark",
    "case",
    "npadvmod",
    "advmod",
    "prep",
    "cc",
    "conj",
    "quantmod",
}
# Prepositions whose phrase belongs to a noun or verb in a headline ("talks in Geneva",
# "attack on Ganja", "agree to a truce"); the others set context ("despite", "after").
KEEP_PREPOSITIONS = {
    "of",
    "between",
    "on",
    "in",
    "at",
    "with",
    "for",
    "to",
    "against",
    "from",
    "into",
    "over",
    "near",
    "across",
    "through",
    "toward",
    "towards",
    "off",
    "outside",
    "inside",
    "within",
}
# Of these, the ones that set a scene keep their phrase only when it names a place, a
# party or an event ("in Moscow", "at talks"), not a manner ("in an attempt").
SCENE_PREPOSITIONS = {"in", "at", "near", "within", "inside", "outside", "across"}
# Nouns that count or phase an event: "a seventh round of talks" is the round.
PARTITIVE_NOUNS = {"round", "series", "wave", "spate", "resumption", "bout", "string"}
NAMED_ENTITIES = {"GPE", "LOC", "FAC", "ORG", "NORP", "PERSON", "EVENT"}
# Verbs that report a clause ("X did Y, residents said"; "Russia acknowledges that ...").
REPORTING_VERBS = {
    "say",
    "tell",
    "add",
    "state",
    "note",
    "report",
    "confirm",
    "announce",
    "claim",
    "insist",
    "warn",
    "stress",
    "write",
    "declare",
    "allege",
    "acknowledge",
    "admit",
    "concede",
    "deny",
    "reiterate",
    "emphasise",
    "emphasize",
    "explain",
    "argue",
    "believe",
    "predict",
    "signal",
    "indicate",
    "complain",
    "accuse",
    "reveal",
    "repeat",
}
# Nouns of events that "take place": what "the exchange should be tomorrow" says.
EVENT_WORDS = {
    "exchange",
    "swap",
    "talks",
    "meeting",
    "vote",
    "election",
    "summit",
    "referendum",
    "ceremony",
    "handover",
    "release",
    "signing",
    "round",
}
# Determiners that carry meaning ("both sides", "each other", "no deal").
QUANTIFIERS = {"both", "each", "all", "no", "every", "another", "several", "some"}
PRONOUNS = {
    "it",
    "they",
    "he",
    "she",
    "we",
    "i",
    "you",
    "this",
    "that",
    "these",
    "those",
    "who",
    "which",
}
IRREGULAR_3SG = {"be": "is", "have": "has", "do": "does", "go": "goes"}
QUOTES = {'"', "“", "”", "‘", "’", "'", "``", "''"}
CEASEFIRE_START_VERBS = {
    "begin",
    "start",
    "take",
    "come",
    "enter",
    "go",
    "kick",
    "hold",
    "apply",
    "implement",
}


@dataclass(frozen=True, slots=True)
class Context:
    """What the headline of one candidate may draw on."""

    actors: tuple[ActorMention, ...]  # the event's participants
    mentions: tuple[ActorMention, ...]  # every actor mention of the document
    places: tuple[PlaceMention, ...]
    timex: Timex | None
    kind: str
    ceasefire_nouns: frozenset[str]
    times: tuple[tuple[int, int], ...] = ()  # every time expression of the document
    event_nouns: frozenset[str] = frozenset()  # nouns a pronoun may stand for


def headline(trigger: Token, context: Context) -> str:
    """The headline of the event ``trigger`` signals."""
    words = _event_words(trigger, context)
    words = _with_place(words, trigger, context)
    words = _with_clock_time(words, context)
    return _finish(words, trigger)


def _event_words(trigger: Token, context: Context) -> list[str]:
    if trigger.pos_ in {"NOUN", "PROPN"}:
        if (
            trigger.dep_ == "pobj"
            and trigger.head.lower_ == "of"
            and trigger.head.head.lemma_.lower() in PARTITIVE_NOUNS
        ):
            trigger = trigger.head.head  # "a seventh round of talks": the round
        head = trigger.head
        if (
            trigger.dep_ in {"nsubj", "nsubjpass", "dobj", "attr"}
            and head.pos_ in {"VERB", "AUX"}
            and head is not trigger
        ):
            return _clause(head, context, focus=trigger)
        words = _noun_phrase(trigger, context, MAX_WORDS)
        described = [
            c
            for c in trigger.children
            if c.dep_ in {"relcl", "acl"} and c.tag_ in {"VBD", "VBZ", "VBP", "VBN"}
        ]
        for clause in described:
            if clause.tag_ == "VBN" and clause.dep_ == "acl":
                # "a deal promised by the Taliban": the participle and its agent.
                predicate = [clause.lower_] + _verb_preps(
                    clause,
                    context,
                    MAX_WORDS - len(words) - 1,
                    skip_objects=False,
                    agent=True,
                )
            else:
                predicate = _predicate(
                    clause,
                    context,
                    plural=_plural(trigger),
                    budget=MAX_WORDS - len(words),
                )
            if predicate:
                return words + predicate
        if context.kind == "statement" and not _names_anyone(trigger, context):
            # "In a statement on social media, the committees said ...": who said
            # what is in the clause the statement goes with.
            verb = next(
                (t for t in trigger.ancestors if t.pos_ in {"VERB", "AUX"}), None
            )
            if verb is not None and verb.lemma_.lower() in REPORTING_VERBS:
                clause = _clause(verb, context, focus=trigger)
                if _count(clause) >= 2:
                    return clause
        if _count(words) <= 2:
            # "in a statement": a bare noun says less than the clause it sits in.
            verb = next(
                (t for t in trigger.ancestors if t.pos_ in {"VERB", "AUX"}), None
            )
            if verb is not None:
                clause = _clause(verb, context, focus=trigger)
                if _count(clause) > _count(words):
                    return clause
            bodies = [m.canonical for m in context.actors if m.kind != "person"]
            if bodies and _count(words) <= 2:
                return [bodies[0], *(w.lower() if w.istitle() else w for w in words)]
        return words
    return _clause(trigger, context, focus=trigger)


def _names_anyone(noun: Token, context: Context) -> bool:
    """Whether a noun phrase names an actor ("a statement by the ministry")."""
    return any(m.start <= t.idx < m.end for t in noun.subtree for m in context.mentions)


def _clause(verb: Token, context: Context, *, focus: Token) -> list[str]:
    """Subject, verb and what the verb takes, compacted."""
    if verb.lemma_ == "be" and any(c.dep_ == "expl" for c in verb.children):
        # "There were reports of shelling": the reports are the headline.
        things = [c for c in verb.children if c.dep_ in {"attr", "nsubj"}]
        if things:
            return _noun_phrase(things[0], context, MAX_WORDS)
    subject_token, passive_object = _doer(verb)
    subject = _subject_words(subject_token, verb, context)
    plural = _plural(subject_token) or subject.count("and") > 0
    if (
        context.kind == "ceasefire_start"
        and verb.lemma_.lower() in CEASEFIRE_START_VERBS
    ):
        # "The truce began at noon", "a ceasefire came into force": said as "takes effect".
        noun = subject if _names_ceasefire(subject_token, context) else ["Ceasefire"]
        return (
            noun
            + ["takes", "effect"]
            + [
                word
                for word in _verb_preps(
                    verb, context, MAX_WORDS - len(noun) - 2, skip_objects=True
                )
                if word not in {"into", "effect", "force"}  # "came into effect"
            ]
        )
    ccomps = [c for c in verb.children if c.dep_ == "ccomp"]
    if not subject and verb.lemma_.lower() in REPORTING_VERBS and ccomps:
        # "MOSCOW (Reuters) - They agreed ..., said": what was said is the headline.
        return _reported(ccomps[0], context, MAX_WORDS)
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if not subject and objects and verb.tag_ in {"VBD", "VBN"}:
        # "'We agreed a joint document,' he said": no one to name, so the thing done
        # heads the line, as a headline's passive does ("Joint document agreed").
        thing = _noun_phrase(objects[0], context, 6)
        return (
            thing
            + [verb.lower_]
            + _verb_preps(verb, context, MAX_WORDS - len(thing) - 1, skip_objects=True)
        )
    budget = MAX_WORDS - len(subject)
    predicate = _predicate(
        verb, context, plural=plural, budget=budget, passive_object=passive_object
    )
    return subject + predicate


def _doer(verb: Token) -> tuple[Token | None, Token | None]:
    """The one who acts, and for a passive with an agent ("was brokered by the US"),
    the thing acted on, which becomes the object."""
    subjects = [
        c
        for c in verb.children
        if c.dep_ in {"nsubj", "nsubjpass", "csubj"} and not _dateline(c)
    ]
    current = verb
    for _ in range(3):
        if (
            subjects
            or current.dep_ not in {"xcomp", "conj", "advcl"}
            or current.head is current
        ):
            break
        current = current.head
        subjects = [
            c
            for c in current.children
            if c.dep_ in {"nsubj", "nsubjpass"} and not _dateline(c)
        ]
    if verb.dep_ in {"relcl", "acl"} and (
        not subjects or subjects[0].tag_ in {"WDT", "WP"}
    ):
        subjects = [verb.head]
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    doer = (
        next((g for g in agent.children if g.dep_ == "pobj"), None) if agent else None
    )
    if doer is not None:
        passive_object = next((s for s in subjects if s.dep_ == "nsubjpass"), None)
        return doer, passive_object
    return (subjects[0] if subjects else None), None


def _subject_words(subject: Token | None, verb: Token, context: Context) -> list[str]:
    if subject is None:
        return []
    if subject.lower_ in PRONOUNS or subject.tag_ in {"WDT", "WP"}:
        # "since it began": the event noun the pronoun stands for; "they signed": the
        # participants the clause names.
        if context.kind.startswith("ceasefire"):
            return ["Ceasefire"]
        noun = _event_antecedent(subject, context)
        if noun is not None:
            return _noun_phrase(noun, context, 4)
        if subject.lower_ in {"he", "she"}:
            person = _person_for(subject, context)
            if person:
                return [person]
        named = _unique_names(context.actors, limit=3)
        if not named and subject.lower_ in {"we", "they"}:
            # "'We agreed a joint document,' Putin said": the bodies the sentence names.
            named = _unique_names(_sentence_bodies(subject, context), limit=2)
        return _join(named) if named else []
    return _noun_phrase(subject, context, 6)


def _sentence_bodies(token: Token, context: Context) -> tuple[ActorMention, ...]:
    sent = token.sent
    return tuple(
        m
        for m in context.mentions
        if m.kind != "person" and sent.start_char <= m.start < sent.end_char
    )


def _event_antecedent(pronoun: Token, context: Context) -> Token | None:
    """The nearest event noun before a pronoun in its sentence ("the war ... since it
    began")."""
    before = [
        t
        for t in pronoun.sent
        if t.i < pronoun.i
        and t.pos_ == "NOUN"
        and t.lemma_.lower() in context.event_nouns
        and t.dep_ != "compound"
    ]
    return before[-1] if before else None


def _person_for(pronoun: Token, context: Context) -> str | None:
    """The person "he" or "she" stands for: one named in the same sentence ("As he
    arrived, de Mistura said"), else the last one named before it."""
    sent = pronoun.sent
    people = [m for m in context.mentions if m.kind == "person"]
    inside = [m for m in people if sent.start_char <= m.start < sent.end_char]
    before = [m for m in people if m.end <= sent.start_char]
    chosen = inside[0] if inside else before[-1] if before else None
    return surname(chosen.canonical) if chosen else None


def _predicate(
    verb: Token,
    context: Context,
    *,
    plural: bool,
    budget: int,
    passive_object: Token | None = None,
) -> list[str]:
    words = _verb_form(verb, plural=plural, active=passive_object is not None)
    words += [c.lower_ for c in verb.children if c.dep_ == "prt"]
    objects = [c for c in verb.children if c.dep_ in {"dobj", "attr", "oprd"}]
    if passive_object is not None:
        objects = [passive_object, *objects]
    for obj in objects[:1]:
        words += _noun_phrase(obj, context, max(2, budget - len(words) - 1))
    for xcomp in (
        c for c in verb.children if c.dep_ == "xcomp" and c.pos_ in {"VERB", "AUX"}
    ):
        if len(words) < budget - 1:
            words += ["to", xcomp.lemma_] + _objects_and_preps(
                xcomp, context, budget - len(words) - 2
            )
        break
    said = verb.lemma_.lower() in REPORTING_VERBS
    for ccomp in (c for c in verb.children if c.dep_ == "ccomp"):
        if said and len(words) < budget - 2:
            words += _reported(ccomp, context, budget - len(words))
        break
    if len(words) < budget:
        words += _verb_preps(verb, context, budget - len(words), skip_objects=False)
    return words


def _objects_and_preps(verb: Token, context: Context, budget: int) -> list[str]:
    words: list[str] = []
    for obj in (c for c in verb.children if c.dep_ in {"dobj", "attr"}):
        words += _noun_phrase(obj, context, max(2, budget))
        break
    if len(words) < budget:
        words += _verb_preps(verb, context, budget - len(words), skip_objects=False)
    return words


def _reported(verb: Token, context: Context, budget: int) -> list[str]:
    """What was said, as a compact clause in its own tense ("ceasefire should be
    expanded to all of Syria")."""
    subject = next(
        (
            c
            for c in verb.children
            if c.dep_ in {"nsubj", "nsubjpass", "expl"} and not _dateline(c)
        ),
        None,
    )
    if subject is None:
        words = []
    elif subject.dep_ == "expl":
        words = [subject.lower_]  # "there was a high possibility"
    elif subject.pos_ == "PRON":
        named = (
            _unique_names(context.actors, limit=2) if subject.lower_ == "they" else []
        )
        words = _join(named) if len(named) > 1 else [subject.lower_]
    else:
        words = _noun_phrase(subject, context, 5)
    words += [
        c.lower_
        for c in verb.children
        if c.dep_ in {"aux", "auxpass", "neg"} and c.lower_ not in QUOTES
    ] + [verb.text]
    words += [c.lower_ for c in verb.children if c.dep_ == "prt"]
    words += _objects_and_preps(verb, context, max(1, budget - len(words)))
    for comp in (c for c in verb.children if c.dep_ in {"acomp", "xcomp"}):
        if len(words) < budget:
            to = ["to"] if any(c.tag_ == "TO" for c in comp.children) else []
            words += (
                to
                + [comp.text]
                + _objects_and_preps(comp, context, budget - len(words) - 1)
            )
        break
    return words


def _verb_preps(
    verb: Token,
    context: Context,
    budget: int,
    *,
    skip_objects: bool,
    agent: bool = False,
) -> list[str]:
    """The verb's phrases of place and partner ("in Moscow", "with Turkey"), at most two,
    never a date; with ``agent``, a passive's "by" phrase too."""
    words: list[str] = []
    taken = 0
    deps = {"prep", "dative", "agent"} if agent else {"prep", "dative"}
    for prep in (c for c in verb.children if c.dep_ in deps):
        if taken == 2 or not _keeps(prep, context):
            continue
        objects = [g for g in prep.children if g.dep_ == "pobj"]
        if not objects:
            continue
        phrase = [prep.lower_] + _noun_phrase(
            objects[0], context, max(1, budget - len(words) - 1)
        )
        if len(words) + len(phrase) > budget:
            break
        words += phrase
        taken += 1
    return words


def _noun_phrase(token: Token, context: Context, budget: int) -> list[str]:
    """A noun phrase without articles, relative clauses, appositions or dates; people by
    surname; prepositional phrases kept while the budget allows."""
    for depth in (2, 1, 0):
        words = _np(token, context, depth)
        if _count(words) <= budget:
            return words
    return _np(token, context, 0)


def _count(words: list[str]) -> int:
    """Words as a reader counts them: no possessive endings or commas."""
    return sum(w not in {"'s", "’s", ",", "-"} for w in words)


def _np(token: Token, context: Context, depth: int) -> list[str]:
    people = _people_in(token, context)
    if people:
        words = _join(people)
    else:
        left = []
        for c in token.lefts:
            if c.lower_ in QUOTES or _dated(c, context):
                continue
            if c.dep_ in {"det", "predet"}:
                if c.lower_ in QUANTIFIERS or (
                    c.dep_ == "det" and c.lower_ not in ARTICLES and c.tag_ != "WDT"
                ):
                    left.append(c)
            elif c.dep_ not in NOUN_SKIP:
                left.append(c)
        words = []
        for child in left:
            if child.dep_ == "poss":
                words += _np(child, context, 0)
            else:
                words += [
                    t.text
                    for t in child.subtree
                    if t.lower_ not in QUOTES
                    and t.dep_ not in {"punct", "det"}
                    and not _dated(t, context)
                ]
        if not _in_time(token, context):
            words.append(token.text)  # "Haftar yesterday evening asked": Haftar
        words += [c.text for c in token.rights if c.dep_ == "case"]
    if depth > 0:
        for prep in (c for c in token.rights if c.dep_ == "prep"):
            if not _keeps(prep, context):
                continue
            objects = [g for g in prep.children if g.dep_ == "pobj"]
            if objects:
                words += [prep.lower_] + _np(objects[0], context, depth - 1)
            break
    conjuncts = [c for c in token.children if c.dep_ == "conj"]
    if conjuncts and token.dep_ != "conj":
        items = [words]
        while conjuncts:
            conj = conjuncts.pop(0)
            if not (people and _person(conj, context) in people):
                items.append(_np_single(conj, context, max(depth - 1, 0)))
            conjuncts = [c for c in conj.children if c.dep_ == "conj"] + conjuncts
        words = []
        for n, item in enumerate(items):
            if n:
                words.append("and" if n == len(items) - 1 else ",")
            words += item
    return words


def _np_single(token: Token, context: Context, depth: int) -> list[str]:
    """One conjunct of a list, without the conjuncts that hang from it."""
    saved = [c for c in token.children if c.dep_ == "conj"]
    words = _np(token, context, depth) if not saved else _np(token, context, 0)
    return words


def _people_in(token: Token, context: Context) -> list[str]:
    """Surnames of the people a noun phrase names, when its head is a person's name
    ("US President Donald Trump and Russian President Vladimir Putin" -> Trump, Putin)."""
    if _person(token, context) is None:
        # "Turkish President, Recep Tayyip Erdogan, and ...": the person in apposition.
        apposed = [c for c in token.children if c.dep_ == "appos"]
        if (
            apposed
            and token.lower_ in TITLE_WORDS
            and _person(apposed[0], context) is not None
        ):
            return _people_in(apposed[0], context) + [
                name
                for conj in token.conjuncts
                for a in conj.children
                if a.dep_ == "appos"
                for name in _people_in(a, context)
            ]
        return []
    names: list[str] = []
    stack = [token]
    while stack:
        current = stack.pop()
        name = _person(current, context)
        if name and name not in names:
            names.append(name)
        stack.extend(
            c
            for c in current.children
            if c.dep_ in {"compound", "nmod", "conj", "cc"}
            or c.i < token.i
            and c.dep_ != "prep"
        )
    order = {n: i for i, n in enumerate(names)}
    positions = {}
    for t in token.subtree:
        name = _person(t, context)
        if name in order:
            positions.setdefault(name, t.i)
    return sorted(names, key=lambda n: positions.get(n, 0))


def _person(token: Token, context: Context) -> str | None:
    """A person's surname for the noun phrase headed by a token of their mention
    ("US President Donald Trump" -> "Trump")."""
    for mention in context.mentions:
        if mention.kind == "person" and mention.start <= token.idx < mention.end:
            return surname(mention.canonical)
    return None


# Lower-case particles that belong to a surname: "de Mistura", "al-Assad", "van der Bellen".
SURNAME_PARTICLES = {
    "de",
    "da",
    "di",
    "du",
    "del",
    "della",
    "van",
    "von",
    "der",
    "den",
    "ter",
    "al",
    "el",
    "bin",
    "ibn",
    "abu",
    "le",
    "la",
}


def surname(name: str) -> str:
    """The part of a person's name a headline uses: the last word with its particles."""
    words = name.split()
    n = len(words) - 1
    while n > 0 and words[n - 1].lower() in SURNAME_PARTICLES:
        n -= 1
    return " ".join(words[n:]) if len(words) > 1 else name


def _dated(token: Token, context: Context) -> bool:
    """A phrase that is a date: inside a time expression, or made of date words
    (a preposition with them: "on Monday", "at 8:00"); or a dateline ("MOSCOW -")."""
    words = [t for t in token.subtree if not t.is_punct]
    if token.dep_ == "prep":
        words = [t for t in words if t is not token]
    if not words:
        return False
    if _dateline(token):
        return True
    spans = list(context.times)
    if context.timex is not None:
        spans.append((context.timex.start, context.timex.end))
    return all(
        t.ent_type_ in {"DATE", "TIME"} or any(a <= t.idx < b for a, b in spans)
        for t in words
    )


def _in_time(token: Token, context: Context) -> bool:
    return token.ent_type_ in {"DATE", "TIME"} or any(
        a <= token.idx < b for a, b in context.times
    )


# "MOSCOW, July 24 (Reuters) -", "Gaza City, August 7 (RHC)--", "GAZA CITY:": a place
# in capitals or with a date or an agency in brackets, then a dash or a colon.
DATELINE = re.compile(
    r"^\s*(?:[A-Z][A-Z .'-]{2,40}|[A-Z][\w.' -]{1,40}?"
    r"(?=,\s*[A-Z][a-z]{2,9}\.?\s+\d|\s*\())"
    r"(?:,\s*[A-Z][a-z]{2,9}\.?\s+\d{1,2}(?:,\s*\d{4})?)?"
    r"(?:\s*\([^)]{1,40}\))?\s*(?:--|[-–—:])"
)


def _dateline(token: Token) -> bool:
    """A token of the dateline that opens a sentence."""
    doc = token.doc
    ends = doc.user_data.get("dateline_ends")
    if ends is None:
        # Once per document: for each token, where its sentence's dateline ends.
        ends = doc.user_data["dateline_ends"] = [-1] * len(doc)
        for sent in doc.sents:
            match = DATELINE.match(sent.text)
            if match:
                for i in range(sent.start, sent.end):
                    ends[i] = sent.start_char + match.end()
    return token.idx < ends[token.i]


def in_exchange_for(noun: Token) -> bool:
    """ "in exchange for", "in return for": a fixed phrase, no event and no scene."""
    return (
        noun.dep_ == "pobj"
        and noun.head.lower_ == "in"
        and not any(c.dep_ == "det" for c in noun.children)
        and any(c.dep_ == "prep" and c.lower_ == "for" for c in noun.children)
    )


def _keeps(prep: Token, context: Context) -> bool:
    """Whether a prepositional phrase belongs in the headline."""
    if any(in_exchange_for(g) for g in prep.children):
        return False
    if prep.dep_ == "agent":
        return not _dated(prep, context)
    if prep.lower_ not in KEEP_PREPOSITIONS or _dated(prep, context):
        return False
    if prep.lower_ not in SCENE_PREPOSITIONS:
        return True
    return any(
        t.ent_type_ in NAMED_ENTITIES
        or t.lemma_.lower() in context.event_nouns
        or any(p.start <= t.idx < p.end for p in context.places)
        for g in prep.children
        if g.dep_ == "pobj"
        for t in _own_phrase(g)
    )


def _own_phrase(noun: Token) -> list[Token]:
    """A noun with its modifiers and conjuncts, without the clauses and phrases hanging
    from it ("an attempt [to take Tripoli]")."""
    tokens = [noun]
    for child in noun.children:
        if child.dep_ in {"compound", "amod", "poss", "nmod", "conj", "nummod", "det"}:
            tokens += _own_phrase(child)
    return tokens


def _verb_form(verb: Token, *, plural: bool, active: bool) -> list[str]:
    """The verb as a headline says it: present for what happened or happens, "to" and
    the base form for what will happen, the participle for a passive without agent."""
    lemma = verb.lemma_.lower()
    auxiliaries = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    passive = any(a.dep_ == "auxpass" for a in auxiliaries) and not active
    if passive:
        return [verb.lower_]
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if (
        lemma == "be"
        and not any(c.dep_ in {"attr", "acomp"} for c in verb.children)
        and any(s.lemma_.lower() in EVENT_WORDS for s in subjects)
    ):
        lemma = "take place"  # "the exchange should be tomorrow"
    elif lemma == "be" and plural:
        return ["are"]
    future = any(
        a.tag_ == "MD"
        and a.lower_ not in {"can", "could", "may", "might"}
        or a.lemma_ == "go"
        and a.tag_ == "VBG"
        for a in auxiliaries
    )
    if future:
        return ["to", lemma]
    if plural:
        return [lemma]
    return [_third_person(lemma)]


def _third_person(lemma: str) -> str:
    if " " in lemma:
        head, rest = lemma.split(" ", 1)
        return f"{_third_person(head)} {rest}"
    if lemma in IRREGULAR_3SG:
        return IRREGULAR_3SG[lemma]
    if lemma.endswith(("s", "x", "z", "ch", "sh", "o")):
        return lemma + "es"
    if lemma.endswith("y") and lemma[-2:-1] not in set("aeiou"):
        return lemma[:-1] + "ies"
    return lemma + "s"


def _plural(subject: Token | None) -> bool:
    if subject is None:
        return False
    return (
        subject.tag_ in {"NNS", "NNPS"}
        or any(c.dep_ == "conj" for c in subject.children)
        or subject.lower_ in {"they", "we"}
    )


def _names_ceasefire(subject: Token | None, context: Context) -> bool:
    return subject is not None and subject.lemma_.lower() in context.ceasefire_nouns


def _with_place(words: list[str], trigger: Token, context: Context) -> list[str]:
    """Where, when the event's own phrase names a place the headline does not say."""
    core = _core(trigger)
    for place in context.places:
        if not any(place.start <= t.idx < place.end for t in core):
            continue
        names = set(_plain(f"{place.canonical} {place.text}").split())
        if names & set(_plain(" ".join(words)).split()):
            return words
        if len(words) + 1 + len(place.canonical.split()) <= MAX_WORDS + 2:
            return words + ["in", *place.canonical.split()]
    return words


def _plain(text: str) -> str:
    return "".join(c if c.isalnum() else " " for c in text.lower())


def _core(trigger: Token) -> list[Token]:
    """The event's own phrase: the trigger, its subject and objects and the phrases
    that place it, without embedded clauses or context ("after talks in Moscow")."""
    keep: list[Token] = []
    stack = [trigger]
    while stack:
        token = stack.pop()
        keep.append(token)
        for child in token.children:
            if child.dep_ in {
                "relcl",
                "advcl",
                "ccomp",
                "parataxis",
                "acl",
                "appos",
                "conj",
            }:
                continue
            if child.dep_ == "prep" and child.lower_ not in KEEP_PREPOSITIONS:
                continue
            stack.append(child)
    return keep


def _with_clock_time(words: list[str], context: Context) -> list[str]:
    """A clock time matters for a ceasefire or an attack: "takes effect at midnight"."""
    timex = context.timex
    if timex is None or timex.interval is None:
        return words
    if timex.interval.precision not in {Precision.HOUR, Precision.MINUTE}:
        return words
    moment = timex.interval.start
    clock = {(0, 0): "midnight", (12, 0): "noon"}.get(
        (moment.hour, moment.minute), f"{moment.hour:02d}:{moment.minute:02d}"
    )
    return words + ["at", clock]


def _unique_names(mentions: tuple[ActorMention, ...], limit: int) -> list[str]:
    names: list[str] = []
    for m in mentions:
        name = surname(m.canonical) if m.kind == "person" else m.canonical
        if name not in names:
            names.append(name)
    return names[:limit]


def _join(names: list[str]) -> list[str]:
    if len(names) == 1:
        return names[0].split()
    words: list[str] = []
    for n, name in enumerate(names):
        if n:
            words.append("and" if n == len(names) - 1 else ",")
        words += name.split()
    return words


def _finish(words: list[str], trigger: Token) -> str:
    text = " ".join(w for w in words if w and w not in QUOTES)
    for mark in (" ,", " 's", " ’s", " .", " ;", " :", " %", " n't"):
        text = text.replace(mark, mark.strip())
    while (
        text.split(" ", 1)[0].lower() in {"and", "but", "or", ",", "-"} and " " in text
    ):
        text = text.split(" ", 1)[1]
    text = (
        text.replace(" - ", "-").replace("( ", "(").replace(" )", ")").strip(" ,;:.-–—")
    )
    if not text:
        text = trigger.text
    return text[:1].upper() + text[1:]
