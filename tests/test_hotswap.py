"""Reloading a script mid-play keeps variables and route and lands on the same or nearest line."""
from __future__ import annotations

from vn.runtime import events as ev
from vn.runtime.hotswap import reload_runtime
from vn.runtime.runtime import Runtime
from vn.script.loader import load_game
from vn.script.program import compile_game

from gamefiles import write_game

STORY = """\
start:
  - set: {humanity: 3}
  - "One."
  - "Two."
  - "Three."
  - menu:
      - text: "Go"
        set: {took_lighter: true}
  - "Four."
  - ending: good
"""


def program(folder, story):
    result = load_game(write_game(folder, story))
    assert result.game is not None, [d.format() for d in result.diagnostics]
    return compile_game(result.game)


def at_line(rt, text):
    """Advance until `text` is on screen; return the snapshot from before it, as the game keeps."""
    while True:
        before = rt.snapshot()
        e = rt.advance()
        if isinstance(e, ev.Line) and e.text == text:
            rt.restore(before)
            return


def test_same_line_id_resumes_there_with_variables(tmp_path):
    old = program(tmp_path / "a", STORY)
    rt = Runtime(old)
    at_line(rt, "Two.")
    new = program(tmp_path / "b", STORY.replace('"Three."', '"Three, rewritten."').replace('"One."', '"Uno."'))
    fresh, notices = reload_runtime(rt, new)
    assert notices == []
    assert fresh.state.variables["humanity"] == 3
    assert fresh.advance().text == "Two."
    assert fresh.advance().text == "Three, rewritten."


def test_edited_line_resumes_at_the_nearest_line_of_its_label(tmp_path):
    old = program(tmp_path / "a", STORY)
    rt = Runtime(old)
    at_line(rt, "Three.")
    new = program(tmp_path / "b", STORY.replace('"Three."', '"Three, edited."'))
    fresh, notices = reload_runtime(rt, new)
    assert any("nearest line" in n for n in notices)
    assert fresh.advance().text == "Three, edited."


def test_route_carries_over_through_a_choice(tmp_path):
    old = program(tmp_path / "a", STORY)
    rt = Runtime(old)
    while not isinstance(rt.advance(), ev.Choices):
        pass
    rt.choose(0)
    new = program(tmp_path / "b", STORY.replace('"Four."', '"Four, again."'))
    fresh, _ = reload_runtime(rt, new)
    assert [r["text"] for r in fresh.state.route] == ["Go"]
    assert fresh.state.variables["took_lighter"] is True
    assert fresh.advance().text == "Four, again."
