"""Merging a document's events: the same event told twice becomes one with all its evidence."""

from __future__ import annotations

from collections.abc import Iterable

from detente.model import Event


def merge(events: Iterable[Event], headlines: frozenset[int] = frozenset()) -> list[Event]:
    """One event per (source, target, code, polarity, modality, background, date, precision) in
    a document; the evidence of each repetition is kept.

    A headline event that the body tells too (same source and root, the same target or none,
    the same polarity, a compatible modality) is folded into the body's event: one event, with
    the body's code and date and both evidence spans. `headlines` are the segment indexes of the
    document's headlines."""
    merged: dict[tuple[object, ...], Event] = {}
    for event in events:
        key = (event.source, event.target, event.cameo, event.polarity, event.modality,
               event.background, event.date, event.date_precision)  # fmt: skip
        if key in merged:
            _absorb(merged[key], event)
        else:
            merged[key] = event
    out = list(merged.values())
    body = [e for e in out if e.segment not in headlines and not e.background]
    kept: list[Event] = []
    for event in out:
        told = None
        if event.segment in headlines:
            matches = [e for e in body if _restates(event, e)]
            told = min(matches, key=lambda e: (e.cameo != event.cameo, e.evidence.start),
                       default=None)  # fmt: skip
        if told is None:
            kept.append(event)
        else:
            _absorb(told, event)
    return kept


# modalities that tell the same event: a headline's "X hits Y" and the body's "Y said X hit it"
_TOLD_ALIKE = ({"factual", "reported"}, {"future", "intent"}, {"hypothetical"})


def _restates(headline: Event, body: Event) -> bool:
    """Whether a headline event says what a body event says (see `merge`)."""
    return (
        _alike(headline.source, body.source)
        and (not headline.target or _alike(headline.target, body.target))
        and headline.root == body.root
        and headline.polarity == body.polarity
        and any({headline.modality, body.modality} <= told for told in _TOLD_ALIKE)
    )


def _alike(a: str, b: str) -> bool:
    """Actor codes of the same actor told more or less precisely ("UGA" and "UGAGOV")."""
    return bool(a) and bool(b) and (a.startswith(b) or b.startswith(a))


def _absorb(kept: Event, event: Event) -> None:
    """Fold a repetition of an event into the one kept: its evidence, speaker and date words."""
    for evidence in event.evidence_all or [event.evidence]:
        if all(e.start != evidence.start for e in kept.evidence_all):
            kept.evidence_all.append(evidence)
    kept.confidence = max(kept.confidence, event.confidence)
    kept.speaker = kept.speaker or event.speaker
    kept.date_text = kept.date_text or event.date_text


def one_polarity(events: list[Event]) -> list[Event]:
    """A sentence's events less any that it tells both asserted and negated between the same
    actors: the parse misread one of them, and which one cannot be told."""
    polarities: dict[tuple[str, str, str], set[str]] = {}
    for e in events:
        polarities.setdefault((e.source, e.cameo, e.target), set()).add(e.polarity)
    return [e for e in events if len(polarities[(e.source, e.cameo, e.target)]) == 1]
