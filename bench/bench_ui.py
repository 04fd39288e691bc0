"""Benchmarks of the game window, headless (SDL dummy driver).

* `frame_times()`: the whole frame (events, pygame_gui, scene, dialogue box,
  present) per scene and variant at 1280x720, with a line in the box;
  p50 / p99 in ms. Target p99 <= 4 ms.  Measured in rounds (see
  `rounds.py`); the worst round's p99 is reported too.
* `first_frame()`: wall time from spawning `python -m vn play scripts` to its
  first presented frame, measured in this process around the child. Target
  <= 0.4 s.
* `title_memory()`: resident memory (VmRSS) of a process showing the title
  screen once its scene is painted. Target <= 100 MB.

`measure()` returns the figures `python -m bench` tabulates; run this file
directly for a table of its own.
"""
from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.rounds import over_rounds  # noqa: E402

SCRIPTS = REPO / "scripts"
DT = 1 / 60
FRAME_TARGET_MS = 4.0
FIRST_FRAME_TARGET_S = 0.4
RSS_TARGET_MB = 100.0

# (background, variant, figure shown) — every scene the game paints, as the story stages it
STAGES = [
    ("bar", None, ("willy", "silhouette")),
    ("bar", "burning", None),
    ("street", "burning", None),
    ("street", "dark", None),
    ("cemetery", None, ("buffy", "spirit")),
    ("cemetery", "empty", None),
]
SAMPLE_LINE = ("Muzzle light chops the room into snapshots. A table going over. An open mouth. "
               "A hand held up against it, like a hand could help.")


def frame_times(rounds: int = 5, frames: int = 120, warmup: int = 20) -> dict[str, dict[str, float]]:
    """Per stage: p50 / p99 (medians over rounds), the worst round's p99 and the
    slowest frame, in ms, the story paused on a finished line."""
    from vn.runtime.events import Line
    from vn.ui.screens import game as g
    from vn.ui.app import App
    app = App(SCRIPTS, paint_in_background=False)
    results: dict[str, dict[str, float]] = {}
    try:
        if not app.load():
            return {"_error": {"message": "the scripts did not load"}}
        app.new_game()
        game = app.top
        game.transition.finish()
        game.dialogue.show_line(Line("bench", "xander", "Xander", SAMPLE_LINE))
        game.dialogue.complete_now()
        game.waiting = g.READING
        scenes = {}
        for background, variant, figure in STAGES:
            name = background + (f"/{variant}" if variant else "")
            try:
                scenes[name] = app.scenes.take((background, variant))
            except (KeyError, ValueError) as exc:
                results[name] = {"error": f"not painted: {exc}"}
                continue
            if figure is not None:
                scenes[name].show_figure(figure[0], figure[1], at="center")
        per_round: dict[str, list[list[float]]] = {name: [] for name in scenes}
        for _ in range(rounds):
            for name, scene in scenes.items():
                game.scene = scene
                app.run_frames(warmup, DT)
                times = []
                for _ in range(frames):
                    started = time.perf_counter()
                    app.step(DT)
                    times.append((time.perf_counter() - started) * 1000)
                per_round[name].append(times)
        for name, runs in per_round.items():
            results[name] = over_rounds(runs)
    finally:
        app.close()
    return results


def first_frame(runs: int = 5) -> dict[str, float]:
    """Seconds from spawning the game to its first presented frame (median and best of `runs`).

    Measured as a player starts the game: with compiled bytecode cached (an
    installed or frozen game always has it), so the child may write its cache
    (to a scratch folder) and one unmeasured run fills it first."""
    env = dict(os.environ, VN_FIRST_FRAME_EXIT="1", SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy",
               PYTHONPYCACHEPREFIX=tempfile.mkdtemp(prefix="vn-bench-pycache-"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    walls, inside = time_to_first_frame([sys.executable, "-m", "vn", "play", str(SCRIPTS)], env, runs)
    return {"median_s": statistics.median(walls), "best_s": min(walls),
            "child_reported_median_s": statistics.median(inside)}


def time_to_first_frame(command: list[str], env: dict, runs: int) -> tuple[list[float], list[float]]:
    """Start `command` runs + 1 times (env has VN_FIRST_FRAME_EXIT=1); the first run only warms
    caches. Returns the wall times to the child's "first-frame" line, and what the child reported."""
    walls, inside = [], []
    for run in range(runs + 1):
        started = time.perf_counter()
        child = subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                 text=True)
        line = ""
        for line in child.stdout:
            if line.startswith("first-frame"):
                break
        wall = time.perf_counter() - started
        child.wait(timeout=60)
        if not line.startswith("first-frame"):
            raise RuntimeError(f"the game never reported a first frame: {child.stderr.read()[-2000:]}")
        if run:
            walls.append(wall)
            inside.append(float(line.split()[1]))
    return walls, inside


_RSS_PROBE = """
import os, sys, time
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
from vn.ui.app import App
app = App(sys.argv[1])
app.load()
title = app.top
deadline = time.monotonic() + 30
while not title.scene_ready and time.monotonic() < deadline and title.scene_key is not None:
    app.run_frames(1)
    time.sleep(0.005)
app.run_frames(30)
status = open("/proc/self/status").read()
rss_kb = int(status.split("VmRSS:")[1].split()[0])
print(rss_kb / 1024, title.scene_ready)
app.close(wait_for_painter=False)
"""


def title_memory() -> dict[str, float]:
    """Resident memory in MB of a process sitting at the title screen, its scene painted."""
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    done = subprocess.run([sys.executable, "-c", _RSS_PROBE, str(SCRIPTS)], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-2000:])
    rss, painted = done.stdout.split()[-2:]
    return {"rss_mb": float(rss), "scene_painted": painted == "True"}


def measure() -> dict:
    frames = frame_times()
    p99s = [f["p99"] for f in frames.values() if "p99" in f]
    start = first_frame()
    memory = title_memory()
    return {
        "ui_frame_p99_ms_max": max(p99s) if p99s else None,
        "first_frame_s": start["median_s"],
        "title_rss_mb": memory["rss_mb"],
        "frames": frames,
        "first_frame": start,
        "title_memory": memory,
    }


def main() -> int:
    figures = measure()
    print(f"{'scene (1280x720, dialogue box up)':<36} {'p50 ms':>8} {'p99 ms':>8} {'worst':>8} {'max ms':>8}")
    for name, f in figures["frames"].items():
        if "p99" in f:
            verdict = "ok" if f["p99"] <= FRAME_TARGET_MS else "over"
            print(f"{name:<36} {f['p50']:>8.2f} {f['p99']:>8.2f} {f['p99_worst_round']:>8.2f}"
                  f" {f['max']:>8.2f}  {verdict}")
        else:
            print(f"{name:<36} {'-':>8} {'-':>8} {'-':>8} {'-':>8}  {f.get('error', '')}")
    print("  (p50 and p99: medians over rounds in which the stages take turns; worst: the worst round's p99)")
    start, memory = figures["first_frame"], figures["title_memory"]
    print(f"\n{'start to first frame (median)':<36} {start['median_s']:>8.3f} s   target <= {FIRST_FRAME_TARGET_S} s")
    print(f"{'  best / as the child saw it':<36} {start['best_s']:>8.3f} s / {start['child_reported_median_s']:.3f} s")
    print(f"{'memory at the title screen':<36} {memory['rss_mb']:>8.1f} MB  target <= {RSS_TARGET_MB:.0f} MB"
          + ("" if memory["scene_painted"] else "  (title scene not painted)"))
    if "--json" in sys.argv:
        print(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
