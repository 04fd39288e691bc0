"""Toasts: short messages ("Quicksaved", a save that was refused) that appear at the top
of the window, over every screen, and fade by themselves."""
from __future__ import annotations

from dataclasses import dataclass

import pygame

from ..display import LOGICAL_SIZE
from ..fonts import drawable
from ..pacing import ACTIVE, STILL
from ..text_layout import typographic, wrap_rows
from ..theme import Theme

FADE_IN, FADE_OUT = 0.15, 0.6
SHOWN_FOR = 2.4          # seconds at full strength; a longer message stays a little longer
MAX_WIDTH = 720
TOP = 26
GAP = 10
MAX_ROWS = 4           # a message longer than this (a path, an error's detail) is cut with an ellipsis


@dataclass
class _Toast:
    text: str
    surface: pygame.Surface
    hold: float
    age: float = 0.0

    @property
    def alpha(self) -> float:
        if self.age < FADE_IN:
            return self.age / FADE_IN
        if self.age < FADE_IN + self.hold:
            return 1.0
        return max(0.0, 1 - (self.age - FADE_IN - self.hold) / FADE_OUT)

    @property
    def over(self) -> bool:
        return self.age >= FADE_IN + self.hold + FADE_OUT


class Toasts:
    def __init__(self, theme: Theme):
        self.theme = theme
        self.items: list[_Toast] = []

    @property
    def texts(self) -> list[str]:
        """What is on screen now, newest last."""
        return [t.text for t in self.items]

    def show(self, text: str, tone: str = "info") -> None:
        hold = SHOWN_FOR + min(3.0, len(text) / 40)
        self.items = [t for t in self.items if t.text != text][-2:]   # at most three at once
        self.items.append(_Toast(text, self._paint(text, tone), hold))

    def clear(self) -> None:
        self.items.clear()

    def pace(self) -> int:
        """Arriving or fading toasts move; one that sits at full strength does not."""
        moving = any(t.age < FADE_IN or t.age > FADE_IN + t.hold for t in self.items)
        return ACTIVE if moving else STILL

    def update(self, dt: float) -> None:
        for toast in self.items:
            toast.age += dt
        self.items = [t for t in self.items if not t.over]

    def draw(self, surface: pygame.Surface) -> None:
        y = TOP
        for toast in self.items:
            toast.surface.set_alpha(round(255 * toast.alpha))
            # it slides down a few pixels as it arrives
            settle = round(6 * (1 - min(1.0, toast.age / FADE_IN)))
            surface.blit(toast.surface, ((LOGICAL_SIZE[0] - toast.surface.get_width()) // 2, y - settle))
            y += toast.surface.get_height() + GAP

    def _paint(self, text: str, tone: str) -> pygame.Surface:
        font = self.theme.font("toast.text")
        colour = self.theme.colour("toast.text")
        rows = wrap_rows(font, typographic(drawable(text)), MAX_WIDTH - 64, MAX_ROWS)
        row_height = font.get_linesize()
        width = max(font.size(r)[0] for r in rows) + 64
        height = row_height * len(rows) + 24
        card = pygame.Surface((width, height), pygame.SRCALPHA)
        rect = card.get_rect()
        pygame.draw.rect(card, self.theme.colour("toast.text", "dark_bg"), rect, border_radius=height // 2
                         if len(rows) == 1 else 14)
        pygame.draw.rect(card, self.theme.colour("toast.text", "normal_border"), rect, 1,
                         border_radius=height // 2 if len(rows) == 1 else 14)
        dot = self.theme.colour("toast.text", "warning" if tone == "warning" else "accent")
        pygame.draw.circle(card, dot, (24, height // 2), 4)
        for n, row in enumerate(rows):
            card.blit(font.render(row, True, colour), (40, 12 + n * row_height))
        return card


def write_failure(what: str, exc: BaseException) -> str:
    """A toast's words for a failed write: vn.save's errors carry a message for the player."""
    detail = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
    return f"{what} ({drawable(detail, keep_newlines=False)[:200]})."
