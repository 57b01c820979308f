"""Article extraction: detente against bare trafilatura on the same pages, same run.

    python bench/extraction.py [--data eval/pages] [--errors]

For every page of `eval/pages/` with a gold article, scores the article text that detente keeps
as body, and what `trafilatura.extract` returns with its defaults (and with favor_precision), by
token-level precision, recall and F1 against the gold, averaged over pages as the Zyte
article-extraction benchmark does. Also times both. The pages are written by the detente team
(see eval/pages/gold.jsonl): a development figure, not a held-out one.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

import trafilatura

from detente.evaluation.pages import (
    Example,
    Extraction,
    load_examples,
    mean_extraction,
    segment_page,
    token_scores,
)

ROOT = Path(__file__).resolve().parent.parent


def detente_body(example: Example) -> str:
    return segment_page(example).body


def bare_trafilatura(example: Example) -> str:
    return trafilatura.extract(example.html) or ""


def precise_trafilatura(example: Example) -> str:
    return trafilatura.extract(example.html, favor_precision=True, include_comments=False) or ""


def score(
    pages: list[Example], extract: Callable[[Example], str]
) -> tuple[Extraction, float, list[tuple[str, float]]]:
    start = time.perf_counter()
    predicted = [extract(p) for p in pages]
    seconds = time.perf_counter() - start
    per_page = [
        (p.id, token_scores(text, p.article)[2]) for p, text in zip(pages, predicted, strict=True)
    ]
    return (
        mean_extraction([(t, p.article) for p, t in zip(pages, predicted, strict=True)]),
        seconds,
        per_page,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT / "eval" / "pages")
    parser.add_argument("--errors", action="store_true", help="list pages below F1 0.95")
    args = parser.parse_args()
    pages = [p for p in load_examples(args.data) if p.article and not p.error]
    print(f"{len(pages)} pages with a gold article ({args.data})")
    print(f"{'extractor':34} {'P':>6} {'R':>6} {'F1':>6} {'seconds':>8}")
    for name, extract in (
        ("detente (body segments)", detente_body),
        ("trafilatura.extract (defaults)", bare_trafilatura),
        ("trafilatura.extract (precision)", precise_trafilatura),
    ):
        x, seconds, per_page = score(pages, extract)
        print(f"{name:34} {x.precision:6.3f} {x.recall:6.3f} {x.f1:6.3f} {seconds:8.2f}")
        if args.errors:
            for page, f1 in per_page:
                if f1 < 0.95:
                    print(f"    {page}: F1 {f1:.3f}")


if __name__ == "__main__":
    main()
