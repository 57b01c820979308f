"""How far a coded event is to be trusted, and whether its two actors are of two countries."""

from __future__ import annotations

from detente.model import Mention


def confidence_of(code: str, source: Mention | None, target: Mention | None) -> float:
    """How far an event is to be trusted (0-1), from its CAMEO `code` and how well its actors
    are linked (their mention confidences)."""
    confidence = 0.8 if source and target else 0.65
    if code.endswith("0") and len(code) == 3:
        confidence -= 0.1  # a "not specified below" code: the coder knows less
    linked = [m.confidence for m in (source, target) if m is not None]
    confidence *= min(1.0, 0.3 + max(linked))
    return confidence


def another_country(source: Mention | None, target: Mention | None) -> bool:
    """Whether the target is an actor of another country than the source's (by the code's
    first three letters: "USAELI" and "USA" are one country)."""
    if target is None or not target.actor_code:
        return False
    return source is None or source.actor_code[:3] != target.actor_code[:3]
