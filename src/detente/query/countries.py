"""The country of an actor, read from a store: `detente.actors.country`'s rule over the
store's snapshot of the knowledge base, in Python and in SQL."""

from __future__ import annotations

from detente.actors.country import ROLE, country_joins
from detente.actors.country import country_of as country_rule
from detente.store import Store

__all__ = ["country_joins", "country_of"]


def country_of(store: Store, code: str) -> str:
    """The country an actor belongs to (RUSGOV → RUS, GBRGOVLAB → GBR); the code itself for
    countries, IGOs and codes the store does not know."""
    rows = store.query(
        "SELECT code, kind, country FROM actors WHERE code = ? OR code = ?", [code, code[:ROLE]]
    )
    listed = {str(c): (str(kind), country) for c, kind, country in rows}
    return country_rule(code, listed.get) or code
