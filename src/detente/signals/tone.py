"""Tone: VADER compound scores per sentence, and the tone toward each actor from what its
sentences say about it (a small linear model over the mention's parse, `tone_features`)."""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np
from spacy.tokens import Span

from detente.errors import ModelError
from detente.model import ActorTone, Mention
from detente.parse.units import Unit
from detente.signals.tone_features import mention_reading, vader
from detente.yamlfiles import load_yaml

LABELS = ("negative", "neutral", "positive")
MODEL_FILE = "tone_model.json"


def tone(text: str) -> float:
    """VADER's compound score of a text, -1..1, rounded to 4 places."""
    return round(vader(text), 4)


@dataclass(frozen=True)
class ToneModel:
    """Multinomial logistic regression over named features and the parser's token vectors: a
    bias and, per feature, one weight per label of `LABELS`; for the dense vector
    (`tone_features.dense_vector`), a 3 × d weight matrix applied to the vector minus its
    training mean (so a `Doc` without vectors falls back on the named features alone). Trained
    by `train/train_tone.py` on NewsMTSC (MIT)."""

    bias: tuple[float, float, float]
    weights: dict[str, tuple[float, float, float]]
    dense_mean: np.ndarray | None = None
    dense_weights: np.ndarray | None = None

    def probabilities(
        self, features: dict[str, float], vector: np.ndarray | None = None
    ) -> tuple[float, float, float]:
        """P(negative), P(neutral), P(positive) for a mention's features (and its dense
        vector, when the model has dense weights and the vector has their width)."""
        return self.probabilities_of([features], [vector])[0]

    def probabilities_of(
        self, features: Sequence[dict[str, float]], vectors: Sequence[np.ndarray | None]
    ) -> list[tuple[float, float, float]]:
        """`probabilities` of many mentions at once: one (P(negative), P(neutral), P(positive))
        per row of `features` (with `vectors[i]` its dense vector or None). Plain arithmetic
        per named feature (a row has a few dozen): cheaper than gathering them into arrays."""
        weights, bias = self.weights, self.bias
        mean, dense = self.dense_mean, self.dense_weights
        out = []
        for row, vector in zip(features, vectors, strict=True):
            z0, z1, z2 = bias
            for name, value in row.items():
                if value and name in weights:
                    w = weights[name]
                    z0 += w[0] * value
                    z1 += w[1] * value
                    z2 += w[2] * value
            # a vector of another width (another parser) is left out
            if vector is not None and mean is not None and vector.shape == mean.shape:
                dz = dense @ (vector - mean) if dense is not None else np.zeros(3)
                z0, z1, z2 = z0 + float(dz[0]), z1 + float(dz[1]), z2 + float(dz[2])
            top = max(z0, z1, z2)
            e0, e1, e2 = math.exp(z0 - top), math.exp(z1 - top), math.exp(z2 - top)
            total = e0 + e1 + e2
            out.append((e0 / total, e1 / total, e2 / total))
        return out


@cache
def load_tone_model() -> ToneModel:
    """The packaged tone model (`signals/data/tone_model.json`); `ModelError` if it is broken."""
    where = f"signals/data/{MODEL_FILE}"
    try:
        data = json.loads((resources.files("detente.signals") / "data" / MODEL_FILE).read_text())
        if tuple(data["labels"]) != LABELS:
            raise ValueError(f"labels {data['labels']} are not {LABELS}")
        weights = {k: (float(v[0]), float(v[1]), float(v[2])) for k, v in data["weights"].items()}
        b = data["bias"]
        mean = matrix = None
        if "dense" in data:
            mean = np.asarray(data["dense"]["mean"], dtype=np.float64)
            matrix = np.asarray(data["dense"]["weights"], dtype=np.float64)
            if mean.ndim != 1 or matrix.shape != (3, len(mean)):
                raise ValueError(f"dense weights {matrix.shape} do not fit the mean {mean.shape}")
        return ToneModel((float(b[0]), float(b[1]), float(b[2])), weights, mean, matrix)
    except (OSError, KeyError, TypeError, ValueError, IndexError) as exc:
        raise ModelError(f"{where}: {exc} (rebuild it with train/train_tone.py)") from exc


@dataclass(frozen=True)
class TargetTone:
    """The tone toward one mention: its label, a score P(positive) - P(negative) in -1..1, the
    label's probability, and whether the mention stands inside a quotation."""

    label: str
    score: float
    confidence: float
    quoted: bool


def target_tone(span: Span, sentence_vader: float | None = None) -> TargetTone:
    """The tone of a sentence toward the mention `span` (a span of a parsed `Doc`), from what
    the sentence says of it: its role, governing verb, modifiers and clause, and the parser's
    token vectors around it.

    `sentence_vader`: the sentence's VADER score when the caller has it already."""
    return target_tones([span], [sentence_vader])[0]


def target_tones(
    spans: Sequence[Span], sentence_vaders: Sequence[float | None]
) -> list[TargetTone]:
    """`target_tone` of many mentions (spans of parsed `Doc`s, each with its sentence's VADER
    score or None), scored by the model in one pass."""
    read = [mention_reading(s, v) for s, v in zip(spans, sentence_vaders, strict=True)]
    features, vectors = [f for f, _ in read], [v for _, v in read]
    scored = load_tone_model().probabilities_of(features, vectors)
    out = []
    for probs, found in zip(scored, features, strict=True):
        best = max(range(3), key=probs.__getitem__)
        out.append(TargetTone(
            label=LABELS[best],
            score=round(probs[2] - probs[0], 4),
            confidence=round(probs[best], 4),
            quoted=bool(found.get("quoted")),
        ))  # fmt: skip
    return out


MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod"})
"""A mention in one of these roles under a noun after it only names what a phrase is about ("the
Iraq war", "a giant US budget deficit", "British Jews"): it carries no tone of its own."""
UNSURE = 0.5
"""Below this probability of its label, a target tone counts as neutral (precision first)."""


def is_modifier(span: Span) -> bool:
    """Whether a mention only modifies a noun after it ("the Iraq war", "US budget deficit"),
    directly or inside a modifier of it ("an Ethiopian-flagged ship", "a Chinese-owned port")."""
    root = span.root
    head = root.head
    if root.dep_ not in MODIFIER_DEPS:
        return False
    if head.pos_ in ("ADJ", "VERB") and head.dep_ in ("amod", "compound") and head.i >= span.end:
        head = head.head  # the name is inside a pre-nominal modifier: "Ethiopian-flagged"
    return head.pos_ in ("NOUN", "PROPN") and head.i >= span.end


@cache
def tone_words(key: str) -> frozenset[str]:
    """A word list of the `tone` section of `signals/data/signals.yaml` (`helping_verbs`,
    `locative_preps`, `place_nouns`), lower-cased; `ModelError` naming the file and the list
    when it is missing or malformed."""

    try:
        data = load_yaml((resources.files("detente.signals") / "data" / "signals.yaml").read_text())
        return frozenset(str(v).lower() for v in data["tone"][key])
    except (OSError, KeyError, TypeError) as exc:
        raise ModelError(f"signals/data/signals.yaml: tone.{key}: {exc}") from exc


PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})


def is_scene(span: Span) -> bool:
    """Whether a place mention only says where something happened: the object of a locative
    preposition ("in Ethiopia", `locative_preps`) or of "of" under a place noun ("off the coast
    of Somalia", `place_nouns`). Names of people, groups and organisations are never scenes."""
    root = span.root
    if root.ent_type_ not in PLACE_TYPES or root.dep_ != "pobj":
        return False
    prep = root.head
    if prep.lower_ in tone_words("locative_preps"):
        return True
    return prep.lower_ == "of" and prep.head.lower_ in tone_words("place_nouns")


PHRASE_DEPS = frozenset({"poss", "compound", "amod", "flat", "appos", "nmod"})
"""Dependencies that keep a mention inside the noun phrase of its head ("India's navy")."""


def is_helper(span: Span) -> bool:
    """Whether the mention's phrase is the subject (or the passive's doer) of a helping verb
    (`helping_verbs`: "India's navy rescued the crew", "civilians evacuated by France"), told
    without negation and not as help to do something ("helped the army crush the revolt")."""
    tok = span.root
    for _ in range(3):
        if tok.dep_ not in PHRASE_DEPS or tok.head == tok:
            break
        tok = tok.head
    if tok.dep_ == "pobj" and tok.head.dep_ == "agent":
        verb = tok.head.head
    elif tok.dep_ == "nsubj":
        verb = tok.head
    else:
        return False
    kids = [c.dep_ for c in verb.children]
    return (
        verb.lemma_.lower() in tone_words("helping_verbs")
        and "neg" not in kids
        and not {"xcomp", "ccomp"} & set(kids)
    )


def actor_tone_of(span: Span, sentence_vader: float | None = None) -> TargetTone:
    """The tone toward a mention as an actor: `target_tone`, made neutral (score 0) when the
    mention only modifies a noun, only names the scene (`is_scene`) or the model is unsure
    (label probability under `UNSURE`), and never negative for a helper (`is_helper`: the harm
    told is the victims')."""
    return _as_actor(span, target_tone(span, sentence_vader))


def _as_actor(span: Span, said: TargetTone) -> TargetTone:
    """`actor_tone_of` from the mention's target tone."""
    if is_modifier(span) or is_scene(span) or said.confidence < UNSURE:
        return TargetTone("neutral", 0.0, said.confidence, said.quoted)
    if said.score < 0 and is_helper(span):
        return TargetTone("neutral", 0.0, said.confidence, said.quoted)
    return said


def actor_tones(
    article: Sequence[Unit], mentions: Sequence[Mention], tones: dict[tuple[int, int], float]
) -> list[ActorTone]:
    """The tone toward each linked actor of the article: the mean target tone of the sentences
    naming it, the writer's own sentences (`tone`) kept apart from quoted ones (`quoted_tone`);
    each sentence counts once per actor (read at its first mention there). An actor is a person
    when the mention names one (Trump and Clinton, both USAELI, are two actors; Bush as USAGOV
    and as USAELI is one, under the code of his first mention), else its code."""
    said: dict[str, dict[tuple[int, int], TargetTone]] = defaultdict(dict)
    who: dict[str, Mention] = {}  # person id (or code) → its first mention: code and name
    names: dict[str, str] = {}
    by_segment: dict[int, list[Mention]] = defaultdict(list)
    for m in mentions:
        if m.actor_code:
            by_segment[m.segment].append(m)
    pending: list[tuple[str, tuple[int, int], Span]] = []  # scored together below
    for unit in article:
        for m in by_segment.get(unit.segment, ()):
            span = unit.doc.char_span(m.start - unit.offset, m.end - unit.offset, "expand")
            if span is None:
                continue
            actor = m.person or m.actor_code
            who.setdefault(actor, m)
            if m.person and m.method != "pronoun" and len(m.text) > len(names.get(actor, "")):
                names[actor] = m.text  # the fullest way the text names the person
            key = (unit.segment, span.sent.start_char)
            if key not in said[actor]:  # the first mention speaks for the sentence
                said[actor][key] = NOT_YET
                pending.append((actor, key, span))
    found = target_tones([s for *_, s in pending], [tones.get(k) for _, k, _ in pending])
    for (actor, key, span), tone_of in zip(pending, found, strict=True):
        said[actor][key] = _as_actor(span, tone_of)
    out = []
    for actor, by_sentence in sorted(said.items(), key=lambda kv: (who[kv[0]].actor_code, kv[0])):
        first = who[actor]
        own = [t for t in by_sentence.values() if not t.quoted]
        quoted = [t for t in by_sentence.values() if t.quoted]
        out.append(ActorTone(
            actor_code=first.actor_code, person=first.person or None,
            name=names.get(actor) if first.person else first.actor_name,
            tone=_mean(own) if own else 0.0,
            sentences=len(by_sentence),
            quoted_tone=_mean(quoted) if quoted else None,
            quoted_sentences=len(quoted),
            negative=sum(t.label == "negative" for t in by_sentence.values()),
            positive=sum(t.label == "positive" for t in by_sentence.values()),
        ))  # fmt: skip
    return out


NOT_YET = TargetTone("neutral", 0.0, 0.0, False)  # a sentence's slot until it is scored


def _mean(found: Sequence[TargetTone]) -> float:
    return round(sum(t.score for t in found) / len(found), 4)
