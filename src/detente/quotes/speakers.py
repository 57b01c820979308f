"""Who speaks: the subject of a speech verb as a speaker record, whether or not the knowledge base
knows them ("said Pieter van der Berg, the party's spokesman", "a senior official said")."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from spacy.tokens import Token

from detente.model import Mention
from detente.parse.index import SUBJECTS, MentionIndex
from detente.parse.units import Unit
from detente.parse.verbs import REPORTING, SPEECH
from detente.quotes.marks import knowledge

# the words of a subject phrase kept as the speaker's text: its modifiers before the head, and
# names after it ("a senior official", "the party's spokesman", "Pieter van der Berg")
LEFT = frozenset({"det", "amod", "compound", "poss", "nummod", "nmod", "quantmod", "case",
                  "advmod", "npadvmod"})  # fmt: skip
RIGHT = frozenset({"compound", "flat", "case"})
RIGHT_PREPS = frozenset({"of", "for", "at", "with"})  # "a spokesman for the campaign"
RELATIVE = frozenset({"who", "which", "that"})
PHRASE_WORDS = 8  # a longer subject is a clause, not a speaker's description
IMPERSONAL = frozenset({"it", "this", "that"})  # coded only as the organisation it stands for
WORKS = frozenset(knowledge()["works"])  # a title beside these names a work, not a speaker
NOT_SPEAKERS = frozenset(knowledge()["not_speakers"])  # "official data showed": no speaker


@dataclass(frozen=True)
class Speaker:
    """A speaker as the text names them, with the actor and person they were linked to when
    known, and how sure the finder is (0–1)."""

    text: str
    code: str = ""
    name: str | None = None
    person: str | None = None
    confidence: float = 0.0

    def continued(self) -> Speaker:
        """The same speaker for a quotation that goes on, a little less sure."""
        factor = float(knowledge()["confidence"]["continued"])
        return Speaker(self.text, self.code, self.name, self.person, self.confidence * factor)


class SpeakerFinder:
    """Speakers of one paragraph, from the linker's mentions (known and unknown ones) and the
    parse."""

    def __init__(self, unit: Unit, index: MentionIndex | None, mentions: Sequence[Mention]) -> None:
        self.unit = unit
        self._index = index  # built when first asked (`_phrase` only): most paragraphs never ask
        self._mentions = mentions
        self.confidence: dict[str, float] = knowledge()["confidence"]

    @cached_property
    def by_token(self) -> dict[int, list[Mention]]:
        """The paragraph's mentions (known and unknown ones) by token, read when first asked:
        a paragraph with no quotation and no reporting verb never asks."""
        by_token: dict[int, list[Mention]] = {}
        doc, offset = self.unit.doc, self.unit.offset
        for m in self._mentions:
            span = doc.char_span(m.start - offset, m.end - offset, alignment_mode="expand")
            for token in span or ():
                by_token.setdefault(token.i, []).append(m)
        return by_token

    @property
    def index(self) -> MentionIndex:
        """The paragraph's linked mentions by token (`MentionIndex`), built once when needed."""
        if self._index is None:
            self._index = MentionIndex(self.unit, self._mentions)
        return self._index

    def of_verb(self, verb: Token) -> Speaker | None:
        """The speaker of a speech verb: its subject, or the subject of the clause it hangs from
        ("…,” he said, adding …")."""
        subject = subject_of(verb)
        return self.of(subject) if subject is not None else None

    def of(self, token: Token) -> Speaker | None:
        """The speaker a noun phrase headed by `token` names; None when it names nobody."""
        if token.lower_ in RELATIVE and token.head.dep_ == "relcl":
            return self.of(token.head.head)  # "Smith, who said …"
        if token.pos_ == "NOUN" and token.lemma_.lower() in NOT_SPEAKERS:
            return None  # "official data showed", "figures from the ONS suggest": no one speaks
        mention = self._mention(token)
        if mention is not None:
            return self._from_mention(mention)
        if token.pos_ == "PRON":
            it = self._it(token) if token.lower_ in IMPERSONAL else None
            return it or self._pronoun(token)
        if token.pos_ not in ("NOUN", "PROPN"):
            return None
        return self._phrase(token)

    def of_name(self, words: Sequence[Token]) -> Speaker:
        """The speaker named by exactly these words ("Said [Ellis]:"), linked when a mention lies
        within them."""
        first, last = words[0], words[-1]
        mention = self._mention(last)
        if mention is not None and mention.start - self.unit.offset >= first.idx:
            return self._from_mention(mention)
        text = self.unit.text_at(first.idx, last.idx + len(last))
        return Speaker(text, confidence=self.confidence["phrase"])

    def _mention(self, token: Token) -> Mention | None:
        """A mention on the head, else on a name beside it ("the spokesman, John Kirby")."""
        work = token.lemma_.lower() in WORKS  # "a new book, Brown's Britain": not Britain
        beside = ("compound",) if work else ("appos", "compound")
        for t in (token, *(c for c in token.children if c.dep_ in beside)):
            found = self.by_token.get(t.i, [])
            coded = [m for m in found if m.actor_code] or found
            if coded:
                return coded[0]
        return None

    def _from_mention(self, m: Mention) -> Speaker:
        if m.method == "pronoun":
            level = min(m.confidence, self.confidence["linked"])
        else:
            level = self.confidence["linked" if m.actor_code else "named"]
        return Speaker(m.text, m.actor_code, m.actor_name, m.person, level)

    def _pronoun(self, token: Token) -> Speaker:
        """A pronoun the linker left alone: the nearest speaker before it in the paragraph when
        that is a named person (not one behind a nearer unnamed speaker), else the pronoun with
        nobody behind it."""
        if token.lower_ in ("he", "she"):
            for verb in reversed(token.doc[: token.i]):
                if verb.pos_ != "VERB" or verb.lemma_.lower() not in REPORTING:
                    continue
                subject = subject_of(verb)
                if subject is None or subject.pos_ == "PRON":
                    continue
                named = self._mention(subject)  # the nearest speaker, never one behind them
                if named is None or not named.person:
                    break
                level = self.confidence["nearest"]
                return Speaker(token.text, named.actor_code, named.actor_name,
                               named.person, level)  # fmt: skip
        return Speaker(token.text, confidence=self.confidence["bare"])

    def _it(self, token: Token) -> Speaker | None:
        """ "It said": the organisation or state the nearest subject before it in the paragraph
        names ("The Foreign Office issued a statement. It said …"), past subjects that name no
        actor, never a person; None when there is no such actor ("The weather was bad. It said
        …" names no speaker)."""
        for before in reversed(token.doc[: token.i]):
            if before.dep_ not in SUBJECTS or before.pos_ == "PRON":
                continue
            named = self._mention(before)
            if named is None:
                continue  # "the economy grew": no actor, look further back
            if named.person or not named.actor_code:
                return None
            level = self.confidence["nearest"]
            return Speaker(token.text, named.actor_code, named.actor_name, None, level)
        return None

    def _phrase(self, token: Token) -> Speaker | None:
        """The subject phrase as written, with the actor of a modifier ("a Kremlin spokesman":
        the Kremlin) but never a person behind a possessive ("Trump's spokesman" is not Trump)."""
        words = _phrase_tokens(token)
        if len(words) > PHRASE_WORDS:
            words = [token]
        text = self.unit.text_at(words[0].idx, words[-1].idx + len(words[-1]))
        actors = [m for m in self.index.at(token) if m.actor_code and not m.person]
        code, name = (actors[0].actor_code, actors[0].actor_name) if actors else ("", None)
        return Speaker(text, code, name, None, self.confidence["phrase"])


def _phrase_tokens(head: Token) -> list[Token]:
    words = [head]
    for child in head.children:
        if (
            (child.i < head.i and child.dep_ in LEFT)
            or (child.i > head.i and child.dep_ in RIGHT)
            or (child.i > head.i and child.dep_ == "prep" and child.lower_ in RIGHT_PREPS)
        ):
            words += list(child.subtree)
    words.sort(key=lambda t: t.i)
    start = next((i for i, t in enumerate(words) if not t.is_punct), 0)
    words = words[start:]
    # keep one contiguous run around the head: a parse that jumps a clause is not a phrase
    run = [head]
    for t in words:
        if t.i == run[-1].i + 1 and t.i > head.i:
            run.append(t)
    for t in reversed(words):
        if t.i == run[0].i - 1 and t.i < head.i:
            run.insert(0, t)
    while run and (run[-1].is_punct or run[-1].dep_ == "cc"):
        run.pop()
    return run or [head]


def subject_of(verb: Token) -> Token | None:
    """The subject token of a verb, or of the clause it hangs from when it has none ("…, adding
    that …", "went on to say"); the agent of a passive one ("was branded a “waste” by MPs"), none
    when it has no agent; the reporter of a reported clause a speech verb is joined to ("he said
    his team had reached a view but admitted …": he admitted it)."""
    current: Token | None = verb
    joined = False  # reached through a conjunction
    for _ in range(4):
        if current is None:
            return None
        subjects = [c for c in current.children if c.dep_ in SUBJECTS]
        if subjects and not (joined and _reported(current)):
            return speaking_subject(current, subjects) if current is verb else subjects[0]
        if subjects:
            current, joined = current.head, False
            continue
        if current.dep_ == "relcl" and current.head.pos_ in ("NOUN", "PROPN"):
            return current.head
        if current.dep_ in ("xcomp", "conj", "advcl", "acl", "acomp", "pcomp", "prep") and (
            current.head != current
        ):
            current, joined = current.head, current.dep_ == "conj"
        else:
            return _named_before(verb) if current is verb else None
    return None


def _reported(verb: Token) -> bool:
    return verb.dep_ == "ccomp" and verb.head.lemma_.lower() in REPORTING | SPEECH


def speaking_subject(verb: Token, subjects: list[Token]) -> Token | None:
    """Of the subjects the parse gave a verb, the one that speaks: a name before a description
    ("The chairman of the Bar Council, Guy Mansfield QC warned"), an agent for a passive."""
    if subjects[0].dep_ == "nsubjpass":  # "by MPs", as the parse may hang it on the object
        near = [verb, *(c for c in verb.children if c.dep_ in ("dobj", "oprd", "attr"))]
        agent = next((c for t in near for c in t.children if c.dep_ == "agent"
                      or (c.dep_ == "prep" and c.lower_ == "by")), None)  # fmt: skip
        return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
    named = [s for s in subjects if s.pos_ == "PROPN"]
    return named[0] if named else subjects[0]


def _named_before(verb: Token) -> Token | None:
    """A name and its description right before a verb the parse left without a subject ("Mr
    Howard denied Mr Yeo, his transport spokesman, said …": Mr Yeo said)."""
    comma = verb.doc[verb.i - 1] if verb.i else None
    if comma is None or comma.text != ",":
        return None
    head = comma.head
    described = any(c.dep_ == "appos" for c in head.children)
    return head if head.pos_ == "PROPN" and head.i < comma.i and described else None
