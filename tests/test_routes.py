"""Route tools at scale: exact counts, named circles, honest truncation, sampling, dead content,
replayable routes, random draws as branch points."""
from __future__ import annotations

import math
import re
from pathlib import Path

import pytest

from vn.cli import check_folder, main
from vn.runtime import events as ev
from vn.runtime.lint import check_routes
from vn.runtime.routes import explore_routes
from vn.runtime.runtime import Runtime
from vn.runtime.sampling import sample_routes
from vn.routes_cli import parse_budget
from vn.script.loader import load_game
from vn.script.program import compile_game, load_program

from bench.routestories import hub_story, investigation_story, switches_story, write_story
from gamefiles import MANIFEST, write_game

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"


def program_of(folder: Path):
    result = load_game(folder)
    assert result.game is not None, [d.format() for d in result.diagnostics]
    return compile_game(result.game)


def test_a_hub_of_once_only_options_merges_to_one_state_per_subset_and_counts_every_order(tmp_path):
    report = explore_routes(program_of(write_story(tmp_path, hub_story(9))))
    assert not report.truncated and not report.unbounded
    assert report.states == 2 ** 9
    assert report.endings == {"good": math.factorial(9), "bad": 0}
    assert report.routes == math.factorial(9)


def test_a_tree_of_switches_counts_each_leaf_once(tmp_path):
    report = explore_routes(program_of(write_story(tmp_path, switches_story(8))))
    assert report.states == 2 ** 8 - 1 and report.routes == 2 ** 8
    # good: at least 4 of 8 flags set (and at least one): C(8,4) + ... + C(8,8)
    assert report.endings["good"] == sum(math.comb(8, k) for k in range(4, 9))


def test_a_circle_makes_routes_unbounded_and_is_named(tmp_path, capsys):
    story = """
        start:
          - menu:
              - text: "Wait."
                id: wait
              - text: "Go."
                id: go
                jump: out
          - jump: start
        out:
          - ending: good
    """
    report = explore_routes(program_of(write_game(tmp_path, story)))
    assert report.unbounded and report.cycles == [["wait"]]
    assert report.loops == [["wait"]]
    assert report.endings["good"] == 1       # the routes that go round no circle
    assert main(["routes", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "Routes are unbounded" in out and "the circle: wait > and round again" in out


def test_a_truncated_exploration_never_calls_a_reachable_ending_unreachable(tmp_path, capsys):
    # the first option opens a large hub; the ending 'bad' is two choices from the start, behind the second
    manifest, hub = hub_story(14)
    story = hub.replace('start:\n  - "The square is quiet."\n  - jump: hub',
                        'start:\n  - menu:\n      - text: "Into town"\n        jump: hub\n'
                        '      - text: "Away"\n        jump: away\naway:\n  - menu:\n'
                        '      - text: "Further"\n        jump: far\nfar:\n  - ending: bad')
    folder = write_story(tmp_path, (manifest, story))
    report = explore_routes(program_of(folder), max_states=300)
    assert report.truncated and report.stopped_by == "states" and report.unreachable == []
    assert main(["routes", str(folder), "--max-states", "300"]) == 1
    out = capsys.readouterr().out
    assert "UNREACHABLE" not in out
    assert "Exploration stopped early, after 300 choice states" in out and "the limit of states was reached" in out
    bad = next(line for line in out.splitlines() if line.strip().startswith("Bad"))
    assert "not reached within the budget; the sample reached it" in bad


def test_a_time_budget_stops_the_exploration_and_says_so(tmp_path, capsys):
    folder = write_story(tmp_path, hub_story(16))
    assert main(["routes", str(folder), "--budget", "300ms", "--json"]) == 1
    import json
    data = json.loads(capsys.readouterr().out)
    assert data["truncated"] and data["stopped_by"] == "time" and data["unreachable_endings"] == []
    assert data["sample"]["endings"]["good"] > 0
    assert parse_budget("10s") == 10 and parse_budget("2m") == 120 and parse_budget("500ms") == 0.5


def test_sampling_finds_a_six_percent_run_out_of_choices_defect_and_its_routes_replay(tmp_path, capsys):
    folder = write_story(tmp_path, investigation_story(16, 4))
    program = program_of(folder)
    sample = sample_routes(program, 2_000, seed=7)
    stuck = sample.counts["out_of_choices"]
    assert 0.04 < stuck / sample.runs < 0.09          # 1 in 16 playthroughs
    assert sample.endings["good"] + stuck == sample.runs
    again = sample_routes(program, 2_000, seed=7)
    assert again.counts == sample.counts and again.out_of_choices[0].choices == sample.out_of_choices[0].choices
    route = sample.out_of_choices[0]
    assert main(["run", "--text", str(folder), "--choices", ",".join(map(str, route.choices))]) == 1
    assert "no option of this menu is available" in capsys.readouterr().err
    assert main(["routes", str(folder), "--sample", "2000"]) == 1
    assert "Ran out of choices (a menu with no option on offer): " in capsys.readouterr().out


def test_check_falls_back_to_sampling_and_reports_what_the_sample_meets(tmp_path):
    program = program_of(write_story(tmp_path, investigation_story(16, 4)))
    found = check_routes(program, max_states=5)
    codes = [d.code for d in found]
    assert "VN107" in codes and "VN027" in codes
    vn107 = next(d for d in found if d.code == "VN107")
    assert re.search(r"after 5 choice states .*; [\d,]+ random playthroughs were played instead", vn107.message)
    assert "no option of this menu is available" in next(d for d in found if d.code == "VN027").message


DEAD = """
start:
  - "Hello."
  - menu:
      - text: "Left"
        set: {humanity: "humanity + 1"}
      - text: "Right"
        set: {humanity: "humanity + 2"}
  - if: "humanity > 5"
    then:
      - "Never."
      - "Never again."
      - jump: secret
  - if: "took_lighter"
    then:
      - menu:
          - text: "Open"
            jump: secret
          - text: "Leave"
  - menu:
      - text: "Door"
        if: "humanity > 9"
        do:
          - "Behind the door."
        jump: secret
      - text: "Go"
  - ending: good
secret:
  - "A secret room."
  - ending: bad
"""


def test_dead_content_is_reported_where_it_is(tmp_path, capsys):
    folder = write_game(tmp_path, DEAD)
    found = {(d.code, d.pos.line, d.pos.column): d for d in check_folder(str(folder)).diagnostics}
    assert ("VN123", 11, 9) in found and "(nor the one after it)" in found[("VN123", 11, 9)].message
    assert ("VN122", 16, 9) in found                  # the menu in the if that is never true
    assert ("VN121", 28, 1) in found                  # 'secret': something leads there, nothing goes
    assert ("VN106", 22, 14) in found                 # the door's body is VN106's, not VN123's
    assert not [key for key in found if key[0] == "VN123" and key[1] != 11]
    assert main(["routes", str(folder)]) == 1
    out = capsys.readouterr().out
    assert "Dead content (no route reaches it): 3" in out and "label 'secret'" in out


def test_content_a_truncated_exploration_and_its_sample_missed_is_listed_apart(tmp_path):
    # six menus of eight options; 'secret' needs the last option every time (1 in 262,144)
    lines = ["start:"]
    for k in range(6):
        lines.append("  - menu:")
        for o in range(8):
            lines += [f'      - text: "{k}/{o}"', f'        set: {{humanity: "humanity * 8 + {o}"}}']
    lines += [f'  - if: "humanity == {8 ** 6 - 1}"', "    then:", "      - jump: secret", "  - ending: good",
              "secret:", '  - "Found it."', "  - ending: bad"]
    program = program_of(write_game(tmp_path, "\n".join(lines) + "\n"))
    found = check_routes(program, max_states=20)
    codes = [d.code for d in found]
    assert "VN107" in codes and "VN121" not in codes and "VN105" not in codes
    [unseen] = [d for d in found if d.code == "VN124"]
    assert "label 'secret'" in unseen.message and re.search(r"the 20 states explored or the [\d,]+ random", unseen.message)


def test_example_routes_replay_as_option_ids_and_as_numbers(capsys):
    program = load_program(SCRIPTS)
    report = explore_routes(program)
    titles = {eid: e.title for eid, e in program.manifest.endings.items()}
    for eid, route in report.examples.items():
        assert main(["run", "--text", str(SCRIPTS), "--choices", ",".join(route)]) == 0
        assert f"*** Ending: {titles[eid]} ***" in capsys.readouterr().out
    assert main(["routes", str(SCRIPTS)]) == 0
    out = capsys.readouterr().out
    for eid, title in titles.items():
        numbers = next(line for line in out.splitlines() if line.strip().startswith(title)).split("--choices ")[1]
        assert main(["run", "--text", str(SCRIPTS), "--choices", numbers]) == 0
        assert f"*** Ending: {title} ***" in capsys.readouterr().out


class Rolling(Runtime):
    """A runtime whose story rolls a die (1 to 3) after the line "Roll.", into `humanity`."""

    def advance(self):
        event = super().advance()
        if event.__class__ is ev.Line and event.text == "Roll.":
            self.state.variables["humanity"] = self.random.integer(1, 3)
        return event


ROLL = """
start:
  - "Roll."
  - if: "humanity == 1"
    then:
      - ending: good
  - if: "humanity == 2"
    then:
      - ending: bad
  - menu:
      - text: "Take it"
        jump: take
      - text: "Leave it"
  - ending: bad
take:
  - ending: good
"""


def test_a_random_draw_is_a_branch_point_for_the_explorer_and_the_sampler(tmp_path):
    program = program_of(write_game(tmp_path, ROLL))
    report = explore_routes(program, make_runtime=Rolling)
    assert not report.truncated and not report.failures
    assert report.endings == {"good": 2, "bad": 2} and report.routes == 4
    assert report.examples["good"] == ["random=1"]
    sample = sample_routes(program, 600, seed=1, make_runtime=Rolling)
    assert sample.ok and sample.runs == 600
    # a third roll 1 (good), a third 2 (bad), a third 3 and then a fair choice
    assert 0.4 < sample.endings["good"] / 600 < 0.6
    assert sample_routes(program, 600, seed=1, make_runtime=Rolling).endings == sample.endings


def test_our_game_explores_completely_with_no_dead_content():
    report = explore_routes(load_program(SCRIPTS))
    assert not report.truncated and not report.unbounded and not report.counts["dead_ends"]
    from vn.runtime.unreached import unreached
    assert unreached(load_program(SCRIPTS), report.coverage) == []


def test_the_story_map_greys_out_what_no_route_reaches(tmp_path):
    from vn.storymap import reached_by_routes, story_dot
    folder = write_game(tmp_path, DEAD)
    program = program_of(folder)
    dot = story_dot(program.game, reached_by_routes(program))
    lines = dot.splitlines()
    [secret] = [line for line in lines if line.strip().startswith('"label:secret" [')]
    assert 'xlabel="not reached by any route"' in secret
    [bad] = [line for line in lines if line.strip().startswith('"ending:bad" [')]
    assert 'xlabel="not reached"' in bad
    to_secret = [line for line in lines if '"label:start" -> "label:secret"' in line]
    assert len(to_secret) == 3 and all("(not reached)" in line and "dotted" in line for line in to_secret)
    assert [line for line in lines if '"label:start" -> "ending:good"' in line and "not reached" not in line]
    assert main(["graph", str(folder), "-o", str(tmp_path / "map.dot")]) == 0
    assert (tmp_path / "map.dot").read_text() == dot


def test_the_sampler_draws_with_each_playthroughs_seed_and_its_routes_replay_with_it(tmp_path, capsys):
    story = """
        start:
          - set: {humanity: "random(1, 4)"}
          - menu:
              - text: "Go on"
                if: "humanity < 4"
                jump: out
              - text: "Only on a roll of 9"
                if: "humanity == 9"
                jump: out
        out:
          - ending: good
    """
    folder = write_game(tmp_path, story)
    program = program_of(folder)
    explored = explore_routes(program)
    assert explored.endings["good"] == 3 and explored.counts["failure_routes"] == 1
    sample = sample_routes(program, 400, seed=3)
    assert sample.draws and 0.15 < sample.counts["out_of_choices"] / 400 < 0.35
    stuck = sample.out_of_choices[0]
    assert stuck.choices == [] and main(["run", "--text", str(folder), "--seed", str(stuck.seed)]) == 1
    assert "no option of this menu is available" in capsys.readouterr().err
    assert main(["routes", str(folder), "--sample", "400", "--seed", "3"]) == 1
    assert f"replay: --seed {stuck.seed}\n" in capsys.readouterr().out


class Talkative(Runtime):
    """The runtime as the window uses it: every line with its words."""


def test_the_explorer_s_quiet_runtime_finds_what_a_talkative_one_finds():
    program = load_program(Path(__file__).resolve().parent.parent / "scripts")
    quiet, talkative = explore_routes(program), explore_routes(program, make_runtime=Talkative)
    assert quiet.to_json() | {"seconds": 0} == talkative.to_json() | {"seconds": 0}
    assert quiet.routes > 500 and not quiet.truncated


LINE = 'start:\n  - "One {10 / humanity}."\n  - ending: good\n'
MENU = ('start:\n  - menu:\n      - text: "Share {10 / humanity} ways"\n        do: [ending: good]\n'
        '      - text: "Leave"\n        do: [ending: bad]\n')


@pytest.mark.parametrize("story", [LINE, MENU], ids=["a line", "an option"])
def test_a_quiet_runtime_still_renders_each_text_and_fails_where_it_would(story, tmp_path):
    from vn.runtime.runtime import StoryError
    program = program_of(write_game(tmp_path, story))
    for quiet in (False, True):
        rt = started(program, quiet, humanity=0)
        with pytest.raises(StoryError, match="division by zero"):
            rt.advance()
    shown, said = started(program, True).advance(), started(program, False).advance()
    if story is LINE:
        from vn.runtime.runtime import QUIET_LINE
        assert shown is QUIET_LINE and said.text == "One 2.0."
    else:
        assert [(c.index, c.id) for c in shown.options] == [(c.index, c.id) for c in said.options]
        rt = started(program, True)
        rt.advance()
        rt.choose(1)
        assert rt.state.route == [] and rt.advance().__class__ is ev.EndingReached


def started(program, quiet: bool, humanity: int = 5) -> Runtime:
    rt = Runtime(program)
    rt.state.variables["humanity"] = humanity
    rt.quiet = quiet
    return rt
