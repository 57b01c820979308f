"""Scoring page segmentation and article extraction on `eval/pages/`: HTML page shapes (news
with consent, paywall and newsletter boxes, live blogs, AMP, wire copy, forum software, threaded
comments, 404 pages) written by the detente team, with gold comment and removed counts,
boilerplate lines and article text.

A document is segmented right when its comment and removed-comment counts equal the gold, no
gold boilerplate line appears in its analysed text (body or comments), and a page the gold marks
as an error (a 404 page) is refused rather than analysed. Extraction is scored like the Zyte
article-extraction benchmark: token-level precision, recall and F1 of the body against the gold
article text, averaged over the pages that have one."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from detente.evaluation.scores import load_annotated

_TOKEN = re.compile(r"\w+", re.UNICODE)


DEFAULT_DATA = Path("eval/pages")


@dataclass
class Example:
    id: str
    html: str
    comments: int
    removed: int
    boilerplate: list[str]
    article: str
    error: bool = False
    shape: str = ""


@dataclass
class Extraction:
    """Mean token-level precision, recall and F1 over pages (Zyte benchmark style)."""

    precision: float = 0.0
    recall: float = 0.0
    f1: float = 0.0
    pages: int = 0


@dataclass
class Report:
    documents: int = 0
    right: int = 0
    extraction: Extraction = field(default_factory=Extraction)
    errors: list[str] = field(default_factory=list)


def load_examples(path: Path) -> list[Example]:
    folder = path if path.is_dir() else path.parent

    def build(record: dict[str, object], where: str) -> Example:
        html = (folder / str(record["file"])).read_text(encoding="utf-8")
        return Example(
            id=str(record["id"]),
            html=html,
            comments=int(record["comments"]),  # type: ignore[call-overload]
            removed=int(record["removed"]),  # type: ignore[call-overload]
            boilerplate=[str(b) for b in record["boilerplate"]],  # type: ignore[attr-defined]
            article=str(record["article"]),
            error=bool(record.get("error", False)),
            shape=str(record.get("shape", "")),
        )

    return load_annotated(path, "page gold records", build)


def token_scores(predicted: str, gold: str) -> tuple[float, float, float]:
    """Precision, recall and F1 of the bag of word tokens (lower-cased)."""
    pred = Counter(t.lower() for t in _TOKEN.findall(predicted))
    ref = Counter(t.lower() for t in _TOKEN.findall(gold))
    if not pred and not ref:
        return 1.0, 1.0, 1.0
    common = sum((pred & ref).values())
    p = common / sum(pred.values()) if pred else 0.0
    r = common / sum(ref.values()) if ref else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def mean_extraction(pairs: Sequence[tuple[str, str]]) -> Extraction:
    """The mean scores of (predicted, gold) article texts."""
    scored = [token_scores(p, g) for p, g in pairs]
    if not scored:
        return Extraction()
    n = len(scored)
    return Extraction(
        precision=sum(s[0] for s in scored) / n,
        recall=sum(s[1] for s in scored) / n,
        f1=sum(s[2] for s in scored) / n,
        pages=n,
    )


@dataclass
class Segmented:
    """What detente made of one page."""

    body: str = ""
    analysed: str = ""
    comments: int = 0
    removed: int = 0
    refused: str | None = None


def segment_page(example: Example) -> Segmented:
    from detente.clean import prepare_document
    from detente.config import Settings
    from detente.errors import InputError
    from detente.model import RawDocument, SegmentKind

    try:
        doc = prepare_document(RawDocument(origin=example.id, html=example.html), Settings())
    except InputError as exc:
        return Segmented(refused=str(exc))
    kinds = [s.kind for s in doc.segments]
    body = [doc.segment_text(s) for s in doc.segments if s.kind is SegmentKind.BODY]
    comments = [doc.segment_text(s) for s in doc.segments if s.kind is SegmentKind.COMMENT]
    return Segmented(
        body="\n".join(body),
        analysed="\n".join(body + comments),
        comments=kinds.count(SegmentKind.COMMENT),
        removed=kinds.count(SegmentKind.REMOVED_COMMENT),
    )


def judge(example: Example, got: Segmented) -> list[str]:
    """Why a page is not segmented right (empty when it is)."""
    if example.error or got.refused:
        return [] if example.error and got.refused else [f"refused: {got.refused or 'no'}"]
    wrong = []
    if got.comments != example.comments:
        wrong.append(f"comments {got.comments} (gold {example.comments})")
    if got.removed != example.removed:
        wrong.append(f"removed {got.removed} (gold {example.removed})")
    wrong += [f"boilerplate in text: {b!r}" for b in example.boilerplate if b in got.analysed]
    return wrong


def evaluate(
    examples: Sequence[Example],
    kb_files: tuple[str, ...] = (),
    segment: Callable[[Example], Segmented] = segment_page,
) -> Report:
    report = Report(documents=len(examples))
    pairs: list[tuple[str, str]] = []
    for ex in examples:
        got = segment(ex)
        wrong = judge(ex, got)
        report.right += not wrong
        report.errors += [f"{ex.id} ({ex.shape}): {w}" for w in wrong]
        if ex.article and not ex.error:
            pairs.append((got.body, ex.article))
    report.extraction = mean_extraction(pairs)
    return report


def summary(report: Report) -> list[str]:
    """What `detente eval pages` prints: segmentation and article-extraction scores."""
    x = report.extraction
    return [
        f"pages: {report.right} of {report.documents} documents segmented right; article "
        f"extraction on {x.pages} pages: P {x.precision:.3f} R {x.recall:.3f} F1 {x.f1:.3f}"
    ]
