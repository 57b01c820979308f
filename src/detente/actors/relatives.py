"""Relatives are other people: a generational suffix after a known name ("Donald Trump Jr.")
or a kinship noun the name owns ("Kim Jong Un's sister", "Biden's son Hunter", "the son of Joe
Biden") makes the actor someone else, unlinked unless the KB names them itself (issue 14)."""

from __future__ import annotations

from functools import cache
from importlib import resources

from spacy.tokens import Span

from detente.actors.kb import slug
from detente.actors.records import CONFIDENCE, Found, Name
from detente.actors.spans import possessive
from detente.yamlfiles import load_yaml


@cache
def _words(key: str) -> frozenset[str]:
    text = (resources.files("detente.actors") / "data" / "relatives.yaml").read_text("utf-8")
    return frozenset(str(w).lower() for w in load_yaml(text).get(key) or ())


def relatives_apart(u: int, names: list[Name]) -> list[Name]:
    """`names` with the people whose relatives are meant taken out of linking: a KB person
    followed by a suffix becomes an unknown person over the whole name ("Donald Trump Jr."), a
    person owning a kinship noun ("Kim Jong Un's sister") or "of" after one ("the son of Joe
    Biden") is marked done, so that neither the name nor the possessive is the actor."""
    for name in names:
        if not name.targets or not any(t.person for t in name.targets):
            continue
        span = name.span
        suffix = _suffix_end(span)
        if suffix is not None:  # an unknown person, never a later short name's antecedent
            name.span = Span(span.doc, span.start, suffix, label="PERSON")
            name.targets = []
            key = slug(name.span.text)
            name.found = Found(u, span.start, suffix, "", "ner", CONFIDENCE["ner"], key)
        elif _kin_owned(span):
            name.done = True
    return names


def _suffix_end(span: Span) -> int | None:
    """Where a name's generational suffix ends ("Jr.", ", Jr.", "III"), else None."""
    doc, i = span.doc, span.end
    if i < len(doc) and doc[i].text == "," and i + 1 < len(doc):
        i += 1
    if i >= len(doc) or doc[i].lower_ not in _words("suffixes"):
        return None
    if doc[i].lower_ in ("ii", "iii", "iv") and doc[i].text != doc[i].text.upper():
        return None
    end = i + 1
    if end < len(doc) and doc[end].text == "." and not doc[i].text.endswith("."):
        end += 1
    return end


def _kin_owned(span: Span) -> bool:
    """Whether a person's name owns a kinship noun ("Kim Jong Un's sister", "Biden's eldest
    son") or follows "of" after one ("the son of Joe Biden", "a cousin of Assad's")."""
    kin = _words("kin")
    doc = span.doc
    if possessive(span):
        for token in doc[span.end + 1 : span.end + 4]:
            if token.lower_ in kin:
                return True
            if token.pos_ not in ("ADJ", "NUM") and token.lower_ not in ("own", "late"):
                break
        return False
    root = span.root
    if root.dep_ != "pobj" or root.head.lower_ != "of":
        return False
    relative = root.head.head
    # "Yulia Navalnaya, the widow of Alexei Navalny": the relative is named beside; the name
    # after "of" is that person mentioned in their own right
    return relative.lower_ in kin and relative.dep_ != "appos"
