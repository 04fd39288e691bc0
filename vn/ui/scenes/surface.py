"""Surfaces in the display's pixel format: ``prep`` converts an image once a
display mode is set, so blitting it is fast."""
from __future__ import annotations

import pygame


# ---------------------------------------------------------------- surfaces
def display_ready() -> bool:
    return pygame.display.get_init() and pygame.display.get_surface() is not None


def prep(surf: pygame.Surface, alpha: bool = False) -> pygame.Surface:
    """Convert to the display format when a display mode is set (faster blits).
    8-bit palette images stay as they are (that is what keeps them small)."""
    if display_ready() and surf.get_bitsize() != 8:
        return surf.convert_alpha() if alpha else surf.convert()
    return surf
