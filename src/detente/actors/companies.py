"""Companies, outlets and schools tied to a country: a country's name inside their own name
("Air France", "the London Stock Exchange") or before it ("French carmaker Peugeot",
"Germany's Deutsche Boerse") gives country + sector (FRABUS), never the bare state (issue 14)."""

from __future__ import annotations

from functools import cache
from importlib import resources

from spacy.tokens import Span, Token

from detente.actors.kb import KnowledgeBase, normalise
from detente.actors.records import CONFIDENCE, Found, Name
from detente.actors.spans import _other_organisations, modified_head
from detente.yamlfiles import load_yaml

#: sectors of a KB organisation a country word may stand before ("Russia's Gazprom")
ORGANISATION_SECTORS = frozenset({"BUS", "MED", "EDU"})


@cache
def _sectors() -> dict[str, str]:
    """Word (lower case) → sector, from `sectors` of actors/data/other_names.yaml."""
    text = (resources.files("detente.actors") / "data" / "other_names.yaml").read_text("utf-8")
    data = load_yaml(text).get("sectors") or {}
    return {normalise(str(w)): sector for sector, ws in data.items() for w in ws or ()}


def sector_of_words(words: list[Token]) -> str | None:
    """The sector the words of a name give ("Stock Exchange" → BUS, "Times" → MED), from the
    last word back, two-word phrases first; None when none does."""
    table = _sectors()
    lowered = [t.lower_ for t in words]
    for k in range(len(lowered) - 1, -1, -1):
        for phrase in (" ".join(lowered[k - 1 : k + 1]) if k else "", lowered[k]):
            sector = table.get(phrase) if phrase else None
            if sector is not None:
                return sector
    return None


def enclosing_name(span: Span) -> tuple[Span, str | None] | None:
    """The longer named entity a KB name lies in that names a company, outlet, school or other
    body of its own (`other_organisations`: "[Air France]", "The [Washington Post]"), with the
    sector its other words give (BUS, MED, EDU; None for a club or a union); None when the
    name lies in no such entity."""
    words = _other_organisations()
    for ent in span.doc.ents:
        if ent.start <= span.start and span.end <= ent.end and len(ent) > len(span):
            rest = [t for t in ent if not span.start <= t.i < span.end and t.lower_ != "the"]
            if any(t.lower_ in words for t in rest):
                start = ent.start + (ent[0].lower_ == "the")
                return span.doc[start : ent.end], sector_of_words(rest)
            return None
    return None


def company_found(
    kb: KnowledgeBase, u: int, name: Name, names: list[Name], country: str, confidence: float
) -> list[Found] | None:
    """A country word before an organisation's name ("French carmaker Peugeot", "Russia's
    Gazprom", "Germany's Deutsche Boerse"): country + the sector the words between or the
    organisation's own name give, spanning both, the organisation's name marked done; [] when
    no sector is readable or the KB organisation carries its own code (the state is not the
    actor either way); None when the word modifies no organisation's name."""
    span = name.span
    head = _of_head(span) or modified_head(span)
    if head is None or (head.i < span.end and head.i >= span.start):
        return None
    other = next((n for n in names if n.span.start <= head.i < n.span.end), None)
    if other is None and head.pos_ == "PROPN" and head.i >= span.end:
        between = [t for t in span.doc[span.end : head.i] if t.is_alpha]
        sector = _agent_sector(kb, between)  # "Russian bank Sberbank", the parse naming nothing
        if sector is None:
            return None
        code = kb.with_role(country, sector)
        return [Found(u, span.start, head.i + 1, code, "role", CONFIDENCE["role"] * confidence)]
    if other is None or other is name:
        return None
    if other.targets:
        codes = [t.code for t in other.targets]
        if not all(c[3:6] in ORGANISATION_SECTORS and not kb.is_country(c) for c in codes):
            return None  # "US State Department", "Yemen's Houthi rebels": not a company
        return []  # "Russia's Gazprom": the company's own code says it all
    if other.span.label_ != "ORG":
        return None
    if head.i < span.start:  # "Renault of France": the company's own words, else nothing
        sector = sector_of_words(list(other.span))
        if sector is None:
            return []
        other.done = True
        code = kb.with_role(country, sector)
        return [Found(u, other.span.start, span.end, code, "role", CONFIDENCE["role"] * confidence)]
    between = [t for t in span.doc[span.end : other.span.start] if t.is_alpha]
    sector = sector_of_words(between) or sector_of_words(list(other.span))
    sector = sector or _agent_sector(kb, between)
    if sector is None:
        # "South Korea's Constitutional Court": an organ of state the role words read (JUD)
        return None if _has_role(kb, list(other.span)) else []
    other.done = True
    code = kb.with_role(country, sector)
    return [Found(u, span.start, other.span.end, code, "role", CONFIDENCE["role"] * confidence)]


def _of_head(span: Span) -> Token | None:
    """The noun a country's name is "of" ("Renault [of France]"), else None."""
    root = span.root
    prep = root.head
    if root.dep_ != "pobj" or prep.lower_ != "of" or prep.head.i >= span.start:
        return None
    return prep.head


def _has_role(kb: KnowledgeBase, words: list[Token]) -> bool:
    """Whether any of the words is a role word of the KB ("court", "ministry", "army")."""
    return any(normalise(w) in kb.roles for t in words for w in (t.lower_, t.lemma_.lower()))


def _agent_sector(kb: KnowledgeBase, words: list[Token]) -> str | None:
    """The business or media sector an agent noun among `words` gives ("carmaker" → BUS)."""
    for token in reversed(words):
        for word in (token.lower_, token.lemma_.lower()):
            role = kb.roles.get(normalise(word))
            if role in ORGANISATION_SECTORS:
                return role
    return None


def enclosed_found(
    kb: KnowledgeBase, u: int, span: Span, code: str, confidence: float
) -> list[Found] | None:
    """A KB name inside the name of a company, outlet or school (`enclosing_name`): the
    country + sector over the whole name for a country's name ("Air France" → FRABUS), nothing
    for an organ of state or a name giving no sector ("the Trades Union Congress"); None when
    the name lies in no such name."""
    enclosing = enclosing_name(span)
    if enclosing is None:
        return None
    whole, sector = enclosing
    if sector is None or not kb.is_country(code):
        return []
    found_code = kb.with_role(code, sector)
    return [Found(u, whole.start, whole.end, found_code, "role", CONFIDENCE["role"] * confidence)]
