"""From a source name to a loaded sound: `file:<path in the story folder>` or `synth:<name>`.

A file is read once and kept within a memory budget (least recently used first, never
one that is playing). A small file is read when first asked for; a large compressed one
(a music track) is decoded on a worker thread, and asked for again until it is ready, so
no frame waits for it. A synthesised sound is ready once the synth package has rendered
it to its cache folder; until then it is silence.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from pathlib import Path
from queue import SimpleQueue

BUDGET_BYTES = 96 * 1024 * 1024    # decoded PCM: about nine minutes of CD-quality stereo
SYNC_BYTES = 256 * 1024            # files up to this size are read in the frame that asks
FAILED = object()                  # a source that will never play (missing, unreadable, outside)


class SoundBank:
    def __init__(self, backend, story_dir: Path, notice=None, budget: int = BUDGET_BYTES,
                 background: bool = True):
        self.backend = backend
        self.story_dir = Path(story_dir)
        self.notice = notice or (lambda text: None)
        self.budget = budget
        self.background = background
        self._cache: OrderedDict[str, tuple[object, int]] = OrderedDict()
        self._failed: set[str] = set()
        self._loading: set[str] = set()
        self._done: dict[str, object] = {}     # filled by the worker: a sound, or an exception
        self._lock = threading.Lock()
        self._queue: SimpleQueue | None = None

    def retarget(self, story_dir: Path) -> None:
        self.story_dir = Path(story_dir)
        self.clear()

    def clear(self) -> None:
        self._cache.clear()
        self._failed.clear()

    @property
    def cached_bytes(self) -> int:
        return sum(size for _, size in self._cache.values())

    def get(self, source: str, in_use: frozenset = frozenset()):
        """The loaded sound, None while it is not ready yet, or FAILED."""
        if source in self._cache:
            self._cache.move_to_end(source)
            return self._cache[source][0]
        if source in self._failed:
            return FAILED
        if source in self._loading:
            return self._collect(source, in_use)
        kind, _, name = source.partition(":")
        if kind == "synth":
            path = _synth_path(name)
            if path is None:
                return None
        elif kind == "file":
            path = self._story_file(name)
            if path is None:
                return self._fail(source, f"sound '{name}' is not a file in the story folder")
        else:
            return self._fail(source, f"sound source '{source}' is neither file: nor synth:")
        if self.background and kind == "file" and path.suffix.lower() != ".wav" and _size(path) > SYNC_BYTES:
            self._start_loading(source, path)
            return None
        try:
            sound = self.backend.load(path)
        except Exception as exc:  # pygame.error, OSError: a file the mixer cannot read
            return self._fail(source, f"sound '{name}' could not be read: {exc}")
        return self._keep(source, sound, in_use)

    def _story_file(self, name: str) -> Path | None:
        """The file `name` names inside the story folder; None for one outside it or missing."""
        root = self.story_dir.resolve()
        try:
            path = (root / name).resolve()
            path.relative_to(root)
        except (OSError, ValueError):
            return None
        return path if path.is_file() else None

    def _fail(self, source: str, message: str):
        self._failed.add(source)
        self.notice(message)
        return FAILED

    def _keep(self, source: str, sound, in_use: frozenset):
        self._cache[source] = (sound, self.backend.nbytes(sound))
        total = self.cached_bytes
        for old in list(self._cache):
            if total <= self.budget:
                break
            if old != source and old not in in_use:
                total -= self._cache.pop(old)[1]
        return sound

    # -- the worker ---------------------------------------------------------------------------
    def _start_loading(self, source: str, path: Path) -> None:
        if self._queue is None:
            self._queue = SimpleQueue()
            threading.Thread(target=self._work, name="vn-audio-load", daemon=True).start()
        self._loading.add(source)
        self._queue.put((source, path))

    def _work(self) -> None:
        while True:
            source, path = self._queue.get()
            try:
                result = self.backend.load(path)
            except Exception as exc:  # handed back to the main thread, which says why
                result = exc
            with self._lock:
                self._done[source] = result

    def _collect(self, source: str, in_use: frozenset):
        with self._lock:
            if source not in self._done:
                return None
            result = self._done.pop(source)
        self._loading.discard(source)
        if isinstance(result, Exception):
            return self._fail(source, f"sound '{source.partition(':')[2]}' could not be read: {result}")
        return self._keep(source, result, in_use)

    def wait_loaded(self, timeout: float = 5.0) -> None:
        """Tests: wait for the worker to finish what it was given."""
        import time
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            with self._lock:
                if all(s in self._done for s in self._loading):
                    return
            time.sleep(0.005)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _synth_path(name: str) -> Path | None:
    """The rendered WAV of a sound made in code, once it is ready (the synth package renders
    them in the background after the first frame)."""
    try:
        from .synth import synth_path
    except ImportError:
        return None
    try:
        return synth_path(name)
    except Exception:  # a renderer's failure is that sound's silence, never the game's end
        return None
