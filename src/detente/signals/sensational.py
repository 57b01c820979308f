"""Sensationalism: a 0-1 score from counted features of the headline and article, each a reason."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from spacy.tokens import Span, Token

from detente.actors.kb import load_kb
from detente.model import (
    Reason,
    Sensationalism,
)
from detente.parse.units import Unit
from detente.signals.lexicon import SignalLexicon, phrase_hits

SECOND_PERSON = frozenset({"you", "your", "yours", "yourself", "yourselves", "ya"})
ATTRIBUTION = re.compile(r"\b(said|says|told|according to|announced|stated|reported|claimed)\b")


def sensationalism(
    article: Sequence[Unit], headline: Unit | None, lexicon: SignalLexicon
) -> Sensationalism:
    sentences: list[Span] = [s for u in article for s in u.doc.sents]
    text = " ".join(u.doc.text for u in article)
    lower = text.lower()
    counts: dict[str, list[str]] = {name: [] for name in lexicon.features}
    for sent in sentences:
        stripped = sent.text.strip().strip("”\"’' ")
        if stripped.endswith("!"):
            counts["exclamation"].append(stripped[-60:])
        if stripped.endswith("?") and not _quoted(sent):
            counts["question"].append(stripped[-60:])
        for token in sent:
            if token.lower_ in SECOND_PERSON and not _inside_quotes(token.idx, sent.doc.text):
                counts["second_person"].append(token.text)
            if token.tag_ in ("JJS", "RBS") and token.lower_ not in ("most", "least", "best"):
                counts["superlative"].append(token.text)
            if _shouted(token, headline):
                counts["all_caps"].append(token.text)
    counts["hype"] = phrase_hits(lower, lexicon.hype)
    counts["loaded"] = phrase_hits(lower, lexicon.loaded)
    counts["hedge"] = phrase_hits(lower, lexicon.hedges)
    if headline is not None:
        title = headline.doc.text.strip()
        counts["clickbait"] = [p.pattern for p in lexicon.clickbait if p.search(title)][:1]
    if (
        len(sentences) >= 3
        and not ATTRIBUTION.search(lower)
        and "“" not in text
        and '"' not in text
    ):
        counts["unsourced"] = ["no source is named or quoted"]
    reasons = []
    total = 0.0
    for name, feature in lexicon.features.items():
        hits = counts.get(name, [])
        if not hits:
            continue
        value = min(len(hits), feature.cap) / feature.cap
        contribution = feature.weight * value
        total += contribution
        examples = list(dict.fromkeys(hits))[:4]
        reasons.append(Reason(feature=name, count=len(hits), contribution=round(contribution, 3),
                              examples=examples))  # fmt: skip
    reasons.sort(key=lambda r: -r.contribution)
    return Sensationalism(score=round(1 - math.exp(-total), 3), reasons=reasons)


def _shouted(token: Token, headline: Unit | None) -> bool:
    """A word in capitals that is not an acronym the knowledge base knows (NATO, ASEAN), in a
    text that is not all capitals anyway."""
    if len(token.text) < 4 or not token.is_alpha or not token.text.isupper():
        return False
    if headline is not None and token.doc is headline.doc and headline.doc.text.isupper():
        return False
    return not load_kb().targets(token.text)


def _inside_quotes(index: int, text: str) -> bool:
    before = text[:index]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def _quoted(sent: Span) -> bool:
    return sent.text.strip()[:1] in '“"' or sent.text.strip()[-1:] in '”"'
