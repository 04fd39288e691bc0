"""The window's icon, painted in code: a revolver's cylinder seen end on, one chamber empty.

Set before the window opens, it is what the taskbar and the window list show, instead of
the library's own picture (which pygame would otherwise read from its package data, through
importlib.resources and zipfile, while the first frame waits).
"""
from __future__ import annotations

import math

import pygame

SIZE = 64
STEEL = (138, 146, 160)
RIM = (70, 74, 86)
BRASS = (201, 160, 74)
SHADOW = (24, 18, 24)


def window_icon() -> pygame.Surface:
    icon = pygame.Surface((SIZE, SIZE), pygame.SRCALPHA)
    centre = (SIZE // 2, SIZE // 2)
    pygame.draw.circle(icon, RIM, centre, SIZE // 2 - 1)
    pygame.draw.circle(icon, STEEL, centre, SIZE // 2 - 4)
    pygame.draw.circle(icon, RIM, centre, 6)                       # the pin
    for n in range(6):
        angle = math.pi / 2 + n * math.pi / 3
        at = (round(centre[0] + 18 * math.cos(angle)), round(centre[1] - 18 * math.sin(angle)))
        pygame.draw.circle(icon, SHADOW, at, 8)
        if n:                                                      # five loaded, the top one empty
            pygame.draw.circle(icon, BRASS, at, 6)
            pygame.draw.circle(icon, SHADOW, at, 2)
    return icon
