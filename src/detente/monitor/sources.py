"""The watch list: a YAML file of feeds, sitemaps and pages, validated with clear errors."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import yaml

from detente.errors import DetenteError
from detente.yamlfiles import load_yaml

KINDS = ("feed", "sitemap", "page")
_INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd])\s*$")
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


class SourcesError(DetenteError):
    """A watch list or rules file that cannot be used, with the place that is wrong."""


@dataclass(frozen=True)
class Source:
    name: str
    url: str
    kind: str = "feed"
    every: timedelta = timedelta(minutes=15)
    tags: tuple[str, ...] = field(default_factory=tuple)


def parse_interval(value: object, where: str) -> timedelta:
    """'30s', '15m', '2h', '1d' (or a number of seconds)."""
    if isinstance(value, int | float) and value > 0:
        return timedelta(seconds=float(value))
    found = _INTERVAL.match(str(value))
    if not found or float(found.group(1)) <= 0:
        raise SourcesError(f"{where}: {value!r} is not an interval (e.g. 30s, 15m, 2h, 1d)")
    return timedelta(seconds=float(found.group(1)) * _UNITS[found.group(2)])


def read_yaml(path: Path) -> Any:
    try:
        return load_yaml(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise SourcesError(f"{path}: cannot be read ({exc.strerror})") from exc
    except yaml.YAMLError as exc:
        raise SourcesError(f"{path}: is not valid YAML ({exc})") from exc


def load_sources(path: Path) -> list[Source]:
    data = read_yaml(path)
    entries = data.get("sources") if isinstance(data, dict) else data
    if not isinstance(entries, list) or not entries:
        raise SourcesError(f"{path}: expected a list of sources (under `sources:`)")
    sources: list[Source] = []
    for n, entry in enumerate(entries, start=1):
        where = f"{path}: source {n}"
        if not isinstance(entry, dict) or not isinstance(entry.get("url"), str):
            raise SourcesError(f"{where}: needs at least a `url`")
        url = entry["url"].strip()
        if not url.startswith(("http://", "https://")):
            raise SourcesError(f"{where}: {url!r} is not an http(s) URL")
        kind = entry.get("type", "feed")
        if kind not in KINDS:
            raise SourcesError(f"{where}: type {kind!r} is not one of {', '.join(KINDS)}")
        tags = entry.get("tags") or []
        if not isinstance(tags, list):
            raise SourcesError(f"{where}: `tags` must be a list")
        name = str(entry.get("name") or url)
        every = parse_interval(entry.get("every", "15m"), f"{where} ({name})")
        sources.append(Source(name, url, kind, every, tuple(str(t) for t in tags)))
    names = [s.name for s in sources]
    if len(names) != len(set(names)):
        doubled = sorted({n for n in names if names.count(n) > 1})
        raise SourcesError(f"{path}: source names must be unique; repeated: {', '.join(doubled)}")
    return sources
