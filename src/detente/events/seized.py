"""The country of a place taken: "Russia annexed Crimea", "Russia's annexation of Crimea" are
occupations of Ukrainian territory, coded with Ukraine as the target (CAMEO 192; PETRARCH's
country actors file Crimea under UKR). The place's country comes from the linker's place data
(`actors/data/places.yaml` `cities`); a place of the taker's own country ("Ukraine retook
Kherson") or one the data does not know gives no target."""

from __future__ import annotations

from spacy.tokens import Span, Token

from detente.actors.places import city_country
from detente.events.grammar import Predicate, object_heads
from detente.model import Mention


def seized_country(predicate: Predicate, source: Mention) -> Mention | None:
    """A mention standing for the country of the place `predicate` takes (its object, or the
    object of "of" after an event noun: "the annexation of Crimea"), when that country is known
    and is not the source's own; else None. Its offsets are the place's in the parse."""
    for place in _places(predicate):
        code = city_country(place.text)
        if code and code != source.actor_code[:3]:
            return Mention(
                start=place.start_char,
                end=place.end_char,
                text=place.text,
                actor_code=code,
                method="place",
                confidence=source.confidence,
                segment=source.segment,
            )
    return None


def _places(predicate: Predicate) -> list[Span]:
    if predicate.nominal:
        heads: list[Token] = [
            pobj
            for prep in predicate.token.children
            if prep.dep_ == "prep" and prep.lower_ == "of"
            for pobj in prep.children
            if pobj.dep_ == "pobj"
        ]
    else:
        heads = list(object_heads(predicate))
    # the named entity around the head, whatever type the tagger gave it ("Crimea" is often an
    # ORG, "Kherson" a PERSON): only places the data knows give a country
    ents = [
        next((e for e in h.doc.ents if e.start <= h.i < e.end), h.doc[h.i : h.i + 1])
        for h in heads
        if h.ent_type_ or h.pos_ == "PROPN"
    ]
    return [e[1:] if e[0].lower_ == "the" and len(e) > 1 else e for e in ents]
