"""Comment threads: removed share, main actors named, topics, and each comment's stance."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from spacy.attrs import IS_ALPHA, IS_STOP, LEMMA, LENGTH, POS
from spacy.parts_of_speech import NOUN, PROPN
from spacy.tokens import Doc, Span, Token

from detente.errors import ModelError
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
from detente.signals.tone_features import clause_tokens, governor
from detente.yamlfiles import load_yaml

MAIN_ACTORS = 3


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
        topics.update(_topic_words(unit.doc))
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


def _topic_words(doc: Doc) -> list[str]:
    """The lower-cased lemmas of a parse's nouns and names of three letters or more, letters
    only, no stop words; read from the parse at once (no `Token` made for each word)."""
    if not len(doc):
        return []
    strings = doc.vocab.strings
    return [
        strings[lemma].lower()
        for pos, alpha, stop, length, lemma in doc.to_array(
            [POS, IS_ALPHA, IS_STOP, LENGTH, LEMMA]
        ).tolist()
        if pos in _NOUNS and alpha and not stop and length > 2
    ]


_NOUNS = frozenset({NOUN, PROPN})


def _rolled(code: str) -> str:
    """An actor at country level (RUSGOV → RUS); organisations and blocs stay as they are."""
    return code[:3] if len(code) > 3 and not code.startswith(("IGO", "NGO", "IMG")) else code


@dataclass(frozen=True)
class StanceLexicon:
    """`signals/data/stance.yaml`: mockery cues, sarcasm markers and their weights."""

    mockery: tuple[str, ...]
    sarcasm: tuple[str, ...]
    sarcasm_factor: float
    adjunct_weight: float


@cache
def load_stance_lexicon() -> StanceLexicon:
    """The stance word lists; `ModelError` naming the file when it is broken."""
    try:
        data = load_yaml((resources.files("detente.signals") / "data" / "stance.yaml").read_text())
        return StanceLexicon(
            tuple(str(w).lower() for w in data["mockery"]),
            tuple(str(w).lower() for w in data["sarcasm"]),
            float(data["sarcasm_factor"]),
            float(data["adjunct_weight"]),
        )
    except (OSError, KeyError, TypeError, ValueError) as exc:
        raise ModelError(f"signals/data/stance.yaml: {exc}") from exc


def _clause(span: Span) -> tuple[list[Token], str]:
    """The clause an actor is named in (its verb's subtree without the other clauses hanging
    from it), and the actor's role there: subject, object, or adjunct (named in a phrase of a
    clause whose subject is another word: "win in Ukraine")."""
    head = governor(span)
    tokens = clause_tokens(span)
    inside = set(range(span.start, span.end))
    role = "object"
    for child in head.children:
        if child.dep_ in ("nsubj", "nsubjpass") and inside & {t.i for t in child.subtree}:
            role = "subject"
            break
    else:
        path = []
        tok = span.root
        while tok != head and tok.head != tok:
            path.append(tok.dep_)
            tok = tok.head
        has_subject = any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in head.children)
        if "agent" in path:  # "invaded by Russia": the doer
            role = "subject"
        elif has_subject and {"prep", "npadvmod"} & set(path):
            role = "adjunct"
    return tokens, role


def _stances(unit: Unit, mentions: Sequence[Mention], lexicon: SignalLexicon) -> list[Stance]:
    """Stance toward each actor a comment names: the tone of the clauses naming it (those where
    it is only an adjunct of a clause about another actor count for `adjunct_weight`), and the
    cue and mockery words of the clauses where it is the subject ("the US is an unreliable
    partner", "Russia cannot even win"); sarcasm markers turn praise round."""
    words = load_stance_lexicon()
    clauses: dict[str, list[tuple[list[Token], str]]] = defaultdict(list)
    for m in mentions:
        span = unit.doc.char_span(m.start - unit.offset, m.end - unit.offset, "expand")
        if span is not None:
            clauses[m.actor_code].append(_clause(span))
    lowered = unit.text.lower()
    sarcasm = phrase_hits(lowered, words.sarcasm)
    out = []
    for code, found in sorted(clauses.items()):
        # as written ("can't", not "ca n't"), so that phrases with contractions match
        said_of = " ".join("".join(t.text_with_ws for t in tokens).lower() for tokens, r in found
                           if r == "subject")  # fmt: skip
        favour = phrase_hits(said_of, lexicon.favour)
        against = phrase_hits(said_of, lexicon.against) + phrase_hits(said_of, words.mockery)
        cue = (len(favour) - len(against)) / max(1, len(favour) + len(against))
        tones = [(tone(" ".join(t.text for t in tokens)), r) for tokens, r in found]
        weights = [words.adjunct_weight if r == "adjunct" else 1.0 for _, r in tones]
        sentiment = sum(v * w for (v, _), w in zip(tones, weights, strict=True)) / len(tones)
        score = lexicon.tone_weight * sentiment + lexicon.cue_weight * cue
        net = len(favour) - len(against)  # a named cue decides; tone decides without one
        if net:
            score = (
                max(score, lexicon.stance_threshold)
                if net > 0
                else min(score, -lexicon.stance_threshold)
            )
        cues = [f"+{w}" for w in favour] + [f"-{w}" for w in against] + [f"tone {sentiment:+.2f}"]
        if sarcasm and score > 0:
            score = -score * words.sarcasm_factor
            cues += [f"sarcasm {w}" for w in sarcasm]
        stance = (
            "favour" if score >= lexicon.stance_threshold
            else "against" if score <= -lexicon.stance_threshold
            else "neutral"
        )  # fmt: skip
        out.append(Stance(segment=unit.segment, actor_code=code, stance=stance,
                          score=round(score, 3), cues=cues))  # fmt: skip
    return out
