"""detente: international-affairs news turned into structured, evidence-linked intelligence."""

from __future__ import annotations

__version__ = "0.1.0"
