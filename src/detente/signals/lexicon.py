"""The word lists and weights of `signals/data/signals.yaml`, loaded once and checked."""

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
    weight: float
    cap: float


@dataclass(frozen=True)
class SignalLexicon:
    features: dict[str, Feature]
    hype: tuple[str, ...]
    loaded: tuple[str, ...]
    hedges: tuple[str, ...]
    clickbait: tuple[re.Pattern[str], ...]
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


@cache
def load_signal_lexicon() -> SignalLexicon:
    where = "signals/data/signals.yaml"
    data = yaml.safe_load(
        (resources.files("detente.signals") / "data" / "signals.yaml").read_text()
    )
    try:
        sens, stance = data["sensationalism"], data["stance"]
        features = {
            name: Feature(float(spec["weight"]), float(spec["cap"]))
            for name, spec in sens["features"].items()
        }
        clickbait = tuple(re.compile(p, re.IGNORECASE) for p in sens["clickbait"])
        return SignalLexicon(
            features=features,
            hype=_words(sens, "hype"),
            loaded=_words(sens, "loaded"),
            hedges=_words(sens, "hedges"),
            clickbait=clickbait,
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


@cache
def _whole_word(phrase: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])")
