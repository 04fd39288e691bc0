"""The import graph of vn/: no cycles anywhere, and screens never import one another
(they reach other screens by name through the app's navigator)."""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def module_files(root: Path) -> dict[str, Path]:
    mods = {}
    for path in (root / "vn").rglob("*.py"):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        mods[".".join(parts)] = path
    return mods


def import_graph(root: Path) -> dict[str, set[str]]:
    """module -> the modules of vn it imports, anywhere in the file (inside functions and
    under TYPE_CHECKING too: a deferred import is still a dependency)."""
    mods = module_files(root)
    graph = {}
    for name, path in mods.items():
        package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
        deps = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = package[:len(package) - node.level + 1] if node.level else []
                stem = ".".join(base + ([node.module] if node.module else []))
                targets = [stem] + [f"{stem}.{a.name}" for a in node.names]
            else:
                continue
            deps.update(t for t in targets if t in mods and t != name)
        graph[name] = deps
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index, low, on_stack, stack, found = {}, {}, set(), [], []
    counter = 0
    for start in graph:
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
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
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def screen_imports(graph: dict[str, set[str]]) -> list[tuple[str, str]]:
    prefix = "vn.ui.screens."
    return sorted((a, b) for a, deps in graph.items() if a.startswith(prefix)
                  for b in deps if b.startswith(prefix) and b != a)


def test_no_import_cycle_in_vn():
    assert cycles(import_graph(ROOT)) == []


def test_screens_never_import_each_other():
    graph = import_graph(ROOT)
    assert any(m.startswith("vn.ui.screens.") for m in graph), "the screens live in vn/ui/screens/"
    assert screen_imports(graph) == []


def test_screens_do_not_import_the_app():
    graph = import_graph(ROOT)
    bad = [(a, b) for a, deps in graph.items() if a.startswith("vn.ui.screens.")
           for b in deps if b in ("vn.ui.app", "vn.ui.navigation")]
    assert bad == []


def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return tmp_path


def test_the_checks_see_a_deferred_cycle_and_a_screen_import(tmp_path):
    root = _tree(tmp_path, {
        "vn/__init__.py": "",
        "vn/ui/__init__.py": "",
        "vn/ui/app.py": "def go():\n    from .screens.title import Title\n",
        "vn/ui/screens/__init__.py": "",
        "vn/ui/screens/title.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ..app import App\n"
                                  "from . import game\n",
        "vn/ui/screens/game.py": "",
    })
    graph = import_graph(root)
    assert cycles(graph) == [["vn.ui.app", "vn.ui.screens.title"]]
    assert screen_imports(graph) == [("vn.ui.screens.title", "vn.ui.screens.game")]
