"""The packages' import graph has no cycle, and no function of the web layer is over 80 lines.

Every module under ``service/`` and ``schemas/`` is parsed (not imported) with :mod:`ast`; an edge
A -> B is any ``import``/``from ... import`` in A that names B, at any depth of A (an import inside
a function is a dependency all the same; only ``if TYPE_CHECKING:`` blocks, which never run, are
left out). Importing ``a.b.c`` also runs the packages ``a`` and ``a.b``: those are edges too, except
for the packages the importing module is itself inside (they are already running).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("service", "schemas")
MAX_FUNCTION_LINES = 80


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {_module_name(p): p for package in PACKAGES for p in sorted((ROOT / package).rglob("*.py"))}


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _import_nodes(node: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.If) and _is_type_checking(child.test):
            for other in child.orelse:
                yield from _import_nodes(other)
            continue
        if isinstance(child, ast.Import | ast.ImportFrom):
            yield child
        yield from _import_nodes(child)


def _ancestors(name: str) -> list[str]:
    parts = name.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts))]


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """The modules of ``known`` that module ``name`` (at ``path``) imports, and the packages that run
    on the way."""
    is_package = path.name == "__init__.py"
    package = name if is_package else name.rpartition(".")[0]
    named: set[str] = set()
    for node in _import_nodes(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            named.update(alias.name for alias in node.names)
            continue
        if node.level:
            base = package.split(".")
            base = base[: len(base) - (node.level - 1)]
            source = ".".join(base + ([node.module] if node.module else []))
        else:
            source = node.module or ""
        named.add(source)
        named.update(f"{source}.{alias.name}" for alias in node.names)  # `from pkg import module`
    running = set(_ancestors(name)) | {name}
    found: set[str] = set()
    for target in named:
        for module in [*_ancestors(target), target]:
            if module in known and module not in running:
                found.add(module)
    return found


def import_graph() -> dict[str, set[str]]:
    found = modules()
    known = set(found)
    return {name: imports_of(name, path, known) for name, path in found.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected component of more than one module (or a module importing itself),
    each as a closed path through it, in a stable order (Tarjan's algorithm, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1 or node in graph[node]:
                    components.append(_closed_path(sorted(component), graph))
    return components


def _closed_path(component: list[str], graph: dict[str, set[str]]) -> list[str]:
    """A cycle through the component's first module, for the failure message (breadth-first)."""
    members = set(component)
    start = component[0]
    paths = {start: [start]}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for child in sorted(graph[node] & members):
            if child == start:
                return [*paths[node], start]
            if child not in paths:
                paths[child] = [*paths[node], child]
                queue.append(child)
    return component  # pragma: no cover - a component always closes


def test_no_import_cycle_in_service_or_schemas():
    found = cycles(import_graph())
    assert not found, "import cycles:\n" + "\n".join(" -> ".join(c) for c in found)


# The checker itself, on graphs whose answer is known.
@pytest.mark.parametrize(
    ("graph", "expected"),
    [
        ({"a": {"b"}, "b": {"c"}, "c": set()}, []),
        ({"a": {"b"}, "b": {"c"}, "c": {"a"}}, [["a", "b", "c", "a"]]),
        ({"a": {"a"}}, [["a", "a"]]),
        (
            {"a": {"b"}, "b": {"a"}, "c": {"d"}, "d": {"c"}, "e": {"a", "c"}},
            [["a", "b", "a"], ["c", "d", "c"]],
        ),
        ({"a": {"b", "c"}, "b": {"d"}, "c": {"d"}, "d": set()}, []),
    ],
    ids=["chain", "triangle", "self", "two cycles", "diamond"],
)
def test_cycles_finds_exactly_the_cycles(graph, expected):
    assert sorted(cycles(graph)) == expected


def test_the_graph_sees_imports_inside_functions_and_the_packages_run_on_the_way(tmp_path):
    package = tmp_path / "service"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "sub" / "__init__.py").write_text("")
    (package / "sub" / "leaf.py").write_text("from . import sibling\n")
    (package / "sub" / "sibling.py").write_text("")
    (package / "view.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from . import hidden\n"
        "def f():\n    from .sub.leaf import x\n"
    )
    (package / "hidden.py").write_text("")
    known = {
        "service",
        "service.sub",
        "service.sub.leaf",
        "service.sub.sibling",
        "service.view",
        "service.hidden",
    }
    assert imports_of("service.view", package / "view.py", known) == {"service.sub", "service.sub.leaf"}
    assert imports_of("service.sub.leaf", package / "sub" / "leaf.py", known) == {"service.sub.sibling"}


def _web_modules() -> list[Path]:
    """The web layer: ``service/*.py`` (not the NLP packages under it) and ``schemas/``."""
    return sorted((ROOT / "service").glob("*.py")) + sorted((ROOT / "schemas").rglob("*.py"))


@pytest.mark.parametrize("path", _web_modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_function_of_the_web_layer_is_over_80_lines(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    long = [
        f"{node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and (node.end_lineno or node.lineno) - node.lineno + 1 > MAX_FUNCTION_LINES
    ]
    assert not long, long
