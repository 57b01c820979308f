"""Which time expression dates an event: the parse decides here, `events/dates.py` resolves it.

A time expression (a spaCy DATE entity, or a TIME entity naming a day: "Monday night") belongs
to an event when it sits in the event's own clause: the first verb above it is the event's verb
(or the event noun is above it first). One in a relative clause ("the mission, which the Council
approved in October") or another verb's clause is not the event's date. A coordinated verb shares
a date written after it ("attacked X and shelled Y on Monday") or before the first verb ("on
Friday condemned X and pledged Y"). A date before a participant's noun is that thing's time
("called the 1996 winner"), unless the noun is the event's, an active verb's subject, or the
object of a scene-setting preposition ("at its July summit"). A clause with no date of its own
takes the date of the clause it tells part of, in that clause's tense: a participle ("attacked
the Cole in 2000, killing 17"), a purpose or complement infinitive ("gathered Friday to
discuss"), an "as" or "while" clause, or what a speaker said is to come ("this week said he
would consider").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from functools import cache

from spacy.tokens import Span, Token

from detente.events.dates import UNDATED, When, alternation, load_words, resolve
from detente.nlp import sentence_ents

MODALS = frozenset({"would", "could", "might", "may", "should", "can", "must"})


# ---- the expression that belongs to an event ------------------------------------------------


def looks_ahead(verb: Token, modality: str) -> bool:
    """Whether an event lies after its report: said to come (future, intent), or a modal before
    a bare verb ("could meet on Friday"), or a present progressive ("is visiting on Friday")."""
    if modality in ("future", "intent"):
        return True
    auxes = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    if verb.tag_ == "VB" and auxes & MODALS:
        return True
    return verb.tag_ == "VBG" and bool(auxes & {"is", "are", "'s", "'re", "am"})


def event_date(
    token: Token, head: Token, sent: Span, published: date | None, ahead: bool, own: bool = False
) -> tuple[When, str | None]:
    """The date of the event expressed by `token` (its clause verb `head`) and the words it came
    from; `own` when only expressions under the event noun itself count ("supported Moscow's
    invasion": a date of the support is not the invasion's). With none of its own, the date of
    the clause it tells part of (`_governor`), resolved in that clause's tense; else the
    publication day."""
    found = _own_date(token, head, sent, published, ahead, own)
    verb = head
    while found is None and not own:
        parent = _governor(verb, ahead if verb == head else looks_ahead(verb, "asserted"))
        if parent is None:
            break
        found = _own_date(parent, parent, sent, published, looks_ahead(parent, "asserted"))
        verb = parent
    if found is not None:
        return found
    return (When(published, "day") if published else UNDATED), None


def _own_date(
    token: Token, head: Token, sent: Span, published: date | None, ahead: bool, own: bool = False
) -> tuple[When, str] | None:
    """The first expression of the event's own clause that names a date, or one a coordinated
    verb shares: written after the event's verb ("attacked X and shelled Y on Monday"), or
    before the first of the coordinated verbs ("on Friday condemned X and pledged Y")."""
    owners = {token.i} if own else {token.i, head.i}
    conjuncts = {t.i for t in head.conjuncts} if not own else set()
    first = min(conjuncts | {head.i})
    mine, shared = [], []
    for span, text in _expressions(sent):
        owner = _owner(span.root, token)
        if owner is not None and not own and not _dates_the_verb(span.root, token, owner):
            continue  # "called the 1996 pageant winner": the winner's year, not the call's
        if owner is None or owner.i in owners:
            mine.append((span, text))
        elif owner.i in conjuncts and (span.start > head.i or span.end <= first):
            shared.append((span, text))
    for span, text in mine + shared:
        when = resolve(text, published, ahead)
        if when is not None:  # a duration is no date: try the next expression
            return when, span.text
    return None


def _governor(verb: Token, ahead: bool) -> Token | None:
    """The verb whose time an undated clause shares: the clause is a participle ("attacked the
    ship, killing 17"), a purpose or complement infinitive ("gathered on Friday to discuss",
    "prompted NATO at its July summit to order"), a clause of the same time ("said on Friday
    as he entered"), or what a speaker said is to come ("said this week he would consider")."""
    parent = verb.head
    if parent == verb or parent.pos_ not in ("VERB", "AUX"):
        return None
    marks = {c.lower_ for c in verb.children if c.dep_ == "mark"}
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    if verb.dep_ == "advcl":
        if marks:
            return parent if marks <= load_words().same_time_marks else None
        return parent if infinitive or verb.tag_ in ("VBG", "VBN") else None
    if verb.dep_ == "xcomp" and infinitive:
        return parent
    if verb.dep_ == "ccomp" and ahead and not marks - {"that"}:
        return parent
    return None


def _expressions(sent: Span) -> Iterator[tuple[Span, str]]:
    """DATE entities, and TIME entities that name a day ("Monday night", "last night")."""
    for ent in sentence_ents(sent):  # not sent.ents: that walks the whole document
        if ent.label_ == "DATE" and not (ent.text.isdigit() and len(ent.text) <= 2):
            yield ent, ent.text  # a bare "43" is an age ("Scott, 43,"), no year nor day
        elif ent.label_ == "TIME":
            found = _day_in_time().search(ent.text.lower())
            if found:
                yield ent, found[0]


@cache
def _day_in_time() -> re.Pattern[str]:
    w = load_words()
    rel, wd = alternation(w.relative), alternation(w.weekdays)
    return re.compile(rf"\b(?:(?:(?:{rel}) )?(?:{wd})|{alternation(w.days)})\b")


def _owner(root: Token, event: Token) -> Token | None:
    """The first verb above an expression, or the event noun if that comes first. A word tagged
    as a finite verb in a noun's place ("Trump/VB this week said") is a tagging slip: no owner."""
    for ancestor in root.ancestors:
        if ancestor == event:
            return ancestor
        if ancestor.pos_ in ("VERB", "AUX") and not (
            ancestor.dep_ in _NOUN_ROLES and ancestor.tag_ in ("VB", "VBD", "VBP", "VBZ")
        ):
            return ancestor
    return None


_NOUN_ROLES = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "attr", "appos"})
_PREMODIFIERS = frozenset({"poss", "compound", "nummod", "amod", "nmod", "npadvmod"})


def _dates_the_verb(root: Token, event: Token, owner: Token) -> bool:
    """Whether an expression placed before a noun ("the 1996 winner", "its July summit") dates
    the verb: only when that noun is the event itself, the verb's subject (an active verb's:
    "Tuesday's attack killed five") or the object of a preposition that sets the scene ("at its
    July summit", "on Tuesday's vote"); not an object's ("released Trump's 1995 filings") nor a
    passive subject's ("Obama's 2012 visit was preceded by")."""
    noun = root
    while noun.dep_ in _PREMODIFIERS and noun.i < noun.head.i and noun.head != owner:
        noun = noun.head
        if noun == event:
            return True
    phrase = event  # "a wave of attacks": the phrase the event noun heads
    while phrase.dep_ == "pobj" and phrase.head.lower_ == "of" and phrase.head.head != owner:
        phrase = phrase.head.head
    if noun == root or phrase in noun.conjuncts:
        return True  # not before a noun ("on Friday"), or before one coordinated with the event
    while noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head != owner:
        noun = noun.head.head  # "part of Trump's 1995 filings"
    if noun.dep_ == "nsubj":
        return True
    return noun.dep_ == "pobj" and noun.head.lower_ in load_words().setting_prepositions
