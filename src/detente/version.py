"""The package version, in a module of its own so that any module may import it without
importing the package root (and with it the whole Python API)."""

__version__ = "0.1.0"
