"""Glue: `- glue: "…"` continues the line shown before it, in one Line event."""
from __future__ import annotations

import io
import json

import pytest
from hypothesis import given, settings, strategies as st

from vn.runtime import events as ev
from vn.runtime.glue import join
from vn.runtime.runtime import Runtime, StoryError
from vn.script.loader import load_game
from vn.textplayer import play_text

from gamefiles import write_game
from test_statements import play, program_of

BRANCHED = """
start:
  - xander: "I put down"
  - if: took_lighter
    then:
      - glue: "the lighter"
  - else:
      - set: {humanity: "humanity + 1"}
      - glue: "the gun"
  - call: finish
  - scene: street
  - "Outside."
  - ending: good
finish:
  - glue: ", and left."
  - return: ~
"""


def line_events(events):
    return [e for e in events if isinstance(e, (ev.Line, ev.SceneChange))]


def test_a_branch_finishes_the_sentence_in_one_line(tmp_path):
    events, rt = play(program_of(tmp_path, BRANCHED))
    first = events[0]
    assert isinstance(first, ev.Line)
    assert (first.speaker, first.name, first.text) == ("xander", "Xander", "I put down the gun, and left.")
    assert first.id.startswith("start.")
    assert [type(e).__name__ for e in events] == ["Line", "SceneChange", "Line", "EndingReached", "End"]
    assert rt.state.variables["humanity"] == 1


def test_after_the_line_the_position_is_the_next_thing_shown(tmp_path):
    rt = Runtime(program_of(tmp_path, BRANCHED))
    line = rt.advance()
    assert rt.state.last_line == {"id": line.id, "speaker": "xander", "text": line.text}
    scene = rt.program.labels["start"].code[rt._pc]
    assert rt.state.frame.label == "start" and rt.state.frame.at == scene.id and rt.state.stack == []
    assert rt.state.variables["humanity"] == 1        # the steps on the way have run, once
    resumed = Runtime(rt.program, json.loads(json.dumps(rt.to_dict())))
    assert isinstance(resumed.advance(), ev.SceneChange) and resumed.state.variables["humanity"] == 1


@pytest.mark.parametrize("before,after,joined", [
    ("I put down", "the gun.", "I put down the gun."),
    ("I put down the gun", ".", "I put down the gun."),
    ("Wait", ", no", "Wait, no"),
    ("Well", "…", "Well…"),
    ("He said \"no", "\" twice.", "He said \"no\" twice."),
    ("I was", "— never mind.", "I was— never mind."),
    ("Ends in a space ", "here", "Ends in a space here"),
    ("", "alone", "alone"),
    ("nothing follows", "", "nothing follows"),
])
def test_join_puts_one_space_unless_punctuation_says_otherwise(before, after, joined):
    assert join(before, after) == joined


@settings(max_examples=60, deadline=None)
@given(before=st.text("ab .", max_size=5), after=st.text("cd ,", max_size=5))
def test_join_keeps_both_texts_and_adds_at_most_one_space(before, after):
    joined = join(before, after)
    assert joined in (before + after, before + " " + after)
    assert joined.startswith(before) and joined.endswith(after)


def test_glue_with_no_line_before_it_shows_as_narration(tmp_path):
    story = """
start:
  - glue: "Alone at the start."
  - menu:
      - text: "Go."
  - glue: "After a choice."
  - scene: bar
  - glue: "After a scene."
  - ending: good
"""
    events, _ = play(program_of(tmp_path, story), [0])
    said = [(e.speaker, e.text) for e in events if isinstance(e, ev.Line)]
    assert said == [(None, "Alone at the start."), (None, "After a choice."), (None, "After a scene.")]


def test_glue_lines_chain_and_vary_per_showing(tmp_path):
    story = """
start:
  - buffy: "Again"
  - glue: "{seq: once | twice | and again}"
  - glue: "."
  - set: {humanity: "humanity + 1"}
  - if: "humanity < 4"
    then: [jump: start]
  - ending: good
"""
    events, rt = play(program_of(tmp_path, story))
    assert [e.text for e in events if isinstance(e, ev.Line)] == ["Again once.", "Again twice.", "Again and again.",
                                                                 "Again and again."]
    assert len(rt.state.seen) == 1


def test_a_story_without_glue_keeps_its_position_right_after_the_line(tmp_path):
    rt = Runtime(program_of(tmp_path, 'start:\n  - "One."\n  - set: {humanity: 2}\n  - ending: good\n'))
    rt.advance()
    assert rt.state.variables["humanity"] == 0       # the set after it has not run yet
    assert rt.program.has_glue is False


def test_an_endless_silent_loop_after_a_line_is_still_reported(tmp_path):
    story = 'start:\n  - "Spin."\n  - jump: spin\nspin:\n  - set: {humanity: 1}\n  - jump: spin\n' \
            'unused:\n  - glue: "x"\n  - ending: good\n'
    rt = Runtime(program_of(tmp_path, story))
    assert rt.advance().text == "Spin."
    with pytest.raises(StoryError, match="without showing anything"):
        rt.advance()


def test_the_text_player_prints_the_joined_line(tmp_path):
    out = io.StringIO()
    play_text(program_of(tmp_path, BRANCHED), [], interactive=False, out=out)
    assert "Xander: I put down the gun, and left." in out.getvalue()


# ---------------------------------------------------------------- vn check

def diagnostics(tmp_path, story):
    return [(d.code, d.pos.line, d.pos.column, d.severity) for d in load_game(write_game(tmp_path, story)).diagnostics]


@pytest.mark.parametrize("story,where", [
    ('start:\n  - "a"\n  - glue: 3\n  - ending: good\n', (3, 11)),
    ('start:\n  - "a"\n  - glue: {xander: "b"}\n  - ending: good\n', (3, 11)),
    ('start:\n  - "a"\n  - glue: ["b"]\n  - ending: good\n', (3, 11)),
    ('start:\n  - "a"\n  - glue: "b"\n    xander: "c"\n  - ending: good\n', (4, 5)),
])
def test_glue_takes_text_and_no_speaker(tmp_path, story, where):
    found = diagnostics(tmp_path, story)
    assert [f[:3] for f in found if f[0] == "VN053"] == [("VN053", *where)], found


def test_glue_with_nothing_to_continue_is_a_warning(tmp_path):
    story = """start:
  - glue: "first"
  - menu:
      - text: "Go."
        do:
          - glue: "after a choice"
  - "fine"
  - set: {humanity: 1}
  - glue: "fine too"
  - pause: 1
  - glue: "after a pause"
  - ending: good
"""
    found = [(d.code, d.pos.line) for d in load_game(write_game(tmp_path, story)).diagnostics]
    assert found == [("VN118", 2), ("VN118", 6), ("VN118", 11)]


# ---------------------------------------------------------------- glue changes only how text is grouped

STEP = st.sampled_from(["line", "glue", "set", "if", "call", "scene"])


def _story(steps: list[str], glue_as_line: bool) -> str:
    out = ["start:"]
    for n, step in enumerate(steps):
        glue = f'"w{n}"' if glue_as_line else f'{{glue: "w{n}"}}'
        if step == "line":
            out.append(f'  - xander: "w{n}"')
        elif step == "glue":
            out.append(f"  - {glue}")
        elif step == "set":
            out.append(f'  - set: {{humanity: "humanity + {n % 3}"}}')
        elif step == "if":
            out.append(f'  - if: "humanity > {n % 4}"\n    then:\n      - {glue}\n      - set: {{took_lighter: true}}')
        elif step == "call":
            out.append("  - call: aside")
        else:
            out.append("  - scene: bar")
    out.append("  - ending: good")
    out.append('aside:\n  - set: {humanity: "humanity + 1"}\n  - ' + ('"aside"' if glue_as_line else 'glue: "aside"')
               + "\n  - return: ~")
    return "\n".join(out) + "\n"


@settings(max_examples=40, deadline=None)
@given(steps=st.lists(STEP, max_size=10))
def test_glue_groups_the_same_words_and_runs_the_same_steps(tmp_path_factory, steps):
    glued, rt_glued = play(program_of(tmp_path_factory.mktemp("glued"), _story(steps, False)))
    apart, rt_apart = play(program_of(tmp_path_factory.mktemp("apart"), _story(steps, True)))
    words = lambda events: [w for e in events if isinstance(e, ev.Line) for w in e.text.split()]
    assert words(glued) == words(apart)
    shown = lambda events: [type(e).__name__ for e in events if not isinstance(e, ev.Line)]
    assert shown(glued) == shown(apart)
    assert sum(isinstance(e, ev.Line) for e in glued) <= sum(isinstance(e, ev.Line) for e in apart)
    assert (rt_glued.state.variables, rt_glued.state.visits) == (rt_apart.state.variables, rt_apart.state.visits)
