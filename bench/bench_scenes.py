"""Frame-time benchmark of the painted backgrounds (update(1/60) + draw).

``measure(frames)`` returns ``{"bar": {"p50": ms, "p99": ms, ...}, "bar/burning": ...}``;
run as a script to print a table.  Uses the dummy SDL video driver (software).
"""
from __future__ import annotations

import gc
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pygame  # noqa: E402

from vn.ui.scenes import BACKGROUNDS, make_scene, variants  # noqa: E402
from vn.ui.scenes.data import LOGICAL_SIZE  # noqa: E402

FIGURES = {"bar": ("willy", "silhouette"), "cemetery": ("buffy", "spirit")}
TARGET_P99_MS = 4.0


def _pct(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(round(q / 100 * (len(s) - 1))))]


def measure(frames: int = 600, effects: bool = True) -> dict[str, dict[str, float]]:
    """p50 / p99 / max wall-clock frame time in ms for every background and
    variant, plus the p99 of the thread's CPU time (robust when other processes
    share the machine) and the time to build the scene.

    Figures are shown where the scene has them.  With ``effects`` an extra row
    per background measures frames during a gunfire effect (strobe and shake).
    """
    pygame.init()
    screen = pygame.display.get_surface() or pygame.display.set_mode(LOGICAL_SIZE)
    dt = 1 / 60
    results: dict[str, dict[str, float]] = {}
    cases = [(bg, var, None) for bg in BACKGROUNDS for var in variants(bg)]
    if effects:
        cases += [(bg, variants(bg)[0], "gunfire") for bg in BACKGROUNDS]
    for bg, var, fx in cases:
        t0 = time.perf_counter()
        scene = make_scene(bg, var)
        build_ms = (time.perf_counter() - t0) * 1000
        if bg in FIGURES and var != "empty":
            scene.show_figure(*FIGURES[bg])
        for _ in range(30):
            scene.update(dt)
            scene.draw(screen)
        gc.collect()
        times, cpu = [], []
        for i in range(frames):
            if fx and i % 90 == 0:
                scene.trigger(fx)
            t, c = time.perf_counter(), time.thread_time()
            scene.update(dt)
            scene.draw(screen)
            cpu.append((time.thread_time() - c) * 1000)
            times.append((time.perf_counter() - t) * 1000)
        key = bg + (f"/{var}" if var else "") + (f" +{fx}" if fx else "")
        results[key] = {"p50": _pct(times, 50), "p99": _pct(times, 99), "max": max(times),
                        "cpu_p99": _pct(cpu, 99), "build_ms": build_ms}
    return results


def main() -> int:
    res = measure()
    print(f"{'scene':26s} {'p50 ms':>7s} {'p99 ms':>7s} {'max ms':>7s} {'cpu p99':>8s} {'build ms':>9s}")
    worst = 0.0
    for key, r in res.items():
        worst = max(worst, r["p99"])
        print(f"{key:26s} {r['p50']:7.2f} {r['p99']:7.2f} {r['max']:7.2f} {r['cpu_p99']:8.2f}"
              f" {r['build_ms']:9.0f}")
    print(f"worst p99 {worst:.2f} ms (target <= {TARGET_P99_MS} ms): {'ok' if worst <= TARGET_P99_MS else 'OVER'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
