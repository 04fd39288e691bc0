"""The game as a player runs it: `vn play scripts` in a real X window.

The dummy video driver hides what a real window costs (how frames reach the
screen, the window system's buffers), so these figures come from a real one:
when `Xvfb` is installed this starts its own on a free display number, runs the
game there with SDL's x11 driver and reads the child's own memory and CPU time
from /proc. Without Xvfb it measures under the dummy driver and says so.

* `title_rss_mb`: resident memory at the title, its scene painted. Target <= 80 MB.
* `title_cpu_pct`: CPU (% of one core) idling at the title once it settles,
  over CPU_SECONDS. Target <= 8 %.
* `reading_cpu_pct`: CPU while a line is on screen, fully typed, and the player
  reads. The game is started as a player would, with keys sent by `xdotool`;
  without it (or without Xvfb) this figure is not taken. Target <= 12 %.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SCRIPTS = REPO / "scripts"
SETTLE_SECONDS = 8.0       # the title's scene painted and faded in
READ_SETTLE_SECONDS = 10.0  # the first line typed out, the scenes ahead painted
CPU_SECONDS = 6.0
SCREEN = "1280x800x24"


def _ticks(pid: int) -> float:
    """CPU seconds (user + system, every thread) the process has used."""
    with open(f"/proc/{pid}/stat") as fh:
        fields = fh.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def cpu_percent(pid: int, seconds: float = CPU_SECONDS) -> float:
    before, started = _ticks(pid), time.monotonic()
    time.sleep(seconds)
    return 100.0 * (_ticks(pid) - before) / (time.monotonic() - started)


@contextmanager
def virtual_screen():
    """An Xvfb of its own on a display number it picks (-displayfd); yields the DISPLAY value."""
    read_end, write_end = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write_end), "-screen", "0", SCREEN, "-nolisten", "tcp"],
                              pass_fds=(write_end,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_end)
    try:
        with os.fdopen(read_end) as fh:
            number = fh.readline().strip()
        if not number:
            raise RuntimeError("Xvfb did not start")
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=10)


@contextmanager
def game(env: dict):
    data = tempfile.mkdtemp(prefix="vn-bench-data-")
    child = subprocess.Popen([sys.executable, "-m", "vn", "play", str(SCRIPTS)], cwd=REPO,
                             env=dict(env, VN_DATA_DIR=data, SDL_AUDIODRIVER="dummy",
                                      PYGAME_HIDE_SUPPORT_PROMPT="1"),
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        yield child
    finally:
        child.terminate()
        try:
            child.wait(timeout=10)
        except subprocess.TimeoutExpired:
            child.kill()
        shutil.rmtree(data, ignore_errors=True)


def _keys(env: dict, *keys: str) -> None:
    """Press keys in the game's window, as a player would (the pointer rests over it, so it has focus)."""
    xdo = ["xdotool"]
    subprocess.run(xdo + ["mousemove", "640", "700"], env=env, check=True, timeout=10)
    for key in keys:
        subprocess.run(xdo + ["key", key], env=env, check=True, timeout=10)
        time.sleep(0.4)


def _screenshot(env: dict, name: str) -> str | None:
    if not shutil.which("import"):
        return None
    path = os.path.join(tempfile.gettempdir(), f"vn-bench-{name}.png")
    subprocess.run(["import", "-window", "root", path], env=env, timeout=20, capture_output=True)
    return path


def _session(env: dict, driver: str) -> dict:
    figures: dict = {"driver": driver}
    with game(env) as child:
        time.sleep(SETTLE_SECONDS)
        if child.poll() is not None:
            raise RuntimeError(f"the game stopped: {child.stderr.read()[-2000:]}")
        figures["title_rss_mb"] = rss_mb(child.pid)
        figures["title_cpu_pct"] = cpu_percent(child.pid)
        figures["title_threads"] = len(os.listdir(f"/proc/{child.pid}/task"))
        if driver == "x11":
            figures["title_screenshot"] = _screenshot(env, "title")
        if driver != "x11" or not shutil.which("xdotool"):
            figures["reading_note"] = "not taken: needs Xvfb and xdotool to play as a player does"
            return figures
        _keys(env, "Down", "Return", "Return")     # New game, then past the content note
        time.sleep(READ_SETTLE_SECONDS)
        figures["reading_cpu_pct"] = cpu_percent(child.pid)
        figures["reading_rss_mb"] = rss_mb(child.pid)
        figures["reading_screenshot"] = _screenshot(env, "reading")
    return figures


def measure() -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("SDL_VIDEODRIVER", "DISPLAY")}
    if shutil.which("Xvfb"):
        with virtual_screen() as display:
            return _session(dict(env, DISPLAY=display, SDL_VIDEODRIVER="x11"), "x11")
    figures = _session(dict(env, SDL_VIDEODRIVER="dummy"), "dummy")
    figures["note"] = "Xvfb is not installed: these figures come from SDL's dummy driver, not a real window"
    return figures


def main() -> int:
    figures = measure()
    print(f"driver: {figures['driver']}" + (f"  ({figures['note']})" if "note" in figures else ""))
    print(f"{'memory at the title':<34} {figures['title_rss_mb']:>7.1f} MB  target <= 80 MB")
    print(f"{'CPU idle at the title':<34} {figures['title_cpu_pct']:>7.1f} %   target <= 8 %")
    if "reading_cpu_pct" in figures:
        print(f"{'CPU while a line is read':<34} {figures['reading_cpu_pct']:>7.1f} %   target <= 12 %")
    else:
        print(f"CPU while a line is read: {figures['reading_note']}")
    for key in ("title_screenshot", "reading_screenshot"):
        if figures.get(key):
            print(f"{key}: {figures[key]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
