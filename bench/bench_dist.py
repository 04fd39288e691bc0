"""The standalone executable: its size on disk and its time to the first presented frame.

Uses dist/dead-mans-click from `make dist` (the Makefile's bench target builds it first)."""
from __future__ import annotations

import os
import statistics
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BUNDLE = REPO / "dist" / "dead-mans-click"
EXE = BUNDLE / "dead-mans-click"


def bundle_size_mb() -> float:
    total = sum(p.stat().st_size for p in BUNDLE.rglob("*") if p.is_file() and not p.is_symlink())
    return total / (1024 * 1024)


def first_frame(runs: int = 5) -> dict:
    from .bench_ui import time_to_first_frame
    env = dict(os.environ, VN_FIRST_FRAME_EXIT="1", SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    walls, _ = time_to_first_frame([str(EXE)], env, runs)  # the warm-up run fills the disk cache
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
