"""The corpus stages against analysis on real articles: `detente analyze` and then the corpus
stages (stories, corroboration, shifts) on the first N BBC News articles of the third-party set
(`../shared/data/news/bbc_news.jsonl`, read in place, never copied), in one run, so the ratio
holds on a machine whose speed drifts. The stories stage is also split into its parts (loading
the encoder, embedding, grouping) so a slow run says where the time went.

    python -m bench.real_corpus [--articles 500] [--data PATH] [--keep DB]

`--keep DB` copies the analysed store (before the corpus stages) to DB, with the analysis time
beside it (`DB.seconds`); `--reuse DB` times the corpus stages on a copy of such a store against
that recorded analysis time (for iterating on the corpus stages; report a full run).
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
import time
from pathlib import Path

DATA = Path("../shared/data/news/bbc_news.jsonl")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--keep", type=Path, help="copy the analysed store here")
    parser.add_argument("--reuse", type=Path, help="a store kept by --keep: skip analysis")
    args = parser.parse_args()
    if not args.data.exists():
        raise SystemExit(f"{args.data}: no such file (third-party data kept beside the project)")

    from detente.config import Settings
    from detente.corpus import run_corpus
    from detente.corpus import stories as stories_module
    from detente.pipeline import run, warm_up

    with tempfile.TemporaryDirectory() as folder:
        articles = Path(folder) / "articles.jsonl"
        with args.data.open(encoding="utf-8") as source, articles.open("w") as out:
            for n, line in enumerate(source):
                if n >= args.articles:
                    break
                record = json.loads(line)
                out.write(json.dumps({"title": record["title"], "text": record["text"],
                                      "source": "BBC News"}) + "\n")  # fmt: skip
        settings = Settings(db=Path(folder) / "bbc.duckdb")
        if args.reuse:
            shutil.copy(args.reuse, settings.db)
            analysed = float(args.reuse.with_suffix(".seconds").read_text())
            stored = 0
        else:
            warm_up(settings)  # spaCy and the KB load outside both timings
            start = time.perf_counter()
            stored = run([str(articles)], settings).stored
            analysed = time.perf_counter() - start
            if args.keep:
                shutil.copy(settings.db, args.keep)
                args.keep.with_suffix(".seconds").write_text(f"{analysed:.3f}")
        print(f"detente analyze : {analysed:7.1f} s ({stored} stored)", flush=True)
        parts: dict[str, float] = {}
        embed = stories_module.embed

        def timed_embed(*a: object, **k: object) -> object:
            began = time.perf_counter()
            try:
                return embed(*a, **k)  # type: ignore[arg-type]
            finally:
                parts["embedding"] = parts.get("embedding", 0.0) + time.perf_counter() - began

        stories_module.embed = timed_embed  # type: ignore[assignment]
        began = time.perf_counter()
        stories_module.load_encoder()
        parts["encoder load"] = time.perf_counter() - began
        start = time.perf_counter()
        corpus = run_corpus(settings)
        stages = time.perf_counter() - start + parts["encoder load"]
    print(f"{args.articles} BBC articles, {stored} stored")
    print(f"detente analyze : {analysed:7.1f} s")
    print(f"corpus stages   : {stages:7.1f} s  ({stages / analysed:.2f}x analysis)")
    for stage, seconds in corpus.seconds.items():
        print(f"  {stage:<14}: {seconds:7.1f} s")
    for part, seconds in parts.items():
        print(f"  stories: {part:<14}: {seconds:6.1f} s")


if __name__ == "__main__":
    main()
