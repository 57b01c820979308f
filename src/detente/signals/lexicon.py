"""The word lists, patterns and weights of `signals/data/signals.yaml`, loaded once and checked."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from detente.errors import ModelError


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


def _words(data: dict[str, Any], key: str) -> tuple[str, ...]:
    value = data.get(key)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ModelError(f"signals/data/signals.yaml: {key} must be a list of words")
    return tuple(v.lower() for v in value)


def _patterns(values: list[str]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE | re.MULTILINE) for p in values)


def _alternation(values: list[str]) -> re.Pattern[str]:
    """One pattern matching any of `values` (one search per sentence instead of one each)."""
    return re.compile("|".join(f"(?:{p})" for p in values), re.IGNORECASE | re.MULTILINE)


@cache
def load_signal_lexicon() -> SignalLexicon:
    """The signals' lexicon; raises `ModelError` naming the file when it is malformed."""
    where = "signals/data/signals.yaml"
    data = yaml.safe_load(
        (resources.files("detente.signals") / "data" / "signals.yaml").read_text()
    )
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
            body_clickbait=_alternation(sens["body_clickbait"]),
            news_stamps=_patterns(sens["news_stamps"]),
            not_shouted=frozenset(_words(sens, "not_shouted")),
            furniture=_words(sens, "furniture"),
            stance_threshold=float(stance["threshold"]),
            tone_weight=float(stance["tone_weight"]),
            cue_weight=float(stance["cue_weight"]),
            favour=_words(stance, "favour"),
            against=_words(stance, "against"),
        )
    except (KeyError, TypeError, ValueError, re.error) as exc:
        raise ModelError(f"{where}: {exc}") from exc


def phrase_hits(text: str, phrases: tuple[str, ...]) -> list[str]:
    """The phrases found in a lower-cased text, as whole words, each occurrence once."""
    hits = []
    for phrase in phrases:
        if phrase in text:  # most phrases are absent: skip the regex for them
            hits += [phrase] * len(_whole_word(phrase).findall(text))
    return hits


def without_stamps(text: str, lexicon: SignalLexicon) -> str:
    """`text` with its news stamps (update times, bylines, wire datelines) blanked out, same
    length, so that they count as no habit."""
    for pattern in lexicon.news_stamps:
        text = pattern.sub(lambda m: " " * len(m.group(0)), text)
    return text


@cache
def _whole_word(phrase: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])")
