"""The curated gazetteers of ``data/``: what a name is (a state with its aliases,
adjectives, plural demonyms and capitals; an organisation; an armed group; a named
government; a person; a city or region; a news outlet or platform), loaded once.

Also ``state_of``, the state a name, adjective, demonym or capital stands for.
No spaCy here.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from .names import actor_key

DATA_DIR = Path(__file__).parent.with_name("data")  # articles/extraction/data

# the kinds of actor
PERSON, STATE, ORGANISATION, GROUP = "person", "state", "organisation", "group"


@dataclass(frozen=True, slots=True)
class Entry:
    """What a gazetteer says a name is."""

    role: str  # state, capital, adjective, demonym, organisation, group, government,
    # person, city, region, source, platform
    canonical: str
    kind: str = ""  # actor kind, for actor roles
    country: str = ""
    takes_the: bool = False
    recognised: bool = False


@dataclass(slots=True)
class Gazetteer:
    """All gazetteer names, with what each is, and the tables beside them."""

    names: dict[str, list[Entry]] = field(default_factory=dict)
    people: dict[str, str] = field(default_factory=dict)  # actor_key -> canonical
    people_country: dict[str, str] = field(default_factory=dict)  # actor_key -> state
    org_country: dict[str, str] = field(default_factory=dict)  # organisation -> state
    adjective_state: dict[str, str] = field(default_factory=dict)
    recognised_governments: dict[str, Entry] = field(default_factory=dict)
    media_words: frozenset[str] = frozenset()
    furniture_words: frozenset[str] = frozenset()
    longest: int = 1
    _prefixes: set[str] = field(default_factory=set)

    def add(self, name: str, entry: Entry) -> None:
        for variant in {name, name.upper()} | (
            {name.title()} if name.isupper() and len(name) > 3 else set()
        ):
            entries = self.names.setdefault(variant, [])
            if entry not in entries:
                entries.append(entry)
            self.longest = max(self.longest, len(_split_words(variant)))

    def lookup(self, text: str) -> list[Entry]:
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
def load_gazetteer() -> Gazetteer:
    gaz = Gazetteer()
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
            gaz.add(name, Entry("source", outlet["name"]))
    for name in sources["platforms"]:
        gaz.add(name, Entry("platform", name))
    gaz.media_words = frozenset(sources["media_words"])
    gaz.furniture_words = frozenset(sources["furniture_words"])
    for state in actors["states"]:
        name = state["name"]
        the = state.get("takes_the", False)
        gaz.add(name, Entry("state", name, STATE, name, takes_the=the))
        for alias in state.get("aliases", []):
            gaz.add(alias, Entry("state", name, STATE, name))
        for adjective in state.get("adjectives", []):
            gaz.add(adjective, Entry("adjective", name, STATE, name))
            gaz.adjective_state.setdefault(adjective, name)
            gaz.add(f"{adjective} Republic", Entry("state", name, STATE, name))
        for demonym in state.get("demonyms", []):
            gaz.add(demonym, Entry("demonym", name, STATE, name))
        if "capital" in state:
            for capital in [state["capital"], *state.get("capital_aliases", [])]:
                gaz.add(capital, Entry("capital", state["capital"], STATE, name))
        gaz.add(f"Republic of {name}", Entry("state", name, STATE, name))
        gaz.add(f"{name} Republic", Entry("state", name, STATE, name))
    for org in actors["organisations"]:
        for alias in [org["name"], *org.get("aliases", [])]:
            gaz.add(alias, Entry("organisation", org["name"], ORGANISATION))
        if org.get("country"):
            gaz.org_country[org["name"]] = org["country"]
    for group in actors["groups"]:
        for alias in [
            group["name"],
            *group.get("aliases", []),
            *group.get("forms", []),
        ]:
            gaz.add(alias, Entry("group", group["name"], GROUP))
    for gov in actors["governments"]:
        entry = Entry(
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
                    Entry(
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
    gaz = load_gazetteer()
    entries = gaz.lookup(name) or gaz.lookup(name.title())
    countries = {e.country for e in entries if e.role in _STATE_ROLES and e.country}
    return countries.pop() if len(countries) == 1 else ""


def choose_entry(entries: list[Entry]) -> Entry:
    """What a name that the gazetteers list several times is taken for."""
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
