"""Local labels: `- label: sub` inside a label starts `label.sub`; short names inside, full names outside."""
from __future__ import annotations

import io
import tempfile
import textwrap
from pathlib import Path

from hypothesis import given, settings, strategies as st

from vn.runtime import events as ev
from vn.runtime.hotswap import reload_runtime
from vn.runtime.routes import explore_routes
from vn.runtime.runtime import Runtime
from vn.script.loader import load_game
from vn.storymap import story_dot
from vn.textplayer import play_text

from gamefiles import write_game
from test_statements import lines, play, program_of

CELLAR = """
    start:
      - jump: cellar
    cellar:
      - "Stone steps, wet."
      - label: door
      - "Knocked {picks('door.knock')}; here {visits('door')}; cellar {visits('cellar')}."
      - menu:
          - text: "Knock"
            name: knock
            jump: door
          - text: "Leave"
            if: "picks('door.knock') > 0 and turns_since('door') == 0"
            jump: street
    street:
      - "Knocks heard in the street: {picks('cellar.door.knock')}, door: {visits('cellar.door')}."
      - if: "visits('cellar.door') < 3"
        then:
          - jump: cellar.door
      - ending: good
"""


def said(events):
    return [text for _, text in lines(events)]


def test_sub_label_is_its_own_label_with_a_dotted_name(tmp_path):
    program = program_of(tmp_path, CELLAR)
    assert list(program.game.labels) == ["start", "cellar", "cellar.door", "street"]
    door = program.game.labels["cellar.door"]
    assert (door.pos.line, door.pos.column) == (6, 5)          # the marker
    assert all(s.id.startswith("cellar.door.") for s in door.body)
    assert all(s.id.startswith("cellar.") and not s.id.startswith("cellar.door.")
               for s in program.game.labels["cellar"].body)


def test_falling_through_counts_a_visit_and_short_and_full_names_reach_the_sub_label(tmp_path):
    events, rt = play(program_of(tmp_path, CELLAR), [0, 1, 1, 0])
    assert said(events) == [
        "Stone steps, wet.",
        "Knocked 0; here 1; cellar 1.",          # fell through: one visit already
        "Knocked 1; here 2; cellar 1.",          # 'jump: door' inside cellar: cellar.door again
        "Knocks heard in the street: 1, door: 2.",
        "Knocked 1; here 3; cellar 1.",          # 'jump: cellar.door' from outside
        "Knocks heard in the street: 1, door: 3.",
    ]
    assert rt.state.visits == {"start": 1, "cellar": 1, "cellar.door": 3, "street": 2}
    assert rt.state.picks == {"cellar.door.knock": 1}
    assert rt.state.route[0]["label"] == "cellar.door"


def test_a_short_name_means_the_sub_label_first_then_the_global_label(tmp_path):
    story = """
        start:
          - "In start: {visits('door')}"
          - jump: door
        door:
          - "The global door."
          - jump: cellar
        cellar:
          - jump: door
          - label: door
          - "The cellar's door: {visits('door')} / {visits('cellar.door')} / {turns_since('door')}."
          - ending: good
    """
    result = load_game(write_game(tmp_path, story))
    [hidden] = [d for d in result.diagnostics if d.code == "VN116"]
    assert hidden.severity == "warning" and (hidden.pos.line, hidden.pos.column) == (10, 5)
    assert "'door' means this sub-label" in hidden.message
    events, rt = play(program_of(tmp_path, story))
    assert said(events) == ["In start: 0", "The global door.", "The cellar's door: 1 / 1 / 0."]
    assert rt.state.visits == {"start": 1, "door": 1, "cellar": 1, "cellar.door": 1}


def test_short_names_resolve_in_conditions_sets_and_option_jumps_of_every_part(tmp_path):
    story = """
        start:
          - set: {humanity: "visits('two')"}
          - label: one
          - menu:
              - text: "To two"
                name: go
                jump: two
          - label: two
          - if: "visits('one') == 1 and picks('one.go') == 1"
            then:
              - set: {humanity: "humanity + 10 + visits('two')"}
          - "{humanity}"
          - ending: good
    """
    events, rt = play(program_of(tmp_path, story), [0])
    assert said(events) == ["11"]
    assert rt.state.visits == {"start": 1, "start.one": 1, "start.two": 1}


def test_a_part_that_ends_in_a_jump_does_not_fall_through(tmp_path):
    story = """
        start:
          - "Before."
          - jump: after
          - label: hidden
          - "Never."
          - ending: bad
        after:
          - ending: good
    """
    result = load_game(write_game(tmp_path, story))
    assert [(d.code, d.pos.line, d.pos.column) for d in result.diagnostics] == [("VN101", 5, 5)]
    assert "'start.hidden' is never reached" in result.diagnostics[0].message
    body = result.game.labels["start"].body
    assert body[-1].target == "after"


def test_a_short_name_used_outside_is_an_unknown_label_with_the_full_name_as_hint(tmp_path):
    story = """
        start:
          - "Hi."
          - label: door
          - jump: street
        street:
          - jump: door
    """
    [d] = load_game(write_game(tmp_path, story)).errors
    assert d.code == "VN005" and (d.pos.line, d.pos.column) == (7, 5)
    assert "'start.door'" in d.hint


def test_options_of_a_sub_label_count_with_its_full_name_and_picks_splits_at_the_last_dot(tmp_path):
    story = """
        start:
          - label: door
          - menu:
              - text: "Knock"
                name: knock
              - text: "Wait"
                name: wait
          - "{picks('door.knock')} {picks('door.wait')} {picks('start.door.knock')}"
          - if: "picks('start.door.knok') > 0"
            then: ["x"]
    """
    result = load_game(write_game(tmp_path, story))
    [d] = result.errors
    assert d.code == "VN044" and (d.pos.line, d.pos.column) == (10, 16)
    assert "did you mean 'start.door.knock'?" in d.hint
    events, _ = play(program_of(tmp_path, story.replace("knok", "knock")), [0])
    assert said(events) == ["1 0 1", "x"]


def save_at(program, text, answers=()):
    """The state saved just as `text` is shown, as the game saves it."""
    rt = Runtime(program)
    answers = list(answers)
    while True:
        before = rt.to_dict()
        e = rt.advance()
        if isinstance(e, ev.Line) and e.text == text:
            return before
        if isinstance(e, ev.Choices):
            rt.choose(answers.pop(0))


SAVED = textwrap.dedent("""
    start:
      - "One."
      - label: door
      - "Two."
      - "Three."
      - "Four."
      - ending: good
""")


def test_a_save_inside_a_sub_label_loads_after_an_edit_above_it(tmp_path):
    saved = save_at(program_of(tmp_path / "a", SAVED), "Three.")
    assert saved["position"]["label"] == "start.door"
    edited = SAVED.replace('"One."', '"One, rewritten."\n  - "A new line."').replace('"Two."', '"Two!"')
    rt = Runtime(program_of(tmp_path / "b", edited), saved)
    assert rt.notices == []
    assert rt.advance().text == "Three."


def test_a_save_follows_its_line_into_a_new_sub_label_and_back_out(tmp_path):
    plain = SAVED.replace("  - label: door\n", "")
    saved = save_at(program_of(tmp_path / "a", plain), "Three.")
    assert saved["position"] == {"label": "start", "at": saved["position"]["at"]}
    split = SAVED.replace('  - "Three."', '  - label: later\n  - "Three."')
    rt = Runtime(program_of(tmp_path / "b", split), saved)
    assert rt.notices == [] and rt.state.frame.label == "start.later"
    assert rt.advance().text == "Three."
    back = Runtime(program_of(tmp_path / "c", plain), Runtime(program_of(tmp_path / "b", split), saved).to_dict())
    assert back.notices == [] and back.state.frame.label == "start"
    assert back.advance().text == "Three."


def test_a_save_in_a_sub_label_that_is_gone_resumes_at_its_parent(tmp_path):
    saved = save_at(program_of(tmp_path / "a", SAVED), "Three.")
    gone = SAVED.replace("  - label: door\n", "").replace('"Three."', '"Three, rewritten."')
    rt = Runtime(program_of(tmp_path / "b", gone), saved)
    assert rt.notices == ["The script changed: resuming at the start of 'start'."]
    assert rt.advance().text == "One."


def test_hot_reload_follows_a_line_into_a_sub_label(tmp_path):
    plain = SAVED.replace("  - label: door\n", "")
    rt = Runtime(program_of(tmp_path / "a", plain))
    assert rt.advance().text == "One."
    assert rt.advance().text == "Two."
    fresh, notices = reload_runtime(rt, program_of(tmp_path / "b", SAVED))
    assert notices == [] and fresh.state.frame.label == "start.door"
    assert fresh.advance().text == "Three."


def test_routes_graph_and_text_player_know_sub_labels(tmp_path):
    program = program_of(tmp_path, CELLAR.replace("visits('door')", "1").replace("{picks('door.knock')}", ""))
    # counts shown in text are kept exact in the explorer's key, so the street's line would make
    # every knock a new state: explore a copy that shows none
    bounded = program_of(tmp_path / "bounded", CELLAR.replace("visits('door')", "1")
                         .replace("{picks('door.knock')}", "").replace("{picks('cellar.door.knock')}", "some")
                         .replace("{visits('cellar.door')}", "more"))
    report = explore_routes(bounded)
    assert report.endings["good"] >= 1 and not report.truncated and not report.dead_ends and not report.failures
    dot = story_dot(program.game)
    assert '"label:cellar" -> "label:cellar.door" [style=dotted, color="#444444", label="falls through"];' in dot
    assert '"label:street" -> "label:cellar.door" [style=solid' in dot
    out = io.StringIO()
    play_text(program, [1, 2], interactive=False, out=out)
    assert "Knocks heard in the street: 1, door: 2." in out.getvalue()


POOL = ("door", "hall", "stairs", "start", "way_out", "a1", "end")


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(POOL), st.integers(0, 2), st.integers(0, 10)), unique_by=lambda p: p[0],
                max_size=5),
       st.booleans())
def test_parts_play_in_order_each_entered_once_and_short_names_mean_the_parts(drawn, global_door):
    """Straight through a label with sub-labels: every line in order, every part entered once by
    falling through, and visits('name') counts the part of that name, if there is one, else the label."""
    known = [name for name, _, _ in drawn] + ["start"] + (["door"] if global_door else [])
    parts = [(name, count, known[asked % len(known)]) for name, count, asked in drawn]
    story = ["start:", '  - "top"']
    for name, count, asked in parts:
        story += [f"  - label: {name}"] + [f'  - "{name} {n}"' for n in range(count)]
        story.append(f'  - "{name} asks {asked}: {{visits(\'{asked}\')}}"')
    story.append("  - jump: door" if global_door else "  - ending: good")
    story += ["door:", "  - ending: good"] if global_door else []
    with tempfile.TemporaryDirectory() as tmp:
        program = program_of(Path(tmp), "\n".join(story) + "\n")
    names = [name for name, _, _ in parts]
    assert list(program.game.labels) == ["start"] + [f"start.{n}" for n in names] + (["door"] if global_door else [])
    if global_door:   # the closing 'jump: door' means the part named door when there is one, else the label
        last = program.game.labels[f"start.{names[-1]}" if names else "start"].body[-1]
        assert last.target == ("start.door" if "door" in names else "door")
        if "door" in names:
            return       # it would go round for ever: the target is what this case checks
    events, rt = play(program)
    shown = said(events)
    expected = ["top"]
    for i, (name, count, asked) in enumerate(parts):
        entered = asked in names[:i + 1] or (asked == "start" and asked not in names)
        visits = 1 if entered else 0
        expected += [f"{name} {n}" for n in range(count)] + [f"{name} asks {asked}: {visits}"]
    assert shown == expected
    assert all(rt.state.visits[f"start.{n}"] == 1 for n in names)
    assert rt.state.visits.get("door", 0) == (1 if global_door else 0)
