"""Peak memory of the local engine as its input grows: streaming means it stays flat.

    python -m bench.memory [--sizes 50 150 450] [--workers 1] [--analyse] [--join 1]

For each size (MB), writes one JSONL file of that size (generated articles, each made unique,
`--join` of them to a record: long records reach a gigabyte in fewer documents)
and runs `detente ingest` (or `analyze` with `--analyse`) on it in a fresh process on a fresh
database, sampling the summed resident memory of that process and its workers. Prints peak
MiB per size and as a ratio of the smallest size's peak: a ratio near 1.0 while the input
grows many times over is bounded memory.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

from bench.make_corpus import write as make_corpus


def write_input(path: Path, megabytes: int, seed_lines: list[str], join: int = 1) -> int:
    """Cycle through the generated articles, numbering each copy so none is a duplicate, `join`
    articles to a record (as paragraphs)."""
    target = megabytes * 2**20
    written = n = 0
    with path.open("w", encoding="utf-8") as fh:
        while written < target:
            parts = [json.loads(seed_lines[(n * join + i) % len(seed_lines)]) for i in range(join)]
            record = parts[0]
            record["title"] = f"{record['title']} ({n})"
            body = "\n\n".join(p["text"] for p in parts)
            record["text"] = f"Dispatch {n}. {body} Filed as report number {n}."
            line = json.dumps(record) + "\n"
            fh.write(line)
            written += len(line.encode())
            n += 1
    return n


def peak_rss(command: list[str]) -> tuple[float, float]:
    """(peak MiB of the process tree, seconds)."""
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    parent = psutil.Process(proc.pid)
    peak = 0
    while proc.poll() is None:
        total = 0
        try:
            for p in [parent, *parent.children(recursive=True)]:
                total += p.memory_info().rss
        except psutil.Error:
            pass
        peak = max(peak, total)
        time.sleep(0.2)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed: {proc.stderr.read() if proc.stderr else ''}")
    return peak / 2**20, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 150, 450], help="MB")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--analyse", action="store_true", help="analyse, not only ingest")
    parser.add_argument("--join", type=int, default=1, help="articles to a record")
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        seed = make_corpus(folder / "seed", 2000).read_text().splitlines()
        command = "analyze" if args.analyse else "ingest"
        print(f"detente {command}, {args.workers} worker(s)")
        print(f"{'input MB':>9} {'documents':>10} {'seconds':>8} {'peak MiB':>9} {'vs first':>9}")
        first = None
        for size in args.sizes:
            data = folder / f"input-{size}.jsonl"
            documents = write_input(data, size, seed, args.join)
            db = folder / f"m-{size}.duckdb"
            cli = [sys.executable, "-m", "detente.cli", command, str(data), "--db", str(db)]
            mib, seconds = peak_rss([*cli, "--workers", str(args.workers)])
            first = first or mib
            print(f"{size:>9} {documents:>10,} {seconds:>8.1f} {mib:>9,.0f} {mib / first:>8.2f}×")
            data.unlink()
            db.unlink()


if __name__ == "__main__":
    main()
