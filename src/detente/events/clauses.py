"""Clause shapes the parties finder reads: a condition run into the main clause, a that-clause,
an adverbial participle, a headline's bare passive, an event noun completing a coded verb."""

from __future__ import annotations

from spacy.tokens import Token

from detente.events.assertion import SAYS, intent_noun
from detente.events.cameo import Lexicon
from detente.model import Mention
from detente.parse.index import SUBJECTS, MentionIndex

# The prepositions that give an event noun its target ("an offensive against Ukraine").
AIMED = frozenset({"against", "on", "of", "into", "in", "at", "upon", "toward", "towards"})


def split_condition(verb: Token) -> tuple[Token | None, Token | None]:
    """A parse that ran a leading condition into the main clause: "If Pakistan attacks [India],
    [the United States] will impose" parsed with India the main verb's subject and the United
    States its apposition. For the condition's verb, its object (India); for the main verb, its
    real subject (the United States); (None, None) for every other parse."""
    main = verb.head if verb.dep_ == "advcl" else verb
    condition = next(
        (c for c in main.children if c.dep_ == "advcl" and c.i < main.i and lacks_object(c)), None
    )
    subject = next((c for c in main.children if c.dep_ == "nsubj"), None)
    if condition is None or verb not in (main, condition):
        return None, None
    if subject is None or subject.i != condition.right_edge.i + 1:
        return None, None
    appos = [c for c in subject.children if c.dep_ == "appos" and c.i > subject.i]
    comma = any(t.is_punct for t in subject.doc[subject.i + 1 : appos[0].i]) if appos else False
    if not appos or not comma:
        return None, None
    return (subject, None) if verb == condition else (None, appos[0])


def outside_that_clause(verb: Token, targets: list[Mention], actors: MentionIndex) -> list[Mention]:
    """`targets` less those named in the verb's that-clause ("claimed that [Ukraine] attacked")."""
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    inside = {m.start for c in clauses for t in c.subtree for m in actors.by_token.get(t.i, ())}
    return [t for t in targets if t.start not in inside]


def lacks_object(verb: Token) -> bool:
    """Whether a clause verb lacks its object ("attacks" in "If Pakistan attacks, ...")."""
    return not any(c.dep_ in ("dobj", "attr", "ccomp", "xcomp") for c in verb.children)


def participle_clause(verb: Token) -> bool:
    """A past participle opening an adverbial clause with no subject or auxiliary of its own
    ("If admitted into the EU, Turkey ...", "Asked about the talks, Lavrov said"): passive, the
    main clause's subject undergoes it."""
    return (
        verb.dep_ == "advcl"
        and verb.tag_ == "VBN"
        and not any(c.dep_ in (*SUBJECTS, "aux", "auxpass") for c in verb.children)
    )


def completes_verb(noun: Token, lexicon: Lexicon) -> bool:
    """An event noun in a prepositional object of a coded verb ("agreed to a ceasefire")."""
    return (
        noun.dep_ == "pobj"
        and noun.head.head.pos_ == "VERB"
        and noun.head.head.lemma_.lower() in lexicon.verbs
        and noun.head.lower_ not in SAYS.occasion
    )


def headline_passive(verb: Token) -> bool:
    """Whether a main verb is a headline's passive without its auxiliary ("Two Italians
    abducted in Mali", "Journalists arrested in Minsk"): a participle or past tense with a
    subject, no object and no auxiliary, in a line that ends without a full stop (the tagger
    also calls "protested" in "Pilgrims protested in Cairo." a participle)."""
    if verb.dep_ != "ROOT" or verb.tag_ not in ("VBN", "VBD"):
        return False
    children = list(verb.children)
    if not any(c.dep_ == "nsubj" for c in children) or any(
        c.dep_ in ("aux", "auxpass", "dobj") for c in children
    ):
        return False
    return not verb.sent.text.rstrip().endswith((".", "!", "?", '"', "”"))


def stray_agent(verb: Token, actors: MentionIndex) -> list[Mention]:
    """The "by" agent of a passive verb that the parser hung under a noun or gerund of the verb's
    own prepositional phrase ("was charged with fraud [by prosecutors]", "were accused of spying
    [by the Dutch government]"); [] when there is none. Read only when the verb has no "by"
    agent of its own."""
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ == "by":
            continue
        for obj in prep.children:
            if obj.dep_ in ("pobj", "pcomp"):
                found = actors.after(obj, ("by",))
                if found:
                    return found
    return []


def capacity_noun(noun: Token, capacities: frozenset[str]) -> bool:
    """Whether an event noun names a capacity or a purpose, not an act: the object of a
    to-infinitive that describes a noun ("a headquarters [to run] military operations", "a
    force able to conduct raids") or the object of "for" after a noun ("a cell for military
    operations"); in the parser's other shape, the infinitive's subject or its governing verb's
    object is one of `capacities` (events/data/roles.yaml: "plans a headquarters to run
    operations"). Conjuncts share their first noun's place; a noun with an object of its own
    ("a plan to launch an offensive against Ukraine") is a planned act, not a capacity."""
    if any(c.dep_ == "prep" and c.lower_ in AIMED for c in noun.children):
        return False
    while noun.dep_ == "conj" and noun.head.pos_ in ("NOUN", "PROPN"):
        noun = noun.head
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "for":
        return head.head.pos_ in ("NOUN", "PROPN") and head.dep_ == "prep"
    if noun.dep_ not in ("dobj", "pobj") or head.pos_ not in ("VERB", "AUX"):
        return False
    verb = head if noun.dep_ == "dobj" else head.head
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    if not infinitive:
        return False
    while verb.dep_ == "xcomp" and verb.head.pos_ == "ADJ":
        verb = verb.head  # "a force able to conduct raids"
    if verb.dep_ in ("acl", "relcl", "amod"):
        return verb.head.pos_ in ("NOUN", "PROPN")
    if verb.dep_ not in ("xcomp", "ccomp", "advcl"):
        return False
    # the parser's other shape: "plans a headquarters [to run]", "wants a cell [to run]": the
    # thing named before the infinitive (its object or subject) is what would do it
    doers = [c for c in verb.children if c.dep_ == "nsubj"] or [
        c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i
    ]
    return any(d.pos_ == "NOUN" and d.lemma_.lower() in capacities for d in doers)


def reason_object(verb: Token, verbs: frozenset[str]) -> Token | None:
    """The object that does a "for"/"of" gerund's act under one of `verbs` ("arrested [a man]
    for offering cash", "accused [the law] of attacking", "praised [Japan] for supporting"), or
    None when `verb` is no such gerund."""
    if verb.dep_ != "pcomp" or verb.tag_ != "VBG" or verb.head.lower_ not in ("for", "of"):
        return None
    governor = verb.head.head
    if governor.dep_ == "dobj" and governor.head.lemma_.lower() in verbs:
        return governor  # the parser hung "of attacking" on the object: "accused [the law] of"
    if governor.pos_ not in ("VERB", "AUX") or governor.lemma_.lower() not in verbs:
        return None
    return next((c for c in governor.children if c.dep_ in ("dobj", "nsubjpass")), None)


def purpose_infinitive(verb: Token) -> bool:
    """Whether a verb is a "to" clause telling another act's or a noun's aim: "handed over
    vehicles [to support] health services", "work [to support] Colombia" (advcl, acl); not a
    complement ("pledged to support": xcomp), nor an intent noun's ("its commitment to
    support": `intent_nouns`)."""
    if verb.dep_ not in ("advcl", "acl") or intent_noun(verb) is not None:
        return False
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
