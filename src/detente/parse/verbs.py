"""Verb classes of speech and reporting, read from `data/verbs.yaml` (lemmas, lower case).

`SPEECH` ⊂ `REPORTING` ⊂ `COMMUNICATION`; each class in the file lists only what it adds.
"""

from __future__ import annotations

from importlib import resources

from detente.yamlfiles import load_yaml


def _load() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    text = resources.files("detente.parse").joinpath("data/verbs.yaml").read_text("utf-8")
    classes = load_yaml(text)
    speech = frozenset(classes["speech"])
    reporting = speech | frozenset(classes["reporting"])
    return speech, reporting, reporting | frozenset(classes["communication"])


SPEECH, REPORTING, COMMUNICATION = _load()
