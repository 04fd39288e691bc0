"""The dialogue box's backdrop, painted once per layout: a shade rising from the bottom of the
screen and the rounded, gradient-filled box with its border and accent line."""
from __future__ import annotations

import pygame

from ..display import LOGICAL_SIZE


def paint_box_backdrop(theme, rect: pygame.Rect, shade_height: int) -> pygame.Surface:
    """The shade that grounds the dialogue box (`rect`) on the scene, from `shade_height`
    above it down, and the box itself: what the box draws behind its text."""
    top = rect.y - shade_height
    height = LOGICAL_SIZE[1] - top
    surface = pygame.Surface((LOGICAL_SIZE[0], height), pygame.SRCALPHA)
    shade = theme.colour("dialogue.box", "shade")
    for y in range(height):
        t = y / (height - 1)
        alpha = round(shade.a * (t ** 1.6))
        surface.fill((shade.r, shade.g, shade.b, alpha), (0, y, LOGICAL_SIZE[0], 1))
    box = rect.move(0, -top)
    radius = theme.misc("dialogue.box", "corner_radius", 14)
    panel = pygame.Surface(box.size, pygame.SRCALPHA)
    # a gentle vertical gradient, lighter at the top, clipped to the rounded shape by a mask
    top, bottom = theme.colour("dialogue.box", "top_bg"), theme.colour("dialogue.box", "dark_bg")
    for y in range(box.height):
        panel.fill(top.lerp(bottom, y / (box.height - 1)), (0, y, box.width, 1))
    shape = pygame.Surface(box.size, pygame.SRCALPHA)
    pygame.draw.rect(shape, (255, 255, 255, 255), shape.get_rect(), border_radius=radius)
    panel.blit(shape, (0, 0), special_flags=pygame.BLEND_RGBA_MIN)
    pygame.draw.rect(panel, theme.colour("dialogue.box", "normal_border"), panel.get_rect(), 1,
                     border_radius=radius)
    accent = theme.colour("dialogue.box", "accent")
    pygame.draw.line(panel, accent, (radius + 12, 0), (box.width - radius - 13, 0))
    # the panel replaces the shade under it rather than darkening it twice (the same
    # rounded shape is cleared, so its corners are not darkened twice either)
    pygame.draw.rect(surface, (0, 0, 0, 0), box, border_radius=radius)
    surface.blit(panel, box)
    return surface
