"""vn graph: the story as DOT (always) and SVG/PNG (with Graphviz)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from vn.cli import main
from vn.script.loader import load_or_raise
from vn.storymap import story_dot

from gamefiles import write_game

ROOT = Path(__file__).resolve().parent.parent


def test_dot_of_the_game_has_labels_choices_and_endings():
    dot = story_dot(load_or_raise(ROOT / "scripts"))
    assert dot.startswith("digraph story {") and dot.rstrip().endswith("}")
    assert '"label:bar_willy" -> "label:bar_willy_shot"' in dot
    assert "Shoot him." in dot
    assert "[if took_lighter]" in dot                      # an option's condition on its edge
    assert dot.count("shape=doubleoctagon") == 3            # every ending highlighted
    assert '-> "ending:dawns_birthday"' in dot


def test_unreachable_labels_are_marked(tmp_path):
    game = load_or_raise(write_game(tmp_path, "start:\n  - ending: good\nlost:\n  - ending: bad\n"))
    dot = story_dot(game)
    lost_line = next(line for line in dot.splitlines() if line.strip().startswith('"label:lost" ['))
    assert "unreachable" in lost_line
    start_line = next(line for line in dot.splitlines() if line.strip().startswith('"label:start" ['))
    assert "unreachable" not in start_line


def test_cli_writes_dot(tmp_path, capsys):
    out = tmp_path / "map.dot"
    assert main(["graph", str(ROOT / "scripts"), "-o", str(out)]) == 0
    assert out.read_text().startswith("digraph")


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
def test_cli_writes_svg_with_graphviz(tmp_path):
    out = tmp_path / "map.svg"
    assert main(["graph", str(ROOT / "scripts"), "-o", str(out)]) == 0
    assert "<svg" in out.read_text()


def test_unknown_suffix_is_a_clear_error(tmp_path, capsys):
    assert main(["graph", str(ROOT / "scripts"), "-o", str(tmp_path / "map.jpeg")]) == 1
    assert "use .dot, .svg or .png" in capsys.readouterr().err
