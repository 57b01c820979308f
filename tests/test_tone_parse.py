"""The tone step's cheap reading of a parse (`signals.tone_parse`) gives what spaCy's own `Token`
walk gives, on sentences of our own (real spaCy model), and the batch scorer gives what the
one-mention scorer gives."""

from __future__ import annotations

import pickle

import pytest

from detente.nlp import load_nlp
from detente.signals.tone import actor_tone_of, actor_tones, target_tone, target_tones
from detente.signals.tone_features import tone_features
from detente.signals.tone_parse import sentence_table

SENTENCES = [
    "Aid workers praised Dr Amina Yusuf, who ran the camp, for her tireless work.",
    "“We will not back down,” Senator Moss told reporters on Tuesday, ‘ever’.",
    'The minister said "the plan is dead" and walked out, angering Ms Hanley\'s allies.',
    "Critics, including two former judges, accused Governor Vance of lying and cheating.",
    "Ms Varga tried to mislead parliament. The board did not fire Mr Grant!",
    "Residents of the town, who had waited for years, finally cheered when it opened?",
]


@pytest.mark.parametrize("text", SENTENCES)
def test_the_table_holds_the_parse_as_tokens_tell_it(text: str) -> None:
    doc = load_nlp()(text)
    for sent in doc.sents:
        table = sentence_table(doc, (sent.start, sent.end))
        for tok in sent:
            i = tok.i - sent.start
            assert table.lemma[i] == tok.lemma_.lower() and table.lower[i] == tok.lower_
            assert table.pos[i] == tok.pos_ and table.dep[i] == tok.dep_
            assert table.head[i] == tok.head.i - sent.start and table.alpha[i] == tok.is_alpha
            assert table.kids(i) == [c.i - sent.start for c in tok.children]
            assert table.subtree(i) == [t.i - sent.start for t in tok.subtree]
            assert table.neg[i] == any(c.dep_ == "neg" for c in tok.children)


def test_quote_marks_are_counted_in_every_token_that_holds_them() -> None:
    text = "“It’s over,” said Mr Lee, ‘truly’."
    doc = load_nlp()(text)
    sent = next(doc.sents)
    table = sentence_table(doc, (sent.start, sent.end))
    assert table.has_quote_in(0, len(sent))
    before = table.quotes_before(0, len(sent))  # “ ” " ‘ ’
    assert before == [text.count(m) for m in '“”"‘’']
    plain = load_nlp()("Mr Lee said the talks were over.")
    assert not sentence_table(plain, (0, len(plain))).has_quote_in(0, len(plain))


def test_features_do_not_depend_on_what_was_read_before() -> None:
    nlp = load_nlp()
    text = "Critics blamed Governor Ruiz for the slow response. Later Ms Cole thanked him warmly."
    a, b = text.index("Governor Ruiz"), text.index("Ms Cole")
    doc = nlp(text)
    ours = [tone_features(doc.char_span(a, a + 13)), tone_features(doc.char_span(b, b + 7))]
    fresh = nlp(text)  # a new parse, nothing kept with it yet, read in the other order
    assert tone_features(fresh.char_span(b, b + 7)) == ours[1]
    assert tone_features(fresh.char_span(a, a + 13)) == ours[0]
    assert "s:thank" in ours[1] and "s:blame" not in ours[1]  # each its own sentence


def test_the_batch_scorer_gives_the_one_mention_scores() -> None:
    nlp = load_nlp()
    spans = []
    for text, name in [
        ("Residents applauded Mayor Frank Bell for reopening the library.", "Mayor Frank Bell"),
        ("Senator Moss was condemned for his cruel remarks about refugees.", "Senator Moss"),
        ("Judge Olsen will hear the murder case next month.", "Judge Olsen"),
    ]:
        doc = nlp(text)
        at = text.index(name)
        spans.append(doc.char_span(at, at + len(name)))
    batch = target_tones(spans, [None] * len(spans))
    assert batch == [target_tone(s) for s in spans]
    assert [b.label for b in batch][:2] == ["positive", "negative"]
    assert actor_tone_of(spans[2]).label != "positive"
    assert actor_tones([], [], {}) == []


def test_a_doc_with_the_tables_kept_still_pickles() -> None:
    doc = load_nlp()("Colleagues praised Judge Maria Soto for her fairness.")
    tone_features(doc[2:5])
    copy = pickle.loads(pickle.dumps(doc))
    assert tone_features(copy[2:5]) == tone_features(doc[2:5])
