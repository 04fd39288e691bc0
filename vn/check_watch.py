"""`vn check --watch`: a checker that stays running, and checks the story again at each save.

Between checks it keeps every file's checked form and built labels in memory, and each
label's compiled code (incremental_check.CheckMemo), so a check after an edit builds only
the files that changed, and compiles only their labels; what cannot change between two
checks (the engine's digest) is worked out once. Each check prints what `vn check` prints,
between a line "[hh:mm:ss] checking DIR" and a line with the time it took (an editor's
background task, such as the VS Code task in docs/writers-guide.md, follows them); with
--json, one JSON document per line per check.

Changes are noticed by watchfiles (or, where it is not installed, by looking every 0.3 s), and
confirmed by comparing each file's size and time with
what they were when the last check began: a save made while a check ran is checked next,
and an editor's swap file or a `.git` folder changing checks nothing. The watcher is closed
while a check runs, so that the check may fork a second process (see check_helper.can_fork).
"""
from __future__ import annotations

import os
import time
from pathlib import Path

from . import checkcache as cache
from .check_helper import threads
from .check_report import print_check
from .incremental_check import CheckMemo, incremental_check

WAKE_MS = 1_000         # the watcher wakes this often even without news, to compare sizes and times
THREAD_WAIT = 0.1       # seconds to wait for the closed watcher's thread to end
POLL_SECONDS = 0.3      # without watchfiles: how often sizes and times are compared
# files whose changes say nothing about the story: editors' swap and backup files
IGNORED_SUFFIXES = (".swp", ".swx", ".swo", "~", ".tmp", ".bak")


def signature(root: Path) -> frozenset:
    """(path, size, time) of every file of the story folder but hidden ones and editors' leftovers."""
    found = set()
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".") and d != "__pycache__"]
        for name in files:
            if name.startswith((".", "#")) or name.endswith(IGNORED_SUFFIXES):
                continue
            path = os.path.join(folder, name)
            try:
                info = os.stat(path)
            except OSError:
                continue            # gone since it was listed: the next look sees it so
            found.add((path, info.st_size, info.st_mtime_ns))
    return frozenset(found)


def wait_for_change(root: Path, seen: frozenset) -> None:
    """Return once the folder's files differ from `seen` (at once, if they already do)."""
    if signature(root) != seen:
        return
    try:
        from watchfiles import watch
    except ImportError:         # an install without it (it comes with the dev tools): look, and wait
        while signature(root) == seen:
            time.sleep(POLL_SECONDS)
        return
    for _ in watch(root, debounce=50, step=10, rust_timeout=WAKE_MS, yield_on_timeout=True):
        if signature(root) != seen:
            break
    # the watcher's own thread ends a few milliseconds after it is closed; a check forks only then
    give_up = time.monotonic() + THREAD_WAIT
    while threads() > 1 and time.monotonic() < give_up:
        time.sleep(0.002)


def watch_checks(directory: str, whole_check, explore: bool = True, as_json: bool = False,
                 checks: int | None = None) -> int:
    """Check, then again after every change, until Ctrl+C (or `checks` checks); returns the
    exit status of the last check. `whole_check(directory, explore)`: the check of the whole
    story, for what the file-by-file check leaves to it (a story being mended)."""
    root = Path(directory)
    memo = CheckMemo()
    engine = cache.engine_digest()
    done, status = 0, 0
    try:
        while True:
            seen = signature(root) if root.is_dir() else frozenset()
            if not as_json:     # a line before and after each check, for an editor's task to follow
                print(f"[{time.strftime('%H:%M:%S')}] checking {directory}", flush=True)
            started = time.perf_counter()
            result = incremental_check(directory, explore, engine, memo) or whole_check(directory, explore)
            took = time.perf_counter() - started
            status = 1 if result.errors else 0      # before printing: Ctrl+C may come as it is read
            print_check(result, as_json, indent=None)
            done += 1
            if not root.is_dir():
                return 1            # nothing to watch: the check above says why
            if not as_json:
                print(f"[{time.strftime('%H:%M:%S')}] checked in {took:.2f} s; watching {directory} for "
                      "changes (Ctrl+C stops)", flush=True)
            if checks is not None and done >= checks:
                return status
            wait_for_change(root, seen)
    except KeyboardInterrupt:
        return status
