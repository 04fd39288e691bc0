"""`vn check --watch`: it keeps each file's labels and each label's code between checks, builds
and compiles only what an edit changed, says what a fresh `vn check` says, and checks again at
each save (and only then)."""
from __future__ import annotations

import json
import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from vn import check_watch, cli, incremental_check as inc
from vn.script import program as prog

ROOT = Path(__file__).resolve().parent.parent


def shown(result) -> list[tuple[str, str]]:
    return [(d.format(), d.source_line) for d in result.diagnostics]


@pytest.fixture
def counted(monkeypatch) -> dict[str, list]:
    """The files built and the labels compiled."""
    made = {"built": [], "compiled": []}
    real_build, real_compile = inc.build_file, prog._compile_label

    def build(source, *args):
        made["built"].append(Path(source.path).name)
        return real_build(source, *args)

    def compile_label(name, *args):
        made["compiled"].append(name)
        return real_compile(name, *args)
    monkeypatch.setattr(inc, "build_file", build)
    monkeypatch.setattr(prog, "_compile_label", compile_label)
    return made


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_kept_check_builds_and_compiles_only_what_an_edit_changed(tmp_path, counted):
    folder = tmp_path / "story"
    shutil.copytree(ROOT / "scripts", folder)
    memo = inc.CheckMemo()
    first = inc.incremental_check(str(folder), memo=memo)
    assert shown(first) == shown(cli.check_folder(str(folder)))
    assert sorted(counted["built"]) == sorted(p.name for p in folder.glob("*.yaml") if p.name != "game.yaml")
    counted["built"].clear(), counted["compiled"].clear()
    assert shown(inc.incremental_check(str(folder), memo=memo)) == shown(first)
    assert counted["built"] == [] and counted["compiled"] == []     # nothing changed
    # a choice added: the flow changed, so the story is compiled and its routes played again
    edit(folder / "bar.yaml", "  - menu:\n",
         "  - menu:\n      - text: \"Say nothing at all\"\n        jump: walk_to_cemetery\n")
    found = inc.incremental_check(str(folder), memo=memo)
    assert counted["built"] == ["bar.yaml"]
    assert counted["compiled"] and set(counted["compiled"]) <= _labels_of(folder / "bar.yaml")
    assert shown(found) == shown(cli.check_folder(str(folder)))


def _labels_of(path: Path) -> set[str]:
    """The labels (and sub-labels) a script file defines."""
    from vn.script.loader import load_game
    return {name for name, label in load_game(path.parent).game.labels.items()
            if Path(label.pos.path).name == path.name}


def test_the_signature_ignores_swap_files_and_hidden_folders(tmp_path):
    folder = tmp_path / "story"
    shutil.copytree(ROOT / "examples" / "lighthouse", folder)
    seen = check_watch.signature(folder)
    (folder / ".story.yaml.swp").write_text("x")
    (folder / "story.yaml~").write_text("x")
    (folder / ".git").mkdir()
    (folder / ".git" / "index").write_text("x")
    assert check_watch.signature(folder) == seen
    started = time.monotonic()
    (folder / "notes.yaml").write_text("a_label:\n  - \"Hello.\"\n")
    check_watch.wait_for_change(folder, seen)           # already changed: no waiting
    assert time.monotonic() - started < 0.5


def test_one_watched_check_prints_what_vn_check_prints(tmp_path, capsys):
    folder = tmp_path / "story"
    shutil.copytree(ROOT / "examples" / "lighthouse", folder)
    assert cli.main(["check", str(folder), "--no-cache"]) == 0
    expected = capsys.readouterr().out
    assert check_watch.watch_checks(str(folder), cli.check_folder, checks=1) == 0
    said = capsys.readouterr().out.splitlines()
    assert said[0].endswith(f"] checking {folder}") and "checked in" in said[-1]
    assert "\n".join(said[1:-1]) + "\n" == expected


class Watching:
    """`vn check --watch --json` in a process of its own, read a line at a time."""

    def __init__(self, folder: Path, cache: Path):
        env = dict(os.environ, VN_CACHE_DIR=str(cache), SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
        self.process = subprocess.Popen([sys.executable, "-m", "vn", "check", "--watch", "--json", str(folder)],
                                        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.lines: queue.Queue = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.put(line)

    def next(self, timeout: float = 60.0) -> dict | None:
        try:
            return json.loads(self.lines.get(timeout=timeout))
        except queue.Empty:
            return None

    def stop(self) -> int:
        self.process.send_signal(signal.SIGINT)
        try:
            return self.process.wait(timeout=30)
        finally:
            self.process.kill()


@pytest.mark.skipif(sys.platform.startswith("win"), reason="stopped with SIGINT")
def test_watching_checks_again_at_each_save_and_only_then(tmp_path):
    folder = tmp_path / "story"
    shutil.copytree(ROOT / "scripts", folder)
    watching = Watching(folder, tmp_path / "cache")
    try:
        first = watching.next()
        assert first is not None and first["ok"], first
        time.sleep(0.3)             # the watcher armed
        edit(folder / "walk.yaml", "\n", "\nlost_label:\n  - jump: nowhere_at_all\n")
        broken = watching.next()
        assert broken is not None and not broken["ok"]
        assert "VN005" in {d["code"] for d in broken["diagnostics"]} or \
            any("nowhere_at_all" in d["message"] for d in broken["diagnostics"])
        (folder / "walk.yaml.swp").write_text("an editor's swap file")
        (folder / ".hidden").write_text("x")
        assert watching.next(timeout=2.5) is None          # nothing the story uses changed
        edit(folder / "walk.yaml", "\nlost_label:\n  - jump: nowhere_at_all\n", "\n")
        mended = watching.next()
        assert mended is not None and mended["ok"] and mended["diagnostics"] == first["diagnostics"]
    finally:
        status = watching.stop()
    assert status == 0, watching.process.stderr.read()[-2000:]


def test_the_vs_code_task_in_the_guide_follows_what_watching_prints(tmp_path, capsys):
    """The writers' guide gives a VS Code task for `vn check --watch`: its patterns find each
    check's start and end, and every problem with its file, place, severity and code."""
    import re
    guide = (ROOT / "docs" / "writers-guide.md").read_text(encoding="utf-8")
    block = guide.split("### Checking as you write", 1)[1].split("```json\n", 1)[1].split("```", 1)[0]
    matcher = json.loads(block)["tasks"][0]["problemMatcher"]
    pattern = re.compile(matcher["pattern"]["regexp"])
    begins = re.compile(matcher["background"]["beginsPattern"])
    ends = re.compile(matcher["background"]["endsPattern"])
    folder = tmp_path / "story"
    shutil.copytree(ROOT / "scripts", folder)
    edit(folder / "walk.yaml", "\n", "\nlost_label:\n  - jump: nowhere_at_all\n")
    assert check_watch.watch_checks(str(folder), cli.check_folder, checks=1) == 1
    said = capsys.readouterr().out.splitlines()
    expected = cli.check_folder(str(folder)).diagnostics
    assert any(d.is_error for d in expected) and any(not d.is_error for d in expected)
    assert begins.match(said[0]) and ends.match(said[-1])
    assert not any(begins.match(line) or ends.match(line) for line in said[1:-1])
    found = [pattern.match(line) for line in said]
    groups = matcher["pattern"]
    assert [(m.group(groups["file"]), int(m.group(groups["line"])), int(m.group(groups["column"])),
             m.group(groups["severity"]), m.group(groups["code"]), m.group(groups["message"]))
            for m in found if m] == \
        [(d.pos.path, d.pos.line, d.pos.column, d.severity, d.code, d.message) for d in expected]


def test_without_watchfiles_a_change_is_still_noticed(tmp_path, monkeypatch):
    folder = tmp_path / "story"
    shutil.copytree(ROOT / "examples" / "lighthouse", folder)
    monkeypatch.setitem(sys.modules, "watchfiles", None)        # importing it fails, as uninstalled
    seen = check_watch.signature(folder)
    script = next(p for p in folder.glob("*.yaml") if p.name != "game.yaml")
    threading.Timer(0.5, lambda: script.write_text(script.read_text(encoding="utf-8") + "\n")).start()
    started = time.monotonic()
    check_watch.wait_for_change(folder, seen)
    assert 0.4 < time.monotonic() - started < 5.0 and check_watch.signature(folder) != seen
