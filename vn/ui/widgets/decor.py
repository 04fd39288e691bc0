"""Painted pieces shared by the menu screens: veils, panels, headings.

Panels are painted here rather than made as pygame_gui panels because the
screens draw their own text on them (previews, wrapped notes, error lists),
and pygame_gui draws its elements after the screens: a pygame_gui panel would
cover that text. The panels take their colours from the theme's `panel`
block all the same, so they match the pygame_gui widgets placed on them.
"""
from __future__ import annotations

import pygame

from ..display import LOGICAL_SIZE
from ..text_layout import render_rows
from ..theme import Theme


def paint_veil(theme: Theme) -> pygame.Surface:
    veil = pygame.Surface(LOGICAL_SIZE).convert()
    colour = theme.colour("screen.veil", "dark_bg")
    veil.fill(colour)
    veil.set_alpha(colour.a)
    return veil


def paint_panel(theme: Theme, size: tuple[int, int], opaque: bool = False) -> pygame.Surface:
    """A rounded panel; `opaque` for the large ones, so nothing of the screens below shows
    through a page full of small text."""
    radius = theme.misc("screen.panel", "corner_radius", 14)
    panel = pygame.Surface(size, pygame.SRCALPHA)
    rect = panel.get_rect()
    fill = pygame.Color(theme.colour("screen.panel", "dark_bg"))
    if opaque:
        fill.a = 255
    pygame.draw.rect(panel, fill, rect, border_radius=radius)
    pygame.draw.rect(panel, theme.colour("screen.panel", "normal_border"), rect, 1, border_radius=radius)
    # a thin accent line along the top edge, inside the rounded corners
    accent = pygame.Color(theme.colour("screen.panel", "accent"))
    pygame.draw.line(panel, accent, (radius + 8, 0), (size[0] - radius - 9, 0), 1)
    return panel


def paint_kicker(theme: Theme, text: str) -> pygame.Surface:
    """Small, letter-spaced capitals in the accent colour, set above a heading."""
    return render_rows(theme.font("title.kicker"), text.upper(), theme.colour("title.kicker"),
                       theme.misc("title.kicker", "tracking", 0), LOGICAL_SIZE[0] - 160, 1)


SHADE_BAND = 72    # rows of the side shade kept: a tenth of the screen's height


def paint_side_shade(theme: Theme, width: int) -> pygame.Surface:
    """A dark gradient from the left edge, so menu text reads over a bright scene. Every row of
    it is the same, so this paints a band of it that `draw_side_shade` repeats down the screen,
    rather than the screen's height (2 MB at 760 pixels wide, kept for as long as the title)."""
    shade = pygame.Surface((width, SHADE_BAND), pygame.SRCALPHA)
    colour = theme.colour("title.screen", "dark_bg")
    solid = 0.85 if theme.high_contrast else 0.0     # high contrast: no scenery behind the menu's text
    for x in range(width):
        t = 1.0 if x < width * solid else 1 - x / width
        shade.fill((colour.r, colour.g, colour.b, round(colour.a * t ** 1.4)), (x, 0, 1, SHADE_BAND))
    return shade


def draw_side_shade(surface: pygame.Surface, band: pygame.Surface) -> None:
    """The side shade down the whole height of `surface`, from a band `paint_side_shade` made."""
    for y in range(0, surface.get_height(), band.get_height()):
        surface.blit(band, (0, y))
