"""The event coder's quick ways of reading a parse give what the plain ways give.

The coder screens words by lemma and part of speech read once per parse, looks a verb's children
over once, keeps a verb's pattern while a parse is coded and caches a word's inflected forms
(`detente bench` must stay at 0.6× bare spaCy or better); each shortcut is checked here against
the plain way it replaced, on sentences written to catch the edges (light and adopting verbs with
conjoined objects, phrasal verbs, "call for X to", mandative clauses, headlines in capitals).
"""

from __future__ import annotations

import pytest
from spacy.tokens import Token

from detente.events.assertion import SAYS
from detente.events.cameo import Lexicon, Pattern
from detente.events.coder import get_coder
from detente.events.grammar import for_to_clause, objects_of, when_phrase
from detente.events.lemmas import lemma_in
from detente.events.patterns import verb_pattern
from detente.events.predicates import _words
from detente.nlp import load_nlp
from detente.parse.index import MentionIndex
from detente.parse.units import text_units

TEXTS = [
    "Russia and China held talks in Beijing on Monday and signed a trade agreement.",
    "The parliament approved a ceasefire and new sanctions against Iran.",
    "The EU called for the embargo to be lifted and urged Turkey to withdraw its troops.",
    "Iran insisted that Israel withdraw from the border, while Egypt backed down.",
    "The United States pulled out of the treaty; France gave up its claim.",
    "PUTIN WARNS FINLAND OVER NATO BASES",
    "Police arrested two protesters after the attack on the embassy in Paris.",
    "Britain adopted a resolution, introduced a bill and finalised a deal with Japan.",
    "Germany is considering sending tanks to Ukraine, officials said.",
    "x",
    "",
]


@pytest.fixture(scope="module")
def parses():
    nlp = load_nlp()
    return [nlp(text) for text in TEXTS]


def _plain_verb_pattern(lexicon: Lexicon, verb: Token) -> Pattern | None:
    """The verb pattern lookup as it was written before its children were read once."""
    from detente.events.assertion import mandative_clause

    patterns = lexicon.verbs.get(verb.lemma_.lower(), [])
    particles = {c.lower_ for c in verb.children if c.dep_ == "prt"}
    preps = {
        c.lower_
        for c in verb.children
        if c.dep_ in ("prep", "agent", "dative", "prt") and not when_phrase(c)
    }
    if any(_plain_for_to(c) for c in verb.children):
        preps.add("for")
    for pattern in patterns:
        if pattern.prt is not None and pattern.prt not in preps:
            continue
        if pattern.prep is not None and pattern.prep not in preps:
            continue
        if pattern.prt is None and particles - {pattern.prep}:
            continue
        if pattern.mandative and not any(mandative_clause(c) for c in verb.children):
            continue
        return pattern
    return None


def _plain_for_to(verb: Token) -> bool:
    marks = {c.lower_ for c in verb.children if c.dep_ == "mark"}
    return "for" in marks and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _plain_lemma_in(token: Token, words: frozenset[str]) -> bool:
    forms = {token.lemma_.lower(), token.lower_}
    low = token.lower_
    for suffix, repl in (("s", ""), ("es", ""), ("d", ""), ("ed", ""), ("ing", "e"), ("ing", "")):
        if low.endswith(suffix) and len(low) > len(suffix) + 2:
            forms.add(low[: -len(suffix)] + repl)
    if forms & words:
        return True
    parts = {c.lower_ for c in token.children if c.dep_ in ("prt", "advmod", "prep")}
    return any(f"{form} {part}" in words for form in forms for part in parts)


def test_word_arrays_are_each_tokens_lemma_tag_and_head(parses) -> None:
    for doc in parses:
        lemmas, tags, heads = _words(doc)
        assert lemmas == [t.lemma_.lower() for t in doc]
        assert tags == [t.pos for t in doc]
        assert heads == [t.head.i for t in doc]
        assert _words(doc) is _words(doc)  # read once per parse


def test_verb_patterns_and_for_to_clauses_are_the_plain_ones(parses) -> None:
    lexicon = get_coder().lexicon
    seen = 0
    for doc in parses:
        for token in doc:
            assert for_to_clause(token) == _plain_for_to(token)
            found = verb_pattern(lexicon, token)
            assert found is _plain_verb_pattern(lexicon, token), token.text
            seen += found is not None
    assert seen >= 10  # the sentences do reach the lexicon


def test_word_classes_are_the_plain_ones(parses) -> None:
    classes = [SAYS.adopting_verbs, SAYS.denial_verbs, SAYS.stopping_verbs, SAYS.intent_verbs]
    classes += [SAYS.appeal_nouns, SAYS.mandative_heads]
    for doc in parses:
        for token in doc:
            for words in classes:
                assert lemma_in(token, words) == _plain_lemma_in(token, words), token.text


def _plain_candidates(coder, sent) -> list[int]:
    """Every word the plain scan could have made a predicate of: a verb of the lexicon, a light
    or adopting verb with an event noun object, an event noun."""
    nouns, out = coder.lexicon.nouns, []
    for token in sent:
        lemma = token.lemma_.lower()
        if token.pos_ == "VERB":
            carries = any(c.lemma_.lower() in nouns for c in objects_of(token))
            if lemma in coder.lexicon.verbs or carries:
                out.append(token.i)
        elif token.pos_ in ("NOUN", "PROPN") and lemma in nouns:
            out.append(token.i)
    return out


def test_screened_words_hold_every_word_the_plain_scan_could_code(parses) -> None:
    coder = get_coder()
    for doc in parses:
        for sent in doc.sents:
            screened = set(coder.predicates._candidates(sent))
            assert set(_plain_candidates(coder, sent)) <= screened


def test_kept_patterns_are_dropped_once_a_parse_is_coded() -> None:
    coder = get_coder()
    units = text_units("Russia signed a deal with China.\nIran attacked Israel on Monday.")
    for unit in units:
        actors = MentionIndex(unit, [])
        for sent in unit.doc.sents:
            list(coder.predicates.predicates(sent, actors))
        assert unit.doc.user_data.get("detente.events.patterns")
    coder.code(units, [], None)
    assert all("detente.events.patterns" not in u.doc.user_data for u in units)


def test_sentences_without_a_linked_word_would_code_nothing() -> None:
    """The coder skips a sentence with no word linked to an actor: coded anyway, it gives
    nothing (every party is one of its own linked words)."""
    from datetime import date

    from detente.actors.link import get_linker

    text = "\n".join(t for t in TEXTS if t) + "\nThe talks collapsed and the troops attacked."
    linker = get_linker(())
    units = [linker.recased(u) for u in text_units(text)]
    mentions = linker.link(units, date(2024, 5, 1))
    coder, skipped = get_coder(), 0
    for unit in units:
        actors = MentionIndex(unit, [m for m in mentions if m.segment == unit.segment])
        for sent in unit.doc.sents:
            if not any(i in actors.by_token for i in range(sent.start, sent.end)):
                skipped += 1
                assert coder._sentence(sent, unit, actors, None, False) == [], sent.text
    assert skipped >= 2
