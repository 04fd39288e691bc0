"""Painted, animated backgrounds for the visual novel.

``make_scene(background, variant)`` returns a :class:`PaintedScene` for one of
the backgrounds (``bar``, ``street``, ``cemetery``); see ``base.py`` for the
interface the UI uses (update / draw / trigger / show_figure ...).
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
    return getattr(import_module(f"{__name__}.{module}"), cls)


def variants(background: str) -> tuple[str | None, ...]:
    return scene_class(background).variants


def clear_caches() -> None:
    """Forget the cached static layers of every background (frees memory)."""
    for module in ("bar_paint", "street_paint", "cemetery"):
        import_module(f"{__name__}.{module}").build_layers.cache_clear()


def make_scene(background: str, variant: str | None, size: tuple[int, int] = LOGICAL_SIZE,
               seed: int = 0) -> PaintedScene:
    """Build a background; raises KeyError for an unknown background name and
    ValueError for a variant the background does not have."""
    return scene_class(background)(variant, size, seed)


__all__ = ["BACKGROUNDS", "LOGICAL_SIZE", "PaintedScene", "clear_caches", "make_scene", "scene_class",
           "variants"]
