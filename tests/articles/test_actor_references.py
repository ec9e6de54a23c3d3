"""Actors that are named once and referred to after, and names that are no actors, on
sentences of our own about other conflicts, through the real spaCy pipeline."""

from __future__ import annotations

import datetime as dt

from articles.extraction.extract import extract_doc
from articles.extraction.pipeline import build_nlp


def extraction(text: str):
    return extract_doc(build_nlp()(text), dt.date(2022, 8, 1))


def actors(text: str) -> dict[str, str]:
    return {m.text: m.canonical for m in extraction(text).actors}


def test_a_surname_alone_is_the_person_named_in_full():
    found = actors(
        "Somali President Hassan Sheikh Mohamud said the offensive would go on. "
        "Mohamud added that three towns had been retaken."
    )
    assert found["Mohamud"] == "Hassan Sheikh Mohamud"


def test_the_army_is_the_one_army_the_article_names():
    found = actors(
        "The Sudanese Armed Forces and the Rapid Support Forces agreed to a truce. "
        "The army said the paramilitaries had violated it."
    )
    assert found["army"] == "Sudanese Armed Forces"


def test_the_army_stays_unresolved_when_the_article_names_none_or_two():
    found = actors(
        "The Ethiopian National Defense Force and the Eritrean Defence Forces "
        "advanced. The army said it had taken the town."
    )
    assert "army" not in found


def test_a_states_ministry_written_two_ways_is_one_actor():
    found = actors(
        "The Turkish Defence Ministry said the ship had left. Turkey's defence "
        "ministry later added that it would reach Istanbul on Tuesday."
    )
    assert found["Turkish Defence Ministry"] == "Turkish Defence Ministry"
    assert found["defence ministry"] == "Turkish Defence Ministry"


def test_a_states_body_named_by_its_possessive():
    found = actors("Russia's foreign ministry said the talks had failed.")
    assert found["foreign ministry"] == "Russian Foreign Ministry"
    assert found["Russia"] == "Russia"


def test_an_envoy_of_another_body_is_not_the_one_person_named():
    found = actors(
        "Somali President Hassan Sheikh Mohamud said on Sunday that the offensive would "
        "go on. A United Nations envoy said aid must reach the region."
    )
    assert "Hassan Sheikh Mohamud" in found.values()
    assert not any("envoy" in text for text in found)


def test_ships_weapons_and_flags_are_not_actors_or_places():
    result = extraction(
        "The Panama-flagged bulk carrier Navi Star left the port of Chornomorsk, "
        "flying the flag of Panama, hours after Russia fired Iskander missiles at "
        "Kharkiv."
    )
    names = {m.text for m in result.actors} | {p.text for p in result.places}
    assert "Navi Star" not in names and "Iskander" not in names
    assert not any(m.canonical == "Panama" for m in result.actors)
    assert "Russia" in {m.canonical for m in result.actors}


def test_buildings_are_places():
    result = extraction(
        "Shelling hit the Al-Shifa Hospital on Friday, the Palestinian Red Crescent said."
    )
    assert not any("Hospital" in m.text for m in result.actors)


def test_a_body_named_by_its_head_word_is_the_one_body_with_that_name():
    found = actors(
        "The Norwegian Refugee Council said the camp was shelled on Monday. "
        "The Council added that two aid workers were wounded."
    )
    assert found["Council"] == "Norwegian Refugee Council"


def test_a_states_role_is_the_one_person_named_with_that_title():
    found = actors(
        "Ethiopian Prime Minister Abiy Ahmed met Eritrean President Isaias Afwerki in "
        "Asmara. Ethiopian Foreign Minister Gedu Andargachew joined them. "
        "The Ethiopian leader said the border would open. The Eritrean president "
        "agreed, and the Ethiopian foreign minister said talks would go on."
    )
    assert found["Ethiopian leader"] == "Abiy Ahmed"
    assert found["Eritrean president"] == "Isaias Afwerki"
    assert found["Ethiopian foreign minister"] == "Gedu Andargachew"


def test_a_role_two_people_could_hold_or_nobody_holds_stays_unresolved():
    found = actors(
        "Ethiopian Prime Minister Abiy Ahmed and Ethiopian President Sahle-Work Zewde "
        "met envoys in Addis Ababa. The Ethiopian leader said the talks went well. "
        "The Kenyan president sent a message."
    )
    assert "Ethiopian leader" not in found
    assert "Kenyan president" not in found


def test_a_title_the_parser_takes_for_a_body_is_no_actor():
    found = actors(
        "Following the envoy's remarks, Sudanese Deputy Foreign Minister Ali Karti, "
        "National Security Advisor to Sudanese President Omar al-Bashir, and SPLM "
        "representative Pagan Amum signed the accord."
    )
    assert "National Security Advisor" not in found.values()
    assert {"Ali Karti", "Omar al-Bashir", "Pagan Amum"} <= set(found.values())


def test_an_abbreviation_in_brackets_is_the_body_it_follows():
    found = actors(
        "Fighters of the Allied Democratic Forces (ADF) attacked a village near Beni. "
        "The ADF has not commented."
    )
    assert found["ADF"] == "Allied Democratic Forces"
    assert {
        m.canonical
        for m in extraction(
            "Fighters of the Allied Democratic Forces (ADF) attacked a village near Beni. "
            "The ADF has not commented."
        ).actors
        if m.text == "ADF"
    } == {"Allied Democratic Forces"}
