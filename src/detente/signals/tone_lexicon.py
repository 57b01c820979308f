"""VADER for detente: the compound score of a text (with shortcuts that leave every score as
VADER gives it) and its lexicon keyed by spaCy's string ids, to read a parse at once."""

from __future__ import annotations

from functools import cache


class _Vader:
    """VADER's `polarity_scores` with two shortcuts that leave every score unchanged: a text
    without emoji skips the character-by-character emoji pass, and a word outside the lexicon
    (or a booster) takes valence 0 without the per-word context checks (which VADER only runs
    for lexicon words)."""

    def __init__(self) -> None:
        from vaderSentiment import vaderSentiment as vs

        self._vs = vs
        self.analyzer = vs.SentimentIntensityAnalyzer()
        self.lexicon: dict[str, float] = self.analyzer.lexicon
        self._emoji_chars = frozenset(k for k in self.analyzer.emojis if len(k) == 1)

    def compound(self, text: str) -> float:
        """VADER's compound score of `text`, exactly as `polarity_scores` gives it."""
        a, vs = self.analyzer, self._vs
        if not self._emoji_chars.isdisjoint(text):
            return float(a.polarity_scores(text)["compound"])
        sentitext = vs.SentiText(text.strip())
        words = sentitext.words_and_emoticons
        sentiments: list[float] = []
        boosters, lexicon = vs.BOOSTER_DICT, self.lexicon
        last = len(words) - 1
        for i, item in enumerate(words):
            low = item.lower()
            kind_of = i < last and low == "kind" and words[i + 1].lower() == "of"
            if low in boosters or low not in lexicon or kind_of:
                sentiments.append(0)
            else:
                sentiments = a.sentiment_valence(0, sentitext, item, i, sentiments)
        sentiments = a._but_check(words, sentiments)
        return float(a.score_valence(sentiments, sentitext.text)["compound"])


@cache
def _vader() -> _Vader:
    return _Vader()


def vader(text: str) -> float:
    """VADER's compound score of a text, -1..1 (0.0 for an empty text)."""
    if not text.strip():
        return 0.0
    return _vader().compound(text)


@cache
def lexicon_by_id() -> dict[int, float]:
    """VADER's lexicon keyed by spaCy's string ids (hashes of the words)."""
    from spacy.strings import get_string_id

    return {get_string_id(word): value for word, value in _vader().lexicon.items()}
