"""Painted, animated backgrounds for the visual novel.

``make_scene(background, variant)`` returns a :class:`PaintedScene` for one of
the backgrounds (``bar``, ``street``, ``cemetery``); see ``base.py`` for the
interface the UI uses (update / draw / trigger / show_figure ...).

A scene owns its static layers, so dropping it frees them (two live scenes of
the same look share one copy); ``clear_caches()`` also forgets the layers kept
for reuse and the small cached sprites, and returns freed memory to the system.
"""
from __future__ import annotations

from importlib import import_module

from .base import PaintedScene
from .data import LOGICAL_SIZE

_REGISTRY = {
    "bar": ("bar", "BarScene"),
    "street": ("street", "StreetScene"),
    "cemetery": ("cemetery", "CemeteryScene"),
}

BACKGROUNDS = tuple(_REGISTRY)


def scene_class(background: str) -> type[PaintedScene]:
    """The class painting ``background``; KeyError when there is none."""
    module, cls = _REGISTRY[background]
    return getattr(import_module(f"{__package__}.{module}"), cls)


def variants(background: str) -> tuple[str | None, ...]:
    return scene_class(background).variants


def clear_caches() -> None:
    """Forget everything kept for reuse: the static layers of scenes no longer
    alive and the small cached sprites; then hand freed memory back to the
    system.  Live scenes keep their own layers.  Cheap: call it after dropping
    scenes."""
    from . import base, cache, paint
    cache.clear()
    paint.clear_caches()
    base.clear_caches()
    release_memory()


_libc = None


def _glibc():
    """The C library when it is glibc (Linux), else False."""
    global _libc
    if _libc is None:
        _libc = False
        try:
            import ctypes
            import sys
            if sys.platform.startswith("linux"):
                libc = ctypes.CDLL("libc.so.6")
                libc.malloc_trim.argtypes = [ctypes.c_size_t]
                libc.mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
                _libc = libc
        except (OSError, AttributeError):
            _libc = False
    return _libc


M_MMAP_THRESHOLD = -3
MMAP_THRESHOLD = 512 * 1024
_policy_set = False


def _memory_policy() -> None:
    """Have glibc give every big block (a full-screen image is 3.7 MB) a mapping
    of its own, so freeing it returns the memory to the system at once.  By
    default glibc raises that threshold each time such a block is freed, and the
    next scene's images then come from the heap, where the freed memory of
    temporary painting surfaces (and of dropped scenes) stays resident.  Set once,
    before the first scene is painted; nothing allocates big blocks per frame."""
    global _policy_set
    if not _policy_set:
        _policy_set = True
        libc = _glibc()
        if libc:
            libc.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD)


def release_memory() -> None:
    """Give memory the C allocator holds free back to the system (glibc only)."""
    libc = _glibc()
    if libc:
        libc.malloc_trim(0)


def make_scene(background: str, variant: str | None, size: tuple[int, int] = LOGICAL_SIZE,
               seed: int = 0) -> PaintedScene:
    """Build a background; raises KeyError for an unknown background name and
    ValueError for a variant the background does not have."""
    _memory_policy()
    scene = scene_class(background)(variant, size, seed)
    release_memory()
    return scene


def images_mb(obj) -> float:
    """Megabytes of pixels in the surfaces reachable from ``obj`` (a scene), each
    counted once (a subsurface counts as its parent): what the memory tests and
    benchmarks hold a scene to."""
    import gc
    import types
    import pygame
    seen: set[int] = set()
    counted: set[int] = set()
    total = 0
    stack = [obj]
    while stack:
        o = stack.pop()
        if id(o) in seen:
            continue
        seen.add(id(o))
        if isinstance(o, pygame.Surface):
            while o.get_parent() is not None:
                o = o.get_parent()
            if id(o) not in counted:
                counted.add(id(o))
                total += o.get_width() * o.get_height() * o.get_bytesize()
            continue
        if isinstance(o, (types.ModuleType, type, str, bytes, int, float, types.FunctionType)):
            continue
        stack.extend(gc.get_referents(o))
    return total / 2 ** 20


__all__ = ["BACKGROUNDS", "LOGICAL_SIZE", "PaintedScene", "clear_caches", "images_mb", "make_scene", "release_memory",
           "scene_class", "variants"]
