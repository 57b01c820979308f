"""Scorers behind `detente eval`: our annotated data lives in eval/ at the project root,
third-party development sets in ../shared/data/.

Every task is a module with the same face:

- `DEFAULT_DATA: Path` — where its examples are read when `--data` is not given;
- `load_examples(path) -> list[Example]` — raises `InputError` naming the file on bad input;
- `evaluate(examples, kb_files, **options) -> Report`;
- `summary(report) -> list[str | rich Table]` — what `detente eval TASK` prints;
- `report.errors: list[str]` — every miss and extra, for `--errors`.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from detente.errors import DetenteError

TASKS: dict[str, str] = {
    "actors": "detente.evaluation.actors",
    "events": "detente.evaluation.events",
    "quotes": "detente.evaluation.quotes",
    "sensational": "detente.evaluation.sensational",
    "pages": "detente.evaluation.pages",
    "plover": "detente.evaluation.plover",
    "stories": "detente.evaluation.stories",
    "clickbait": "detente.evaluation.clickbait",
    "polnear": "detente.evaluation.polnear",
    "linkrate": "detente.evaluation.linkrate",
    "tone": "detente.evaluation.tone",
    "stance": "detente.evaluation.stance",
}
"""Task name → module; a new evaluation is one line here."""

DICTIONARY_TASKS = ("events", "plover")
"""Tasks that take PETRARCH/TABARI dictionaries (`--dictionaries`)."""


def task_module(name: str) -> ModuleType:
    """The scorer module of evaluation `name`.

    Raises `DetenteError` listing the known tasks when `name` is not one of them.
    """
    if name not in TASKS:
        raise DetenteError(f"unknown evaluation {name!r}: choose from {', '.join(TASKS)}")
    return importlib.import_module(TASKS[name])
