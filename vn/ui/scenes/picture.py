"""A background a story describes in data: a picture, a colour, layers with motions, or
the engine's plain backdrop. It has the painted scenes' interface (update, draw,
trigger, figures, settle...) and their effects, inherited from PaintedScene, so a
flash, a shake or gunfire plays the same over a picture.

Pictures come ready from the picture cache (`fetch(path, fit)`): scaled to cover the
canvas once, at load, never per frame. Still layers at the bottom are flattened into
one picture when the scene is built, so a frame blits only what moves over it.

A variant with a picture of its own (`variant_images`) replaces the background's
picture, or, for layers, the bottom layer (the moving layers go on over it).

A picture that cannot be decoded leaves the plain backdrop in its place; `problem`
says why, for the window to tell the player, and the story goes on.
"""
from __future__ import annotations

from functools import lru_cache

import pygame

from . import figures, paint
from .base import PaintedScene
from .data import LOGICAL_SIZE, figures_config
from .motion import MovingLayer

COVER = "cover"    # the picture cache's fit for backgrounds (vn/ui/pictures/cache.py)
PLAIN_TOP, PLAIN_BOTTOM = (34, 30, 38), (10, 9, 12)


@lru_cache(maxsize=2)
def plain_backdrop(top=PLAIN_TOP, bottom=PLAIN_BOTTOM) -> pygame.Surface:
    """The engine's plain backdrop: a quiet vertical gradient (shared: never draw into it)."""
    surf = paint.prep(pygame.Surface(LOGICAL_SIZE))
    top, bottom = pygame.Color(*top), pygame.Color(*bottom)
    h = LOGICAL_SIZE[1]
    for y in range(h):
        surf.fill(top.lerp(bottom, y / (h - 1)), (0, y, LOGICAL_SIZE[0], 1))
    return surf


class PictureScene(PaintedScene):
    def __init__(self, background, variant: str | None, fetch, plain=(PLAIN_TOP, PLAIN_BOTTOM), seed: int = 0):
        self.background = background
        self.name = background.id
        self.variants = (None, *background.variants)
        self._fetch = fetch
        self._plain_colours = tuple(tuple(c)[:3] for c in plain)
        self.problem: str | None = None
        self.base: pygame.Surface | None = None     # what does not move, flattened
        self.fill: pygame.Color | None = None
        self.moving: list[MovingLayer] = []
        self.picture_keys: set[tuple[str, str]] = set()
        super().__init__(variant, LOGICAL_SIZE, seed)

    def _config(self) -> dict:
        return {}

    def _picture(self, path: str) -> pygame.Surface:
        self.picture_keys.add((path, COVER))
        return self._fetch(path, COVER)

    def _build(self) -> None:
        bg = self.background
        try:
            if bg.kind == "color":
                self.fill = pygame.Color(bg.color or "#000000")
            elif bg.kind == "image":
                self.base = self._picture(bg.variant_images.get(self.variant) or bg.image)
            elif bg.kind == "layers":
                self._build_layers(bg)
            else:
                self.base = self._plain_backdrop()
        except Exception as exc:  # a picture that will not decode: PictureError from the cache, or worse
            self.problem = f"{bg.title or bg.id}: {exc}"
            self.base, self.fill, self.moving = self._plain_backdrop(), None, []

    def _plain_backdrop(self) -> pygame.Surface:
        return plain_backdrop(*self._plain_colours)

    def _build_layers(self, bg) -> None:
        layers = [(layer.image, layer.motion) for layer in bg.layers]
        own = bg.variant_images.get(self.variant)
        if own and layers:
            layers[0] = (own, layers[0][1])
        flat = 0
        while flat < len(layers) and layers[flat][1].still:
            flat += 1
        if flat == 1:
            self.base = self._picture(layers[0][0])
        elif flat > 1:
            self.base = paint.prep(pygame.Surface(LOGICAL_SIZE))
            self.base.fill((0, 0, 0))
            for image, _ in layers[:flat]:
                self.base.blit(self._picture(image), (0, 0))
        for n, (image, motion) in enumerate(layers[flat:]):
            self.moving.append(MovingLayer(self._picture(image), motion, seed=self.seed * 31 + n))

    @property
    def animated(self) -> bool:
        """Whether anything in the background moves by itself (the window's pace depends on it)."""
        return bool(self.moving)

    def _update(self, dt: float) -> None:
        for layer in self.moving:
            layer.update(dt)

    def _draw(self, surf: pygame.Surface) -> None:
        if self.base is not None:
            surf.blit(self.base, (0, 0))
        elif self.fill is not None:
            surf.fill(self.fill)
        else:
            surf.fill((0, 0, 0))    # layers that all move: what a swaying bottom layer uncovers
        for layer in self.moving:
            layer.draw(surf)
        self._draw_figures(surf)

    def _figure_for(self, character: str, kind: str, at) -> figures.Figure:
        return generic_figure(character, kind, at, self.seed)


def generic_figure(character: str, kind: str, at, seed: int = 0) -> figures.Figure:
    """A character without pictures, standing at a named position or a share of the width."""
    if isinstance(at, (int, float)) and not isinstance(at, bool):
        g = figures_config()["generic"]
        xs = dict(g["x"])
        xs["center"] = float(at) * LOGICAL_SIZE[0]
        return figures.generic(character, kind, "center", {"generic": {"x": xs}}, seed)
    return figures.generic(character, kind, at, {}, seed)
