"""The cue words of directed relations (`signals/data/relations.yaml`) as a typed lexicon, and
the record of a relation found between two spans of a sentence."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import yaml
from spacy.tokens import Span, Token

from detente.errors import ModelError


@dataclass(frozen=True)
class Cue:
    kind: str
    polarity: int
    part: str  # verb | noun | adjective


@dataclass(frozen=True)
class RelationLexicon:
    cues: dict[tuple[str, str], Cue]  # (lemma, part) → cue
    target_preps: frozenset[str]
    tone_confidence: float
    labelling: frozenset[str] = frozenset()
    saying: frozenset[str] = frozenset()
    verdict_tone: float = 1.0
    verdict_words: dict[str, int] = field(default_factory=dict)
    hypothetical_aux: frozenset[str] = frozenset()
    hypothetical_marks: frozenset[str] = frozenset()
    event_kinds: dict[str, str] = field(default_factory=dict)  # CAMEO code → relation kind
    withholding: frozenset[str] = frozenset()  # kinds whose denial is against the target
    refusal: frozenset[str] = frozenset()
    receiving: frozenset[str] = frozenset()  # "B drew criticism from A"
    holder_preps: frozenset[str] = frozenset()


@cache
def load_relation_lexicon() -> RelationLexicon:
    """The cue words of `signals/data/relations.yaml`; `ModelError` naming the file if broken."""
    where = "signals/data/relations.yaml"
    try:
        data = yaml.safe_load(
            (resources.files("detente.signals") / "data" / "relations.yaml").read_text()
        )
        cues: dict[tuple[str, str], Cue] = {}
        for kind, spec in data["kinds"].items():
            polarity = int(spec["polarity"])
            if polarity not in (-1, 1):
                raise ValueError(f"{kind}: polarity must be 1 or -1")
            for part, key in (("verb", "verbs"), ("noun", "nouns"), ("adjective", "adjectives")):
                for word in spec.get(key, []):
                    cues.setdefault((str(word).lower(), part), Cue(kind, polarity, part))
        words = {str(k).lower(): int(v) for k, v in data["verdict_words"].items()}
        if set(words.values()) - {1, -1}:
            raise ValueError("verdict_words: each value must be 1 or -1")
        return RelationLexicon(
            cues,
            frozenset(data["target_preps"]),
            float(data["tone_confidence"]),
            labelling=frozenset(data["labelling_verbs"]),
            saying=frozenset(data["saying_verbs"]),
            verdict_tone=float(data["verdict_tone"]),
            verdict_words=words,
            hypothetical_aux=frozenset(data["hypothetical_aux"]),
            hypothetical_marks=frozenset(data["hypothetical_marks"]),
            event_kinds={str(k): str(v) for k, v in data["event_kinds"].items()},
            withholding=frozenset(data["withholding_kinds"]),
            refusal=frozenset(data["refusal_verbs"]),
            receiving=frozenset(data["receiving_verbs"]),
            holder_preps=frozenset(data["holder_preps"]),
        )
    except (OSError, KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ModelError(f"{where}: {exc}") from exc


@dataclass(frozen=True)
class Found:
    """A relation found between two spans of one sentence: `holder` → `target`."""

    holder: Span
    target: Span
    kind: str
    polarity: int
    cue: Token
