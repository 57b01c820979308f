"""Signals: how a piece is told (tone, sensationalism) and what its commenters think.

- **tone**: VADER compound scores per sentence, averaged per segment, over the article (headline
  and body) and toward each actor (the sentences naming it);
- **sensationalism**: a 0-1 score from counted features of the headline and article —
  exclamations, second person, questions to the reader, hype words, superlatives, loaded labels,
  clickbait headline patterns, shouted words, claims with no source — each reported as a reason
  with its count, what it added and examples (`signals/data/signals.yaml`);
- **thread**: comments and removed comments, the share removed, how many comments name the
  article's main actors, the thread's topics (its most frequent nouns), and each comment's stance
  toward each actor it names, from tone and cue words, with the cues shown. Removed comments are
  counted, never analysed.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from functools import cache

from spacy.tokens import Span, Token

from detente.actors.kb import load_kb
from detente.model import (
    ActorTone,
    Document,
    Mention,
    Reason,
    SegmentKind,
    Sensationalism,
    Signals,
    Stance,
    Thread,
)
from detente.parse.units import Unit
from detente.signals.lexicon import SignalLexicon, load_signal_lexicon, phrase_hits

SECOND_PERSON = frozenset({"you", "your", "yours", "yourself", "yourselves", "ya"})
ATTRIBUTION = re.compile(r"\b(said|says|told|according to|announced|stated|reported|claimed)\b")
MAIN_ACTORS = 3
CLAUSES = frozenset({"ccomp", "advcl", "relcl", "conj", "parataxis", "xcomp"})


@cache
def _vader() -> object:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def tone(text: str) -> float:
    scores = _vader().polarity_scores(text)  # type: ignore[attr-defined]
    return round(float(scores["compound"]), 4)


def compute_signals(
    doc: Document, units: Sequence[Unit], mentions: Sequence[Mention]
) -> tuple[Signals, dict[tuple[int, int], float]]:
    """The document's signals, and the tone of each sentence by (segment, start in segment)."""
    lexicon = load_signal_lexicon()
    article = [u for u in units if not u.thread]
    comments = [u for u in units if u.thread]
    sentence_tone = {(u.segment, s.start_char): tone(s.text) for u in units for s in u.doc.sents}
    segment_tones = {
        u.segment: round(sum(v for (seg, _), v in sentence_tone.items() if seg == u.segment)
                         / max(1, sum(1 for (seg, _) in sentence_tone if seg == u.segment)), 4)
        for u in units
    }  # fmt: skip
    article_tones = [
        v for (seg, _), v in sentence_tone.items() if seg in {u.segment for u in article}
    ]
    headline = next(
        (u for u in article if doc.segments[u.segment].kind is SegmentKind.HEADLINE), None
    )
    signals = Signals(
        tone=round(sum(article_tones) / len(article_tones), 4) if article_tones else None,
        segment_tones=segment_tones,
        actor_tones=_actor_tones(article, mentions, sentence_tone),
        sensationalism=sensationalism(article, headline, lexicon),
        thread=_thread(doc, article, comments, mentions, segment_tones, lexicon),
    )
    return signals, sentence_tone


def _actor_tones(
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


# ---- comment threads -------------------------------------------------------------------------------


def _thread(
    doc: Document,
    article: Sequence[Unit],
    comments: Sequence[Unit],
    mentions: Sequence[Mention],
    segment_tones: dict[int, float],
    lexicon: SignalLexicon,
) -> Thread:
    kinds = [s.kind for s in doc.segments]
    total = sum(k in (SegmentKind.COMMENT, SegmentKind.REMOVED_COMMENT) for k in kinds)
    removed = sum(k is SegmentKind.REMOVED_COMMENT for k in kinds)
    article_segments = {u.segment for u in article}
    named = Counter(
        _rolled(m.actor_code) for m in mentions if m.actor_code and m.segment in article_segments
    )
    main = [code for code, _ in named.most_common(MAIN_ACTORS)]
    stances: list[Stance] = []
    addressing = 0
    topics: Counter[str] = Counter()
    for unit in comments:
        here = [m for m in mentions if m.segment == unit.segment and m.actor_code]
        if {_rolled(m.actor_code) for m in here} & set(main):
            addressing += 1
        topics.update(
            t.lemma_.lower()
            for t in unit.doc
            if t.pos_ in ("NOUN", "PROPN") and t.is_alpha and not t.is_stop and len(t) > 2
        )
        stances += _stances(unit, here, lexicon)
    comment_tones = [segment_tones[u.segment] for u in comments if u.segment in segment_tones]
    return Thread(
        comments=total,
        removed=removed,
        removed_share=round(removed / total, 3) if total else 0.0,
        main_actors=main,
        addressing_main_actors=addressing,
        topics=[w for w, n in sorted(topics.items(), key=lambda x: (-x[1], x[0])) if n > 1][:6],
        tone=round(sum(comment_tones) / len(comment_tones), 4) if comment_tones else None,
        stances=stances,
    )


def _rolled(code: str) -> str:
    """An actor at country level (RUSGOV → RUS); organisations and blocs stay as they are."""
    return code[:3] if len(code) > 3 and not code.startswith(("IGO", "NGO", "IMG")) else code


def _clause(span: Span) -> tuple[list[Token], bool]:
    """The clause an actor is named in (its verb's subtree without the other clauses hanging
    from it), and whether the actor is that clause's subject."""
    head = span.root
    while head.pos_ not in ("VERB", "AUX") and head.head != head:
        head = head.head
    inside = set(range(span.start, span.end))
    skip: set[int] = set()
    for child in head.children:
        if child.dep_ in CLAUSES and not inside & {t.i for t in child.subtree}:
            skip |= {t.i for t in child.subtree}
    tokens = [t for t in head.subtree if t.i not in skip]
    subject = any(c.dep_ in ("nsubj", "nsubjpass") and c.i in inside for c in head.children)
    return tokens, subject


def _stances(unit: Unit, mentions: Sequence[Mention], lexicon: SignalLexicon) -> list[Stance]:
    """Stance toward each actor a comment names: the tone of the clauses naming it, and the cue
    words of the clauses where it is the subject ("the US is an unreliable partner")."""
    clauses: dict[str, list[tuple[list[Token], bool]]] = defaultdict(list)
    for m in mentions:
        span = unit.doc.char_span(m.start - unit.offset, m.end - unit.offset, "expand")
        if span is not None:
            clauses[m.actor_code].append(_clause(span))
    out = []
    for code, found in sorted(clauses.items()):
        text = " ".join(" ".join(t.text for t in tokens) for tokens, _ in found)
        said_of = " ".join(" ".join(t.lower_ for t in tokens) for tokens, subj in found if subj)
        favour, against = (
            phrase_hits(said_of, lexicon.favour),
            phrase_hits(said_of, lexicon.against),
        )
        cue = (len(favour) - len(against)) / max(1, len(favour) + len(against))
        sentiment = tone(text)
        score = lexicon.tone_weight * sentiment + lexicon.cue_weight * cue
        net = len(favour) - len(against)  # a named cue decides; tone decides without one
        if net:
            score = (
                max(score, lexicon.stance_threshold)
                if net > 0
                else min(score, -lexicon.stance_threshold)
            )
        stance = (
            "favour" if score >= lexicon.stance_threshold
            else "against" if score <= -lexicon.stance_threshold
            else "neutral"
        )  # fmt: skip
        cues = [f"+{w}" for w in favour] + [f"-{w}" for w in against] + [f"tone {sentiment:+.2f}"]
        out.append(Stance(segment=unit.segment, actor_code=code, stance=stance,
                          score=round(score, 3), cues=cues))  # fmt: skip
    return out
