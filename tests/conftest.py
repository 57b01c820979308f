"""Shared fixtures: the CLI run for real, the shared samples, and a corpus analysed once."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SAMPLES = ROOT.parent / "shared" / "samples"
CLI = [sys.executable, "-m", "detente.cli"]


def run_cli(
    *args: str, stdin: bytes | None = None, timeout: float = 300, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, HF_HUB_OFFLINE="1", COLUMNS="200")
    return subprocess.run(
        [*CLI, *args],
        cwd=cwd,
        input=stdin.decode() if stdin is not None else None,
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
        check=False,
    )


def run_eval(task: str, data: str | None = None) -> str:
    """`detente eval TASK` from the project root (where eval/ lives); its printed report."""
    result = run_cli("eval", task, *(["--data", data] if data else []), cwd=ROOT)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="session")
def samples() -> Path:
    if not SAMPLES.is_dir():
        pytest.skip(f"shared samples not found at {SAMPLES} (they live outside the project)")
    return SAMPLES


@pytest.fixture(scope="session")
def examples_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled examples, analysed once through the real CLI."""
    db = tmp_path_factory.mktemp("examples") / "examples.duckdb"
    result = run_cli("analyze", str(EXAMPLES), "--db", str(db))
    assert result.returncode == 0, result.stderr
    return db
