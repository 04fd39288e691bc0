"""Route exploration at scale, on generated stories (bench/routestories.py) and on our game:

- a hub of 12 once-only options taken in any order (4,096 merged states, 12! routes);
- a tree of 20 two-way choices (1,048,575 states), explored in a fresh process so that its
  peak resident memory is its own;
- our game;
- the sampler on an investigation whose accusation offers nothing in 1 playthrough of 16.

Times are the process's CPU time (`*_seconds`), with the wall-clock time beside them
(`*_wall_seconds`): the machine these run on is shared, and CPU time is what the work
costs whoever else is running.
"""
from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from vn.runtime.routes import explore_routes
from vn.runtime.sampling import sample_routes
from vn.script.program import load_program

from .routestories import hub_story, investigation_story, switches_story, write_story

ROOT = Path(__file__).resolve().parent.parent
MILLION_SWITCHES = 20       # 2**20 - 1 = 1,048,575 choice states


def _best(fn, repeat: int) -> tuple[float, float]:
    """The least CPU time and the least wall-clock time over `repeat` runs."""
    cpu, wall = [], []
    for _ in range(repeat):
        start, started = time.process_time(), time.perf_counter()
        fn()
        cpu.append(time.process_time() - start)
        wall.append(time.perf_counter() - started)
    return min(cpu), min(wall)


def _program(story):
    with tempfile.TemporaryDirectory() as tmp:
        return load_program(write_story(Path(tmp), story))


def hub(repeat: int = 3) -> dict:
    program = _program(hub_story(12))
    reports = []
    seconds, wall = _best(lambda: reports.append(explore_routes(program)), repeat)
    report = reports[0]
    assert not report.truncated and report.states == 4096, (report.states, report.truncated)
    return {"hub12_seconds": seconds, "hub12_wall_seconds": wall, "hub12_states": report.states,
            "hub12_routes": report.routes}


def million() -> dict:
    """Run in a child: a million states, its time and its peak resident memory."""
    done = subprocess.run([sys.executable, "-m", "bench.bench_routes", "million"], cwd=ROOT,
                          capture_output=True, text=True, timeout=1800)
    line = next((line for line in done.stdout.splitlines() if line.startswith("{")), None)
    if done.returncode != 0 or line is None:
        raise RuntimeError((done.stderr.strip().splitlines() or ["the million-state child failed"])[-1])
    return json.loads(line)


def _million_child() -> dict:
    program = _program(switches_story(MILLION_SWITCHES))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    start, started = time.process_time(), time.perf_counter()
    report = explore_routes(program, max_states=2_000_000, max_seconds=900)
    seconds, wall = time.process_time() - start, time.perf_counter() - started
    assert not report.truncated and report.routes == 2 ** MILLION_SWITCHES
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024       # KiB on Linux
    return {"million_states": report.states, "million_seconds": seconds, "million_wall_seconds": wall,
            "million_peak_rss_mb": peak, "million_rss_before_mb": before}


def game(repeat: int = 20) -> dict:
    program = load_program(ROOT / "scripts")
    reports = []
    seconds, wall = _best(lambda: reports.append(explore_routes(program)), repeat)
    return {"game_routes_seconds": seconds, "game_routes_wall_seconds": wall, "game_routes": reports[0].routes,
            "game_states": reports[0].states}


def sampling() -> dict:
    """How many playthroughs it takes the sampler to meet the 1-in-16 defect, and 2,000 of them timed."""
    program = _program(investigation_story(16, 4))
    start = time.process_time()
    report = sample_routes(program, 2_000, seed=0)
    seconds = time.process_time() - start
    first = next(n for n in range(1, 2_001) if sample_routes(program, n, seed=0).counts["out_of_choices"])
    return {"sample_2000_seconds": seconds, "sample_defect_rate": report.counts["out_of_choices"] / report.runs,
            "sample_runs_to_defect": first, "sample_defect_found": int(report.counts["out_of_choices"] > 0)}


def measure() -> dict:
    out = {}
    out.update(hub())
    out.update(game())
    out.update(sampling())
    out.update(million())
    return out


if __name__ == "__main__":
    if sys.argv[1:] == ["million"]:
        print(json.dumps(_million_child()))
    else:
        for key, value in measure().items():
            print(f"{key:24} {value:,.3f}" if isinstance(value, float) else f"{key:24} {value:,}")
