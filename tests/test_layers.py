"""The server's layers point one way: the extension talks to the API, the
library and the CLI; those call services; services call extract, hatch and
the store. These tests read every module under server/hatchery with `ast`
(nothing is imported or run) and check the import graph that results.

Every import counts, including one inside a function: a lazy import is still
a dependency, and hiding one in a function is how cycles usually start.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE_DIR = Path(__file__).resolve().parent.parent / "server" / "hatchery"
PACKAGE = "hatchery"

# Cycles allowed for now: none. Each entry would be one strongly connected
# set of modules; a smaller set inside one of these is allowed too, anything
# else fails.
KNOWN_HATCH_CYCLES: list[frozenset[str]] = []

# The three front doors: none may reach into another.
FRONT_DOORS = {"api": "hatchery.api", "library": "hatchery.library", "cli": "hatchery.cli"}

# What the plain libraries (extract/, hatch/) must never depend on.
PLAIN_LIBRARIES = ("hatchery.extract", "hatchery.hatch")
WEB_AND_STORAGE = ("hatchery.store", "hatchery.services", "hatchery.api", "hatchery.library",
                   "hatchery.db", "hatchery.app", "hatchery.security", "flask", "werkzeug")

# An SQL statement written as a string; only the store may hold one.
SQL_STATEMENT = re.compile(r"\b(SELECT\s.+\sFROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM"
                           r"|CREATE\s+(TABLE|INDEX|TRIGGER))\b", re.DOTALL)


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE_DIR).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join((PACKAGE, *parts))


MODULES: dict[str, Path] = {module_name(p): p for p in sorted(PACKAGE_DIR.rglob("*.py"))}
TREES: dict[str, ast.Module] = {
    name: ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for name, path in MODULES.items()
}


def _is_package(name: str) -> bool:
    return MODULES[name].name == "__init__.py"


def _closest_module(dotted: str) -> str | None:
    """The module a dotted name lives in: itself, or its nearest parent."""
    parts = dotted.split(".")
    while parts:
        candidate = ".".join(parts)
        if candidate in MODULES:
            return candidate
        parts.pop()
    return None


def imports_of(name: str) -> Iterator[str]:
    """Every dotted name `name` imports: modules of this package resolved to
    the module they name, other packages as written."""
    package = name if _is_package(name) else name.rpartition(".")[0]
    for node in ast.walk(TREES[name]):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base_parts = package.split(".")
                base_parts = base_parts[:len(base_parts) - (node.level - 1)]
                base = ".".join(base_parts + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            for alias in node.names:
                # `from . import x` and `from .a import b` may name a module.
                yield f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base


def internal_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {name: set() for name in MODULES}
    for name in MODULES:
        for target in imports_of(name):
            if target == PACKAGE or target.startswith(PACKAGE + "."):
                resolved = _closest_module(target)
                if resolved and resolved != name:
                    graph[name].add(resolved)
    return graph


def strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm: the sets of modules that import each other."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def cycle_path(graph: dict[str, set[str]], component: list[str]) -> list[str]:
    """One concrete loop through a component, for the failure message."""
    members = set(component)
    start = component[0]
    path, seen = [start], {start}
    while True:
        following = sorted(t for t in graph[path[-1]] if t in members)
        back = [t for t in following if t == start]
        if back and len(path) > 1:
            return path + [start]
        unseen = [t for t in following if t not in seen]
        if not unseen:
            return path + [following[0]]
        path.append(unseen[0])
        seen.add(unseen[0])


def _within(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def test_no_module_takes_part_in_an_import_cycle():
    graph = internal_graph()
    unexpected = [c for c in strongly_connected(graph)
                  if not any(set(c) <= known for known in KNOWN_HATCH_CYCLES)]
    assert not unexpected, "import cycles:\n" + "\n".join(
        " -> ".join(cycle_path(graph, c)) for c in unexpected)


@pytest.mark.parametrize("door", sorted(FRONT_DOORS))
def test_the_api_the_library_and_the_cli_never_import_each_other(door):
    graph = internal_graph()
    others = [p for d, p in FRONT_DOORS.items() if d != door]
    crossings = [f"{source} imports {target}"
                 for source, targets in graph.items() if _within(source, FRONT_DOORS[door])
                 for target in sorted(targets) if any(_within(target, o) for o in others)]
    assert not crossings, "\n".join(crossings)


@pytest.mark.parametrize("library", PLAIN_LIBRARIES)
def test_extract_and_hatch_stay_plain_libraries(library):
    wrong = [f"{name} imports {target}"
             for name in MODULES if _within(name, library)
             for target in imports_of(name)
             if any(_within(target, banned) for banned in WEB_AND_STORAGE)]
    assert not wrong, "\n".join(wrong)


def _service(name: str) -> str:
    """The service a module belongs to: `hatchery.services.exports.jsonld`
    is part of `hatchery.services.exports`."""
    return ".".join(name.split(".")[:3])


def test_services_never_import_each_other():
    graph = internal_graph()
    services = [n for n in MODULES if n.startswith("hatchery.services.")]
    assert services, "the services package is missing"
    crossings = [f"{name} imports {target}" for name in services
                 for target in sorted(graph[name])
                 if target.startswith("hatchery.services.")
                 and _service(target) != _service(name)]
    assert not crossings, "\n".join(crossings)


def test_only_the_store_speaks_sql():
    outside = [n for n in MODULES if not _within(n, "hatchery.store")]
    wrong = []
    for name in outside:
        if any(_within(t, "sqlite3") for t in imports_of(name)):
            wrong.append(f"{name} imports sqlite3")
        for node in ast.walk(TREES[name]):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in ("execute", "executemany", "executescript")):
                wrong.append(f"{name}:{node.lineno} calls .{node.func.attr}(")
            elif (isinstance(node, ast.Constant) and isinstance(node.value, str)
                    and SQL_STATEMENT.search(node.value)):
                wrong.append(f"{name}:{node.lineno} holds an SQL statement")
    assert not wrong, "\n".join(wrong)


def test_the_graph_reader_sees_imports_it_must_see():
    """Guards the guard: a relative, a lazy and a `from . import x` import
    all show up as edges (the store package's own facade imports its parts)."""
    graph = internal_graph()
    assert "hatchery.extract" in graph["hatchery.services.captures"]
    assert "hatchery.store" in graph["hatchery.db"]
    assert any(t.startswith("hatchery.hatch.llm") for t in graph["hatchery.services.hatches"])
    assert strongly_connected({"a": {"b"}, "b": {"a"}, "c": {"a"}}) == [["a", "b"]]
