"""Settings: defaults, overridden by environment variables (DETENTE_*), overridden by options."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from pydantic import BaseModel, Field

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

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        env = {
            "db": os.environ.get("DETENTE_DB"),
            "workers": os.environ.get("DETENTE_WORKERS"),
            "batch_size": os.environ.get("DETENTE_BATCH_SIZE"),
            "max_bytes": os.environ.get("DETENTE_MAX_BYTES"),
        }
        values: dict[str, object] = {k: v for k, v in env.items() if v is not None}
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls.model_validate(values)

    def fingerprint(self) -> str:
        """A short hash of the settings that change results (not where they are written)."""
        relevant = self.model_dump(mode="json", exclude={"db", "workers", "batch_size"})
        blob = json.dumps(relevant, sort_keys=True).encode()
        return hashlib.sha256(blob).hexdigest()[:12]
