"""Alert rules (YAML) matched against what a poll brought in, delivered once each.

A rule names what it watches for and where its alerts go:

    web: http://127.0.0.1:8000          # links in alerts point here
    rules:
      - name: prk-rus
        when: {dyad: [PRK, RUS]}          # events: actor, dyad, target, root, cameo,
                                          # quad_class, modality, polarity, outlet
        to: [terminal, {jsonl: alerts.jsonl}, {webhook: https://..., secret: s3cret},
             {email: {to: me@example.org, host: smtp.example.org, port: 587}}]
      - {name: hype, when: {sensationalism: 0.7}, to: [terminal]}      # documents
      - {name: big, when: {story_size: 5}, to: [terminal]}             # stories, by outlets
      - {name: turns, when: {shift: true, actor: CHN}, to: [terminal]} # shifts

An alert's id is the rule and its subject (an event, document, story or shift), kept in the
store: the same subject never alerts the same rule twice, across polls and restarts.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import smtplib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import httpx

from detente.actors.country import country_joins
from detente.ingest.web import USER_AGENT
from detente.monitor.sources import SourcesError, read_yaml
from detente.store import Store

log = logging.getLogger(__name__)

EVENT_KEYS = {"actor", "dyad", "target", "source", "root", "cameo", "quad_class", "modality",
              "polarity", "outlet"}  # fmt: skip
KINDS_BY_KEY = {"sensationalism": "document", "story_size": "story", "shift": "shift"}
CHANNELS = ("terminal", "jsonl", "webhook", "email")


@dataclass
class Rule:
    name: str
    when: dict[str, Any]
    to: list[dict[str, Any]]

    @property
    def kind(self) -> str:
        kinds = {KINDS_BY_KEY[k] for k in self.when if k in KINDS_BY_KEY}
        return kinds.pop() if kinds else "event"


@dataclass
class Alert:
    alert_id: str
    rule: str
    kind: str
    summary: str
    subject: dict[str, Any]
    links: dict[str, str]
    created_at: str = field(default_factory=lambda: datetime.now(UTC).isoformat())

    def payload(self) -> dict[str, Any]:
        return {"id": self.alert_id, "rule": self.rule, "kind": self.kind,
                "summary": self.summary, "subject": self.subject, "links": self.links,
                "created_at": self.created_at}  # fmt: skip


@dataclass
class RuleSet:
    rules: list[Rule]
    web: str = "http://127.0.0.1:8000"


def load_rules(path: Path) -> RuleSet:
    data = read_yaml(path)
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise SourcesError(f"{path}: expected `rules:` with a list of rules")
    rules = [_rule(entry, f"{path}: rule {n}") for n, entry in enumerate(data["rules"], start=1)]
    return RuleSet(rules, str(data.get("web", RuleSet.web)).rstrip("/"))


def _rule(entry: Any, where: str) -> Rule:
    if not isinstance(entry, dict) or not isinstance(entry.get("when"), dict) or not entry["when"]:
        raise SourcesError(f"{where}: needs `name`, a non-empty `when` and `to`")
    when = dict(entry["when"])
    unknown = set(when) - EVENT_KEYS - set(KINDS_BY_KEY)
    if unknown:
        raise SourcesError(f"{where}: unknown condition(s) {', '.join(sorted(unknown))}")
    if len({KINDS_BY_KEY[k] for k in when if k in KINDS_BY_KEY}) > 1:
        raise SourcesError(
            f"{where}: combine sensationalism, story_size and shift in separate rules"
        )
    if "dyad" in when and (not isinstance(when["dyad"], list) or len(when["dyad"]) != 2):
        raise SourcesError(f"{where}: `dyad` is two actor codes, e.g. [PRK, RUS]")
    to = [{c: {}} if isinstance(c, str) else c for c in entry.get("to") or ["terminal"]]
    for channel in to:
        if (
            not isinstance(channel, dict)
            or len(channel) != 1
            or next(iter(channel)) not in CHANNELS
        ):
            raise SourcesError(f"{where}: each `to` entry is one of {', '.join(CHANNELS)}")
    return Rule(str(entry.get("name") or where), when, to)


# ---- matching ---------------------------------------------------------------------------------


def _event_alerts(store: Store, rule: Rule, doc_ids: list[str], web: str) -> list[Alert]:
    w = rule.when
    where: list[str] = ["e.doc_id IN (SELECT unnest(?::VARCHAR[]))"]
    params: list[Any] = [doc_ids]
    source_joins, src = country_joins("e.source", "sa")  # the country of an actor: one rule
    target_joins, tgt = country_joins("e.target", "ta")
    if "actor" in w:
        where.append(f"(? IN (e.source, e.target, {src}, {tgt}))")
        params.append(w["actor"])
    if "dyad" in w:
        a, b = w["dyad"]
        where.append(f"(({src} = ? AND {tgt} = ?) OR ({src} = ? AND {tgt} = ?))")
        params += [a, b, b, a]
    for key, sql in (("source", src), ("target", tgt)):
        if key in w:
            where.append(f"(? IN (e.{key}, {sql}))")
            params.append(str(w[key]))
    for key, column in (("root", "e.root"), ("cameo", "e.cameo"), ("quad_class", "e.quad_class"),
                        ("modality", "e.modality"), ("polarity", "e.polarity"),
                        ("outlet", "d.source")):  # fmt: skip
        if key in w:
            where.append(f"{column} = ?")
            params.append(int(w[key]) if key == "quad_class" else str(w[key]))
    rows = store.records(
        f"""SELECT e.doc_id, e.idx, e.source, e.target, e.cameo, e.goldstein,
                                   e.modality, e.polarity, e.evidence_text, e.date, d.title,
                                   d.url, d.source AS outlet
                            FROM events e JOIN documents d USING (doc_id)
                            {source_joins} {target_joins}
                            WHERE {" AND ".join(where)} ORDER BY e.doc_id, e.idx""",
        params,
    )
    return [
        Alert(_id(rule, f"event:{r['doc_id']}:{r['idx']}"), rule.name, "event",
              f"{r['source'] or '?'} → {r['target'] or '?'} CAMEO {r['cameo']}"
              f" ({r['outlet'] or 'unknown outlet'}): {r['evidence_text']}",
              {**r, "date": str(r["date"]) if r["date"] else None},
              {"document": f"{web}/doc/{r['doc_id']}", "url": r["url"] or ""})
        for r in rows
    ]  # fmt: skip


def _document_alerts(store: Store, rule: Rule, doc_ids: list[str], web: str) -> list[Alert]:
    rows = store.records("SELECT d.doc_id, d.title, d.url, d.source AS outlet, s.sensationalism FROM documents d"
        " JOIN signals s USING (doc_id) WHERE d.doc_id IN (SELECT unnest(?::VARCHAR[]))"
        " AND s.sensationalism >= ? AND (? IS NULL OR d.source = ?) ORDER BY d.doc_id",
        [doc_ids, float(rule.when["sensationalism"]), rule.when.get("outlet"),
         rule.when.get("outlet")],
    )  # fmt: skip
    return [Alert(_id(rule, f"document:{r['doc_id']}"), rule.name, "document",
                  f"sensationalism {r['sensationalism']:.2f}: {r['title'] or r['doc_id']}", r,
                  {"document": f"{web}/doc/{r['doc_id']}", "url": r["url"] or ""})
            for r in rows]  # fmt: skip


def _story_alerts(store: Store, rule: Rule, web: str) -> list[Alert]:
    size = int(rule.when["story_size"])
    actor = rule.when.get("actor")
    rows = store.records(
        "SELECT story_id, headline, len(sources) AS outlets, sources, key_actors FROM stories"
        " WHERE len(sources) >= ? AND (? IS NULL OR list_contains(key_actors, ?))",
        [size, actor, actor],
    )
    return [Alert(_id(rule, f"story:{r['story_id']}:{size}"), rule.name, "story",
                  f"story reached {r['outlets']} outlets: {r['headline']}", r,
                  {"story": f"{web}/story/{r['story_id']}"})
            for r in rows]  # fmt: skip


def _shift_alerts(store: Store, rule: Rule, web: str) -> list[Alert]:
    actor = rule.when.get("actor")
    a, b = rule.when.get("dyad") or (None, None)
    rows = store.records(
        "SELECT a, b, period, measure, kind, value, baseline, z FROM shifts"
        " WHERE (? IS NULL OR ? IN (a, b)) AND (? IS NULL OR (least(?, ?) = a AND greatest(?, ?) = b))",
        [actor, actor, a, a, b, a, b],
    )
    return [Alert(_id(rule, f"shift:{r['a']}:{r['b']}:{r['period']}:{r['measure']}"), rule.name,
                  "shift", f"{r['a']}–{r['b']}: {r['kind']} in the week of {r['period']}"
                  f" (z {r['z']:.1f})", {**r, "period": str(r["period"])},
                  {"dyad": f"{web}/dyad/{r['a']}/{r['b']}"})
            for r in rows]  # fmt: skip


def _id(rule: Rule, subject: str) -> str:
    return hashlib.sha256(f"{rule.name}\0{subject}".encode()).hexdigest()[:24]


def new_alerts(store: Store, rules: RuleSet, doc_ids: list[str]) -> list[tuple[Rule, Alert]]:
    """Alerts of every rule for these new documents (and the corpus), not raised before.

    Recorded in the store in the same go, so each is delivered at most once.
    """
    found: list[tuple[Rule, Alert]] = []
    for rule in rules.rules:
        kind = rule.kind
        if kind == "event":
            alerts = _event_alerts(store, rule, doc_ids, rules.web) if doc_ids else []
        elif kind == "document":
            alerts = _document_alerts(store, rule, doc_ids, rules.web) if doc_ids else []
        elif kind == "story":
            alerts = _story_alerts(store, rule, rules.web)
        else:
            alerts = _shift_alerts(store, rule, rules.web)
        found += [(rule, a) for a in alerts]
    if not found:
        return []
    with store.transaction():
        known = {r[0] for r in store.query(
            "SELECT alert_id FROM alerts WHERE alert_id IN (SELECT unnest(?::VARCHAR[]))",
            [[a.alert_id for _, a in found]])}  # fmt: skip
        fresh = [(r, a) for r, a in found if a.alert_id not in known]
        fresh = list({a.alert_id: (r, a) for r, a in fresh}.values())
        if fresh:
            store.con.executemany(
                "INSERT INTO alerts VALUES (?, ?, ?, ?, ?, NULL)",
                [[a.alert_id, a.rule, a.kind, a.created_at, json.dumps(a.payload(), default=str)]
                 for _, a in fresh],
            )  # fmt: skip
    return fresh


# ---- delivery ---------------------------------------------------------------------------------


def deliver(
    store: Store, alerts: list[tuple[Rule, Alert]], terminal: Callable[[Alert], None]
) -> dict[str, int]:
    """Send each alert to its rule's channels; a failing channel is logged and recorded."""
    counts = {c: 0 for c in CHANNELS} | {"failed": 0}
    for rule, alert in alerts:
        outcomes: dict[str, str] = {}
        for target in rule.to:
            channel, options = next(iter(target.items()))
            try:
                _send(channel, options, alert, terminal)
                counts[channel] += 1
                outcomes[channel] = "ok"
            except Exception as exc:  # one channel failing must not stop the others
                log.warning(
                    "alert %s (%s) via %s failed: %s", alert.alert_id, rule.name, channel, exc
                )
                counts["failed"] += 1
                outcomes[channel] = f"failed: {exc}"
        store.con.execute(
            "UPDATE alerts SET deliveries = ? WHERE alert_id = ?",
            [json.dumps(outcomes), alert.alert_id],
        )
    return counts


def _send(channel: str, options: Any, alert: Alert, terminal: Callable[[Alert], None]) -> None:
    body = json.dumps(alert.payload(), default=str, ensure_ascii=False)
    if channel == "terminal":
        terminal(alert)
    elif channel == "jsonl":
        with Path(str(options)).open("a", encoding="utf-8") as fh:
            fh.write(body + "\n")
    elif channel == "webhook":
        url = options if isinstance(options, str) else options["url"]
        secret = None if isinstance(options, str) else options.get("secret")
        headers = {"Content-Type": "application/json", "User-Agent": USER_AGENT}
        if secret:
            digest = hmac.new(str(secret).encode(), body.encode(), hashlib.sha256).hexdigest()
            headers["X-Detente-Signature"] = f"sha256={digest}"
        httpx.post(url, content=body.encode(), headers=headers, timeout=10).raise_for_status()
    else:
        _email(options, alert, body)


def _email(options: dict[str, Any], alert: Alert, body: str) -> None:
    message = EmailMessage()
    message["Subject"] = f"[detente] {alert.rule}: {alert.summary[:120]}"
    message["From"] = options.get("from", "detente@localhost")
    message["To"] = options["to"]
    links = "\n".join(f"{k}: {v}" for k, v in alert.links.items() if v)
    message.set_content(f"{alert.summary}\n\n{links}\n\n{body}\n")
    with smtplib.SMTP(
        options.get("host", "127.0.0.1"), int(options.get("port", 25)), timeout=10
    ) as smtp:
        if options.get("starttls"):
            smtp.starttls()
        if options.get("user"):
            smtp.login(options["user"], options.get("password", ""))
        smtp.send_message(message)
