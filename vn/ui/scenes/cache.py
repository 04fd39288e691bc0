"""Static layers shared between live scenes.

A scene owns its static layers (the painted, lit images): when the last scene
holding them is dropped they are freed.  While two scenes need the same layers
(the one shown and the one prepared next) they share one copy.  Besides those,
only the layers of the most recent build are kept (one scene's worth, so a
scene built again at once is not painted twice); ``clear()`` drops them too.
"""
from __future__ import annotations

import threading
import weakref
from typing import Callable, Hashable, Sequence

_lock = threading.Lock()
_live: "weakref.WeakValueDictionary[Hashable, Layers]" = weakref.WeakValueDictionary()
_last: tuple = ()


class Layers(dict):
    """A scene's static layers by name (a dict that can be weakly referenced)."""


def shared(key: Hashable, build: Callable[[], Layers]) -> Layers:
    """The layers for ``key``: those of a live scene if there is one, else built."""
    return shared_parts([key], lambda missing: {key: build()})[key]


def shared_parts(keys: Sequence[Hashable], build: Callable[[list], dict]) -> dict:
    """Layers for several keys at once; ``build(missing_keys)`` makes those no live
    scene holds, together (they may share painting work)."""
    global _last
    with _lock:
        found = {k: _live.get(k) for k in keys}
    missing = [k for k, v in found.items() if v is None]
    if missing:
        built = build(missing)
        with _lock:
            for k in missing:
                found[k] = _live.setdefault(k, built[k])
    with _lock:
        _last = tuple(found.values())
    return found


def clear() -> None:
    """Forget the layers kept for reuse (those of live scenes stay with them)."""
    global _last
    with _lock:
        _last = ()
