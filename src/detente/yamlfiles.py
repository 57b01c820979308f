"""Reading YAML data files fast: libyaml's safe loader where PyYAML was built with it.

The knowledge files (actors, titles, places, lexicons) are read once per process, and the
pure-Python loader was most of the start-up of a run (the actor KB alone took over a second);
the C loader builds the same Python values (the same safe tags, the same resolvers) about seven
times faster. Errors are `yaml.YAMLError`s either way.
"""

from __future__ import annotations

from typing import Any

import yaml

_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str) -> Any:
    """The Python value of a YAML document, as `yaml.safe_load(text)` gives it; raises
    `yaml.YAMLError` when `text` is not valid YAML."""
    return yaml.load(text, Loader=_LOADER)
