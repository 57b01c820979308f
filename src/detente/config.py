"""Settings: defaults, overridden by environment variables (DETENTE_*), overridden by options."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from pydantic import BaseModel, Field, field_validator

DEFAULT_DB = "detente.duckdb"


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

    @field_validator("kb", "dictionaries", mode="before")
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
        }
        values: dict[str, object] = {k: v for k, v in env.items() if v is not None}
        if isinstance(values.get("dictionaries"), str):  # DIR[:DIR...], like PATH
            values["dictionaries"] = tuple(
                p for p in str(values["dictionaries"]).split(os.pathsep) if p
            )
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
