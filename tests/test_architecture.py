"""The import rules of `src/detente`, checked on the source with `ast` (nothing is imported).

The module import graph counts every `import` and `from ... import` in a module, each of one of
three kinds:

- `top`: runs when the module is imported (module level, class bodies, `try` blocks);
- `function`: inside a function, runs when it is called (the lazy imports that keep spaCy out
  of a process that never parses);
- `typing`: under `if TYPE_CHECKING:`, never runs.

An import names the deepest module that exists (`from detente.run import steps` is an edge to
`detente.run.steps`, `from detente.run.steps import Read` too), not the packages above it:
a package's `__init__` importing its own modules is not a circle.

Rules:

(a) per-document packages (clean, nlp, parse, actors, events, quotes, signals, ingest,
    knowledge) never import `detente.store`, `detente.query` or `duckdb`, of any kind (a
    function-level import is still the database in a per-document step; a typing-only one
    still ties the package to the store's API);
(b) the core (everything but cli, api, web, report, monitor, evaluation, bench) never imports a
    face (cli, api, web), of any kind;
(c) no circle among modules through `top` imports: a `typing` import never runs, and a
    `function` import runs after both modules are loaded, so neither can fail half-way;
(d) the version string comes from `detente.version`: nothing imports `__version__` from the
    package root (which would load the whole Python API for one string).

Each rule is also run on a small planted tree in `tmp_path`, so the checker is shown to fail.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"

PER_DOCUMENT = ("clean", "nlp", "parse", "actors", "events", "quotes", "signals", "ingest",
                "knowledge")  # fmt: skip
DATABASE = ("detente.store", "detente.query", "duckdb")
FACES = ("cli", "api", "web")
NOT_CORE = (*FACES, "report", "monitor", "evaluation", "bench")
#: Known violations, each with the reason it stays; empty: every rule holds.
ALLOWED: dict[str, set[str]] = {"version": set(), "cycle": set()}


@dataclass(frozen=True)
class Import:
    """One import in `source`: the module it names, its kind, the names it takes, its line."""

    source: str
    target: str
    kind: str  # "top", "function" or "typing"
    names: tuple[str, ...]
    line: int


@dataclass
class Graph:
    """The modules of a source tree and their imports."""

    modules: set[str] = field(default_factory=set)
    imports: list[Import] = field(default_factory=list)

    def edges(self, kinds: tuple[str, ...]) -> dict[str, set[str]]:
        """Module → the modules of the tree it imports with one of `kinds`."""
        out: dict[str, set[str]] = defaultdict(set)
        for imp in self.imports:
            if imp.kind in kinds and imp.target in self.modules:
                out[imp.source].add(imp.target)
        return out


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _resolve(source: str, is_package: bool, level: int, name: str | None) -> str:
    """The absolute module of a relative `from` import."""
    base = source.split(".") if is_package else source.split(".")[:-1]
    base = base[: len(base) - (level - 1)] if level > 1 else base
    return ".".join([*base, name] if name else base)


class _Collector(ast.NodeVisitor):
    """Imports of one module, each with its kind."""

    def __init__(self, source: str, is_package: bool, modules: set[str]) -> None:
        self.source, self.is_package, self.modules = source, is_package, modules
        self.found: list[Import] = []
        self.kind = "top"

    def _deepest(self, name: str) -> str:
        parts = name.split(".")
        for end in range(len(parts), 0, -1):
            if ".".join(parts[:end]) in self.modules:
                return ".".join(parts[:end])
        return name

    def _add(self, target: str, names: tuple[str, ...], line: int) -> None:
        self.found.append(Import(self.source, target, self.kind, names, line))

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self._add(self._deepest(alias.name), (), node.lineno)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        module = node.module or ""
        if node.level:
            module = _resolve(self.source, self.is_package, node.level, node.module)
        names = tuple(a.name for a in node.names)
        submodules = [f"{module}.{n}" for n in names if f"{module}.{n}" in self.modules]
        for target in submodules:
            self._add(target, (), node.lineno)
        if len(submodules) < len(names):
            self._add(self._deepest(module), names, node.lineno)

    def _nested(self, node: ast.AST, kind: str) -> None:
        outer, self.kind = self.kind, kind if self.kind == "top" else self.kind
        self.generic_visit(node)
        self.kind = outer

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self._nested(node, "function")

    def visit_AsyncFunctionDef(self, node: ast.AsyncFunctionDef) -> None:
        self._nested(node, "function")

    def visit_If(self, node: ast.If) -> None:
        test = node.test
        name = test.id if isinstance(test, ast.Name) else getattr(test, "attr", None)
        if name != "TYPE_CHECKING":
            self.generic_visit(node)
            return
        outer, self.kind = self.kind, "typing"
        for child in node.body:
            self.visit(child)
        self.kind = outer
        for child in node.orelse:
            self.visit(child)


def build_graph(root: Path, package: str = "detente") -> Graph:
    """The import graph of `root/package` (a source tree), read with `ast`."""
    files = sorted((root / package).rglob("*.py"))
    graph = Graph(modules={module_name(f, root) for f in files})
    for path in files:
        source = module_name(path, root)
        collector = _Collector(source, path.name == "__init__.py", graph.modules)
        collector.visit(ast.parse(path.read_text(encoding="utf-8"), str(path)))
        graph.imports += collector.found
    return graph


def _part(module: str) -> str:
    """The top-level part of the package a module belongs to (`detente.api.app` → `api`)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def _names(module: str, prefixes: tuple[str, ...]) -> bool:
    return any(module == p or module.startswith(p + ".") for p in prefixes)


def database_imports(graph: Graph) -> list[str]:
    """Rule (a): per-document modules importing the store, the read model or DuckDB."""
    return [
        f"{i.source}:{i.line} imports {i.target}"
        for i in graph.imports
        if _part(i.source) in PER_DOCUMENT and _names(i.target, DATABASE)
    ]


def face_imports(graph: Graph) -> list[str]:
    """Rule (b): core modules importing a face."""
    return [
        f"{i.source}:{i.line} imports {i.target}"
        for i in graph.imports
        if _part(i.source) not in NOT_CORE
        and i.target.startswith("detente.")
        and _part(i.target) in FACES
    ]


def version_imports(graph: Graph) -> list[tuple[str, str]]:
    """Rule (d): (module, where) of every `__version__` taken from the package root."""
    return [
        (i.source, f"{i.source}:{i.line} imports __version__ from {i.target}")
        for i in graph.imports
        if i.target == "detente" and ("__version__" in i.names or "*" in i.names)
    ]


def cycles(graph: Graph) -> list[list[str]]:
    """Rule (c): the circles among modules through `top` imports, one per strongly connected
    component (Tarjan), each as a path that returns to its start."""
    edges = graph.edges(("top",))
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def connect(node: str) -> None:  # recursion depth is bounded by the module count
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(edges.get(node, ())):
            if nxt not in index:
                connect(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component: set[str] = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
                if member == node:
                    break
            if len(component) > 1 or node in edges.get(node, ()):
                found.append(_circle(min(component), component, edges))

    for module in sorted(graph.modules):
        if module not in index:
            connect(module)
    return found


def _circle(start: str, component: set[str], edges: dict[str, set[str]]) -> list[str]:
    """A shortest path from `start` back to itself inside `component` (breadth first)."""
    previous: dict[str, str] = {}
    queue = [start]
    for node in queue:
        for nxt in sorted(edges.get(node, ()) & component):
            if nxt == start:
                path = [node]
                while path[-1] != start:
                    path.append(previous[path[-1]])
                return [start, *reversed(path[:-1]), start] if node != start else [start, start]
            if nxt not in previous:
                previous[nxt] = node
                queue.append(nxt)
    raise AssertionError(f"no circle through {start}")


# ---- the rules on src/detente ----------------------------------------------------------------


@pytest.fixture(scope="module")
def graph() -> Graph:
    return build_graph(SRC)


def test_the_graph_sees_every_kind_of_import(graph: Graph) -> None:
    kinds = {i.kind for i in graph.imports}
    assert kinds == {"top", "function", "typing"}
    assert len(graph.modules) > 100
    assert ("detente.pipeline", "detente.run.steps") in {
        (i.source, i.target) for i in graph.imports if i.kind == "top"
    }


def test_per_document_packages_never_touch_the_database(graph: Graph) -> None:
    assert database_imports(graph) == []


def test_the_core_never_imports_a_face(graph: Graph) -> None:
    assert face_imports(graph) == []


def test_no_import_circles(graph: Graph) -> None:
    unexplained = [c for c in cycles(graph) if not set(c) <= ALLOWED["cycle"]]
    assert not unexplained, "import circles:\n" + "\n".join(" → ".join(c) for c in unexplained)


def test_the_version_comes_from_its_own_module(graph: Graph) -> None:
    found = [where for module, where in version_imports(graph) if module not in ALLOWED["version"]]
    assert found == []
    assert any(i.target == "detente.version" for i in graph.imports if i.source == "detente")


def test_the_allow_list_holds_only_violations_that_still_exist(graph: Graph) -> None:
    """An entry fixed by its owner must leave the list, so the list cannot hide a new one."""
    versions = {module for module, _ in version_imports(graph)}
    assert ALLOWED["version"] <= versions, ALLOWED["version"] - versions
    circled = {m for c in cycles(graph) for m in c}
    if ALLOWED["cycle"]:
        assert circled & ALLOWED["cycle"], "the allowed circle is gone: empty ALLOWED['cycle']"


# ---- the checker fails on planted violations ------------------------------------------------


def plant(root: Path, files: dict[str, str]) -> Graph:
    """A source tree of `files` (path under `root` → source), with every package's
    `__init__.py`, and its import graph."""
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        for parent in path.relative_to(root).parents:
            if str(parent) != ".":
                (root / parent / "__init__.py").touch()
        path.write_text(text)
    return build_graph(root)


def test_checker_finds_a_per_document_package_touching_the_database(tmp_path: Path) -> None:
    graph = plant(tmp_path, {
        "detente/store.py": "",
        "detente/query/reads.py": "",
        "detente/events/export.py": "from detente.store import Store\n",
        "detente/quotes/find.py": "def f():\n    import duckdb\n",
        "detente/actors/kb.py": "from ..query import reads\n",
        "detente/signals/tone.py": "from typing import TYPE_CHECKING\n"
                                   "if TYPE_CHECKING:\n    from detente.store import Store\n",
        "detente/corpus/stories.py": "import duckdb\nfrom detente.store import Store\n",
    })  # fmt: skip
    found = database_imports(graph)
    assert [f.split(":")[0] for f in found] == [
        "detente.actors.kb", "detente.events.export", "detente.quotes.find", "detente.signals.tone"
    ]  # fmt: skip
    assert "detente.query.reads" in found[0]  # the relative import resolved


def test_checker_finds_the_core_importing_a_face(tmp_path: Path) -> None:
    graph = plant(tmp_path, {
        "detente/api/app.py": "",
        "detente/cli/main.py": "from detente.api import app\n",  # a face may use a face
        "detente/web/pages.py": "",
        "detente/pipeline.py": "def f():\n    from detente.cli.main import x\n",
        "detente/corpus/run.py": "import detente.web.pages\n",
        "detente/report.py": "from detente.api.app import x\n",
    })  # fmt: skip
    assert [f.split(":")[0] for f in face_imports(graph)] == [
        "detente.corpus.run",
        "detente.pipeline",
    ]


def test_checker_finds_circles_and_lists_them(tmp_path: Path) -> None:
    graph = plant(tmp_path, {
        "detente/a.py": "from detente import b\n",
        "detente/b.py": "from detente.c import x\n",
        "detente/c.py": "import detente.a\n",
        "detente/d.py": "from . import d\n",  # itself
        "detente/lazy.py": "def f():\n    from detente import typed\n",
        "detente/typed.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                            "    from detente import lazy\nelse:\n    import json\n",
        "detente/pkg/__init__.py": "from detente.pkg import mod\n",  # a package and its module
        "detente/pkg/mod.py": "from detente.pkg import other\n",
        "detente/pkg/other.py": "",
    })  # fmt: skip
    assert sorted(cycles(graph)) == [
        ["detente.a", "detente.b", "detente.c", "detente.a"],
        ["detente.d", "detente.d"],
    ]


def test_checker_finds_the_version_taken_from_the_root(tmp_path: Path) -> None:
    graph = plant(tmp_path, {
        "detente/__init__.py": "from detente.version import __version__\n",
        "detente/version.py": "__version__ = '0'\n",
        "detente/store.py": "from detente import __version__\n",
        "detente/web/pages.py": "from .. import __version__ as v\n",
        "detente/ingest/web.py": "from detente.version import __version__\n",
    })  # fmt: skip
    assert sorted(m for m, _ in version_imports(graph)) == ["detente.store", "detente.web.pages"]


def _modules(graph: Graph) -> Iterator[str]:
    yield from sorted(graph.modules)


def test_planted_tree_modules_are_named_like_the_package(tmp_path: Path) -> None:
    graph = plant(tmp_path, {"detente/run/steps.py": "from .blocks import Block\n",
                             "detente/run/blocks.py": ""})  # fmt: skip
    assert list(_modules(graph)) == ["detente", "detente.run", "detente.run.blocks",
                                     "detente.run.steps"]  # fmt: skip
    assert {(i.source, i.target) for i in graph.imports} == {
        ("detente.run.steps", "detente.run.blocks")
    }
