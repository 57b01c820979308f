"""Comment threads: removed share, main actors named, topics, and each comment's stance."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from spacy.tokens import Span, Token

from detente.model import (
    Document,
    Mention,
    SegmentKind,
    Stance,
    Thread,
)
from detente.parse.units import Unit
from detente.signals.lexicon import SignalLexicon, phrase_hits
from detente.signals.tone import tone

MAIN_ACTORS = 3
CLAUSES = frozenset({"ccomp", "advcl", "relcl", "conj", "parataxis", "xcomp"})


def thread_signals(
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
