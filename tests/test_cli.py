"""The vn command: check, routes, run --text, as a writer would call them."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from vn.cli import main

from gamefiles import write_game

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = str(ROOT / "scripts")


def test_check_shipped_game_is_clean(capsys):
    assert main(["check", SCRIPTS]) == 0
    assert "0 errors" in capsys.readouterr().out


def test_check_reports_errors_and_exits_1(tmp_path, capsys):
    write_game(tmp_path, 'start:\n  - xandr: "hi"\n')
    assert main(["check", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "story.yaml:2:5: error VN006" in out and "hint:" in out


def test_check_json(tmp_path, capsys):
    write_game(tmp_path, 'start:\n  - jump: nowhere\n')
    assert main(["check", str(tmp_path), "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["ok"] is False
    assert data["diagnostics"][0]["code"] == "VN005"
    assert data["diagnostics"][0]["line"] == 2


def test_routes_on_the_game_reaches_every_ending(capsys):
    assert main(["routes", SCRIPTS, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["ok"] and not data["dead_ends"] and not data["unreachable_endings"]
    assert set(data["endings"]) == {"every_morning", "dawns_birthday", "empty_stone"}
    assert all(n > 0 for n in data["endings"].values())
    assert data["routes"] == sum(data["endings"].values())


def test_routes_reports_dead_ends_and_unreachable_endings(tmp_path, capsys):
    write_game(tmp_path, 'start:\n  - menu:\n      - text: "a"\n        jump: a\n      - text: "b"\n'
                         'a:\n  - ending: good\n')
    assert main(["routes", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "Dead ends (stop without an ending): 1" in out
    assert "Unreachable endings: bad" in out


def test_run_text_with_choices_plays_to_an_ending(capsys):
    assert main(["run", "--text", SCRIPTS, "--choices", "1,1,1,1,1,1,1,1,1"]) == 0
    out = capsys.readouterr().out
    assert "*** Ending:" in out and "Your route:" in out


def test_run_text_stops_when_choices_run_out(capsys):
    assert main(["run", "--text", SCRIPTS, "--choices", "1"]) == 2
    assert "ran out" in capsys.readouterr().out


def test_python_dash_m_vn_works():
    done = subprocess.run([sys.executable, "-m", "vn", "check", SCRIPTS], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
