"""detente: international-affairs news turned into structured, evidence-linked intelligence.

The Python API behind the CLI: `detente.analyze(...)` is `detente analyze`, and so on.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import types
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from detente.version import __version__

# The read model at the root, loaded on first use (`detente.query`: typed, documented there).
READS = ("actors", "document", "dyad", "events", "search", "shifts", "stats", "stories")

__all__ = ["__version__", "analyze", "corpus_stages", "ingest_inputs", *READS]

if TYPE_CHECKING:
    from detente.corpus import CorpusReport
    from detente.pipeline import RunReport


def analyze(
    inputs: Sequence[str] = (), *, db: str | Path | None = None, **options: Any
) -> RunReport:
    """Ingest and analyse files, directories, URLs or "-" into the store (`db`, `DETENTE_DB`).

    Without inputs, analyses what `ingest` stored. Options are `Settings` fields (`workers`,
    `batch_size`, `max_bytes`, `allow_private`, ...) plus `include`/`exclude` globs, and
    `engine="ray"` (with `address=` for an existing cluster) to run on Ray.
    """
    return _run(inputs, db, True, options)


def ingest_inputs(
    inputs: Sequence[str], *, db: str | Path | None = None, **options: Any
) -> RunReport:
    """Read, clean, deduplicate and store documents without analysing them (`detente ingest`).

    Not named `ingest`: that name is the `detente.ingest` package of readers.
    """
    return _run(inputs, db, False, options)


def corpus_stages(*, db: str | Path | None = None, device: str = "cpu") -> CorpusReport:
    """Run the corpus stages over the store (`detente corpus`): stories, corroboration, shifts.

    Not named `corpus`: that name is the `detente.corpus` package of stages.
    """
    from detente.config import Settings
    from detente.corpus import run_corpus

    return run_corpus(Settings.from_env(db=db), device)


def _run(
    inputs: Sequence[str], db: str | Path | None, analyse: bool, options: dict[str, Any]
) -> RunReport:
    from detente.config import Settings
    from detente.ingest import DEFAULT_GLOBS
    from detente.pipeline import run

    include = options.pop("include", DEFAULT_GLOBS)
    exclude = options.pop("exclude", ())
    progress = options.pop("progress", None)
    engine = options.pop("engine", "local")
    address = options.pop("address", None)
    settings = Settings.from_env(db=db, **options)
    if engine == "ray" and analyse:
        from detente.engines.ray import run_ray

        return run_ray(list(inputs), settings, address=address, include=include,
                       exclude=exclude, progress=progress)  # fmt: skip
    if engine != "local":
        from detente.errors import DetenteError

        raise DetenteError(f"engine {engine!r}: choose local or ray (ray analyses, not ingest)")
    return run(
        list(inputs), settings, analyse=analyse, include=include, exclude=exclude, progress=progress
    )


# ---- the read model at the root -------------------------------------------------------------
# `detente.events`, `detente.actors` and `detente.search` are also the names of subpackages;
# Python sets a subpackage as its parent's attribute when it is imported. So those modules are
# made callable (calling one calls the `detente.query` function of its name), and the others
# are looked up lazily: either way `import detente` loads neither duckdb nor spaCy.


class _ReadModule(types.ModuleType):
    """A subpackage that is also the read function of its name (`detente.events(db, ...)`)."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        reads = importlib.import_module("detente.query")
        return getattr(reads, self.__name__.rsplit(".", 1)[-1])(*args, **kwargs)


class _Package(types.ModuleType):
    def __setattr__(self, name: str, value: Any) -> None:
        if name in READS and type(value) is types.ModuleType:
            value.__class__ = _ReadModule  # the import system is setting the subpackage
        super().__setattr__(name, value)

    def __getattr__(self, name: str) -> Any:
        if name not in READS:
            raise AttributeError(f"module 'detente' has no attribute {name!r}")
        if importlib.util.find_spec(f"detente.{name}") is not None:
            return importlib.import_module(f"detente.{name}")  # callable, see __setattr__
        return getattr(importlib.import_module("detente.query"), name)


sys.modules[__name__].__class__ = _Package
