"""Script check speed, runtime events per second, and exhaustive route exploration time."""
from __future__ import annotations

import tempfile
import time
from pathlib import Path

from vn.runtime import events as ev
from vn.runtime.routes import explore_routes
from vn.runtime.runtime import Runtime
from vn.script.loader import load_game
from vn.script.program import compile_game, load_program

from .generate import write_long_game

ROOT = Path(__file__).resolve().parent.parent


def _best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def _vn_check(folder: Path, cache: str, *options: str) -> float:
    """Seconds of `vn check` as a writer runs it: a fresh process, start-up included."""
    import os
    import subprocess
    import sys
    env = dict(os.environ, VN_CACHE_DIR=cache, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "vn", "check", str(folder), *options], cwd=ROOT, env=env,
                          capture_output=True, text=True)
    seconds = time.perf_counter() - start
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    return seconds


def check_speed(lines: int = 100_000, repeat: int = 3) -> dict:
    """`vn check` (load, validate, variable lint, route exploration, text warnings), and with
    --no-routes, each the first time (an empty cache); then again through the cache."""
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "story"
        folder.mkdir()
        total = write_long_game(folder, lines) + (folder / "game.yaml").read_text().count("\n")
        for key, options in (("check", ()), ("check_no_routes", ("--no-routes",))):
            times = []
            for n in range(repeat):
                times.append(_vn_check(folder, f"{tmp}/cache-{key}-{n}", *options))
            seconds = min(times)
            out.update({f"{key}_lines": total, f"{key}_seconds": seconds, f"{key}_lines_per_s": total / seconds})
        out.update(cached_check(folder, f"{tmp}/cache-check-0"))
        out.update(watched_check(folder, f"{tmp}/cache-watch"))
    return out


def watched_check(folder: Path, cache: str) -> dict:
    """`vn check --watch --json` on the same game: seconds from a save to the new report (the
    watcher's notice included), after a line is reworded, and after a choice is added."""
    import os
    import queue
    import subprocess
    import sys
    import threading
    env = dict(os.environ, VN_CACHE_DIR=cache, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    watching = subprocess.Popen([sys.executable, "-m", "vn", "check", "--watch", "--json", str(folder)], cwd=ROOT,
                                env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in watching.stdout], daemon=True).start()
    story = sorted(folder.glob("story_*.yaml"))[3]
    original = story.read_text(encoding="utf-8")

    def saved(text: str) -> float:
        time.sleep(0.5)                 # the watcher armed again after the last report
        start = time.perf_counter()
        story.write_text(text, encoding="utf-8")
        lines.get(timeout=120)
        return time.perf_counter() - start
    try:
        lines.get(timeout=300)          # the first check
        reworded = min(saved(_reworded(original, n)) for n in range(3))
        added = min(saved(_choices_added(original, n + 1)) for n in range(2))
    finally:
        watching.kill()
        watching.wait()
        story.write_text(original, encoding="utf-8")
    return {"watch_one_edit_seconds": reworded, "watch_one_choice_added_seconds": added}


def _reworded(text: str, n: int) -> str:
    """A file of the long game with the words of its first line changed (the n-th way)."""
    return text.replace("steady and grey", f"steady and grey ({n})", 1)


def _choices_added(text: str, count: int) -> str:
    """A file of the long game with `count` options added to its first menu: one, then two,
    makes each a story of another shape, as a new choice does."""
    added = "".join(f"      - text: \"Wait ({k})\"\n" for k in range(count))
    return text.replace("      - text: \"Take the lighter\"\n", added + "      - text: \"Take the lighter\"\n", 1)


def cached_check(folder: Path, cache: str) -> dict:
    """`vn check` again on the same game, its cache filled: unchanged; after a line of one
    file of the twenty is reworded; after a choice is added to one."""
    story = sorted(folder.glob("story_*.yaml"))[3]
    original = story.read_text(encoding="utf-8")
    unchanged = min(_vn_check(folder, cache) for _ in range(3))
    reworded = []
    for n in range(3):
        story.write_text(_reworded(original, n), encoding="utf-8")
        reworded.append(_vn_check(folder, cache))
    added = []
    for n in range(2):
        story.write_text(_choices_added(original, n + 1), encoding="utf-8")
        added.append(_vn_check(folder, cache))
    story.write_text(original, encoding="utf-8")
    return {"check_unchanged_seconds": unchanged, "check_one_edit_seconds": min(reworded),
            "check_one_choice_added_seconds": min(added)}


def runtime_speed(lines: int = 100_000, repeat: int = 3) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_long_game(folder, lines)
        program = compile_game(load_game(folder).game)
    counts = []

    def run():
        rt = Runtime(program)
        n = 0
        while True:
            e = rt.advance()
            n += 1
            if e.__class__ is ev.Choices:
                rt.choose(n % len(e.options))
                n += 1
            elif e.__class__ is ev.End:
                counts.append(n)
                return
    seconds = _best(run, repeat)
    return {"runtime_events": counts[0], "runtime_seconds": seconds, "runtime_events_per_s": counts[0] / seconds}


def routes_time(repeat: int = 5) -> dict:
    program = load_program(ROOT / "scripts")
    reports = []
    seconds = _best(lambda: reports.append(explore_routes(program)), repeat)
    return {"routes_seconds": seconds, "routes_count": reports[0].routes}


def measure() -> dict:
    out = {}
    out.update(check_speed())
    out.update(runtime_speed())
    out.update(routes_time())
    return out


if __name__ == "__main__":
    for key, value in measure().items():
        print(f"{key:24} {value:,.3f}" if isinstance(value, float) else f"{key:24} {value:,}")
