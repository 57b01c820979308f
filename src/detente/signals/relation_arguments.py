"""Who holds and who is the target of a relation cue in a parsed sentence: the cue's arguments by
its part of speech, pronoun holders, the noun phrases a mention stands inside, and whether a cue
is told as a possibility or negated."""

from __future__ import annotations

from spacy.tokens import Span, Token

from detente.signals.relation_lexicon import RelationLexicon

LINKS = frozenset({"compound", "flat", "appos", "conj", "cc", "amod", "det", "poss", "case",
                   "nummod", "punct", "nmod"})  # fmt: skip
"""Dependencies that keep a word inside the noun phrase of its head (climbing from a mention)."""


def cue_arguments(cue: Token, lexicon: RelationLexicon) -> tuple[list[Token], list[Token]]:
    """The holder and target argument heads of a cue word, by its part of speech."""
    if cue.pos_ != "VERB":
        return noun_cue_arguments(cue, lexicon)
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


def noun_cue_arguments(cue: Token, lexicon: RelationLexicon) -> tuple[list[Token], list[Token]]:
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


def resolve_pronouns(holders: list[Token]) -> list[Token]:
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


def hypothetical(cue: Token, lexicon: RelationLexicon) -> bool:
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


def negated(cue: Token) -> bool:
    """Whether a cue is negated, itself ("did not praise") or through the verb it completes
    ("did not voice support")."""
    if any(c.dep_ == "neg" for c in cue.children):
        return True
    return cue.dep_ in ("xcomp", "dobj", "attr", "acomp") and any(
        c.dep_ == "neg" for c in cue.head.children
    )


def cue_part(tok: Token) -> str | None:
    """The lexicon part a token is looked up as ("verb", "noun", "adjective"), or None."""
    return {"VERB": "verb", "NOUN": "noun", "ADJ": "adjective", "ADP": "adjective"}.get(tok.pos_)


PHRASE = LINKS | {"poss", "prep", "pobj"}
"""Dependencies that keep a mention inside a larger noun phrase: "Mrs Clinton's advisers", "the
Republican nominee", "the proposals of Republican candidates" speak for the mention."""
OWN_PHRASE = LINKS | {"poss"}
PHRASE_STEPS = 4


def phrase_heads(span: Span, links: frozenset[str] = PHRASE) -> set[int]:
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


def holds(argument: Token, span: Span) -> bool:
    """Whether an argument head is the mention's phrase (the mention, the phrase it heads, or a
    noun phrase it stands inside: "Mrs Clinton's advisers accused Sanders" is Clinton's side)."""
    return span.start <= argument.i < span.end or argument.i in phrase_heads(span)
