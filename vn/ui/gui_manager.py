"""The pygame_gui manager the app draws its buttons, sliders and labels with.

Imported when the first gui element is needed, not at start-up: importing pygame_gui
and loading its fonts takes a tenth of a second the first frame need not wait for.
"""
from __future__ import annotations

import pygame_gui

from .display import LOGICAL_SIZE


class LetterboxedUIManager(pygame_gui.UIManager):
    """pygame_gui reads the mouse itself for hovering; here it reads the last
    logical pointer position the app saw instead, so hovering stays right
    whatever the window's size and letterbox."""

    pointer = (-1, -1)

    def _update_mouse_position(self):
        self.mouse_position = self.pointer


def make_ui_manager(theme) -> LetterboxedUIManager:
    return LetterboxedUIManager(LOGICAL_SIZE, theme.gui_data, enable_live_theme_updates=False)
