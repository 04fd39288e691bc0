"""Background layers that move, as a story's data describes them (model.Motion).

What each motion does to a layer, at the logical 1280x720 size:

* drift (x, y):        the layer slides x and y pixels a second and wraps round, its far
                       edge coming in where the near one leaves (clouds, fog, rain);
                       a picture made to tile shows no seam.
* sway (amplitude, period): the layer swings side to side, `amplitude` pixels either way
                       and back in `period` seconds, on a sine (a hanging sign, branches).
* pulse (depth, period): the brightness swells and fades on a sine once a `period`,
                       from full down to `1 - depth` (a slow neon, embers).
* flicker (0..1):      random dips of brightness as deep as `flicker` at most, a new
                       level every few hundredths of a second, mostly near full (a failing
                       bulb). Seeded: the same scene flickers the same way.

Brightness works on a layer by what it is: an opaque layer darkens toward black; a
layer with transparency (a lamp's glow) fades toward what is behind it, the way a
light going dim stops lighting what it lit.

Pulse and flicker multiply. Every motion runs on the scene's clock, so a frame drawn
at any rate shows the same moment.
"""
from __future__ import annotations

import math
import random

import pygame

FLICKER_STEP = (0.04, 0.12)     # seconds each flicker level holds
FLICKER_CALM = 0.6              # share of flicker levels that stay near full brightness


class MovingLayer:
    def __init__(self, picture: pygame.Surface, motion, seed: int = 0):
        self.motion = motion
        self.alpha = bool(picture.get_flags() & pygame.SRCALPHA)
        self.picture = picture
        self.offset = (0, 0)
        if self.alpha and motion.drift == (0.0, 0.0):
            # only the part with something in it is ever blitted (a lamp's glow, not the whole screen)
            box = picture.get_bounding_rect()
            self.picture = picture.subsurface(box) if box.size != picture.get_size() else picture
            self.offset = box.topleft
        self.rng = random.Random(seed)
        self._flicker_left = 0.0
        self._flicker_level = 1.0
        self.t = 0.0

    @property
    def still(self) -> bool:
        return self.motion.still

    def update(self, dt: float) -> None:
        self.t += dt
        depth = self.motion.flicker
        if depth > 0.0:
            self._flicker_left -= dt
            if self._flicker_left <= 0.0:
                self._flicker_left = self.rng.uniform(*FLICKER_STEP)
                calm = self.rng.random() < FLICKER_CALM
                dip = self.rng.uniform(0.0, 0.15) if calm else self.rng.uniform(0.3, 1.0)
                self._flicker_level = 1.0 - depth * dip

    def brightness(self) -> float:
        """0..1: the pulse's level times the flicker's at this moment."""
        k = 1.0
        depth, period = self.motion.pulse
        if depth > 0.0 and period > 0.0:
            k *= 1.0 - depth * (0.5 - 0.5 * math.cos(math.tau * self.t / period))
        if self.motion.flicker > 0.0:
            k *= self._flicker_level
        return max(0.0, min(1.0, k))

    def position(self) -> tuple[int, int]:
        """Where the layer's top left goes, before wrapping."""
        x, y = self.offset
        amplitude, period = self.motion.sway
        if amplitude and period > 0.0:
            x += amplitude * math.sin(math.tau * self.t / period)
        dx, dy = self.motion.drift
        return int(round(x + dx * self.t)), int(round(y + dy * self.t))

    def draw(self, surf: pygame.Surface) -> None:
        k = self.brightness()
        pic = self.picture
        if self.alpha:
            if k <= 0.0:
                return
            pic.set_alpha(round(255 * k))
        x, y = self.position()
        if self.motion.drift != (0.0, 0.0):
            w, h = pic.get_size()
            x, y = x % w - (w if x % w else 0), y % h - (h if y % h else 0)
            sw, sh = surf.get_size()
            for ty in range(y, sh, h):
                for tx in range(x, sw, w):
                    surf.blit(pic, (tx, ty))
        else:
            surf.blit(pic, (x, y))
        if self.alpha:
            pic.set_alpha(255)      # the picture is shared: leave it as found
        elif k < 1.0:
            area = pygame.Rect((x, y), pic.get_size()) if self.motion.drift == (0.0, 0.0) else surf.get_rect()
            v = round(255 * k)
            surf.fill((v, v, v), area.clip(surf.get_rect()), special_flags=pygame.BLEND_RGB_MULT)
