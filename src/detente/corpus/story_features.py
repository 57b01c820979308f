"""What the stories step reads of a document: its anchors (the specific people, places,
organisations, numbers and years its headline and lead name), how much two sets of anchors agree,
and how much each actor a story's reports name is what the story is about.

The rules (which entity labels count, names of wire agencies that say who reported rather than
what happened, the number cut-off) are data: `corpus/data/stories.yaml`.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

import yaml

from detente.errors import ModelError
from detente.store import Store
from detente.yamlfiles import load_yaml

if TYPE_CHECKING:
    from detente.config import StorySettings

ACTOR_PREFIX = "actor:"
YEAR_PREFIX = "year:"
DATE_PREFIX = "date:"
EVENT_PREFIX = "event:"
WORD_PREFIX = "word:"
SINGLE_PREFIX = "single:"
_WORD = re.compile(r"[a-z][a-z-]{3,}")
NUMBER_PREFIX = "number:"
_NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*(?:st|nd|rd|th)?(?![\w])")
_POSSESSIVE = re.compile(r"['’]s?$")


@dataclass(frozen=True)
class AnchorRules:
    labels: Mapping[str, str]  # spaCy label → anchor kind
    surname_kinds: frozenset[str]
    leading_words: frozenset[str]
    stop: frozenset[str]
    min_number: float
    years: tuple[int, int]
    clash_kinds: frozenset[str]
    clash_share: float
    lead_words: bool
    stop_words: frozenset[str]
    date_slack_days: int
    background_documents: int
    country_kinds: frozenset[str]
    kind_weights: Mapping[str, float]
    evidence: float
    cosine_share: float
    event_sides: Mapping[str, str]
    place_kinds: frozenset[str]
    slips: Mapping[str, tuple[str, ...]]


@cache
def load_anchor_rules() -> AnchorRules:
    """The anchor rules of `corpus/data/stories.yaml`; raises `ModelError` naming the file when
    it is missing or malformed."""
    where = "corpus/data/stories.yaml"
    try:
        data = load_yaml((resources.files("detente.corpus") / "data" / "stories.yaml")
                              .read_text(encoding="utf-8"))  # fmt: skip
        return AnchorRules(
            labels=dict(data["labels"]),
            surname_kinds=frozenset(data["surname_kinds"]),
            leading_words=frozenset(data["leading_words"]),
            stop=frozenset(str(s).lower() for s in data["stop_anchors"]),
            min_number=float(data["min_number"]),
            years=(int(data["years"][0]), int(data["years"][1])),
            clash_kinds=frozenset(data["clash_kinds"]),
            clash_share=float(data["clash_share"]),
            lead_words=bool(data["lead_words"]),
            stop_words=frozenset(data["stop_words"]),
            date_slack_days=int(data["date_slack_days"]),
            background_documents=int(data["background_documents"]),
            country_kinds=frozenset(data["country_kinds"]),
            kind_weights={str(k): float(v) for k, v in data["kind_weights"].items()},
            evidence=float(data["evidence"]),
            cosine_share=float(data["cosine_share"]),
            event_sides={str(k): str(v) for k, v in data["event_sides"].items()},
            place_kinds=frozenset(data["place_kinds"]),
            slips={str(k): tuple(v) for k, v in (data.get("tagger_slips") or {}).items()},
        )
    except (OSError, KeyError, TypeError, ValueError, yaml.YAMLError) as exc:
        raise ModelError(f"{where}: {exc}") from exc


def entity_anchor(
    label: str, text: str, rules: AnchorRules, country: str | None = None, place: bool = False
) -> str | None:
    """The anchor an entity gives, as `kind:name` ("Tara Reid" PERSON → "person:reid"; "the
    Pentagon" FAC → "place:pentagon"), or None when its label gives none or it names a
    reporter, not the happening. A name other than a person's that the linker took for a
    country or its government (`country`: "Vietnam", "Hanoi", "Vietnamese" → VNM) gives
    `actor:VNM`, one anchor whatever the outlet wrote and whatever label the tagger gave; so
    does a name tagged as a person that the linker took for the country itself (`place`:
    "Tallinn" as PERSON → EST), not for its government (a minister → ESTGOV stays a person)."""
    kind = rules.labels.get(label)
    if kind is None:
        return None
    if country and (kind not in rules.surname_kinds or place):
        return f"{ACTOR_PREFIX}{country}"
    words = _POSSESSIVE.sub("", text.strip().lower()).split()
    while words and words[0] in rules.leading_words:
        words = words[1:]
    if not words:
        return None
    name = " ".join(words)
    if name in rules.stop:
        return None
    return f"{kind}:{words[-1] if kind in rules.surname_kinds else name}"


def number_anchors(text: str, rules: AnchorRules) -> set[str]:
    """Numbers and years written in digits ("6.1", "26", "81st", "2008") as anchors."""
    found = set()
    for match in _NUMBER.finditer(text):
        digits = re.sub(r"(st|nd|rd|th)$", "", match.group()).replace(",", "")
        try:
            value = float(digits)
        except ValueError:
            continue
        low, high = rules.years
        if digits.isdigit() and len(digits) == 4 and low <= value <= high:
            found.add(f"{YEAR_PREFIX}{digits}")
        elif value >= rules.min_number:
            found.add(f"{NUMBER_PREFIX}{match.group()}")
    return found


def document_anchors(store: Store, doc_ids: Sequence[str], chars: int) -> dict[str, set[str]]:
    """The anchors of each document's headline and the first `chars` characters of its text
    (comments left out): its named entities and its numbers. Documents without any map to an
    empty set."""
    rules = load_anchor_rules()
    anchors: dict[str, set[str]] = {d: set() for d in doc_ids}
    if not doc_ids:
        return anchors
    for doc_id, label, text, country, place in store.query(
        """SELECT e.doc_id, e.label, e.text,
                  min(coalesce(a.country, a.code)) FILTER (a.kind IN (SELECT unnest(?))),
                  coalesce(bool_or(a.kind IN (SELECT unnest(?)) AND m.start_char <= e.start_char
                                   AND m.end_char >= e.end_char), false)
           FROM entities e
           LEFT JOIN mentions m ON m.doc_id = e.doc_id AND m.start_char < e.end_char
                AND m.end_char > e.start_char
           LEFT JOIN actors a ON a.code = m.actor_code
           WHERE e.doc_id IN (SELECT unnest(?)) AND e.start_char < ?
             AND EXISTS (SELECT 1 FROM segments s WHERE s.doc_id = e.doc_id
                         AND s.kind IN ('headline', 'body')
                         AND e.start_char >= s.start_char AND e.start_char < s.end_char)
           GROUP BY e.doc_id, e.start_char, e.label, e.text""",
        [sorted(rules.country_kinds), sorted(rules.place_kinds), list(doc_ids), chars],
    ):
        key = entity_anchor(label, text, rules, country, place)
        if key:
            anchors[doc_id].add(key)
            kind, _, name = key.partition(":")
            if kind in rules.slips and len(text.split()) == 1:
                anchors[doc_id].add(SINGLE_PREFIX + name)  # a lone word: may be a tagger's slip
    for doc_id, title, lead in store.query(
        "SELECT doc_id, title, substr(text, 1, ?) FROM documents WHERE doc_id IN (SELECT unnest(?))",
        [chars, list(doc_ids)],
    ):
        anchors[doc_id] |= number_anchors(f"{title or ''} {lead}", rules)
        if rules.lead_words:
            anchors[doc_id] |= word_anchors(title, lead, rules)
    for doc_id, day in store.query(
        """SELECT DISTINCT doc_id, date FROM events
           WHERE NOT background AND date_precision = 'day' AND date_text IS NOT NULL
             AND doc_id IN (SELECT unnest(?))""",
        [list(doc_ids)],
    ):
        anchors[doc_id].add(f"{DATE_PREFIX}{day.isoformat()}")  # the day its events happened
    for doc_id, quad, pair in store.query(
        """SELECT DISTINCT e.doc_id, e.quad_class, list_sort([coalesce(sa.country, e.source),
                                                             coalesce(ta.country, e.target)])
           FROM events e LEFT JOIN actors sa ON sa.code = e.source
           LEFT JOIN actors ta ON ta.code = e.target
           WHERE NOT e.background AND e.source <> '' AND e.target <> ''
             AND e.doc_id IN (SELECT unnest(?))""",
        [list(doc_ids)],
    ):
        if pair[0] != pair[1]:
            # who did what kind of thing (the quad class) to whom
            anchors[doc_id].add(f"{EVENT_PREFIX}{quad}:{pair[0]}-{pair[1]}")
    return anchors


def same_names(doc: set[str], story: Mapping[str, int]) -> set[str]:
    """A document's anchors with its names read as the story reads them: an anchor of a kind
    of `tagger_slips` (a person, by surname) written as one word, whose name the story's
    reports (`story`: anchor → reports naming it) give as a kind it slips to (a place), is
    that kind: "Depsang" or "Ladakh" tagged as a person here and as a place there is the
    place, matches, and names no one who could clash with the story's people. A full name
    ("Mao Ning") stays a person, and so does a name only this report gives; the story's own
    anchors are left as they are (read both ways, ECB+ dev merged two piracy arrests).
    Returns `doc` itself when nothing slips."""
    slips = load_anchor_rules().slips
    slipped: dict[str, str] = {}
    for anchor in doc:
        kind, _, name = anchor.partition(":")
        if kind in slips and SINGLE_PREFIX + name in doc:
            to = next((f"{k}:{name}" for k in slips[kind] if f"{k}:{name}" in story), None)
            if to is not None:
                slipped[anchor] = to
    return (doc - set(slipped)) | set(slipped.values()) if slipped else doc


def word_anchors(title: str | None, text: str, rules: AnchorRules) -> set[str]:
    """The content words of the headline and first sentence ("sanctions", "fisheries"): what
    happened, weighed by rarity like every anchor, so the words every report uses count little."""
    first = text.split(". ")[0] if not title or not text.startswith(title) else text[len(title) :]
    lead = f"{title or ''} {first.split('. ')[0]}".lower()
    return {f"{WORD_PREFIX}{w}" for w in _WORD.findall(lead) if w not in rules.stop_words}


def inverse_frequencies(anchor_sets: Iterable[set[str]]) -> dict[str, float]:
    """Smoothed inverse document frequency of each anchor over `anchor_sets` (the documents of
    the window, plus `background_documents` that name none): an anchor most reports name
    ("United States") weighs little, a rare one much."""
    sets = list(anchor_sets)
    counts = Counter(a for s in sets for a in s)
    rules = load_anchor_rules()
    n = len(sets) + rules.background_documents
    return {
        a: (math.log((n + 1) / (c + 1)) + 0.1) * rules.kind_weights.get(a.split(":", 1)[0], 1.0)
        for a, c in counts.items()
    }


def anchor_agreement(
    doc: set[str], story: Counter[str], idf: Mapping[str, float], members: int = 0
) -> tuple[float, list[str]]:
    """How much a document's anchors say it reports the story's happening (0..1), and the
    shared anchors, weightiest first.

    Two measures, mixed by `cosine_share` of the rules: the cosine of the document's weighted
    anchors (IDF × kind weight, from `idf`) with the story's (each also times the number of its
    reports naming it), which counts what only one side names against the match; and the
    evidence of what they share: the weights of the shared anchors, each times the share of
    the story's `members` naming it, summed (e) and saturated as e / (e + `evidence`), so
    sharing only common names (two countries) says little however few other names either side
    gives. With `evidence` 0 the cosine alone."""
    if not doc or not story:
        return 0.0, []
    default = max(idf.values(), default=1.0)
    shared = [a for a in doc if a in story and not a.startswith(SINGLE_PREFIX)]
    if not shared:
        return 0.0, []
    shared.sort(key=lambda a: -idf.get(a, default) * story[a])
    dot = sum(idf.get(a, default) ** 2 * story[a] for a in shared)
    doc_norm = math.sqrt(sum(idf.get(a, default) ** 2 for a in doc))
    story_norm = math.sqrt(sum((idf.get(a, default) * n) ** 2 for a, n in story.items()))
    cosine = dot / (doc_norm * story_norm)
    rules = load_anchor_rules()
    if not rules.evidence:
        return cosine, shared
    n = max(members, max(story.values()))
    found = sum(idf.get(a, default) * story[a] / n for a in shared)
    strength = found / (found + rules.evidence)
    return (1 - rules.cosine_share) * strength + rules.cosine_share * cosine, shared


def clashes(doc: set[str], story: Counter[str], members: int) -> bool:
    """True when, for a kind of `clash_kinds` (people, years, days events happened), the
    document names some and the story's reports name others in at least `clash_share` of them,
    none of the document's (days: none within `date_slack_days`): "the 2004 tsunami" is not
    "the 2009 quake", Reid's check-in is not Lohan's, Monday's sanctions are not Thursday's."""
    rules = load_anchor_rules()
    for kind in rules.clash_kinds:
        prefix = f"{kind}:"
        mine = {a for a in doc if a.startswith(prefix)}
        theirs = {a for a, n in story.items() if a.startswith(prefix)}
        if not mine or not theirs or _meet(mine, theirs, prefix, rules.date_slack_days):
            continue
        if any(story[a] >= rules.clash_share * members for a in theirs):
            return True
    return False


def joining(
    similarity: float,
    doc: set[str],
    story: Counter[str],
    members: int,
    idf: dict[str, float],
    params: StorySettings,
    lone_similarity: float = math.inf,
) -> tuple[float, list[str]] | None:
    """(score, shared anchors) when a document `similarity` alike to a story (cosine with its
    centroid) may join it by the joining rules, else None: at least `min_similarity` alike, an
    anchor shared (or at least `lone_similarity` alike), no clash, and a score (similarity +
    `anchor_weight` × anchor agreement) of at least `threshold`."""
    if similarity < params.min_similarity:
        return None
    mine = same_names(doc, story)
    agreement, shared = anchor_agreement(mine, story, idf, members)
    if (not shared and similarity < lone_similarity) or clashes(mine, story, members):
        return None
    score = similarity + params.anchor_weight * agreement
    return (score, shared) if score >= params.threshold else None


def _meet(mine: set[str], theirs: set[str], prefix: str, slack: int) -> bool:
    if mine & theirs:
        return True
    if prefix == EVENT_PREFIX:
        # one pair's "ordered the envoys out" (verbal conflict) and "expelled" (material
        # conflict) are one happening told two ways: a pair meets on the same side
        sides = load_anchor_rules().event_sides
        ours, others = {_side(a, sides) for a in mine}, {_side(a, sides) for a in theirs}
        return bool(ours & others) or _mediated(ours, others) or _mediated(others, ours)
    if prefix != DATE_PREFIX or not slack:
        return False
    days = [date.fromisoformat(a[len(prefix) :]) for a in mine]
    return any(
        abs((date.fromisoformat(a[len(prefix) :]) - d).days) <= slack for a in theirs for d in days
    )


def _mediated(pairs: set[str], participants_of: set[str]) -> bool:
    """Whether a `side:A-B` pair of `pairs` has both its countries among the parties of one
    side of `participants_of`: "Qatar brokered a swap between Russia and Ukraine" (QAT-RUS,
    QAT-UKR) and "Russia and Ukraine swapped prisoners" (RUS-UKR) are one happening."""
    parties: dict[str, set[str]] = {}
    for anchor in participants_of:
        side, _, pair = anchor.partition(":")
        parties.setdefault(side, set()).update(pair.split("-"))
    for anchor in pairs:
        side, _, pair = anchor.partition(":")
        if set(pair.split("-")) <= parties.get(side, set()):
            return True
    return False


def _side(anchor: str, sides: Mapping[str, str]) -> str:
    """`event:3:BLR-POL` → `conflict:BLR-POL` (the quad class's side, from the rules)."""
    _, quad, pair = anchor.split(":", 2)
    return f"{sides.get(quad, quad)}:{pair}"


KEY_ACTOR_WEIGHTS = {"headline": 3.0, "lead": 2.0, "body": 0.5, "event": 2.0}
"""How much one report's mention of an actor says the story is about it: in the headline, in
the lead (first `lead_chars` characters of the body), further down (per mention, at most 3),
and as the source or target of one of its events."""


def key_actors(
    store: Store, doc_ids: Sequence[str], stories: Mapping[str, str], lead_chars: int = 400
) -> dict[str, list[str]]:
    """Each story's country-level actors ranked by how much its reports are about them: summed
    over its documents (`stories`: doc id → story id) by `KEY_ACTOR_WEIGHTS`; top five, ties
    broken by code."""
    if not doc_ids:
        return {}
    w = KEY_ACTOR_WEIGHTS
    rows: list[Any] = store.query(
        """WITH first_body AS (
             SELECT doc_id, min(start_char) AS start FROM segments WHERE kind = 'body'
             GROUP BY doc_id),
           m AS (
             SELECT m.doc_id, coalesce(a.country, m.actor_code) AS code, s.kind,
                    m.start_char < coalesce(f.start, 0) + ? AS lead
             FROM mentions m JOIN segments s ON s.doc_id = m.doc_id AND s.idx = m.segment
             LEFT JOIN actors a ON a.code = m.actor_code
             LEFT JOIN first_body f ON f.doc_id = m.doc_id
             WHERE m.actor_code <> '' AND s.kind IN ('headline', 'body')
               AND m.doc_id IN (SELECT unnest(?))),
           per_doc AS (
             SELECT doc_id, code,
                    ? * bool_or(kind = 'headline')::INT + ? * bool_or(kind = 'body' AND lead)::INT
                    + ? * least(3, count(*) FILTER (kind = 'body' AND NOT lead)) AS weight
             FROM m GROUP BY doc_id, code),
           ev AS (
             SELECT e.doc_id, coalesce(a.country, x.code) AS code
             FROM events e, unnest([e.source, e.target]) AS x(code)
             LEFT JOIN actors a ON a.code = x.code
             WHERE NOT e.background AND x.code <> '' AND e.doc_id IN (SELECT unnest(?))
             GROUP BY ALL)
           SELECT coalesce(p.doc_id, ev.doc_id), coalesce(p.code, ev.code),
                  coalesce(p.weight, 0) + ? * (ev.code IS NOT NULL)::INT
           FROM per_doc p FULL JOIN ev ON ev.doc_id = p.doc_id AND ev.code = p.code""",
        [lead_chars, list(doc_ids), w["headline"], w["lead"], w["body"], list(doc_ids),
         w["event"]],
    )  # fmt: skip
    totals: dict[str, dict[str, float]] = {}
    for doc_id, code, weight in rows:
        story = stories.get(doc_id)
        if story is not None and code:
            mine = totals.setdefault(story, {})
            mine[code] = mine.get(code, 0.0) + float(weight)
    return {
        story: [c for c, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:5]]
        for story, counts in totals.items()
    }


def key_events(
    store: Store, doc_ids: Sequence[str], stories: Mapping[str, str]
) -> dict[str, list[str]]:
    """Each story's commonest events as `root:A-B` keys (CAMEO root, the country-level pair in
    code order), counted once per document; top five."""
    if not doc_ids:
        return {}
    counts: dict[str, Counter[str]] = {}
    for doc_id, key in store.query(
        """SELECT DISTINCT e.doc_id, e.root || ':' || array_to_string(list_sort(list_filter(
                  [coalesce(sa.country, e.source), coalesce(ta.country, e.target)],
                  x -> x <> '')), '-')
           FROM events e LEFT JOIN actors sa ON sa.code = e.source
           LEFT JOIN actors ta ON ta.code = e.target
           WHERE NOT e.background AND e.doc_id IN (SELECT unnest(?))""",
        [list(doc_ids)],
    ):
        story = stories.get(doc_id)
        if story is not None:
            counts.setdefault(story, Counter())[key] += 1
    return {
        story: [k for k, _ in sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[:5]]
        for story, c in counts.items()
    }
