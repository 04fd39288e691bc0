"""Each statement kind, loaded from YAML and played by the runtime."""
from __future__ import annotations

import pytest

from vn.runtime import events as ev
from vn.runtime.runtime import Runtime, RuntimeStateError, StoryError
from vn.script.loader import load_game
from vn.script.program import compile_game

from gamefiles import write_game


def program_of(tmp_path, story):
    result = load_game(write_game(tmp_path, story))
    assert result.game is not None, "\n".join(d.format() for d in result.diagnostics)
    return compile_game(result.game)


def play(program, answers=()):
    """Every event until the end, answering choices from `answers` (0-based)."""
    rt = Runtime(program)
    answers = list(answers)
    out = []
    while True:
        e = rt.advance()
        out.append(e)
        if isinstance(e, ev.Choices):
            rt.choose(answers.pop(0))
        if isinstance(e, ev.End):
            return out, rt


def lines(events):
    return [(e.speaker, e.text) for e in events if isinstance(e, ev.Line)]


def test_narration_and_speaker_lines(tmp_path):
    events, _ = play(program_of(tmp_path, """
        start:
          - "Plain narration."
          - narrate: "Narration with an id."
            id: n1
          - xander: "Spoken."
          - ending: good
    """))
    assert lines(events) == [(None, "Plain narration."), (None, "Narration with an id."), ("xander", "Spoken.")]
    spoken = [e for e in events if isinstance(e, ev.Line)]
    assert spoken[1].id == "n1"
    assert spoken[2].name == "Xander"
    assert events[-2:] == [ev.EndingReached("good", "Good"), ev.End("good")]


def test_derived_ids_are_stable_when_other_lines_change(tmp_path):
    before = program_of(tmp_path / "a", 'start:\n  - "One."\n  - "Two."\n  - ending: good\n')
    after = program_of(tmp_path / "b", 'start:\n  - "New first line."\n  - "One."\n  - "Two, edited."\n'
                                      '  - "Two."\n  - ending: good\n')
    ids_before = {e.text: e.id for e in play(before)[0] if isinstance(e, ev.Line)}
    ids_after = {e.text: e.id for e in play(after)[0] if isinstance(e, ev.Line)}
    assert ids_before["One."] == ids_after["One."]
    assert ids_before["Two."] == ids_after["Two."]
    assert ids_before["One."].startswith("start.")


def test_identical_lines_get_numbered_ids(tmp_path):
    events, _ = play(program_of(tmp_path, 'start:\n  - "Again."\n  - "Again."\n  - ending: good\n'))
    first, second = [e.id for e in events if isinstance(e, ev.Line)]
    assert second == first + "#2"


def test_interpolation(tmp_path):
    events, _ = play(program_of(tmp_path, """
        start:
          - set: {humanity: 3, mood: "'grim'"}
          - "Humanity {humanity}, mood {mood}, {{braces}}, {humanity * 2 + 1}."
          - ending: good
    """))
    assert lines(events) == [(None, "Humanity 3, mood grim, {braces}, 7.")]


def test_set_with_expressions_and_int_into_float(tmp_path):
    _, rt = play(program_of(tmp_path, """
        start:
          - set: {humanity: "humanity + 2", took_lighter: true, ratio: 2}
          - set: {humanity: "humanity * 10 - 1"}
          - ending: good
    """))
    assert rt.state.variables["humanity"] == 19
    assert rt.state.variables["took_lighter"] is True
    assert rt.state.variables["ratio"] == 2.0 and isinstance(rt.state.variables["ratio"], float)


def test_if_elif_else(tmp_path):
    story = """
        start:
          - set: {humanity: %d}
          - if: "humanity > 5"
            then: ["high"]
          - elif: "humanity > 0"
            then: ["middle"]
          - else: ["low"]
          - "after"
          - ending: good
    """
    for value, expected in ((9, "high"), (3, "middle"), (-1, "low")):
        events, _ = play(program_of(tmp_path / str(value), story % value))
        assert [t for _, t in lines(events)] == [expected, "after"]


def test_menu_conditions_once_set_do_and_jump(tmp_path):
    program = program_of(tmp_path, """
        start:
          - menu:
              - text: "Take the lighter"
                id: take
                once: true
                set: {took_lighter: true}
                do: ["Pocketed."]
              - text: "Burn it"
                if: took_lighter
                jump: burn
              - text: "Leave"
                jump: leave
          - jump: start
        burn:
          - ending: bad
        leave:
          - ending: good
    """)
    rt = Runtime(program)
    first = rt.advance()
    assert [c.text for c in first.options] == ["Take the lighter", "Leave"]
    rt.choose(0)
    assert rt.advance() == ev.Line(rt.state.last_line["id"], None, None, "Pocketed.")
    again = rt.advance()
    assert [c.text for c in again.options] == ["Burn it", "Leave"]  # once-only option gone, condition now true
    rt.choose(0)
    assert rt.advance() == ev.EndingReached("bad", "Bad")
    assert [(r["option"], r["text"]) for r in rt.state.route] == [("take", "Take the lighter"),
                                                                   (again.options[0].id, "Burn it")]


def test_many_once_only_options_stay_gone_through_rollback(tmp_path):
    """Enough once-only options that the runtime keeps the taken ones as a set: each
    is offered until taken, and a rollback to before some were taken offers them again."""
    options = "\n".join(f"""
              - text: "Option {n}"
                id: o{n}
                once: true""" for n in range(12))
    program = program_of(tmp_path, f"""
        start:
          - menu:{options}
              - text: "Done"
                jump: done
          - jump: start
        done:
          - ending: good
    """)
    rt = Runtime(program)
    offered = []
    snapshot = None
    for n in range(12):
        menu = rt.advance()
        offered.append([c.id for c in menu.options])
        if n == 9:
            snapshot = rt.snapshot()
        rt.choose(0)
    assert all(ids == [f"o{k}" for k in range(n, 12)] + [ids[-1]] for n, ids in enumerate(offered))
    assert [c.text for c in rt.advance().options] == ["Done"]
    rt.restore(snapshot)                    # nine taken, the menu up: o9, o10 and o11 are back
    assert [c.id for c in rt.choices][:3] == ["o9", "o10", "o11"]
    rt.choose(2)
    assert [c.id for c in rt.advance().options][:2] == ["o9", "o10"]


def test_call_and_return(tmp_path):
    events, rt = play(program_of(tmp_path, """
        start:
          - call: helper
          - "back"
          - call: early
          - "back again"
          - ending: good
        helper:
          - "in helper"
        early:
          - "in early"
          - return: ~
          - "never"
    """))
    assert [t for _, t in lines(events)] == ["in helper", "back", "in early", "back again"]
    assert rt.state.visits == {"start": 1, "helper": 1, "early": 1}


def test_scene_show_hide_pause_effect(tmp_path):
    events, rt = play(program_of(tmp_path, """
        start:
          - scene: bar
          - scene: {background: bar, variant: burning, transition: flash, duration: 0.5}
          - show: buffy
          - show: {character: xander, at: left}
          - hide: xander
          - pause: 1.5
          - effect: gunfire
          - effect: {name: shake, duration: 0.3}
          - ending: good
    """))
    assert events[:8] == [
        ev.SceneChange("bar", None, "The Bar", "fade", 1.0),
        ev.SceneChange("bar", "burning", "The Bar", "flash", 0.5),
        ev.Show("buffy", "Buffy", "spirit", "center"),
        ev.Show("xander", "Xander", "plate", "left"),
        ev.Hide("xander"),
        ev.Pause(1.5),
        ev.Effect("gunfire", None),
        ev.Effect("shake", 0.3),
    ]
    assert rt.state.stage == {"background": "bar", "variant": "burning",
                              "figures": {"buffy": {"at": "center", "expression": None}}}


def test_label_without_ending_is_a_dead_end(tmp_path):
    events, _ = play(program_of(tmp_path, 'start:\n  - "Just this."\n'))
    assert events[-1] == ev.End(None)


def test_visits(tmp_path):
    events, _ = play(program_of(tmp_path, """
        start:
          - "Visit {visits('start')}"
          - if: "visits('start') < 3"
            then: [{jump: start}]
          - ending: good
    """))
    assert [t for _, t in lines(events)] == ["Visit 1", "Visit 2", "Visit 3"]


def test_state_machine_refuses_misuse(tmp_path):
    rt = Runtime(program_of(tmp_path, 'start:\n  - menu:\n      - text: "a"\n      - text: "b"\n  - ending: good\n'))
    with pytest.raises(RuntimeStateError, match="no choice is waiting"):
        rt.choose(0)
    assert isinstance(rt.advance(), ev.Choices)
    with pytest.raises(RuntimeStateError, match="choice is waiting"):
        rt.advance()
    with pytest.raises(RuntimeStateError, match="out of range"):
        rt.choose(5)
    rt.choose(1)
    assert rt.advance() == ev.EndingReached("good", "Good")
    assert rt.advance() == ev.End("good")
    assert rt.advance() == ev.End("good")  # stays ended


def test_run_time_errors_name_file_and_line(tmp_path):
    rt = Runtime(program_of(tmp_path, 'start:\n  - set: {ratio: "1 / humanity"}\n  - ending: good\n'))
    with pytest.raises(StoryError) as info:
        rt.advance()
    assert info.value.pos.line == 2 and info.value.pos.path.endswith("story.yaml")


def test_menu_with_nothing_available_is_a_clear_error(tmp_path):
    rt = Runtime(program_of(tmp_path, 'start:\n  - menu:\n      - text: "a"\n        if: took_lighter\n'
                                      '  - ending: good\n'))
    with pytest.raises(StoryError, match="no option"):
        rt.advance()


def test_endless_loop_without_events_is_stopped(tmp_path):
    rt = Runtime(program_of(tmp_path, 'start:\n  - jump: other\nother:\n  - jump: start\n'))
    with pytest.raises(StoryError, match="endless loop"):
        rt.advance()
