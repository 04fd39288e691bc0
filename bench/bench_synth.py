"""Benchmark of the sounds made in code: rendering the whole soundscape as the game does,
in a fresh child process (`python -m vn.ui.audio.synth.render DIR`), numpy's import
included.

* `synth_seconds`: wall time from starting the child to every WAV written. Target <= 20 s.
* `synth_child_peak_mb`: the child's peak resident memory (the game's own process never
  imports numpy).
* `synth_cache_mb`: the rendered WAVs on disk (what the cache folder holds).

`measure()` returns the figures; run this file for a table of its own.
"""
from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TARGET_S = 20.0


def measure() -> dict:
    with tempfile.TemporaryDirectory(prefix="vn-bench-synth-") as out:
        env = dict(os.environ, PYGAME_HIDE_SUPPORT_PROMPT="1")
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "vn.ui.audio.synth.render", out, "--all"], cwd=REPO,
                              env=env, capture_output=True, text=True, timeout=600)
        seconds = time.perf_counter() - started
        if done.returncode != 0:
            raise RuntimeError(done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "render failed")
        files = list(Path(out).glob("*.wav"))
        size = sum(p.stat().st_size for p in files)
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss      # KB on Linux
    return {"synth_seconds": seconds, "synth_sounds": len(files), "synth_child_peak_mb": peak_kb / 1024,
            "synth_cache_mb": size / 1e6}


if __name__ == "__main__":
    figures = measure()
    for key, value in figures.items():
        print(f"{key:<22} {value:10.2f}")
    print(f"target: synth_seconds <= {TARGET_S}")
