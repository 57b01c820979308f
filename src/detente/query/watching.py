"""Reads about watching: the watched sources with their health, the alert rules, and the alerts
raised, each with the page that shows its evidence (`detente.monitor` writes these tables)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from detente.store import Store

MAX_ALERTS = 500


def watched_sources(store: Store) -> list[dict[str, Any]]:
    """Every source the watcher has polled: name, url, last_polled, last_success,
    last_error_at (timestamps or None), last_error (text or None), failures (consecutive),
    items (seen so far) and `health`: "ok", "failing" (the last poll failed after an earlier
    success), "never succeeded", or "not polled"; failing ones first."""
    rows = store.records(
        "SELECT name, url, last_polled, last_success, last_error, last_error_at, failures, items"
        " FROM watch_sources ORDER BY failures DESC, name"
    )
    for row in rows:
        row["health"] = _health(row)
    return rows


def _health(row: dict[str, Any]) -> str:
    if row["last_polled"] is None:
        return "not polled"
    if row["failures"]:
        return "failing" if row["last_success"] is not None else "never succeeded"
    return "ok"


def alert_rules(store: Store, rules_file: Path | None) -> list[dict[str, Any]]:
    """The alert rules: those in `rules_file` (the server's `--rules`, when given; unreadable
    files raise `SourcesError`) and those named by stored alerts, each with name, kind,
    `when` (its conditions as text, "" when only known from its alerts), `to` (channels),
    `alerts` (how many it raised) and `last` (when it last alerted, or None)."""
    counts = {r["rule"]: r for r in store.records(
        "SELECT rule, any_value(kind) AS kind, count(*) AS alerts, max(created_at) AS last"
        " FROM alerts GROUP BY rule")}  # fmt: skip
    rules: list[dict[str, Any]] = []
    if rules_file is not None:
        from detente.monitor.alerts import load_rules

        for rule in load_rules(rules_file).rules:
            seen = counts.pop(rule.name, {})
            rules.append({"name": rule.name, "kind": rule.kind, "when": _when(rule.when),
                          "to": [next(iter(c)) for c in rule.to],
                          "alerts": seen.get("alerts", 0), "last": seen.get("last")})  # fmt: skip
    for name, seen in sorted(counts.items()):
        rules.append({"name": name, "kind": seen["kind"], "when": "", "to": [],
                      "alerts": seen["alerts"], "last": seen["last"]})  # fmt: skip
    return rules


def _when(conditions: dict[str, Any]) -> str:
    """{'dyad': ['PRK', 'RUS'], 'root': '19', 'shift': True} → 'dyad PRK–RUS, root 19, shift'."""
    said = []
    for key, value in conditions.items():
        if value is True:
            said.append(key)
            continue
        shown = "–".join(map(str, value)) if isinstance(value, list) else str(value)
        said.append(f"{key} {shown}")
    return ", ".join(said)


def raised_alerts(store: Store, rule: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
    """Alerts raised, newest first (up to `limit`, at most MAX_ALERTS), optionally of one rule:
    alert_id, rule, kind (event, document, story, shift), created_at, summary, deliveries
    ({channel: "ok" | "failed: …"}) and `evidence`: [{"label", "href"}] links to this server's
    pages (document, story or dyad; never the absolute links stored for other servers)."""
    rows = store.records(
        "SELECT alert_id, rule, kind, created_at, payload, deliveries FROM alerts"
        " WHERE ? IS NULL OR rule = ? ORDER BY created_at DESC, alert_id LIMIT ?",
        [rule, rule, max(1, min(limit, MAX_ALERTS))],
    )
    for row in rows:
        payload = json.loads(row.pop("payload") or "{}")
        row["summary"] = str(payload.get("summary") or "")
        row["deliveries"] = json.loads(row["deliveries"]) if row["deliveries"] else {}
        row["evidence"] = evidence_links(row["kind"], payload.get("subject") or {})
    return rows


def evidence_links(kind: str, subject: dict[str, Any]) -> list[dict[str, str]]:
    """Links to the pages holding an alert's evidence, from its stored subject."""
    links: list[dict[str, str]] = []
    doc_id = str(subject.get("doc_id") or "")
    if kind in ("event", "document") and doc_id:
        label = "event in document" if kind == "event" else "document"
        links.append({"label": f"{label} {doc_id[:12]}", "href": f"/doc/{doc_id}"})
    if kind == "event" and subject.get("source") and subject.get("target"):
        a, b = str(subject["source"]), str(subject["target"])
        links.append({"label": f"dyad {a}–{b}", "href": f"/dyad/{a}/{b}"})
    if kind == "story" and subject.get("story_id"):
        links.append({"label": "story", "href": f"/story/{subject['story_id']}"})
    if kind == "shift" and subject.get("a") and subject.get("b"):
        a, b = str(subject["a"]), str(subject["b"])
        links.append({"label": f"dyad {a}–{b} (shift {subject.get('period', '')})",
                      "href": f"/dyad/{a}/{b}"})  # fmt: skip
    return links
