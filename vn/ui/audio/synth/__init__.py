"""The sounds the engine makes in code, the way the scenes are painted in code.

Synthesis needs numpy, and importing numpy costs the game's process about 15 MB, so the
game never does it: `start_rendering()` starts a child process that writes every sound
as a 16-bit 44.1 kHz stereo WAV into the user's cache folder, and the game loads those
files once `synth_path(name)` finds them. Nothing here imports numpy.

    python -m vn.ui.audio.synth.render DIR      what the child runs (a checkout)
    dead-mans-click --render-sounds DIR         the same in the executable
    vn sounds --export DIR                      every sound, for a writer to listen to

The cache is keyed by SYNTH_VERSION: change it whenever a sound changes, so players' old
renderings are not played in its place.
"""
from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

from .catalogue import SOUNDS, wav_name

SYNTH_VERSION = "1"
CACHE_ENV = "VN_SYNTH_CACHE"     # a folder to keep renderings in (tests share one per session)

_lock = threading.Lock()
_child: subprocess.Popen | None = None


def names() -> tuple[str, ...]:
    return tuple(SOUNDS)


def cache_dir() -> Path:
    """VN_SYNTH_CACHE if set; else beside the data when VN_DATA_DIR is set (tests, portable
    installs); else the platform's user cache folder. Always under a folder of this version."""
    override = os.environ.get(CACHE_ENV)
    if override:
        base = Path(os.path.abspath(os.path.expanduser(override)))
    else:
        base = _data_cache()
    return base / "sounds" / SYNTH_VERSION


def _data_cache() -> Path:
    from ....save.datadir import ENV, DataDirError, resolve_override
    if os.environ.get(ENV):
        try:
            return resolve_override(os.environ[ENV]) / "cache"
        except DataDirError:
            pass    # the game reports that one where it loads saves
    from platformdirs import user_cache_dir
    return Path(user_cache_dir("vn-engine", appauthor=False))


def synth_path(name: str) -> Path | None:
    """The rendered WAV of a synth sound, or None while it is not there (yet)."""
    if name not in SOUNDS:
        return None
    path = cache_dir() / wav_name(name)
    return path if path.is_file() else None


def missing() -> list[str]:
    folder = cache_dir()
    return [name for name in SOUNDS if not (folder / wav_name(name)).is_file()]


def render_command(outdir: Path) -> list[str]:
    if getattr(sys, "frozen", False):
        return [sys.executable, "--render-sounds", str(outdir)]
    return [sys.executable, "-m", "vn.ui.audio.synth.render", str(outdir)]


def start_rendering() -> None:
    """Renders what the cache lacks in a child process, in the background; returns at once.
    Calling it again while that child runs, or once everything is there, does nothing; so
    does a game no one can hear (see _heard). When the child cannot start, the game goes on
    without these sounds."""
    global _child
    with _lock:
        if _child is not None and _child.poll() is None:
            return
        if not _heard() or not missing():
            return
        folder = cache_dir()
        try:
            folder.mkdir(parents=True, exist_ok=True)
            log = open(folder / "render.log", "ab")
        except OSError:
            return
        env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", PYGAME_HIDE_SUPPORT_PROMPT="1")
        try:
            _child = subprocess.Popen(render_command(folder), stdin=subprocess.DEVNULL, stdout=log,
                                      stderr=log, env=env, close_fds=True)
        except OSError as error:
            log.write(f"could not start the renderer: {error}\n".encode())
        finally:
            log.close()


def _heard() -> bool:
    """Whether anything will play these sounds: not with SDL's dummy driver or the recording
    back end (tests run hundreds of windows, each with its own data folder), unless a cache
    folder is named outright."""
    if os.environ.get(CACHE_ENV):
        return True
    return os.environ.get("SDL_AUDIODRIVER") != "dummy" and os.environ.get("VN_AUDIO") not in ("record", "off")


def rendering() -> bool:
    """Whether a child started here is still rendering."""
    with _lock:
        return _child is not None and _child.poll() is None


def wait_rendering(timeout: float | None = None) -> bool:
    """Waits for the child (tests, tools); True when it has finished."""
    child = _child
    if child is None:
        return True
    try:
        child.wait(timeout)
    except subprocess.TimeoutExpired:
        return False
    return True


def render_all(outdir, only=None) -> list[Path]:
    """Renders every sound (or those named in `only`) into outdir, in this process."""
    from .render import render_all as render
    return render(Path(outdir), only)
