"""Names for actor codes the store's knowledge-base snapshot does not list by themselves.

The snapshot (`actors` table) holds the knowledge base's actors and every country × role pair,
but the linker also writes composed codes: a party acting as its country's government or
opposition (GBRGOVLAB, GBROPPCON, from `actors/data/parties.yaml`) or a country with two roles.
Every code the store has events or mentions for gets a name here, composed from the snapshot
and the role names when it can be, else the name the texts gave it most often.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from detente.actors.country import ROLE
from detente.store import Store
from detente.yamlfiles import load_yaml

_DATA = Path(__file__).parent / "data" / "names.yaml"


@cache
def _party_roles() -> dict[str, str]:
    data = load_yaml(_DATA.read_text(encoding="utf-8")) or {}
    return {str(k): str(v) for k, v in (data.get("party_roles") or {}).items()}


@cache
def _role_names() -> dict[str, str]:
    from detente.actors.kb import load_kb

    return dict(load_kb().role_names)


_UNLISTED = """
    WITH used AS (SELECT actor_code AS code, actor_name AS said FROM mentions
                  UNION ALL SELECT source, source_name FROM events
                  UNION ALL SELECT target, target_name FROM events)
    SELECT code, mode(said) FILTER (WHERE said IS NOT NULL AND said <> '') AS said
    FROM used WHERE code <> '' AND code NOT IN (SELECT code FROM actors)
      AND (? IS NULL OR code = ?)
    GROUP BY code ORDER BY code"""


def unlisted_actors(store: Store, code: str | None = None) -> list[dict[str, Any]]:
    """Codes with events or mentions that the `actors` table lacks (only `code`, when given),
    each as {code, name, kind, country} with a composed name (see `compose`)."""
    rows = store.query(_UNLISTED, [code, code])
    if not rows:
        return []
    listed = {
        str(c): (str(n or c), str(k or ""), str(cc or ""))
        for c, n, k, cc in store.query("SELECT code, name, kind, country FROM actors")
    }
    return [compose(str(c), listed, said) for c, said in rows]


def compose(
    code: str, listed: dict[str, tuple[str, str, str]], said: str | None = None
) -> dict[str, Any]:
    """{code, name, kind, country} for a code absent from `listed` (code → name, kind,
    country): a party in a state role, a country with roles, else the name the text gave
    (`said`), else the code itself."""
    country = code[:ROLE] if listed.get(code[:ROLE], ("", ""))[1] == "country" else ""
    if not country:
        return {"code": code, "name": said or code, "kind": "", "country": None}
    country_name = listed[country][0]
    role, rest = code[ROLE : 2 * ROLE], code[2 * ROLE :]
    party = listed.get(country + "PTY" + rest) if rest else None
    if party and role in _party_roles():
        name = f"{party[0]} ({country_name}, {_party_roles()[role]})"
        return {"code": code, "name": name, "kind": "party", "country": country}
    chunks = [code[i : i + ROLE] for i in range(ROLE, len(code), ROLE)]
    roles = [_role_names().get(chunk) for chunk in chunks]
    if chunks and all(roles):
        name = f"{country_name} ({', '.join(str(r) for r in roles)})"
    else:
        name = f"{said} ({country_name})" if said else code
    return {"code": code, "name": name, "kind": "group", "country": country}
