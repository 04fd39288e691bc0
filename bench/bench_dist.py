"""The standalone executable: its size on disk and its time to the first presented frame.

Uses dist/dead-mans-click from `make dist` (the Makefile's bench target builds it first)."""
from __future__ import annotations

import os
import statistics
import subprocess
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BUNDLE = REPO / "dist" / "dead-mans-click"
EXE = BUNDLE / "dead-mans-click"


def bundle_size_mb() -> float:
    total = sum(p.stat().st_size for p in BUNDLE.rglob("*") if p.is_file() and not p.is_symlink())
    return total / (1024 * 1024)


def first_frame(runs: int = 5) -> dict:
    env = dict(os.environ, VN_FIRST_FRAME_EXIT="1", SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    walls = []
    for run in range(runs + 1):
        started = time.perf_counter()
        child = subprocess.Popen([str(EXE)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = ""
        for line in child.stdout:
            if line.startswith("first-frame"):
                break
        wall = time.perf_counter() - started
        child.wait(timeout=60)
        if not line.startswith("first-frame"):
            raise RuntimeError(f"the executable never reported a first frame: {child.stderr.read()[-2000:]}")
        if run:  # run 0 warms the disk cache, as any second start would find it
            walls.append(wall)
    return {"median_s": statistics.median(walls), "best_s": min(walls)}


def measure() -> dict:
    if not EXE.is_file():
        raise RuntimeError("no executable: run 'make dist' first")
    start = first_frame()
    return {"exe_size_mb": bundle_size_mb(), "exe_first_frame_s": start["median_s"], "exe_first_frame": start}


if __name__ == "__main__":
    figures = measure()
    print(f"executable size          {figures['exe_size_mb']:8.1f} MB")
    print(f"executable first frame   {figures['exe_first_frame_s']:8.3f} s")
