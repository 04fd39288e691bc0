"""On Linux with two cores, the random playthroughs of `vn check` are played by a forked copy
while this process explores: its report comes back whole, a finished exploration stops it,
and a copy that fails leaves the sample to this process."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench.generate import write_long_game
from bench.routestories import hub_story, investigation_story, write_story
from vn.runtime.routekey import StateKeys
from vn.runtime.sampling import report_from_dict, report_to_dict, sample_routes
from vn.script.program import load_program

ROOT = Path(__file__).resolve().parent.parent

# a fresh interpreter (no pygame, one thread): explore with a sample beside, say what came back
PROBE = """
import json, os, sys, time
from vn.runtime.lint import explored
from vn.runtime.sampling import report_to_dict
from vn.script.program import load_program
import vn.sampler_process as beside
if sys.argv[3] == "broken":         # the copy fails as it hands its report back
    beside.report_to_dict = lambda report: 1 / 0
came_back = []
def received(program, data, unwrapped=beside.report_from_dict):
    came_back.append(unwrapped(program, data))
    return came_back[-1]
beside.report_from_dict = received
handles = []
def start(*args):
    handles.append(beside.start(*args))
    return handles[-1]
program = load_program(sys.argv[1])
states, sample_seconds = (int(sys.argv[4]), float(sys.argv[5])) if len(sys.argv) > 4 else (200_000, 0.25)
began = time.monotonic()
report, sample = explored(program, states, float(sys.argv[2]), sample_seconds, beside=start)
took = time.monotonic() - began
try:
    os.waitpid(-1, os.WNOHANG)
    children_left = True
except ChildProcessError:
    children_left = False
print(json.dumps({"forked": handles[0] is not None, "truncated": report.truncated, "children_left": children_left,
                  "from_copy": bool(came_back) and came_back[0] is sample, "seconds": took,
                  "sample": None if sample is None else report_to_dict(sample)}))
"""


def probe(folder: Path, seconds: float, mode: str = "", *limits) -> dict:
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-c", PROBE, str(folder), str(seconds), mode, *map(str, limits)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_sample_report_comes_back_from_its_json_as_it_was(tmp_path):
    program = load_program(write_story(tmp_path / "inv", investigation_story()))
    sample = sample_routes(program, 300, 7, keys=StateKeys(program))
    assert sample.out_of_choices and sample.errors
    back = report_from_dict(program, json.loads(json.dumps(report_to_dict(sample))))
    assert back.to_json() == sample.to_json() and back.draws == sample.draws
    assert [(str(e.pos), e.message) for e in back.errors] == [(str(e.pos), e.message) for e in sample.errors]
    assert (back.coverage.covered, back.coverage.menus, back.coverage.offered, back.coverage.labels) == \
        (sample.coverage.covered, sample.coverage.menus, sample.coverage.offered, sample.coverage.labels)
    for damaged in ({}, {**report_to_dict(sample), "coverage": {"covered": {"no such label": [1]}}}):
        with pytest.raises((KeyError, TypeError, ValueError)):
            report_from_dict(program, damaged)


linux_two_cores = pytest.mark.skipif(not sys.platform.startswith("linux") or len(os.sched_getaffinity(0)) < 2,
                                     reason="the copy is forked on Linux with two cores only")


@linux_two_cores
def test_the_copy_samples_while_this_process_explores_and_finds_the_defect(tmp_path):
    folder = write_story(tmp_path / "inv", investigation_story())
    found = probe(folder, 0.3)
    assert found["forked"] and found["truncated"] and found["from_copy"] and not found["children_left"]
    sample = found["sample"]
    assert sample["runs"] >= 100 and sample["out_of_choices"]
    # the copy's playthroughs are the ones this process would have played: the same seeds, the same routes
    program = load_program(folder)
    here = sample_routes(program, sample["runs"], 0, 60.0, keys=StateKeys(program))
    assert report_to_dict(here)["out_of_choices"] == sample["out_of_choices"]
    assert dict(here.endings) == sample["endings"]


@linux_two_cores
def test_a_finished_exploration_stops_the_copy(tmp_path):
    found = probe(write_story(tmp_path / "hub", hub_story(6)), 5.0)
    assert found["forked"] and not found["truncated"] and found["sample"] is None and not found["from_copy"]
    assert not found["children_left"]


@linux_two_cores
def test_a_copy_that_fails_leaves_the_sample_to_this_process(tmp_path):
    found = probe(write_story(tmp_path / "inv", investigation_story()), 0.3, "broken")
    assert found["forked"] and found["truncated"] and not found["from_copy"] and not found["children_left"]
    assert found["sample"]["runs"] >= 100 and found["sample"]["out_of_choices"]


@linux_two_cores
def test_an_exploration_stopped_by_its_states_waits_for_the_sample_s_own_time_only(tmp_path):
    # 60 s of exploring allowed, but 50 states: it stops at once, and the copy, which may sample
    # for as long as the exploration might have taken, is told to finish after 0.3 s
    # (a long story: its 2,000 playthroughs would take half a minute)
    folder = tmp_path / "long"
    write_long_game(folder, 20_000)
    found = probe(folder, 60.0, "", 50, 0.3)
    assert found["forked"] and found["truncated"] and found["from_copy"] and not found["children_left"]
    assert 1 <= found["sample"]["runs"] < 2_000 and found["sample"]["endings"]
    assert found["seconds"] < 10.0
