"""The headline model: a headline's clickbait habits (counted rules) and its words, weighed by a
logistic regression that `train/clickbait.py` fits on the MIT clickbait headlines.

The model is plain data (`signals/data/clickbait_model.json`: an intercept, one weight per habit,
one per lower-cased word unigram or bigram holding a content or style word, `model_terms`);
scoring a headline is a dictionary look-up per term, with no parse, so the training script and
the product count exactly the same things. A title longer than the headlines the model learnt
from (a news sentence used as a title) is weighed as a headline only in part (`headline_share`),
the rest falling back to the no-headline baseline, so its length adds no evidence.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from itertools import pairwise

from spacy.lang.en.stop_words import STOP_WORDS

from detente.errors import ModelError
from detente.model import Reason
from detente.signals.lexicon import SignalLexicon, sensational_words, without_stamps

SECOND_PERSON = frozenset({"you", "your", "yours", "yourself", "yourselves", "ya", "you're",
                           "you'll", "you've", "you'd"})  # fmt: skip
_TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)?|\d+(?:[.,]\d+)*")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_QUOTED = re.compile(r"[\"“][^\"”]*[\"”]")
_ENDS = " \t\"'”’)»"
_CAPITALS_SHARE = 0.6  # a headline with this share of words in capitals is written in capitals
_MODEL = "clickbait_model.json"


@dataclass(frozen=True)
class HeadlineModel:
    """Log-odds weights: `bias`, one per habit (`rules`, per unit of capped count), one per term."""

    bias: float
    rules: dict[str, float]
    terms: dict[str, float]


@cache
def load_headline_model() -> HeadlineModel:
    """The shipped headline model; raises `ModelError` when it is missing or malformed."""
    try:
        data = json.loads((resources.files("detente.signals") / "data" / _MODEL).read_text())
        return HeadlineModel(
            float(data["bias"]),
            {k: float(v) for k, v in data["rules"].items()},
            {k: float(v) for k, v in data["terms"].items()},
        )
    except (OSError, KeyError, TypeError, ValueError) as exc:
        raise ModelError(
            f"signals/data/{_MODEL}: {exc} (rebuild it with `python train/clickbait.py`)"
        ) from exc


def headline_terms(text: str) -> list[str]:
    """The distinct lower-cased word unigrams and bigrams of a headline, numbers as `<num>`, its
    first word also paired with the start mark `<s>` ("<s> <num>" is a number-led headline)."""
    return list(_terms(text))


@lru_cache(maxsize=64)  # asked twice per headline: by `model_terms` and `readable_terms`
def _terms(text: str) -> tuple[str, ...]:
    tokens = ["<s>"] + [
        "<num>" if t[0].isdigit() else t for t in _TOKEN.findall(text.lower().replace("’", "'"))
    ]
    return tuple(dict.fromkeys(tokens[1:] + [f"{a} {b}" for a, b in pairwise(tokens)]))


def model_terms(text: str, lexicon: SignalLexicon) -> list[str]:
    """The terms of `headline_terms` that the headline model weighs: those holding a content
    word or a number, the word pairs holding a style word (`lexicon.style_words`: "make you",
    "what you", "this woman"; a lone "this" is as often "this week"), and the start pairs of
    the opening words that stand for a habit (`lexicon.openers`: "<s> this"). Terms of glue
    words alone ("the", "of the", "that is") are left out: they tell a sentence from
    headlinese, not a sober title from clickbait; so are terms holding an attribution word
    (`lexicon.attribution_words`: "said", "according"), news style that names its sources."""
    kept = []
    attribution, style = lexicon.attribution_words, lexicon.style_words
    for term in _terms(text):
        words = term.split()
        if not attribution.isdisjoint(words):
            continue
        if words[0] == "<s>":
            words = words[1:]
            if words[0] in lexicon.openers:
                kept.append(term)
                continue
        # a content word or a number ("<num>" is no stop word); set tests, not a loop per word
        if not STOP_WORDS.issuperset(words) or (len(words) == 2 and not style.isdisjoint(words)):
            kept.append(term)
    return kept


def headline_share(text: str, lexicon: SignalLexicon) -> float:
    """How far a title is weighed as a headline (0-1]: 1 up to `lexicon.headline_words` words
    (the longest 1% of the training headlines), then that many over the title's words. A longer
    title, such as a news sentence cut to a length and used as a title, is outside what the
    headline model learnt: the rest of its weight goes to the no-headline baseline."""
    words = len(_TOKEN.findall(text.lower().replace("’", "'")))
    return min(1.0, lexicon.headline_words / words) if words else 1.0


def headline_habits(
    text: str, lexicon: SignalLexicon, known: Callable[[str], bool] | None = None
) -> dict[str, list[str]]:
    """The clickbait habits of a headline as written: habit name → what was found (one entry per
    occurrence). News stamps ("UPDATE 2-", "16:40 GMT", bylines) are removed first; a word in
    capitals is shouting only in a headline not written in capitals, when it is no acronym the
    knowledge base knows (`known`, e.g. the knowledge base's `targets`) and no news label (`not_shouted`)."""
    clean = without_stamps(text, lexicon).strip()
    lower = clean.lower().replace("’", "'")
    found: dict[str, list[str]] = {}
    for name, rule in lexicon.headline.items():
        hits = [m.group(0).strip() for p in rule.patterns if (m := p.search(lower))]
        if hits:
            found[name] = hits
    unquoted = _QUOTED.sub(" ", lower)
    second = [t for t in _TOKEN.findall(unquoted) if t in SECOND_PERSON]
    if second:
        found["second_person"] = second
    ending = clean.rstrip(_ENDS)
    if ending.endswith("?"):
        found["question"] = ["?"]
    if ending.endswith("!"):
        found["exclamation"] = ["!"]
    shouted = _shouted_words(clean, lexicon, known)
    if shouted:
        found["shouting"] = shouted
    hype = sensational_words(lower, lexicon.hype + lexicon.emotional, lexicon)
    if hype:
        found["hype"] = hype
    return found


def _shouted_words(
    text: str, lexicon: SignalLexicon, known: Callable[[str], bool] | None
) -> list[str]:
    words = _WORD.findall(text)
    capitals = [w for w in words if w.isupper() and len(w) > 1]
    if not words or len(capitals) >= _CAPITALS_SHARE * len(words):
        return []
    return [w for w in capitals if lexicon.shouts(w) and not (known and known(w))]


def habit_values(habits: dict[str, list[str]], lexicon: SignalLexicon) -> dict[str, float]:
    """Each habit's value for the model: its count capped at the habit's cap, over the cap."""
    return {
        name: min(len(hits), lexicon.headline[name].cap) / lexicon.headline[name].cap
        for name, hits in habits.items()
        if name in lexicon.headline
    }


def headline_reasons(
    text: str, lexicon: SignalLexicon, known: Callable[[str], bool] | None = None
) -> list[Reason]:
    """The headline model's log-odds as reasons: `baseline` (the intercept), one `headline_*`
    reason per habit found, and the words that pushed up (`headline_words`) and down
    (`sober_words`) with their four heaviest terms (`model_terms`). A title longer than a
    headline has each of these scaled by its `headline_share` and a `long_title` reason for
    the rest of the no-headline baseline. The contributions sum to the log-odds."""
    model = load_headline_model()
    habits = headline_habits(text, lexicon, known)
    share = headline_share(text, lexicon)
    reasons = [Reason(feature="baseline", count=0, contribution=round(model.bias * share, 3),
                      examples=["headline model intercept"])]  # fmt: skip
    if share < 1:
        words = round(lexicon.headline_words / share)
        reasons.append(Reason(feature="long_title", count=words,
                              contribution=round(lexicon.no_headline * (1 - share), 3),
                              examples=[f"{words} words, weighed as a headline for "
                                        f"{lexicon.headline_words}/{words}"]))  # fmt: skip
    for name, value in habit_values(habits, lexicon).items():
        fixed = lexicon.headline[name].weight
        weight = (model.rules.get(name, 0.0) if fixed is None else fixed) * value * share
        if weight:
            hits = habits[name]
            reasons.append(Reason(feature=f"headline_{name}", count=len(hits),
                                  contribution=round(weight, 3),
                                  examples=list(dict.fromkeys(hits))[:4]))  # fmt: skip
    weighed = [(t, model.terms[t] * share) for t in model_terms(text, lexicon) if t in model.terms]
    for feature, terms in (
        ("headline_words", [tw for tw in weighed if tw[1] > 0]),
        ("sober_words", [tw for tw in weighed if tw[1] < 0]),
    ):
        if terms:
            named = readable_terms(terms, text, lexicon, habits)
            reasons.append(Reason(feature=feature, count=len(terms),
                                  contribution=round(sum(w for _, w in terms), 3),
                                  examples=[f"{t} ({w:+.2f})" for t, w in named[:4]]))  # fmt: skip
    return reasons


def readable_terms(
    terms: list[tuple[str, float]],
    text: str,
    lexicon: SignalLexicon,
    habits: dict[str, list[str]] | None = None,
) -> list[tuple[str, float]]:
    """The model's weighed terms as an analyst reads them, heaviest first: the opening word
    named for its habit (`openers`: "demonstrative opener 'This …'", "number-led (listicle)
    opener '17 …'"); terms with a content word, a style word or a number as they are ("people",
    "this woman", "than #"); other function words folded into a habit found in the headline
    whose words they are (`habits`: "forward_reference pattern 'is why'"), or else one
    "function words" entry ("function words 'the', 'of'")."""
    tokens = headline_terms(text)
    first = tokens[0] if tokens else ""
    opener = lexicon.openers.get(first)
    shown_first = _WORD.findall(text)[:1] if first != "<num>" else re.findall(r"\d+", text)[:1]
    groups: dict[str, float] = {}
    function: list[str] = []
    for term, weight in terms:
        words = [w for w in term.split() if w != "<s>"]
        if opener and first in words and (term.startswith("<s>") or term == first):
            name = f"{opener} '{shown_first[0] if shown_first else first} …'"
        elif "<num>" in words or any(
            w not in STOP_WORDS or w in lexicon.style_words for w in words
        ):  # a phrase of its own: "people", "this woman", "more than #"
            name = term.replace("<s> ", "").replace("<num>", "#")
        elif habit := _habit_of(" ".join(words), habits or {}):
            name = habit
        else:
            name = "function words"
            function += [w for w in words if w not in function]
        groups[name] = groups.get(name, 0.0) + weight
    out = []
    for name, weight in groups.items():
        if name == "function words":
            name = "function words " + ", ".join(f"'{w}'" for w in function[:4])
        out.append((name, weight))
    return sorted(out, key=lambda tw: -abs(tw[1]))


def _habit_of(phrase: str, habits: dict[str, list[str]]) -> str | None:
    """The habit (with what it found) whose hits hold a phrase of function words, if any."""
    for name, hits in habits.items():
        for hit in hits:
            if re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", hit):
                return f"{name.replace('_', ' ')} '{hit}'"
    return None
