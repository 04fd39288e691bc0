"""Write files so that a crash or kill at any moment leaves the old file or the new one, never half of either,
and so that two copies of the game writing into one folder never lose each other's files."""
from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from .locking import held_by_nobody, locked
from .safeio import StoreError

ABANDONED_AFTER = 60.0  # seconds; where the folder cannot lock, an older temporary is taken as abandoned
_TRIES = 3


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, fsync it, rename it over `path`, fsync the folder.

    Writers of one `path` take turns (see locking.py). Raises StoreError, with the system's reason,
    and nothing else."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with locked(path):
            for attempt in range(_TRIES):
                try:
                    _write_once(path, data)
                    break
                except FileNotFoundError:
                    # the temporary was removed under us (by a copy of the game that predates the locks):
                    # write it again rather than lose the save
                    if attempt == _TRIES - 1 or not path.parent.is_dir():
                        raise
    except TimeoutError as exc:
        raise StoreError(f"{exc}; try again") from None
    except StoreError:
        raise
    except OSError as exc:
        raise StoreError(exc.strerror or str(exc)) from None
    _fsync_dir(path.parent)


def _write_once(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)  # atomic on POSIX and Windows when both are on one volume
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable; not possible (nor needed) on Windows. The file is already
    in place, so a folder that cannot be synced is no reason to report the write as failed."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def target_of(tmp: Path) -> Path:
    """`.3.json.k2j4h_x1.tmp` -> `3.json`: the file a temporary was going to become."""
    name = tmp.name[1:-len(".tmp")]
    return tmp.with_name(name.rsplit(".", 1)[0])


def remove_stale_temporaries(folder: Path, now: float | None = None) -> int:
    """Remove temporary files left by writes that were killed; they are never valid saves.

    Only provably abandoned ones: no writer holds the lock of the file it was meant to become,
    or, in a folder that cannot lock, it is older than ABANDONED_AFTER. A temporary being written
    by another running copy of the game is left alone."""
    now = time.time() if now is None else now
    removed = 0
    try:
        candidates = [p for p in Path(folder).glob(".*.tmp") if len(p.name) > len("..tmp")]
    except OSError:
        return 0
    for tmp in candidates:
        try:
            old = now - tmp.lstat().st_mtime > ABANDONED_AFTER
            if old or held_by_nobody(target_of(tmp)):
                tmp.unlink()
                removed += 1
        except OSError:
            pass
    return removed
