"""The choice menu: one pygame_gui button per option, centred above the dialogue box.

Options are picked with the mouse, the number keys 1-9, or the arrow keys and
Enter. Each button has a small key badge to its left showing its number.
"""
from __future__ import annotations

import pygame

from ...runtime.events import Choice
from .button_column import ButtonColumn, Entry
from ..display import LOGICAL_SIZE
from ..text_layout import typographic
from ..theme import Theme

BUTTON_HEIGHT = 56
GAP = 14
MIN_WIDTH, MAX_WIDTH = 560, 980
AREA_BOTTOM = 470            # the menu is centred in the space above the dialogue box
BADGE = 30


class ChoiceMenu:
    def __init__(self, ui, theme: Theme):
        self.ui = ui
        self.theme = theme
        self.column: ButtonColumn | None = None
        self.options: tuple[Choice, ...] = ()
        self._badges: list[tuple[pygame.Surface, tuple[int, int]]] = []
        self._shade: pygame.Surface | None = None

    @property
    def showing(self) -> bool:
        return self.column is not None

    def show(self, options: tuple[Choice, ...]) -> None:
        self.hide()
        self.options = options
        font = self.theme.font("choice.key")
        labels = [typographic(o.text) for o in options]
        widest = max((self._button_font().size(label)[0] for label in labels), default=0)
        width = max(MIN_WIDTH, min(MAX_WIDTH, widest + 120))
        total = len(options) * BUTTON_HEIGHT + (len(options) - 1) * GAP
        top = max(24, (AREA_BOTTOM - total) // 2)
        left = (LOGICAL_SIZE[0] - width) // 2
        self.column = ButtonColumn(self.ui, [Entry(o.index, label) for o, label in zip(options, labels)], left=left, top=top,
                                   width=width, height=BUTTON_HEIGHT, gap=GAP, object_id="#choice_button",
                                   number_keys=True)
        self._badges = []
        for n, _ in enumerate(options[:9]):
            badge = self._paint_badge(str(n + 1), font)
            y = top + n * (BUTTON_HEIGHT + GAP) + (BUTTON_HEIGHT - BADGE) // 2
            self._badges.append((badge, (left - BADGE - 16, y)))
        self._shade = self._paint_shade(pygame.Rect(left, top, width, total))

    def hide(self) -> None:
        if self.column is not None:
            self.column.kill()
        self.column = None
        self.options = ()
        self._badges = []

    def set_visible(self, visible: bool) -> None:
        if self.column is not None:
            self.column.show() if visible else self.column.hide()

    def process_event(self, event: pygame.event.Event) -> int | None:
        """The index of the option this event picked, or None."""
        if self.column is None:
            return None
        return self.column.process_event(event)

    def draw(self, surface: pygame.Surface) -> None:
        """The shade and key badges; the buttons themselves are drawn by pygame_gui after this."""
        if self.column is None:
            return
        if self._shade is not None:
            surface.blit(self._shade, (0, 0))
        for badge, pos in self._badges:
            surface.blit(badge, pos)

    # -- painting -----------------------------------------------------------------------
    def _button_font(self):
        return self.ui.get_theme().get_font(["#choice_button"])  # the font the buttons really use

    def _paint_badge(self, label: str, font: pygame.font.Font) -> pygame.Surface:
        badge = pygame.Surface((BADGE, BADGE), pygame.SRCALPHA)
        rect = badge.get_rect()
        pygame.draw.rect(badge, self.theme.colour("choice.key", "dark_bg"), rect, border_radius=BADGE // 2)
        pygame.draw.rect(badge, self.theme.colour("choice.key", "normal_border"), rect, 1, border_radius=BADGE // 2)
        text = font.render(label, True, self.theme.colour("choice.key"))
        badge.blit(text, text.get_rect(center=rect.center))
        return badge

    def _paint_shade(self, area: pygame.Rect) -> pygame.Surface:
        """A soft darkening behind the options, so they read over any scene."""
        shade = pygame.Surface(LOGICAL_SIZE, pygame.SRCALPHA)
        glow = pygame.Surface((64, 36), pygame.SRCALPHA)
        centre = pygame.Vector2(32, 18)
        for y in range(36):
            for x in range(64):
                d = pygame.Vector2((x - centre.x) / 32, (y - centre.y) / 18).length()
                glow.set_at((x, y), (0, 0, 0, round(150 * max(0.0, 1 - d) ** 1.3)))
        size = (area.width + 520, area.height + 260)
        scaled = pygame.transform.smoothscale(glow, size)
        shade.blit(scaled, scaled.get_rect(center=area.center))
        return shade
