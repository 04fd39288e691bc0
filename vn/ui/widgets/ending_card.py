"""The card shown over the last frame when the story reaches an ending."""
from __future__ import annotations

import pygame

from ..display import LOGICAL_SIZE
from ..pacing import ACTIVE, STILL
from ..text_layout import render_rows, soft_shadow, typographic
from ..theme import Theme

VEIL_SECONDS = 1.6       # the scene dims over this long
TITLE_DELAY = 0.5        # then the words come up
TEXT_SECONDS = 1.2
HINT_DELAY = 2.2         # the way out is offered last, once the title has been read
TEXT_WIDTH = LOGICAL_SIZE[0] - 160
TITLE_ROWS = 3           # a longer title is cut with an ellipsis: it is a title, not a page


class EndingCard:
    def __init__(self, theme: Theme):
        self.theme = theme
        self.elapsed = 0.0
        self.showing = False
        self._veil = pygame.Surface(LOGICAL_SIZE).convert()
        self._veil.fill(theme.colour("ending.title", "veil"))
        self._veil_alpha = theme.colour("ending.title", "veil").a
        # (surface, position, delay before it fades in, its own full opacity)
        self._parts: list[tuple[pygame.Surface, tuple[int, int], float, int]] = []

    def show(self, title: str, kicker: str = "Ending", hint: str = "Click to return to the title") -> None:
        self.showing = True
        self.elapsed = 0.0
        self.spoken = f"{kicker}: {title}. {hint}"      # what self-voicing reads
        theme = self.theme
        centre_x, centre_y = LOGICAL_SIZE[0] // 2, LOGICAL_SIZE[1] // 2 - 30
        title = typographic(title)
        if theme.misc("ending.title", "uppercase", False):
            title = title.upper()
        title_font = theme.font("ending.title")
        title_surface = render_rows(title_font, title, theme.colour("ending.title"),
                                    theme.misc("ending.title", "tracking", 0), TEXT_WIDTH, TITLE_ROWS, 0.95)
        shadow = soft_shadow(title_surface, theme.colour("ending.title", "text_shadow"), 10)
        kicker_surface = render_rows(theme.font("title.kicker"), kicker.upper(), theme.colour("title.kicker"),
                                     theme.misc("title.kicker", "tracking", 0), TEXT_WIDTH, 1)
        hint_surface = render_rows(theme.font("screen.hint"), hint, theme.colour("screen.hint"), 0, TEXT_WIDTH, 1)
        rule = pygame.Surface((72, 2), pygame.SRCALPHA)
        rule.fill(theme.colour("title.kicker"))

        title_y = centre_y - title_surface.get_height() // 2
        kicker_y = title_y - kicker_surface.get_height() - 26
        rule_y = title_y + title_surface.get_height() + 22
        pad = (shadow.get_width() - title_surface.get_width()) // 2
        placed = [
            (kicker_surface, (centre_x - kicker_surface.get_width() // 2, kicker_y), TITLE_DELAY),
            (shadow, (centre_x - shadow.get_width() // 2, title_y - pad + 3), TITLE_DELAY + 0.2),
            (title_surface, (centre_x - title_surface.get_width() // 2, title_y), TITLE_DELAY + 0.2),
            (rule, (centre_x - 36, rule_y), TITLE_DELAY + 0.4),
            (hint_surface, (centre_x - hint_surface.get_width() // 2, LOGICAL_SIZE[1] - 96), HINT_DELAY),
        ]
        self._parts = [(s, pos, delay, s.get_alpha() if s.get_alpha() is not None else 255)
                       for s, pos, delay in placed]

    def hide(self) -> None:
        self.showing = False

    @property
    def complete(self) -> bool:
        return self.elapsed >= HINT_DELAY + TEXT_SECONDS / 2

    def finish(self) -> None:
        self.elapsed = max(self.elapsed, HINT_DELAY + TEXT_SECONDS)

    def pace(self) -> int:
        arriving = self.showing and self.elapsed < HINT_DELAY + TEXT_SECONDS
        return ACTIVE if arriving else STILL

    def update(self, dt: float) -> None:
        if self.showing:
            self.elapsed += dt

    def draw(self, surface: pygame.Surface) -> None:
        if not self.showing:
            return
        veil = min(1.0, self.elapsed / VEIL_SECONDS)
        self._veil.set_alpha(round(self._veil_alpha * veil * (2 - veil)))
        surface.blit(self._veil, (0, 0))
        for part, pos, delay, full in self._parts:
            t = (self.elapsed - delay) / TEXT_SECONDS
            if t <= 0:
                continue
            part.set_alpha(round(full * min(1.0, t)))
            surface.blit(part, pos)
