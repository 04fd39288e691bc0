"""Benchmarks of saving and loading from the game window, headless (SDL dummy driver).

* `save_ms`: one save as the player makes it (F5 or a slot): the scene and its line
  drawn, scaled to 320x180 and PNG-encoded, the JSON document built and written
  atomically (temporary file, fsync, rename, fsync of the folder). Median of 30.
  Target <= 20 ms.
* `load_ms`: reading that save back, validating it and resuming a Runtime from it.
  Median of 30. Target <= 20 ms.

Saves go to a temporary folder. `measure()` returns the figures; run this file for a
table of its own.
"""
from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

SCRIPTS = REPO / "scripts"
RUNS = 30
SAVE_TARGET_MS = 20.0
LOAD_TARGET_MS = 20.0
LINES_IN = 40           # how far into the story the save is made (past the first choice)


def measure(runs: int = RUNS) -> dict:
    from vn.save.datadir import ENV
    with tempfile.TemporaryDirectory(prefix="vn-bench-saves-") as folder:
        kept = os.environ.get(ENV)
        os.environ[ENV] = folder
        try:
            return _measure(runs)
        finally:
            if kept is None:
                os.environ.pop(ENV, None)
            else:
                os.environ[ENV] = kept


def _measure(runs: int) -> dict:
    from vn.save.resume import resume
    from vn.ui.screens import game as g
    from vn.ui.app import App
    from vn.ui.play.saving import save_state, write_save
    app = App(SCRIPTS, paint_in_background=False)
    try:
        if not app.load():
            return {"_error": "the scripts did not load"}
        app.new_game()
        game = app.top
        lines = 0
        for _ in range(5000):
            if game.waiting == g.CHOOSING:
                game.choose(0)
            elif game.waiting == g.READING:
                lines += 1
                if lines >= LINES_IN:
                    break
                game.dialogue.complete_now()
                game.proceed()
            else:
                game.proceed()
            app.run_frames(1)
        app.run_frames(30)                      # the box faded in, the line typed out
        save_times, load_times = [], []
        for _ in range(runs):
            started = time.perf_counter()
            info = write_save(game, "1")
            save_times.append((time.perf_counter() - started) * 1000)
            assert info is not None and info.ok
        size = app.saves.path("1").stat().st_size
        for _ in range(runs):
            started = time.perf_counter()
            runtime, _ = resume(app.program, app.saves, "1")
            load_times.append((time.perf_counter() - started) * 1000)
        assert runtime.state.to_dict() == save_state(game)[0].to_dict()
        return {"save_ms": statistics.median(save_times), "save_ms_max": max(save_times),
                "load_ms": statistics.median(load_times), "load_ms_max": max(load_times),
                "save_file_kb": size / 1024, "runs": runs}
    finally:
        app.close()


def main() -> int:
    figures = measure()
    if "_error" in figures:
        print(figures["_error"])
        return 1
    rows = [("save (thumbnail + encode + atomic write), median", figures["save_ms"], SAVE_TARGET_MS),
            ("load (read + validate + resume), median", figures["load_ms"], LOAD_TARGET_MS)]
    for label, value, target in rows:
        verdict = "PASS" if value <= target else "MISS"
        print(f"{label:<52} {value:7.2f} ms   target <= {target:.0f} ms   {verdict}")
    print(f"{'worst save / worst load':<52} {figures['save_ms_max']:7.2f} / {figures['load_ms_max']:.2f} ms")
    print(f"{'save file size':<52} {figures['save_file_kb']:7.1f} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
