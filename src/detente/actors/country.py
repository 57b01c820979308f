"""Which country an actor belongs to: the one rule, for the knowledge base and the store alike.

An actor the knowledge base lists belongs to itself when it is a country (RUS) and to the
country it names otherwise (RUSGOV → RUS; an IGO, bloc or region names none). A code the
knowledge base does not list belongs to the country of its first three letters when it is
composed from a country and role codes (GBRGOVLAB: Labour as the United Kingdom's
government → GBR). `detente.query.countries.country_sql` is the same rule in SQL, over the
store's snapshot of the knowledge base (`actors` table); a test checks that they agree.
"""

from __future__ import annotations

from collections.abc import Callable, Container

ROLE = 3  # letters in a country code and in a CAMEO role code (RUS, GOV)

# code → (kind, country) of an actor the knowledge base lists, None for one it does not
ActorLookup = Callable[[str], tuple[str, str | None] | None]


def country_of(code: str, lookup: ActorLookup, roles: Container[str] | None = None) -> str | None:
    """The code of the country `code` belongs to, or None (an IGO, a bloc, an unknown code).

    `lookup` gives (kind, country) for a listed actor; `roles` are the role codes a composed
    code may carry after its country (any three letters when None: the store's snapshot lists
    every country × role pair itself, so what is left unlisted is a party or a role chain).
    """
    found = lookup(code)
    if found is not None:
        kind, country = found
        return code if kind == "country" else country
    if len(code) < 2 * ROLE or (roles is not None and code[ROLE : 2 * ROLE] not in roles):
        return None
    prefix = lookup(code[:ROLE])
    return code[:ROLE] if prefix is not None and prefix[0] == "country" else None


def country_joins(column: str, alias: str, table: str = "actors") -> tuple[str, str]:
    """The same rule in SQL over the store's `actors` snapshot, for a query's FROM clause:
    (LEFT JOINs to append, the expression of `column`'s country).

    The expression rolls up: a code that belongs to no country (an IGO, '' for no actor, a
    code the snapshot lacks) is its own. `alias` names the joined rows (`alias` and
    `alias_c`); `column` is a qualified column of a table already in the query.
    """
    listed, composed = alias, f"{alias}_c"
    joins = (
        f" LEFT JOIN {table} {listed} ON {listed}.code = {column}"
        f" LEFT JOIN {table} {composed} ON {listed}.code IS NULL AND {composed}.kind = 'country'"
        f" AND len({column}) >= {2 * ROLE} AND {composed}.code = left({column}, {ROLE})"
    )
    expression = (
        f"coalesce(CASE WHEN {listed}.kind = 'country' THEN {listed}.code"
        f" ELSE {listed}.country END, {composed}.code, {column})"
    )
    return joins, expression
