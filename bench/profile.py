"""Where the time of `detente analyze` goes: cProfile over one in-process run, ranked.

    python -m bench.profile [PATH ...] [--limit 300] [--warm 40] [--sort tottime] [--top 40]
                            [--out FILE]

Generates a small corpus (`bench/make_corpus.py`) when no PATH is given, analyses it into a
fresh database with one worker (everything in this process, as `detente bench` measures it)
after an unprofiled run over `--warm` other articles has loaded every model and table,
and prints the functions ranked by `--sort`, then the time spent under spaCy's `nlp.pipe`
beside the rest, so a change can be judged by its share of the run rather than by wall time on
a loaded machine (cProfile inflates Python-heavy code: shares of pure-Python stages read high).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import tempfile
import time
from pathlib import Path

from bench.make_corpus import write as make_corpus
from detente import analyze
from detente.config import Settings
from detente.run.document import warm_up


def _share(stats: pstats.Stats, name: str) -> float:
    """Cumulative seconds of the functions whose name contains `name` (the first match)."""
    for (filename, _, function), row in stats.stats.items():  # type: ignore[attr-defined]
        if name in f"{filename}:{function}":
            return float(row[3])
    return 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--limit", type=int, default=300, help="articles generated (no PATH)")
    parser.add_argument("--warm", type=int, default=40, help="articles analysed unprofiled first")
    parser.add_argument("--sort", default="tottime", help="pstats sort key (cumulative, ...)")
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--out", help="also write the raw profile here (for snakeviz, pstats)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="detente-profile-") as tmp:
        paths = args.paths
        if not paths:
            corpus = Path(tmp) / "corpus"
            make_corpus(corpus, args.limit)
            paths = [str(corpus)]
        warm_up(Settings())
        if args.warm:
            warm = Path(tmp) / "warm"
            make_corpus(warm, args.warm, seed=11)
            analyze([str(warm)], db=Path(tmp) / "warm.duckdb", workers=1)
        profile = cProfile.Profile()
        start = time.perf_counter()
        profile.enable()
        report = analyze(paths, db=Path(tmp) / "profile.duckdb", workers=1)
        profile.disable()
        seconds = time.perf_counter() - start
    if args.out:
        profile.dump_stats(args.out)
    text = io.StringIO()
    stats = pstats.Stats(profile, stream=text)
    stats.sort_stats(args.sort).print_stats(args.top)
    print(text.getvalue())
    parse = _share(stats, "spacy/language.py:pipe")
    print(f"{report.analysed} analysed in {seconds:.1f} s (profiled)")
    print(f"under Language.pipe: {parse:.1f} s; the rest: {seconds - parse:.1f} s")


if __name__ == "__main__":
    main()
