"""The keys that work on every screen (keymap.ANYWHERE): fullscreen, mute, self-voicing
and the help screen. The app offers each key press here before any screen sees it."""
from __future__ import annotations

import pygame

from . import keymap


def handle(app, event: pygame.event.Event) -> bool:
    """Act on an app-wide key; whether `event` was one."""
    if event.type != pygame.KEYDOWN:
        return False
    action = keymap.action_for(event.key, event.mod, keymap.ANYWHERE)
    if action == "fullscreen":
        app.set_fullscreen(not app.display.fullscreen)
    elif action == "mute":
        app.toasts.show("Sound off" if app.audio.toggle_mute() else "Sound on")
        app._persistent_dirty = True
    elif action == "self_voicing":
        app.toasts.show(app.speech.toggle())
        app._persistent_dirty = True
    elif action == "help":
        toggle_help(app)
    else:
        return False
    return True


def toggle_help(app) -> None:
    """F1: the help over whatever is shown; F1 again (or Esc) closes it."""
    if getattr(app.top, "is_help", False):
        app.nav.pop()
    elif app.screens:
        app.nav.push("help")
