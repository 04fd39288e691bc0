"""Which ink reads on which colour: contrast as WCAG 2 measures it."""
from __future__ import annotations

import pygame


def _luminance(c: pygame.Color) -> float:
    """Relative luminance (WCAG 2)."""
    def channel(v: int) -> float:
        v /= 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
    return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b)


def contrast(a: pygame.Color, b: pygame.Color) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def readable_on(background: pygame.Color, inks) -> pygame.Color:
    """The first ink with a contrast of 4.5 or more on `background` (WCAG AA), else the best."""
    for ink in inks:
        if contrast(ink, background) >= 4.5:
            return ink
    return max(inks, key=lambda ink: contrast(ink, background))
