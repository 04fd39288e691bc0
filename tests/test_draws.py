"""random(a, b) and chance(p) in a running story: seeded, drawn in order, and replayed the same
after a save's JSON round-trip or a rollback."""
from __future__ import annotations

import json

import pytest
from hypothesis import given, settings, strategies as st

from vn.runtime import events as ev
from vn.runtime.chance import mix
from vn.runtime.runtime import Runtime
from vn.script.expr import EvalError, evaluate, parse

from test_statements import program_of

DICE = """
    start:
      - set: {humanity: "random(1, 6)"}
      - set: {ratio: "random(10, 20) + humanity"}
      - "Rolled {humanity}, then {ratio}."
      - ending: good
"""

# draws everywhere they are allowed: set values, if conditions, option conditions and assigns
LOOP = """
    start:
      - set: {humanity: "humanity + random(0, 3)"}
      - if: "chance(0.4)"
        then: ["Lucky {humanity}."]
      - else: ["Not lucky {humanity}."]
      - menu:
          - text: "Push on."
            if: "chance(0.7) or humanity > 8"
            set: {ratio: "ratio + random(1, 9)"}
          - text: "Rest."
          - text: "Gamble."
            if: "random(1, 3) == 2"
            set: {took_lighter: "chance(0.5)"}
      - "At {ratio}, lighter {took_lighter}."
      - if: "humanity > 12"
        then: [{ending: good}]
      - jump: start
"""


def test_draws_are_the_seeds_in_order(tmp_path):
    rt = Runtime(program_of(tmp_path, DICE), seed=77)
    line = rt.advance()
    first = 1 + mix(77, 0) % 6
    second = 10 + mix(77, 1) % 11 + first
    assert line.text == f"Rolled {first}, then {float(second)}."
    assert rt.state.rng == {"seed": 77, "draws": 2}


def test_a_short_circuit_skips_the_draw(tmp_path):
    program = program_of(tmp_path, """
        start:
          - if: "humanity > 5 and chance(0.5)"
            then: ["Never."]
          - if: "humanity < 5 or chance(0.5)"
            then: ["Always."]
          - ending: good
    """)
    rt = Runtime(program, seed=3)
    assert rt.advance().text == "Always."
    assert rt.state.rng["draws"] == 0


def test_the_same_seed_plays_the_same_and_another_seed_differs(tmp_path):
    program = program_of(tmp_path, DICE)
    texts = {seed: Runtime(program, seed=seed).advance().text for seed in range(40)}
    assert texts[5] == Runtime(program, seed=5).advance().text
    assert len(set(texts.values())) > 10


def test_an_expression_evaluated_without_a_runtime_cannot_draw():
    try:
        evaluate(parse("random(1, 6)"), {}, lambda label: 0)
    except EvalError as exc:
        assert "random(1, 6)" in str(exc)
    else:
        raise AssertionError("a draw without a random source must fail")


def test_a_choice_offers_the_same_options_after_a_save_or_rollback(tmp_path):
    program = program_of(tmp_path, LOOP)
    for seed in range(30):
        rt = Runtime(program, seed=seed)
        while not isinstance(rt.advance(), ev.Choices):
            pass
        offered = [c.id for c in rt.choices]
        at_choice = rt.snapshot()
        rt.restore(at_choice)
        assert [c.id for c in rt.choices] == offered
        loaded = Runtime(program, json.loads(json.dumps(rt.to_dict())))
        assert [c.id for c in loaded.choices] == offered


def _play(rt, answers, limit, made=0):
    """Up to `limit` events as comparable tuples, and the number of choices made. Choice n is
    answered with answers[n] (modulo the options) when play goes on past it, so a run can stop,
    and be saved, with a choice waiting."""
    out = []
    for _ in range(limit):
        if rt.status == "choosing":
            rt.choose(answers[made % len(answers)] % len(rt.choices))
            made += 1
        e = rt.advance()
        if isinstance(e, ev.Choices):
            out.append(("choices", tuple(c.id for c in e.options)))
        elif isinstance(e, ev.Line):
            out.append(("line", e.text))
        elif isinstance(e, (ev.End, ev.EndingReached)):
            out.append(("end",))
            break
    return out, made


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 2 ** 63 - 1), answers=st.lists(st.integers(0, 2), min_size=1, max_size=8),
       cut=st.integers(1, 40))
def test_a_save_mid_way_resumes_with_the_same_draws(tmp_path_factory, seed, answers, cut):
    program = _loop_program(tmp_path_factory)
    straight, _ = _play(Runtime(program, seed=seed), answers, 80)
    first = Runtime(program, seed=seed)
    head, made = _play(first, answers, cut)
    resumed = Runtime(program, json.loads(json.dumps(first.to_dict())))
    if resumed.status == "choosing":        # saved at a choice: the same options are waiting
        assert ("choices", tuple(c.id for c in resumed.choices)) == head[-1]
    tail, _ = _play(resumed, answers, 80 - cut, made) if head[-1:] != [("end",)] else ([], made)
    assert head + tail == straight[:len(head) + len(tail)]


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 2 ** 63 - 1), answers=st.lists(st.integers(0, 2), min_size=1, max_size=8),
       back=st.integers(1, 30))
def test_rolling_back_replays_the_same_draws(tmp_path_factory, seed, answers, back):
    program = _loop_program(tmp_path_factory)
    rt = Runtime(program, seed=seed)
    snapshots, events, made = [], [], 0
    for _ in range(50):
        snapshots.append((rt.snapshot(), made))
        step, made = _play(rt, answers, 1, made)
        events.append(step)
        if step == [("end",)]:
            break
    at = max(0, len(snapshots) - back)
    snapshot, made = snapshots[at]
    rt.restore(snapshot)
    again = []
    for _ in range(len(snapshots) - at):
        step, made = _play(rt, answers, 1, made)
        again.append(step)
    assert again == events[at:]


_PROGRAMS: dict = {}


def _loop_program(factory):
    if "loop" not in _PROGRAMS:
        _PROGRAMS["loop"] = program_of(factory.mktemp("loop"), LOOP)
    return _PROGRAMS["loop"]


# ---------------------------------------------------------------- vn routes: every outcome is a branch

def test_routes_follow_every_outcome_of_random_and_chance(tmp_path):
    from vn.runtime.routes import explore_routes
    program = program_of(tmp_path, """
        start:
          - set: {humanity: "random(1, 3)", took_lighter: "chance(0.5)"}
          - if: "took_lighter"
            then: [{ending: bad}]
          - if: "humanity == 3"
            then: [{ending: good}]
          - menu:
              - text: "Stop."
                id: stop
                jump: stop
              - text: "Roll again."
                id: roll
                set: {humanity: "random(1, 3)"}
          - if: "humanity == 3"
            then: [{ending: good}]
          - jump: stop
        stop:
          - ending: bad
    """)
    report = explore_routes(program)
    # three rolls times two coins: a coin showing true ends badly (3 routes), a roll of 3 ends well
    # (1); rolls of 1 and 2 reach the menu, where "Stop." ends badly and "Roll again." rolls three
    # ways, one of them good: 4 routes from each of the two menu states
    assert report.endings == {"good": 1 + 2, "bad": 3 + 2 * 3}
    assert report.routes == 12 and report.ok and report.states == 2
    assert report.examples["good"] == ["random=1", "chance=false", "roll", "random=3"]
    assert report.examples["bad"] == ["random=1", "chance=true"]


def test_routes_branch_on_a_drawn_condition_and_a_drawn_assignment(tmp_path):
    from vn.runtime.routes import explore_routes
    program = program_of(tmp_path, """
        start:
          - menu:
              - text: "Try."
                id: try
                if: "chance(0.5)"
                set: {humanity: "random(1, 2)"}
              - text: "Wait."
                id: wait
          - if: "humanity == 2"
            then: [{ending: good}]
          - ending: bad
    """)
    report = explore_routes(program)
    # the coin offers "Try." or not: equal states with different offers are not merged
    assert report.endings == {"good": 1, "bad": 3}
    assert report.examples["good"] == ["chance=true", "try", "random=2"]
    assert report.ok


def test_a_draw_with_too_many_outcomes_fails_the_route(tmp_path):
    from vn.runtime.routes import explore_routes
    program = program_of(tmp_path, """
        start:
          - set: {humanity: "random(1, humanity + 5000)"}
          - ending: good
    """)
    report = explore_routes(program)
    assert report.failures and "too many to explore" in report.failures[0][1]


def test_run_text_with_a_seed_repeats_its_draws(tmp_path, capsys):
    from vn.cli import main
    from gamefiles import write_game
    write_game(tmp_path, """
        start:
          - set: {humanity: "random(1, 1000)"}
          - "Rolled {humanity}."
          - ending: good
    """)
    rolls = []
    for seed in ("7", "7", "8"):
        assert main(["run", "--text", str(tmp_path), "--seed", seed]) == 0
        rolls.append(next(line for line in capsys.readouterr().out.splitlines() if "Rolled" in line))
    assert rolls[0] == rolls[1] == f"Rolled {1 + mix(7, 0) % 1000}." and rolls[2] != rolls[0]


def test_a_draw_with_one_outcome_is_vn119(tmp_path):
    from vn.cli import check_folder
    from gamefiles import write_game
    write_game(tmp_path, """start:
  - set: {humanity: "random(4, 4) + random(1, 2)"}
  - if: "humanity > 1 and chance(0)"
    then: ["Never."]
  - if: "chance(1.0) or chance(0.5)"
    then: ["Always."]
  - ending: good
""")
    result = check_folder(str(tmp_path), explore=False)
    found = [(d.code, d.pos.line, d.pos.column, d.severity) for d in result.diagnostics if d.code == "VN119"]
    assert found == [("VN119", 2, 22, "warning"), ("VN119", 3, 27, "warning"), ("VN119", 5, 10, "warning")]
    assert not result.errors


def test_a_draw_in_an_option_text_or_a_prompt_is_vn055(tmp_path):
    from vn.script.loader import load_game
    from gamefiles import write_game
    write_game(tmp_path, """start:
  - menu:
      - text: "Bet {random(1, 6)}."
      - text: "Fold."
    prompt: {buffy: "Feeling lucky, {chance(0.5)}?"}
  - ending: good
""")
    found = [(d.code, d.pos.line, d.pos.column) for d in load_game(tmp_path).diagnostics]
    assert sorted(found) == [("VN055", 3, 21), ("VN055", 5, 38)]


@pytest.mark.parametrize("source,code,column", [
    ("random(1)", "VN014", 0),
    ("chance()", "VN014", 0),
    ("chance(0.5, 1)", "VN014", 0),
    ("random(1, 2.5)", "VN015", 10),
    ("random(true, 2)", "VN015", 7),
    ("chance('half')", "VN015", 7),
    ("random(6, 1)", "VN056", 7),
    ("chance(-0.1)", "VN056", 7),
    ("chance(1.5) or true", "VN056", 7),
])
def test_draw_arguments_are_checked(source, code, column):
    from vn.script.expr import ExprError, check
    try:
        errors = check(parse(source), {}, ())[1]
    except ExprError as exc:
        errors = [exc]
    assert [(e.code, e.column) for e in errors] == [(code, column)]


def test_draws_have_the_types_they_give():
    from vn.script.expr import check
    assert check(parse("random(1, 6) + 1"), {}, ())[0] is int
    assert check(parse("chance(0.5) and chance(1 / 3)"), {}, ())[0] is bool
    assert parse("1 + random(1, 2)").draws() and not parse("visits('start') + 1").draws()
