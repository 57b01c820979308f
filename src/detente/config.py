"""Settings: defaults, overridden by environment variables (DETENTE_*), overridden by options."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from pydantic import BaseModel, Field, field_validator

DEFAULT_DB = "detente.duckdb"


class StorySettings(BaseModel):
    """When a document joins a story (`corpus/stories.py`); chosen on ECB+ train, see
    `detente eval stories`. Similarity is the cosine of the document's headline-and-lead
    embedding with the story's centroid; anchors are the specific things both name."""

    threshold: float = 0.9  # similarity + anchor_weight × anchor agreement, at least
    anchor_weight: float = 1.0  # weight of the anchor agreement (IDF-weighted cosine, 0..1)
    min_similarity: float = 0.5  # below this no anchor agreement makes a match
    lone_similarity: float = 0.9  # a document sharing no anchor joins only this similar
    window_days: int = 7  # a dated document joins stories last seen this many days before
    span_days: int = 21  # ... and first seen at most this many days before
    # a story with this many reports stays open `busy_days` longer: coverage still coming in
    # (on our 48-article set a border standoff's last report came 8 days after the one before)
    busy_reports: int = 3
    busy_days: int = 1
    anchor_chars: int = 1500  # anchors come from the headline and this much of the body
    # the embedding reads the headline and lead up to this many word pieces (MiniLM's cost
    # grows with them: 64 embeds ~2.4x faster than 256)
    lead_tokens: int = 64
    ann_above: int = 1000  # open stories beyond which an HNSW index finds the candidates
    ann_candidates: int = 32


class CorroborationSettings(BaseModel):
    """How reports of one story are merged into events (`corpus/corroborate.py`)."""

    day_slack_days: int = 2  # two stated days this far apart can be one happening (time zones)
    # an event dated only by its report's publication day happened on that day or up to this
    # many days before it ("kidnapped on Tuesday" in one report, Friday's report undated)
    undated_lag_days: int = 7


class ShiftSettings(BaseModel):
    """When a pair's weekly event counts are flagged as a shift (`corpus/shifts.py`)."""

    span_weeks: int = 3  # the recent span tested against the pair's own baseline
    baseline_weeks: int = 26  # the weeks before the span (weeks without events count as zero)
    min_history_weeks: int = 4  # corpus weeks needed before the span: a quiet month at least
    fdr: float = 0.005  # Benjamini-Hochberg false discovery rate over one run's tests
    min_events: int = 3  # events of the kind in the span, at least
    min_outlets: int = 2  # distinct outlets behind those events, at least
    min_ratio: float = 3.0  # the span's rate over the baseline's (prior-smoothed), at least
    prior_shape: float = 1.0  # Gamma prior on a pair's weekly rate: shape (pseudo-events)
    prior_rate_floor: float = 0.02  # its mean is the median pair's rate, never below this
    max_dispersion: float = 5.0  # cap on a busy pair's over-dispersion (variance / mean)


class Settings(BaseModel):
    db: Path = Field(default=Path(DEFAULT_DB))
    workers: int = 1
    batch_size: int = 128  # documents per batch and transaction (fewer, larger writes)
    max_bytes: int = 10_000_000  # per document; larger inputs are refused, naming the limit
    languages: tuple[str, ...] = ("en",)  # languages the pipeline analyses
    near_duplicate_threshold: float = 0.7  # estimated Jaccard of word shingles
    allow_private: bool = False  # URL ingest may reach private/loopback addresses
    http_timeout: float = 20.0
    max_redirects: int = 5
    kb: tuple[str, ...] = ()  # extra knowledge-base files merged over the built-in one
    # PETRARCH/TABARI dictionaries (directories or files) added to our knowledge; ours wins
    dictionaries: tuple[str, ...] = ()
    # outlet registry files (detente.outlets) merged over the built-in one, in order
    outlets: tuple[str, ...] = ()
    stories: StorySettings = Field(default_factory=StorySettings)
    corroboration: CorroborationSettings = Field(default_factory=CorroborationSettings)
    shifts: ShiftSettings = Field(default_factory=ShiftSettings)

    @field_validator("kb", "dictionaries", "outlets", mode="before")
    @classmethod
    def _paths(cls, value: object) -> object:
        """Paths given as `Path`s or one string are kept as a tuple of strings."""
        if isinstance(value, str | Path):
            return (str(value),)
        if isinstance(value, list | tuple):
            return tuple(str(v) for v in value)
        return value

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        env = {
            "db": os.environ.get("DETENTE_DB"),
            "workers": os.environ.get("DETENTE_WORKERS"),
            "batch_size": os.environ.get("DETENTE_BATCH_SIZE"),
            "max_bytes": os.environ.get("DETENTE_MAX_BYTES"),
            "dictionaries": os.environ.get("DETENTE_DICTIONARIES"),
            "outlets": os.environ.get("DETENTE_OUTLETS"),
        }
        values: dict[str, object] = {k: v for k, v in env.items() if v is not None}
        for key in ("dictionaries", "outlets"):  # DIR[:DIR...], like PATH
            if isinstance(values.get(key), str):
                values[key] = tuple(p for p in str(values[key]).split(os.pathsep) if p)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls.model_validate(values)

    @property
    def knowledge(self) -> tuple[str, ...]:
        """The extra actor knowledge: `kb` files, then the dictionaries (read for actors)."""
        return self.kb + self.dictionaries

    def fingerprint(self) -> str:
        """A short hash of the settings that change results (not where they are written)."""
        relevant = self.model_dump(mode="json", exclude={"db", "workers", "batch_size"})
        blob = json.dumps(relevant, sort_keys=True).encode()
        return hashlib.sha256(blob).hexdigest()[:12]
