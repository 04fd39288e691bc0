"""Laying the screens out again when the player's text size, font, spacing or contrast changes."""
from __future__ import annotations

from .readability import Readability


def restyle_stack(app) -> None:
    """Apply the settings' readability to the theme; if it changed, pygame_gui starts afresh with
    the new fonts and every screen on the stack is laid out again, from the bottom up
    (screen.restyle: most are made again as they were made, the game keeps its story and lays
    out its box and choices anew)."""
    app._restyle_wanted = False
    if not app.theme.set_readability(Readability.of(app.settings)):
        return
    for screen in app.screens:
        screen.drop_elements()
    app._ui = None
    for n, screen in enumerate(list(app.screens)):
        app.screens[n] = screen.restyle()
        if n < len(app.screens) - 1:
            app.screens[n].cover()
