"""Language identification with lingua, on the article text."""

from __future__ import annotations

from functools import cache

from lingua import LanguageDetector, LanguageDetectorBuilder

_SAMPLE_CHARS = 3000


@cache
def _detector() -> LanguageDetector:
    # Low-accuracy mode uses trigram models only: ample for paragraphs, much lighter in memory.
    return LanguageDetectorBuilder.from_all_languages().with_low_accuracy_mode().build()


def detect_language(text: str) -> tuple[str | None, float]:
    """ISO 639-1 code and confidence, or (None, 0.0) when the text is too short or unclear."""
    sample = text[:_SAMPLE_CHARS]
    if sum(c.isalpha() for c in sample) < 12:
        return None, 0.0
    values = _detector().compute_language_confidence_values(sample)
    if not values or values[0].value < 0.3:
        return None, 0.0
    best = values[0]
    return best.language.iso_code_639_1.name.lower(), round(best.value, 4)
