"""The cue words of directed relations (`signals/data/relations.yaml`) as a typed lexicon, and
the record of a relation found between two spans of a sentence."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from spacy.strings import get_string_id
from spacy.tokens import Span, Token

from detente.errors import ModelError
from detente.yamlfiles import load_yaml


@dataclass(frozen=True)
class Cue:
    kind: str
    polarity: int
    part: str  # verb | noun | adjective


@dataclass(frozen=True)
class RelationLexicon:
    cues: dict[tuple[str, str], Cue]  # (lemma, part) → cue
    target_preps: frozenset[str]
    labelling: frozenset[str] = frozenset()
    saying: frozenset[str] = frozenset()
    attributing: frozenset[str] = frozenset()  # "according to A, B is guilty"
    verdict_tone: float = 1.0
    verdict_words: dict[str, int] = field(default_factory=dict)
    hypothetical_aux: frozenset[str] = frozenset()
    hypothetical_marks: frozenset[str] = frozenset()
    event_kinds: dict[str, str] = field(default_factory=dict)  # CAMEO code → relation kind
    withholding: frozenset[str] = frozenset()  # kinds whose denial is against the target
    refusal: frozenset[str] = frozenset()
    receiving: frozenset[str] = frozenset()  # "B drew criticism from A"
    holder_preps: frozenset[str] = frozenset()
    agents: dict[str, Cue] = field(default_factory=dict)  # "critic" → criticise: "B's critics"
    prep_cues: dict[tuple[str, str], Cue] = field(default_factory=dict)  # (verb, prep) → cue
    directing: frozenset[str] = frozenset()  # "criticism aimed at B"
    answering: frozenset[str] = frozenset()  # "B responded to A's attacks": B is the target
    reversing: frozenset[str] = frozenset()  # "did not rule out backing B": no withholding
    subject_preps: frozenset[str] = frozenset()  # "by accusing B": the verb's subject holds
    object_preps: frozenset[str] = frozenset()  # "blamed A for attacking B": its object holds
    control: frozenset[str] = frozenset()  # "A trusts B to act": B is the object
    time_preps: frozenset[str] = frozenset()  # "after the attack on B": no holder from the clause
    state_preps: frozenset[str] = frozenset()  # "B is under investigation by A"
    noun_preps: frozenset[str] = frozenset()  # target prepositions after a noun only
    noun_prep_verbs: frozenset[str] = frozenset()  # ... and after these verbs
    keen: frozenset[str] = frozenset()  # "A was quick to condemn B": A holds it
    negating_subjects: frozenset[str] = frozenset()  # "nobody praised B"
    words: frozenset[str] = frozenset()  # every lemma that may start a relation: a pre-check
    word_ids: frozenset[int] = frozenset()  # their spaCy string hashes (`Doc.to_array(LEMMA)`)


@cache
def load_relation_lexicon() -> RelationLexicon:
    """The cue words of `signals/data/relations.yaml`; `ModelError` naming the file if broken."""
    where = "signals/data/relations.yaml"
    try:
        data = load_yaml(
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
        agents, prep_cues = _agents_and_preps(data, cues)
        labelling, saying = _words(data, "labelling_verbs"), _words(data, "saying_verbs")
        attributing = _words(data, "attributing_words")
        every = frozenset({w for w, _ in cues} | set(agents) | {v for v, _ in prep_cues}
                          | labelling | saying | attributing)  # fmt: skip
        return RelationLexicon(
            cues,
            _words(data, "target_preps"),
            labelling=labelling,
            saying=saying,
            attributing=attributing,
            verdict_tone=float(data["verdict_tone"]),
            verdict_words=words,
            hypothetical_aux=_words(data, "hypothetical_aux"),
            hypothetical_marks=_words(data, "hypothetical_marks"),
            event_kinds={str(k): str(v) for k, v in data["event_kinds"].items()},
            withholding=_words(data, "withholding_kinds"),
            refusal=_words(data, "refusal_verbs"),
            receiving=_words(data, "receiving_verbs"),
            holder_preps=_words(data, "holder_preps"),
            agents=agents,
            prep_cues=prep_cues,
            directing=_words(data, "directing_verbs"),
            answering=_words(data, "answering_verbs"),
            reversing=_words(data, "reversing_verbs"),
            subject_preps=_words(data, "subject_preps"),
            object_preps=_words(data, "object_preps"),
            state_preps=_words(data, "state_preps"),
            time_preps=_words(data, "time_preps"),
            control=_words(data, "control_verbs"),
            noun_preps=_words(data, "noun_preps"),
            noun_prep_verbs=_words(data, "noun_prep_verbs"),
            keen=_words(data, "keen_adjectives"),
            negating_subjects=_words(data, "negating_subjects"),
            words=every,
            word_ids=frozenset(get_string_id(w) for w in every),
        )
    except (OSError, KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ModelError(f"{where}: {exc}") from exc


def _words(data: dict[str, Any], key: str) -> frozenset[str]:
    """A word list of the file; `ValueError` naming the list when one is not a word (YAML reads
    a bare `on`, `no` or `yes` as a boolean: quote it)."""
    words = data[key]
    odd = [w for w in words if not isinstance(w, str)]
    if odd:
        raise ValueError(f"{key}: {odd} are not words (quote them)")
    return frozenset(words)


def _agents_and_preps(
    data: dict[str, Any], cues: dict[tuple[str, str], Cue]
) -> tuple[dict[str, Cue], dict[tuple[str, str], Cue]]:
    """The agent nouns ("critic", "ally": the person who holds the attitude) and the verbs that
    take a stance only with a preposition ("voted against B", "rallied behind B"), each as the
    cue of the kind it names."""
    kinds = {c.kind: c for c in cues.values()}
    agents = {}
    for word, kind in data["agent_nouns"].items():
        agents[str(word).lower()] = Cue(kind, kinds[kind].polarity, "noun")
    prep_cues = {}
    for prep, spec in data["prep_cues"].items():
        cue = Cue(spec["kind"], kinds[spec["kind"]].polarity, "verb")
        for verb in spec["verbs"]:
            prep_cues[(str(verb).lower(), str(prep).lower())] = cue
    return agents, prep_cues


@dataclass(frozen=True)
class Found:
    """A relation found between two spans of one sentence: `holder` → `target`."""

    holder: Span
    target: Span
    kind: str
    polarity: int
    cue: Token
