"""The layers hold: ``core`` imports neither ``filters`` nor ``press``, ``filters``
never imports ``press``, and no module imports itself through others (a cycle).
Every import counts, those inside functions too: a lazy import is still a
dependency, only a later one."""
from __future__ import annotations

import ast
from pathlib import Path

from core import LAYERS

REPO = Path(__file__).resolve().parent.parent


def modules() -> dict[str, Path]:
    """Every module of the layers: ``{"filters.chronology": path}``."""
    found = {}
    for package in LAYERS:
        for path in sorted((REPO / package).rglob("*.py")):
            parts = path.relative_to(REPO).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            found[name] = path
    return found


def imports(path: Path, known: set[str]) -> set[str]:
    """The project's modules ``path`` imports (a name ``from package import name``
    that is a module counts as that module)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {name for name in names if name in known}


def layer(module: str) -> int:
    return LAYERS.index(module.split(".")[0])


def graph() -> dict[str, set[str]]:
    known = modules()
    return {name: imports(path, set(known)) - {name} for name, path in known.items()}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(edges.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_no_module_imports_a_layer_above_its_own():
    upward = sorted(f"{module} imports {target}" for module, targets in graph().items()
                    for target in targets if layer(target) > layer(module))
    assert upward == []


def test_no_import_cycle():
    assert cycles(graph()) == []


def test_the_checks_see_what_they_check():
    """The graph is the real one: the pipeline imports the filters and the core."""
    edges = graph()
    assert "core.diagnostics" in edges["press.pipeline"] and "core.idle" in edges["press.pipeline"]
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
