"""The outlet registry: who published a document, what kind of outlet it is, and who owns it.

Kept as data (`corpus/data/outlets.yaml`; a user's file of the same shape is merged over it by
name). A document's outlet is found from its `source` (the name a feed, page or record gives)
and its URL's domain; an outlet the registry does not list stays usable under its own name, with
a kind read from words of that name or its domain's ending, else "unknown". Outlets of one owner
group count once among independent sources.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from detente.errors import DetenteError
from detente.yamlfiles import load_yaml

KINDS = ("wire", "state media", "newspaper", "broadcaster", "magazine", "blog", "forum",
         "official", "unknown")  # fmt: skip
_FIELDS = {"name", "kind", "country", "domains", "aliases", "group"}
_SEPARATORS = re.compile(r"\s+[-|–—:]\s+|:\s+")  # "BBC News - World", "World | The Guardian"
_LOCAL = re.compile(r"^(?:/|~|\.{1,2}/|file:|[A-Za-z]:[\\/])")  # a file path, not an outlet


class OutletsError(DetenteError):
    """An outlets file that cannot be used, naming the file and the entry that is wrong."""


@dataclass(frozen=True)
class Outlet:
    """An outlet: `name` (the registry's, or the document's own source when unlisted), `kind`
    (one of `KINDS`), `country` (ISO 3166 alpha-3 / CAMEO country code, or None), `domains`,
    `aliases`, `group` (owner; None when independent) and `listed` (whether the registry has it)."""

    name: str
    kind: str = "unknown"
    country: str | None = None
    domains: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    group: str | None = None
    listed: bool = True

    @property
    def voice(self) -> str:
        """What counts once among independent sources: the owner group, else the outlet."""
        return (self.group or self.name).casefold()


@dataclass
class Registry:
    """Outlets by name, alias and domain, and the rules for outlets it does not list."""

    outlets: list[Outlet]
    wire_kinds: frozenset[str] = frozenset({"wire", "state media", "official"})
    name_words: dict[str, list[str]] = field(default_factory=dict)  # kind → words of a name
    domain_kinds: dict[str, list[str]] = field(default_factory=dict)  # kind → domain endings
    _names: dict[str, Outlet] = field(default_factory=dict, init=False, repr=False)
    _domains: dict[str, Outlet] = field(default_factory=dict, init=False, repr=False)
    _words: list[tuple[re.Pattern[str], str]] = field(default_factory=list, init=False)

    def __post_init__(self) -> None:
        for outlet in self.outlets:
            for name in (outlet.name, *outlet.aliases):
                self._names[_key(name)] = outlet
            for domain in outlet.domains:
                self._domains[domain.lower().removeprefix("www.")] = outlet
        self._words = [
            (re.compile(rf"(?<!\w){re.escape(w)}(?!\w)", re.IGNORECASE), kind)
            for kind, words in self.name_words.items()
            for w in words
        ]

    def get(self, name: str) -> Outlet | None:
        """The listed outlet called `name` (its name or an alias, any case), or None."""
        return self._names.get(_key(name))

    def find(self, source: str | None, url: str | None = None) -> Outlet:
        """The outlet of a document from its `source` and `url`: the source's name (or a part of
        it between separators, "BBC News - World"), then the URL's domain and its parents
        (edition.cnn.com → cnn.com). Unlisted: the source's own name (else the URL's host, else
        "unknown"), with a kind from its words or domain. A file path is no outlet's name."""
        source = (source or "").strip()
        if _LOCAL.match(source):
            source = ""
        host = _host(url) or (_host(source) if _looks_like_domain(source) else "")
        if source:
            for part in (source, *_SEPARATORS.split(source)):
                found = self._names.get(_key(part))
                if found:
                    return found
        for domain in _parents(host):
            if domain in self._domains:
                return self._domains[domain]
        name = source or host or "unknown"
        return Outlet(name, self._kind_of(source, host), listed=False)

    def _kind_of(self, name: str, host: str) -> str:
        for kind, endings in self.domain_kinds.items():
            if any(d in endings for d in _parents(host, keep_tld=True)):
                return kind
        for pattern, kind in self._words:
            if pattern.search(name):
                return kind
        return "unknown"

    def is_wire(self, outlet: Outlet) -> bool:
        """Whether the outlet is a wire agency, state media or an official source."""
        return outlet.kind in self.wire_kinds

    def independent(self, outlets: Iterable[Outlet]) -> int:
        """How many independent voices among these outlets: one per owner group."""
        return len({o.voice for o in outlets})


def _key(name: str) -> str:
    """A name as looked up: case, spaces, a leading "the" and a trailing full stop ignored."""
    words = name.casefold().strip().rstrip(".").split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def _looks_like_domain(text: str) -> bool:
    return bool(re.fullmatch(r"(?:https?://)?(?:[\w-]+\.)+[a-z]{2,}(?:/\S*)?", text, re.I))


def _host(url: str | None) -> str:
    if not url:
        return ""
    text = url if "//" in url else f"//{url}"
    try:
        host = urlsplit(text).hostname or ""
    except ValueError:
        return ""
    return host.lower().removeprefix("www.")


def _parents(host: str, keep_tld: bool = False) -> list[str]:
    """edition.cnn.com → [edition.cnn.com, cnn.com] (and "com" with `keep_tld`)."""
    parts = host.split(".") if host else []
    last = len(parts) if keep_tld else len(parts) - 1
    return [".".join(parts[i:]) for i in range(max(last, 0))]


# ---- loading ----------------------------------------------------------------------------------


def _read(text: str, where: str) -> dict[str, Any]:
    try:
        data = load_yaml(text) or {}
    except yaml.YAMLError as exc:
        raise OutletsError(f"{where}: is not valid YAML ({exc})") from exc
    if not isinstance(data, dict) or not isinstance(data.get("outlets", []), list):
        raise OutletsError(f"{where}: expected a mapping with `outlets:` as a list")
    return data


def _outlet(entry: Any, where: str) -> dict[str, Any]:
    if not isinstance(entry, dict) or not str(entry.get("name") or "").strip():
        raise OutletsError(f"{where}: each outlet needs a `name`")
    unknown = set(entry) - _FIELDS
    if unknown:
        raise OutletsError(f"{where} ({entry['name']}): unknown field(s) {sorted(unknown)}")
    if "kind" in entry and entry["kind"] not in KINDS:
        raise OutletsError(
            f"{where} ({entry['name']}): kind {entry['kind']!r} is not one of {', '.join(KINDS)}"
        )
    for key in ("domains", "aliases"):
        if not isinstance(entry.get(key, []), list):
            raise OutletsError(f"{where} ({entry['name']}): `{key}` must be a list")
    return dict(entry)


def _make(entry: dict[str, Any]) -> Outlet:
    country = entry.get("country")
    return Outlet(
        name=str(entry["name"]).strip(),
        kind=str(entry.get("kind") or "unknown"),
        country=str(country).upper() if country else None,
        domains=tuple(str(d).lower().removeprefix("www.") for d in entry.get("domains") or []),
        aliases=tuple(str(a) for a in entry.get("aliases") or []),
        group=str(entry["group"]) if entry.get("group") else None,
    )


def merge(base: dict[str, Any], extra: dict[str, Any], where: str) -> dict[str, Any]:
    """`extra` over `base` (both as read from YAML): an outlet of the same name (any case) takes
    the fields `extra` gives; new outlets are added; word and domain lists are joined."""
    merged = dict(base)
    entries = {_key(e["name"]): dict(e) for e in base.get("outlets", [])}
    for n, entry in enumerate(extra.get("outlets") or [], start=1):
        given = _outlet(entry, f"{where}: outlet {n}")
        key = _key(given["name"])
        entries[key] = {**entries.get(key, {}), **given}
    merged["outlets"] = list(entries.values())
    for table in ("name_words", "domain_kinds"):
        joined = {k: list(v) for k, v in (base.get(table) or {}).items()}
        for kind, values in (extra.get(table) or {}).items():
            if kind not in KINDS:
                raise OutletsError(f"{where}: {table}: {kind!r} is not one of {', '.join(KINDS)}")
            joined[kind] = [*joined.get(kind, []), *map(str, values)]
        merged[table] = joined
    if "wire_kinds" in extra:
        merged["wire_kinds"] = extra["wire_kinds"]
    return merged


def build(data: dict[str, Any], where: str) -> Registry:
    """A registry from YAML data; refuses unknown kinds and a domain claimed by two outlets."""
    outlets = [_make(_outlet(e, f"{where}: outlet {n}")) for n, e in enumerate(data["outlets"], 1)]
    owners: dict[str, str] = {}
    for outlet in outlets:
        for domain in outlet.domains:
            if owners.setdefault(domain, outlet.name) != outlet.name:
                raise OutletsError(
                    f"{where}: domain {domain} is claimed by {owners[domain]} and {outlet.name}"
                )
    wire = frozenset(str(k) for k in data.get("wire_kinds") or ())
    if wire - set(KINDS):
        raise OutletsError(f"{where}: wire_kinds {sorted(wire - set(KINDS))} are not kinds")
    return Registry(outlets, wire, dict(data.get("name_words") or {}),
                    dict(data.get("domain_kinds") or {}))  # fmt: skip


@cache
def _builtin() -> dict[str, Any]:
    text = resources.files("detente.corpus").joinpath("data/outlets.yaml").read_text("utf-8")
    return _read(text, "outlets.yaml")


@cache
def load_registry(extra: tuple[str, ...] = ()) -> Registry:
    """Our registry with the users' files (paths, in order) merged over it; cached per tuple.

    Raises OutletsError naming the file and entry for a file that cannot be read or used."""
    data = _builtin()
    for path in extra:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise OutletsError(f"{path}: cannot be read ({exc.strerror})") from exc
        data = merge(data, _read(text, str(path)), str(path))
    return build(data, ", ".join(("outlets.yaml", *extra)))


def registry_for(paths: Sequence[str | Path] | str | Path | None) -> Registry:
    """The registry for a setting that may be one path, several, or none."""
    if paths is None:
        return load_registry()
    if isinstance(paths, str | Path):
        paths = [paths]
    return load_registry(tuple(str(p) for p in paths))
