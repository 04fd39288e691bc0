"""Scene transitions: fade (through black), dissolve (cross-fade) and flash (through white).

A transition holds a still of the outgoing picture and, while it runs, draws
the mix of that still and the live incoming scene. When the player has asked
for reduced flashes a flash is played as a fade instead, and `flash_frames`
counts every frame that did draw white, so this can be checked.
"""
from __future__ import annotations

from typing import Callable

import pygame

from .display import LOGICAL_SIZE

KINDS = ("none", "fade", "dissolve", "flash")
FLASH_PEAK = 0.3     # share of a flash spent going to white; the rest fades the new scene in from white

DrawFn = Callable[[pygame.Surface], None]

MAX_SECONDS = 60.0       # loading bounds durations too; a scene change never takes longer than this


class Transition:
    def __init__(self):
        self.kind = "none"
        self.duration = 0.0
        self.elapsed = 0.0
        self.flash_frames = 0
        # two full-screen images (7 MB) held only while a transition runs: most of the
        # time nothing is changing scene, and an idle screen should not pay for them
        self._still: pygame.Surface | None = None
        self._veil: pygame.Surface | None = None

    @property
    def active(self) -> bool:
        return self.kind != "none" and self.elapsed < self.duration

    @property
    def progress(self) -> float:
        return 1.0 if self.duration <= 0 else min(1.0, self.elapsed / self.duration)

    def start(self, kind: str, duration: float, outgoing: pygame.Surface | None, reduced_flashes: bool) -> None:
        """Begin a transition away from `outgoing` (None: from black)."""
        if kind == "flash" and reduced_flashes:
            kind = "fade"
        duration = min(duration, MAX_SECONDS) if duration == duration else 0.0   # NaN: no transition
        self.kind = kind if kind in KINDS and duration > 0 else "none"
        self.duration = max(0.0, duration)
        self.elapsed = 0.0
        if self.kind == "none":
            self._release()
            return
        if self._still is None:
            self._still = pygame.Surface(LOGICAL_SIZE).convert()
        if outgoing is None:
            self._still.fill((0, 0, 0))
        else:
            self._still.blit(outgoing, (0, 0))

    def finish(self) -> None:
        self.elapsed = self.duration
        self._release()

    def update(self, dt: float) -> None:
        if self.active:
            self.elapsed += dt
            if not self.active:
                self._release()

    def _release(self) -> None:
        self._still = self._veil = None

    def draw(self, surface: pygame.Surface, draw_incoming: DrawFn) -> None:
        """Draw this frame of the transition; the incoming scene is drawn by `draw_incoming`."""
        if not self.active:
            draw_incoming(surface)
            return
        p = self.progress
        if self.kind == "fade":
            if p < 0.5:
                surface.blit(self._still, (0, 0))
                self._darken(surface, p * 2)
            else:
                draw_incoming(surface)
                self._darken(surface, (1 - p) * 2)
        elif self.kind == "dissolve":
            draw_incoming(surface)
            self._still.set_alpha(round(255 * (1 - _smooth(p))))
            surface.blit(self._still, (0, 0))
            self._still.set_alpha(None)
        elif self.kind == "flash":
            if p < FLASH_PEAK:
                surface.blit(self._still, (0, 0))
                white = p / FLASH_PEAK
            else:
                draw_incoming(surface)
                white = 1 - (p - FLASH_PEAK) / (1 - FLASH_PEAK)
            level = round(255 * _smooth(white))
            if level > 0:
                surface.fill((level, level, level), special_flags=pygame.BLEND_RGB_ADD)
                self.flash_frames += 1

    def _darken(self, surface: pygame.Surface, amount: float) -> None:
        alpha = round(255 * _smooth(min(1.0, max(0.0, amount))))
        if alpha > 0:
            if self._veil is None:
                self._veil = pygame.Surface(LOGICAL_SIZE).convert()
                self._veil.fill((0, 0, 0))
            self._veil.set_alpha(alpha)
            surface.blit(self._veil, (0, 0))


def _smooth(t: float) -> float:
    """Ease in and out, so fades start and land softly."""
    return t * t * (3 - 2 * t)
