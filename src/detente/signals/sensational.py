"""Sensationalism: a 0-1 score from the headline model and counted habits of the body, each a reason.

score = sigmoid(Σ contributions), in log-odds: the headline model's intercept, habits and words
(`signals/headline.py`), or `no_headline` when the piece has none; then each body habit of
`signals.yaml` (`features`) as weight × min(count, cap) / cap, and loaded labels anywhere. A sober
body adds nothing, so a headline alone and the same headline over a sober article score the same;
`cutoff` (0.5) is the documented line between sensational and not. News furniture counts as no
habit: update stamps and bylines are blanked, consent banners' sentences skipped, news labels in
capitals ("UPDATE", "EXCLUSIVE") are not shouting, and "no source named" never counts alone.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.attrs import IDX, IS_ALPHA, LENGTH, TAG
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

from detente.actors.kb import load_kb
from detente.model import Reason, Sensationalism
from detente.nlp import lowers
from detente.parse.units import Unit
from detente.signals.headline import SECOND_PERSON, headline_reasons
from detente.signals.lexicon import SignalLexicon, phrase_hits, sensational_words, without_stamps
from detente.signals.needles import may_match

ATTRIBUTION = re.compile(r"\b(said|says|told|according to|announced|stated|reported|claimed)\b")
_LONE_HEADLINE_CHARS = 160  # a document that is one short line is its own headline
_CAPITALS_SHARE = 0.6


def sensationalism(
    article: Sequence[Unit], headline: Unit | None, lexicon: SignalLexicon
) -> Sensationalism:
    """Score a piece from its article units (headline and body, no comments) and its headline
    unit (None when it has none; a piece that is one short line is taken as a headline).

    Returns the score (0-1, ≥ `lexicon.cutoff` is sensational) and its reasons, whose
    contributions (log-odds) sum to the logit of the score."""
    if headline is None and len(article) == 1 and len(article[0].text) <= _LONE_HEADLINE_CHARS:
        headline = article[0]
    if headline is not None:
        reasons = headline_reasons(headline.text, lexicon, _known)
    else:
        reasons = [Reason(feature="baseline", count=0, contribution=lexicon.no_headline,
                          examples=["no headline"])]  # fmt: skip
    body = [u for u in article if u is not headline]
    counts = body_habits(body, lexicon)
    everywhere = " ".join(u.text for u in article).lower()
    counts["loaded"] = sensational_words(everywhere, lexicon.loaded, lexicon)
    for name, feature in lexicon.features.items():
        hits = counts.get(name, [])
        if hits:
            contribution = feature.weight * min(len(hits), feature.cap) / feature.cap
            reasons.append(Reason(feature=name, count=len(hits),
                                  contribution=round(contribution, 3),
                                  examples=list(dict.fromkeys(hits))[:4]))  # fmt: skip
    logit = sum(r.contribution for r in reasons)
    reasons.sort(key=lambda r: -abs(r.contribution))
    return Sensationalism(score=round(1 / (1 + math.exp(-logit)), 3), reasons=reasons)


def body_habits(body: Sequence[Unit], lexicon: SignalLexicon) -> dict[str, list[str]]:
    """The habits counted in body sentences (site furniture skipped, stamps blanked): feature
    name → what was found, one entry per occurrence. "unsourced" only beside another habit."""
    counts: dict[str, list[str]] = {name: [] for name in lexicon.features}
    kept: list[str] = []
    hype: list[str] = []
    sentences = 0
    clickbait = lexicon.clickbait_needles
    for unit in body:
        written = without_stamps(unit.text, lexicon)  # same length: the parse's offsets hold
        words = _words(unit.doc, written)
        for sent in unit.doc.sents:
            said = written[sent.start_char : sent.end_char]
            lower = said.lower()
            sentences += 1
            if phrase_hits(lower, lexicon.furniture):
                continue
            kept.append(lower)
            hype += sensational_words(lower, lexicon.hype, lexicon)
            _sentence_habits(sent, words, said, written, lexicon, counts)
            if may_match(lower, lower, clickbait) and (
                found := lexicon.body_clickbait.search(lower)
            ):
                counts["clickbait"].append(found.group(0))
    text = " ".join(kept)
    counts["hype"] = hype
    counts["hedge"] = phrase_hits(text, lexicon.hedges)
    if sentences >= 3 and any(counts.values()) and not _sourced(text):
        counts["unsourced"] = ["no source is named or quoted"]
    return counts


@dataclass(frozen=True)
class _Words:
    """What the body habits read of a parse's tokens, read at once per paragraph (a `Token` made
    for every word was most of this stage's time): `alpha`, per token, whether it is letters
    only; `marked`, in order, the tokens that are second person or a superlative (JJS, RBS
    other than "most", "least", "best"), `kinds` which; `upper`, in order, the letters-only
    tokens written in capitals in the paragraph's text (stamps blanked); `spans`, per token,
    its character offset and length."""

    alpha: list[int]
    marked: list[int]
    kinds: list[tuple[bool, bool]]  # per marked token: (second person, superlative)
    upper: list[int]
    spans: list[tuple[int, int]]


def _words(doc: Doc, written: str) -> _Words:
    if not len(doc):
        return _Words([], [], [], [], [])
    table = doc.to_array([TAG, IS_ALPHA, IDX, LENGTH]).tolist()
    words = lowers(doc)
    second = {i for i, word in enumerate(words) if word in SECOND_PERSON}
    superlative = {
        i for i, row in enumerate(table)
        if row[0] in _SUPERLATIVE and words[i] not in ("most", "least", "best")
    }  # fmt: skip
    marked = sorted(second | superlative)
    kinds = [(i in second, i in superlative) for i in marked]
    upper = [
        i for i, (_, alpha, idx, length) in enumerate(table)
        if alpha and written[idx : idx + length].isupper()
    ]  # fmt: skip
    spans = [(row[2], row[3]) for row in table]
    return _Words([row[1] for row in table], marked, kinds, upper, spans)


_SUPERLATIVE = frozenset(get_string_id(tag) for tag in ("JJS", "RBS"))


def _sentence_habits(
    sent: Span,
    words: _Words,
    said: str,
    written: str,
    lexicon: SignalLexicon,
    counts: dict[str, list[str]],
) -> None:
    """Exclamations, questions to the reader, second person, superlatives and shouted words of
    one sentence (`words`: its paragraph's tokens, as `_words` reads them; `said`: its text as
    written; `written`: its unit's)."""
    stripped = said.strip().strip("”\"’' ")
    if stripped.endswith("!"):
        counts["exclamation"].append(stripped[-60:])
    if stripped.endswith("?") and not _quoted(said):
        counts["question"].append(stripped[-60:])
    start, end = sent.start, sent.end
    doc = sent.doc
    marked = words.marked
    for k in range(bisect_left(marked, start), bisect_left(marked, end)):
        i, (second, superlative) = marked[k], words.kinds[k]
        if second and not _inside_quotes(words.spans[i][0], written):
            counts["second_person"].append(doc[i].text)
        if superlative:
            counts["superlative"].append(doc[i].text)
    upper = words.upper[bisect_left(words.upper, start) : bisect_left(words.upper, end)]
    if len(upper) < _CAPITALS_SHARE * sum(words.alpha[start:end]):
        # a sentence in capitals shouts no word
        for i in upper:
            idx, length = words.spans[i]
            word = written[idx : idx + length]
            if _shouted(word, lexicon):
                counts["all_caps"].append(word)


def _sourced(text: str) -> bool:
    return bool(ATTRIBUTION.search(text)) or "“" in text or '"' in text


def _known(word: str) -> bool:
    return bool(load_kb().targets(word))


def _shouted(word: str, lexicon: SignalLexicon) -> bool:
    """A word in capitals that shouts (`SignalLexicon.shouts`: no acronym such as TIFF, no news
    label such as UPDATE) and is no acronym the knowledge base knows (NATO, ASEAN)."""
    if not word.isupper():
        return False
    return lexicon.shouts(word) and not _known(word)


def _inside_quotes(index: int, text: str) -> bool:
    before = text[:index]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def _quoted(text: str) -> bool:
    return text.strip()[:1] in '“"' or text.strip()[-1:] in '”"'
