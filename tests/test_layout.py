"""The package layout: no import cycles, and start-up that imports nothing heavy.

Imports are read from the source (``ast``), function-level ones included: a lazy
import is still a dependency, and a cycle through one is still a cycle. Imports
under ``if TYPE_CHECKING:`` are for type checkers only and never run.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

KG = Path(__file__).resolve().parents[1] / "kg"
HEAVY = ("rdflib", "networkx", "igraph", "scipy", "pyshacl", "pyvis")


def module_name(path: Path, root: Path = KG) -> str:
    parts = path.relative_to(root.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _runtime_nodes(tree: ast.AST) -> list[ast.AST]:
    """Every node of ``tree`` except those under ``if TYPE_CHECKING:`` (never run)."""
    found: list[ast.AST] = []
    todo = [tree]
    while todo:
        node = todo.pop()
        found.append(node)
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING":
            todo.extend(node.orelse)
            continue
        todo.extend(ast.iter_child_nodes(node))
    return found


def imports(root: Path = KG) -> dict[str, set[str]]:
    """Each kg module and the kg modules it imports (anywhere in its body)."""
    modules = {module_name(p, root): p for p in root.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        found: set[str] = set()
        for node in _runtime_nodes(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(a.name for a in node.names if a.name.split(".")[0] == "kg")
            elif (
                isinstance(node, ast.ImportFrom)
                and node.module
                and node.level == 0
                and node.module.split(".")[0] == "kg"
            ):
                found.add(node.module)
                # ``from kg.x import y`` where y is a submodule
                found.update(
                    f"{node.module}.{a.name}"
                    for a in node.names
                    if f"{node.module}.{a.name}" in modules
                )
        graph[name] = {m for m in found if m in modules and m != name}
    return graph


def package_of(module: str) -> str:
    """``kg.data.dataset`` -> ``kg.data``; top-level modules are their own unit."""
    parts = module.split(".")
    return ".".join(parts[:2])


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of ``graph`` as a list of nodes, or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def package_graph(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    packages: dict[str, set[str]] = {}
    for module, targets in graph.items():
        src = package_of(module)
        packages.setdefault(src, set()).update(
            package_of(t) for t in targets if package_of(t) != src and package_of(t) != "kg"
        )
    return packages


def test_find_cycle_finds_one() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_no_module_imports_itself_round_a_cycle() -> None:
    assert find_cycle(imports()) is None


def test_no_package_imports_round_a_cycle() -> None:
    """The packages form a pipeline: data <- validation <- pipeline; data <- query; ...

    (``kg/__init__.py`` re-exports the public API, so the root package is left out.)
    """
    assert find_cycle(package_graph(imports())) is None


def test_data_depends_on_no_later_stage() -> None:
    later = {"kg.validation", "kg.pipeline", "kg.query", "kg.analysis", "kg.pages", "kg.commands"}
    packages = package_graph(imports())
    assert not packages["kg.data"] & later, packages["kg.data"]


def _loaded_after(code: str) -> list[str]:
    out = subprocess.run(
        [sys.executable, "-c", f"import sys, json\n{code}\nprint(json.dumps(sorted(sys.modules)))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()[-1]
    loaded = json.loads(out)
    return sorted({m.split(".")[0] for m in loaded} & set(HEAVY))


def test_import_kg_commands_imports_nothing_heavy() -> None:
    assert _loaded_after("import kg.commands") == []


def test_kg_help_imports_nothing_heavy() -> None:
    code = (
        "from click.testing import CliRunner\n"
        "from kg.commands import main\n"
        "r = CliRunner().invoke(main, ['--help'])\n"
        "assert r.exit_code == 0 and 'query' in r.output, r.output"
    )
    assert _loaded_after(code) == []


@pytest.mark.parametrize("command", ["query", "build", "stats", "viz", "bench"])
def test_subcommand_help_imports_nothing_heavy(command: str) -> None:
    code = (
        "from click.testing import CliRunner\n"
        "from kg.commands import main\n"
        f"r = CliRunner().invoke(main, ['{command}', '--help'])\n"
        "assert r.exit_code == 0 and 'Usage' in r.output, r.output"
    )
    assert _loaded_after(code) == []


def test_command_listing_matches_each_commands_own_help() -> None:
    """``kg --help`` lists commands from a table, so the table must say what they say."""
    import importlib

    from kg.commands import COMMANDS

    for name, (where, short) in COMMANDS.items():
        module, attr = where.split(":")
        command = getattr(importlib.import_module(module), attr)
        assert command.name == name
        assert command.get_short_help_str(limit=200) == short, name


def test_imports_skip_type_checking_blocks_only(tmp_path: Path) -> None:
    pkg = tmp_path / "kg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import kg.b\n"
    )
    (pkg / "b.py").write_text("def f():\n    import kg.a\n")
    graph = imports(pkg)
    assert graph["kg.a"] == set()
    assert graph["kg.b"] == {"kg.a"}
