"""The compiled attribute ruler and the cached lemmatizer give every token exactly what spaCy's
own components give it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG
from spacy.language import Language

from detente.attribute_rules import CompiledAttributeRuler, compile_attribute_ruler
from detente.lemma_cache import CachedLemmatizer
from detente.nlp import MODEL, load_nlp

ROOT = Path(__file__).resolve().parents[1]
BBC = ROOT.parent / "shared" / "data" / "news" / "bbc_news.jsonl"
COLUMNS = [POS, TAG, DEP, LEMMA, MORPH, HEAD]

#: Our own sentences for the rules about one word, several words, spaces and dependencies.
OWN = [
    "I'm gonna tell y'all: ain't nothin' to it, and we gotta go. Let's go, c'mon!",
    "There is a cat, there were two; it is here and I think you know it. Give it to me.",
    "Somethin' ol' 'em 'nuff doin' goin' 'll 'd sha wo ca n't",
    "  \n\n  odd   spacing\t\there \n and a trailing space ",
    "Nobody said anything; everyone knew something. He gets it, she got it, they had had it.",
    "THE PRESIDENT SAID THAT IF HE WINS, HE WILL DO IT. But, well, once then there.",
    "Did they? Does it? Do we have to? What would it have been like being there?",
    "Those who hesitate: this, that, these and those, which we saw.",
]


def _texts() -> list[str]:
    texts = list(OWN)
    for path in sorted((ROOT / "examples").rglob("*")):
        if path.suffix in {".txt", ".md"} and path.is_file():
            texts.append(path.read_text(encoding="utf-8", errors="replace"))
    if BBC.is_file():  # every 40th of 2,225 real BBC articles, headline and body
        rows = [json.loads(line) for line in BBC.read_text(encoding="utf-8").splitlines()]
        texts += [f"{r['title']}\n\n{r['text']}" for r in rows[::40]]
    return texts


def _annotations(nlp: Language, texts: list[str]) -> list[list[tuple[object, ...]]]:
    return [
        [(*row, str(t.morph)) for row, t in zip(d.to_array(COLUMNS).tolist(), d, strict=True)]
        for d in nlp.pipe(texts, batch_size=32)
    ]


def test_same_annotations_as_spacy_on_real_and_own_text() -> None:
    texts = _texts()
    assert len(texts) > len(OWN)
    stock = spacy.load(MODEL)
    ours = load_nlp()
    assert isinstance(ours.get_pipe("attribute_ruler"), CompiledAttributeRuler)
    assert isinstance(ours.get_pipe("lemmatizer"), CachedLemmatizer)
    assert ours.pipe_names == stock.pipe_names
    assert _annotations(ours, texts) == _annotations(stock, texts)


def _blank_with(patterns: list[dict[str, object]]) -> Language:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns(patterns)  # type: ignore[attr-defined]
    return nlp


RULES: list[dict[str, object]] = [
    {"patterns": [[{"LOWER": {"IN": ["big", "small"]}}]], "attrs": {"POS": "ADJ"}},
    {"patterns": [[{"LOWER": {"REGEX": "^sm"}}]], "attrs": {"POS": "NOUN", "LEMMA": "s"}},
    {"patterns": [[{"LOWER": "the"}, {"LOWER": "big"}]], "attrs": {"LEMMA": "B"}, "index": -1},
    {"patterns": [[{"LOWER": {"NOT_IN": ["the"]}}]], "attrs": {"MORPH": "Number=Sing"}},
    {"patterns": [[{"IS_SPACE": True}]], "attrs": {"POS": "SPACE"}},
]


def test_rule_order_indices_and_operators_as_spacy() -> None:
    texts = ["the big dog and the small cat", "The Big  smart  smell", "big the big the"]
    stock, ours = _blank_with(RULES), _blank_with(RULES)
    assert compile_attribute_ruler(ours)
    # later rules override earlier ones; the two-word rule marks its last word; spaces count
    assert _annotations(ours, texts) == _annotations(stock, texts)
    assert [t.pos_ for t in ours("small big")] == ["NOUN", "ADJ"]
    assert [t.lemma_ for t in ours("the big")] == ["", "B"]


@pytest.mark.parametrize(
    "pattern",
    [
        [{"LOWER": "very", "OP": "+"}],  # an operator: length not fixed
        [{"SHAPE": "Xxxx"}],  # a key the compiled ruler does not read
    ],
)
def test_rules_it_cannot_reproduce_keep_spacys_ruler(pattern: list[dict[str, object]]) -> None:
    nlp = _blank_with([{"patterns": [pattern], "attrs": {"POS": "ADV"}}])
    assert not compile_attribute_ruler(nlp)
    assert not isinstance(nlp.get_pipe("attribute_ruler"), CompiledAttributeRuler)
    assert not compile_attribute_ruler(spacy.blank("en"))  # no ruler at all


def test_the_pipeline_with_both_pickles_as_spacys_does() -> None:
    import pickle

    copy = pickle.loads(pickle.dumps(load_nlp()))
    assert isinstance(copy.get_pipe("attribute_ruler"), CompiledAttributeRuler)
    assert _annotations(copy, OWN) == _annotations(spacy.load(MODEL), OWN)
