"""Directed relations between two mentions of one sentence: A praises, supports, criticises,
accuses, opposes or threatens B, read from the predicate that links them and the cue words of
`signals/data/relations.yaml`, each with its evidence sentence.

A relation needs a cue that holds the two: A is the cue verb's subject (or its agent, "was
praised by A") and B its object, the subject of its passive, or a prepositional object ("voted
against B"); a noun cue takes its holder from its possessor or the subject of its clause and its
target from a preposition ("A's criticism of B", "A voiced support for B"); an adjective cue
from the copula ("A is critical of B"). A negated cue gives nothing (precision first), except
support denied or refused ("has not endorsed B"), which is against B. Event
words are not cues: "air strikes in support of the government" relate the striker to the
government through "support", never through "strike".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import yaml
from spacy.tokens import Span, Token

from detente.errors import ModelError
from detente.model import Event, Evidence, Mention, Relation
from detente.parse.units import Unit

LINKS = frozenset({"compound", "flat", "appos", "conj", "cc", "amod", "det", "poss", "case",
                   "nummod", "punct", "nmod"})  # fmt: skip
"""Dependencies that keep a word inside the noun phrase of its head (climbing from a mention)."""


@dataclass(frozen=True)
class Cue:
    kind: str
    polarity: int
    part: str  # verb | noun | adjective


@dataclass(frozen=True)
class RelationLexicon:
    cues: dict[tuple[str, str], Cue]  # (lemma, part) → cue
    target_preps: frozenset[str]
    tone_confidence: float
    labelling: frozenset[str] = frozenset()
    saying: frozenset[str] = frozenset()
    verdict_tone: float = 1.0
    verdict_words: dict[str, int] = field(default_factory=dict)
    hypothetical_aux: frozenset[str] = frozenset()
    hypothetical_marks: frozenset[str] = frozenset()
    event_kinds: dict[str, str] = field(default_factory=dict)  # CAMEO code → relation kind
    withholding: frozenset[str] = frozenset()  # kinds whose denial is against the target
    refusal: frozenset[str] = frozenset()
    receiving: frozenset[str] = frozenset()  # "B drew criticism from A"
    holder_preps: frozenset[str] = frozenset()


@cache
def load_relation_lexicon() -> RelationLexicon:
    """The cue words of `signals/data/relations.yaml`; `ModelError` naming the file if broken."""
    where = "signals/data/relations.yaml"
    try:
        data = yaml.safe_load(
            (resources.files("detente.signals") / "data" / "relations.yaml").read_text()
        )
        cues: dict[tuple[str, str], Cue] = {}
        for kind, spec in data["kinds"].items():
            polarity = int(spec["polarity"])
            if polarity not in (-1, 1):
                raise ValueError(f"{kind}: polarity must be 1 or -1")
            for part, key in (("verb", "verbs"), ("noun", "nouns"), ("adjective", "adjectives")):
                for word in spec.get(key, []):
                    cues.setdefault((str(word).lower(), part), Cue(kind, polarity, part))
        words = {str(k).lower(): int(v) for k, v in data["verdict_words"].items()}
        if set(words.values()) - {1, -1}:
            raise ValueError("verdict_words: each value must be 1 or -1")
        return RelationLexicon(
            cues,
            frozenset(data["target_preps"]),
            float(data["tone_confidence"]),
            labelling=frozenset(data["labelling_verbs"]),
            saying=frozenset(data["saying_verbs"]),
            verdict_tone=float(data["verdict_tone"]),
            verdict_words=words,
            hypothetical_aux=frozenset(data["hypothetical_aux"]),
            hypothetical_marks=frozenset(data["hypothetical_marks"]),
            event_kinds={str(k): str(v) for k, v in data["event_kinds"].items()},
            withholding=frozenset(data["withholding_kinds"]),
            refusal=frozenset(data["refusal_verbs"]),
            receiving=frozenset(data["receiving_verbs"]),
            holder_preps=frozenset(data["holder_preps"]),
        )
    except (OSError, KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ModelError(f"{where}: {exc}") from exc


@dataclass(frozen=True)
class Found:
    """A relation found between two spans of one sentence: `holder` → `target`."""

    holder: Span
    target: Span
    kind: str
    polarity: int
    cue: Token


def _head_of_phrase(span: Span) -> Token:
    """The head of the noun phrase a mention stands in ("Putin" in "Putin's leadership" stays
    Putin: a possessor is its own argument)."""
    tok = span.root
    while tok.dep_ in LINKS - {"poss"} and tok.head != tok:
        tok = tok.head
    return tok


def _arguments(cue: Token, lexicon: RelationLexicon) -> tuple[list[Token], list[Token]]:
    """The holder and target argument heads of a cue word, by its part of speech."""
    if cue.pos_ != "VERB":
        return _noun_arguments(cue, lexicon)
    holders: list[Token] = []
    targets: list[Token] = []
    kids = list(cue.children)
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in kids)
    passive = passive or (cue.tag_ == "VBN" and any(c.dep_ == "agent" for c in kids))
    for c in kids:
        if c.dep_ == "nsubj":
            holders.append(c)
        elif c.dep_ == "nsubjpass":
            targets.append(c)
        elif c.dep_ == "agent" and passive:
            holders += [g for g in c.children if g.dep_ == "pobj"]
        elif c.dep_ in ("dobj", "dative", "attr"):
            targets.append(c)
            targets += [g for g in c.children if g.dep_ == "poss"]
        elif c.dep_ == "prep" and c.lower_ in lexicon.target_preps:
            targets += [g for g in c.children if g.dep_ == "pobj"]
    if not holders and cue.dep_ in ("xcomp", "conj", "advcl") and cue.head.pos_ == "VERB":
        holders += [c for c in cue.head.children if c.dep_ == "nsubj"]
    if cue.dep_ == "acl" and passive:  # "B, praised by A,"
        targets.append(cue.head)
    elif not holders and cue.dep_ == "acl":  # "signed a letter condemning B": the signer
        holders.append(cue.head)
        holders += [c for c in cue.head.head.children if c.dep_ == "nsubj"]
    if cue.dep_ == "relcl":  # "B, whom A attacked": the relative word stands for B
        targets += [cue.head for t in targets if t.tag_ in ("WP", "WDT")]
    return holders, targets


def _noun_arguments(cue: Token, lexicon: RelationLexicon) -> tuple[list[Token], list[Token]]:
    """The holder and target heads of a noun or adjective cue: "A's criticism of B", "US
    support for B", "A is critical of B", "B drew criticism from A"."""
    holders: list[Token] = []
    targets: list[Token] = []
    kids = list(cue.children)
    holders += [g for c in kids if c.dep_ == "prep" and c.lower_ in lexicon.holder_preps
                for g in c.children if g.dep_ == "pobj"]  # fmt: skip
    head = cue.head
    if cue.dep_ == "dobj" and head.lemma_.lower() in lexicon.receiving:
        holders += [g for c in head.children if c.dep_ == "prep" and c.lower_ in
                    lexicon.holder_preps for g in c.children if g.dep_ == "pobj"]  # fmt: skip
        if holders:  # "B won praise from A": the receiver is the target
            return holders, [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
    holders += [c for c in kids if c.dep_ == "poss"]
    if not holders:  # "US support for Riyadh", "Russian criticism of Kyiv"
        holders += [c for c in kids if c.dep_ in ("compound", "amod") and c.ent_type_ in NAMED]
    for c in kids:
        if c.dep_ == "prep" and c.lower_ in lexicon.target_preps:
            targets += [g for g in c.children if g.dep_ == "pobj"]
    if cue.dep_ == "dobj" and head.pos_ == "VERB":  # "expressed support for B", "praise on B"
        targets += [g for c in head.children if c.dep_ == "prep" and c.lower_ in
                    lexicon.target_preps for g in c.children if g.dep_ == "pobj"]  # fmt: skip
    if not holders and cue.dep_ in ("dobj", "attr", "acomp", "pobj", "nsubj") and head != cue:
        verb = head.head if cue.dep_ == "pobj" and head.dep_ == "prep" else head
        if cue.dep_ != "nsubj":
            holders += [c for c in verb.children if c.dep_ == "nsubj"]
    if cue.dep_ == "appos" or (cue.dep_ == "attr" and head.lemma_ == "be"):
        holders += [c for c in head.children if c.dep_ == "nsubj"] if cue.dep_ == "attr" else [head]
    return holders, targets


NAMED = frozenset({"NORP", "GPE", "ORG", "PERSON", "LOC", "FAC"})
"""Entity types of a name that modifies a cue noun and holds it ("US support")."""


def _resolve(holders: list[Token]) -> list[Token]:
    """Holders with each personal pronoun ("he said he supports B", "his support for B") also
    standing for the subject of the nearest clause above it that is not a pronoun."""
    out = list(holders)
    for h in holders:
        if h.pos_ != "PRON" or h.lower_ not in PERSONAL:
            continue
        tok = h.head
        for _ in range(6):
            subject = next((c for c in tok.children if c.dep_ == "nsubj" and c != h), None)
            if subject is not None and subject.pos_ != "PRON":
                out.append(subject)
                break
            if tok.head == tok:
                break
            tok = tok.head
    return out


PERSONAL = frozenset({"he", "she", "they", "his", "her", "their", "it", "its", "we", "our"})


def _hypothetical(cue: Token, lexicon: RelationLexicon) -> bool:
    """Whether a cue is told as a possibility: a modal auxiliary ("could threaten") or a clause
    opened by "if"/"unless" on the cue or on the words it depends on up to its clause's verb."""
    tok = cue
    for _ in range(8):
        for c in tok.children:
            if c.dep_ == "aux" and c.lower_ in lexicon.hypothetical_aux:
                return True
            if c.dep_ == "mark" and c.lower_ in lexicon.hypothetical_marks:
                return True
        if tok.head == tok or (tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("xcomp", "conj")):
            return False
        tok = tok.head
    return False


def _negated(cue: Token) -> bool:
    if any(c.dep_ == "neg" for c in cue.children):
        return True
    return cue.dep_ in ("xcomp", "dobj", "attr", "acomp") and any(
        c.dep_ == "neg" for c in cue.head.children
    )


def _part(tok: Token) -> str | None:
    return {"VERB": "verb", "NOUN": "noun", "ADJ": "adjective", "ADP": "adjective"}.get(tok.pos_)


PHRASE = LINKS | {"poss", "prep", "pobj"}
"""Dependencies that keep a mention inside a larger noun phrase: "Mrs Clinton's advisers", "the
Republican nominee", "the proposals of Republican candidates" speak for the mention."""
OWN_PHRASE = LINKS | {"poss"}
PHRASE_STEPS = 4


def _phrase_heads(span: Span, links: frozenset[str] = PHRASE) -> set[int]:
    """The token indices of the noun phrases a mention stands inside, from its own head up to
    `PHRASE_STEPS` steps through `links`, never past a verb: the argument a mention belongs to.
    A holder's phrase does not go through prepositions (`OWN_PHRASE`): "a scholar at the
    university" speaks for the scholar, not the university."""
    tok = span.root
    out = {tok.i}
    for _ in range(PHRASE_STEPS):
        if tok.dep_ not in links or tok.head == tok or tok.head.pos_ in ("VERB", "AUX"):
            break
        tok = tok.head
        out.add(tok.i)
    return out


def _holds(argument: Token, span: Span) -> bool:
    """Whether an argument head is the mention's phrase (the mention, the phrase it heads, or a
    noun phrase it stands inside: "Mrs Clinton's advisers accused Sanders" is Clinton's side)."""
    return span.start <= argument.i < span.end or argument.i in _phrase_heads(span)


def find_relations(sentence: Span, mentions: Sequence[Span]) -> Iterator[Found]:
    """Relations between the mentions (spans of `sentence`), one per (holder, target, cue)."""
    lexicon = load_relation_lexicon()
    if len(mentions) < 2:
        return
    found = False
    for tok in sentence:
        part = _part(tok)
        cue = lexicon.cues.get((tok.lemma_.lower(), part)) if part else None
        if cue is None or _hypothetical(tok, lexicon):
            continue
        if _withheld(tok, cue, lexicon):
            cue = Cue("withhold", -1, cue.part)
        elif _negated(tok):
            continue
        holders, targets = _arguments(tok, lexicon)
        holders = _resolve(holders)
        for a in mentions:
            if not any(_holds(h, a) for h in holders):
                continue
            for b in mentions:
                if b is not a and b.start != a.start and any(_holds(t, b) for t in targets):
                    found = True
                    yield Found(a, b, cue.kind, cue.polarity, tok)
    if not found:
        for f in _verdicts(sentence, mentions, lexicon):
            found = True
            yield f
    if not found:
        yield from _by_tone(mentions, lexicon)


def _withheld(tok: Token, cue: Cue, lexicon: RelationLexicon) -> bool:
    """Whether support is denied ("has not endorsed B") or refused ("refused to
    back B"): against the target."""
    if cue.kind not in lexicon.withholding:
        return False
    head = tok.head
    if tok.dep_ == "xcomp" and head.lemma_.lower() in lexicon.refusal:
        return not _negated(head)  # "did not refuse to back B" is no refusal
    return _negated(tok)


def _verdict(label: Token, lexicon: RelationLexicon) -> int:
    """+1, -1 or 0: what a label or judgement says ("naive beyond belief", "absolutely right")."""
    word = lexicon.verdict_words.get(label.lemma_.lower()) or lexicon.verdict_words.get(
        label.lower_
    )
    if word:
        return word
    if any(c.dep_ == "neg" for c in label.children):
        return 0
    from detente.signals.tone_features import vader

    core = sorted([label, *(c for c in label.children if c.dep_ in ("amod", "advmod", "compound"))])
    said = vader(" ".join(t.text for t in core))  # not its clause: "unlikely to be prosecuted"
    return 0 if abs(said) < lexicon.verdict_tone else (1 if said > 0 else -1)


def _verdict_arguments(verb: Token, lexicon: RelationLexicon) -> Iterator[tuple[Token, Token]]:
    """(target, label) pairs of a labelling verb ("called B naive", "described B as a liar") or
    of a saying verb whose clause judges its subject ("said B is right")."""
    lemma = verb.lemma_.lower()
    kids = list(verb.children)
    if lemma in lexicon.labelling:
        labels = [c for c in kids if c.dep_ in ("oprd", "xcomp", "acomp", "ccomp", "npadvmod")]
        labels += [g for c in kids if c.dep_ == "prep" and c.lower_ == "as" for g in c.children
                   if g.dep_ == "pobj"]  # fmt: skip
        for target in (c for c in kids if c.dep_ == "dobj"):
            for label in labels:
                yield target, label
    elif lemma in lexicon.saying:
        for clause in kids:
            if clause.dep_ != "ccomp" or clause.lemma_ != "be" or _negated(clause):
                continue
            if _hypothetical(clause, lexicon):
                continue
            subjects = [c for c in clause.children if c.dep_ == "nsubj"]
            for label in (c for c in clause.children if c.dep_ in ("acomp", "attr")):
                for target in subjects:
                    yield target, label


def _verdicts(
    sentence: Span, mentions: Sequence[Span], lexicon: RelationLexicon
) -> Iterator[Found]:
    """A labels or judges B: "A called B 'naive beyond belief'", "A said B is 'absolutely
    right'"; the label's verdict (`verdict_words`, else its VADER tone) gives the polarity."""
    for verb in sentence:
        if verb.pos_ != "VERB" or _negated(verb) or _hypothetical(verb, lexicon):
            continue
        holders = [c for c in verb.children if c.dep_ == "nsubj"]
        if not holders:
            continue
        for target, label in _verdict_arguments(verb, lexicon):
            polarity = _verdict(label, lexicon)
            if not polarity:
                continue
            for a in mentions:
                if not any(_holds(h, a) for h in holders):
                    continue
                for b in mentions:
                    if b is not a and b.start != a.start and _holds(target, b):
                        kind = "praise" if polarity > 0 else "criticise"
                        yield Found(a, b, kind, polarity, verb)


def _subject_verb(span: Span, lexicon: RelationLexicon) -> Token | None:
    """The verb whose subject phrase holds the mention (told as fact, not negated), or None."""
    for i in sorted(_phrase_heads(span, OWN_PHRASE)):
        tok = span.doc[i]
        verb = tok.head
        if tok.dep_ == "nsubj" and verb.pos_ == "VERB":
            if _negated(verb) or _hypothetical(verb, lexicon):
                return None
            return verb
    return None


def _said_of(verb: Token, span: Span, lexicon: RelationLexicon) -> bool:
    """Whether the mention is what `verb` acts on (its object, dative or prepositional object
    phrase) or, for a saying verb, stands in the clause it reports."""
    heads = _phrase_heads(span)
    for i in heads:
        arg = span.doc[i]
        if arg.dep_ == "pobj" and arg.head.dep_ == "prep":
            arg = arg.head
        if arg.head == verb and arg.dep_ in ("dobj", "dative", "prep"):
            return True
    if verb.lemma_.lower() not in lexicon.saying:
        return False
    for i in _phrase_heads(span, OWN_PHRASE):  # the subject of the clause it reports
        subject = span.doc[i]
        clause = subject.head
        if (
            subject.dep_ in ("nsubj", "nsubjpass")
            and clause.head == verb
            and clause.dep_ == "ccomp"
            and clause.i > verb.i  # "A warned that B ...", not "..., said A"
            and not _negated(clause)
        ):
            return True
    return False


def _by_tone(mentions: Sequence[Span], lexicon: RelationLexicon) -> Iterator[Found]:
    """A → B where no cue links them: A is the subject of a verb that acts on B ("Brazilian
    courts barred Temer") or that reports a clause about B ("Netanyahu warned that Iran can't be
    trusted"); the tone model's reading of B decides, when confident enough."""
    from detente.signals.tone import target_tone
    from detente.signals.tone_features import vader

    sentence_vader: float | None = None
    for a in mentions:
        verb = _subject_verb(a, lexicon)
        if verb is None:
            continue
        for b in mentions:
            if b is a or b.start == a.start or not _said_of(verb, b, lexicon):
                continue
            if sentence_vader is None:  # once per sentence, and only when needed
                sentence_vader = vader(b.sent.text)
            said = target_tone(b, sentence_vader)
            if said.label != "neutral" and said.confidence >= lexicon.tone_confidence:
                yield Found(a, b, "tone", 1 if said.label == "positive" else -1, verb)


NON_STATE = frozenset({"IGO", "NGO", "MNC", "IMG", "UIS", "NGM"})
"""Code prefixes that name no country: relations of two such actors are never merged."""


def side(code: str, person: str | None, text: str) -> str:
    """Who a party of a relation is, for merging: the person; else the country of a state
    actor's code (Russia and its government are one side); else the code; else the text."""
    if person:
        return person
    if len(code) >= 3 and code[:3].isalpha() and code[:3] not in NON_STATE:
        return code[:3]
    return code or text.lower()


def directed_relations(
    article: Sequence[Unit], mentions: Sequence[Mention], events: Sequence[Event] = ()
) -> list[Relation]:
    """The relations between the mentions (linked or not) of each sentence of the article, with
    the sentence as evidence (document character offsets); one per (holder side, target side,
    cue), no actor related to itself; then the stance events of `events` (CAMEO codes of
    `event_kinds`: praise, criticism, accusation) that no cue found."""
    out: list[Relation] = []
    seen: set[tuple[int, str, str, int]] = set()
    for unit in article:
        by_sentence: dict[int, list[tuple[Span, Mention]]] = defaultdict(list)
        for m in mentions:
            if m.segment != unit.segment:
                continue
            span = unit.doc.char_span(m.start - unit.offset, m.end - unit.offset, "expand")
            if span is not None:
                by_sentence[span.sent.start].append((span, m))
        for pairs in by_sentence.values():
            if len({span.start for span, _ in pairs}) < 2:
                continue
            linked: dict[int, Mention] = {}
            for span, m in pairs:  # of two mentions of one span, the linked one
                if span.start not in linked or not linked[span.start].actor_code:
                    linked[span.start] = m
            sent = pairs[0][0].sent
            start, end = unit.offset + sent.start_char, unit.offset + sent.end_char
            for f in find_relations(sent, [span for span, _ in pairs]):
                a, b = linked[f.holder.start], linked[f.target.start]
                key = (start, side(a.actor_code, a.person, a.text),
                       side(b.actor_code, b.person, b.text), f.polarity)  # fmt: skip
                if key[1] == key[2] or key in seen:
                    continue
                seen.add(key)
                out.append(Relation(
                    segment=unit.segment, source_text=a.text, source_code=a.actor_code,
                    target_text=b.text, target_code=b.actor_code, kind=f.kind,
                    polarity=f.polarity, cue=f.cue.text,
                    evidence=Evidence(start=start, end=end, text=unit.text_at(
                        sent.start_char, sent.end_char)),
                ))  # fmt: skip
    return out + _event_relations(events, seen)


def _event_relations(
    events: Sequence[Event], seen: set[tuple[int, str, str, int]]
) -> list[Relation]:
    """Relations from the coder's stance events (praise, criticism, accusation) told as fact
    or report, asserted, not background, between two actors no cue already related there."""
    lexicon = load_relation_lexicon()
    out = []
    for e in events:
        kind = lexicon.event_kinds.get(e.cameo) or lexicon.event_kinds.get(e.cameo[:3])
        if kind is None or not e.source or not e.target or e.background:
            continue
        if e.polarity != "asserted" or e.modality not in ("factual", "reported"):
            continue
        spec = next(c for c in lexicon.cues.values() if c.kind == kind)
        key = (e.evidence.start, side(e.source, e.source_person, e.source),
               side(e.target, e.target_person, e.target), spec.polarity)  # fmt: skip
        if key[1] == key[2] or key in seen:
            continue
        seen.add(key)
        out.append(Relation(
            segment=e.segment, source_text=e.source_name or e.source, source_code=e.source,
            target_text=e.target_name or e.target, target_code=e.target, kind=kind,
            polarity=spec.polarity, cue=e.trigger, evidence=e.evidence,
        ))  # fmt: skip
    return out
