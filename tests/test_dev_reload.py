"""Hot reload for writers: saving a script while the game runs reloads it in place."""
from __future__ import annotations

import time
from pathlib import Path

import pygame
import pytest

from vn.ui.app import App
from vn.ui.screens.game import READING, GameScreen

pytest.importorskip("watchfiles")

MANIFEST = """\
game:
  id: reload-test
  title: "Reload"
  start: start
characters:
  ann: {name: Ann}
backgrounds:
  bar: {title: "The Bar"}
variables:
  count: 0
endings:
  done: {title: "Done"}
"""

STORY = """\
start:
  - scene: {background: bar, transition: none}
  - set: {count: 7}
  - ann: "First line."
  - ann: "Second line."
  - ann: "Third line."
  - ending: done
"""


def click(app):
    pos = app.display.to_window((640, 300))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
    app.run_frames(2)


def frames_until(app, done, seconds: float = 15.0) -> bool:
    """Run the loop (real time passes: the watcher is a real thread) until `done()`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        app.run_frames(1)
        if done():
            return True
        time.sleep(0.02)
    return False


@pytest.fixture
def game_dir(tmp_path) -> Path:
    (tmp_path / "game.yaml").write_text(MANIFEST)
    (tmp_path / "story.yaml").write_text(STORY)
    return tmp_path


@pytest.fixture
def dev_app(game_dir):
    app = App(game_dir, paint_in_background=False, dev=True)
    assert app.load()
    assert app.dev.watcher.ready.wait(10)
    yield app
    app.close()


def start_reading_second_line(app) -> GameScreen:
    app.reset(GameScreen(app))
    game = app.top
    assert frames_until(app, lambda: game.waiting == READING)
    click(app)   # complete the first line
    click(app)   # and move on
    assert frames_until(app, lambda: game.dialogue.line.text == "Second line.")
    return game


def test_saving_a_script_reloads_it_at_the_same_line(dev_app, game_dir):
    game = start_reading_second_line(dev_app)
    (game_dir / "story.yaml").write_text(STORY.replace("Third line.", "Third line, rewritten."))
    assert frames_until(dev_app, lambda: any("Reloaded" in t for t in dev_app.toasts.texts))
    assert game.dialogue.line.text == "Second line."            # same line id: still here
    assert game.runtime.state.variables["count"] == 7             # variables kept
    click(dev_app)
    click(dev_app)
    assert game.dialogue.line.text == "Third line, rewritten."


def test_an_edited_line_resumes_at_its_new_text(dev_app, game_dir):
    game = start_reading_second_line(dev_app)
    (game_dir / "story.yaml").write_text(STORY.replace("Second line.", "Second line, fixed."))
    assert frames_until(dev_app, lambda: game.dialogue.line.text == "Second line, fixed.")


def test_a_broken_save_keeps_the_old_script_and_shows_its_errors(dev_app, game_dir):
    game = start_reading_second_line(dev_app)
    (game_dir / "story.yaml").write_text(STORY.replace('- ann: "Third line."', '- ann: "Third line.\n'))
    assert frames_until(dev_app, lambda: bool(dev_app.dev.reloader.diagnostics))
    shown = dev_app.dev.reloader.diagnostics[0]
    assert shown.pos.path.endswith("story.yaml") and shown.pos.line >= 5
    click(dev_app)
    click(dev_app)
    assert game.dialogue.line.text == "Third line."              # the old script plays on
    (game_dir / "story.yaml").write_text(STORY)
    assert frames_until(dev_app, lambda: not dev_app.dev.reloader.diagnostics)


def test_a_save_builds_only_the_file_saved(tmp_path, monkeypatch):
    """The game's first load keeps each file's labels, so even the first save of one file of a
    long story builds that file alone (the same keys as `vn check`'s cache of each file)."""
    from vn.script import loader
    game_dir = tmp_path / "story"     # its own folder: the test's data and cache folders change
    game_dir.mkdir()                  # in tmp_path, and any other file changing builds every file
    (game_dir / "game.yaml").write_text(MANIFEST)
    (game_dir / "story.yaml").write_text(STORY)
    (game_dir / "more.yaml").write_text('aside:\n  - "An aside."\n  - jump: start\n')
    from vn.script import program as prog
    built, compiled = [], []
    real, real_compile = loader.file_labels, prog._compile_label
    monkeypatch.setattr(loader, "file_labels", lambda source, *a: built.append(Path(source.path).name)
                        or real(source, *a))
    monkeypatch.setattr(prog, "_compile_label", lambda name, *a: compiled.append(name) or real_compile(name, *a))
    app = App(game_dir, paint_in_background=False, dev=True)
    try:
        assert app.load()
        assert sorted(built) == ["more.yaml", "story.yaml"] and "aside" in compiled
        del built[:], compiled[:]
        start_reading_second_line(app)
        (game_dir / "story.yaml").write_text(STORY.replace("Third line.", "Third line, again."))
        assert frames_until(app, lambda: any("Reloaded" in t for t in app.toasts.texts))
        assert built == ["story.yaml"]
        assert compiled and "aside" not in compiled     # more.yaml's label kept its code
    finally:
        app.close()
