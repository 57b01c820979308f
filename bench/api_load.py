"""Load on `detente serve`: requests/s and latency for the document and events endpoints.

    python -m bench.api_load [--requests 10000] [--clients 16] [--db FILE]

Analyses the bundled examples into a fresh store (or serves --db), starts `detente serve` on
127.0.0.1, and sends the requests from `--clients` concurrent clients on loopback. The baseline,
measured in the same run against the same server, is /api/health (no store access), so the
ratio shows what reading the store costs. Any non-200 answer counts as an error.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def hammer(base: str, paths: list[str], total: int, clients: int) -> dict[str, float]:
    """`total` GETs cycling over `paths`, `clients` at a time; throughput and latency figures."""
    latencies: list[float] = []
    errors = 0
    counter = iter(range(total))

    async def client(http: httpx.AsyncClient) -> None:
        nonlocal errors
        for i in counter:
            started = time.perf_counter()
            response = await http.get(paths[i % len(paths)])
            latencies.append(time.perf_counter() - started)
            errors += response.status_code != 200

    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as http:
        started = time.perf_counter()
        await asyncio.gather(*(client(http) for _ in range(clients)))
        seconds = time.perf_counter() - started
    latencies.sort()
    return {
        "requests": total,
        "errors": errors,
        "rps": total / seconds,
        "p50_ms": 1000 * statistics.median(latencies),
        "p95_ms": 1000 * latencies[int(0.95 * (len(latencies) - 1))],
    }


def start_server(db: Path, port: int) -> subprocess.Popen[bytes]:
    env = dict(os.environ, HF_HUB_OFFLINE="1")
    cmd = [sys.executable, "-m", "detente.cli", "serve", "--db", str(db), "--port", str(port)]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.3)
    proc.kill()
    raise SystemExit("detente serve did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=10_000, help="per endpoint")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--db", type=Path, help="serve this store instead of the examples")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            db = Path(tmp) / "load.duckdb"
            subprocess.run([sys.executable, "-m", "detente.cli", "analyze", str(ROOT / "examples"),
                            "--db", str(db)], check=True, capture_output=True)  # fmt: skip
        port = free_port()
        proc = start_server(db, port)
        base = f"http://127.0.0.1:{port}"
        try:
            docs = httpx.get(f"{base}/api/documents", params={"limit": 200}).json()["items"]
            endpoints = {
                "health (baseline)": ["/api/health"],
                "document": [f"/api/documents/{d['doc_id']}" for d in docs],
                "events": [
                    "/api/events?limit=50",
                    "/api/events?quad_class=1&limit=50",
                    "/api/events?actor=RUS&limit=50",
                ],
            }
            results = {name: asyncio.run(hammer(base, paths, args.requests, args.clients))
                       for name, paths in endpoints.items()}  # fmt: skip
        finally:
            proc.terminate()
            proc.wait(timeout=10)
    baseline = results["health (baseline)"]["rps"]
    print(f"{args.requests:,} requests per endpoint, {args.clients} clients, loopback, "
          f"{os.cpu_count()} CPUs; store: {len(docs)} documents")  # fmt: skip
    print(f"{'endpoint':<20}{'req/s':>9}{'× baseline':>12}{'p50 ms':>9}{'p95 ms':>9}{'errors':>8}")
    for name, r in results.items():
        print(f"{name:<20}{r['rps']:>9.0f}{r['rps'] / baseline:>12.2f}{r['p50_ms']:>9.1f}"
              f"{r['p95_ms']:>9.1f}{r['errors']:>8.0f}")  # fmt: skip


if __name__ == "__main__":
    main()
