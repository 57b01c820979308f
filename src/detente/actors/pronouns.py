"""Pronouns: "he", "her" to the person subject of the clause that governs them, or of the
previous sentence, where the parse leaves one candidate of the same gender; "it", "its",
"they", "their" to the actor subject of the clause that governs them in the same sentence."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from importlib import resources
from typing import Any

from spacy.attrs import POS
from spacy.parts_of_speech import PRON
from spacy.tokens import Span, Token

from detente.actors.kb import KnowledgeBase
from detente.actors.records import Found
from detente.nlp import lowers
from detente.parse.units import Unit
from detente.parse.verbs import SPEECH
from detente.yamlfiles import load_yaml

SUBJECTS = frozenset({"nsubj", "nsubjpass"})
PLURAL_TAGS = frozenset({"NNS", "NNPS"})


@cache
def _data() -> dict[str, Any]:
    path = resources.files("detente.actors") / "data" / "pronouns.yaml"
    data: dict[str, Any] = load_yaml(path.read_text(encoding="utf-8"))
    return data


PRONOUNS: dict[str, str] = _data()["person"]
FIRST_SINGULAR = frozenset(_data()["first"]["singular"])
FIRST_PLURAL = frozenset(_data()["first"]["plural"])
# a direct quotation in double or curly quotes (straight single quotes are apostrophes too)
QUOTED = re.compile(r"“[^”]{2,}?”|\"[^\"]{2,}?\"|«[^»]{2,}?»|‘[^’]{2,}?’(?!\w)")


def link_first_person(u: int, unit: Unit, found: list[Found]) -> list[Found]:
    """First-person pronouns inside a quotation (`first` in pronouns.yaml), linked to its
    speaker: the linked subject of a speech verb outside the quotation marks in the same
    sentence. "I", "my" go to a speaking person only; "we", "our" to the speaker's code, no
    person. Returns every mention of the segment in order."""
    doc, out = unit.doc, list(found)
    taken = {i for f in found for i in range(f.start, f.end)}
    for match in QUOTED.finditer(unit.text):
        inner = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if inner is None:
            continue
        inside = range(match.start(), match.end())
        speaker = _speaker(inner[0].sent, inside, found)
        if speaker is None:
            continue
        for token in inner:
            if token.i in taken or token.pos_ != "PRON" or token.idx not in inside:
                continue
            word = token.lower_
            if word in FIRST_SINGULAR and speaker.person:
                out.append(Found(u, token.i, token.i + 1, speaker.code, "pronoun", 0.75,
                                 speaker.person))  # fmt: skip
            elif word in FIRST_PLURAL and speaker.code:
                out.append(Found(u, token.i, token.i + 1, speaker.code, "pronoun", 0.7))
    return sorted(out, key=lambda f: (f.start, f.end))


def _speaker(sent: Span, inside: range, found: list[Found]) -> Found | None:
    """The linked subject of a speech verb of `sent` outside the quotation (`inside`: its
    character offsets), else None."""
    for token in sent:
        if token.idx in inside or token.pos_ != "VERB" or token.lemma_.lower() not in SPEECH:
            continue
        for child in token.children:
            if child.dep_ == "nsubj" and child.idx not in inside:
                return next((f for f in found if f.start <= child.i < f.end), None)
    return None


def link_pronouns(
    kb: KnowledgeBase,
    u: int,
    unit: Unit,
    found: list[Found],
    last: Found | None,
    gender_of: Callable[[str], str | None] = lambda key: None,
) -> tuple[list[Found], Found | None]:
    """Third-person pronouns of a segment, linked to the person subject of the clause that
    governs them or, failing that, of the previous sentence (`last`), never to a person of the
    other gender (the KB's, else `gender_of` a person key: what the document's honorifics say);
    returns every mention of the segment in order and the subject its last sentence leaves for
    the next."""
    people = [f for f in found if f.person]
    by_token = {i: f for f in people for i in range(f.start, f.end)}
    out = list(found)
    doc = unit.doc
    words, pos = lowers(doc), doc.to_array(POS).tolist() if len(doc) else []
    for sent in doc.sents:
        for i in range(sent.start, sent.end):
            gender, pronoun_tag = PRONOUNS.get(words[i]), pos[i] == PRON
            if not pronoun_tag:
                continue
            token = doc[i]
            if gender is None:
                out += _group_pronoun(kb, u, token, found)
                continue
            antecedent, confidence = _governing_subject(token, by_token), 0.75
            if antecedent is None and not any(sent.start <= f.start < token.i for f in people):
                antecedent, confidence = last, 0.62
            if antecedent is None or not _agrees(kb, antecedent, gender, gender_of):
                continue
            pronoun = Found(u, token.i, token.i + 1, antecedent.code, "pronoun", confidence,
                            antecedent.person)  # fmt: skip
            out.append(pronoun)
            by_token[token.i] = pronoun
        subject = next((by_token.get(t.i) for t in sent.root.children if t.dep_ in SUBJECTS), None)
        if subject is None:  # "Kim called the launch a warning, state media reported."
            subject = next(
                (
                    by_token[i]
                    for i in range(sent.start, sent.end)
                    if i in by_token and doc[i].dep_ in SUBJECTS
                ),
                None,
            )
        last = subject
    return sorted(out, key=lambda f: (f.start, f.end)), last


def _governing_subject(token: Token, by_token: dict[int, Found]) -> Found | None:
    """The person subject of the nearest clause above the pronoun that has one; for a clause
    that completes "urged X to ...", X (object control)."""
    below = token
    for ancestor in token.ancestors:
        if below.dep_ == "xcomp":
            controller = next((c for c in ancestor.children if c.dep_ == "dobj"), None)
            if controller is not None and controller.i in by_token:
                return by_token[controller.i]
        below = ancestor
        if ancestor == token.head and token.dep_ in SUBJECTS:
            continue
        for child in ancestor.children:
            if child.dep_ in SUBJECTS and child.i < token.i and child != token:
                return by_token.get(child.i)
    return None


def _agrees(
    kb: KnowledgeBase, found: Found, gender: str, gender_of: Callable[[str], str | None]
) -> bool:
    person = kb.people.get(found.person or "")
    known = person.gender if person is not None else None
    if known is None and found.person:
        known = gender_of(found.person)
    return known is None or known == gender


def _group_pronoun(kb: KnowledgeBase, u: int, token: Token, found: list[Found]) -> list[Found]:
    """ "it", "its" (one country, government or organisation) or "they", "their" (a
    coordination, or a plural group) as the subject or possessive of a clause, linked to the
    subject of the clause that governs it in the same sentence ("Russia said it would respond");
    nothing when that subject is not of the pronoun's number or "it" stands for no one."""
    group = _data()["group"]
    plural = token.lower_ in group["plural"]
    if not plural and token.lower_ not in group["singular"]:
        return []
    if token.dep_ not in _data()["roles"] or (not plural and _expletive(token)):
        return []
    subject = _governing_token(token)
    if subject is None:
        return []
    heads = [subject, *subject.conjuncts]
    antecedents = [_found_at(t, found) for t in heads]
    if not all(antecedents):
        return []
    codes = list(dict.fromkeys(f.code for f in antecedents if f))
    if plural:
        fits = len(heads) > 1 or subject.tag_ in PLURAL_TAGS
    else:  # one actor that is no person: a country, government or organisation
        fits = len(heads) == 1 and len(codes) == 1 and not any(f and f.person for f in antecedents)
    if not fits:
        return []
    return [Found(u, token.i, token.i + 1, code, "pronoun", 0.7) for code in codes]


def _expletive(token: Token) -> bool:
    """Whether a subject "it" stands for no one ("it seems", "it was reported that", "it is
    unclear whether")."""
    words = _data()["expletive"]
    head = token.head
    if token.dep_ == "nsubj" and head.lemma_.lower() in words["verbs"]:
        return True
    if token.dep_ == "nsubjpass" and head.lemma_.lower() in words["passive"]:
        return True
    complements = [c for c in head.children if c.dep_ in ("acomp", "attr", "oprd", "advmod")]
    return any(
        c.lower_ in words["words"] or c.lemma_.lower() in words["words"] for c in complements
    )


def _governing_token(token: Token) -> Token | None:
    """The subject of the nearest clause above the pronoun that has one, before it; for a
    clause that completes "urged X to ...", X (object control)."""
    below = token
    for ancestor in token.ancestors:
        if below.dep_ == "xcomp":
            controller = next((c for c in ancestor.children if c.dep_ == "dobj"), None)
            if controller is not None:
                return controller
        below = ancestor
        for child in ancestor.children:
            if child.dep_ in SUBJECTS and child.i < token.i and child != token:
                if token in child.subtree:
                    continue
                return child
    return None


def _found_at(token: Token, found: list[Found]) -> Found | None:
    """The mention that covers a noun phrase's head, or else its one modifier that is one
    ("the White House", "Syrian rebels")."""
    here = [f for f in found if f.code and f.start <= token.i < f.end]
    if not here:
        here = [
            f
            for c in token.children
            if c.dep_ in ("compound", "amod", "poss")
            for f in found
            if f.code and f.start <= c.i < f.end
        ]
    return here[0] if len(here) == 1 else None
