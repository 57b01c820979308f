"""Places that are not actors (seas, gulfs, datelines) and places that say whose an agent is;
the linking pass that leaves the first out."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml
from spacy.attrs import IDX, LENGTH
from spacy.tokens import Doc, Span

from detente.actors.kb import KBError, KnowledgeBase, normalise
from detente.actors.records import Name, State
from detente.parse.units import Unit
from detente.yamlfiles import load_yaml


@dataclass(frozen=True)
class Places:
    features: frozenset[str]  # "sea", "gulf", "strait"
    dateline: re.Pattern[str]
    cities: dict[str, str]  # normalised city name → country code
    suffixes: frozenset[str]  # "state", "province": words after a place's name that still name it
    areas: frozenset[str]  # "city", "province": a part of the country that owns it
    homonyms: dict[str, str]  # "georgia" → USA: a country's name that is also a place elsewhere
    named_places: frozenset[str]  # "island", "port": "the Italian island of Capri"


@cache
def load_places() -> Places:
    """`actors/data/places.yaml`, checked: raises `KBError` naming the file when malformed."""
    where = "places.yaml"
    try:
        data = load_yaml(
            (resources.files("detente.actors") / "data" / where).read_text(encoding="utf-8")
        )
        dateline = re.compile(data["dateline"])
        cities = {normalise(city): code for code, names in data["cities"].items() for city in names}
        suffixes = frozenset(data.get("suffixes") or ())
        areas = frozenset(data.get("areas") or ())
        homonyms = {normalise(k): v for k, v in (data.get("homonyms") or {}).items()}
        named = frozenset(data.get("named_places") or ())
        return Places(
            frozenset(data["features"]), dateline, cities, suffixes, areas, homonyms, named
        )
    except (KeyError, TypeError, re.error, yaml.YAMLError) as exc:
        raise KBError(f"{where}: needs features, a dateline regex and cities ({exc})") from exc


def dateline_end(text: str) -> int:
    """The length in characters of the wire dateline that opens `text` ("MOSCOW (Reuters) -"),
    0 when there is none."""
    found = load_places().dateline.match(text)
    return found.end() if found else 0


def names_feature(span: Span) -> bool:
    """Whether a country's name or adjective is part of a geographic feature's name: "the South
    China Sea", "the Korea Strait", "the Gulf of Oman", "the Sea of Japan"."""
    doc, features = span.doc, load_places().features
    if span.end < len(doc) and doc[span.end].lower_ in features:
        return True
    if span.start >= 2 and doc[span.start - 1].lower_ == "of":
        feature = doc[span.start - 2]
        return feature.lower_ in features and feature.text[:1].isupper()
    return False


def place_of(span: Span) -> int | None:
    """Where "of" stands when a country word introduces a named place: "the Italian island of
    [Capri]", "Russia's city of Kursk", "the Turkish border village of Akcakale" (places.yaml
    `named_places`, up to two words between); None otherwise."""
    doc, named = span.doc, load_places().named_places
    i = span.end + (span.end < len(doc) and doc[span.end].lower_ in ("'s", "’s"))
    for k in range(i, min(i + 3, len(doc) - 1)):
        word = doc[k]
        if word.lower_ in named and doc[k + 1].lower_ == "of":
            return k + 1
        if word.pos_ not in ("ADJ", "NOUN") or not word.is_lower:
            return None
    return None


def city_country(text: str) -> str | None:
    """The country of a city or province the data knows ("Karachi" → PAK, "Kaduna State" →
    NGA, "the Delhi" → IND), else None."""
    places = load_places()
    words = normalise(text).split()
    if words[:1] == ["the"]:
        words = words[1:]
    if len(words) > 1 and words[-1] in places.suffixes:
        words = words[:-1]
    return places.cities.get(" ".join(words))


def area_word(lemma: str) -> bool:
    """Whether a noun names a part of a country ("city", "province"; places.yaml `areas`)."""
    return lemma.lower() in load_places().areas


class SpanTexts:
    """`doc[start:end].text` of any token range of one parse, sliced from its text joined once
    (a `Span` and its text for every range tried cost more than the rest of linking)."""

    def __init__(self, doc: Doc, text: str | None = None) -> None:
        self.text = doc.text if text is None else text  # `text`: the parse's, when known
        self.bounds: list[list[int]] = doc.to_array([IDX, LENGTH]).tolist() if len(doc) else []

    def __call__(self, start: int, end: int) -> str:
        """The text of tokens `start` to `end` (exclusive); '' when the range is empty."""
        if end <= start:
            return ""
        last = self.bounds[end - 1]
        return self.text[self.bounds[start][0] : last[0] + last[1]]


def inside_place(span: Span, texts: SpanTexts | None = None) -> bool:
    """Whether a name is part of a longer place name the data knows ("Jersey" in "New Jersey",
    "Wales" in "New South Wales"; places.yaml `cities`), or a country's name read as a place of
    the same name elsewhere (places.yaml `homonyms`): after a city of that place's country and a
    comma ("Atlanta, Georgia") or after "state of" ("the state of Georgia"). `texts` gives the
    texts of the span's parse (made here when not given)."""
    doc, places = span.doc, load_places()
    text = texts or SpanTexts(doc)
    for start in range(max(0, span.start - 3), span.start + 1):
        for end in range(span.end, min(len(doc), span.end + 3) + 1):
            if end - start > len(span) and normalise(text(start, end)) in places.cities:
                return True
    country = places.homonyms.get(normalise(text(span.start, span.end)))
    if country is None or span.start < 2:
        return False
    before = doc[span.start - 2 : span.start]
    if [t.lower_ for t in before] == ["state", "of"]:
        return True
    if before[1].text != ",":
        return False
    comma = span.start - 1
    return any(
        places.cities.get(normalise(text(k, comma))) == country
        for k in range(max(0, comma - 3), comma)
    )


def places_left_out(kb: KnowledgeBase, unit: Unit, names: list[Name], state: State) -> list[Name]:
    """The names that are not a sea or gulf ("the Gulf of Oman"), a dateline's place ("DOHA
    —"), part of a longer place name ("New Jersey", "Atlanta, Georgia") or a named place and
    the country word that places it ("the Russian city of Kursk"); a dateline's country still
    says where the document is from."""
    dateline = dateline_end(unit.text)
    kept = []
    texts: SpanTexts | None = None  # made for the first name that needs it
    named_place = -1  # the token after the "of" of "the Italian island of Capri"
    for name in names:
        places = all(kb.is_country(t.code) or t.method == "metonym" for t in name.targets)
        if name.span.start == named_place:
            continue
        if name.targets and places and (of := place_of(name.span)) is not None:
            named_place = of + 1 + (name.span.doc[of + 1].lower_ == "the")
            continue
        if name.span.start_char < dateline and (places or not name.targets):
            if len(name.targets) == 1:
                state.home.add(kb.country_of(name.targets[0].code) or "")
            continue
        if name.targets and places and names_feature(name.span):
            continue
        if name.targets and places:
            texts = texts or SpanTexts(name.span.doc, unit.text if unit.written is None else None)
            if inside_place(name.span, texts):
                continue
        kept.append(name)
    state.home.discard("")
    return kept
