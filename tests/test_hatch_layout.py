"""The hatching engine reads as a library: its modules import each other in
one direction only, use each other's public names, and know nothing of the
web server around them.

Imports are read with `ast` from the source, all of them: at the top, inside
functions and under `if TYPE_CHECKING:` (a cycle hidden in a function is
still a cycle to the person reading the code).
"""

from __future__ import annotations

import ast
from pathlib import Path

import hatchery

PACKAGE = Path(hatchery.__file__).parent
HATCH = PACKAGE / "hatch"

# The layers above the engine: it must never reach up into them.
FORBIDDEN = ("flask", "werkzeug", "hatchery.store", "hatchery.services", "hatchery.api",
             "hatchery.library", "hatchery.cli", "hatchery.app")


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(HATCH.rglob("*.py"))}


def imports(name: str) -> list[tuple[str, list[str]]]:
    """(imported module, names taken from it) for every import statement of
    module `name`, relative ones resolved."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    return imports_in(path.read_text(encoding="utf-8"), package)


def imports_in(source: str, package: str) -> list[tuple[str, list[str]]]:
    """`imports` of the Python text `source`, a module of `package`."""
    out = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            out += [(alias.name, []) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                anchor = parts[: len(parts) - node.level + 1]
                base = ".".join(anchor + ([node.module] if node.module else []))
            for alias in node.names:
                # `from . import prompt` imports the module `prompt`.
                sub = f"{base}.{alias.name}"
                out.append((sub, []) if sub in MODULES else (base, [alias.name]))
    return out


def graph() -> dict[str, set[str]]:
    """module -> the engine's modules it imports."""
    return {name: {m for m, _ in imports(name) if m in MODULES and m != name} for name in MODULES}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Every import cycle, each once, as the modules it runs through,
    starting from its first module in sorted order."""
    found: list[list[str]] = []

    def walk(start: str, here: str, path: list[str]) -> None:
        for nxt in sorted(edges.get(here, ())):
            if nxt == start:
                found.append(path + [start])
            elif nxt not in path and nxt > start:
                walk(start, nxt, path + [nxt])

    for start in sorted(edges):
        walk(start, start, [start])
    return found


def test_the_cycle_finder_sees_a_cycle_through_three_modules():
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(edges) == [["a", "b", "c", "a"]]


def test_the_import_reader_sees_imports_inside_functions_and_type_checking():
    source = (
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from .models import Hatch\n"
        "def later():\n    from ..sentences import _split_block\n"
        "from . import prompt\n"
    )
    found = imports_in(source, "hatchery.hatch.llm")
    assert ("hatchery.hatch.llm.models", ["Hatch"]) in found
    assert ("hatchery.hatch.sentences", ["_split_block"]) in found
    assert ("hatchery.hatch.llm.prompt", []) in found


def test_no_module_of_the_engine_imports_one_that_imports_it_back():
    assert cycles(graph()) == []


def test_the_engine_never_imports_the_web_server_or_the_store():
    reached = sorted(
        f"{name} imports {module}"
        for name in MODULES
        for module, _ in imports(name)
        if any(module == f or module.startswith(f + ".") for f in FORBIDDEN)
    )
    assert reached == []


def test_modules_share_only_public_names():
    private = sorted(
        f"{name} takes {module}.{taken}"
        for name in MODULES
        for module, names in imports(name)
        if module.startswith("hatchery")
        for taken in names
        if taken.startswith("_")
    )
    assert private == []
