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


def check_speed(lines: int = 100_000, repeat: int = 3) -> dict:
    """`vn check` as shipped (load, validate, variable lint, route exploration) and with --no-routes."""
    from vn.cli import check_folder
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        total = write_long_game(folder, lines) + (folder / "game.yaml").read_text().count("\n")
        for key, explore in (("check", True), ("check_no_routes", False)):
            def run():
                result = check_folder(str(folder), explore=explore)
                assert not result.errors, result.errors[:3]
            seconds = _best(run, repeat)
            out.update({f"{key}_lines": total, f"{key}_seconds": seconds, f"{key}_lines_per_s": total / seconds})
        out.update(cached_check(folder))
    return out


def cached_check(folder: Path) -> dict:
    """`vn check` again on the same game through its result cache: unchanged, and after one
    file of the twenty has been edited."""
    import os
    from vn.cli import checked
    with tempfile.TemporaryDirectory() as cache:
        os.environ["VN_CACHE_DIR"] = cache
        try:
            checked(str(folder))
            unchanged = _best(lambda: checked(str(folder)), 5)
            story = sorted(folder.glob("story_*.yaml"))[0]
            original = story.read_text(encoding="utf-8")

            def edit_one():
                story.write_text(original + f"\n# edited {time.perf_counter()}\n", encoding="utf-8")
                checked(str(folder))
            edited = _best(edit_one, 2)
        finally:
            del os.environ["VN_CACHE_DIR"]
    return {"check_unchanged_seconds": unchanged, "check_one_edit_seconds": edited}


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
