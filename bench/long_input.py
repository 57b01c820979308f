"""Time and peak memory of `detente analyze` on one pathological document: a single huge line.

    python -m bench.long_input [--kb 370] [--punctuation]

Writes one text file of that many kilobytes on a single line (the words of generated articles,
punctuation stripped unless `--punctuation`), analyses it with the CLI in a fresh process on a
fresh database, and prints wall seconds and the peak resident memory of the process
(`resource.getrusage(RUSAGE_CHILDREN)`), with what was stored.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.make_corpus import write as make_corpus


def long_line(kilobytes: int, punctuation: bool, folder: Path) -> str:
    """One line of generated article words, `kilobytes` long."""
    articles = make_corpus(folder / "corpus", 400, seed=11).read_text(encoding="utf-8")
    words = " ".join(json.loads(line)["text"] for line in articles.splitlines())
    if not punctuation:
        words = re.sub(r"[^\w\s]", "", words)
    words = re.sub(r"\s+", " ", words)
    text = ""
    while len(text) < kilobytes * 1024:
        text += words + " "
    return text[: kilobytes * 1024].strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--kb", type=int, default=370, help="size of the line in kilobytes")
    parser.add_argument("--punctuation", action="store_true", help="keep sentence punctuation")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = folder / "line.txt"
        path.write_text(long_line(args.kb, args.punctuation, folder) + "\n", encoding="utf-8")
        db = folder / "line.duckdb"
        command = [sys.executable, "-m", "detente.cli", "analyze", str(path), "--db", str(db)]
        started = time.perf_counter()
        result = subprocess.run(command, capture_output=True, text=True, check=False,
                                env=dict(os.environ, HF_HUB_OFFLINE="1", COLUMNS="200"))  # fmt: skip
        seconds = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"{args.kb} KB single line: exit {result.returncode}, {seconds:.1f} s, "
              f"peak {peak:.0f} MiB")  # fmt: skip
        print("\n".join(line for line in result.stderr.splitlines() if line.strip())[-2000:])


if __name__ == "__main__":
    main()
