"""Open the game window: `vn play DIR` calls run_window(DIR)."""
from __future__ import annotations

import os
import sys
import time

# Set VN_FIRST_FRAME_EXIT=1 to leave right after the first frame is presented,
# printing how long the process took to get there; the start-up benchmark uses it.
FIRST_FRAME_EXIT_ENV = "VN_FIRST_FRAME_EXIT"


def run_window(directory, *, window_size=None, dev: bool = False) -> int:
    """Play the game in a window; returns the process exit code. Script errors,
    at load or while playing, are shown in the window rather than raised."""
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    from .ui.app import App

    first_frame_exit = os.environ.get(FIRST_FRAME_EXIT_ENV) == "1"
    app = App(directory, window_size=window_size, dev=dev)
    try:
        app.load()

        def report_first_frame():
            elapsed = time.perf_counter() - _process_start()
            print(f"first-frame {elapsed:.4f} screen={type(app.top).__name__}", flush=True)
            return False

        return app.run(on_first_frame=report_first_frame if first_frame_exit else None)
    finally:
        app.close(wait_for_painter=False)


def _process_start() -> float:
    """When this process started, on the perf_counter clock (Linux: from /proc; else: the import of this module)."""
    try:
        with open("/proc/self/stat") as fh:
            start_ticks = int(fh.read().rsplit(")", 1)[1].split()[19])
        with open("/proc/uptime") as fh:
            uptime = float(fh.read().split()[0])
        age = uptime - start_ticks / os.sysconf("SC_CLK_TCK")
        return time.perf_counter() - age
    except (OSError, ValueError, IndexError):
        return _IMPORTED_AT


_IMPORTED_AT = time.perf_counter()

if __name__ == "__main__":
    sys.exit(run_window(sys.argv[1] if len(sys.argv) > 1 else "scripts"))
