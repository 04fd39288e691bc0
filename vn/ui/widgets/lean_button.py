"""A pygame_gui button that keeps one picture of each state it has drawn, not three."""
from __future__ import annotations

from pygame_gui.elements import UIButton


class LeanButton(UIButton):
    """pygame_gui draws each state of a button (normal, hovered, selected, pressed, disabled) in
    three pictures: the state with its words, the state before its words were laid on, and the
    words alone. The last two are kept only to lay changed words on again (text entry, text
    effects), which a button here never does, and pygame_gui draws them anew whenever it redraws
    the state: a button drops them once drawn. At the title's 320x51 that is 130 KB a state,
    nearly 4 MB for its menu of seven."""

    def update(self, time_delta: float):
        super().update(time_delta)
        shape = self.drawable_shape
        if shape is None:
            return
        for state in shape.states.values():
            if state.text_surface is not None:
                state.text_surface = None
                state.pre_text_surface = None
