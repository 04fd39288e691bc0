"""Dependencies point one way: script -> runtime -> save -> ui. Nothing below ui touches pygame."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest
from startprobe import after_title

ROOT = Path(__file__).resolve().parent.parent
LOWER = ("script", "runtime", "save")
ORDER = {"script": 0, "runtime": 1, "save": 2, "ui": 3}


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # resolve relative imports against the file's package
                package = path.relative_to(ROOT).with_suffix("").parts[:-node.level]
                base = ".".join(package + ((base,) if base else ()))
            names.add(base)
    return names


@pytest.mark.parametrize("layer", LOWER)
def test_no_pygame_below_ui(layer):
    for path in (ROOT / "vn" / layer).rglob("*.py"):
        bad = {n for n in imports_of(path) if n.split(".")[0] in ("pygame", "pygame_gui")}
        assert not bad, f"{path.relative_to(ROOT)} imports {bad}"


@pytest.mark.parametrize("layer", list(ORDER))
def test_layers_only_import_downwards(layer):
    for path in (ROOT / "vn" / layer).rglob("*.py"):
        for name in imports_of(path):
            parts = name.split(".")
            if parts[0] == "vn" and len(parts) > 1 and parts[1] in ORDER:
                assert ORDER[parts[1]] <= ORDER[layer], f"{path.relative_to(ROOT)} imports {name}"


def test_runtime_imports_neither_pygame_nor_yaml():
    code = ("import sys, vn.runtime.runtime, vn.runtime.routes, vn.script.program;"
            "bad = [m for m in ('pygame', 'yaml', 'pygame_gui') if m in sys.modules];"
            "print(bad); sys.exit(1 if bad else 0)")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_no_eval_exec_or_pickle_anywhere():
    for path in (ROOT / "vn").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                assert node.func.id not in ("eval", "exec", "compile"), f"{path}: {node.func.id}()"
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                names = [a.name for a in node.names] + [getattr(node, "module", "") or ""]
                assert not any(n in ("pickle", "marshal", "shelve") for n in names), path
        text = path.read_text(encoding="utf-8")
        assert "yaml.load(" not in text and "unsafe_load" not in text and "FullLoader" not in text, path


def test_the_game_window_maps_neither_openssl_nor_the_controller_layer_at_the_title():
    """hashlib maps OpenSSL (3.5 MB resident) for nothing the engine uses; SDL's game controller
    layer (0.6 MB) opens only when a device is plugged in. Both once crept into the title."""
    done = after_title("[app.controllers.update(1 / 60) for _ in range(3)];"
                       "bad = [m for m in ('hashlib', '_hashlib', 'pygame._sdl2.controller') if m in sys.modules];"
                       "print(bad); sys.exit(1 if bad else 0)")
    assert done.returncode == 0, done.stdout + done.stderr


def test_opening_the_window_reads_no_package_data_through_zipfile():
    """pygame reads its own window icon through importlib.resources, which imports zipfile and
    its readers (a hundredth of a second before the first frame); the game's icon is painted."""
    done = after_title("app.step(1 / 60);"
                       "bad = [m for m in ('zipfile', 'importlib.readers') if m in sys.modules];"
                       "print(bad); sys.exit(1 if bad else 0)")
    assert done.returncode == 0, done.stdout + done.stderr
