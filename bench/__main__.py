"""`make bench`: run every benchmark, print one table with targets, write bench/results.json."""
from __future__ import annotations

import json
import platform
import subprocess
import sys
from pathlib import Path

# (module, key, label, unit, target, higher is better)
FIGURES = [
    ("bench_core", "check_lines_per_s", "vn check speed, first time (a process)", "lines/s", 100_000, True),
    ("bench_core", "check_no_routes_lines_per_s", "vn check --no-routes speed, first time", "lines/s", 100_000,
     True),
    ("bench_core", "check_unchanged_seconds", "vn check again, nothing changed", "s", 0.3, False),
    ("bench_core", "check_one_edit_seconds", "vn check again, a line of one file of 20 reworded", "s", 0.5, False),
    ("bench_core", "check_one_choice_added_seconds", "vn check again, a choice added to one file of 20", "s", 0.5,
     False),
    ("bench_core", "watch_one_edit_seconds", "vn check --watch, save to report: a line reworded", "s", 0.5, False),
    ("bench_core", "watch_one_choice_added_seconds", "vn check --watch, save to report: a choice added", "s", 0.5,
     False),
    ("bench_core", "runtime_events_per_s", "runtime events", "events/s", 100_000, True),
    ("bench_core", "routes_seconds", "vn routes on the game", "s", 1.0, False),
    ("bench_routes", "hub12_seconds", "vn routes: hub of 12 once-only options (4,096 states)", "s CPU", 1.0, False),
    ("bench_routes", "million_seconds", "vn routes: 1,048,575 states", "s CPU", 60.0, False),
    ("bench_routes", "million_peak_rss_mb", "vn routes: 1,048,575 states, peak memory", "MB", 300.0, False),
    ("bench_routes", "game_routes_seconds", "vn routes: our game", "s CPU", 0.03, False),
    ("bench_routes", "sample_defect_found", "vn routes --sample 2000: finds a 1-in-16 defect", "", 1, True),
    ("bench_scenes", "frame_p99_ms_max", "scene frame p99 (worst scene)", "ms", 4.0, False),
    ("bench_ui", "ui_frame_p99_ms_max", "frame p99 with dialogue box (worst)", "ms", 4.0, False),
    ("bench_ui", "first_frame_s", "start to first frame", "s", 0.4, False),
    ("bench_ui", "title_rss_mb", "memory at title screen (dummy driver)", "MB", 100.0, False),
    ("bench_window", "title_rss_mb", "memory at title, as a player runs it", "MB", 80.0, False),
    ("bench_window", "title_cpu_pct", "CPU idle at title, as a player runs it", "% core", 8.0, False),
    ("bench_window", "reading_cpu_pct", "CPU while a line is read, as played", "% core", 12.0, False),
    ("bench_audio", "first_frame_s", "start to first frame, with the mixer", "s", 0.15, False),
    ("bench_audio", "title_rss_mb", "memory at title, mixer open (dummy driver)", "MB", 80.0, False),
    ("bench_audio", "game_rss_mb", "memory in game, sound loaded (dummy driver)", "MB", 160.0, False),
    ("bench_audio", "underrun_zero_runs", "audio gaps across a scene change", "", 0, False),
    ("bench_audio", "device_write_gap_ms", "longest wait for a mixer buffer (46 ms each)", "ms", 116.0, False),
    ("bench_pictures", "preloaded_change_frames", "scene change to a preloaded picture", "frames", 1, False),
    ("bench_pictures", "unpreloaded_change_ms", "scene change to an unpreloaded 1920x1080 JPEG", "ms", 60.0, False),
    ("bench_pictures", "many_backgrounds_cache_mb", "60 backgrounds: picture cache peak", "MB", 256.0, False),
    ("bench_pictures", "many_backgrounds_rss_growth_mb", "60 backgrounds: resident memory growth", "MB", 256.0,
     False),
    ("bench_pictures", "many_backgrounds_ahead", "60 backgrounds: pictures decoded ahead", "", 12, False),
    ("bench_pictures", "layered_frame_p99_ms", "frame p99, 3 animated layers + 2 sprites", "ms", 4.0, False),
    ("bench_saves", "save_ms", "save (thumbnail included)", "ms", 20.0, False),
    ("bench_saves", "load_ms", "load", "ms", 20.0, False),
    ("bench_synth", "synth_seconds", "synthesise the whole soundscape (fresh child)", "s", 20.0, False),
    ("bench_dist", "exe_size_mb", "executable size (one folder)", "MB", 100.0, False),
    ("bench_dist", "exe_first_frame_s", "executable start to first frame", "s", 0.4, False),
]


def _worst_p99(figures: dict) -> dict:
    """bench_scenes reports each scene; the table shows the worst one."""
    p99s = [v["p99"] for v in figures.values() if isinstance(v, dict) and "p99" in v]
    return {"frame_p99_ms_max": max(p99s)} if p99s else {}


SUMMARIES = {"bench_scenes": _worst_p99}


_CHILD = """
import json, sys, time
from importlib import import_module
module = import_module("bench." + sys.argv[1])
started = time.perf_counter()
figures = module.measure()
figures["_seconds"] = time.perf_counter() - started
print("RESULT " + json.dumps(figures, default=str))
"""


_REFERENCE = """
import os, statistics, time
os.environ["SDL_VIDEODRIVER"] = "dummy"; os.environ["PYGAME_HIDE_SUPPORT_PROMPT"] = "1"
import pygame
pygame.display.init(); screen = pygame.display.set_mode((1280, 720))
images = [pygame.Surface((1280, 720)).convert() for _ in range(12)]   # more than the caches hold
blits = []
for n in range(240):
    t = time.perf_counter()
    screen.blit(images[n % 12], (0, 0), special_flags=pygame.BLEND_RGB_ADD)
    blits.append(time.perf_counter() - t)
loops = []
for _ in range(30):
    t = time.perf_counter()
    sum(i * i for i in range(20000))
    loops.append(time.perf_counter() - t)
print(statistics.median(blits) * 1000, statistics.median(loops) * 1000)
"""


def machine_reading() -> tuple[float, float] | None:
    """Fixed work timed in a fresh process: a full-screen additive blit from images the
    caches cannot hold, and a Python loop (ms, medians).  Not targets: a reading of how
    fast the machine is at the moment, so figures taken in a busy spell on a shared
    machine can be told from a slower game."""
    done = subprocess.run([sys.executable, "-c", _REFERENCE], capture_output=True, text=True, timeout=120)
    try:
        blit, loop = (float(v) for v in done.stdout.split())
        return blit, loop
    except ValueError:
        return None


def run_module(name: str) -> dict:
    """Run one benchmark in a fresh process: what an earlier one loaded (a 100,000-line
    game, painted scenes) must not weigh on the next one's frame times or memory."""
    root = Path(__file__).resolve().parent.parent
    try:
        done = subprocess.run([sys.executable, "-c", _CHILD, name], cwd=root, capture_output=True, text=True,
                              timeout=1800)
    except subprocess.TimeoutExpired:
        return {"_error": "timed out"}
    result = next((line[7:] for line in done.stdout.splitlines() if line.startswith("RESULT ")), None)
    if done.returncode != 0 or result is None:  # a broken benchmark must not hide the others' figures
        return {"_error": (done.stderr.strip().splitlines() or ["failed"])[-1]}
    figures = json.loads(result)
    figures.update(SUMMARIES.get(name, lambda f: {})(figures))
    return figures


def main() -> int:
    results: dict[str, dict] = {}
    reference = [machine_reading()]
    for module in dict.fromkeys(m for m, *_ in FIGURES):
        print(f"running {module} ...", file=sys.stderr, flush=True)
        results[module] = run_module(module)
    reference.append(machine_reading())
    rows, table = [], []
    for module, key, label, unit, target, higher in FIGURES:
        value = results[module].get(key)
        if value is None:
            verdict = "n/a"
            shown = "not run"
        else:
            verdict = "PASS" if (value >= target if higher else value <= target) else "MISS"
            shown = f"{value:,.3f}" if value < 100 else f"{value:,.0f}"
        target_text = ("≥ " if higher else "≤ ") + (f"{target:,}" if target >= 100 else f"{target}")
        table.append((label, shown, unit, target_text, verdict))
        rows.append({"figure": label, "key": key, "value": value, "unit": unit, "target": target,
                     "higher_is_better": higher, "verdict": verdict})
    width = max(len(r[0]) for r in table)
    print(f"{'figure':<{width}}  {'value':>14}  {'unit':<9} {'target':<12} result")
    for label, shown, unit, target_text, verdict in table:
        print(f"{label:<{width}}  {shown:>14}  {unit:<9} {target_text:<12} {verdict}")
    for module, figures in results.items():
        if "_error" in figures:
            print(f"  {module}: {figures['_error']}")
    window = results.get("bench_window", {})
    if "driver" in window:
        print(f"\n'as a player runs it': {window['driver']} video driver"
              + (f". {window['note']}." if "note" in window else " (a real window on Xvfb)")
              + (f" {window['reading_note']}." if "reading_note" in window else ""))
    if None not in reference:
        (blit0, loop0), (blit1, loop1) = reference
        print(f"\nmachine reading, not a target (before / after): full-screen blit from memory"
              f" {blit0:.3f} / {blit1:.3f} ms, Python loop {loop0:.2f} / {loop1:.2f} ms."
              f"\nCompare them between runs: the higher they are, the busier the machine, and every time"
              f" above is inflated with them.")
    out = {"machine": {"python": platform.python_version(), "platform": platform.platform(),
                       "reading_blit_ms_python_ms": reference},
           "figures": rows, "raw": results}
    path = Path(__file__).resolve().parent / "results.json"
    path.write_text(json.dumps(out, indent=2, default=str))
    print(f"\nwrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
