"""The picture cache: a story's backgrounds, layers and sprites, ready to blit.

A picture is named by a key `(path, fit)`: `path` relative to the story folder,
`fit` one of

* COVER:  scaled (keeping its aspect ratio) to cover the 1280x720 canvas and
          cropped to it, centred; a background or a layer;
* SPRITE: its own pixel size (the whole canvas scales with the window).

Each is decoded and converted to the display format once (`convert`, or
`convert_alpha` when it has transparency), so a frame only blits it. Decoding
happens on a worker thread when asked ahead (`request`), or on the caller's
thread when a picture is needed at once (`get`).

Memory: every picture counts `w * h * 4` bytes. Beyond `budget` the least
recently used pictures are let go, except the pinned ones (what is on screen:
`pin`), which stay whatever the budget says.

A file that cannot be decoded (damaged after `vn check` read its header) is
remembered as failed: `get` raises PictureError with a message for the player,
once per load attempt, and never brings the game down.
"""
from __future__ import annotations

import queue
import threading
from collections import OrderedDict
from pathlib import Path

import pygame

LOGICAL_SIZE = (1280, 720)
BUDGET_BYTES = 256 * 2 ** 20
COVER, SPRITE = "cover", "sprite"
PictureKey = tuple[str, str]


class PictureError(Exception):
    """A picture could not be read or decoded; the message names the file."""


def resolve(folder: Path, relative: str) -> Path:
    """`relative` inside `folder`; PictureError for a path that leaves it (the script checks
    this before the game runs; the window does not rely on it)."""
    root = Path(folder).resolve()
    path = (root / relative).resolve()
    if path != root and root not in path.parents:
        raise PictureError(f"the picture '{relative}' is outside the story folder")
    return path


def cover(picture: pygame.Surface, size: tuple[int, int] = LOGICAL_SIZE) -> pygame.Surface:
    """`picture` scaled to cover `size` keeping its aspect ratio, the overflow cropped evenly.
    Only the part that shows is scaled, so a tall or wide picture costs no more than it must."""
    w, h = picture.get_size()
    tw, th = size
    scale = max(tw / w, th / h)
    cw, ch = min(w, max(1, round(tw / scale))), min(h, max(1, round(th / scale)))
    crop = picture.subsurface(pygame.Rect((w - cw) // 2, (h - ch) // 2, cw, ch))
    if (cw, ch) == (tw, th):
        return crop.copy()
    return pygame.transform.smoothscale(crop, size)


def decode(path: Path, fit: str) -> pygame.Surface:
    """Read, convert to the display format and fit one picture."""
    try:
        raw = pygame.image.load(str(path))
    except (pygame.error, OSError, ValueError, MemoryError) as exc:
        raise PictureError(f"the picture '{path.name}' could not be read ({exc})") from None
    alpha = bool(raw.get_flags() & pygame.SRCALPHA)
    if fit == COVER:
        if raw.get_bitsize() < 24:
            raw = raw.convert_alpha() if alpha else raw.convert(24)   # smoothscale needs 24 or 32 bits
        raw = cover(raw)            # scaled first: converting the smaller picture costs less
    if pygame.display.get_surface() is not None:
        raw = raw.convert_alpha() if alpha else raw.convert()
    return raw


class _Entry:
    __slots__ = ("started", "done", "surface", "error", "bytes")

    def __init__(self):
        self.started = False
        self.done = threading.Event()
        self.surface: pygame.Surface | None = None
        self.error: PictureError | None = None
        self.bytes = 0


class PictureCache:
    def __init__(self, folder: Path, budget: int = BUDGET_BYTES, background: bool = True):
        self.folder = Path(folder)
        self.budget = budget
        self._entries: OrderedDict[PictureKey, _Entry] = OrderedDict()   # least recently used first
        self._pinned: frozenset[PictureKey] = frozenset()
        self._lock = threading.Lock()
        self._queue: queue.Queue | None = None
        self.decoded = 0            # pictures decoded so far (what tests and benchmarks count)
        if background:
            self._queue = queue.Queue()
            self._thread = threading.Thread(target=self._work, name="picture-loader", daemon=True)
            self._thread.start()

    # -- asking -------------------------------------------------------------------------
    def get(self, key: PictureKey) -> pygame.Surface:
        """The picture, decoded now if nobody has yet (waiting for a worker already on it)."""
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                entry = self._entries[key] = _Entry()
            self._entries.move_to_end(key)
        # queued behind other pictures, or not queued at all: decode it here rather than wait
        self._load(key, entry)
        entry.done.wait()
        if entry.error is not None:
            with self._lock:
                if self._entries.get(key) is entry:
                    del self._entries[key]      # a later attempt reads the file again
            raise entry.error
        return entry.surface

    def picture(self, path: str, fit: str) -> pygame.Surface:
        return self.get((path, fit))

    def request(self, keys) -> None:
        """Decode these ahead on the worker, nearest first, as far as the budget allows;
        without a worker, decode them now."""
        todo = []
        with self._lock:
            room = self.budget - self._used()
            for key in keys:
                if key in self._entries:
                    continue
                if room <= 0:
                    break
                entry = self._entries[key] = _Entry()
                self._entries.move_to_end(key, last=False)   # a guess: first to go if room is short
                todo.append((key, entry))
                room -= 1280 * 720 * 4
        for key, entry in todo:
            if self._queue is not None:
                self._queue.put((key, entry))
            else:
                self._load(key, entry)

    def ready(self, key: PictureKey) -> bool:
        entry = self._entries.get(key)
        return entry is not None and entry.done.is_set() and entry.error is None

    def pin(self, keys) -> None:
        """What is on screen now: never let go, whatever the budget."""
        self._pinned = frozenset(keys)

    @property
    def loaded(self) -> list[PictureKey]:
        with self._lock:
            return [k for k, e in self._entries.items() if e.surface is not None]

    @property
    def used_bytes(self) -> int:
        with self._lock:
            return self._used()

    def clear(self) -> None:
        with self._lock:
            for key in [k for k in self._entries if k not in self._pinned]:
                del self._entries[key]

    def retarget(self, folder: Path) -> None:
        """Another story (or the same one loaded again): forget every picture."""
        with self._lock:
            self.folder = Path(folder)
            self._entries.clear()
            self._pinned = frozenset()

    def close(self, wait: bool = False) -> None:
        if self._queue is not None:
            self._queue.put(None)
            if wait:
                self._thread.join()

    # -- work ---------------------------------------------------------------------------
    def _work(self) -> None:
        while True:
            item = self._queue.get()
            if item is None:
                return
            key, entry = item
            with self._lock:
                wanted = self._entries.get(key) is entry
            if wanted:
                self._load(key, entry)

    def _load(self, key: PictureKey, entry: _Entry) -> None:
        """Decode `key` unless someone else has started to (whoever claims it first does)."""
        with self._lock:
            if entry.started:
                return
            entry.started = True
        try:
            surface = decode(resolve(self.folder, key[0]), key[1])
        except PictureError as exc:
            entry.error = exc
        except Exception as exc:  # anything a hostile file provokes in the decoder: the game goes on
            entry.error = PictureError(f"the picture '{key[0]}' could not be decoded ({exc})")
        else:
            entry.surface = surface
            entry.bytes = surface.get_width() * surface.get_height() * 4
            self.decoded += 1
        with self._lock:
            entry.done.set()
            self._evict()

    def _used(self) -> int:
        return sum(e.bytes for e in self._entries.values())

    def _evict(self) -> None:
        """Let the least recently used pictures go until the rest fit (lock held)."""
        used = self._used()
        for key in list(self._entries):
            if used <= self.budget:
                return
            entry = self._entries[key]
            if key in self._pinned or not entry.done.is_set():
                continue
            used -= entry.bytes
            del self._entries[key]
