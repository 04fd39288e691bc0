"""A column (or row) of pygame_gui buttons that the keyboard can drive as well as the mouse.

Up and Down (Left and Right for a row; Tab and Shift+Tab for both) move a visible focus (the button's themed "selected" state), Enter
or Space press the focused button, and with `number_keys` the keys 1-9 press
the matching button directly. Disabled buttons are skipped. Focus starts
nowhere, so a player tapping Enter to read on can never pick an option by
accident: the first arrow press is what shows the focus.
"""
from __future__ import annotations

from dataclasses import dataclass

import pygame
import pygame_gui
from pygame_gui.elements import UIButton

from .lean_button import LeanButton
from .sizing import COLUMN_GAP

ACTIVATE_KEYS = (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE)
NUMBER_KEYS = {getattr(pygame, f"K_{n}"): n for n in range(1, 10)}
NUMBER_KEYS.update({getattr(pygame, f"K_KP{n}"): n for n in range(1, 10)})


@dataclass(frozen=True)
class Entry:
    key: object          # what process_event returns when this button is pressed
    text: str
    enabled: bool = True


class ButtonColumn:
    def __init__(self, ui, entries: list[Entry], *, left: int, top: int, width: int, height: int,
                 gap: int, object_id: str, container=None, number_keys: bool = False,
                 horizontal: bool = False, per_column: int | None = None):
        self.entries = entries
        self.number_keys = number_keys
        self.horizontal = horizontal
        self.focus: int | None = None
        self.buttons: list[UIButton] = []
        for n, entry in enumerate(entries):
            if horizontal:
                rect = pygame.Rect(left + n * (width + gap), top, width, height)
            else:
                # a column too long for the screen (a large text size) goes on in a second one
                column, row = divmod(n, per_column or len(entries))
                rect = pygame.Rect(left + column * (width + COLUMN_GAP), top + row * (height + gap), width, height)
            button = LeanButton(rect, entry.text, manager=ui, container=container, object_id=object_id)
            if not entry.enabled:
                button.disable()
            self.buttons.append(button)

    def button(self, key) -> UIButton:
        for entry, button in zip(self.entries, self.buttons):
            if entry.key == key:
                return button
        raise KeyError(key)

    @property
    def bottom(self) -> int:
        return self.buttons[-1].relative_rect.bottom if self.buttons else 0

    def focus_rect(self):
        """The focused button's rect, for the focus ring; None when nothing is focused."""
        if self.focus is None or self.focus >= len(self.buttons) or not self.buttons[self.focus].visible:
            return None
        return pygame.Rect(self.buttons[self.focus].rect)

    def set_focus(self, index: int | None) -> None:
        if self.focus is not None and self.focus < len(self.buttons):
            self.buttons[self.focus].unselect()
        self.focus = index
        if index is not None:
            self.buttons[index].select()

    def _move(self, step: int) -> None:
        enabled = [n for n, e in enumerate(self.entries) if e.enabled]
        if not enabled:
            return
        if self.focus is None or self.focus not in enabled:
            self.set_focus(enabled[0] if step > 0 else enabled[-1])
            return
        at = enabled.index(self.focus)
        self.set_focus(enabled[(at + step) % len(enabled)])

    def process_event(self, event: pygame.event.Event):
        """The key of the entry this event pressed, or None."""
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            for entry, button in zip(self.entries, self.buttons):
                if event.ui_element is button:
                    return entry.key
            return None
        if event.type != pygame.KEYDOWN:
            return None
        forward, back = (pygame.K_RIGHT, pygame.K_LEFT) if self.horizontal else (pygame.K_DOWN, pygame.K_UP)
        if event.key in (forward, pygame.K_TAB) and not event.mod & pygame.KMOD_SHIFT:
            self._move(+1)
        elif event.key in (back, pygame.K_TAB):
            self._move(-1)
        elif event.key in ACTIVATE_KEYS and self.focus is not None:
            return self.entries[self.focus].key
        elif self.number_keys and event.key in NUMBER_KEYS:
            n = NUMBER_KEYS[event.key] - 1
            if n < len(self.entries) and self.entries[n].enabled:
                return self.entries[n].key
        return None

    def hide(self) -> None:
        for button in self.buttons:
            button.hide()

    def show(self) -> None:
        for button in self.buttons:
            button.show()

    def kill(self) -> None:
        for button in self.buttons:
            button.kill()
        self.buttons.clear()
