"""Painted scenes take a while to build, so they are built ahead of need on a
worker thread while the player reads, and the window stays responsive.

`prepare(key)` queues a build (or, without a worker, builds at once); `take(key)` hands over the built scene (waiting
for it, or building it right there, if it is not ready yet). A scene is
stateful (time, effects, figures), so each prepared scene is taken once.
`next_scene()` looks ahead along the story, on a copy of the runtime's state,
for the scene worth preparing before the next decision.
"""
from __future__ import annotations

import queue
import threading
from typing import Callable

SceneKey = tuple[str, "str | None"]
LOOKAHEAD_EVENTS = 400      # how far a look-ahead walks before giving up


class _Build:
    def __init__(self):
        self.started = False
        self.done = threading.Event()
        self.scene = None
        self.error: BaseException | None = None


class SceneLoader:
    def __init__(self, factory: Callable, background: bool = True):
        self._factory = factory
        self._builds: dict[SceneKey, _Build] = {}
        self._lock = threading.Lock()
        self._queue: queue.Queue[tuple[SceneKey, _Build]] | None = None
        if background:
            self._queue = queue.Queue()
            # a daemon: quitting mid-build must not wait for the painter to finish
            self._thread = threading.Thread(target=self._work, name="scene-painter", daemon=True)
            self._thread.start()

    def _work(self) -> None:
        while True:
            item = self._queue.get()
            if item is None:
                return
            key, build = item
            if self._claim(build):
                self._run(key, build)

    def close(self, wait: bool = False) -> None:
        """Stop the worker once it is idle; with `wait`, until it has stopped."""
        with self._lock:
            for build in self._builds.values():
                build.started = True          # nothing still queued gets built
            self._builds.clear()
        if self._queue is not None:
            self._queue.put(None)
            if wait:
                self._thread.join()

    def _claim(self, build: _Build) -> bool:
        """Whoever claims a build first runs it: the worker, or a take() that cannot wait."""
        with self._lock:
            if build.started or build.done.is_set():
                return False
            build.started = True
            return True

    def _run(self, key: SceneKey, build: _Build) -> None:
        try:
            build.scene = self._factory(*key)
        except Exception as error:  # reported to whoever takes the scene, on the main thread
            build.error = error
        build.done.set()

    def prepare(self, key: SceneKey) -> None:
        with self._lock:
            if key in self._builds:
                return
            build = self._builds[key] = _Build()
        if self._queue is not None:
            self._queue.put((key, build))
        elif self._claim(build):
            self._run(key, build)     # no worker: build right away

    def ready(self, key: SceneKey) -> bool:
        build = self._builds.get(key)
        return build is not None and build.done.is_set()

    def take(self, key: SceneKey):
        """The scene for `key`, built now if nobody prepared it; raises what the build raised."""
        with self._lock:
            build = self._builds.pop(key, None)
        build = build or _Build()
        if self._claim(build):
            self._run(key, build)
        build.done.wait()
        if build.error is not None:
            raise build.error
        return build.scene

    def keep_only(self, keys: set[SceneKey]) -> None:
        """Forget prepared scenes that are no longer coming, to free their memory."""
        with self._lock:
            dropped = [k for k in self._builds if k not in keys]
            for key in dropped:
                # a build not yet started is never started; one under way finishes and is dropped
                self._builds.pop(key).started = True
        if dropped:
            from .scenes.registry import clear_caches
            clear_caches()  # what the dropped scenes kept for reuse


def opening_scene(program) -> SceneKey | None:
    """The first scene a new game shows."""
    from ..runtime.runtime import Runtime
    return next_scene(Runtime(program))


def next_scene(runtime) -> SceneKey | None:
    """The next scene the story will show before the player's next decision, if any.
    Looks ahead on a copy of the state; `runtime` itself is untouched. Scenes behind a
    choice are not guessed at: each painted scene holds a lot of memory, so only the
    one that is certain to come is prepared."""
    # the interpreter is imported when a story first looks ahead, not before the title is shown
    from ..runtime import events as ev
    from ..runtime.runtime import Runtime, StoryError
    from ..runtime.state import CHOOSING
    if runtime.state.status == CHOOSING:
        return None
    ahead = Runtime(runtime.program, runtime.snapshot())
    try:
        for _ in range(LOOKAHEAD_EVENTS):
            event = ahead.advance()
            if isinstance(event, ev.SceneChange):
                return (event.background, event.variant)
            if isinstance(event, (ev.Choices, ev.End)):
                return None
    except StoryError:
        pass
    return None
