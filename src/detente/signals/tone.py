"""Tone: VADER compound scores per sentence, and toward each actor."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from functools import cache

from detente.model import (
    ActorTone,
    Mention,
)
from detente.parse.units import Unit


@cache
def _vader() -> object:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def tone(text: str) -> float:
    scores = _vader().polarity_scores(text)  # type: ignore[attr-defined]
    return round(float(scores["compound"]), 4)


def actor_tones(
    article: Sequence[Unit], mentions: Sequence[Mention], tones: dict[tuple[int, int], float]
) -> list[ActorTone]:
    by_actor: dict[str, set[tuple[int, int]]] = defaultdict(set)
    for unit in article:
        for m in mentions:
            if m.segment != unit.segment or not m.actor_code:
                continue
            span = unit.doc.char_span(m.start - unit.offset, m.end - unit.offset, "expand")
            if span is not None:
                by_actor[m.actor_code].add((unit.segment, span.sent.start_char))
    return [
        ActorTone(
            actor_code=code,
            tone=round(sum(tones[k] for k in keys) / len(keys), 4),
            sentences=len(keys),
        )
        for code, keys in sorted(by_actor.items())
    ]


# ---- sensationalism ---------------------------------------------------------------------------
