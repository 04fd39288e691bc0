"""The keyboard focus every screen shows: a ring around the focused control, and a cycle of
controls that Tab and Shift+Tab walk.

The app draws the ring over everything (pygame_gui's elements included) around the rect the
top screen's `focus_rect()` gives: a bright band inside a dark one, so it shows on a light
button and on a dark scene alike, and in the theme's accent (yellow in high contrast).
"""
from __future__ import annotations

import pygame

ACTIVATE_KEYS = (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE)
RING_GAP = 4            # pixels between a control and its ring


def draw_focus_ring(surface: pygame.Surface, theme, rect) -> None:
    if rect is None:
        return
    width = max(2, theme.misc("focus.ring", "width", 3))
    ring = pygame.Rect(rect).inflate(2 * RING_GAP + 2 * width, 2 * RING_GAP + 2 * width)
    radius = theme.misc("focus.ring", "corner_radius", 10)
    pygame.draw.rect(surface, theme.colour("focus.ring", "shade"), ring.inflate(4, 4), width + 4,
                     border_radius=radius + 2)
    pygame.draw.rect(surface, theme.colour("focus.ring", "accent"), ring, width, border_radius=radius)


class FocusCycle:
    """Controls in the order Tab reaches them. Each entry is (key, element); an element is a
    pygame_gui button (pressed with Enter or Space, shown "selected" while focused) or any
    object with a `rect` the screen handles itself. Disabled buttons are passed over."""

    def __init__(self, entries: list[tuple[object, object]] | None = None):
        self.entries: list[tuple[object, object]] = list(entries or [])
        self.focus: int | None = None

    def set_entries(self, entries: list[tuple[object, object]], keep=None) -> None:
        self._show(False)
        self.entries = list(entries)
        keys = [key for key, _ in self.entries]
        self.focus = keys.index(keep) if keep in keys else None
        self._show(True)

    @property
    def key(self):
        return self.entries[self.focus][0] if self.focus is not None else None

    @property
    def element(self):
        return self.entries[self.focus][1] if self.focus is not None else None

    def focus_on(self, key) -> None:
        self._show(False)
        keys = [k for k, _ in self.entries]
        self.focus = keys.index(key) if key in keys else None
        self._show(True)

    def clear(self) -> None:
        self._show(False)
        self.focus = None

    def move(self, step: int) -> None:
        usable = [n for n, (_, element) in enumerate(self.entries) if getattr(element, "is_enabled", True)]
        if not usable:
            return
        self._show(False)
        if self.focus not in usable:
            self.focus = usable[0] if step > 0 else usable[-1]
        else:
            self.focus = usable[(usable.index(self.focus) + step) % len(usable)]
        self._show(True)

    def handle_tab(self, event: pygame.event.Event) -> bool:
        """Tab and Shift+Tab move the focus; whether this event was one of them."""
        if event.type != pygame.KEYDOWN or event.key != pygame.K_TAB:
            return False
        self.move(-1 if event.mod & pygame.KMOD_SHIFT else 1)
        return True

    def activated(self, event: pygame.event.Event):
        """The focused entry's key if this event is Enter or Space, else None."""
        if event.type == pygame.KEYDOWN and event.key in ACTIVATE_KEYS and self.focus is not None:
            return self.key
        return None

    def rect(self):
        element = self.element
        return pygame.Rect(element.rect) if element is not None else None

    def _show(self, on: bool) -> None:
        element = self.element
        if element is not None and hasattr(element, "select"):
            element.select() if on else element.unselect()
