"""Readers: every source kind yields RawDocuments, or InputErrors that name the bad input."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from detente.config import Settings
from detente.errors import InputError
from detente.ingest.files import DEFAULT_GLOBS, read_path, read_stdin, walk
from detente.ingest.records import Item
from detente.ingest.web import fetch_url

__all__ = ["DEFAULT_GLOBS", "Item", "read_inputs"]


def read_inputs(
    inputs: Sequence[str],
    settings: Settings,
    include: Sequence[str] = DEFAULT_GLOBS,
    exclude: Sequence[str] = (),
) -> Iterator[Item]:
    """Stream documents from paths, directories, URLs and `-` (stdin), in the order given."""
    for given in inputs:
        if given == "-":
            yield from read_stdin(settings.max_bytes)
        elif "://" in given:
            yield from fetch_url(given, settings)
        else:
            for path in walk([given], include, exclude):
                if isinstance(path, InputError):
                    yield path
                else:
                    yield from read_path(path, settings.max_bytes)
