"""Event exports: GDELT 2.0 event table (tab-separated) and PLOVER JSON lines.

GDELT columns follow the GDELT 2.0 Event Database codebook (61 fields, no header row). detente
fills what it knows — ids, dates, actor codes split into country, known group and type codes,
CAMEO codes, quad class, Goldstein score, counts of mentions, and the source URL — and leaves the
geography and tone fields empty. GLOBALEVENTID is a stable 63-bit hash of document id and event
index, so re-exports give the same ids.

GDELT has no column for how precisely an event is dated, and its readers expect exactly 61
columns, so the precision is told by which date fields are filled: a day fills SQLDATE,
MonthYear, Year and FractionDate; a month leaves SQLDATE empty; a year fills only Year; a week
fills MonthYear and Year only when it lies within one month and one year. FractionDate is the
middle of the period. An undated event leaves them all empty (never the publication or export
day). PLOVER records carry `date` (the first day of the period) and `date_precision`.
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from detente.actors.kb import KnowledgeBase, load_kb
from detente.events.dates import period_end

GDELT_COLUMNS = [
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
]


def event_id(doc_id: str, idx: int) -> int:
    return int.from_bytes(hashlib.blake2b(f"{doc_id}:{idx}".encode(), digest_size=8).digest()) >> 1


def _actor_fields(code: str, name: str | None, kb: KnowledgeBase) -> list[str]:
    """Code, Name, CountryCode, KnownGroupCode, EthnicCode, Religion1, Religion2, Type1-3."""
    if not code:
        return [""] * 10
    country = kb.country_of(code) or ""
    rest = code[len(country) :] if country and code.startswith(country) else code
    known = ""
    if rest.startswith("IGO") or rest.startswith("NGO"):
        known, rest = rest[3:6] if len(rest) > 3 else rest, ""
    types = [rest[i : i + 3] for i in range(0, len(rest), 3)][:3]
    types += [""] * (3 - len(types))
    return [code, (name or "").upper(), country, known, "", "", "", *types]


def _fraction(day: date) -> str:
    return f"{day.year + (day.timetuple().tm_yday - 1) / 365:.4f}"


def gdelt_dates(day: date | None, precision: str | None) -> list[str]:
    """SQLDATE, MonthYear, Year, FractionDate for a date known to `precision`."""
    if day is None:
        return ["", "", "", ""]
    last = period_end(day, precision)
    middle = day + (last - day) / 2
    one_month = (day.year, day.month) == (last.year, last.month)
    return [
        day.strftime("%Y%m%d") if precision in ("day", None) else "",
        day.strftime("%Y%m") if one_month else "",
        str(day.year) if day.year == last.year else "",
        _fraction(middle),
    ]


def gdelt_row(row: dict[str, Any], kb: KnowledgeBase) -> list[str]:
    added: datetime | None = row["analysed_at"]
    return [
        str(event_id(row["doc_id"], row["idx"])),
        *gdelt_dates(row["date"], row["date_precision"]),
        *_actor_fields(row["source"], row["source_name"], kb),
        *_actor_fields(row["target"], row["target_name"], kb),
        "0" if row["background"] else "1",
        row["cameo"],
        row["cameo"][:3],
        row["root"],
        str(row["quad_class"]),
        f"{row['goldstein']:.1f}",
        str(row["n_evidence"]),
        "1",
        "1",
        "",
        *([""] * 24),
        added.strftime("%Y%m%d%H%M%S") if added else "",
        row["url"] or row["origin"],
    ]


def plover_record(row: dict[str, Any]) -> dict[str, Any]:
    """One event in the PLOVER JSON layout (event type, mode, actors, text, provenance)."""
    day: date | None = row["date"]
    return {
        "id": f"{row['doc_id']}-{row['idx']}",
        "date": day.isoformat() if day else None,
        "date_precision": row["date_precision"],
        "event_type": row["plover_type"],
        "mode": row["plover_mode"] or "",
        "cameo": row["cameo"],
        "source": row["source"],
        "source_name": row["source_name"],
        "target": row["target"],
        "target_name": row["target_name"],
        "negated": row["polarity"] == "negated",
        "modality": row["modality"],
        "background": row["background"],
        "text": row["evidence_text"],
        "trigger": row["trigger"],
        "doc_id": row["doc_id"],
        "url": row["url"],
        "publisher": row["outlet"],
        "confidence": row["confidence"],
    }


def write_gdelt(rows: Iterable[dict[str, Any]], out: Path, kb_files: tuple[str, ...] = ()) -> Path:
    """Write event rows (as `detente.export.event_rows` gives them) as `out/events.gdelt.tsv`,
    atomically (a partial file renamed at the end); returns the path."""
    kb = load_kb(kb_files)
    target = out / "events.gdelt.tsv"
    partial = target.with_suffix(".tsv.partial")
    with partial.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE,
                            escapechar="\\")  # fmt: skip
        for row in rows:
            writer.writerow(gdelt_row(row, kb))
    partial.replace(target)
    return target


def write_plover(rows: Iterable[dict[str, Any]], out: Path) -> Path:
    """Write event rows as PLOVER JSON lines in `out/events.plover.jsonl` (CAMEO 01 statements,
    which have no PLOVER type, left out), atomically; returns the path."""
    target = out / "events.plover.jsonl"
    partial = target.with_suffix(".jsonl.partial")
    with partial.open("w", encoding="utf-8") as fh:
        for row in rows:
            if row["plover_type"]:
                fh.write(json.dumps(plover_record(row), ensure_ascii=False) + "\n")
    partial.replace(target)
    return target
