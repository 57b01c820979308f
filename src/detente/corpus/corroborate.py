"""Corroboration: the same event told by several documents becomes one, with its sources.

Events of a story (asserted, factual or reported, not background) are merged by the pair of
countries involved (people and governments rolled up to their country) and CAMEO root. Each
merged event carries how many distinct outlets report it, whether a wire agency or an official
outlet is among them, and where the story's sources disagree on what happened between the same
pair ("met" in one report, "signed an agreement" in another).
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from detente.events.cameo import load_codebook
from detente.store import Store

#: Outlets that are wire agencies or official sources, by name (case-insensitive).
WIRE = re.compile(
    r"\b(reuters|associated press|\bap\b|afp|agence france|xinhua|tass|ria novosti|kcna|yonhap|"
    r"kyodo|efe|ansa|dpa|anadolu|press trust|news agency|press agency|wire|ministry|"
    r"government|official|\.gov)\b",
    re.IGNORECASE,
)

_EVENTS = """
SELECT m.story_id, e.doc_id, coalesce(sa.country, e.source) AS source,
       coalesce(ta.country, e.target) AS target, e.root, e.cameo,
       coalesce(e.date, d.published::DATE, d.ingested_at::DATE) AS day,
       coalesce(d.source, d.origin) AS outlet
FROM events e JOIN documents d USING (doc_id) JOIN story_members m USING (doc_id)
LEFT JOIN actors sa ON sa.code = e.source LEFT JOIN actors ta ON ta.code = e.target
WHERE NOT e.background AND e.polarity = 'asserted' AND e.modality IN ('factual', 'reported')
ORDER BY m.story_id, day, e.doc_id, e.idx
"""


def corroborate(store: Store) -> int:
    book = load_codebook()
    groups: dict[tuple[str, str, str, str], list[tuple[Any, ...]]] = defaultdict(list)
    for story, doc_id, source, target, root, cameo, day, outlet in store.query(_EVENTS):
        a, b = sorted((source or "", target or ""))
        groups[(story, a, b, root)].append((doc_id, source, target, cameo, day, outlet))
    by_pair: dict[tuple[str, str, str], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for (story, a, b, _), rows in groups.items():
        for _, _, _, cameo, _, outlet in rows:
            by_pair[(story, a, b)][cameo].add(outlet)
    columns: dict[str, list[Any]] = defaultdict(list)
    for (story, a, b, root), rows in groups.items():
        codes = sorted({r[3] for r in rows})
        cameo = max(codes, key=lambda c: (sum(r[3] == c for r in rows), len(c)))
        sources = sorted({r[5] for r in rows})
        oriented = max(
            {(r[1], r[2]) for r in rows}, key=lambda st: sum((r[1], r[2]) == st for r in rows)
        )
        # other outlets that tell the same story between the same pair as something else
        others = {
            c: o
            for c, o in by_pair[(story, a, b)].items()
            if a and b and c[:2] != root and o - set(sources)
        }
        disagreement = "; ".join(
            f"{book[c].name} ({c}) by {', '.join(sorted(o))}" for c, o in sorted(others.items())
        )
        values = {
            "event_id": f"{story}:{a}:{b}:{root}",
            "story_id": story,
            "source": oriented[0] or "",
            "target": oriented[1] or "",
            "root": root,
            "cameo": cameo,
            "codes": codes,
            "date": min(r[4] for r in rows if r[4] is not None)
            if any(r[4] for r in rows)
            else None,
            "goldstein": book[cameo].goldstein,
            "quad_class": book[cameo].quad_class,
            "n_sources": len(sources),
            "n_reports": len({r[0] for r in rows}),
            "sources": sources,
            "doc_ids": sorted({r[0] for r in rows}),
            "wire": any(WIRE.search(s) for s in sources),
            "disagreement": disagreement or None,
        }
        for key, value in values.items():
            columns[key].append(value)
    store.replace_table("corroborated", dict(columns))
    return len(groups)
