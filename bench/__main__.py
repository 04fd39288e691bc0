"""`make bench`: run every benchmark, print one table with targets, write bench/results.json."""
from __future__ import annotations

import subprocess
import json
import platform
import sys
import time
from pathlib import Path

# (module, key, label, unit, target, higher is better)
FIGURES = [
    ("bench_core", "check_lines_per_s", "vn check speed", "lines/s", 100_000, True),
    ("bench_core", "check_no_routes_lines_per_s", "vn check --no-routes speed", "lines/s", 100_000, True),
    ("bench_core", "runtime_events_per_s", "runtime events", "events/s", 100_000, True),
    ("bench_core", "routes_seconds", "vn routes on the game", "s", 1.0, False),
    ("bench_scenes", "frame_p99_ms_max", "scene frame p99 (worst scene)", "ms", 4.0, False),
    ("bench_ui", "ui_frame_p99_ms_max", "frame p99 with dialogue box (worst)", "ms", 4.0, False),
    ("bench_ui", "first_frame_s", "start to first frame", "s", 0.4, False),
    ("bench_ui", "title_rss_mb", "memory at title screen", "MB", 100.0, False),
    ("bench_saves", "save_ms", "save (thumbnail included)", "ms", 20.0, False),
    ("bench_saves", "load_ms", "load", "ms", 20.0, False),
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
    for module in dict.fromkeys(m for m, *_ in FIGURES):
        print(f"running {module} ...", file=sys.stderr, flush=True)
        results[module] = run_module(module)
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
    out = {"machine": {"python": platform.python_version(), "platform": platform.platform()},
           "figures": rows, "raw": results}
    path = Path(__file__).resolve().parent / "results.json"
    path.write_text(json.dumps(out, indent=2, default=str))
    print(f"\nwrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
