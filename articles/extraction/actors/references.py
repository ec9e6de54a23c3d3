"""Short references to actors the article has named: a surname alone ("Mohamud added"),
a bare arm of a state ("the army", "the ministry") when the article names one such
body, and a state's body written two ways ("Russia's foreign ministry", "the Russian
Foreign Ministry") under one name.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..components import text_of, words_in
from ..types import ActorMention
from .gazetteer import Gazetteer, load_gazetteer, state_of
from .names import actor_key
from .words import ORG_HEADS, TITLE_WORDS

# Generic heads of a state's bodies, and the words each may be referred back to by.
BODY_HEADS = {
    "army": {"army", "military", "armed forces"},
    "armed forces": {"army", "military", "armed forces"},
    "military": {"army", "military", "armed forces"},
    "ministry": {"ministry"},
    "police": {"police"},
    "navy": {"navy"},
    "government": {"government"},
    "presidency": {"presidency"},
}
ORGANISATION_KINDS = {"organisation", "group"}


def resolve_references(doc: Doc, actors: list[ActorMention]) -> list[ActorMention]:
    """The actors with short references added and a state's bodies named one way."""
    gaz = load_gazetteer()
    actors = [_named_body(m, gaz) for m in actors]
    actors = _short_names(_unify_bodies(actors))
    covered = {i for m in actors for i in range(m.start, m.end)}
    added = _possessed_bodies(doc, gaz, covered, actors)
    actors = _unify_bodies([*actors, *added])
    added = _surnames(doc, actors, covered) + _bare_bodies(doc, actors, covered)
    added += _roles(doc, actors, covered)
    return _abbreviations(
        doc, sorted([*actors, *added], key=lambda m: (m.start, m.end))
    )


def _abbreviations(doc: Doc, actors: list[ActorMention]) -> list[ActorMention]:
    """ "The Israeli Defense Forces (IDF)": an abbreviation in brackets after a body's
    name, with that name's initials, is the body wherever the article writes it."""
    text = text_of(doc)
    short: dict[str, ActorMention] = {}
    for m in actors:
        if m.kind not in ORGANISATION_KINDS or len(m.canonical.split()) < 2:
            continue
        rest = text[m.end : m.end + 16]
        opened = rest.lstrip()
        if not opened.startswith("("):
            continue
        inside = opened[1:].split(")", 1)[0].strip()
        if inside.isupper() and inside.isalpha() and _initials_of(inside, m.canonical):
            short[inside] = m
    if not short:
        return actors
    found = []
    for m in actors:
        body = short.get(m.text.strip())
        if body is not None and m.canonical != body.canonical:
            m = ActorMention(
                m.start, m.end, m.text, body.canonical, body.kind, body.affiliation
            )
        found.append(m)
    covered = {(m.start, m.end) for m in found}
    for abbreviation, body in short.items():
        for token in words_in(doc, frozenset({abbreviation})):
            if (
                token.text == abbreviation
                and (
                    token.idx,
                    token.idx + len(token.text),
                )
                not in covered
            ):
                found.append(
                    ActorMention(
                        token.idx,
                        token.idx + len(token.text),
                        token.text,
                        body.canonical,
                        body.kind,
                        body.affiliation,
                    )
                )
    return sorted(found, key=lambda m: (m.start, m.end))


def _initials_of(abbreviation: str, name: str) -> bool:
    """ "IDF" and "Israel Defense Forces"; "RSF" and "Rapid Support Forces": the
    abbreviation's letters are the capitals of the name's words, in order (words
    like "of" and "the" may be left out)."""
    capitals = "".join(w[0] for w in name.replace("-", " ").split() if w[:1].isupper())
    return (
        abbreviation == capitals.upper()
        or abbreviation == "".join(w[0] for w in name.split()).upper()
    )


# A role said of a state's person, and the titles the article may have named them with.
ROLE_TITLES = {
    "leader": {"president", "prime", "premier", "chancellor", "leader", "king", "emir"},
    "president": {"president"},
    "premier": {"prime", "premier"},
    "chancellor": {"chancellor"},
}
MINISTER_ROLES = {"foreign", "defence", "defense", "interior"}
ROLE_WORDS = frozenset([*ROLE_TITLES, "minister"])


def _roles(
    doc: Doc, actors: list[ActorMention], covered: set[int]
) -> list[ActorMention]:
    """ "The Ukrainian leader said", "the Russian foreign minister": a state's role that
    one person the article names holds (the state theirs, the title written before
    their name: "Ukrainian President Volodymyr Zelenskiy")."""
    titled: dict[tuple[str, str], set[str]] = {}
    for m in actors:
        if m.kind != "person" or not m.affiliation:
            continue
        for title in _titles_before(doc, m):
            titled.setdefault((m.affiliation, title), set()).add(m.canonical)
    if not titled:
        return []
    found = []
    for token in words_in(doc, ROLE_WORDS):
        if token.idx in covered or token.pos_ != "NOUN":
            continue
        role = _role_phrase(token)
        if role is None:
            continue
        start, state, titles = role
        people = set().union(*(titled.get((state, t), set()) for t in titles))
        if len(people) == 1:
            end = token.idx + len(token.text)
            found.append(
                ActorMention(
                    start,
                    end,
                    text_of(doc)[start:end],
                    next(iter(people)),
                    "person",
                    state,
                )
            )
            covered.update(range(start, end))
    return found


def _titles_before(doc: Doc, mention: ActorMention) -> set[str]:
    """Title words written just before a person's name ("Russian Foreign Minister")."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return set()
    titles = set()
    for token in reversed(doc[max(0, span.start - 3) : span.start]):
        word = token.lower_
        if word not in TITLE_WORDS:
            break
        titles.add(word)
        if word == "minister":
            titles |= {f"{doc[token.i - 1].lower_} minister"} if token.i else set()
    return titles


def _role_phrase(token: Token) -> tuple[int, str, set[str]] | None:
    """ "the Ukrainian leader", "the Russian foreign minister": a definite role with a
    state's adjective and nothing else; its start, the state, and the titles that hold
    it."""
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
        return None
    modifiers = [c for c in token.children if c.dep_ in {"amod", "compound"}]
    if not modifiers or any(c.dep_ in {"prep", "appos"} for c in token.children):
        return None
    state = state_of(modifiers[0].text)
    if not state:
        return None
    rest = [c.lower_ for c in modifiers[1:]]
    if token.lower_ == "minister" and rest in ([r] for r in MINISTER_ROLES):
        titles = {f"{rest[0]} minister"}
    elif token.lower_ == "minister" and rest == ["prime"]:
        titles = ROLE_TITLES["premier"]
    elif not rest and token.lower_ in ROLE_TITLES:
        titles = ROLE_TITLES[token.lower_]
    else:
        return None
    return modifiers[0].idx, state, titles


def _surnames(
    doc: Doc, actors: list[ActorMention], covered: set[int]
) -> list[ActorMention]:
    """ "Mohamud added": a capitalised word that is the surname of exactly one person
    the article names in full."""
    by_surname: dict[str, set[str]] = {}
    written: set[str] = set()
    for m in actors:
        words = m.canonical.split()
        if m.kind == "person" and len(words) >= 2:
            by_surname.setdefault(actor_key(words[-1]), set()).add(m.canonical)
            written |= {words[-1], m.text.split()[-1]}
    if not written:
        return []
    found = []
    for token in words_in(doc, frozenset(written)):
        if (
            token.idx in covered
            or token.pos_ != "PROPN"
            or not token.text[:1].isupper()
        ):
            continue
        people = by_surname.get(actor_key(token.text), set())
        if len(people) == 1:
            found.append(
                ActorMention(
                    token.idx,
                    token.idx + len(token.text),
                    token.text,
                    next(iter(people)),
                    "person",
                )
            )
    return found


ARMED_HEADS = {"army", "military", "forces", "navy", "police"}
POSSESSED_HEADS = frozenset({"ministry", *ARMED_HEADS})
BARE_HEADS = frozenset({"presidency", "government", *POSSESSED_HEADS})


def _possessed_bodies(
    doc: Doc, gaz: Gazetteer, covered: set[int], actors: list[ActorMention]
) -> list[ActorMention]:
    """ "Russia's foreign ministry": a state's ministry, named as the state's adjective
    and the ministry ("Russian Foreign Ministry"). "Sudan's army" is the army the
    article names for Sudan ("Sudanese Armed Forces"), or else Sudan itself."""
    found = []
    for token in words_in(doc, POSSESSED_HEADS):
        if token.idx in covered:
            continue
        owners = [c for c in token.children if c.dep_ == "poss"]
        if not owners:
            continue
        state = state_of(owners[0].text)
        adjective = _adjective(gaz, state)
        if not adjective:
            continue
        words = [
            c
            for c in token.lefts
            if c.dep_ in {"amod", "compound"} and c.i > owners[0].i
        ]
        if token.lower_ == "forces" and [w.lower_ for w in words] != ["armed"]:
            continue
        start = (words[0] if words else token).idx
        end = token.idx + len(token.text)
        if any(i in covered for i in range(start, end)):
            continue
        name = " ".join(w.text.capitalize() for w in [*words, token])
        if token.lower_ in ARMED_HEADS:
            named = {
                m.canonical
                for m in actors
                if m.kind in ORGANISATION_KINDS
                and m.canonical.startswith(adjective + " ")
                and _body_head(m.canonical) in {"army", "armed forces", "military"}
            }
            if len(named) != 1:
                continue  # the state acts through its army: the state stays the actor
            name = next(iter(named))[len(adjective) + 1 :]
        found.append(
            ActorMention(
                start,
                end,
                text_of(doc)[start:end],
                f"{adjective} {name}",
                "organisation",
                state,
            )
        )
        covered.update(range(start, end))
    return found


def _body_head(text: str) -> str | None:
    lowered = text.lower()
    for head in sorted(BODY_HEADS, key=len, reverse=True):
        if lowered.endswith(head):
            return head
    return None


def _bare_bodies(
    doc: Doc, actors: list[ActorMention], covered: set[int]
) -> list[ActorMention]:
    """ "The army said": the one army (or ministry, police ...) the article names."""
    named: dict[str, set[str]] = {}
    for m in actors:
        head = _body_head(m.canonical)
        if (
            m.kind in ORGANISATION_KINDS
            and head
            and len(m.canonical.split()) > len(head.split())
        ):
            for word in BODY_HEADS[head]:
                named.setdefault(word, set()).add(m.canonical)
    found = []
    for token in words_in(doc, BARE_HEADS):
        if token.idx in covered or token.pos_ not in {"NOUN", "PROPN"}:
            continue
        phrase = _bare_phrase(token)
        if phrase is None:
            continue
        start, end, words = phrase
        bodies = named.get(words, set())
        if len(bodies) == 1:
            found.append(
                ActorMention(
                    start,
                    end,
                    text_of(doc)[start:end],
                    next(iter(bodies)),
                    "organisation",
                )
            )
            covered.update(range(start, end))
    return found


def _bare_phrase(token: Token) -> tuple[int, int, str] | None:
    """ "the army", "the armed forces", "the ministry": a definite generic body with no
    other modifier (a name would have made it a mention already)."""
    if token.lower_ not in {
        "army",
        "military",
        "forces",
        "ministry",
        "police",
        "navy",
        "presidency",
        "government",
    }:
        return None
    words = token.lower_
    start = token.idx
    if any(c.dep_ in {"prep", "appos", "nmod"} for c in token.children):
        return None  # "the Ministry of Foreign Affairs": a name of its own
    modifiers = [
        c for c in token.children if c.dep_ in {"det", "amod", "compound", "poss"}
    ]
    if any(c.dep_ == "det" and c.lower_ != "the" for c in modifiers):
        return None
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in modifiers):
        return None
    others = [c for c in modifiers if c.dep_ != "det"]
    if token.lower_ == "forces":
        if [c.lower_ for c in others] != ["armed"]:
            return None
        words = "armed forces"
        start = others[0].idx
    elif others:
        return None
    return start, token.idx + len(token.text), words


def _named_body(mention: ActorMention, gaz: Gazetteer) -> ActorMention:
    """ "Russia's foreign ministry" is the Russian Foreign Ministry."""
    if mention.kind not in ORGANISATION_KINDS:
        return mention
    text = mention.text
    for marker in ("'s ", "’s "):
        if marker in text:
            owner, body = text.split(marker, 1)
            state = state_of(owner.strip())
            head = _body_head(body)
            adjective = _adjective(gaz, state)
            if state and head and adjective:
                canonical = (
                    f"{adjective} {' '.join(w.capitalize() for w in body.split())}"
                )
                return ActorMention(
                    mention.start,
                    mention.end,
                    mention.text,
                    canonical,
                    mention.kind,
                    mention.affiliation or state,
                )
    return mention


def _unify_bodies(actors: list[ActorMention]) -> list[ActorMention]:
    """A body named without its state ("foreign ministry") when the article names
    exactly one such body of a state ("Russian Foreign Ministry") is that body."""
    full = {}
    for m in actors:
        if m.kind in ORGANISATION_KINDS and len(m.canonical.split()) > 2:
            full.setdefault(m.canonical.lower().split(" ", 1)[1], set()).add(
                m.canonical
            )
    result = []
    for m in actors:
        names = full.get(m.canonical.lower(), set())
        if m.kind in ORGANISATION_KINDS and len(names) == 1:
            m = ActorMention(
                m.start, m.end, m.text, next(iter(names)), m.kind, m.affiliation
            )
        result.append(m)
    return result


def _short_names(actors: list[ActorMention]) -> list[ActorMention]:
    """ "The Directorate said": a body named by the head word of its name alone is the
    one body of the article whose name ends with it."""
    result = []
    for m in actors:
        words = m.canonical.split()
        if (
            m.kind in ORGANISATION_KINDS
            and len(words) == 1
            and words[0].lower() in ORG_HEADS
        ):
            longer = {
                o.canonical
                for o in actors
                if o.kind in ORGANISATION_KINDS
                and len(o.canonical.split()) > 1
                and o.canonical.split()[-1].lower() == words[0].lower()
            }
            if len(longer) == 1:
                m = ActorMention(
                    m.start, m.end, m.text, longer.pop(), m.kind, m.affiliation
                )
        result.append(m)
    return result


def _adjective(gaz: Gazetteer, state: str) -> str:
    for adjective, owner in gaz.adjective_state.items():
        if owner == state:
            return adjective
    return ""
