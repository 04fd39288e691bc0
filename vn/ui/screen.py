"""The base of every screen on the app's stack.

A screen follows pygame_gui's contract: `process_event(event)`, `update(dt)`,
`draw(surface)`. Events reach it in logical coordinates, after pygame_gui has
had them. The pygame_gui elements a screen creates are registered with
`own()` so the screen can hide them while another screen covers it and kill
them when it leaves the stack.
"""
from __future__ import annotations

from typing import TypeVar

import pygame

from .pacing import STILL

Element = TypeVar("Element")


class Screen:
    # an overlay is drawn over the screen below it instead of replacing it
    overlay = False
    # whether the screen below keeps animating while this one is on top
    animates_below = False
    # what self-voicing says when the screen is reached (its heading)
    spoken_title: str | None = None

    def __init__(self, app):
        self.app = app
        self.theme = app.theme
        self.settings = app.settings
        self._elements: list = []
        self.made_as = None     # the navigator's way to make this screen again (restyle)

    @property
    def ui(self):
        """The app's pygame_gui manager."""
        return self.app.ui

    def own(self, element: Element) -> Element:
        self._elements.append(element)
        return element

    # -- life on the stack ----------------------------------------------------------
    def enter(self) -> None:
        """Now on the stack, on top."""

    def leave(self) -> None:
        """Off the stack for good."""
        for element in self._elements:
            element.kill()
        self._elements.clear()

    def cover(self) -> None:
        """Another screen is now on top of this one."""
        for element in self._elements:
            element.hide()

    def uncover(self) -> None:
        """On top again."""
        for element in self._elements:
            element.show()

    def spoken_focus(self) -> str | None:
        """What self-voicing reads as having the focus: by default the highlighted button of
        the screen's own (a ButtonColumn's focus, or a button selected by the keyboard), else
        the one under the mouse."""
        hovered = None
        for element in self._elements:
            buttons = getattr(element, "buttons", None)
            if buttons is not None and getattr(element, "focus", None) is not None:
                return _button_words(buttons[element.focus])
            for button in buttons if buttons is not None else (element,):
                if getattr(button, "is_selected", False) and button.visible:
                    return _button_words(button)
                if hovered is None and getattr(button, "hovered", False) and button.visible:
                    hovered = _button_words(button)
        return hovered

    def drop_elements(self) -> None:
        """The gui manager is being replaced: this screen's elements go with it."""
        for element in self._elements:
            element.kill()
        self._elements.clear()

    def restyle(self) -> "Screen":
        """The screen laid out with the theme's new fonts and colours (app.restyle): by default
        a new one made as this one was, given what this one carries over (carry_over)."""
        if self.made_as is None:
            return self
        again = self.made_as()
        again.carry_over(self)
        return again

    def carry_over(self, old: "Screen") -> None:
        """Take what the player was doing on `old`, the screen this one replaces."""

    def focus_rect(self):
        """The logical rect of the control with the keyboard focus, for the focus ring; None
        when nothing has it."""
        return None

    def pace(self) -> int:
        """How often this screen needs drawing now (pacing.py); a screen with nothing
        moving is STILL."""
        return STILL

    # -- the pygame_gui contract ------------------------------------------------------
    def process_event(self, event: pygame.event.Event) -> bool:
        return False

    def update(self, dt: float) -> None:
        pass

    def draw(self, surface: pygame.Surface) -> None:
        pass


def _button_words(button) -> str:
    text = getattr(button, "text", "") or ""
    return f"{text}, button" + ("" if button.is_enabled else ", unavailable") if text else ""
