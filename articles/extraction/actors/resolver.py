"""``find_actors_and_places``: the stages, in order, over one article."""

from __future__ import annotations

from spacy.tokens import Doc

from ..types import ActorMention, PlaceMention
from .affiliations import Affiliations
from .article import Article
from .candidates import gazetteer_matches, ner_candidates, token_pieces
from .entities import ner_mentions
from .metonymy import gazetteer_mentions
from .patterns import bare_group_nouns, constructed_phrases, focus_country
from .people import link_people
from .references import resolve_references
from .things import separate_things


def find_actors_and_places(doc: Doc) -> tuple[list[ActorMention], list[PlaceMention]]:
    """Actor and place mentions of a whole article, with offsets into ``doc.text``."""
    article = Article(doc)
    gaz_cands = gazetteer_matches(doc, token_pieces(doc), article.gaz)
    article.gaz_cands = gaz_cands
    ner_cands = ner_candidates(article, gaz_cands)
    article.focus = focus_country(article, gaz_cands)
    constructed_phrases(article, gaz_cands)
    gazetteer_mentions(article, gaz_cands)
    ner_mentions(article, ner_cands)
    link_people(article)
    bare_group_nouns(article)
    actors = Affiliations(doc, article.gaz, gaz_cands).apply(
        sorted(article.found.actors, key=lambda m: (m.start, m.end))
    )
    places = sorted(article.found.places, key=lambda m: (m.start, m.end))
    actors, places = separate_things(doc, actors, places)
    return resolve_references(doc, actors), places
