"""What a sentence asserts of an event: the word classes of `lexicon/assertion.yaml` and the
tests over the parse that apply them.

The coder asks them whether an event is told as a fact, an intent, a guess or a denial
(`modality_of`, with the speaker of a reported event), whether it is negated (`negated`,
`refusing_aux`), and whether a governing word (a collapse, a rejection, an attitude) cancels the
event it is about (`cancelled`); conditions, questions and quotation marks are read here too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from functools import cache, lru_cache
from importlib import resources

import yaml
from spacy.tokens import Span, Token

from detente.events.cameo import CodebookError
from detente.events.grammar import Predicate, to_clause
from detente.events.lemmas import lemma_in
from detente.events.scope import judged_fact, modal_chain
from detente.parse.index import SUBJECTS, MentionIndex, first
from detente.parse.verbs import REPORTING
from detente.yamlfiles import load_yaml


@dataclass(frozen=True)
class Assertion:
    """One frozenset of lower-case lemmas (or "verb particle" pairs) per class of the file."""

    intent_verbs: frozenset[str]
    future_heads: frozenset[str]
    hypothetical_heads: frozenset[str]
    intent_nouns: frozenset[str]
    appeal_nouns: frozenset[str]
    refusal_nouns: frozenset[str]
    claim_nouns: frozenset[str]
    hypothetical_aux: frozenset[str]
    mandative_heads: frozenset[str]
    obligation_aux: frozenset[str]
    future_aux: frozenset[str]
    future_in_past_heads: frozenset[str]
    conditional_marks: frozenset[str]
    inverted_conditional: frozenset[str]
    attitude_verbs: frozenset[str]
    believed_passives: frozenset[str]
    reported_passives: frozenset[str]
    be_to_idioms: frozenset[str]
    rumour: frozenset[str]
    negations: frozenset[str]
    not_only: frozenset[str]
    negating_verbs: frozenset[str]
    negative_subjects: frozenset[str]
    negative_determiners: frozenset[str]
    refusing_aux: frozenset[str]
    denial_verbs: frozenset[str]
    collapse_verbs: frozenset[str]
    collapse_nouns: frozenset[str]
    attitude_nouns: frozenset[str]
    adopting_verbs: frozenset[str]
    stopping_verbs: frozenset[str]
    occasion: frozenset[str]
    fact_marks: frozenset[str]
    copulas: frozenset[str]
    open_words: frozenset[str]
    blame_words: frozenset[str]
    praise_words: frozenset[str]
    failing_verbs: frozenset[str]
    failed_outcomes: frozenset[str]
    free_choice: frozenset[str]


@cache
def load_assertion() -> Assertion:
    """The word classes of `events/lexicon/assertion.yaml`.

    Raises CodebookError naming the file when a class is missing or is not a list of words.
    """
    where = "events/lexicon/assertion.yaml"
    text = resources.files("detente.events").joinpath("lexicon/assertion.yaml").read_text("utf-8")
    try:
        data = load_yaml(text) or {}
    except yaml.YAMLError as exc:
        raise CodebookError(f"{where}: not valid YAML ({exc})") from exc
    classes: dict[str, frozenset[str]] = {}
    for f in fields(Assertion):
        words = data.get(f.name)
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            raise CodebookError(f"{where}: {f.name} must be a list of words in quotes or plain")
        classes[f.name] = frozenset(w.lower() for w in words)
    return Assertion(**classes)


# the word classes, loaded once for the functions below and the coder
SAYS = load_assertion()
QUOTES = '"“”«»'


def modality_of(predicate: Predicate, sent: Span, actors: MentionIndex) -> tuple[str, str | None]:
    """How the sentence tells the predicate: `hypothetical` (a question, a condition, could /
    might, feared or judged likely), `intent` (planned, hoped, offered, proposed), `future`
    (will, going to, a headline's "X to visit Y"), `reported` (said, quoted, according to,
    reportedly) or `factual`; with the speaker's actor code when someone reports it."""
    reported, speaker = _reported(predicate, sent, actors)
    head = predicate.head
    chain = modal_chain(head, SAYS.fact_marks)  # not "would be decades [before] they agreed"
    if predicate.nominal and judged_fact(predicate.token, head, SAYS.copulas, SAYS.open_words):
        chain = []  # "American commitments to Europe may be most questionable": they exist
    auxes = {c.lower_ for t in chain for c in t.children if c.dep_ in ("aux", "auxpass")}
    auxes |= {t.lower_ for t in chain[1:] if t.tag_ == "MD"}  # "[ought] to halt" parsed as a verb
    if "would" in auxes and _says_it_would(head, actors):
        auxes = (auxes - {"would"}) | {"will"}  # "said it would withdraw": reported, to come
    if (
        _question(sent)  # also a quoted question
        or auxes & SAYS.hypothetical_aux
        or any(_conditional(t) for t in chain)
        or _believed(head)
        or mandative_clause(head)
        or unsaid(head)
    ):
        return "hypothetical", speaker
    to = any(c.dep_ == "aux" and c.lower_ == "to" for c in head.children)
    governor = head.head if head.dep_ in ("xcomp", "advcl", "acl", "ccomp") else None
    raised = _raising_passive(governor) if to and governor is not None else None
    if raised == "believed":
        return "hypothetical", speaker  # "are thought to support"
    if raised == "reported":
        return "reported", speaker  # "is said to have met"
    if to and governor is not None:
        if lemma_in(governor, SAYS.hypothetical_heads):
            return "hypothetical", speaker  # "is likely to attack"
        if governor.lemma_ == "be" and any(
            c.dep_ in SUBJECTS and lemma_in(c, SAYS.intent_nouns) for c in governor.children
        ):
            return "intent", speaker  # "Russia's aim was to capture Kyiv"
        if lemma_in(governor, SAYS.future_heads) and not lemma_in(head, SAYS.be_to_idioms):
            return "future", speaker  # "is going to visit", "are to discuss"
        intents = SAYS.intent_nouns if governor.pos_ == "NOUN" else SAYS.intent_verbs
        if lemma_in(governor, intents):
            return "intent", speaker  # "agreed to meet", "hopes to mesh", "a plan to annex"
    if not predicate.nominal and intent_noun(head) is not None:
        return "intent", speaker  # "has no intention of lifting"
    if predicate.nominal and _about(predicate.token, SAYS.intent_nouns, ("for", "of")):
        return "intent", speaker  # "plans for an offensive"
    if auxes & SAYS.future_aux or (to and _headline_infinitive(head)):
        return "future", speaker  # "will visit"; a headline's "Putin to visit Pyongyang"
    return ("reported" if reported else "factual"), speaker


def _says_it_would(verb: Token, actors: MentionIndex) -> bool:
    """Whether a "would" clause tells what its speaker said it is to do ("Ethiopia said [it]
    would allow", "the EU announced it would hold talks"): its subject is a pronoun or the
    speaker's own actor. What others would do ("analysts said Russia would attack") stays a
    guess."""
    if verb.dep_ != "ccomp" or not lemma_in(verb.head, SAYS.future_in_past_heads):
        return False
    own = [c for c in verb.children if c.dep_ in SUBJECTS]
    if own and own[0].lower_ in ("it", "they", "he", "she", "we", "i"):
        return True
    speakers = {m.actor_code for m in actors.subject(verb.head)}
    return bool(speakers & {m.actor_code for m in actors.subject(verb)})


def _reported(predicate: Predicate, sent: Span, actors: MentionIndex) -> tuple[bool, str | None]:
    """Whether someone is reported saying the predicate, and who (an actor code or None)."""
    head = predicate.head
    speaker: str | None = None
    reported = False
    below = head
    for ancestor in head.ancestors:  # "X said [that Y attacked Z]": Y's attack is reported
        if ancestor.lemma_.lower() in REPORTING and below.dep_ in ("ccomp", "parataxis"):
            reported = True
            said_by = first(actors.subject(ancestor))
            speaker = said_by.actor_code if said_by else speaker
            break
        below = ancestor
    according = (
        next(t for t in sent if t.lower_ == "according") if "according" in _words(sent) else None
    )
    if according is not None:
        reported = True
        source = first(actors.after(according, ("to",), deep=True))
        speaker = source.actor_code if source else speaker
    if _quoted(predicate.token, sent):
        reported = True
        if speaker is None:
            said_by = first(actors.subject(sent.root)) if sent.root.lemma_ in REPORTING else None
            speaker = said_by.actor_code if said_by else actors.last_speaker
    if _words(sent) & SAYS.rumour or claimed(head):
        reported = True
    return reported, speaker


def refusing_aux(predicate: Predicate) -> bool:
    """Whether a negated clause is told with "would not" and no condition or question."""
    head = predicate.head
    auxes = {c.lower_ for c in head.children if c.dep_ in ("aux", "auxpass")}
    return (
        bool(auxes & SAYS.refusing_aux)
        and not auxes & (SAYS.hypothetical_aux - SAYS.refusing_aux)
        and not _conditional(head)
        and not _question(head.sent)
    )


def _raising_passive(governor: Token) -> str | None:
    """ "believed" or "reported" when a "to" clause hangs from a passive of belief or report
    ("are thought to [support]", "is said to [have met]"), else None."""
    if governor.tag_ != "VBN" or not any(c.dep_ == "auxpass" for c in governor.children):
        return None
    if lemma_in(governor, SAYS.believed_passives):
        return "believed"
    return "reported" if lemma_in(governor, SAYS.reported_passives) else None


def mandative_clause(verb: Token) -> bool:
    """Whether a clause is the bare-form content of a demand ("insisted that Ukraine [withdraw]"):
    a verb in the bare form with its own subject and no auxiliary, completing a mandative verb;
    or a clause whose subject must or ought to act ("said Israel must end ...")."""
    if verb.dep_ != "ccomp":
        return False
    subjects = [c for c in verb.children if c.dep_ in SUBJECTS]
    auxes = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if auxes & SAYS.obligation_aux or (verb.tag_ == "MD" and verb.lower_ in SAYS.obligation_aux):
        return bool(subjects)  # "said Israel must end ...", "said Israel [ought] to end ..."
    if auxes or not lemma_in(verb.head, SAYS.mandative_heads):
        return False
    # the bare form, a plural-looking present with a singular subject ("Tehran release"), or a
    # present under a past or ongoing demand ("have been demanding that police release")
    return bool(subjects) and (
        verb.tag_ == "VB"
        or (verb.tag_ == "VBP" and subjects[0].tag_ in ("NN", "NNP"))
        or (verb.tag_ == "VBP" and verb.head.tag_ in ("VBD", "VBG", "VBN"))
    )


def _headline_infinitive(verb: Token) -> bool:
    """Whether a "to" verb is a headline's main verb ("Putin to visit Pyongyang", which the
    parser may hang from the subject: "Xi [to meet] Biden")."""
    if verb.dep_ == "ROOT":
        return True
    return verb.dep_ in ("relcl", "acl") and verb.head.dep_ == "ROOT" and verb.head.pos_ == "PROPN"


def _conditional(verb: Token) -> bool:
    """Whether a clause is a condition ("if Iran attacks", "should Hamas release ...") or is
    conditioned by one ("[if Iran attacks,] Israel would respond")."""
    if _condition(verb):
        return True
    return any(c.dep_ == "advcl" and _condition(c) for c in verb.children)


def _condition(verb: Token) -> bool:
    marks = [c for c in verb.children if c.dep_ == "mark"]
    if any(m.lower_ in SAYS.conditional_marks for m in marks):
        return True
    subjects = [c.i for c in verb.children if c.dep_ in SUBJECTS]
    return verb.dep_ == "advcl" and any(  # "Should Hamas release the hostages, ..."
        c.dep_ in ("aux", "auxpass") and c.lower_ in SAYS.inverted_conditional
        and subjects and c.i < min(subjects)
        for c in verb.children
    )  # fmt: skip


def _believed(verb: Token) -> bool:
    """Whether a clause is what someone fears, suspects or doubts ("Kyiv fears that Moscow will
    attack", "the fear that Moscow will attack")."""
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return False  # "a threat to impose sanctions" is an intent (`modality_of`)
    below = verb
    for ancestor in list(verb.ancestors)[:3]:
        if below.dep_ not in ("ccomp", "acl", "xcomp", "advcl", "conj"):
            return False
        if lemma_in(ancestor, SAYS.attitude_verbs | SAYS.attitude_nouns):
            return True
        below = ancestor
    return False


def _about(noun: Token, nouns: frozenset[str], preps: Sequence[str]) -> bool:
    """Whether an event noun is what a noun of a class is about, through one of `preps` ("the
    collapse [of] the truce", "anger [over] sanctions") or as its possessor ("the truce's
    collapse")."""
    if noun.dep_ == "poss":
        return lemma_in(noun.head, nouns)
    prep = noun.head
    return (
        noun.dep_ == "pobj"
        and prep.lower_ in preps
        and prep.head.pos_ in ("NOUN", "PROPN")
        and lemma_in(prep.head, nouns)
    )


def cancelled(noun: Token) -> bool:
    """Whether an event noun is told as not holding ("the ceasefire collapsed", "talks broke
    down", "the collapse of the truce", "halted its offensive") or only as the object of an attitude ("deep resentment
    of Washington's sanctions", "fear of an invasion"): then it is no event at all."""
    subject = noun
    while subject.dep_ == "conj" and subject.head != subject:
        subject = subject.head
    if subject.dep_ in SUBJECTS and lemma_in(subject.head, SAYS.collapse_verbs):
        return True
    if subject.dep_ == "dobj" and lemma_in(subject.head, SAYS.stopping_verbs):
        return True  # "ceased its military operations": the stop is the event
    preps = ("of", "in", "to", "over", "at", "about", "toward", "towards", "against", "with", "on")
    return _about(noun, SAYS.collapse_nouns | SAYS.attitude_nouns, preps)


def occasion(noun: Token) -> bool:
    """An event noun that sets the scene of the news ("during talks", "after a meeting")."""
    return noun.dep_ == "pobj" and noun.head.lower_ in SAYS.occasion


def negated(verb: Token, token: Token | None = None) -> bool:
    """Whether a clause verb (or the event noun `token` it carries) is negated: "did not meet",
    "failed to reach", "declined to attend", "imposed no sanctions", "stopped short of
    condemning", "has yet to respond", "None of the members sent", "Neither Russia nor China
    condemned", "had no plans to send", "has no intention of lifting"."""
    if (
        token is not None
        and token != verb
        and any(c.dep_ in ("det", "neg") and c.lower_ in SAYS.negations for c in token.children)
    ):
        return True
    if negative_subject(verb) or _negated_intent(verb):
        return True
    governor = governing_verb(verb) if verb.dep_ == "pcomp" else None
    if governor is not None and lemma_in(governor, SAYS.negating_verbs):
        return True  # "stopped short of [condemning]", "refrained from [criticising]"
    chain = [verb, *(a for a in verb.ancestors if verb.dep_ in ("xcomp", "ccomp"))][:2]
    if _own_clause(verb):
        chain = [verb]  # "did not say that Russia [attacked]": not denied, only not said
    for t in chain:
        if any(
            (c.dep_ == "neg" or c.lower_ in SAYS.negations) and not _adding(c)
            for c in t.children
            if c.dep_ != "pobj"
        ):
            return True
        if t != verb and lemma_in(t, SAYS.negating_verbs):
            return True
    return False


def _own_clause(verb: Token) -> bool:
    """Whether a verb heads a that- or whether-clause with a subject of its own."""
    return verb.dep_ == "ccomp" and any(c.dep_ in SUBJECTS for c in verb.children)


def unsaid(verb: Token) -> bool:
    """Whether a clause is what someone does not say, confirm or know ("the Pentagon isn't
    saying if the US [struck]", "did not confirm that its forces [captured]", "it is not clear
    that Iran [supplied]"): neither asserted nor denied, so hypothetical."""
    return _own_clause(verb) and any(
        c.dep_ == "neg" or c.lower_ in SAYS.negations for c in verb.head.children
    )


def _adding(negation: Token) -> bool:
    """Whether a negation leads "not only ... but" (`not_only`): it adds, it does not deny."""
    doc = negation.doc
    return negation.i + 1 < len(doc) and doc[negation.i + 1].lower_ in SAYS.not_only


def negative_subject(verb: Token) -> bool:
    """Whether a verb's own subject denies it any doer: "None of the members", "Neither Russia
    nor China", "No country" (`negative_subjects`, `negative_determiners`)."""
    for subject in (c for c in verb.children if c.dep_ in SUBJECTS):
        if subject.lower_ in SAYS.negative_subjects:
            return True
        if any(
            c.dep_ in ("det", "preconj", "predet") and c.lower_ in SAYS.negative_determiners
            for c in subject.children
        ):
            return True
    return False


def intent_noun(verb: Token) -> Token | None:
    """The intent noun whose "to" clause or "of" complement a verb is ("plans [to send]",
    "the intention of [lifting]"), or None."""
    if to_clause(verb):
        noun = verb.head
    elif verb.dep_ == "pcomp" and verb.head.lower_ == "of":
        noun = verb.head.head
    else:
        return None
    return noun if noun.pos_ == "NOUN" and lemma_in(noun, SAYS.intent_nouns) else None


def _negated_intent(verb: Token) -> bool:
    """Whether a verb is what an intent noun denies: "had no plans to [send]", "has no intention
    of [lifting]"."""
    noun = intent_noun(verb)
    return noun is not None and any(
        c.dep_ in ("det", "neg") and c.lower_ in SAYS.negations for c in noun.children
    )


def governing_verb(verb: Token) -> Token | None:
    """The verb a prepositional complement hangs from ("stopped short of [condemning]"), within
    three steps up, or None."""
    for ancestor in list(verb.ancestors)[:3]:
        if ancestor.pos_ in ("VERB", "AUX"):
            return ancestor
    return None


def claimed(verb: Token) -> bool:
    """Whether a verb's clause is what a claim noun says ("claims [that it sheltered] ...")."""
    return verb.dep_ in ("acl", "ccomp", "appos") and lemma_in(verb.head, SAYS.claim_nouns)


@lru_cache(maxsize=256)
def _text(sent: Span) -> str:
    """A sentence's text, built once per sentence (spaCy joins its tokens at every `.text`)."""
    return sent.text


@lru_cache(maxsize=256)
def _words(sent: Span) -> frozenset[str]:
    """The lower-cased words of a sentence, once per sentence."""
    return frozenset(t.lower_ for t in sent)


def _question(sent: Span) -> bool:
    """Whether a sentence is a question (a quoted one too)."""
    return _text(sent).rstrip().rstrip(QUOTES + "'’").endswith("?")


def _quoted(token: Token, sent: Span) -> bool:
    """Whether a word lies inside quotation marks of its sentence."""
    before = _text(sent)[: token.idx - sent.start_char]
    opened = sum(before.count(q) for q in "“«") - sum(before.count(q) for q in "”»")
    straight = before.count('"') % 2 == 1
    return opened > 0 or straight


def free_choice(noun: Token) -> bool:
    """Whether an event noun is one that may come, none made: "will retaliate against [any]
    attack", "whatever sanctions" (`free_choice`)."""
    return any(c.lower_ in SAYS.free_choice for c in noun.lefts)
