"""Signals: how a piece is told (tone, sensationalism) and what its commenters think.

- **tone**: VADER compound scores per sentence, averaged per segment and over the article
  (headline and body); toward each actor, what its sentences say of it (a small linear model over
  the mention's parse, trained on NewsMTSC), quoted sentences kept apart;
- **relations**: who praises, supports, criticises, accuses, opposes or threatens whom within a
  sentence, from cue words (`signals/data/relations.yaml`), with the sentence as evidence;
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

from collections.abc import Sequence

from detente.model import Document, Event, Mention, SegmentKind, Signals
from detente.parse.units import Unit
from detente.signals.lexicon import load_signal_lexicon
from detente.signals.relations import directed_relations
from detente.signals.sensational import sensationalism
from detente.signals.thread import thread_signals
from detente.signals.tone import actor_tones, tone

__all__ = ["compute_signals", "sensationalism", "tone"]


def compute_signals(
    doc: Document,
    units: Sequence[Unit],
    mentions: Sequence[Mention],
    events: Sequence[Event] = (),
) -> tuple[Signals, dict[tuple[int, int], float]]:
    """The document's signals, and the tone of each sentence by (segment, start in segment);
    `events` (the coder's) add the stance events no cue word found to the relations."""
    lexicon = load_signal_lexicon()
    article = [u for u in units if not u.thread]
    comments = [u for u in units if u.thread]
    sentence_tone = {
        (u.segment, s.start_char): tone(parsed[s.start_char : s.end_char])
        for u in units
        for parsed in [u.text if u.written is None else u.doc.text]  # `Span.text` joins tokens
        for s in u.doc.sents
    }
    by_segment: dict[int, list[float]] = {}  # grouped once, in order: the sums are the same
    for (seg, _), v in sentence_tone.items():
        by_segment.setdefault(seg, []).append(v)
    segment_tones = {
        u.segment: round(sum(by_segment.get(u.segment, ())) / max(1, len(by_segment.get(u.segment, ()))), 4)
        for u in units
    }  # fmt: skip
    in_article = {u.segment for u in article}
    article_tones = [v for (seg, _), v in sentence_tone.items() if seg in in_article]
    headline = next(
        (u for u in article if doc.segments[u.segment].kind is SegmentKind.HEADLINE), None
    )
    signals = Signals(
        tone=round(sum(article_tones) / len(article_tones), 4) if article_tones else None,
        segment_tones=segment_tones,
        actor_tones=actor_tones(article, mentions, sentence_tone),
        relations=directed_relations(article, mentions, events),
        sensationalism=sensationalism(article, headline, lexicon),
        thread=thread_signals(doc, article, comments, mentions, segment_tones, lexicon),
    )
    return signals, sentence_tone
