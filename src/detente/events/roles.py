"""What the coder knows about roles besides the parse: mutual acts, places that are targets,
prepositions that are never targets, verbs of taking part, words of reciprocity, generic agents
(`events/data/roles.yaml`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml

from detente.events.cameo import CodebookError, load_codebook
from detente.model import Mention
from detente.yamlfiles import load_yaml

WHERE = "events/data/roles.yaml"


@dataclass(frozen=True)
class Roles:
    symmetric: frozenset[str]  # CAMEO codes of mutual acts, coded in both directions
    place_targets: Mapping[str, frozenset[str] | None]  # preposition → roots (None: every root)
    not_target: Mapping[str, frozenset[str]]  # preposition → roots or codes it gives no target of
    participation: frozenset[str]  # verb lemmas of taking part ("join", "attend")
    international: frozenset[str]  # code prefixes that name no country
    reciprocal: frozenset[str]  # words that make coordinated subjects each other's target
    joint_words: frozenset[str]  # "joint", "together": done side by side in `joint_roots`
    joint_roots: frozenset[str]  # roots where a joint act has no partner ("a joint statement")
    agents: frozenset[str]  # generic agent codes with no country ("MIL")
    refusals: Mapping[str, str]  # code prefix of a cooperative or yielding act → reject code
    refusals_with_partner: frozenset[str]  # roots refused only with a target ("refused to meet X")
    unnamed_sources: frozenset[str]  # roots coded when a common-noun subject is no actor
    claiming: frozenset[str]  # nouns whose "for" object is the claimer's act ("responsibility")
    commanding: frozenset[str]  # verbs of command ("order"): to own forces, the act ordered
    own_forces: frozenset[str]  # nouns of forces, the subject's own when they name no actor
    subject_counterpart: frozenset[str]  # roots whose event noun targets the clause subject
    # code or root → prepositions whose unlinked object still names a recipient
    needs_target: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    transitive: frozenset[str] = frozenset()  # verb lemmas that code only with an object
    armed: frozenset[str] = frozenset()  # role codes that bear arms (MIL, COP, REB ...)
    politics: frozenset[str] = frozenset()  # role codes of politics (OPP, PTY, LEG ...)
    undergoing: frozenset[str] = frozenset()  # verbs whose subject undergoes the noun ("faced")
    escaping: frozenset[str] = frozenset()  # verbs whose subject escapes the noun ("escaped")
    accident_verbs: frozenset[str] = frozenset()  # "crashed, killing": no one's violence
    accident_nouns: frozenset[str] = frozenset()  # "a fire killed": no one's, without an actor
    scene_nouns: frozenset[str] = frozenset()  # "the Iraq war": a name before it is a place
    passive_headline_roots: frozenset[str] = frozenset()  # roots of acts done to someone
    nominal_not_coded: frozenset[str] = frozenset()  # codes an event noun alone does not carry
    warning_roots: frozenset[str] = frozenset()  # roots whose that-clause must be the warner's
    warning_outcomes: frozenset[str] = frozenset()  # "warned the bloc could fall apart"
    own_object_roots: frozenset[str] = frozenset()  # "pledged U.S. support": no target
    seizures: frozenset[str] = frozenset()  # codes whose taken place's country is the target
    light_only_nouns: frozenset[str] = frozenset()  # event nouns coded only after a light verb
    stance_nouns: frozenset[str] = frozenset()  # "support fell", "there is agreement": no act
    opposer_nouns: frozenset[str] = frozenset()  # "critics of Blair": not Blair
    occasion_roots: frozenset[str] = frozenset()  # roots whose occasion noun is the subject's
    intents: Mapping[str, str] = field(default_factory=dict)  # a planned act's code → intent code
    said_roots: frozenset[str] = frozenset()  # roots whose that-clause names no target
    # event nouns whose object is what is looked into, never whom an appeal addresses
    inquiry_nouns: frozenset[str] = frozenset()
    appeal_roots: frozenset[str] = frozenset()  # roots of appeals and demands
    commitments: frozenset[str] = frozenset()  # verbs of promising: negated, no refusal
    riot_roles: frozenset[str] = frozenset()  # role codes of crowds ("CVL")
    riot_roots: frozenset[str] = frozenset()  # roots of force that a crowd's act is a riot of
    riot_code: str | None = None  # the CAMEO code of a riot ("145")
    rival_roots: frozenset[str] = frozenset()  # roots of force that unarmed rivals only voice
    rival_code: str | None = None  # the code of force voiced between unarmed rivals ("111")
    capacity_roots: frozenset[str] = frozenset()  # force roots a capacity's noun never codes
    capacity_nouns: frozenset[str] = frozenset()  # "a headquarters", "a cell" to run operations
    sanction_codes: frozenset[str] = frozenset()  # codes of a sanction ("163")
    sanction_parts: frozenset[str] = frozenset()  # roots of the measures a sanction is made of
    sanctioner_words: frozenset[str] = frozenset()  # "treasury": a national body that sanctions
    armed_bodies: tuple[str, ...] = ()  # international bodies bearing arms ("IGOWSTNAT")
    reason_object_verbs: frozenset[str] = frozenset()  # "arrested X for offering": X offers
    purpose_roots: frozenset[str] = frozenset()  # "sent aid to support refugees": no 05 act
    purpose_target_roots: frozenset[str] = frozenset()  # "aid to support [refugees]": recipient

    def place_preps(self, code: str) -> tuple[str, ...]:
        """The prepositions of place whose country is a target of an act with this code."""
        return tuple(
            prep for prep, roots in self.place_targets.items() if roots is None or code[:2] in roots
        )

    def target_preps(self, preps: tuple[str, ...], code: str) -> tuple[str, ...]:
        """`preps` less those that never give a target of this code ("aid against X")."""
        return tuple(p for p in preps if not code.startswith(tuple(self.not_target.get(p, ()))))

    def same_actor_country(self, a: Mention, b: Mention) -> bool:
        """Whether two mentions are of one country (RUSGOV, RUS) or one international body
        (IGOUNO, IGOUNOSEC); two different bodies (IGOUNO, IGOWSTNAT) are not."""
        if a.actor_code[:3] != b.actor_code[:3]:
            return False
        if a.actor_code[:3] not in self.international:
            return True
        return a.actor_code.startswith(b.actor_code) or b.actor_code.startswith(a.actor_code)

    def unarmed_rivals(self, a: Mention, b: Mention) -> bool:
        """Whether two mentions are political actors (government, parties, legislators ...) of one
        country of which neither bears arms, by the three-letter role codes after the country:
        GBRGOVLAB and GBROPPCON are; NGAMIL, a bare country (VEN) or AFGTAL are not."""
        if a.actor_code[:3] in self.international or not self.same_actor_country(a, b):
            return False
        return all(self.politician(m) or "GOV" in _roles(m.actor_code) for m in (a, b)) and not (
            (_roles(a.actor_code) | _roles(b.actor_code)) & self.armed
        )

    def sanctioner(self, mention: Mention) -> bool:
        """Whether a mention is a body that sanctions rather than fights: an international body
        bearing no arms (IGOEUREEC, IGOUNOSEC; not IGOWSTNAT) or a treasury, finance ministry or
        sanctions office by a word of its name ("the US Treasury")."""
        code = mention.actor_code
        if code[:3] == "IGO":
            return not code.startswith(self.armed_bodies) and not _roles(code) & self.armed
        text = f" {mention.text.lower()} "
        return any(f" {w} " in text or f" {w}'" in text for w in self.sanctioner_words)

    def politician(self, mention: Mention) -> bool:
        """Whether a mention is a party, legislator or other political actor bearing no arms."""
        roles = _roles(mention.actor_code)
        return bool(roles & self.politics) and not roles & self.armed

    def civilian(self, mention: Mention) -> bool:
        """Whether a mention is a person or a political actor who bears no arms."""
        return bool(mention.person) or self.politician(mention)

    def riot(self, code: str, source: Mention | None) -> str:
        """`code`, or the riot code when a crowd (civilians, protesters) is the source of force:
        "Greek rioters attacked a ministry", "protesters clashed with police" are violent
        protest (CAMEO 145), not military force (19)."""
        if (
            self.riot_code is not None
            and source is not None
            and code[:2] in self.riot_roots
            and _roles(source.actor_code) & self.riot_roles
        ):
            return self.riot_code
        return code

    def rivals(self, code: str, source: Mention | None, target: Mention | None) -> str:
        """`code`, or the `rival_code` (criticism) when force is told between unarmed rivals of
        one country ("the SNP launched an offensive against Labour over pensions")."""
        if (
            self.rival_code is not None
            and source is not None
            and target is not None
            and code[:2] in self.rival_roots
            and self.unarmed_rivals(source, target)
        ):
            return self.rival_code
        return code

    def bare_agent(self, mention: Mention) -> bool:
        """A generic agent with no country ("troops" linked as MIL)."""
        return mention.actor_code in self.agents

    def refusal(self, code: str, partner: bool = True) -> str | None:
        """The CAMEO reject code (root 12) that an actor's refusal of the act `code` is ("will
        not lift sanctions" 085 → 1244), by the longest prefix in `refusals`; None when a
        negation of the act is no refusal ("did not attack"), or when it has no `partner` (a
        target) and its root is in `refusals_with_partner` ("would not discuss reports")."""
        if not partner and code[:2] in self.refusals_with_partner:
            return None
        for end in range(len(code), 1, -1):
            if code[:end] in self.refusals:
                return self.refusals[code[:end]]
        return None

    def recipient_preps(self, code: str) -> tuple[str, ...] | None:
        """None when an act with this code needs no target; else the prepositions whose object
        names a recipient that stands in for an unlinked target (`needs_target`: by the exact
        code, or by its root)."""
        for key in (code, code[:2]):
            if key in self.needs_target:
                return self.needs_target[key]
        return None


def _roots(value: Any, where: str) -> frozenset[str] | None:
    if value == "all":
        return None
    if not isinstance(value, list) or not all(isinstance(v, str) and len(v) == 2 for v in value):
        raise CodebookError(f"{where}: a list of two-digit CAMEO roots in quotes, or all")
    return frozenset(value)


def _prefixes(value: Any, where: str, codes: set[str]) -> frozenset[str] | None:
    """A list of CAMEO roots or codes ("08" or "087": every code they begin), or None for all."""
    if value == "all":
        return None
    if not isinstance(value, list) or not all(
        isinstance(v, str) and any(c.startswith(v) for c in codes) for v in value
    ):
        raise CodebookError(f"{where}: a list of CAMEO roots or codes in quotes, or all")
    return frozenset(value)


def _root_list(data: dict[str, Any], key: str) -> frozenset[str]:
    """An optional list of CAMEO roots (none when absent)."""
    return _roots(data.get(key) or [], f"{WHERE}: {key}") or frozenset()


@cache
def load_roles() -> Roles:
    """Read and check `events/data/roles.yaml`; `CodebookError` names what is wrong."""
    text = resources.files("detente.events").joinpath("data/roles.yaml").read_text("utf-8")
    try:
        data = load_yaml(text)
    except yaml.YAMLError as exc:
        raise CodebookError(f"{WHERE}: not valid YAML ({exc})") from exc
    codes = load_codebook().codes
    symmetric = frozenset(str(c) for c in data.get("symmetric") or ())
    unknown = sorted(symmetric - set(codes))
    if unknown:
        raise CodebookError(f"{WHERE}: symmetric: unknown CAMEO codes {unknown}")
    place = {str(p): _roots(r, f"{WHERE}: place_targets.{p}") for p, r in
             (data.get("place_targets") or {}).items()}  # fmt: skip
    not_target: dict[str, frozenset[str]] = {}
    for prep, roots in (data.get("not_target") or {}).items():
        checked = _prefixes(roots, f"{WHERE}: not_target.{prep}", set(codes))
        not_target[str(prep)] = checked if checked is not None else frozenset(c[:2] for c in codes)
    refusals = {str(k): str(v) for k, v in (data.get("refusals") or {}).items()}
    unknown = sorted(set(refusals.values()) - set(codes))
    if unknown or any(not v.startswith("12") for v in refusals.values()):
        raise CodebookError(f"{WHERE}: refusals: reject codes (root 12) only, unknown {unknown}")
    return Roles(
        symmetric=symmetric,
        place_targets=place,
        not_target=not_target,
        participation=frozenset(data.get("participation") or ()),
        international=frozenset(data.get("international") or ()),
        reciprocal=frozenset(data.get("reciprocal") or ()),
        joint_words=frozenset(data.get("joint_words") or ()),
        joint_roots=_root_list(data, "joint_roots"),
        agents=frozenset(data.get("agents") or ()),
        refusals=refusals,
        refusals_with_partner=_root_list(data, "refusals_with_partner"),
        unnamed_sources=_root_list(data, "unnamed_sources"),
        claiming=frozenset(data.get("claiming") or ()),
        commanding=frozenset(data.get("commanding") or ()),
        own_forces=frozenset(data.get("own_forces") or ()),
        subject_counterpart=_root_list(data, "subject_counterpart"),
        needs_target=_needs_target(data, set(codes)),
        transitive=frozenset(data.get("transitive") or ()),
        armed=frozenset(data.get("armed") or ()),
        politics=frozenset(data.get("politics") or ()),
        undergoing=frozenset(data.get("undergoing") or ()),
        escaping=frozenset(data.get("escaping") or ()),
        accident_verbs=frozenset(data.get("accident_verbs") or ()),
        accident_nouns=frozenset(data.get("accident_nouns") or ()),
        scene_nouns=frozenset(data.get("scene_nouns") or ()),
        passive_headline_roots=_root_list(data, "passive_headline_roots"),
        nominal_not_coded=_codes(data, "nominal_not_coded", set(codes)),
        warning_roots=_root_list(data, "warning_roots"),
        warning_outcomes=frozenset(data.get("warning_outcomes") or ()),
        own_object_roots=_root_list(data, "own_object_roots"),
        seizures=_codes(data, "seizures", set(codes)),
        light_only_nouns=frozenset(data.get("light_only_nouns") or ()),
        stance_nouns=frozenset(data.get("stance_nouns") or ()),
        opposer_nouns=frozenset(data.get("opposer_nouns") or ()),
        occasion_roots=_root_list(data, "occasion_roots"),
        intents=_code_map(data, "intents", set(codes)),
        said_roots=_root_list(data, "said_roots"),
        inquiry_nouns=frozenset(data.get("inquiry_nouns") or ()),
        appeal_roots=_root_list(data, "appeal_roots"),
        commitments=frozenset(data.get("commitments") or ()),
        riot_roles=frozenset(data.get("riot_roles") or ()),
        riot_roots=_root_list(data, "riot_roots"),
        riot_code=_one_code(data, "riot_code", set(codes)),
        rival_roots=_root_list(data, "rival_roots"),
        rival_code=_one_code(data, "rival_code", set(codes)),
        capacity_roots=_root_list(data, "capacity_roots"),
        capacity_nouns=frozenset(data.get("capacity_nouns") or ()),
        sanction_codes=_codes(data, "sanction_codes", set(codes)),
        sanction_parts=_root_list(data, "sanction_parts"),
        sanctioner_words=frozenset(w.lower() for w in data.get("sanctioner_words") or ()),
        armed_bodies=tuple(str(c) for c in data.get("armed_bodies") or ()),
        reason_object_verbs=frozenset(data.get("reason_object_verbs") or ()),
        purpose_roots=_root_list(data, "purpose_roots"),
        purpose_target_roots=_root_list(data, "purpose_target_roots"),
    )


def _one_code(data: dict[str, Any], key: str, codes: set[str]) -> str | None:
    code = data.get(key)
    if code is not None and str(code) not in codes:
        raise CodebookError(f"{WHERE}: {key}: unknown CAMEO code {code!r}")
    return None if code is None else str(code)


def _code_map(data: dict[str, Any], key: str, codes: set[str]) -> dict[str, str]:
    """An optional mapping of CAMEO codes to CAMEO codes, both checked against the codebook."""
    found = {str(k): str(v) for k, v in (data.get(key) or {}).items()}
    unknown = sorted((set(found) | set(found.values())) - codes)
    if unknown:
        raise CodebookError(f"{WHERE}: {key}: unknown CAMEO codes {unknown}")
    return found


def _codes(data: dict[str, Any], key: str, codes: set[str]) -> frozenset[str]:
    """An optional list of CAMEO codes, checked against the codebook."""
    found = frozenset(str(c) for c in data.get(key) or ())
    unknown = sorted(found - codes)
    if unknown:
        raise CodebookError(f"{WHERE}: {key}: unknown CAMEO codes {unknown}")
    return found


def _needs_target(data: dict[str, Any], codes: set[str]) -> dict[str, tuple[str, ...]]:
    """`needs_target`: CAMEO codes or roots → lists of prepositions, checked."""
    out: dict[str, tuple[str, ...]] = {}
    for key, preps in (data.get("needs_target") or {}).items():
        key = str(key)
        if not (key in codes or (len(key) == 2 and any(c.startswith(key) for c in codes))):
            raise CodebookError(f"{WHERE}: needs_target: unknown CAMEO code or root {key!r}")
        if not isinstance(preps, list):
            raise CodebookError(f"{WHERE}: needs_target.{key}: a list of prepositions")
        out[key] = tuple(str(p) for p in preps)
    return out


def _roles(code: str) -> set[str]:
    """The three-letter role codes after a code's country: "GBROPPLAB" → {"OPP", "LAB"}."""
    return {code[i : i + 3] for i in range(3, len(code), 3)}
