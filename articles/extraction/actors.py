"""Actors and places of an article: who acts, and where.

Names come from two places: spaCy's entities (PERSON, ORG, GPE, NORP, LOC, FAC) and
curated gazetteers in ``data/`` (states with their aliases, adjectives, plural
demonyms and capitals; organisations; armed groups; named governments; cities
and regions; news outlets).  The small English model mislabels many names
(capitals as PERSON, states as ORG, surnames as ORG), so a gazetteer entry
always beats the entity label, and the label only decides for names the
gazetteers do not know.

A state can be an actor or a place.  The dependency parse decides: the subject,
agent, object of a verb of saying or accusing, a party "between X and Y" acts;
the object of "in", "at", "near", of "leave" or "capture" is a place.  A capital
stands for its state only in the acting positions ("Moscow said", "Baku accused
Yerevan"); otherwise it is a city.

Mention texts are the words of the article without a leading "the", except for
states whose short name takes it ("the United States"), and keep forms of
address ("Mr Lavrov", "Gen Khalifa Haftar") but not job titles ("President").
The canonical name never has either.  ``actor_key`` is the folding that decides
across articles that two canonical names are one actor.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc, Token

from .types import ActorMention, PlaceMention

DATA_DIR = Path(__file__).with_name("data")

PERSON, STATE, ORGANISATION, GROUP = "person", "state", "organisation", "group"

# --- name folding -----------------------------------------------------------

_PARTICLES = frozenset({"al", "el"})
_FOLDS = (
    ("gh", "k"),
    ("q", "k"),
    ("ck", "k"),
    ("dh", "d"),
    ("ph", "f"),
    ("dj", "j"),
    ("ou", "u"),
    ("y", "i"),
)
_DOUBLE = re.compile(r"(\w)\1+")


def _fold_once(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"['\u2019\u2018`\u02bc\u02bb.]", "", text)
    text = "".join(c if c.isalnum() else " " for c in text)
    words = text.split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    kept = [w for w in words if w not in _PARTICLES] or words
    folded = []
    for word in kept:
        if not word.isascii():
            folded.append(word)
            continue
        for old, new in _FOLDS:
            word = word.replace(old, new)
        folded.append(_DOUBLE.sub(r"\1", word))
    return " ".join(folded)


def actor_key(name: str) -> str:
    """The identity of a name across articles and transliterations.

    Conservative on purpose: it joins spellings of one name (Qasemi, Qassemi,
    Ghasemi; Bashar al-Assad, Bashar Al Assad, Bashar Assad; Zelenskiy,
    Zelensky) but keeps every letter that tells names apart (Iran, Iraq).
    """
    key = name
    for _ in range(8):  # folds can expose new doubles or particles: run to a fixpoint
        nxt = _fold_once(key)
        if nxt == key:
            break
        key = nxt
    return key


_ADDRESS_WORDS = frozenset(
    """mr mr. mrs mrs. ms ms. dr dr. gen gen. general mullah sheikh shaikh col col.
    colonel lt lt. maj maj. major marshal field brig brig. brigadier admiral adm adm.
    imam ayatollah sir dame prince princess king queen emir sultan sayyed sayyid""".split()
)


_SURNAME_PARTICLES = frozenset("de da di van von der den du la le bin ibn ben".split())


def _name_words(name: str) -> list[str]:
    """The words of a personal name that identify someone (not "al", "de", "bin")."""
    return [w for w in actor_key(name).split() if w not in _SURNAME_PARTICLES]


def canonical_name(names: Iterable[str]) -> str:
    """The display name among spellings of one identity, whatever their order.

    The fullest form (most name words, forms of address and particles aside)
    wins, then the most frequent, then mixed case over capitals, then the
    alphabetically first: a function of the multiset of names only.
    """
    counts = Counter(" ".join(n.split()) for n in names if n and n.strip())
    if not counts:
        return ""

    def rank(name: str) -> tuple:
        words = [w for w in name.split() if w.lower() not in _ADDRESS_WORDS]
        if words and words[0].lower() == "the":
            words = words[1:]
        significant = [w for w in words if actor_key(w) not in ("", *_PARTICLES)]
        return (
            -len(significant),
            -counts[name],
            name.isupper(),
            name.startswith("the "),
            name,
        )

    return min(counts, key=rank)


# --- gazetteers ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Entry:
    """What a gazetteer says a name is."""

    role: str  # state, capital, adjective, demonym, organisation, group, government,
    # person, city, region, source, platform
    canonical: str
    kind: str = ""  # actor kind, for actor roles
    country: str = ""
    takes_the: bool = False
    recognised: bool = False


@dataclass(slots=True)
class _Gazetteer:
    names: dict[str, list[_Entry]] = field(default_factory=dict)
    people: dict[str, str] = field(default_factory=dict)  # actor_key -> canonical
    people_country: dict[str, str] = field(default_factory=dict)  # actor_key -> state
    org_country: dict[str, str] = field(default_factory=dict)  # organisation -> state
    adjective_state: dict[str, str] = field(default_factory=dict)
    recognised_governments: dict[str, _Entry] = field(default_factory=dict)
    media_words: frozenset[str] = frozenset()
    furniture_words: frozenset[str] = frozenset()
    longest: int = 1
    _prefixes: set[str] = field(default_factory=set)

    def add(self, name: str, entry: _Entry) -> None:
        for variant in {name, name.upper()} | (
            {name.title()} if name.isupper() and len(name) > 3 else set()
        ):
            entries = self.names.setdefault(variant, [])
            if entry not in entries:
                entries.append(entry)
            self.longest = max(self.longest, len(_split_words(variant)))

    def lookup(self, text: str) -> list[_Entry]:
        return self.names.get(_normalise_quotes(text), [])

    def may_start(self, text: str) -> bool:
        """Whether some name begins like ``text`` (its first three characters): most
        positions in an article start no name, and this skips their n-gram lookups."""
        if not self._prefixes:
            self._prefixes.update(name[:3] for name in self.names)
        head = _normalise_quotes(text[:3])
        return any(head[:k] in self._prefixes for k in (3, 2, 1))


def _normalise_quotes(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").replace("\u2018", "'").split())


def _split_words(text: str) -> list[str]:
    return re.findall(r"[^\s\-_/\u2013]+", text)


@functools.cache
def _gazetteer() -> _Gazetteer:
    gaz = _Gazetteer()
    actors = json.loads(
        (DATA_DIR / "actors_gazetteer.json").read_text(encoding="utf-8")
    )
    places = json.loads(
        (DATA_DIR / "places_gazetteer.json").read_text(encoding="utf-8")
    )
    sources = json.loads((DATA_DIR / "news_sources.json").read_text(encoding="utf-8"))
    # Sources first: a later actor entry for the same string comes after them in
    # the list, and the resolver prefers actors only where the text calls for it.
    for outlet in sources["outlets"]:
        for name in [outlet["name"], *outlet.get("aliases", [])]:
            gaz.add(name, _Entry("source", outlet["name"]))
    for name in sources["platforms"]:
        gaz.add(name, _Entry("platform", name))
    gaz.media_words = frozenset(sources["media_words"])
    gaz.furniture_words = frozenset(sources["furniture_words"])
    for state in actors["states"]:
        name = state["name"]
        the = state.get("takes_the", False)
        gaz.add(name, _Entry("state", name, STATE, name, takes_the=the))
        for alias in state.get("aliases", []):
            gaz.add(alias, _Entry("state", name, STATE, name))
        for adjective in state.get("adjectives", []):
            gaz.add(adjective, _Entry("adjective", name, STATE, name))
            gaz.adjective_state.setdefault(adjective, name)
            gaz.add(f"{adjective} Republic", _Entry("state", name, STATE, name))
        for demonym in state.get("demonyms", []):
            gaz.add(demonym, _Entry("demonym", name, STATE, name))
        if "capital" in state:
            for capital in [state["capital"], *state.get("capital_aliases", [])]:
                gaz.add(capital, _Entry("capital", state["capital"], STATE, name))
        gaz.add(f"Republic of {name}", _Entry("state", name, STATE, name))
        gaz.add(f"{name} Republic", _Entry("state", name, STATE, name))
    for org in actors["organisations"]:
        for alias in [org["name"], *org.get("aliases", [])]:
            gaz.add(alias, _Entry("organisation", org["name"], ORGANISATION))
        if org.get("country"):
            gaz.org_country[org["name"]] = org["country"]
    for group in actors["groups"]:
        for alias in [
            group["name"],
            *group.get("aliases", []),
            *group.get("forms", []),
        ]:
            gaz.add(alias, _Entry("group", group["name"], GROUP))
    for gov in actors["governments"]:
        entry = _Entry(
            "government",
            gov["name"],
            STATE,
            gov["country"],
            recognised=gov.get("recognised", False),
        )
        for alias in [gov["name"], *gov.get("aliases", [])]:
            gaz.add(alias, entry)
        if entry.recognised:
            gaz.recognised_governments[gov["country"]] = entry
    for person in actors["people"]:
        for alias in [person["name"], *person.get("aliases", [])]:
            gaz.people[actor_key(alias)] = person["name"]
            if person.get("country"):
                gaz.people_country[actor_key(alias)] = person["country"]
    for kind in ("cities", "regions"):
        for place in places[kind]:
            for alias in [place["name"], *place.get("aliases", [])]:
                gaz.add(
                    alias,
                    _Entry(
                        "city" if kind == "cities" else "region",
                        place["name"],
                        country=place["country"],
                    ),
                )
    return gaz


_STATE_ROLES = ("state", "adjective", "demonym", "capital")


def state_of(text: str) -> str:
    """The canonical state a state name, alias, adjective, demonym or capital names
    ("Iranian" -> "Iran", "U.S." -> "United States", "Tehran" -> "Iran"), else ""."""
    name = _normalise_quotes(text).strip(" ,;:")
    name = re.sub(r"^(?:the|The|THE)\s+", "", name)
    name = re.sub(r"'s?$", "", name)
    if not name:
        return ""
    gaz = _gazetteer()
    entries = gaz.lookup(name) or gaz.lookup(name.title())
    countries = {e.country for e in entries if e.role in _STATE_ROLES and e.country}
    return countries.pop() if len(countries) == 1 else ""


# --- word lists of the rules (closed classes, not names) ------------------------

_TITLE_WORDS = frozenset(
    """president presidents vice prime minister ministers foreign defence defense interior
    secretary secretary-general general-secretary deputy spokesman spokeswoman spokesperson
    envoy ambassador special representative permanent chief commander leader head director
    chairman chairwoman chair speaker senator governor mayor official officer adviser advisor
    counsellor negotiator of the state to for affairs reconciliation senior top former late
    acting interim incumbent supreme military army navy emeritus mp lawmaker premier
    chancellor minister-president co-chair co-chairs strongman warlord rival dictator
    longtime""".split()
)
_ORG_HEADS = frozenset(
    """ministry ministries department council army forces force committee office group mission
    agency front party movement brigade brigades battalion guard guards union league assembly
    parliament court commission observatory organization organisation organisations
    organizations institute foundation fund bank service services corps authority
    secretariat directorate administration command headquarters cabinet senate congress
    coalition alliance federation association society program programme center centre
    bureau police militia mod""".split()
)
_GROUP_HEADS = frozenset(
    "rebels rebel militias militia militants fighters insurgents movement forces group".split()
)
_SEPARATIST_HEADS = frozenset("separatists separatist".split())
_BACKING = frozenset("backed supported sponsored allied aligned armed funded".split())
_LEADING = frozenset("led".split())
_RECOGNITION = frozenset(
    "recognised recognized legitimate internationally elected".split()
)
_GOVERNMENT_HEADS = frozenset("government governments authorities regime".split())
_LOCATIVE_PREPS = frozenset(
    """in at near across inside outside around throughout within on over along beyond
    off outside towards toward into onto past through via under above below""".split()
)
_AGENT_PREPS = frozenset("by with between against among versus vs".split())
_MOTION_LEMMAS = frozenset(
    """go come travel fly arrive return move head depart leave flee withdraw withdrawal
    drawdown deploy deployment send trip visit journey road route way export import flight
    border frontier troop troops force forces refugee migrant extend expand spread cover
    all part shipment delivery convoy flow transfer expel evacuate evacuation escape
    retreat drive march advance push""".split()
)
_AGENT_NOUNS = frozenset(
    """leader leaders president presidents minister ministers ministry government
    governments representative representatives envoy envoys delegation delegations side
    army statement position role support backing ally allies head chief spokesman
    spokeswoman authorities officials official parliament ambassador embassy diplomat
    diplomats foreign defense defence mod intelligence king prime co-chair co-chairs
    proposal plan demand demands request call offer decision negotiator mediator delegate
    soldier troop military navy air""".split()
)
_PLACE_VERBS = frozenset(
    """leave visit reach enter capture attack shell take control cross invade seize depart
    occupy besiege hit strike bomb recapture liberate tour regain tour land rule govern
    surround encircle storm overrun target fire raid pound flee evacuate abandon""".split()
)
_PLACE_NOUNS = frozenset(
    """city capital region territory port border population soil airspace province north
    south east west coast part area areas town village district enclave heartland
    countryside mountains desert sea waters frontier side-of largest second-largest
    fourth-largest biggest economy oil crude reserves map""".split()
)
_EVENT_NOUNS = frozenset(
    """war conflict crisis talks summit statement deal agreement ceasefire truce peace
    process format framework track meeting conference round negotiations negotiation
    declaration accord protocol memorandum crisis uprising revolution elections election
    port city""".split()
)
_FACILITY_NOUNS = frozenset(
    "checkpoint crossing airport airbase base bridge junction highway road line".split()
)
_TIME_WORDS = frozenset(
    """gmt utc est edt cet cest msk bst pst january february march april may june july
    august september october november december monday tuesday wednesday thursday friday
    saturday sunday""".split()
)
# Affiliations: a title phrase next to a name ("Kenyan Foreign Minister X", "X, the
# US ambassador to the UN") or the words of an organisation's name ("the Ethiopian
# defence ministry") say which state a person or organisation belongs to.
_OFFICE_WORDS = frozenset(
    """president vice-president premier chancellor minister secretary secretary-general
    spokesman spokeswoman spokesperson envoy ambassador representative commander chief
    head director chairman chairwoman speaker governor official officer adviser advisor
    counsellor counselor negotiator diplomat prosecutor attorney general leader king queen
    emir""".split()
)
_STATE_ORGAN_HEADS = frozenset(
    """ministry department army forces military navy office embassy consulate government
    cabinet parliament police guard guards intelligence presidency prosecutor
    prosecutor's prosecutors court senate congress""".split()
)
# words that may stand in such phrases besides offices and organs
_PHRASE_WORDS = (
    _TITLE_WORDS
    | _OFFICE_WORDS
    | _STATE_ORGAN_HEADS
    | frozenset(
        """foreign defence defense interior affairs national security armed state permanent
    special deputy first justice finance home ministry's ministries air general's
    presidential""".split()
    )
) - frozenset(
    "presidents ministers co-chairs strongman warlord rival dictator longtime".split()
)
_PHRASE_PREPS = frozenset("of to for on in at with".split())
_NOT_OF_A_STATE = frozenset(
    "strongman warlord rival dictator rebel rebels separatist insurgent opposition".split()
)
_SOURCE_CUES_BEFORE = (
    "quoted by",
    "quoted as saying by",
    "according to",
    "reported by",
    "citing",
    "cited by",
    "told",
    "source:",
    "sources:",
    "via",
    "—",
    "–",
    "-",
    "(",
)


# --- candidates ---------------------------------------------------------------


@dataclass(slots=True)
class _Cand:
    start: int
    end: int
    token: Token  # the syntactic head of the candidate
    label: str  # NER label, or GAZ / PATTERN
    entry: _Entry | None = None
    text: str = ""

    def overlaps(self, other: _Cand) -> bool:
        return self.start < other.end and other.start < self.end

    def inside(self, other: _Cand) -> bool:
        return other.start <= self.start and self.end <= other.end


@dataclass(slots=True)
class _Piece:
    start: int
    end: int
    token: Token


def _pieces(doc: Doc) -> list[_Piece]:
    """Tokens, with the parts of hyphenated and glued tokens ("U.S.-Taliban") on their own."""
    pieces = []
    for tok in doc:
        if tok.is_space:
            continue
        parts = list(re.finditer(r"[^\-_/\u2013]+", tok.text))
        if len(parts) > 1:
            pieces.extend(
                _Piece(tok.idx + m.start(), tok.idx + m.end(), tok) for m in parts
            )
        else:
            pieces.append(_Piece(tok.idx, tok.idx + len(tok.text), tok))
    return pieces


def _gazetteer_matches(doc: Doc, pieces: list[_Piece], gaz: _Gazetteer) -> list[_Cand]:
    """Longest gazetteer names, left to right, over pieces of tokens."""
    found = []
    full_text = doc.text  # spaCy rebuilds Doc.text on every access: read it once
    i = 0
    while i < len(pieces):
        if not gaz.may_start(full_text[pieces[i].start : pieces[i].start + 3]):
            i += 1
            continue
        for n in range(min(gaz.longest * 2, len(pieces) - i), 0, -1):
            start, end = pieces[i].start, pieces[i + n - 1].end
            text = full_text[start:end]
            if "\n" in text:
                continue
            entries = gaz.lookup(text)
            if entries:
                span = doc.char_span(start, end, alignment_mode="expand")
                root = span.root if span is not None and len(span) else pieces[i].token
                found.append(_Cand(start, end, root, "GAZ", entries[0], text))
                i += n
                break
        else:
            i += 1
    return found


def _choose_entry(entries: list[_Entry]) -> _Entry:
    order = (
        "group",
        "organisation",
        "government",
        "state",
        "capital",
        "region",
        "city",
        "demonym",
        "adjective",
        "source",
        "platform",
    )
    return min(entries, key=lambda e: order.index(e.role) if e.role in order else 99)


# --- the resolver -------------------------------------------------------------


@dataclass(slots=True)
class _Found:
    actors: list[ActorMention] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    taken: list[tuple[int, int]] = field(default_factory=list)

    def free(self, start: int, end: int) -> bool:
        return all(end <= s or e <= start for s, e in self.taken)

    def actor(self, start: int, end: int, text: str, canonical: str, kind: str) -> None:
        self.actors.append(ActorMention(start, end, text, canonical, kind))
        self.taken.append((start, end))

    def place(
        self, start: int, end: int, text: str, canonical: str, country: str
    ) -> None:
        self.places.append(PlaceMention(start, end, text, canonical, country))
        self.taken.append((start, end))


def find_actors_and_places(doc: Doc) -> tuple[list[ActorMention], list[PlaceMention]]:
    """Actor and place mentions of a whole article, with offsets into ``doc.text``."""
    return _Resolver(doc).run()


class _Resolver:
    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = doc.text
        self.gaz = _gazetteer()
        self.pieces = _pieces(doc)
        self.token_starts = [tok.idx for tok in doc]
        self.found = _Found()
        self.pending_roles: list[tuple[int, int, str]] = []
        self.people: list[tuple[_Cand, str, str]] = []  # candidate, mention text, name
        self.person_spans: list[
            tuple[int, int]
        ] = []  # names the gazetteers must not split

    # -- helpers over the text
    def prev_words(self, start: int, n: int = 4) -> str:
        before = self.text[max(0, start - 60) : start]
        return " ".join(before.lower().split()[-n:])

    def next_token(self, end: int) -> Token | None:
        i = bisect.bisect_left(self.token_starts, end)
        while i < len(self.doc) and self.doc[i].is_space:
            i += 1
        return self.doc[i] if i < len(self.doc) else None

    def prev_token(self, start: int) -> Token | None:
        i = bisect.bisect_left(self.token_starts, start) - 1
        while i >= 0 and (
            self.doc[i].is_space or self.doc[i].idx + len(self.doc[i]) > start
        ):
            i -= 1
        return self.doc[i] if i >= 0 else None

    # -- main
    def run(self) -> tuple[list[ActorMention], list[PlaceMention]]:
        gaz_cands = _gazetteer_matches(self.doc, self.pieces, self.gaz)
        self.gaz_cands = gaz_cands
        ner_cands = self._ner_candidates(gaz_cands)
        self.focus = self._focus_country(gaz_cands)
        self._patterns(gaz_cands)
        self._gazetteer_mentions(gaz_cands)
        self._ner_mentions(ner_cands)
        self._link_people()
        self._bare_group_nouns()
        actors = self._affiliations(
            sorted(self.found.actors, key=lambda m: (m.start, m.end))
        )
        places = sorted(self.found.places, key=lambda m: (m.start, m.end))
        return actors, places

    # -- NER candidates, reconciled with gazetteer matches
    def _ner_candidates(self, gaz_cands: list[_Cand]) -> list[_Cand]:
        out = []
        for ent in self.doc.ents:
            if ent.label_ not in ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"):
                continue
            start, end = ent.start_char, ent.end_char
            # trim a leading article, digits and glue ("2020_Azerbaijan Republic")
            m = re.match(r"(?:(?:the|The|THE)\s+|[\W\d_]+)+", self.text[start:end])
            if m:
                start += m.end()
            m = re.search(r"(?:['\u2019]s?|[\W_]+)$", self.text[start:end])
            if m and m.start() > 0:
                end = start + m.start()
            if end <= start:
                continue
            cand = _Cand(start, end, ent.root, ent.label_, None, self.text[start:end])
            words = {w.lower().strip(".,") for w in cand.text.split()}
            if ent.label_ in ("ORG", "PERSON") and words & self.gaz.media_words:
                self.found.taken.append(
                    (start, end)
                )  # an outlet: no actor, no place inside
                continue
            inner = [g for g in gaz_cands if g.overlaps(cand)]
            if not inner:
                out.append(cand)
                continue
            if any(g.start == cand.start and g.end == cand.end for g in inner):
                continue  # the gazetteer names it
            if all(g.inside(cand) for g in inner) and self._is_org_name(cand, inner):
                cand.entry = None
                out.append(cand)
                continue
            if (
                ent.label_ == "PERSON"
                and self._name_shaped(cand.text.split())
                and not any(w.lower() in _TITLE_WORDS for w in cand.text.split())
                and all(
                    g.entry and g.entry.role in ("state", "capital", "city", "region")
                    for g in inner
                )
            ):
                self.person_spans.append(
                    (cand.start, cand.end)
                )  # "Jordan Peterson", "Georgia Smith"
                out.append(cand)
                continue
            if ent.label_ == "PERSON":
                last = max(g.end for g in inner)
                rest = self.text[last:end]
                m = re.match(r"[\s\W]*", rest)
                new_start = last + (m.end() if m else 0)
                rest_words = [
                    w.lower().strip(".,") for w in self.text[new_start:end].split()
                ]
                if (
                    new_start < end
                    and all(g.end <= new_start for g in inner)
                    and any(w not in _TITLE_WORDS for w in rest_words)
                    and not set(rest_words)
                    & (
                        _ORG_HEADS
                        | _PLACE_NOUNS
                        | _FACILITY_NOUNS
                        | {"district", "province", "governorate"}
                    )
                ):
                    span = self.doc.char_span(new_start, end, alignment_mode="expand")
                    out.append(
                        _Cand(
                            new_start,
                            end,
                            span.root if span else ent.root,
                            "PERSON",
                            None,
                            self.text[new_start:end],
                        )
                    )
        return out

    def _is_org_name(self, cand: _Cand, inner: list[_Cand]) -> bool:
        """An ORG entity made of a gazetteer name plus organisation words keeps its own
        identity ("Iranian Foreign Ministry"), unlike "Moscow Statement" or "Armenia's"."""
        if cand.label not in ("ORG", "FAC"):
            return False
        rest = self.text[cand.start : cand.end]
        for g in sorted(inner, key=lambda g: -g.start):
            rest = rest[: g.start - cand.start] + " " + rest[g.end - cand.start :]
        words = {w.lower().strip(".,'\u2019") for w in rest.split()}
        return bool(words & _ORG_HEADS)

    # -- the country an article is about (for "the Saudi-backed government")
    def _focus_country(self, gaz_cands: list[_Cand]) -> str:
        counts: Counter[str] = Counter()
        for cand in gaz_cands:
            e = cand.entry
            if e is None or not e.country:
                continue
            nxt = self.text[cand.end : cand.end + 8].lower()
            if re.match(r"\s*-\s*(backed|led|supported|sponsored|brokered)", nxt):
                continue
            counts[e.country] += 1
        if not counts:
            return ""
        best = max(counts.values())
        return min(c for c, n in counts.items() if n == best)

    # -- constructed phrases: "<adj> side", governments, backed groups, roles
    def _patterns(self, gaz_cands: list[_Cand]) -> None:
        by_start = {c.start: c for c in gaz_cands}
        for cand in gaz_cands:
            self._side_phrase(cand)
        for cand in gaz_cands:
            self._backed_group(cand)
        for tok in self.doc:
            if tok.lower_ == "pro":
                self._pro_group(tok)
        for tok in self.doc:
            if tok.lower_ in _GOVERNMENT_HEADS:
                self._government(tok, by_start)
        for cand in gaz_cands:
            self._group_with_head(cand)
            self._role_phrase(cand)
            self._demonym(cand)

    def _side_phrase(self, cand: _Cand) -> None:
        e = cand.entry
        if e is None or e.role not in ("adjective", "state", "capital"):
            return
        m = re.match(r"\s+side\b", self.text[cand.end :])
        if not m:
            return
        end = cand.end + m.end()
        if self.found.free(cand.start, end):
            self.found.actor(
                cand.start, end, self.text[cand.start : end], e.country, STATE
            )

    def _backed_group(self, cand: _Cand) -> None:
        e = cand.entry
        if e is None or e.role not in ("adjective", "state", "capital", "organisation"):
            return
        m = re.match(
            r"\s*[-\u2013]\s*(\w+)\s+((?:[\w-]+\s+){0,2}?)(\w+)\b",
            self.text[cand.end :],
        )
        if not m:
            return
        verb, between, head = m.group(1).lower(), m.group(2).lower(), m.group(3).lower()
        end = cand.end + m.end()
        if verb in _LEADING and head in ("coalition", "alliance", "forces", "force"):
            backer = cand.text
            canonical = f"{backer}-led {head}"
            if self.found.free(cand.start, end):
                self.found.actor(
                    cand.start,
                    end,
                    self.text[cand.start : end],
                    canonical,
                    ORGANISATION if head in ("coalition", "alliance") else GROUP,
                )
            return
        if verb not in _BACKING:
            return
        head_class = self._head_class(between, head)
        if head_class is None:
            return
        backer = e.country or e.canonical
        if self.found.free(cand.start, end):
            self.found.actor(
                cand.start,
                end,
                self.text[cand.start : end],
                f"{backer}-backed {head_class}",
                GROUP,
            )

    @staticmethod
    def _head_class(between: str, head: str) -> str | None:
        if head in _SEPARATIST_HEADS or "separatist" in between:
            if head in _SEPARATIST_HEADS or head in _GROUP_HEADS:
                return "separatists"
            return None
        if head in _GROUP_HEADS and head not in ("movement", "group", "forces"):
            return {"rebel": "rebels", "militia": "militias"}.get(head, head)
        return None

    def _pro_group(self, tok: Token) -> None:
        m = re.match(
            r"pro\s*[-\u2013]\s*((?-i:[A-Z][\w.]*(?:\s[A-Z][\w.]*)?))\s+((?:[\w-]+\s+){0,2}?)(\w+)\b",
            self.text[tok.idx :],
            flags=re.IGNORECASE,
        )
        if not m:
            return
        name = m.group(1)
        entries = self.gaz.lookup(name)
        if not entries:
            return
        e = _choose_entry(entries)
        if not e.country:
            return
        head_class = self._head_class(m.group(2).lower(), m.group(3).lower())
        if head_class is None:
            return
        start, end = tok.idx, tok.idx + m.end()
        if self.found.free(start, end):
            self.found.actor(
                start,
                end,
                self.text[start:end],
                f"{e.country}-backed {head_class}",
                GROUP,
            )

    def _government(self, head: Token, by_start: dict[int, _Cand]) -> None:
        """'the Kyiv government', 'the legitimate Yemeni government', 'the government of
        Afghanistan', 'the UN-recognised government', 'the Saudi-backed government'."""
        if self.prev_words(head.idx, 2).endswith("pro -") or self.text[
            max(0, head.idx - 4) : head.idx
        ].lower().endswith("pro-"):
            return
        mods = []
        tok = head
        while tok.i > 0:
            prev = self.doc[tok.i - 1]
            if (
                prev.lower_ in ("the", "a", "an", "its", "their", "his", "her")
                or prev.is_space
            ):
                break
            if (
                prev.dep_ == "case"
                or prev.tag_ == "POS"
                or prev.is_punct
                and prev.text not in ("-", "\u2013")
            ):
                break
            if (
                prev.pos_ in ("ADP", "CCONJ", "VERB", "AUX", "NUM")
                and prev.lower_ not in _BACKING | _RECOGNITION | _LEADING
            ):
                break
            mods.append(prev)
            tok = prev
        mods.reverse()
        country = ""
        backers: set[str] = set()
        recognised = False
        named = False
        for i, mod in enumerate(mods):
            cand = by_start.get(mod.idx)
            nxt = mods[i + 1].text if i + 1 < len(mods) else ""
            if mod.lower_ in _RECOGNITION:
                recognised = True
            if cand is not None and cand.entry is not None:
                following = self.text[cand.end : cand.end + 12].lower()
                is_backer = re.match(
                    r"\s*[-\u2013]\s*(backed|led|supported|sponsored|allied|aligned|funded|armed)",
                    following,
                )
                if (
                    cand.entry.role in ("adjective", "state", "capital")
                    and cand.entry.country
                ):
                    if is_backer:
                        backers.add(cand.entry.country)
                    else:
                        country = cand.entry.country
                elif cand.entry.role in ("city", "region"):
                    return  # a local authority ("Donetsk government")
            elif mod.pos_ == "PROPN" and nxt not in ("-", "\u2013") and mod.is_title:
                named = True
        of_country = ""
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        cand = by_start.get(obj.idx)
                        if cand is None:
                            span = [
                                c
                                for c in by_start.values()
                                if c.start <= obj.idx < c.end
                            ]
                            cand = span[0] if span else None
                        if (
                            cand is not None
                            and cand.entry
                            and cand.entry.role in ("state", "capital", "adjective")
                        ):
                            of_country = cand.entry.country
                            end_of = cand.end
        if not (mods or of_country):
            return
        if not (country or of_country or backers or recognised or named):
            return
        start = mods[0].idx if mods else head.idx
        end = head.idx + len(head.text)
        if of_country and not country:
            country = of_country
            end = end_of
        target_country = country
        if recognised:
            candidates = [country] if country else self._countries_mentioned()
            known = [c for c in candidates if c in self.gaz.recognised_governments]
            if len(known) == 1:
                gov = self.gaz.recognised_governments[known[0]]
                if self.found.free(start, end):
                    self.found.actor(
                        start,
                        end,
                        self.text[start:end],
                        gov.canonical,
                        gov.kind or STATE,
                    )
                return
        if not target_country:
            target_country = self.focus if self.focus not in backers else ""
        if not target_country:
            return
        if self.found.free(start, end):
            self.found.actor(start, end, self.text[start:end], target_country, STATE)

    def _countries_mentioned(self) -> list[str]:
        seen = []
        for cand in self.gaz_cands:
            if cand.entry and cand.entry.country and cand.entry.country not in seen:
                seen.append(cand.entry.country)
        return seen

    def _group_with_head(self, cand: _Cand) -> None:
        e = cand.entry
        if e is None or e.role != "group":
            return
        m = re.match(r"\s+(\w+)\b", self.text[cand.end :])
        if m and m.group(1).lower() in _GROUP_HEADS | {"movement"}:
            end = cand.end + m.end()
            if self.found.free(cand.start, end):
                self.found.actor(
                    cand.start, end, self.text[cand.start : end], e.canonical, GROUP
                )

    def _role_phrase(self, cand: _Cand) -> None:
        """'the UN chief said' stands for the person who holds the office."""
        e = cand.entry
        if e is None or e.role != "organisation":
            return
        m = re.match(
            r"\s+(chief|head|secretary[- ]general|envoy|spokes(?:man|woman|person))\b(?!\s+(?-i:[A-Z]))",
            self.text[cand.end :],
            flags=re.IGNORECASE,
        )
        if not m:
            return
        end = cand.end + m.end()
        if self.found.free(cand.start, end):
            self.pending_roles.append((cand.start, end, e.canonical))
            self.found.taken.append((cand.start, end))

    def _demonym(self, cand: _Cand) -> None:
        """'the Russians agreed': a plural demonym with the article stands for its state."""
        e = cand.entry
        if e is None:
            return
        entries = self.gaz.lookup(cand.text)
        dem = next((x for x in entries if x.role == "demonym"), None)
        if dem is None or not re.search(
            r"\bthe\s+$", self.text[max(0, cand.start - 5) : cand.start], re.I
        ):
            return
        if (
            cand.token.dep_ in ("amod", "compound")
            or not cand.text.endswith("s")
            and cand.token.dep_ != "pobj"
            and cand.token.dep_ not in ("nsubj", "nsubjpass")
        ):
            return
        if self.found.free(cand.start, cand.end):
            self.found.actor(cand.start, cand.end, cand.text, dem.country, STATE)

    # -- gazetteer names in context
    def _gazetteer_mentions(self, gaz_cands: list[_Cand]) -> None:
        for cand in gaz_cands:
            if not self.found.free(cand.start, cand.end) or any(
                s <= cand.start and cand.end <= e for s, e in self.person_spans
            ):
                continue
            entries = self.gaz.lookup(cand.text)
            roles = {e.role for e in entries}
            e = _choose_entry(entries)
            if e.role in ("source", "platform"):
                continue
            if e.role in ("organisation", "group", "government"):
                if "source" in roles and self._source_context(cand):
                    continue
                self.found.actor(cand.start, cand.end, cand.text, e.canonical, e.kind)
                continue
            if e.role == "state":
                start = self._mention_start(cand, e)
                text = self.text[start : cand.end]
                if self._acts(cand, capital=False):
                    self.found.actor(start, cand.end, text, e.canonical, STATE)
                else:
                    self.found.place(start, cand.end, text, e.canonical, e.canonical)
                continue
            if e.role == "capital":
                if not cand.text.isupper() and self._acts(cand, capital=True):
                    self.found.actor(cand.start, cand.end, cand.text, e.country, STATE)
                else:
                    self.found.place(
                        cand.start, cand.end, cand.text, e.canonical, e.country
                    )
                continue
            if e.role in ("city", "region"):
                self.found.place(
                    cand.start, cand.end, cand.text, e.canonical, e.country
                )
            # adjectives and demonyms outside the patterns are no mentions

    def _mention_start(self, cand: _Cand, e: _Entry) -> int:
        """Where the mention starts: with "the" for "the United States", not otherwise."""
        if e.takes_the and cand.text == e.canonical:
            m = re.search(
                r"\b[Tt]he\s+$", self.text[max(0, cand.start - 4) : cand.start]
            )
            if m:
                return max(0, cand.start - 4) + m.start()
        return cand.start

    def _source_context(self, cand: _Cand) -> bool:
        before = self.prev_words(cand.start, 4)
        after = self.text[cand.end : cand.end + 30].lower()
        if any(before.endswith(cue) for cue in _SOURCE_CUES_BEFORE):
            return True
        return bool(
            re.match(r"\s*(news\s+)?(agency|reported|reports|said in a report)", after)
        )

    # -- where a state or capital stands in its sentence
    def _acts(self, cand: _Cand, capital: bool) -> bool:
        tok = cand.token
        # "U.S.-Taliban deal", "US-Afghan": a state joined by a hyphen to another actor
        if not capital and self._paired_with_actor(cand):
            return True
        seen = 0
        while tok.dep_ in ("conj", "appos") and tok.head is not tok and seen < 10:
            tok = tok.head
            seen += 1
        dep, head = tok.dep_, tok.head
        hl = head.lemma_.lower()
        if dep in ("nsubj", "nsubjpass", "csubj"):
            if hl == "be" and any(
                c.dep_ == "attr" and c.lemma_.lower() in _PLACE_NOUNS
                for c in head.children
            ):
                return False
            if hl in ("lie", "locate", "situate", "border"):
                return False
            return True
        if dep == "pobj":
            prep = head.lower_
            if prep in _AGENT_PREPS:
                return head.head.lemma_.lower() not in ("border", "frontier")
            if prep in ("from", "to", "toward", "towards", "into"):
                return head.head.lemma_.lower() not in _MOTION_LEMMAS and not (
                    capital and prep == "into"
                )
            if prep == "of":
                return head.head.lemma_.lower() in _AGENT_NOUNS
            return False
        if dep in ("dobj", "obj", "dative"):
            return hl not in _PLACE_VERBS
        if dep == "agent":
            return True
        if dep == "poss":
            return hl not in _PLACE_NOUNS
        if capital:
            return False
        if hl in (
            "base",
            "headquarter",
            "bear",
            "make",
            "register",
            "locate",
            "station",
            "build",
        ):
            return False  # "UK-based monitor", "Russian-made missiles"
        if dep in ("compound", "nmod", "amod", "npadvmod"):
            return hl not in _PLACE_NOUNS and hl not in _EVENT_NOUNS
        return True

    def _paired_with_actor(self, cand: _Cand) -> bool:
        """'U.S.-Taliban deal', 'US-Afghan declaration': two parties joined by a hyphen
        (but not 'Syria-Jordan border' or 'UK-based')."""
        m = re.match(r"[-\u2013]([A-Z][\w.]*)", self.text[cand.end : cand.end + 30])
        if not m or cand.token.head.lemma_.lower() in (
            "border",
            "frontier",
            "boundary",
        ):
            return False
        return any(
            e.role in ("state", "adjective", "group", "organisation", "government")
            for e in self.gaz.lookup(m.group(1))
        )

    # -- entities the gazetteers do not know
    def _ner_mentions(self, ner_cands: list[_Cand]) -> None:
        deferred: list[_Cand] = []
        for cand in ner_cands:
            if not self.found.free(cand.start, cand.end):
                continue
            text = cand.text
            words = text.split()
            lower_words = {w.lower().strip(".,") for w in words}
            if "@" in text or "#" in text:
                continue
            if lower_words & _TIME_WORDS or any(ch.isdigit() for ch in text):
                continue
            if len(words) >= 2 and lower_words <= self.gaz.furniture_words:
                continue
            if cand.label in ("ORG", "PERSON") and self._is_outlet(cand, lower_words):
                continue
            if cand.label == "PERSON" or (
                cand.label in ("ORG", "GPE", "NORP") and self._looks_personal(cand)
            ):
                if self._place_context(cand) and not self._has_person_evidence(cand):
                    self._unknown_place(cand)
                else:
                    self._person(cand)
                continue
            if cand.label == "ORG":
                if self._place_context(cand) and not (lower_words & _ORG_HEADS):
                    self._unknown_place(cand)
                    continue
                if len(words) == 1 and words[0].lower() in _TITLE_WORDS:
                    continue
                if (
                    words[0].lower() in _TITLE_WORDS
                    and self.prev_words(cand.start, 1) == "of"
                ):
                    continue  # "Secretary of State"
                if not lower_words & _ORG_HEADS and self._name_shaped(words):
                    deferred.append(
                        cand
                    )  # "De Mistura": a person, if the article names one
                    continue
                self.found.actor(
                    cand.start, cand.end, text, " ".join(words), ORGANISATION
                )
                continue
            if cand.label in ("GPE", "LOC", "FAC"):
                if cand.label == "LOC" and not self._place_context(cand):
                    continue
                self._unknown_place(cand)
                continue
            if cand.label == "NORP" and self._place_context(cand):
                self._unknown_place(cand)
        full_names = [
            actor_key(name).split()
            for _, _, name in self.people
            if len(_name_words(name)) >= 2
        ]
        for cand in deferred:
            key = actor_key(cand.text).split()
            if key and any(k[-len(key) :] == key for k in full_names):
                self._person(cand)
            else:
                self.found.actor(
                    cand.start,
                    cand.end,
                    cand.text,
                    " ".join(cand.text.split()),
                    ORGANISATION,
                )

    @staticmethod
    def _name_shaped(words: list[str]) -> bool:
        particles = (
            "de",
            "al",
            "bin",
            "van",
            "von",
            "el",
            "da",
            "di",
            "ibn",
            "la",
            "le",
        )
        return 1 <= len(words) <= 4 and all(
            (w[:1].isupper() and not w.isupper()) or w.lower() in particles
            for w in words
        )

    def _is_outlet(self, cand: _Cand, lower_words: set[str]) -> bool:
        if lower_words & self.gaz.media_words:
            return True
        if (
            cand.label == "ORG"
            and not (lower_words & _ORG_HEADS)
            and self._source_context(cand)
        ):
            return True
        after = self.text[cand.end : cand.end + 3]
        before = self.text[max(0, cand.start - 3) : cand.start]
        if before.rstrip().endswith(("\u2014", "\u2013")) and (
            cand.end == len(self.text.rstrip()) or after.startswith("\n")
        ):
            return True
        return False

    def _looks_personal(self, cand: _Cand) -> bool:
        words = cand.text.split()
        if not 1 <= len(words) <= 4 or {w.lower() for w in words} & _ORG_HEADS:
            return False
        if not all(
            w[:1].isupper()
            or w.lower() in ("de", "al", "bin", "van", "von", "el", "da", "di", "ibn")
            for w in words
        ):
            return False
        if any(w.isupper() and len(w) > 1 for w in words):
            return False
        prev = self.prev_token(cand.start)
        if prev is not None and (
            prev.lower_ in _TITLE_WORDS or prev.lower_ in _ADDRESS_WORDS
        ):
            return prev.lower_ not in ("the", "of", "to", "for", "state")
        return len(words) == 1 and self._surname_of_known(words[0]) is not None

    def _surname_of_known(self, word: str) -> str | None:
        key = actor_key(word)
        for ent in self.doc.ents:
            if (
                ent.label_ == "PERSON"
                and len(ent.text.split()) >= 2
                and actor_key(ent.text).split()[-1:] == key.split()[-1:]
            ):
                return ent.text
        return None

    def _has_person_evidence(self, cand: _Cand) -> bool:
        prev = self.prev_token(cand.start)
        if prev is not None and (
            prev.lower_ in _ADDRESS_WORDS
            or prev.lower_ in _TITLE_WORDS - {"the", "of", "to", "for"}
        ):
            return True
        return (
            self._surname_of_known(cand.text.split()[-1]) is not None
            and len(cand.text.split()) <= 2
        )

    def _place_context(self, cand: _Cand) -> bool:
        tok = cand.token
        seen = 0
        while tok.dep_ in ("conj", "appos") and seen < 10:
            tok = tok.head
            seen += 1
        if tok.dep_ == "pobj" and tok.head.lower_ in _LOCATIVE_PREPS | {"from"}:
            return True
        if (
            tok.dep_ == "pobj"
            and tok.head.lower_ == "of"
            and tok.head.head.lemma_.lower() in _PLACE_NOUNS | {"port", "city", "town"}
        ):
            return True
        if (
            tok.dep_ in ("appos", "compound")
            and tok.head.lemma_.lower() in _PLACE_NOUNS
        ):
            return True
        nxt = self.next_token(cand.end)
        if nxt is not None and nxt.lower_ in _FACILITY_NOUNS | {
            "district",
            "province",
            "governorate",
            "region",
            "area",
            "areas",
        }:
            return True
        # a conjunct of a known place ("in Deraa and Quneitra")
        for child in list(cand.token.children) + [cand.token.head]:
            if child.dep_ == "conj" or cand.token.dep_ == "conj":
                for p in self.found.places:
                    if p.start <= child.idx < p.end:
                        return True
        return False

    def _unknown_place(self, cand: _Cand) -> None:
        start, end = cand.start, cand.end
        text = cand.text
        nxt = self.next_token(end)
        canonical = " ".join(text.split())
        if nxt is not None and nxt.lower_ in _FACILITY_NOUNS:
            end = nxt.idx + len(nxt.text)
            text = self.text[start:end]
            canonical = f"{canonical} {nxt.lower_}"
        entries = self.gaz.lookup(canonical)
        country = next((e.country for e in entries if e.country), "")
        for word in canonical.split():
            for e in self.gaz.lookup(word):
                if e.role in ("state",) and not country:
                    country = e.country
        if self.found.free(start, end):
            self.found.place(start, end, text, canonical, country)

    # -- people
    def _person(self, cand: _Cand) -> None:
        start, end = cand.start, cand.end
        words = list(re.finditer(r"\S+", self.text[start:end]))
        # job titles inside the entity are dropped from the mention ("Secretary Pompeo")
        i = 0
        while (
            i < len(words) - 1 and words[i].group().lower().strip(".") in _TITLE_WORDS
        ):
            i += 1
        address_start = None
        while i < len(words) - 1 and words[i].group().lower() in _ADDRESS_WORDS:
            address_start = address_start if address_start is not None else i
            i += 1
        name_words = [w.group() for w in words[i:]]
        if not name_words:
            return
        mention_start = (
            start + words[address_start if address_start is not None else i].start()
        )
        # a form of address just before the entity belongs to the mention ("Gen Khalifa Haftar")
        before = self.text[:mention_start]
        m = re.search(
            r"(?:\b(?:Mr|Mrs|Ms|Dr|Gen|General|Mullah|Sheikh|Col|Colonel|Lt|Marshal|Field Marshal|Brig|Admiral|Imam|Ayatollah|Sir|Dame|Prince|King|Queen|Emir|Sultan)\.?\s+)+$",
            before,
        )
        if m and not re.search(
            r"\b(?:Secretary|Attorney|Solicitor|Inspector|Director|Consul|Governor|Auditor|Surgeon|Procurator)\s*$",
            before[: m.start()],
        ):
            mention_start = m.start()
        text = self.text[mention_start:end]
        name = " ".join(name_words)
        if not self.found.free(mention_start, end):
            return
        self.people.append(
            (_Cand(mention_start, end, cand.token, "PERSON"), text, name)
        )
        self.found.taken.append((mention_start, end))

    def _link_people(self) -> None:
        """One canonical name per person in the article: full names folded by actor_key,
        short forms ("Qasemi", "Mr Lavrov", "De Mistura") mapped to the one full name
        they end."""
        full: dict[str, list[str]] = {}
        for _, _, name in self.people:
            if len(_name_words(name)) >= 2:
                full.setdefault(actor_key(name), []).append(name)
        canon_of_key = {}
        for key, names in full.items():
            canon_of_key[key] = self.gaz.people.get(key) or canonical_name(names)
        for cand, text, name in self.people:
            key = actor_key(name)
            if key in canon_of_key:
                canonical = canon_of_key[key]
            else:
                tail = key.split()
                matches = (
                    {
                        canon_of_key[k]
                        for k in canon_of_key
                        if k.split()[-len(tail) :] == tail
                    }
                    if tail
                    else set()
                )
                if len(matches) == 1:
                    canonical = matches.pop()
                else:
                    canonical = self.gaz.people.get(key, name)
            self.found.actors.append(
                ActorMention(cand.start, cand.end, text, canonical, PERSON)
            )
        self._resolve_roles(canon_of_key)

    def _resolve_roles(self, canon_of_key: dict[str, str]) -> None:
        people = set(canon_of_key.values())
        for start, end, _org in self.pending_roles:
            if len(people) == 1:
                self.found.actors.append(
                    ActorMention(
                        start, end, self.text[start:end], next(iter(people)), PERSON
                    )
                )

    # -- affiliations: the state a person or organisation belongs to
    def _affiliations(self, actors: list[ActorMention]) -> list[ActorMention]:
        self.tok_cand: dict[int, _Cand] = {}
        for cand in self.gaz_cands:
            span = self.doc.char_span(cand.start, cand.end)
            if span is not None:  # a piece of a token ("UN-recognised") is no unit
                for tok in span:
                    self.tok_cand[tok.i] = cand
        own = []
        for m in actors:
            if m.kind == PERSON:
                aff = self._title_affiliation(m)
            elif m.kind == ORGANISATION:
                aff = self._organisation_affiliation(m)
            else:
                aff = ""
            own.append(aff)
        # every mention of one person shares what the text says of any of them
        said: dict[str, set[str]] = {}
        for m, aff in zip(actors, own):
            if m.kind == PERSON and aff:
                said.setdefault(actor_key(m.canonical), set()).add(aff)
        out = []
        for m, aff in zip(actors, own):
            if m.kind == PERSON and not aff:
                key = actor_key(m.canonical)
                known = said.get(key, set())
                if len(known) == 1:
                    aff = next(iter(known))
                elif not known:
                    aff = self.gaz.people_country.get(key, "")
            out.append(dataclasses.replace(m, affiliation=aff) if aff else m)
        return out

    def _organisation_affiliation(self, m: ActorMention) -> str:
        if m.canonical in self.gaz.org_country:
            return self.gaz.org_country[m.canonical]
        if any(e.role == "organisation" for e in self.gaz.lookup(m.canonical)):
            return (
                ""  # a known organisation names its state in the gazetteer or has none
            )
        words = [w.lower().strip(".,") for w in m.text.split()]
        if set(words) & _ORG_HEADS or any(w.isupper() for w in m.text.split()):
            span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                return ""
            units, _ = self._units(span.start, 1, span.end)
            if sum(len(u[2]) for u in units) != len(span):
                return ""  # a word that is no part of a state organ's name
            return self._state_of_units(units, _STATE_ORGAN_HEADS)
        return self._title_affiliation(m)  # a person the model took for an organisation

    def _title_affiliation(self, m: ActorMention) -> str:
        """'Kenyan Foreign Minister X', 'Kenya's foreign minister X', 'X, the Kenyan
        foreign minister', 'X, Kenya's ambassador to the UN'."""
        span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            return ""
        # before the name
        i = span.start - 1
        while i >= 0 and self.doc[i].is_space:
            i -= 1
        comma = i >= 0 and self.doc[i].text == ","
        units, _ = self._units(i - 1 if comma else i, -1)
        if units and (not comma or self._apposed(units, span)):
            aff = self._state_of_units(units, _OFFICE_WORDS, before_name=True)
            if aff:
                return aff
        # after the name, set off by a comma
        j = span.end
        while j < len(self.doc) and self.doc[j].is_space:
            j += 1
        if j < len(self.doc) and self.doc[j].text == ",":
            j += 1
            while j < len(self.doc) and (
                self.doc[j].is_space or self.doc[j].lower_ in ("the", "a", "an")
            ):
                j += 1
            units, stop = self._units(j, 1)
            if (
                stop is not None
                and stop.pos_ == "PROPN"
                and stop.i not in self.tok_cand
            ):
                return ""  # the title of the next name ("X, Kenyan Foreign Minister Y")
            return self._state_of_units(units, _OFFICE_WORDS)
        return ""

    def _apposed(self, units: list[tuple], span) -> bool:
        """'US Secretary of State, Mike Pompeo': the title and the name are one phrase."""
        tokens = {t.i for u in units for t in u[2]}
        root = span.root
        if root.dep_ == "appos" and root.head.i in tokens:
            return True
        return any(
            self.doc[t].head.i == root.i
            and self.doc[t].dep_ in ("appos", "compound", "nmod")
            for t in tokens
        )

    def _units(
        self, i: int, step: int, limit: int | None = None
    ) -> tuple[list[tuple], Token | None]:
        """The title phrase from token i on (step -1: leftwards), as (kind, value, tokens)
        units in text order: "state" (value: the state), "other" (an organisation, group
        or place), "word", "prep", "poss".  Also the token the phrase stopped at."""
        units: list[tuple] = []
        stop = None
        end = len(self.doc) if limit is None else limit
        while 0 <= i < end and len(units) < 14:
            tok = self.doc[i]
            if tok.is_space:
                i += step
                continue
            cand = self.tok_cand.get(i)
            if cand is not None:
                span = self.doc.char_span(cand.start, cand.end)
                tokens = list(span)
                e = _choose_entry(self.gaz.lookup(cand.text))
                if e.role in ("state", "adjective", "demonym") and e.country:
                    adjective = any(
                        x.role == "adjective" for x in self.gaz.lookup(cand.text)
                    )
                    units.append(
                        ("state" if adjective else "state-name", e.country, tokens)
                    )
                elif e.role == "organisation" and e.canonical in self.gaz.org_country:
                    units.append(
                        ("state-name", self.gaz.org_country[e.canonical], tokens)
                    )
                else:
                    units.append(("other", e.canonical, tokens))
                i = (span.start - 1) if step < 0 else span.end
                continue
            low = tok.lower_.replace("\u2019", "'")
            if low in ("'s", "'"):
                units.append(("poss", low, [tok]))
            elif low in _PHRASE_PREPS:
                units.append(("prep", low, [tok]))
            elif low == "the":
                units.append(("the", low, [tok]))
            elif low in _PHRASE_WORDS or low in _NOT_OF_A_STATE:
                units.append(("word", low, [tok]))
            else:
                stop = tok
                break
            i += step
        if step < 0:
            units.reverse()
        return units, stop

    @staticmethod
    def _state_of_units(
        units: list[tuple], needed: frozenset[str], before_name: bool = False
    ) -> str:
        """The one state a title phrase or organisation name says, or ""."""
        # a leading preposition governs the whole phrase ("with Kenyan Foreign Minister X"),
        # except a place before a title ("in Kenya Foreign Minister X")
        while units and units[0][0] in ("the", "poss", "prep"):
            if (
                units[0][1] in ("in", "at", "on")
                and len(units) > 1
                and units[1][0] == "state-name"
            ):
                units = units[2:]
                continue
            units = units[1:]
        if before_name and units and units[-1][0] in ("prep", "the"):
            return ""  # "the ambassador to X": the name is the object
        words = [u[1] for u in units if u[0] == "word"]
        if not set(words) & needed or set(words) & _NOT_OF_A_STATE:
            return ""
        states = set()
        for k, (kind, value, _) in enumerate(units):
            if kind not in ("state", "state-name", "other"):
                continue
            j = k - 1
            while j >= 0 and units[j][0] == "the":
                j -= 1
            prep = units[j][1] if j >= 0 and units[j][0] == "prep" else None
            if prep is not None and prep != "of":
                continue  # "envoy to the UN", "ambassador for Syria": what the office is about
            if kind == "other":
                return ""  # "UN envoy", "Taliban leader", "Donetsk mayor"
            nxt = units[k + 1] if k + 1 < len(units) else None
            if nxt is not None and nxt[0] == "poss":
                nxt = units[k + 2] if k + 2 < len(units) else None
            if prep is None and (nxt is None or nxt[0] != "word"):
                return ""  # a state that qualifies no office in the phrase
            states.add(value)
        return states.pop() if len(states) == 1 else ""

    def _bare_group_nouns(self) -> None:
        """'the separatists', 'separatist rebels': the one such group the article names."""
        separatists = {
            a.canonical
            for a in self.found.actors
            if a.canonical.endswith("-backed separatists")
        }
        if len(separatists) != 1:
            return
        group = separatists.pop()
        for m in re.finditer(
            r"\b[Ss]eparatist(?:s|\s+(?:rebels|fighters|militias|forces))\b", self.text
        ):
            if self.found.free(m.start(), m.end()):
                before = self.text[max(0, m.start() - 12) : m.start()].lower()
                if re.search(r"(the|between|and)\s+$", before):
                    self.found.actor(m.start(), m.end(), m.group(), group, GROUP)


# Nouns for the armed or official arm of a state: "<demonym> forces" acts for the state.
STATE_ARMS = frozenset(
    """forces troops army military soldiers peacekeepers side government officials
    authorities diplomats negotiators delegation navy"""
    .split()
)


def state_arm_mentions(doc: Doc, known: list[ActorMention]) -> list[ActorMention]:
    """States named by an adjective before one of their arms ("Azerbaijani and Armenian
    forces", "Russian peacekeepers"), where no mention covers the word already."""
    covered = {i for m in known for i in range(m.start, m.end)}
    found = []
    for token in doc:
        if token.idx in covered or token.dep_ not in {"amod", "compound", "conj", "nmod"}:
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
