"""The command line stays a thin face: no SQL in it (what it reads comes from `detente.query`),
small modules and functions, and every command still reachable as before the split."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from .conftest import ROOT, run_cli

CLI = ROOT / "src" / "detente" / "cli"
MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 60

# SQL keywords in capitals (help texts are prose, in lower case) and the store's raw-SQL calls
_SQL = re.compile(
    r"\b(?:SELECT|INSERT\s+INTO|DELETE\s+FROM|CREATE\s+(?:TABLE|VIEW|INDEX)|UPDATE\s+\w+\s+SET)\b"
    r"|\.(?:execute|sql|query|records)\("
)

COMMANDS = ["ingest", "analyze", "show", "quotes", "list", "stats", "export", "actors", "events",
            "corpus", "bench", "stories", "dyads", "shifts", "report", "eval", "serve", "search",
            "watch", "sources", "digest"]  # fmt: skip


def sql_in(source: str) -> list[str]:
    """The SQL-looking fragments of a module's source."""
    return [m.group(0) for m in _SQL.finditer(source)]


def long_functions(source: str, limit: int = MAX_FUNCTION_LINES) -> list[str]:
    """'name (N lines)' for every function of `source` longer than `limit` lines."""
    return [
        f"{node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno is not None
        and node.end_lineno - node.lineno + 1 > limit
    ]


def _modules() -> list[Path]:
    found = sorted(CLI.glob("*.py"))
    assert len(found) >= 8, f"the CLI package at {CLI} looks incomplete: {found}"
    return found


def test_the_cli_package_holds_no_sql() -> None:
    offending = {p.name: sql_in(p.read_text("utf-8")) for p in _modules()}
    assert not {k: v for k, v in offending.items() if v}, "SQL belongs in detente.query"


def test_cli_modules_and_functions_stay_small() -> None:
    for path in _modules():
        source = path.read_text("utf-8")
        assert len(source.splitlines()) <= MAX_MODULE_LINES, path.name
        assert not long_functions(source), (path.name, long_functions(source))


def test_the_single_module_cli_is_gone() -> None:
    """`detente.cli` is the package: a stray cli.py beside it would be shadowed and rot."""
    assert not (CLI.parent / "cli.py").exists()
    assert not (CLI.parent / "cli_views.py").exists()


@pytest.mark.parametrize(
    "planted",
    [
        'rows = store.query("SELECT count(*) FROM documents")',
        "cur.execute(sql)",
        'con.sql("from documents")',
        "rows = store.records(QUERY)",
        'sql = "DELETE FROM runs"',
        '"UPDATE watch_sources SET failures = 0"',
    ],
)
def test_the_sql_check_catches_planted_sql(planted: str) -> None:
    assert sql_in(f"def f(store):\n    {planted}\n")


@pytest.mark.parametrize(
    "prose",
    [
        '"""Select the documents to show; a query in plain words."""',
        'help="Words to find in titles and texts."',
        "from detente.query.listings import events_in_order",
        "rows = search_documents(store, query, limit)",
        'console.print("records stored")',
    ],
)
def test_the_sql_check_lets_prose_and_query_calls_pass(prose: str) -> None:
    assert not sql_in(prose)


def test_the_function_check_catches_a_long_function() -> None:
    body = "\n".join(f"    x{i} = {i}" for i in range(MAX_FUNCTION_LINES))
    assert long_functions(f"def too_long():\n{body}\n") == [
        f"too_long ({MAX_FUNCTION_LINES + 1} lines)"
    ]
    assert not long_functions("def short():\n    return 1\n")


def test_every_command_is_registered_in_order() -> None:
    """The commands `--help` lists, in the order they were listed before the split."""
    result = run_cli("--help")
    assert result.returncode == 0, result.stderr
    positions = [result.stdout.find(f"│ {name} ") for name in COMMANDS]
    assert all(p >= 0 for p in positions), dict(zip(COMMANDS, positions, strict=True))
    assert positions == sorted(positions)


def test_the_console_script_and_module_entry_points_resolve() -> None:
    """`detente = "detente.cli:app"` in pyproject.toml and `python -m detente.cli` both work."""
    import tomllib

    from detente import cli

    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["scripts"]
    module, _, attribute = scripts["detente"].partition(":")
    assert module == "detente.cli" and getattr(cli, attribute) is cli.app
    assert (CLI / "__main__.py").is_file()
