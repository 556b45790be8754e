"""No import cycle among swkb's modules, counting every import: at the top of a module, inside a
function and under TYPE_CHECKING. An import moved into a function still makes the two modules
depend on each other; the layer contracts themselves are in pyproject.toml ([tool.importlinter])
and run by scripts/test.sh as `lint-imports`."""

from __future__ import annotations

import textwrap
from pathlib import Path

import grimp
import pytest


def import_graph(package: str) -> grimp.ImportGraph:
    # cache_dir=None: a stale cache must not hide a new import; grimp counts imports inside
    # functions and under TYPE_CHECKING unless told otherwise (said here, so it stays so).
    return grimp.build_graph(package, cache_dir=None, exclude_type_checking_imports=False)


def cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm, iterative:
    a deep chain must not hit Python's recursion limit), each as a sorted list of modules."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(graph.modules):
        if root in index:
            continue
        work: list[tuple[str, list[str]]] = [(root, sorted(graph.find_modules_directly_imported_by(root)))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            module, todo = work[-1]
            if todo:
                nxt = todo.pop()
                if nxt not in index:
                    index[nxt] = low[nxt] = len(index)
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, sorted(graph.find_modules_directly_imported_by(nxt))))
                elif nxt in on_stack:
                    low[module] = min(low[module], index[nxt])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[module])
            if low[module] == index[module]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == module:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def describe(graph: grimp.ImportGraph, component: list[str]) -> str:
    """Each import inside a cycle, with its line, so the message says what to move."""
    members = set(component)
    lines = []
    for importer in component:
        for imported in sorted(graph.find_modules_directly_imported_by(importer) & members):
            for detail in graph.get_import_details(importer=importer, imported=imported):
                lines.append(f"  {importer}:{detail['line_number']} → {imported}   {detail['line_contents']}")
    return "\n".join(lines)


def test_no_import_cycle_among_swkb_modules() -> None:
    graph = import_graph("swkb")
    assert "swkb.site.render" in graph.modules  # the whole package was read
    found = cycles(graph)
    assert not found, "import cycles (move what both sides need into a lower module):\n" + "\n\n".join(
        describe(graph, component) for component in found
    )


@pytest.fixture
def cyclic_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A package whose two modules import each other, one of them only inside a function."""
    package = tmp_path / "cyclic_pkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "low.py").write_text(
        textwrap.dedent("""\
        def helper():
            from cyclic_pkg.high import top  # hidden in a function: still a dependency
            return top
        """)
    )
    (package / "high.py").write_text("from cyclic_pkg.low import helper\n\ntop = helper\n")
    (package / "other.py").write_text("from cyclic_pkg import low\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    return "cyclic_pkg"


def test_the_check_sees_a_cycle_made_by_an_import_inside_a_function(cyclic_package: str) -> None:
    graph = import_graph(cyclic_package)
    found = cycles(graph)
    assert found == [["cyclic_pkg.high", "cyclic_pkg.low"]]
    assert "cyclic_pkg.low:2 → cyclic_pkg.high" in describe(graph, found[0])
