"""Who holds and who is the target of a relation cue in a parsed sentence: the cue's arguments by
its part of speech, pronoun holders, the noun phrases a mention stands inside, and whether a cue
is told as a possibility or negated."""

from __future__ import annotations

from spacy.tokens import Token

from detente.signals.relation_lexicon import RelationLexicon

LINKS = frozenset({"compound", "flat", "appos", "conj", "cc", "amod", "det", "poss", "case",
                   "nummod", "punct", "nmod"})  # fmt: skip
"""Dependencies that keep a word inside the noun phrase of its head (climbing from a mention)."""


def cue_arguments(
    cue: Token, lexicon: RelationLexicon, skip: frozenset[str] = frozenset()
) -> tuple[list[Token], list[Token]]:
    """The holder and target argument heads of a cue word, by its part of speech; `skip`: the
    prepositions read as cues of their own ("stood against B" is no support)."""
    if cue.pos_ != "VERB":
        return noun_cue_arguments(cue, lexicon)
    targets: list[Token] = []
    kids = list(cue.children)
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in kids)
    passive = passive or (cue.tag_ == "VBN" and any(c.dep_ == "agent" for c in kids))
    for c in kids:
        if c.dep_ == "nsubjpass":
            targets.append(c)
        elif c.dep_ in ("dobj", "dative", "attr"):
            targets.append(c)
            targets += possessors(c)
        elif c.dep_ == "prep" and c.lower_ in lexicon.target_preps and c.lower_ not in skip:
            targets += [g for g in c.children if g.dep_ == "pobj"]
        elif c.dep_ in ("ccomp", "xcomp") and cue.lemma_ in lexicon.control:
            infinitive = any(g.lower_ == "to" for g in c.children)  # "A trusts B to act"
            targets += [g for g in c.children if g.dep_ == "nsubj" and infinitive]
    holders = verb_holders(cue, kids, passive, lexicon)
    if passive and not any(t.dep_ == "nsubjpass" for t in targets):
        targets += _passive_subjects(cue)
    if cue.dep_ == "acl" and passive:  # "B, praised by A,"
        targets.append(cue.head)
    if cue.dep_ == "relcl":  # "B, whom A attacked": the relative word stands for B
        targets += [cue.head for t in targets if t.tag_ in ("WP", "WDT")]
        relative = any(c.dep_ == "nsubj" and c.lower_ in RELATIVE for c in kids)
        if not targets and not passive and not relative and cue.head.pos_ in NOMINAL:
            targets.append(cue.head)  # "someone A respects": the object left unsaid is B
    return holders, targets


def possessors(noun: Token) -> list[Token]:
    """Who a noun is of: its possessor, also where the parser calls it a modifier with a
    possessive ending ("Trump’s attacks" with a curly apostrophe is often read so)."""
    return [c for c in noun.children if c.dep_ == "poss"
            or (c.dep_ == "nmod" and any(g.dep_ == "case" for g in c.children))]  # fmt: skip


NOMINAL = frozenset({"NOUN", "PROPN", "PRON"})
RELATIVE = frozenset({"who", "which", "that", "whom"})


def verb_holders(
    cue: Token, kids: list[Token], passive: bool, lexicon: RelationLexicon
) -> list[Token]:
    """Who holds a verb cue: its subject, its agent ("praised by A"), the subject it borrows
    from the verb it completes ("came to praise B", ", accusing B", "after praising B"), the
    object of a verb that judges it ("criticised A for attacking B"), the noun a relative clause
    hangs on ("A, who accused B"), or the signer of what an "-ing" clause describes."""
    holders = [c for c in kids if c.dep_ == "nsubj"]
    if passive:
        holders += [g for c in kids if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    if holders and cue.dep_ == "relcl" and all(h.lower_ in RELATIVE for h in holders):
        return [cue.head]
    head = cue.head
    if not holders and cue.dep_ == "pcomp" and head.dep_ == "prep":
        prep = head.lower_
        head = head.head
        if head.pos_ not in VERBAL:
            return holders
        if prep in lexicon.object_preps:  # "skewered A for attacking B"
            return [c for c in head.children if c.dep_ in ("dobj", "nsubjpass")]
        if prep in lexicon.subject_preps:  # "by accusing B", "after praising B"
            holders += [c for c in head.children if c.dep_ == "nsubj"]
    elif not holders and cue.dep_ in ("xcomp", "conj", "advcl"):
        holders += _borrowed_subjects(cue, lexicon)
    elif not holders and cue.dep_ == "acl" and not passive:  # "signed a letter condemning B"
        holders.append(cue.head)
        holders += [c for c in cue.head.head.children if c.dep_ == "nsubj"]
    return holders


VERBAL = frozenset({"VERB", "AUX"})
BORROWING = frozenset({"xcomp", "conj", "advcl"})


def _borrowed_subjects(cue: Token, lexicon: RelationLexicon) -> list[Token]:
    """The subject a verb without one shares with the verbs it completes, up to three clauses
    up: "came to praise B", "refusing to back C but endorsing B", "A was quick to condemn B".
    The subject, not an object, also where one would do it: "A urged fans to boycott B" and "A
    used a rally to praise B" are A's stance."""
    tok = cue
    for _ in range(3):
        if tok.dep_ not in BORROWING or tok.head == tok:
            return []
        head = tok.head
        if tok.dep_ == "xcomp" and head.dep_ == "acomp" and head.lemma_ in lexicon.keen:
            head = head.head  # "A was quick to condemn B", "A is eager to back B"
        if head.pos_ not in VERBAL:
            return []
        subjects = [c for c in head.children if c.dep_ == "nsubj"]
        if subjects:
            return subjects
        tok = head
    return []


def agent_arguments(noun: Token, lexicon: RelationLexicon) -> tuple[list[Token], list[Token]]:
    """The holder and target of an agent noun: its possessor, "of"/"to" object or, failing
    those, a name before it is the target ("Trump's critics", "a critic of Trump", "Trump
    critics"); the one it is said of holds it ("Donohoe, a Peta supporter", "Putin ally
    Medvedev", "Graham is a Trump critic", "critics including Henderson", "Republican
    critics")."""
    kids = list(noun.children)
    targets = possessors(noun)
    targets += [g for c in kids if c.dep_ == "prep" and c.lower_ in ("of", "to")
                for g in c.children if g.dep_ == "pobj"]  # fmt: skip
    names = [
        c for c in kids if c.dep_ == "compound" and (c.ent_type_ in NAMED or c.pos_ == "PROPN")
    ]
    holders = [c for c in kids if c.dep_ == "amod" and c.ent_type_ in NAMED]
    if targets:
        holders += names  # "GOP critics of Trump"
    else:
        targets = names
    holders += [c for c in kids if c.dep_ == "appos"]
    holders += [g for c in kids if c.dep_ == "prep" and c.lower_ in ("including", "like")
                for g in c.children if g.dep_ == "pobj"]  # fmt: skip
    return holders + _said_of(_agent_anchor(noun)), targets


def _agent_anchor(noun: Token) -> Token:
    """Where an agent noun stands for its holder: itself, or the word it counts among ("one of
    Trump's staunchest supporters", "some of his critics")."""
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ in ("NUM", "PRON", "ADJ"):
        return head.head
    return noun


def _said_of(anchor: Token) -> list[Token]:
    """Who a noun is said of: the name it is in apposition to or modifies ("Donohoe, a Peta
    supporter", "Putin ally Medvedev"), the subject it is predicated of ("Graham is a Trump
    critic", "emerged as one of his supporters"), or the subject of a verb it stands among."""
    head = anchor.head
    if anchor.dep_ in ("appos", "compound") and head.pos_ in NOMINAL and head != anchor:
        return [head]
    if anchor.dep_ == "pobj" and head.lower_ in ("as", "among"):
        anchor, head = head, head.head  # "emerged as one of B's allies", "is among B's critics"
    if anchor.dep_ in ("attr", "prep", "oprd") and head.pos_ in VERBAL:
        return [c for c in head.children if c.dep_ == "nsubj"]
    return []


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
        holders += [
            g
            for c in kids
            if c.dep_ == "prep" and c.lower_ == "of"
            for g in c.children
            if g.dep_ == "pobj"
        ]  # fmt: skip  ("B needs the support of A")
        # "B won praise from A": the receiver is the target; without "from A" there is no
        # holder ("the Greens won more support than the Finns")
        return holders, [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
    holders += possessors(cue)
    if not holders:  # "US support for Riyadh", "Russian criticism of Kyiv"
        holders += [c for c in kids if c.dep_ in ("compound", "amod")
                    and (c.ent_type_ in NAMED or c.pos_ == "PROPN")]  # fmt: skip
    for c in kids:
        if c.dep_ == "prep" and c.lower_ in lexicon.target_preps:
            targets += [g for g in c.children if g.dep_ == "pobj"]
        elif c.dep_ in ("acl", "ccomp") and any(m.lower_ == "that" for m in c.children):
            targets += [g for g in c.children if g.dep_ in ("nsubj", "nsubjpass")]  # "the
            # accusation that B had lied"
    if cue.pos_ == "ADJ" and cue.dep_ == "amod" and head.i < cue.i and head.pos_ in NOMINAL:
        holders.append(head)  # "a report critical of B", "officials hostile to B"
        if head.dep_ == "dobj":  # "released a report critical of B": the one who released it
            holders += [c for c in head.head.children if c.dep_ == "nsubj"]
    if cue.dep_ == "pobj" and head.lower_ == "with" and head.head.pos_ in VERBAL:
        targets += [c for c in head.head.children if c.dep_ == "dobj"]  # "treated B with scorn"
    if cue.dep_ == "dobj" and head.pos_ == "VERB":  # "expressed support for B", "praise on B"
        targets += [g for c in head.children if c.dep_ == "prep" and c.lower_ in
                    lexicon.target_preps for g in c.children if g.dep_ == "pobj"]  # fmt: skip
        targets += [c for c in head.children if c.dep_ == "dative"]  # "gave B its backing"
    if cue.dep_ == "pobj" and head.lower_ in lexicon.state_preps and head.head.pos_ in VERBAL:
        targets += [c for c in head.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        return holders, targets  # "B remains under investigation by A", "B came under fire"
    if cue.dep_ in ("nsubj", "nsubjpass") and head.lemma_ in lexicon.directing:
        targets += [g for c in head.children if c.dep_ == "prep" and c.lower_ in
                    lexicon.target_preps for g in c.children if g.dep_ == "pobj"]  # fmt: skip
        holders += [
            g for c in head.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"
        ]  # fmt: skip  ("scorn was heaped on B by A")
    timed = cue.dep_ == "pobj" and head.lower_ in lexicon.time_preps  # "after the attack on B"
    if not holders and cue.dep_ in ("dobj", "attr", "acomp", "pobj", "nsubj") and head != cue:
        verb = head.head if cue.dep_ == "pobj" and head.dep_ == "prep" else head
        if cue.dep_ != "nsubj" and not timed:
            holders += [c for c in verb.children if c.dep_ == "nsubj"]
    if cue.dep_ == "appos" or (cue.dep_ == "attr" and head.lemma_ == "be"):
        holders += [c for c in head.children if c.dep_ == "nsubj"] if cue.dep_ == "attr" else [head]
    return _told_around(cue, lexicon, holders, targets)


def _told_around(
    cue: Token, lexicon: RelationLexicon, holders: list[Token], targets: list[Token]
) -> tuple[list[Token], list[Token]]:
    """A noun cue's arguments from the words around it: who made it ("the allegations against
    B made by A", "criticism of B voiced by A"), and who answers it, its target ("B declined to
    respond to A's charges", "B refrained from replying to A's attacks")."""
    holders += [g for c in cue.children if c.dep_ == "acl" and c.tag_ == "VBN"
                for a in c.children if a.dep_ == "agent"
                for g in a.children if g.dep_ == "pobj"]  # fmt: skip
    head = cue.head
    answered = cue.dep_ == "pobj" and head.lower_ == "to" and head.head.lemma_ in lexicon.answering
    if holders and not targets and answered:
        targets += raised_subjects(head.head, climb=frozenset({"xcomp", "pcomp", "conj"}))
    return holders, targets


def _passive_subjects(cue: Token) -> list[Token]:
    """Who a passive cue without a subject of its own is said of: the subject of the clause
    it completes ("B is likely to be praised by A") or of its first conjunct ("B, backed by C but
    opposed by A", "a change that is backed by C but opposed by A")."""
    if cue.dep_ == "xcomp":
        return raised_subjects(cue)
    first = cue.head
    if cue.dep_ != "conj" or first.pos_ != "VERB":
        return []
    shared = [c for c in first.children if c.dep_ == "nsubjpass"]
    if first.dep_ == "acl" or (first.dep_ == "relcl" and any(s.lower_ in RELATIVE for s in shared)):
        return [first.head]
    return shared


def raised_subjects(verb: Token, climb: frozenset[str] = frozenset({"xcomp"})) -> list[Token]:
    """The subject a verb without one takes from the clauses above it, up to three steps through
    `climb` (and an adjective or preposition between): "B is likely to be praised by A", "B is
    expected to be backed by A", "B refrained from responding to A's attacks"."""
    tok = verb
    for _ in range(3):
        own = [c for c in tok.children if c.dep_ in SUBJECTS]
        if own:
            return own
        if tok.dep_ not in climb or tok.head == tok:
            return []
        tok = tok.head
        if tok.dep_ in ("acomp", "prep") and tok.head != tok:
            tok = tok.head  # "is likely to", "refrained from"
    return []


NAMED = frozenset({"NORP", "GPE", "ORG", "PERSON", "LOC", "FAC"})
"""Entity types of a name that modifies a cue noun and holds it ("US support")."""


def resolve_pronouns(holders: list[Token]) -> list[Token]:
    """Holders (or subject targets) with each personal pronoun ("he said he supports B", "his
    support for B", "When Steinem left, she was accused by A") also standing for the subject of
    the nearest clause above it, or of a clause before it that it governs, that is not a
    pronoun."""
    out = list(holders)
    for h in holders:
        if h.pos_ != "PRON" or h.lower_ not in PERSONAL:
            continue
        tok = h.head
        for _ in range(6):
            subject = next((c for c in tok.children if c.dep_ in SUBJECTS and c != h), None)
            if subject is None:  # "When Steinem left, she ...": the clause before it
                subject = next((g for c in tok.children if c.dep_ == "advcl" and c.i < h.i
                                for g in c.children if g.dep_ in SUBJECTS), None)  # fmt: skip
            if subject is not None and subject.pos_ != "PRON":
                out.append(subject)
                break
            if tok.head == tok:
                break
            tok = tok.head
    return out


def resolve_objects(targets: list[Token]) -> list[Token]:
    """What object pronouns among the targets stand for, and possessive ones ("rebuffed his
    approaches"): the subject of the clause above the pronoun's own ("A said B attacked him": A;
    "B's bid stalled, and A endorsed him": B's bid), never the subject its own clause has or shares ("A met B and praised him" gives nothing)."""
    out: list[Token] = []
    for t in targets:
        pronoun = t.lower_ in OBJECTS and t.dep_ in ("dobj", "pobj", "dative")
        if not pronoun and (t.lower_ not in POSSESSIVES or t.dep_ != "poss"):
            continue  # "GM rebuffed his approaches" is against him, as "rebuffed him"
        verb = t.head
        for _ in range(4):  # the pronoun's own clause
            if verb.pos_ in VERBAL or verb.head == verb:
                break
            verb = verb.head
        shared = not any(c.dep_ in SUBJECTS for c in verb.children)
        head = verb.head
        if head == verb or head.pos_ not in VERBAL:
            continue
        subject = next((c for c in head.children if c.dep_ in SUBJECTS), None)
        if subject is not None and not shared and subject.pos_ != "PRON":
            out.append(subject)
    return out


OBJECTS = frozenset({"him", "her", "them"})
POSSESSIVES = frozenset({"his", "her", "their"})
SUBJECTS = frozenset({"nsubj", "nsubjpass"})
PERSONAL = frozenset(
    {"he", "she", "they", "his", "her", "their", "it", "its", "we", "our", "i", "my"}
)  # fmt: skip  ("I" and "my" in a quote: its speaker)


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


def negated(cue: Token, lexicon: RelationLexicon | None = None) -> bool:
    """Whether a cue is negated, itself ("did not praise") or through the verb it completes
    ("did not voice support"), or (with `lexicon`) by a verb that undoes it ("stopped backing
    B": `reversing_verbs`) or a subject that names no one ("nobody praised B", "neither he nor
    his team will help B": `negating_subjects`)."""
    if any(is_negation(c) for c in cue.children):
        return True
    completes = cue.dep_ in ("xcomp", "dobj", "attr", "acomp")
    if completes and any(is_negation(c) for c in cue.head.children):
        return True
    if lexicon is None:
        return False
    if cue.dep_ in ("xcomp", "pcomp", "dobj", "ccomp") and cue.head.lemma_ in lexicon.reversing:
        return True  # "pledged to stop supporting B", "ruled out backing B", "avoided naming B"
    clause = cue.head if completes else cue
    nobody = lexicon.negating_subjects
    for subject in clause.children:
        if subject.dep_ not in SUBJECTS:
            continue
        openers = [c for c in subject.children if c.dep_ in ("det", "preconj")]
        if subject.lower_ in nobody or any(c.lower_ in nobody for c in openers):
            return True
    return False


def is_negation(tok: Token) -> bool:
    """Whether a word negates its head: a `neg` dependent, or an "n't" the parser labels
    otherwise ("didn’t" with a curly apostrophe is often read as a noun)."""
    return tok.dep_ == "neg" or tok.lower_ in NEGATIONS


NEGATIONS = frozenset({"n't", "n’t"})  # not "not": "not only welcomed B" is no negation


def cue_part(tok: Token) -> str | None:
    """The lexicon part a token is looked up as ("verb", "noun", "adjective"), or None."""
    return PARTS.get(tok.pos_)


PARTS = {"VERB": "verb", "NOUN": "noun", "ADJ": "adjective", "ADP": "adjective"}
