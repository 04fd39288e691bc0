"""Advisory locks that serialise the writers of one file, across threads and processes.

Each file `name` in a folder has a lock file `.name.lock` beside it, held for the whole
of a write, temporary file included. So a temporary whose lock can be taken belongs to
no running write: its writer finished or died (the system releases a dead process's
locks), and it can be removed. Lock files are left in place: removing one while another
process waits on it would let two writers in at once.

POSIX uses flock (which also separates threads of one process, as each holds its own
open file); Windows uses msvcrt.locking. Where neither works (some network folders),
`locked` yields False and callers fall back to caution.
"""
from __future__ import annotations

import os
import time
from contextlib import contextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None
try:
    import msvcrt
except ImportError:  # POSIX
    msvcrt = None

WAIT = 10.0  # seconds a writer waits for another writer of the same file before giving up


def lock_path(target: Path) -> Path:
    return target.with_name(f".{target.name}.lock")


def _try_lock(fd: int) -> bool:
    """True when taken; False when someone else holds it. OSError when this folder cannot lock."""
    if fcntl is not None:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            return False
    if msvcrt is not None:
        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:  # what it raises when another process holds the byte
            return False
    raise OSError("no file locking on this system")


def _unlock(fd: int) -> None:
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_UN)
        elif msvcrt is not None:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    except OSError:
        pass  # closing the file releases it anyway


@contextmanager
def locked(target: Path, wait: float = WAIT):
    """Hold the lock of `target` inside the block; yields True when held, False when this folder
    cannot lock at all. Raises TimeoutError when another writer keeps it longer than `wait`."""
    try:
        fd = os.open(lock_path(target), os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o644)
    except OSError:
        yield False  # e.g. a read-only folder: the write that follows will say what is wrong
        return
    try:
        deadline = time.monotonic() + wait
        delay = 0.001
        while True:
            try:
                if _try_lock(fd):
                    break
            except OSError:
                yield False
                return
            if time.monotonic() > deadline:
                raise TimeoutError(f"another copy of the game kept {target.name} busy")
            time.sleep(delay)
            delay = min(delay * 2, 0.05)
        try:
            yield True
        finally:
            _unlock(fd)
    finally:
        os.close(fd)


def held_by_nobody(target: Path) -> bool:
    """Whether no writer of `target` is running now (its lock can be taken). False when unsure."""
    try:
        with locked(target, wait=0.0) as held:
            return held
    except (TimeoutError, OSError):
        return False
