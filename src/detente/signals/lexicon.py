"""The word lists, patterns and weights of `signals/data/signals.yaml`, loaded once and checked."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import zip_longest
from typing import Any

from detente.errors import ModelError
from detente.signals.needles import may_match, needles
from detente.yamlfiles import load_yaml


@dataclass(frozen=True)
class Feature:
    """A body habit: log-odds `weight` at `cap` occurrences (a count is capped at `cap`)."""

    weight: float
    cap: float


@dataclass(frozen=True)
class HeadlineRule:
    """A headline habit: counted by its patterns (or by code when it has none), capped at `cap`;
    its log-odds `weight` is the headline model's, or set here when the model does not learn it."""

    cap: float
    patterns: tuple[re.Pattern[str], ...]
    weight: float | None = None


@dataclass(frozen=True)
class SignalLexicon:
    features: dict[str, Feature]
    headline: dict[str, HeadlineRule]
    cutoff: float
    no_headline: float
    hype: tuple[str, ...]
    emotional: tuple[str, ...]
    loaded: tuple[str, ...]
    hedges: tuple[str, ...]
    body_clickbait: re.Pattern[str]  # one alternation of the file's patterns
    news_stamps: tuple[re.Pattern[str], ...]
    not_shouted: frozenset[str]
    furniture: tuple[str, ...]
    stance_threshold: float
    tone_weight: float
    cue_weight: float
    favour: tuple[str, ...]
    against: tuple[str, ...]
    literal: dict[str, frozenset[str]]  # hype word → words beside which it is literal
    distancing: tuple[str, ...]  # words that mention a loaded label rather than use it
    openers: dict[str, str]  # first word (or <num>) → the headline habit it opens
    style_words: frozenset[str] = frozenset()  # function words the headline model weighs
    attribution_words: frozenset[str] = frozenset()  # no headline-model term holds one
    headline_words: int = 16  # words weighed in full; a longer title's words are scaled down
    loaded_set: frozenset[str] = frozenset()
    shout_words: frozenset[str] = frozenset()
    # `needles.needles` of each news stamp and of the body clickbait alternation: pre-checks
    stamp_needles: tuple[tuple[str, ...] | None, ...] = ()
    clickbait_needles: tuple[str, ...] | None = None

    def shouts(self, word: str) -> bool:
        """Whether a word written in capitals is shouting rather than an acronym: an English
        word of 5 letters or more, or a short word of `shout_words` (TIFF, OPEC are acronyms);
        news labels (`not_shouted`) never shout."""
        from detente.clean.language import english_word

        lower = word.lower()
        if lower in self.not_shouted or not word.isalpha():
            return False
        return lower in self.shout_words or (len(word) >= 5 and english_word(lower))


def _words(data: dict[str, Any], key: str) -> tuple[str, ...]:
    value = data.get(key)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ModelError(f"signals/data/signals.yaml: {key} must be a list of words")
    return tuple(v.lower() for v in value)


def _positive(value: Any, key: str) -> int:
    if not isinstance(value, int) or value < 1:
        raise ModelError(f"signals/data/signals.yaml: {key} must be a whole number above 0")
    return value


def _patterns(values: list[str]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE | re.MULTILINE) for p in values)


def _alternation(values: list[str]) -> re.Pattern[str]:
    """One pattern matching any of `values` (one search per sentence instead of one each)."""
    return re.compile("|".join(f"(?:{p})" for p in values), re.IGNORECASE | re.MULTILINE)


@cache
def load_signal_lexicon() -> SignalLexicon:
    """The signals' lexicon; raises `ModelError` naming the file when it is malformed."""
    where = "signals/data/signals.yaml"
    data = load_yaml((resources.files("detente.signals") / "data" / "signals.yaml").read_text())
    try:
        sens, stance = data["sensationalism"], data["stance"]
        return SignalLexicon(
            features={
                name: Feature(float(spec["weight"]), float(spec["cap"]))
                for name, spec in sens["features"].items()
            },
            headline={
                name: HeadlineRule(
                    float(spec["cap"]),
                    _patterns(spec.get("patterns", [])),
                    float(spec["weight"]) if "weight" in spec else None,
                )
                for name, spec in sens["headline"].items()
            },
            cutoff=float(sens["cutoff"]),
            no_headline=float(sens["no_headline"]),
            hype=_words(sens, "hype"),
            emotional=_words(sens, "emotional"),
            loaded=_words(sens, "loaded"),
            hedges=_words(sens, "hedges"),
            body_clickbait=(clickbait := _alternation(sens["body_clickbait"])),
            news_stamps=(stamps := _patterns(sens["news_stamps"])),
            stamp_needles=tuple(needles(p) for p in stamps),
            clickbait_needles=needles(clickbait),
            not_shouted=frozenset(_words(sens, "not_shouted")),
            furniture=_words(sens, "furniture"),
            stance_threshold=float(stance["threshold"]),
            tone_weight=float(stance["tone_weight"]),
            cue_weight=float(stance["cue_weight"]),
            favour=_words(stance, "favour"),
            against=_words(stance, "against"),
            literal={
                str(k).lower(): frozenset(str(w).lower() for w in v)
                for k, v in sens["literal"].items()
            },
            distancing=_words(sens, "distancing"),
            openers={str(k).lower(): str(v) for k, v in sens["openers"].items()},
            loaded_set=frozenset(_words(sens, "loaded")),
            shout_words=frozenset(_words(sens, "shout_words")),
            style_words=frozenset(_words(sens, "style_words")),
            attribution_words=frozenset(_words(sens, "attribution_words")),
            headline_words=_positive(sens["headline_words"], "headline_words"),
        )
    except (KeyError, TypeError, ValueError, re.error) as exc:
        raise ModelError(f"{where}: {exc}") from exc


def phrase_hits(text: str, phrases: tuple[str, ...]) -> list[str]:
    """The phrases found in a lower-cased text, as whole words, each occurrence once; a phrase
    inside a longer one found there is not counted again ("axis of evil" is not also "evil")."""
    found: list[tuple[int, int, str]] = []
    for phrase in [p for p in phrases if p in text]:  # most are absent: no regex for them
        found += [(m.start(), m.end(), phrase) for m in _whole_word(phrase).finditer(text)]
    if len(found) < 2:
        return [p for _, _, p in found]
    found.sort(key=lambda f: (f[0], f[0] - f[1]))  # by start, the longest first
    hits, reach = [], -1
    for start, end, phrase in found:
        if start < reach:  # inside a (longer) phrase already counted
            continue
        hits.append(phrase)
        reach = end
    return hits


def sensational_words(text: str, phrases: tuple[str, ...], lexicon: SignalLexicon) -> list[str]:
    """`phrase_hits` of hype or loaded words in one lower-cased sentence or headline, less the
    words used literally there ("bomb explodes", "destroy their nuclear bombs": `literal`) and
    labels the text only mentions (in quotation marks or after "so-called": `distancing`)."""
    hits = phrase_hits(text, phrases)
    if not hits:
        return hits
    words = set(_TOKENS.findall(text))
    kept = []
    for hit in hits:
        if lexicon.literal.get(hit, frozenset()) & words:
            continue
        if hit in lexicon.loaded_set and _distanced(text, hit, lexicon.distancing):
            continue
        kept.append(hit)
    return kept


def _distanced(text: str, phrase: str, distancing: tuple[str, ...]) -> bool:
    """Whether every use of `phrase` in `text` is quoted or follows a distancing word."""
    for m in _whole_word(phrase).finditer(text):
        before = text[: m.start()]
        quoted = before.count("“") > before.count("”") or before.count('"') % 2 == 1
        quoted = quoted or before.rstrip()[-1:] in "'‘"
        near = " ".join(_TOKENS.findall(before)[-3:])
        if not quoted and not any(f" {d} " in f" {near} " for d in distancing):
            return False
    return True


def without_stamps(text: str, lexicon: SignalLexicon) -> str:
    """`text` with its news stamps (update times, bylines, wire datelines) blanked out, same
    length, so that they count as no habit."""
    lower = text.lower()  # for the pre-checks: blanking only takes needles away
    for pattern, found in zip_longest(lexicon.news_stamps, lexicon.stamp_needles):
        if may_match(text, lower, found):
            text = pattern.sub(_blank, text)
    return text


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group(0))


_TOKENS = re.compile(r"[\w'-]+")


@cache
def _whole_word(phrase: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])")
