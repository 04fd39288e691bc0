"""Frame-time and memory benchmark of the painted backgrounds (update(1/60) + draw).

``measure(frames)`` returns ``{"bar": {"p50": ms, "p99": ms, ..., "images_mb": MB}, "bar/burning": ...}``
plus, under ``"memory"``, each scene's resident memory when built alone in a fresh
process (``memory()``); run as a script to print both tables.  Uses the dummy SDL
video driver (software).
"""
from __future__ import annotations

import gc
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import pygame  # noqa: E402

from bench.rounds import over_rounds, percentile  # noqa: E402

from vn.ui.scenes.registry import BACKGROUNDS, images_mb, make_scene, variants  # noqa: E402
from vn.ui.scenes.data import LOGICAL_SIZE  # noqa: E402

FIGURES = {"bar": ("willy", "silhouette"), "cemetery": ("buffy", "spirit")}
TARGET_P99_MS = 4.0
TARGET_SCENE_MB = 35.0      # what one live scene may add to the process


def cases(effects: bool = True) -> list[tuple[str, str | None, str | None]]:
    out = [(bg, var, None) for bg in BACKGROUNDS for var in variants(bg)]
    if effects:
        out += [(bg, variants(bg)[0], "gunfire") for bg in BACKGROUNDS]
    return out


def measure(rounds: int = 5, frames: int = 120, effects: bool = True,
            memory_too: bool = True) -> dict[str, dict[str, float]]:
    """p50 / p99 / max wall-clock frame time in ms for every background and
    variant, plus the p99 of the thread's CPU time, the time to build the scene
    and the megabytes of images it holds.

    The cases take turns over ``rounds`` rounds of ``frames`` frames (see
    ``rounds.py``); CPU p99 is a median over rounds too.  Figures are shown where the scene has
    them.  With ``effects`` an extra row per background measures frames during
    a gunfire effect (strobe and shake) fired every 90 frames.
    """
    pygame.init()
    screen = pygame.display.get_surface() or pygame.display.set_mode(LOGICAL_SIZE)
    dt = 1 / 60
    built = {}
    for bg, var, fx in cases(effects):
        t0 = time.perf_counter()
        scene = make_scene(bg, var)
        build_ms = (time.perf_counter() - t0) * 1000
        if bg in FIGURES and var != "empty":
            scene.show_figure(*FIGURES[bg])
        key = bg + (f"/{var}" if var else "") + (f" +{fx}" if fx else "")
        built[key] = {"scene": scene, "fx": fx, "build_ms": build_ms, "frame": 0, "runs": []}
    gc.collect()
    for _ in range(rounds):
        for case in built.values():
            scene, fx = case["scene"], case["fx"]
            for _ in range(10):         # back on the screen: its images back in the caches
                scene.update(dt)
                scene.draw(screen)
            times, cpu = [], []
            for _ in range(frames):
                if fx and case["frame"] % 90 == 0:
                    scene.trigger(fx)
                case["frame"] += 1
                t, c = time.perf_counter(), time.thread_time()
                scene.update(dt)
                scene.draw(screen)
                cpu.append((time.thread_time() - c) * 1000)
                times.append((time.perf_counter() - t) * 1000)
            case["runs"].append((times, cpu))
    results: dict[str, dict] = {}
    for key, case in built.items():
        runs = case["runs"]
        results[key] = {**over_rounds([times for times, _cpu in runs]),
                        "cpu_p99": statistics.median(percentile(cpu, 99) for _times, cpu in runs),
                        "build_ms": case["build_ms"], "images_mb": images_mb(case["scene"])}
    del built
    gc.collect()
    if memory_too:
        results["memory"] = memory()
    return results


_RSS_PROBE = """
import gc, json, os, sys
os.environ["SDL_VIDEODRIVER"] = "dummy"; os.environ["PYGAME_HIDE_SUPPORT_PROMPT"] = "1"
sys.path.insert(0, sys.argv[1])
def mb(field):
    return next(int(l.split()[1]) / 1024 for l in open("/proc/self/status") if l.startswith(field))
import pygame
pygame.display.init(); pygame.font.init(); screen = pygame.display.set_mode((1280, 720))
from vn.ui.scenes.registry import clear_caches, make_scene
base = mb("VmRSS")
scene = make_scene(sys.argv[2], sys.argv[3] or None)
scene.update(1 / 60); scene.draw(screen)
built, peak = mb("VmRSS"), mb("VmHWM")
del scene; gc.collect(); clear_caches()
print(json.dumps({"rss_mb": built - base, "peak_mb": peak - base, "after_drop_mb": mb("VmRSS") - base}))
"""


def memory() -> dict[str, dict[str, float]]:
    """Per scene, in a fresh process: the resident memory it adds once built
    (``rss_mb``), the most it added while being built (``peak_mb``) and what is
    left once it is dropped and ``clear_caches()`` ran (``after_drop_mb``).
    Linux only (reads /proc); empty elsewhere."""
    if not Path("/proc/self/status").exists():
        return {}
    out = {}
    for bg, var, _ in cases(effects=False):
        done = subprocess.run([sys.executable, "-c", _RSS_PROBE, str(REPO), bg, var or ""],
                              capture_output=True, text=True, timeout=300)
        if done.returncode == 0:
            out[bg + (f"/{var}" if var else "")] = json.loads(done.stdout.strip().splitlines()[-1])
    return out


def main() -> int:
    res = measure()
    mem = res.pop("memory", {})
    print(f"{'scene':26s} {'p50 ms':>7s} {'p99 ms':>7s} {'worst':>7s} {'max ms':>7s} {'cpu p99':>8s}"
          f" {'build ms':>9s} {'images MB':>10s}")
    worst = 0.0
    for key, r in res.items():
        worst = max(worst, r["p99"])
        print(f"{key:26s} {r['p50']:7.2f} {r['p99']:7.2f} {r['p99_worst_round']:7.2f} {r['max']:7.2f}"
              f" {r['cpu_p99']:8.2f} {r['build_ms']:9.0f} {r['images_mb']:10.1f}")
    print("  (p50, p99, cpu p99: medians over rounds in which the cases take turns; worst: the worst round's p99)")
    print(f"worst p99 {worst:.2f} ms (target <= {TARGET_P99_MS} ms): {'ok' if worst <= TARGET_P99_MS else 'OVER'}")
    if mem:
        print(f"\n{'scene (alone, fresh process)':26s} {'RSS +MB':>8s} {'peak +MB':>9s} {'dropped +MB':>12s}")
        for key, m in mem.items():
            print(f"{key:26s} {m['rss_mb']:8.1f} {m['peak_mb']:9.1f} {m['after_drop_mb']:12.1f}")
        most = max(m["rss_mb"] for m in mem.values())
        print(f"largest scene +{most:.1f} MB (target <= {TARGET_SCENE_MB:.0f} MB): "
              f"{'ok' if most <= TARGET_SCENE_MB else 'OVER'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
