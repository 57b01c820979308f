"""Span helpers for linking: where a name stands in the parse (a modifier, a place after "in",
coordinated, possessive) and which words around it belong to its mention."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from importlib import resources

from spacy.tokens import Span, Token

from detente.actors.records import Name
from detente.yamlfiles import load_yaml

MODIFIER_DEPS = frozenset({"amod", "compound", "poss", "nmod", "npadvmod"})
LOCATIVE = frozenset({"in", "at", "inside", "near", "outside", "around", "across", "within",
                      "throughout", "into"})  # fmt: skip


def determined(span: Span) -> bool:
    """Whether a word has an article or possessive before it ("his trump card")."""
    return span.start > 0 and span.doc[span.start - 1].pos_ in ("DET", "PRON")


def locative(span: Span) -> bool:
    """A place name governed by a preposition of place ("in Damascus", "at the Kremlin")."""
    head = span.root.head
    return span.root.dep_ == "pobj" and head.lower_ in LOCATIVE


def plausible(span: Span) -> bool:
    """Whether an entity the KB does not know is worth keeping as a mention: capitalised, not a
    lone sentence-initial word ("Drop your thoughts"), not inside a Title-Case headline where the
    statistical NER sees names everywhere."""
    if len(span) == 1 and span[0].is_sent_start:
        return False
    words = [t for t in span.sent if t.is_alpha and len(t) > 3]
    return not words or sum(t.text[:1].isupper() for t in words) / len(words) < 0.7


@cache
def _other_organisations() -> frozenset[str]:
    """`other_organisations` of actors/data/other_names.yaml, lower case."""
    text = (resources.files("detente.actors") / "data" / "other_names.yaml").read_text("utf-8")
    return frozenset(str(w).lower() for w in load_yaml(text)["other_organisations"])


def within_other_organisation(span: Span) -> bool:
    """Whether a KB name lies inside a longer named entity that names a newspaper, union,
    university or company ("The [Washington] Post", "the Trades Union [Congress]": words of
    actors/data/other_names.yaml), so that the name is no actor there."""
    words = _other_organisations()
    for ent in span.doc.ents:
        if ent.start <= span.start and span.end <= ent.end and len(ent) > len(span):
            rest = [t for t in ent if not span.start <= t.i < span.end]
            return any(t.lower_ in words for t in rest)
    return False


def inside_longer(span: Span, others: Sequence[Span]) -> bool:
    return any(o.start <= span.start and span.end <= o.end and len(o) > len(span) for o in others)


def trim(span: Span, titles: frozenset[str]) -> Span:
    """An entity without a leading article or title, or a trailing possessive ("the Kremlin's" →
    "Kremlin", "Foreign Minister Sergey Lavrov" → "Sergey Lavrov")."""
    start, end = span.start, span.end
    while start < end and (
        span.doc[start].lower_ in ("the", "a", "an") or span.doc[start].lower_ in titles
    ):
        start += 1
    while end > start and span.doc[end - 1].lower_ in ("'s", "’s", "'"):
        end -= 1
    return Span(span.doc, start, end, label=span.label_)


def modified_head(span: Span) -> Token | None:
    """The noun a name modifies: "Russian [troops]", "Russia's [president]", "North Korean and
    Russian [soldiers]"; None when the name is not a modifier."""
    token = span.root
    while token.dep_ == "conj" and token.head.i < token.i:
        token = token.head
    if token.dep_ not in MODIFIER_DEPS or token.head.i < span.end - 1:
        return None
    head = token.head
    while head.dep_ == "compound" and head.head.i > head.i and head.head.pos_ in ("NOUN", "PROPN"):
        head = head.head
    return head


def head_phrase(span: Span, head: Token) -> list[Token]:
    """The words from after the name to the noun it modifies ("Foreign Ministry", "troops")."""
    doc = span.doc
    if head.i < span.end:
        return [head]
    words = [t for t in doc[span.end : head.i + 1] if t.lower_ not in ("'s", "’s", "-")]
    return words


def possessive(span: Span) -> bool:
    return span.end < len(span.doc) and span.doc[span.end].lower_ in ("'s", "’s")


def following_words(span: Span) -> list[Token]:
    """The words right after a name, when the parse did not attach them as its head noun
    ("Myanmar's military seized power" parsed with "military" as an adjective)."""
    doc = span.doc
    i = span.end + possessive(span)
    words = [t for t in doc[i : i + 2] if t.is_alpha]
    while words and words[-1].pos_ not in ("NOUN", "ADJ", "PROPN"):
        words.pop()
    return words


def coordinated_with(span: Span, names: list[Name]) -> Name | None:
    """The name this one is coordinated with ("Finland and [Sweden]")."""
    if span.root.dep_ != "conj":
        return None
    head = span.root.head
    return next((n for n in names if n.span.start <= head.i < n.span.end), None)


def in_names(token: Token, names: list[Name]) -> bool:
    return any(n.span.start <= token.i < n.span.end for n in names)


def in_person(token: Token, names: list[Name]) -> bool:
    """Whether a word belongs to the name of a person ("President [Vladimir Putin]")."""
    return any(
        n.span.start <= token.i < n.span.end
        and (n.span.label_ == "PERSON" or any(t.person for t in n.targets))
        for n in names
    )


def in_names_between(start: int, end: int, names: list[Name]) -> bool:
    """Another name between a modifier and its noun ("Russian and North Korean soldiers")."""
    return any(start <= n.span.start < end for n in names if n.targets)


def is_acronym(text: str) -> bool:
    """Whether a KB name is an acronym ("NATO", "U.S."): matched case-sensitively."""
    letters = text.replace(".", "").replace("-", "").replace("+", "")
    return " " not in text and 1 < len(letters) <= 6 and text.isupper()


def acronym_variants(text: str) -> set[str]:
    """An acronym as written, without dots and with dots after each letter."""
    plain = text.replace(".", "")
    variants = {text, plain}
    if plain.isalpha():
        variants.add(".".join(plain) + ".")
        if len(plain) > 1:
            variants.add(".".join(plain))  # "U.S federal investigators": the last dot dropped
    return variants
